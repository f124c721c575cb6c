//! Dated events ("20 soldiers defected … earlier today"), and the numbers and comparisons in
//! claims ("at least 2076 criminal cases", "three times higher than … in 2021").
//!
//! An event candidate is a clause with a placeable time expression and a verb. When the
//! clause is the content of an attributed statement, the event keeps who claims it
//! (`according_to`); when the time expression belongs to the attribution frame ("said on
//! Monday") it dates the saying, not an event, and is skipped.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::sentences::{Document, PlacedTimex};
use super::{Event, Statement, TimexType};
use crate::model::{CharRange, TimeSpan, TimexValue};

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Count,
    Percent,
    Money,
    /// "three times higher", "twice as many".
    Ratio,
}

/// A number in a claim, kept as a structured value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    pub text: String,
    pub span: CharRange,
    pub value: f64,
    /// What is counted: "soldiers", "criminal cases"; the currency for money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// "at least", "more than", "about" …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    pub kind: QuantityKind,
}

/// A comparison in a claim: "three times higher than the recorded cases in 2021".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub text: String,
    pub span: CharRange,
    /// "higher", "lower", "more", "up", "down" …
    pub direction: String,
    /// 3 for "three times higher", 2 for "twice".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// The time compared against, when the comparison names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against: Option<TimeSpan>,
}

const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|a dozen|dozens|hundreds|tens of thousands|thousands|millions|billions";

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:(?-u:\b)(at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|fewer than|less than|as many as|an estimated|estimated|just over|just under|under|close to|upwards of|in excess of|a total of|exactly)\s+)?([$€£])?(?-u:\b)({NUM})(?:[\s-]+(hundred|thousand|million|billion|trillion|bn)(?-u:\b))?(?-u:\b)(\s*%|\s+percent(?-u:\b)|\s+per\s+cent(?-u:\b))?"
    ))
    .expect("quantity regex compiles")
});

static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(twice|double|triple|half|{NUM})\s+times\s+)?(higher|lower|more|less|fewer|greater|larger|smaller|bigger|up|down|increased|decreased|rose|fell|dropped|jumped)(?-u:\b)([^.;!?]{{0,60}}?)(?-u:\b)(than|compared (?:with|to)|from)(?-u:\b)"
    ))
    .expect("comparison regex compiles")
});

static BARE_FACTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(twice|double|triple|(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)\s+times)\s+(?:as\s+(?:many|much|high|large)|higher|lower|more|less|fewer|greater|larger|smaller|bigger)(?-u:\b)")
        .expect("factor regex compiles")
});

fn word_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" | "twice" | "double" => 2.0,
        "three" | "triple" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "a dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "half" => 0.5,
        "a hundred" | "hundreds" => 100.0,
        "dozens" => 24.0,
        "a thousand" | "thousands" => 1_000.0,
        "tens of thousands" => 10_000.0,
        "millions" => 1_000_000.0,
        "billions" => 1_000_000_000.0,
        _ => return None,
    })
}

fn parse_number(s: &str) -> Option<f64> {
    let lower = s.to_lowercase();
    if let Some(v) = word_number(lower.as_str()) {
        return Some(v);
    }
    lower
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Words that end the "what is counted" phrase after a number.
const UNIT_STOP: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "from", "by", "for", "with",
    "who", "which", "that", "have", "has", "had", "were", "was", "are", "is", "be", "been", "will",
    "would", "could", "may", "might", "than", "as", "per", "each", "more", "less", "percent",
    "times", "this", "their", "his", "her", "its", "since", "during", "last", "this", "after",
    "before",
];

const IRREGULAR_PLURALS: &[&str] = &[
    "men",
    "women",
    "people",
    "children",
    "police",
    "personnel",
    "staff",
    "troops",
    "cattle",
    "sheep",
    "fish",
    "deer",
    "aircraft",
    "data",
    "media",
];

/// The counted noun after a number: up to three words, cut after the last plural noun.
fn unit_after(text: &str) -> Option<String> {
    let mut words = Vec::new();
    for w in text.split_whitespace().take(3) {
        let clean = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let cut = clean.len() != w.len();
        if clean.is_empty() || UNIT_STOP.contains(&clean.to_lowercase().as_str()) {
            break;
        }
        if !clean.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        }
        words.push(clean);
        if cut {
            break;
        }
    }
    let is_plural = |w: &&str| {
        let l = w.to_lowercase();
        (l.ends_with('s') && !l.ends_with("ss") && l.len() > 2)
            || IRREGULAR_PLURALS.contains(&l.as_str())
    };
    let last = words.iter().rposition(is_plural)?;
    Some(words[..=last].join(" "))
}

/// Numbers in the byte range `[start, end)` of the document, skipping those that are part
/// of a time expression ("2023") or look like years.
pub fn quantities(doc: &Document, start: usize, end: usize) -> Vec<Quantity> {
    let text = doc.text;
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for caps in QUANTITY.captures_iter(slice) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(3)) else {
            continue;
        };
        let (s, e) = (start + whole.start(), start + whole.end());
        if doc.timexes_in(start, end).any(|t| t.start < e && s < t.end) {
            continue;
        }
        let num_text = num.as_str();
        let Some(mut value) = parse_number(num_text) else {
            continue;
        };
        let after = &slice[whole.end()..];
        // "thousands of people": the counted noun comes after "of".
        let unit = unit_after(after).or_else(|| {
            let t = after.trim_start();
            t.strip_prefix("of ").and_then(unit_after)
        });
        let is_word = num_text.chars().next().is_some_and(char::is_alphabetic);
        let digits_only = num_text.chars().all(|c| c.is_ascii_digit());
        // A bare four-digit number from 1800 to 2100 is a year unless it counts something.
        if digits_only
            && num_text.len() == 4
            && (1800.0..=2100.0).contains(&value)
            && unit.is_none()
        {
            continue;
        }
        let percent = caps.get(5).is_some();
        let money = caps.get(2).map(|m| m.as_str().to_owned());
        // Number words are too often pronouns or idioms ("one of them") without a unit.
        if is_word && unit.is_none() && !percent {
            continue;
        }
        if let Some(scale) = caps.get(4) {
            value *= match scale.as_str().to_lowercase().as_str() {
                "hundred" => 1e2,
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" | "bn" => 1e9,
                "trillion" => 1e12,
                _ => 1.0,
            };
        }
        let kind = if percent {
            QuantityKind::Percent
        } else if money.is_some() {
            QuantityKind::Money
        } else {
            QuantityKind::Count
        };
        let text_end = if kind == QuantityKind::Count {
            unit.as_ref().map_or(e, |u| {
                let skip = after.len() - after.trim_start().len();
                e + skip + u.len()
            })
        } else {
            e
        };
        out.push(Quantity {
            text: text[s..text_end].to_owned(),
            span: doc.chars(s, text_end),
            value,
            unit: if kind == QuantityKind::Money {
                money
            } else {
                unit
            },
            modifier: caps.get(1).map(|m| m.as_str().to_lowercase()),
            kind,
        });
    }
    for caps in BARE_FACTOR.captures_iter(slice) {
        let (Some(whole), Some(f)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let first = f.as_str().split_whitespace().next().unwrap_or("");
        let Some(value) = parse_number(first) else {
            continue;
        };
        let (s, e) = (start + whole.start(), start + whole.end());
        out.retain(|q: &Quantity| {
            let r = doc.chars(s, e);
            !(q.span.start < r.end && r.start < q.span.end)
        });
        out.push(Quantity {
            text: whole.as_str().to_owned(),
            span: doc.chars(s, e),
            value,
            unit: None,
            modifier: None,
            kind: QuantityKind::Ratio,
        });
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// Comparisons in `[start, end)`: "three times higher than the recorded cases in 2021".
/// "more than 4,500" is a quantity's modifier, not a comparison.
pub fn comparisons(doc: &Document, start: usize, end: usize) -> Vec<Comparison> {
    let text = doc.text;
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for caps in COMPARISON.captures_iter(slice) {
        let (Some(whole), Some(dir), Some(than)) = (caps.get(0), caps.get(2), caps.get(4)) else {
            continue;
        };
        let tail = &slice[than.end()..];
        let next_word = tail.split_whitespace().next().unwrap_or("");
        if next_word.is_empty() || parse_number(next_word.trim_end_matches(',')).is_some() {
            continue;
        }
        let tail_end = tail.find([',', ';', '.', '!', '?']).unwrap_or(tail.len());
        let (s, e) = (start + whole.start(), start + than.end() + tail_end);
        let factor = caps
            .get(1)
            .and_then(|f| parse_number(f.as_str()))
            .or_else(|| {
                let l = dir.as_str().to_lowercase();
                (l == "double").then_some(2.0)
            });
        let against = doc
            .timexes_in(start + than.end(), e)
            .find(|t| placeable(t))
            .and_then(|t| t.span.clone());
        out.push(Comparison {
            text: text[s..e].trim_end().to_owned(),
            span: doc.chars(s, e),
            direction: dir.as_str().to_lowercase(),
            factor,
            against,
        });
    }
    out
}

/// A time expression an event or a claim can be placed at.
pub(crate) fn placeable(t: &PlacedTimex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time)
        && !matches!(
            t.value,
            TimexValue::Reference(_) | TimexValue::Duration(_) | TimexValue::Unresolved(_)
        )
        && t.span.is_some()
}

/// Past and irregular verb forms that mark something happening.
const EVENT_VERBS: &[&str] = &[
    "was", "were", "has", "have", "had", "will", "began", "begun", "came", "went", "took", "taken",
    "made", "fell", "fallen", "rose", "risen", "won", "lost", "left", "met", "sent", "held", "hit",
    "struck", "shot", "fought", "built", "sold", "bought", "paid", "spent", "broke", "broken",
    "ran", "led", "fled", "drove", "flew", "gave", "given", "got", "brought", "caught", "chose",
    "did", "done", "became", "become", "grew", "grown", "knew", "froze", "saw", "seen", "stood",
    "threw", "thrown", "wrote", "written", "cut", "set", "put", "quit", "shut", "split", "spread",
    "beat", "sank", "swept", "wounded", "killed", "dies", "die", "opens", "closes", "starts",
    "begins", "ends", "takes",
];

/// Clause-level words a label is cut before.
const LABEL_CUT: &[&str] = &[
    "which",
    "who",
    "while",
    "whereas",
    "because",
    "although",
    "though",
    "after",
    "before",
    "as",
    "when",
    "but",
    "since",
    "according",
];

fn has_event_verb(label: &str) -> Option<String> {
    label
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| {
            let starts_lower = w.chars().next().is_some_and(char::is_lowercase);
            starts_lower && ((w.len() > 4 && w.ends_with("ed")) || EVENT_VERBS.contains(w))
        })
        .map(str::to_owned)
}

/// Prepositions and adverbs that belong to a time expression and go with it from the label.
const TIME_LEAD: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "by",
    "since",
    "until",
    "from",
    "just",
    "only",
    "already",
    "as",
    "early",
    "earlier",
    "of",
    "throughout",
    "over",
];

/// A short subject–verb–object label: the clause without its time expression, trimmed to the
/// first clause boundary.
fn label(clause: &str, timex: (usize, usize)) -> String {
    let (ts, te) = timex;
    // Remove the time expression and the words that lead into it ("just in").
    let mut before = clause[..ts].trim_end();
    loop {
        let (head, last) = match before.rsplit_once(char::is_whitespace) {
            Some((h, l)) => (h, l),
            None => ("", before),
        };
        if !last.is_empty() && TIME_LEAD.contains(&last.to_lowercase().as_str()) {
            before = head.trim_end();
        } else {
            break;
        }
    }
    let after = &clause[te..];
    let joined = format!("{before} {after}");
    let mut words: Vec<&str> = joined.split_whitespace().collect();
    // Leading punctuation, "that" and conjunctions.
    while let Some(first) = words.first() {
        let l = first
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if l.is_empty()
            || matches!(
                l.as_str(),
                "that" | "and" | "but" | "so" | "however" | "meanwhile" | "then" | "also"
            )
        {
            words.remove(0);
        } else {
            break;
        }
    }
    let mut out: Vec<&str> = Vec::new();
    for w in words {
        let l = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if out.len() >= 4 && (LABEL_CUT.contains(&l.as_str()) || l == "and") {
            break;
        }
        if out.len() >= 14 {
            break;
        }
        let ends_clause = w.ends_with([',', ';', ':', '.', '!', '?']);
        out.push(w);
        if ends_clause && out.len() >= 4 {
            break;
        }
    }
    let s = out.join(" ");
    s.trim_start_matches([',', ' ', '—', '–'])
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '%')
        .to_owned()
}

/// Event candidates: one per sentence (or statement content) that has a placeable time and a
/// verb.
pub fn extract(doc: &Document, statements: &[Statement]) -> Vec<Event> {
    let text = doc.text;
    let mut out = Vec::new();
    // Byte ranges of statement contents and attribution frames, with the speaker.
    let contents: Vec<(usize, usize, &Statement)> = statements
        .iter()
        .map(|s| {
            (
                doc.index.byte_at(s.content_span.start),
                doc.index.byte_at(s.content_span.end),
                s,
            )
        })
        .collect();
    // For each sentence, the content covering most of it: one sweep over the contents and
    // the sentences each one touches, not a scan of every content per sentence.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; doc.sentences.len()];
    for (k, (cs, ce, _)) in contents.iter().enumerate() {
        let (Some(first), Some(last)) =
            (doc.sentence_at(*cs), doc.sentence_at(ce.saturating_sub(1)))
        else {
            continue;
        };
        for (i, sent) in doc.sentences.iter().enumerate().take(last + 1).skip(first) {
            let ov = (*ce).min(sent.end).saturating_sub((*cs).max(sent.start));
            if ov > 0 && best[i].is_none_or(|(_, b)| ov > b) {
                best[i] = Some((k, ov));
            }
        }
    }
    for (si, sent) in doc.sentences.iter().enumerate() {
        let (ss, se) = (sent.start, sent.end);
        // The part of the sentence a claim's content covers, if any.
        let inner = best[si].map(|(k, _)| &contents[k]);
        let (seg_s, seg_e, claimed) = match inner {
            Some((cs, ce, st)) => ((*cs).max(ss), (*ce).min(se), Some(*st)),
            None => (ss, se, None),
        };
        if seg_s >= seg_e {
            continue;
        }
        // Only sentences with a placeable time can hold an event; the comparison scan (a
        // regex) runs only for them.
        if !doc.timexes_in(seg_s, seg_e).any(placeable) {
            continue;
        }
        let compared: Vec<CharRange> = comparisons(doc, seg_s, seg_e)
            .into_iter()
            .map(|c| c.span)
            .collect();
        let Some(t) = doc.timexes_in(seg_s, seg_e).find(|t| {
            let r = doc.chars(t.start, t.end);
            placeable(t)
                && !compared
                    .iter()
                    .any(|c| c.start <= r.start && r.end <= c.end)
        }) else {
            continue;
        };
        let clause = &text[seg_s..seg_e];
        let lbl = label(clause, (t.start - seg_s, t.end - seg_s));
        let Some(verb) = has_event_verb(&lbl) else {
            continue;
        };
        if lbl.split_whitespace().count() < 2 {
            continue;
        }
        let qs = quantities(doc, seg_s, seg_e);
        let span = t.span.clone();
        let mut confidence: f32 = 0.6;
        if !qs.is_empty() {
            confidence += 0.1;
        }
        if claimed.is_some() {
            confidence += 0.1;
        }
        if span.as_ref().is_some_and(|s| s.approximate) {
            confidence *= 0.8;
        }
        let timex_text = &text[t.start..t.end];
        let reason = match claimed {
            Some(st) => format!(
                "time '{timex_text}' + verb '{verb}' in the content of a statement by {}",
                st.speaker
            ),
            None => format!("time '{timex_text}' + verb '{verb}' in the sentence"),
        };
        out.push(Event {
            text: lbl,
            time: span,
            evidence: doc.chars(seg_s, seg_e),
            confidence,
            reason,
            time_span: Some(doc.chars(t.start, t.end)),
            quantities: qs,
            according_to: claimed.map(|s| s.speaker.clone()),
            tags: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Timex;

    fn doc_with<'a>(text: &'a str, timexes: &[(&str, &str)]) -> Document<'a> {
        let anchor = chrono::NaiveDate::from_ymd_opt(2025, 8, 21);
        let tx: Vec<Timex> = timexes
            .iter()
            .map(|(words, value)| {
                let b = text.find(words).expect("timex text in test text");
                let start = text[..b].chars().count();
                let span = TimeSpan::parse(value, anchor).ok();
                Timex {
                    text: (*words).to_owned(),
                    start,
                    end: start + words.chars().count(),
                    kind: TimexType::Date,
                    value: value.parse().expect("test value parses"),
                    interval: None,
                    span,
                }
            })
            .collect();
        Document::new(text, &tx, anchor)
    }

    #[test]
    fn quantities_are_structured() {
        let t = "Over 4,500 soldiers have deserted; at least 2076 criminal cases were recorded in 2023, about 20% more, costing $5 billion. Thousands of people fled.";
        let doc = doc_with(t, &[("2023", "2023")]);
        let q = quantities(&doc, 0, t.len());
        let find = |s: &str| q.iter().find(|q| q.text.starts_with(s));
        let a = find("Over 4,500").expect("4,500");
        assert_eq!(
            (a.value, a.unit.as_deref(), a.modifier.as_deref()),
            (4500.0, Some("soldiers"), Some("over"))
        );
        let b = find("at least 2076").expect("2076");
        assert_eq!(
            (b.value, b.unit.as_deref()),
            (2076.0, Some("criminal cases"))
        );
        assert_eq!(
            find("about 20%").map(|q| q.kind),
            Some(QuantityKind::Percent)
        );
        let m = find("$5 billion").expect("money");
        assert_eq!((m.value, m.kind), (5e9, QuantityKind::Money));
        assert_eq!(find("Thousands").map(|q| q.value), Some(1000.0));
        assert!(q.iter().all(|q| q.value != 2023.0), "{q:?}");
    }

    #[test]
    fn ratios_and_comparisons() {
        let t = "It is three times higher than the recorded cases in 2021, which was before. More than 400 people came.";
        let doc = doc_with(t, &[("2021", "2021")]);
        let c = comparisons(&doc, 0, t.len());
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].factor, Some(3.0));
        assert_eq!(c[0].direction, "higher");
        assert_eq!(
            c[0].against.as_ref().map(|s| s.value.to_string()),
            Some("2021".into())
        );
        let q = quantities(&doc, 0, t.len());
        assert!(
            q.iter()
                .any(|q| q.kind == QuantityKind::Ratio && q.value == 3.0),
            "{q:?}"
        );
    }

    #[test]
    fn events_need_time_and_verb() {
        let t = "Earlier today, 20 Muscovite soldiers defected from their positions and offered to surrender. The weather is nice in August.";
        let doc = doc_with(t, &[("Earlier today", "2025-08-20"), ("August", "2025-08")]);
        let ev = extract(&doc, &[]);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            ev[0].text,
            "20 Muscovite soldiers defected from their positions"
        );
        assert_eq!(
            ev[0].time.as_ref().map(|s| s.value.to_string()),
            Some("2025-08-20".into())
        );
        assert_eq!(ev[0].quantities.first().map(|q| q.value), Some(20.0));
    }

    #[test]
    fn labels_drop_the_time_and_trailing_clauses() {
        let clause = "just in the first six months of 2023, at least 2076 criminal cases were recorded, which accused soldiers";
        let ts = clause.find("the first").unwrap_or(0);
        let te = ts + "the first six months of 2023".len();
        assert_eq!(
            label(clause, (ts, te)),
            "at least 2076 criminal cases were recorded"
        );
    }
}
