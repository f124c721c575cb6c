//! Scoring of attributed statements against gold annotations.
//!
//! A predicted statement is paired with a gold one when their contents overlap (by char span,
//! or by the gold's `content_has` words); pairs are made one-to-one, best overlap first.
//! Then, counting over all predictions (precision) and all gold statements (recall):
//!
//! - **detection**: paired at all;
//! - **source**: paired and the speaker (or its mention, or its span) matches the gold source;
//! - **cue**: paired and the cue matches (gold statements without a cue accept any);
//! - **source+cue**: both;
//! - **content**: char overlap of paired contents over all predicted / all gold content chars;
//! - **outlet** and **relay**: among statements that have one (predicted or gold), paired with
//!   a matching one;
//! - **direct**: accuracy of the direct-quote flag over pairs where the gold states it.
//!
//! Gold statements marked `optional` neither count as misses nor make their matches false
//! alarms.

use super::{f1, ratio};
use serde_json::Value;

use crate::extract::Statement;
use crate::model::CharRange;

/// One gold attribution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldStatement {
    pub id: String,
    /// Acceptable spellings of the source; empty when the gold has no source.
    pub source: Vec<String>,
    pub source_span: Option<CharRange>,
    pub cue: Option<String>,
    pub cue_span: Option<CharRange>,
    /// Acceptable spellings of the outlet; empty when none is expected.
    pub outlet: Vec<String>,
    /// Acceptable spellings of the (first) relay; empty when none is expected.
    pub relay: Vec<String>,
    pub content_span: Option<CharRange>,
    /// Words the predicted content must contain (when there is no span).
    pub content_has: Option<String>,
    pub direct: Option<bool>,
    /// TIMEX3 value of the said time / event time, when annotated.
    pub said: Option<String>,
    pub event: Option<String>,
    pub optional: bool,
    /// Construction class of the gold attribution ("speech", "belief", "headline", …), when
    /// the gold set states one; otherwise the class of the gold cue in our lexicon is used.
    pub class: Option<String>,
}

/// One gold document.
#[derive(Clone, Debug, Default)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub published: Option<chrono::NaiveDate>,
    pub statements: Vec<GoldStatement>,
}

/// Precision and recall counts: `hits` correct out of `predicted` and out of `gold`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub hits_pred: usize,
    pub predicted: usize,
    pub hits_gold: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.hits_pred, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.hits_gold, self.gold)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    fn add(&mut self, o: &Self) {
        self.hits_pred += o.hits_pred;
        self.predicted += o.predicted;
        self.hits_gold += o.hits_gold;
        self.gold += o.gold;
    }
}

/// Scores over one or more documents.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub docs: usize,
    pub detection: Prf,
    pub source: Prf,
    pub cue: Prf,
    pub source_cue: Prf,
    /// Content chars: overlap, predicted, gold.
    pub content_overlap: usize,
    pub content_predicted: usize,
    pub content_gold: usize,
    pub outlet: Prf,
    pub relay: Prf,
    pub direct_correct: usize,
    pub direct_total: usize,
    /// Gold statements not found (doc id, gold id, what was expected).
    pub misses: Vec<String>,
    /// Predictions with no gold (doc id, speaker, cue, content start).
    pub false_alarms: Vec<String>,
    /// Pairs whose source or cue is wrong.
    pub wrong: Vec<String>,
    /// Per gold class: (gold statements detected, gold statements).
    pub by_class: std::collections::BTreeMap<String, (usize, usize)>,
}

impl Report {
    pub fn content(&self) -> Prf {
        Prf {
            hits_pred: self.content_overlap,
            predicted: self.content_predicted,
            hits_gold: self.content_overlap,
            gold: self.content_gold,
        }
    }

    pub fn direct_accuracy(&self) -> f64 {
        ratio(self.direct_correct, self.direct_total)
    }

    pub fn add(&mut self, o: &Self) {
        self.docs += o.docs;
        self.detection.add(&o.detection);
        self.source.add(&o.source);
        self.cue.add(&o.cue);
        self.source_cue.add(&o.source_cue);
        self.content_overlap += o.content_overlap;
        self.content_predicted += o.content_predicted;
        self.content_gold += o.content_gold;
        self.outlet.add(&o.outlet);
        self.relay.add(&o.relay);
        self.direct_correct += o.direct_correct;
        self.direct_total += o.direct_total;
        self.misses.extend(o.misses.iter().cloned());
        self.false_alarms.extend(o.false_alarms.iter().cloned());
        self.wrong.extend(o.wrong.iter().cloned());
        for (k, (h, n)) in &o.by_class {
            let e = self.by_class.entry(k.clone()).or_default();
            e.0 += h;
            e.1 += n;
        }
    }

    /// Detection recall by gold class, one line per class, most frequent first.
    pub fn class_table(&self) -> String {
        let total: usize = self.by_class.values().map(|v| v.1).sum();
        let mut rows: Vec<_> = self.by_class.iter().collect();
        rows.sort_by_key(|(k, v)| (std::cmp::Reverse(v.1), (*k).clone()));
        let mut s = format!(
            "{:<14} {:>6} {:>6} {:>7}\n",
            "gold class", "gold", "found", "recall"
        );
        for (k, (h, n)) in rows {
            s.push_str(&format!(
                "{k:<14} {n:>6} {h:>6} {:>7.3}   ({:.0} % of gold)\n",
                ratio(*h, *n),
                100.0 * ratio(*n, total)
            ));
        }
        s
    }

    /// A plain-text table.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<12} {:>9} {:>9} {:>9}   (docs: {})\n",
            "", "precision", "recall", "F1", self.docs
        );
        let content = self.content();
        for (name, p) in [
            ("detection", &self.detection),
            ("source", &self.source),
            ("cue", &self.cue),
            ("source+cue", &self.source_cue),
            ("content", &content),
            ("outlet", &self.outlet),
            ("relay", &self.relay),
        ] {
            if p.gold == 0 {
                // Nothing annotated to compare with (e.g. no gold spans, no gold outlets).
                s.push_str(&format!(
                    "{name:<12} {:>9} {:>9} {:>9}   (no gold)\n",
                    "-", "-", "-"
                ));
                continue;
            }
            s.push_str(&format!(
                "{:<12} {:>9.3} {:>9.3} {:>9.3}   ({}/{} predicted, {}/{} gold)\n",
                name,
                p.precision(),
                p.recall(),
                p.f1(),
                p.hits_pred,
                p.predicted,
                p.hits_gold,
                p.gold
            ));
        }
        let m = self.detection.hits_pred;
        s.push_str(&format!(
            "among matches: source accuracy {:.3} ({}/{m}), cue accuracy {:.3} ({}/{m})\n",
            ratio(self.source.hits_pred, m),
            self.source.hits_pred,
            ratio(self.cue.hits_pred, m),
            self.cue.hits_pred,
        ));
        s.push_str(&format!(
            "direct flag accuracy {:.3} ({}/{})\n",
            self.direct_accuracy(),
            self.direct_correct,
            self.direct_total
        ));
        s
    }
}

/// Lower-case words without determiners, possessives and punctuation.
fn norm_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(['\'', '’'])
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "a" | "an" | "the"))
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether a predicted name matches one of the gold spellings: equal, or one contains the
/// other as whole words ("Vladyslav Voloshyn" ~ "South Defense Forces spokesperson Vladyslav
/// Voloshyn"; "a spokesperson" ~ "spokesperson").
pub fn name_matches(pred: &str, gold: &[String]) -> bool {
    let p = norm_words(pred);
    gold.iter().any(|g| {
        let g = norm_words(g);
        !g.is_empty() && (p == g || contains_seq(&p, &g) || contains_seq(&g, &p))
    })
}

fn overlaps(a: CharRange, b: CharRange) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn source_ok(p: &Statement, g: &GoldStatement) -> bool {
    if let (Some(gs), Some(ps)) = (g.source_span, p.speaker_span)
        && overlaps(gs, ps) > 0
    {
        return true;
    }
    name_matches(&p.speaker, &g.source) || name_matches(&p.speaker_mention, &g.source)
}

fn cue_ok(p: &Statement, g: &GoldStatement) -> bool {
    if let (Some(gs), Some(ps)) = (g.cue_span, p.cue_span)
        && overlaps(gs, ps) > 0
    {
        return true;
    }
    match &g.cue {
        None => true,
        Some(c) => {
            let (pw, gw) = (norm_words(&p.cue), norm_words(c));
            !pw.is_empty() && (pw == gw || contains_seq(&gw, &pw) || contains_seq(&pw, &gw))
        }
    }
}

/// The class a gold statement is counted under: its stated class, else the lexicon class of
/// its cue ("said Thursday" and "has said" are looked up word by word), else "other".
pub fn gold_class(g: &GoldStatement) -> String {
    if let Some(c) = &g.class {
        return c.clone();
    }
    let Some(cue) = g.cue.as_deref() else {
        return "no cue".to_owned();
    };
    let cue = cue.trim().trim_end_matches(':').to_lowercase();
    std::iter::once(cue.as_str())
        .chain(cue.split_whitespace())
        .find_map(crate::extract::statements::lexicon::lookup)
        .map_or_else(|| "other".to_owned(), |c| c.class.name().to_owned())
}

fn content_overlap(p: &Statement, g: &GoldStatement) -> usize {
    match (g.content_span, &g.content_has) {
        (Some(gs), _) => overlaps(gs, p.content_span),
        (None, Some(has)) if p.content.contains(has.as_str()) => has.chars().count(),
        _ => 0,
    }
}

/// Scores predictions for one document.
pub fn score(doc_id: &str, pred: &[Statement], gold: &[GoldStatement]) -> Report {
    let mut pairs: Vec<(usize, usize, (bool, usize))> = Vec::new();
    for (pi, p) in pred.iter().enumerate() {
        for (gi, g) in gold.iter().enumerate() {
            let ov = content_overlap(p, g);
            if ov > 0 {
                pairs.push((pi, gi, (source_ok(p, g) && cue_ok(p, g), ov)));
            }
        }
    }
    // Best first: right source and cue, then largest overlap.
    pairs.sort_by_key(|p| std::cmp::Reverse(p.2));
    let mut pred_of = vec![None; gold.len()];
    let mut gold_of = vec![None; pred.len()];
    for (pi, gi, _) in pairs {
        if gold_of[pi].is_none() && pred_of[gi].is_none() {
            gold_of[pi] = Some(gi);
            pred_of[gi] = Some(pi);
        }
    }
    let mut r = Report {
        docs: 1,
        ..Report::default()
    };
    for (pi, p) in pred.iter().enumerate() {
        let g = gold_of[pi].map(|gi| &gold[gi]);
        if g.is_some_and(|g| g.optional) {
            continue;
        }
        r.detection.predicted += 1;
        r.source.predicted += 1;
        r.cue.predicted += 1;
        r.source_cue.predicted += 1;
        r.content_predicted += p.content_span.len();
        if p.outlet.is_some() {
            r.outlet.predicted += 1;
        }
        if !p.relay.is_empty() {
            r.relay.predicted += 1;
        }
        let Some(g) = g else {
            r.false_alarms.push(format!(
                "{doc_id}: {} / {} / {:?}",
                p.speaker,
                p.cue,
                p.content.chars().take(60).collect::<String>()
            ));
            continue;
        };
        r.detection.hits_pred += 1;
        let (s, c) = (source_ok(p, g), cue_ok(p, g));
        r.source.hits_pred += usize::from(s);
        r.cue.hits_pred += usize::from(c);
        r.source_cue.hits_pred += usize::from(s && c);
        if !(s && c) {
            r.wrong.push(format!(
                "{doc_id}/{}: predicted {} / {} — gold {:?} / {:?}",
                g.id, p.speaker, p.cue, g.source, g.cue
            ));
        }
        if g.content_span.is_some() {
            r.content_overlap += content_overlap(p, g);
        }
        if let Some(o) = &p.outlet
            && name_matches(o, &g.outlet)
        {
            r.outlet.hits_pred += 1;
        }
        if p.relay.iter().any(|x| name_matches(x, &g.relay)) {
            r.relay.hits_pred += 1;
        }
        if let Some(d) = g.direct {
            r.direct_total += 1;
            r.direct_correct += usize::from(d == p.direct);
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if g.optional {
            continue;
        }
        r.detection.gold += 1;
        let class = r.by_class.entry(gold_class(g)).or_default();
        class.1 += 1;
        class.0 += usize::from(pred_of[gi].is_some());
        r.source.gold += 1;
        r.cue.gold += 1;
        r.source_cue.gold += 1;
        if let Some(s) = g.content_span {
            r.content_gold += s.len();
        }
        if !g.outlet.is_empty() {
            r.outlet.gold += 1;
        }
        if !g.relay.is_empty() {
            r.relay.gold += 1;
        }
        let Some(p) = pred_of[gi].map(|pi| &pred[pi]) else {
            r.misses.push(format!(
                "{doc_id}/{}: {:?} {:?} {:?}",
                g.id, g.source, g.cue, g.content_has
            ));
            continue;
        };
        r.detection.hits_gold += 1;
        let (s, c) = (source_ok(p, g), cue_ok(p, g));
        r.source.hits_gold += usize::from(s);
        r.cue.hits_gold += usize::from(c);
        r.source_cue.hits_gold += usize::from(s && c);
        if !g.outlet.is_empty()
            && p.outlet
                .as_ref()
                .is_some_and(|o| name_matches(o, &g.outlet))
        {
            r.outlet.hits_gold += 1;
        }
        if !g.relay.is_empty() && p.relay.iter().any(|x| name_matches(x, &g.relay)) {
            r.relay.hits_gold += 1;
        }
    }
    r
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn char_find(text: &str, needle: &str) -> Option<CharRange> {
    let b = text.find(needle)?;
    let start = text[..b].chars().count();
    Some(CharRange::new(start, start + needle.chars().count()))
}

/// Gold statements in the seed's style: `source`, `cue`, `outlet`, `relay`, `content_has`
/// (or `content`, an exact substring of `text`), `direct_quote`, `date`, `event_date`,
/// `optional`.
pub fn gold_statements(json: &Value, text: &str) -> Vec<GoldStatement> {
    let Some(items) = json.get("statements").and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|s| {
            let content = s.get("content").and_then(Value::as_str);
            GoldStatement {
                id: s.get("id").and_then(Value::as_str).unwrap_or("").to_owned(),
                source: strings(s.get("source")),
                source_span: None,
                cue: s.get("cue").and_then(Value::as_str).map(str::to_owned),
                cue_span: None,
                outlet: strings(s.get("outlet")),
                relay: strings(s.get("relay")),
                content_span: content.and_then(|c| char_find(text, c)),
                content_has: s
                    .get("content_has")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                direct: s.get("direct_quote").and_then(Value::as_bool),
                said: s.get("date").and_then(Value::as_str).map(str::to_owned),
                event: s
                    .get("event_date")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                optional: s.get("optional").and_then(Value::as_bool).unwrap_or(false),
                class: s.get("class").and_then(Value::as_str).map(str::to_owned),
            }
        })
        .collect()
}

/// A gold set: `{"docs": [{"id", "published", "text", "statements": [...]}]}`.
pub fn gold_docs(json: &Value) -> Vec<GoldDoc> {
    let Some(docs) = json.get("docs").and_then(Value::as_array) else {
        return Vec::new();
    };
    docs.iter()
        .map(|d| {
            let text = d
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            GoldDoc {
                id: d.get("id").and_then(Value::as_str).unwrap_or("").to_owned(),
                published: d
                    .get("published")
                    .and_then(Value::as_str)
                    .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
                statements: gold_statements(d, &text),
                text,
            }
        })
        .collect()
}

/// Attribution relations from a brat standoff file (PolNeAR): `T` lines give Source, Cue
/// and Content spans (possibly discontinuous: `0 5;9 12`), `E` lines tie them together.
pub fn parse_brat(ann: &str, text: &str) -> Vec<GoldStatement> {
    use std::collections::HashMap;
    let mut spans: HashMap<&str, (&str, CharRange)> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut parts = line.split('\t');
        let (Some(id), Some(meta)) = (parts.next(), parts.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let mut m = meta.splitn(2, ' ');
            let (Some(kind), Some(offsets)) = (m.next(), m.next()) else {
                continue;
            };
            let mut lo = usize::MAX;
            let mut hi = 0;
            for frag in offsets.split(';') {
                let mut nums = frag
                    .split_whitespace()
                    .filter_map(|n| n.parse::<usize>().ok());
                if let (Some(a), Some(b)) = (nums.next(), nums.next()) {
                    lo = lo.min(a);
                    hi = hi.max(b);
                }
            }
            if lo < hi {
                spans.insert(id, (kind, CharRange::new(lo, hi)));
            }
        } else if id.starts_with('E') {
            events.push((id, meta));
        }
    }
    let slice = |r: CharRange| crate::model::char_slice(text, r).unwrap_or("").to_owned();
    let mut out = Vec::new();
    for (id, meta) in events {
        let mut g = GoldStatement {
            id: id.to_owned(),
            ..GoldStatement::default()
        };
        let mut is_attr = false;
        for arg in meta.split_whitespace() {
            let Some((role, tid)) = arg.split_once(':') else {
                continue;
            };
            if role.starts_with("Attribution") {
                is_attr = true;
            }
            let Some(&(_, r)) = spans.get(tid) else {
                continue;
            };
            match role {
                "Source" => {
                    g.source = vec![slice(r)];
                    g.source_span = Some(r);
                }
                "Cue" => {
                    g.cue = Some(slice(r));
                    g.cue_span = Some(r);
                }
                "Content" => g.content_span = Some(r),
                _ => {}
            }
        }
        if is_attr && g.content_span.is_some() {
            out.push(g);
        }
    }
    out.sort_by_key(|g| g.content_span.map(|r| r.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pred(speaker: &str, cue: &str, span: (usize, usize)) -> Statement {
        Statement {
            speaker: speaker.into(),
            cue: cue.into(),
            outlet: None,
            relay: Vec::new(),
            direct: false,
            content: String::new(),
            content_span: CharRange::new(span.0, span.1),
            said_time: None,
            event_time: None,
            confidence: 1.0,
            reason: String::new(),
            speaker_mention: speaker.into(),
            speaker_span: None,
            speaker_role: None,
            cue_span: None,
            cue_class: None,
            quantities: Vec::new(),
            comparisons: Vec::new(),
        }
    }

    fn gold(source: &str, cue: &str, span: (usize, usize)) -> GoldStatement {
        GoldStatement {
            source: vec![source.into()],
            cue: Some(cue.into()),
            content_span: Some(CharRange::new(span.0, span.1)),
            ..GoldStatement::default()
        }
    }

    #[test]
    fn names_match_loosely_but_not_wrongly() {
        let g = vec!["Vladyslav Voloshyn".to_owned()];
        assert!(name_matches("Voloshyn", &g));
        assert!(name_matches("spokesperson, Vladyslav Voloshyn", &g));
        assert!(!name_matches("Ukrinform", &g));
        assert!(name_matches("a spokesperson", &["spokesperson".to_owned()]));
        assert!(!name_matches("", &g));
    }

    #[test]
    fn scores_count_pairs_once() {
        let preds = vec![
            pred("Smith", "said", (0, 10)),
            pred("Jones", "said", (2, 8)),
            pred("Lee", "warned", (50, 60)),
        ];
        let golds = vec![
            gold("Smith", "said", (0, 12)),
            gold("Kim", "told", (30, 40)),
        ];
        let r = score("d", &preds, &golds);
        assert_eq!(r.detection.hits_pred, 1);
        assert_eq!(r.detection.predicted, 3);
        assert_eq!(r.detection.gold, 2);
        assert_eq!(r.source_cue.hits_gold, 1);
        assert!((r.source_cue.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.content_overlap, 10);
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.false_alarms.len(), 2);
    }

    #[test]
    fn brat_relations_are_read() {
        let text = "Smith said it rained.";
        let ann = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20\tit rained\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let g = parse_brat(ann, text);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].source, vec!["Smith".to_owned()]);
        assert_eq!(g[0].cue.as_deref(), Some("said"));
        assert_eq!(g[0].content_span, Some(CharRange::new(11, 20)));
    }
}
