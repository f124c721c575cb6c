//! Scoring of temporal expressions against gold annotations (gold JSON, TimeML, MEANTIME).
//!
//! TempEval-3 style: a prediction matches a gold expression *strictly* when the extents are
//! equal and *relaxedly* when they overlap (one-to-one, greedy by overlap). Type and value
//! are judged on relaxed matches, reported as accuracy over the matches and as F1 (correct
//! attribute and overlapping extent, over all predictions and all gold).
//!
//! Gold items marked `optional` are neither required nor penalised: predictions overlapping
//! them are ignored. A gold item's `acceptable` values all count as right.

use chrono::NaiveDate;

use crate::extract::{Timex, TimexType};
use crate::model::TimexValue;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("gold JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("gold: {0}")]
    Format(String),
}

/// One gold expression; offsets are chars, end-exclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldTimex {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: Option<TimexType>,
    pub value: String,
    pub acceptable: Vec<String>,
    pub optional: bool,
}

/// A document with its gold expressions and the date relative ones resolve against.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    pub name: String,
    pub text: String,
    pub anchor: Option<NaiveDate>,
    pub timexes: Vec<GoldTimex>,
}

#[derive(serde::Deserialize)]
struct JsonGold {
    #[serde(default)]
    reference_date: Option<String>,
    #[serde(default)]
    timex: Vec<JsonTimex>,
}

#[derive(serde::Deserialize)]
struct JsonTimex {
    text: String,
    span: [usize; 2],
    value: String,
    #[serde(default, rename = "type")]
    kind: Option<TimexType>,
    #[serde(default)]
    acceptable: Vec<String>,
    #[serde(default)]
    optional: bool,
}

/// Parses gold in the JSON format of `tests/fixtures/orikhiv-desertions.json` for `text`.
pub fn parse_gold_json(name: &str, json: &str, text: &str) -> Result<GoldDoc, EvalError> {
    let g: JsonGold = serde_json::from_str(json)?;
    let anchor = g
        .reference_date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok());
    let mut timexes: Vec<GoldTimex> = g
        .timex
        .into_iter()
        .map(|t| GoldTimex {
            text: t.text,
            start: t.span[0],
            end: t.span[1],
            kind: t.kind,
            value: t.value,
            acceptable: t.acceptable,
            optional: t.optional,
        })
        .collect();
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(GoldDoc {
        name: name.to_owned(),
        text: text.to_owned(),
        anchor,
        timexes,
    })
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + name.len()..];
        if before_ok && let Some(v) = after.trim_start().strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let v = &v[1..];
                return v.find(q).map(|e| &v[..e]);
            }
        }
        rest = after;
    }
    None
}

fn kind_of(s: &str) -> Option<TimexType> {
    match s {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        _ => None,
    }
}

fn anchor_of(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    for (name, c) in [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ] {
        if s.starts_with(name) {
            return Some((c, name.len()));
        }
    }
    None
}

/// Parses a TimeML `.tml` document: the text inside `<TEXT>` with tags removed, its
/// TIMEX3s, and the DCT as anchor.
pub fn parse_timeml(name: &str, tml: &str) -> Result<GoldDoc, EvalError> {
    let anchor = tml
        .find("<DCT>")
        .and_then(|i| {
            let rest = &tml[i..];
            let end = rest.find("</DCT>")?;
            attr(&rest[..end], "value")
        })
        .and_then(anchor_of);
    let body_start = tml
        .find("<TEXT>")
        .map(|i| i + "<TEXT>".len())
        .ok_or_else(|| EvalError::Format(format!("{name}: no <TEXT>")))?;
    let body_end = tml[body_start..]
        .find("</TEXT>")
        .map_or(tml.len(), |i| body_start + i);
    let body = &tml[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    let mut open: Option<(usize, Option<TimexType>, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(body.len(), |e| i + e + 1);
            let tag = &body[i..end];
            if tag.starts_with("<TIMEX3") {
                open = Some((
                    chars,
                    attr(tag, "type").and_then(kind_of),
                    attr(tag, "value").unwrap_or("").to_owned(),
                ));
            } else if tag.starts_with("</TIMEX3")
                && let Some((start, kind, value)) = open.take()
            {
                {
                    let t: String = text.chars().skip(start).collect();
                    timexes.push(GoldTimex {
                        text: t,
                        start,
                        end: chars,
                        kind,
                        value,
                        acceptable: Vec::new(),
                        optional: false,
                    });
                }
            }
            i = end;
            continue;
        }
        let (c, len) = decode_entity(rest).unwrap_or_else(|| {
            let c = rest.chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        });
        text.push(c);
        chars += 1;
        i += len;
    }
    Ok(GoldDoc {
        name: name.to_owned(),
        text,
        anchor,
        timexes,
    })
}

/// MEANTIME annotates the title (sentence 0) and the first five sentences of each article.
const MEANTIME_ANNOTATED_SENTENCES: u32 = 6;

/// Parses a MEANTIME CAT XML document. The text is rebuilt from its tokens (one space
/// between tokens, a newline between sentences), so extents are token-exact; only the
/// annotated sentences are kept.
pub fn parse_meantime(name: &str, xml: &str) -> Result<GoldDoc, EvalError> {
    use std::collections::HashMap;
    let mut text = String::new();
    let mut chars = 0usize;
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut last_sentence: Option<String> = None;
    let mut rest = xml;
    while let Some(i) = rest.find("<token ") {
        let after = &rest[i..];
        let Some(gt) = after.find('>') else { break };
        let tag = &after[..gt];
        let Some(close) = after.find("</token>") else {
            break;
        };
        let raw = &after[gt + 1..close];
        let sentence = attr(tag, "sentence").map(str::to_owned);
        if sentence
            .as_deref()
            .and_then(|s| s.parse::<u32>().ok())
            .is_some_and(|s| s >= MEANTIME_ANNOTATED_SENTENCES)
        {
            break;
        }
        if !text.is_empty() {
            if sentence != last_sentence {
                text.push('\n');
            } else {
                text.push(' ');
            }
            chars += 1;
        }
        last_sentence = sentence;
        let start = chars;
        let mut j = 0;
        while j < raw.len() {
            let (c, len) = decode_entity(&raw[j..]).unwrap_or_else(|| {
                let c = raw[j..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            });
            text.push(c);
            chars += 1;
            j += len;
        }
        if let Some(id) = attr(tag, "t_id") {
            spans.insert(id.to_owned(), (start, chars));
        }
        rest = &after[close..];
    }
    let mut timexes = Vec::new();
    let mut anchor = None;
    let mut rest = xml;
    while let Some(i) = rest.find("<TIMEX3 ") {
        let after = &rest[i..];
        let end = after.find("</TIMEX3>").unwrap_or(after.len());
        let block = &after[..end];
        let tag = &block[..block.find('>').unwrap_or(block.len())];
        let value = attr(tag, "value").unwrap_or("").to_owned();
        let mut range: Option<(usize, usize)> = None;
        let mut b = block;
        while let Some(k) = b.find("t_id=\"") {
            let v = &b[k + 6..];
            let id = &v[..v.find('"').unwrap_or(0)];
            if let Some(&(s, e)) = spans.get(id) {
                range = Some(range.map_or((s, e), |(rs, re)| (rs.min(s), re.max(e))));
            }
            b = &v[id.len()..];
        }
        let dct = attr(tag, "functionInDocument") == Some("CREATION_TIME");
        if dct {
            anchor = anchor_of(&value);
        }
        if let Some((s, e)) = range {
            timexes.push(GoldTimex {
                text: text.chars().skip(s).take(e - s).collect(),
                start: s,
                end: e,
                kind: attr(tag, "type").and_then(kind_of),
                value,
                acceptable: Vec::new(),
                // The dateline is not annotated as a mention: neither required nor wrong.
                optional: dct,
            });
        }
        rest = &after[end.min(after.len())..];
        if end == after.len() {
            break;
        }
        rest = &rest["</TIMEX3>".len().min(rest.len())..];
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(GoldDoc {
        name: name.to_owned(),
        text,
        anchor,
        timexes,
    })
}

/// Counts behind the scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Required gold expressions.
    pub gold: usize,
    /// Predictions, not counting those on optional gold.
    pub predicted: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub type_ok: usize,
    pub value_ok: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }
}

/// Precision, recall, F1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

fn prf(hit: usize, predicted: usize, gold: usize) -> Prf {
    let p = if predicted == 0 {
        0.0
    } else {
        hit as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        hit as f64 / gold as f64
    };
    Prf {
        p,
        r,
        f1: super::f1(p, r),
    }
}

impl Counts {
    pub fn strict(&self) -> Prf {
        prf(self.strict, self.predicted, self.gold)
    }
    pub fn relaxed(&self) -> Prf {
        prf(self.relaxed, self.predicted, self.gold)
    }
    /// Correct type among relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        super::ratio(self.type_ok, self.relaxed)
    }
    /// Correct value among relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        super::ratio(self.value_ok, self.relaxed)
    }
    pub fn type_f1(&self) -> Prf {
        prf(self.type_ok, self.predicted, self.gold)
    }
    pub fn value_f1(&self) -> Prf {
        prf(self.value_ok, self.predicted, self.gold)
    }
}

/// What went wrong in one document, for reading.
#[derive(Clone, Debug, PartialEq)]
pub enum Mismatch {
    Missed {
        gold: GoldTimex,
    },
    Spurious {
        text: String,
        start: usize,
        value: String,
    },
    Extent {
        gold: GoldTimex,
        text: String,
    },
    Value {
        gold: GoldTimex,
        value: String,
    },
    Type {
        gold: GoldTimex,
        kind: TimexType,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocScore {
    pub counts: Counts,
    pub mismatches: Vec<Mismatch>,
}

/// TIMEX3 values written differently but meaning the same compare equal: decades,
/// centuries and quarters in durations (`P1DE` = `P10Y`, `P2Q` = `P6M`), zero-padded weeks
/// (`1998-W7` = `1998-W07`), and anything that parses to the same value.
pub fn normalise_value(v: &str) -> String {
    let v = v.trim();
    let mut s = v.to_owned();
    if let Some(body) = v.strip_prefix('P') {
        for (suffix, scale) in [("DE", 10u64), ("CE", 100), ("ML", 1000)] {
            if let Some(n) = body.strip_suffix(suffix)
                && let Ok(n) = n.parse::<u64>()
            {
                s = format!("P{}Y", n * scale);
            }
        }
        if let Some(n) = body.strip_suffix('Q')
            && let Ok(n) = n.parse::<u64>()
        {
            s = format!("P{}M", n * 3);
        }
    }
    if let Some((y, w)) = s.split_once("-W")
        && w.len() == 1
        && w.bytes().all(|b| b.is_ascii_digit())
    {
        s = format!("{y}-W0{w}");
    }
    match s.parse::<TimexValue>() {
        Ok(t) => t.to_string(),
        Err(_) => s,
    }
}

fn value_matches(gold: &GoldTimex, predicted: &str) -> bool {
    let p = normalise_value(predicted);
    std::iter::once(&gold.value)
        .chain(&gold.acceptable)
        .any(|g| normalise_value(g) == p)
}

/// Scores one document's predictions.
pub fn score_doc(gold: &GoldDoc, predicted: &[Timex]) -> DocScore {
    let mut score = DocScore::default();
    let overlap = |a: (usize, usize), b: (usize, usize)| {
        let lo = a.0.max(b.0);
        let hi = a.1.min(b.1);
        hi.saturating_sub(lo)
    };
    let mut used = vec![false; predicted.len()];
    // Optional gold absorbs the predictions that overlap it.
    for g in gold.timexes.iter().filter(|g| g.optional) {
        for (k, p) in predicted.iter().enumerate() {
            if !used[k] && overlap((g.start, g.end), (p.start, p.end)) > 0 {
                used[k] = true;
            }
        }
    }
    let required: Vec<&GoldTimex> = gold.timexes.iter().filter(|g| !g.optional).collect();
    score.counts.gold = required.len();
    score.counts.predicted = used.iter().filter(|u| !**u).count();
    for g in required {
        let best = predicted
            .iter()
            .enumerate()
            .filter(|(k, _)| !used[*k])
            .map(|(k, p)| (k, overlap((g.start, g.end), (p.start, p.end))))
            .filter(|(_, o)| *o > 0)
            .max_by_key(|(_, o)| *o);
        let Some((k, _)) = best else {
            score.mismatches.push(Mismatch::Missed { gold: g.clone() });
            continue;
        };
        used[k] = true;
        let p = &predicted[k];
        score.counts.relaxed += 1;
        if p.start == g.start && p.end == g.end {
            score.counts.strict += 1;
        } else {
            score.mismatches.push(Mismatch::Extent {
                gold: g.clone(),
                text: p.text.clone(),
            });
        }
        if g.kind.is_none_or(|k| k == p.kind) {
            score.counts.type_ok += 1;
        } else {
            score.mismatches.push(Mismatch::Type {
                gold: g.clone(),
                kind: p.kind,
            });
        }
        let v = p.value.to_string();
        if value_matches(g, &v) {
            score.counts.value_ok += 1;
        } else {
            score.mismatches.push(Mismatch::Value {
                gold: g.clone(),
                value: v,
            });
        }
    }
    for (k, p) in predicted.iter().enumerate() {
        if !used[k] {
            score.mismatches.push(Mismatch::Spurious {
                text: p.text.clone(),
                start: p.start,
                value: p.value.to_string(),
            });
        }
    }
    score
}

/// A corpus-level report.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub docs: usize,
    pub counts: Counts,
    pub per_doc: Vec<(String, DocScore)>,
}

impl Report {
    pub fn add(&mut self, name: &str, score: DocScore) {
        self.docs += 1;
        self.counts += score.counts;
        self.per_doc.push((name.to_owned(), score));
    }

    /// The TempEval-3 style table.
    pub fn table(&self, title: &str) -> String {
        let c = &self.counts;
        let (s, r, t, v) = (c.strict(), c.relaxed(), c.type_f1(), c.value_f1());
        let mut out = String::new();
        out.push_str(&format!(
            "{title}: {} docs, {} gold, {} predicted\n",
            self.docs, c.gold, c.predicted
        ));
        out.push_str("                 P       R       F1\n");
        for (name, x) in [
            ("strict extent", s),
            ("relaxed extent", r),
            ("type", t),
            ("value", v),
        ] {
            out.push_str(&format!(
                "{name:<15} {:>6.4}  {:>6.4}  {:>6.4}\n",
                x.p, x.r, x.f1
            ));
        }
        out.push_str(&format!(
            "type accuracy  {:.4}   value accuracy  {:.4}   (over {} relaxed matches)\n",
            c.type_accuracy(),
            c.value_accuracy(),
            c.relaxed
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeml_text_and_spans() {
        let tml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">19980108</TIMEX3></DCT>
<TEXT>Sales &amp; profit rose <TIMEX3 tid="t1" type="DATE" value="1997">last year</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml("x", tml).unwrap();
        assert_eq!(d.anchor, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.text, "Sales & profit rose last year.");
        assert_eq!(d.timexes.len(), 1);
        let t = &d.timexes[0];
        assert_eq!(t.text, "last year");
        assert_eq!((t.start, t.end), (20, 29));
        assert_eq!(t.kind, Some(TimexType::Date));
    }

    #[test]
    fn values_normalise() {
        assert_eq!(normalise_value("P1DE"), "P10Y");
        assert_eq!(normalise_value("P2Q"), "P6M");
        assert_eq!(normalise_value("2000-W7"), "2000-W07");
        assert_eq!(normalise_value("PRESENT_REF"), "PRESENT_REF");
    }

    fn timex(text: &str, start: usize, value: &str) -> Timex {
        Timex {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            kind: TimexType::Date,
            value: value.parse().unwrap(),
            interval: None,
            span: None,
        }
    }

    #[test]
    fn strict_relaxed_and_optional() {
        let gold = GoldDoc {
            name: "d".into(),
            text: String::new(),
            anchor: None,
            timexes: vec![
                GoldTimex {
                    text: "last year".into(),
                    start: 10,
                    end: 19,
                    kind: Some(TimexType::Date),
                    value: "2024".into(),
                    acceptable: vec![],
                    optional: false,
                },
                GoldTimex {
                    text: "now".into(),
                    start: 30,
                    end: 33,
                    kind: None,
                    value: "PRESENT_REF".into(),
                    acceptable: vec![],
                    optional: true,
                },
                GoldTimex {
                    text: "2021".into(),
                    start: 40,
                    end: 44,
                    kind: None,
                    value: "2021".into(),
                    acceptable: vec![],
                    optional: false,
                },
            ],
        };
        let pred = vec![
            timex("year", 15, "2023"),
            timex("now", 30, "PRESENT_REF"),
            timex("2022", 50, "2022"),
        ];
        let s = score_doc(&gold, &pred);
        assert_eq!(
            s.counts,
            Counts {
                gold: 2,
                predicted: 2,
                strict: 0,
                relaxed: 1,
                type_ok: 1,
                value_ok: 0
            }
        );
        assert!((s.counts.relaxed().f1 - 0.5).abs() < 1e-9);
        assert_eq!(s.mismatches.len(), 4);
    }
}
