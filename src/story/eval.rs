//! Scoring a story digest against a journalists' timeline (date F1, ROUGE concat and align+ m:1).
//!
//! The measures are those of Martschat & Markert (2017), "Improving ROUGE for Timeline
//! Summarization" (EACL), as the `tilse` package computes them (`tilse/evaluation/rouge.py`,
//! `dates.py`, `util.py`), with its default ROUGE: the ROUGE-1.5.5 Perl script run as
//! `-n 2 -f A -m -s -t 2` (Porter stemming, stop words removed, raw counts).
//!
//! * **Tokens** ([`rouge_tokens`]), as ROUGE-1.5.5 reads a summary: all of a summary's
//!   sentences joined, lowercased, every character other than ASCII `a-z0-9` a separator;
//!   stop words dropped (our own list of function words, where ROUGE ships the SMART list); tokens longer
//!   than three letters Porter-stemmed (ROUGE's own Porter variant, below). N-grams run over
//!   what is left, across sentence (and, for concat, day) boundaries, as in the script.
//! * **Counts** for one summary against one reference: hits = clipped n-gram matches,
//!   peer = the summary's n-grams, model = the reference's n-grams.
//! * **concat** ([`rouge_concat`]): all days' sentences of each timeline, in date order, as one
//!   summary; P = hits / peer, R = hits / model.
//! * **align+ m:1** ([`rouge_align_m1`]): every predicted day is aligned to the gold day of least
//!   cost `(1 - 1/(|Δdays| + 1)) · (1 - F)`, where F is tilse's quick ROUGE-1 F between the two
//!   days (whitespace tokens, case kept, no stemming or stop words); ties go to the earlier
//!   day. P = Σ hits/(|Δ|+1) / Σ peer over predicted days. Recall aligns the other way (every
//!   gold day to its cheapest predicted day): R = Σ hits/(|Δ|+1) / Σ model over gold days.
//! * **date F1** ([`date_f1`]): the sets of dates, P = |both| / |predicted|, R = |both| / |gold|.
//!
//! Deviations from tilse, all small:
//! * ROUGE's stemmer first looks a word up in WordNet's irregular forms (`children` → `child`,
//!   `began` → `begin`); that table is not carried here, so such words only get Porter.
//! * Gold sentences are Penn-Treebank tokenised: `-LRB-`/`-RRB-` become brackets (ROUGE would
//!   have counted `lrb`/`rrb` as words) and quote tokens are dropped, so that plain and
//!   tokenised text score alike ([`normalise_ptb`]). For the same reason the alignment's quick
//!   F splits words from punctuation and ignores quotes, where tilse split at spaces only.
//! * A block with an invalid date is skipped and two blocks of one date are merged (tilse
//!   would keep the last block); an empty prediction scores 0 rather than failing.
//! * Only one gold timeline per call (tilse pools several references).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::timex::{TagOptions, tag};
use crate::model::Precision;

/// Days in date order, each with its sentences.
pub type Timeline = Vec<(NaiveDate, Vec<String>)>;

/// Precision, recall and their harmonic mean.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { 0.0 }
}

/// Reads a Timeline17 timeline: a line `YYYY-MM-DD`, that day's sentences one a line, a line
/// of dashes. Blocks with an invalid date are skipped; blocks of the same date are merged.
pub fn parse_timeline(text: &str) -> Timeline {
    let mut days: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    // The day of the block being read; None before the first block and inside a block whose
    // date line did not parse.
    let mut current: Option<NaiveDate> = None;
    let mut in_block = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.len() >= 3 && line.chars().all(|c| c == '-') {
            (current, in_block) = (None, false);
        } else if let Ok(day) = NaiveDate::parse_from_str(line, "%Y-%m-%d") {
            (current, in_block) = (Some(day), true);
            days.entry(day).or_default();
        } else if !in_block {
            // A block's first line that is not a valid date (`2011-04-0`): skip the block.
            (current, in_block) = (None, true);
        } else if let Some(day) = current {
            days.entry(day).or_default().push(line.to_string());
        }
    }
    days.into_iter().collect()
}

/// Number of dates and sentences per date to ask a system for: the gold number of dates and
/// the average number of sentences per gold date, rounded (at least 1).
pub fn digest_size(gold: &Timeline) -> (usize, usize) {
    let n = gold.len();
    let sentences: usize = gold.iter().map(|(_, s)| s.len()).sum();
    let k = (sentences as f64 / n.max(1) as f64).round().max(1.0) as usize;
    (n, k)
}

/// Penn-Treebank tokens back to plain text: bracket tokens to brackets, quote tokens dropped.
/// Plain text passes through unchanged except for runs of spaces.
pub fn normalise_ptb(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !matches!(*w, "``" | "''"))
        .map(|w| match w {
            "-LRB-" => "(",
            "-RRB-" => ")",
            "-LSB-" => "[",
            "-RSB-" => "]",
            "-LCB-" => "{",
            "-RCB-" => "}",
            w => w,
        })
        .collect();
    words.join(" ")
}

/// The precision, recall and F1 of the predicted set of dates against the gold set.
pub fn date_f1(predicted: &[NaiveDate], gold: &[NaiveDate]) -> Prf {
    let p: HashSet<_> = predicted.iter().collect();
    let g: HashSet<_> = gold.iter().collect();
    let both = p.intersection(&g).count() as f64;
    Prf::new(ratio(both, p.len() as f64), ratio(both, g.len() as f64))
}

/// The words of `text` as ROUGE-1.5.5 (`-m -s`) counts them: lowercased ASCII letter and digit
/// runs, stop words dropped, words of more than three letters Porter-stemmed.
pub fn rouge_tokens(text: &str) -> Vec<String> {
    normalise_ptb(text)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(|w| {
            if w.len() > 3 {
                porter_stem(w)
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Hits, peer n-grams and model n-grams of one summary against one reference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    hit: usize,
    peer: usize,
    model: usize,
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut counts = HashMap::new();
    for gram in tokens.windows(n.max(1)) {
        *counts.entry(gram).or_insert(0) += 1;
    }
    counts
}

fn rouge_counts(peer: &[String], model: &[String], n: usize) -> Counts {
    let p = ngrams(peer, n);
    let m = ngrams(model, n);
    let hit = m
        .iter()
        .map(|(g, &c)| c.min(p.get(g).copied().unwrap_or(0)))
        .sum();
    Counts {
        hit,
        peer: p.values().sum(),
        model: m.values().sum(),
    }
}

/// Each day's ROUGE tokens, sentences joined in order.
fn day_tokens(tl: &Timeline) -> Vec<Vec<String>> {
    tl.iter()
        .map(|(_, sents)| sents.iter().flat_map(|s| rouge_tokens(s)).collect())
        .collect()
}

/// Sorted by date, days of one date merged.
fn canonical(tl: &Timeline) -> Timeline {
    let mut days: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for (d, sents) in tl {
        days.entry(*d).or_default().extend(sents.iter().cloned());
    }
    days.into_iter().collect()
}

/// ROUGE-`n` "concat": each timeline's sentences, in date order, as one summary.
pub fn rouge_concat(pred: &Timeline, gold: &Timeline, n: usize) -> Prf {
    let p: Vec<String> = day_tokens(&canonical(pred)).concat();
    let g: Vec<String> = day_tokens(&canonical(gold)).concat();
    let c = rouge_counts(&p, &g, n);
    Prf::new(
        ratio(c.hit as f64, c.peer as f64),
        ratio(c.hit as f64, c.model as f64),
    )
}

/// tilse's cheap tokens for the alignment: words and single punctuation marks, case kept,
/// quotes ignored.
fn approx_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in normalise_ptb(text).chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() && !matches!(c, '"' | '\'' | '`' | '‘' | '’' | '“' | '”') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// tilse's `compute_rouge_approximation`: unigram F1 between two days' bags of tokens.
fn approx_f1(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> f64 {
    let hit: usize = a
        .iter()
        .map(|(t, &c)| c.min(b.get(t).copied().unwrap_or(0)))
        .sum();
    let p = ratio(hit as f64, a.values().sum::<usize>() as f64);
    let r = ratio(hit as f64, b.values().sum::<usize>() as f64);
    Prf::new(p, r).f1
}

fn days_apart(a: NaiveDate, b: NaiveDate) -> f64 {
    (a - b).num_days().unsigned_abs() as f64
}

/// ROUGE-`n` "align+ m:1": each predicted day scored against its cheapest gold day, the hits
/// discounted by 1/(days apart + 1); recall likewise from the gold side.
pub fn rouge_align_m1(pred: &Timeline, gold: &Timeline, n: usize) -> Prf {
    let (pred, gold) = (canonical(pred), canonical(gold));
    if pred.is_empty() || gold.is_empty() {
        return Prf::default();
    }
    let bags = |tl: &Timeline| -> Vec<HashMap<String, usize>> {
        tl.iter()
            .map(|(_, sents)| {
                let mut bag = HashMap::new();
                for t in sents.iter().flat_map(|s| approx_tokens(s)) {
                    *bag.entry(t).or_insert(0) += 1;
                }
                bag
            })
            .collect()
    };
    let (pb, gb) = (bags(&pred), bags(&gold));
    // cost[i][j]: predicted day i against gold day j.
    let cost: Vec<Vec<f64>> = pred
        .iter()
        .enumerate()
        .map(|(i, (pd, _))| {
            gold.iter()
                .enumerate()
                .map(|(j, (gd, _))| {
                    let date_factor = 1.0 - 1.0 / (days_apart(*pd, *gd) + 1.0);
                    date_factor * (1.0 - approx_f1(&pb[i], &gb[j]))
                })
                .collect()
        })
        .collect();
    let argmin = |values: &mut dyn Iterator<Item = f64>| -> usize {
        let mut best = (0, f64::INFINITY);
        for (k, v) in values.enumerate() {
            if v < best.1 {
                best = (k, v);
            }
        }
        best.0
    };
    let (pt, gt) = (day_tokens(&pred), day_tokens(&gold));
    let (mut p_num, mut p_den, mut r_num, mut r_den) = (0.0, 0.0, 0.0, 0.0);
    for (i, (pd, _)) in pred.iter().enumerate() {
        let j = argmin(&mut cost[i].iter().copied());
        let c = rouge_counts(&pt[i], &gt[j], n);
        p_num += c.hit as f64 / (days_apart(*pd, gold[j].0) + 1.0);
        p_den += c.peer as f64;
    }
    for (j, (gd, _)) in gold.iter().enumerate() {
        let i = argmin(&mut cost.iter().map(|row| row[j]));
        let c = rouge_counts(&pt[i], &gt[j], n);
        r_num += c.hit as f64 / (days_apart(pred[i].0, *gd) + 1.0);
        r_den += c.model as f64;
    }
    Prf::new(ratio(p_num, p_den), ratio(r_num, r_den))
}

// ---------------------------------------------------------------------------------------------
// Baselines

/// One article: its publication date (if known) and its sentences in order.
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub published: Option<NaiveDate>,
    pub sentences: Vec<String>,
}

/// The N days with the most articles published (ties: earlier day first), each with the first
/// K sentences of that day's articles in order.
pub fn busiest_days(articles: &[Article], n: usize, k: usize) -> Timeline {
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in articles.iter().filter_map(|a| a.published) {
        *per_day.entry(d).or_insert(0) += 1;
    }
    let mut ranked: Vec<(NaiveDate, usize)> = per_day.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut days: Vec<NaiveDate> = ranked.into_iter().take(n).map(|(d, _)| d).collect();
    days.sort();
    days.into_iter()
        .map(|d| {
            let sents = articles
                .iter()
                .filter(|a| a.published == Some(d))
                .flat_map(|a| a.sentences.iter())
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .take(k)
                .map(str::to_string)
                .collect();
            (d, sents)
        })
        .collect()
}

/// The days an article names with day precision (or finer), as (sentence index, day), in text
/// order. Relative dates resolve against the publication date.
pub fn day_mentions(article: &Article) -> Vec<(usize, NaiveDate)> {
    let text = article.sentences.join("\n");
    // Char offset at which each sentence starts.
    let mut starts = Vec::with_capacity(article.sentences.len());
    let mut at = 0;
    for s in &article.sentences {
        starts.push(at);
        at += s.chars().count() + 1;
    }
    let options = TagOptions {
        anchor: article.published,
        day_first: false,
    };
    tag(&text, &options)
        .into_iter()
        .filter_map(|t| {
            let span = t.span?;
            (span.precision >= Precision::Day).then(|| {
                let sentence = starts.partition_point(|&s| s <= t.start).saturating_sub(1);
                (sentence, span.start.date())
            })
        })
        .collect()
}

/// The N days most often named (see [`day_mentions`]; ties: earlier day first), each with the
/// first K distinct sentences, in article order, that name it. `mentions[i]` are the mentions
/// of `articles[i]`.
pub fn most_mentioned_days(
    articles: &[Article],
    mentions: &[Vec<(usize, NaiveDate)>],
    n: usize,
    k: usize,
) -> Timeline {
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for (_, d) in mentions.iter().flatten() {
        *per_day.entry(*d).or_insert(0) += 1;
    }
    let mut ranked: Vec<(NaiveDate, usize)> = per_day.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut days: Vec<NaiveDate> = ranked.into_iter().take(n).map(|(d, _)| d).collect();
    days.sort();
    days.into_iter()
        .map(|d| {
            let mut sents: Vec<String> = Vec::new();
            for (a, ms) in articles.iter().zip(mentions) {
                for &(i, _) in ms.iter().filter(|(_, md)| *md == d) {
                    let s = a.sentences[i].trim();
                    if sents.len() < k && !s.is_empty() && !sents.iter().any(|x| x == s) {
                        sents.push(s.to_string());
                    }
                }
            }
            (d, sents)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Stop words and stemmer, as ROUGE-1.5.5 applies them

/// English function words, written for this project, and the single letters that splitting
/// at punctuation leaves ("BP's" → `bp s`, "U.S." → `u s`). ROUGE-1.5.5 drops the SMART list
/// (about 570 words, which it ships and which is not copied here); this shorter list of the
/// words that carry no news scores within a few thousandths of it (docs/EXTRACTION.md).
const STOP_LIST: &str = "\
a about above after again against all almost also although always am among an and another
any anyone anything are around as at be became because become been before being below
between both but by can cannot could did do does doing done down during each either else
ever every few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just least less like many may me might more
most much must my myself neither no nor not now of off often on once one only or other
others otherwise our ours ourselves out over own per perhaps quite rather same several
shall she should since so some something still such than that the their theirs them
themselves then there therefore these they this those though through thus to too toward
towards under until up upon us very was we well were what whatever when whenever where
whereas whether which while who whoever whom whose why will with within without would yet
you your yours yourself yourselves
b c d e f g h j k l m n o p q r s t u v w x y z
";

static STOP_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_LIST.split_whitespace().collect());

/// Regexes of ROUGE-1.5.5's Porter stemmer (Porter 1980, as in its Perl version).
struct PorterRe {
    /// m > 0: `[C]VC…`.
    mgr0: Regex,
    /// m = 1: `[C]VC[V]`.
    meq1: Regex,
    /// m > 1: `[C]VCVC…`.
    mgr1: Regex,
    /// The stem has a vowel.
    vowel: Regex,
    /// Consonant-vowel-consonant, the last not w, x or y (`*o`).
    cvc: Regex,
}

static PORTER: LazyLock<PorterRe> = LazyLock::new(|| {
    const C: &str = "[^aeiou][^aeiouy]*";
    const V: &str = "[aeiouy][aeiou]*";
    let re = |s: String| Regex::new(&s).expect("static regex");
    PorterRe {
        mgr0: re(format!("^({C})?{V}{C}")),
        meq1: re(format!("^({C})?{V}{C}({V})?$")),
        mgr1: re(format!("^({C})?{V}{C}{V}{C}")),
        vowel: re(format!("^({C})?[aeiouy]")),
        cvc: re(format!("^{C}[aeiouy][^aeiouwxy]$")),
    }
});

/// The longest of `suffixes` that `w` ends with, as (stem, suffix).
fn split_suffix<'a>(w: &'a str, suffixes: &[&'a str]) -> Option<(&'a str, &'a str)> {
    suffixes
        .iter()
        .filter(|s| w.len() > s.len() && w.ends_with(**s))
        .max_by_key(|s| s.len())
        .map(|s| (&w[..w.len() - s.len()], *s))
}

/// Porter-stems a lowercase ASCII word the way ROUGE-1.5.5 does: Porter (1980) with the
/// script's step 4, which tries its list (with `-ement`, without `-ment` and `-ent`), then
/// `-ment`, then `-ent` or else `-sion`/`-tion`, one after the other.
pub fn porter_stem(word: &str) -> String {
    if word.len() < 3 || !word.is_ascii() {
        return word.to_string();
    }
    let re = &*PORTER;
    // An initial y is a consonant: upper-case it so the vowel classes skip it.
    let initial_y = word.starts_with('y');
    let mut w = if initial_y {
        format!("Y{}", &word[1..])
    } else {
        word.to_string()
    };

    // Step 1a.
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w[..w.len() - 1].ends_with('s') {
        w.pop();
    }
    // Step 1b.
    if let Some(stem) = w.strip_suffix("eed") {
        if re.mgr0.is_match(stem) {
            w.pop();
        }
    } else if let Some(stem) = w.strip_suffix("ed").or_else(|| w.strip_suffix("ing"))
        && re.vowel.is_match(stem)
    {
        w = stem.to_string();
        let b = w.as_bytes();
        let n = b.len();
        if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
            w.push('e');
        } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
            w.pop();
        } else if re.cvc.is_match(&w) {
            w.push('e');
        }
    }
    // Step 1c.
    if let Some(stem) = w.strip_suffix('y')
        && re.vowel.is_match(stem)
    {
        w = format!("{stem}i");
    }
    // Step 2.
    const STEP2: [(&str, &str); 21] = [
        ("ational", "ate"),
        ("tional", "tion"),
        ("enci", "ence"),
        ("anci", "ance"),
        ("izer", "ize"),
        ("bli", "ble"),
        ("alli", "al"),
        ("entli", "ent"),
        ("eli", "e"),
        ("ousli", "ous"),
        ("ization", "ize"),
        ("ation", "ate"),
        ("ator", "ate"),
        ("alism", "al"),
        ("iveness", "ive"),
        ("fulness", "ful"),
        ("ousness", "ous"),
        ("aliti", "al"),
        ("iviti", "ive"),
        ("biliti", "ble"),
        ("logi", "log"),
    ];
    const STEP3: [(&str, &str); 7] = [
        ("icate", "ic"),
        ("ative", ""),
        ("alize", "al"),
        ("iciti", "ic"),
        ("ical", "ic"),
        ("ful", ""),
        ("ness", ""),
    ];
    for table in [&STEP2[..], &STEP3[..]] {
        let suffixes: Vec<&str> = table.iter().map(|(s, _)| *s).collect();
        if let Some((stem, suffix)) = split_suffix(&w, &suffixes)
            && re.mgr0.is_match(stem)
        {
            let to = table
                .iter()
                .find(|(s, _)| *s == suffix)
                .map_or("", |(_, t)| *t);
            w = format!("{stem}{to}");
        }
    }
    // Step 4.
    const STEP4: [&str; 16] = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];
    if let Some((stem, _)) = split_suffix(&w, &STEP4)
        && re.mgr1.is_match(stem)
    {
        w = stem.to_string();
    }
    if let Some(stem) = w.strip_suffix("ment")
        && re.mgr1.is_match(stem)
    {
        w = stem.to_string();
    }
    if let Some(stem) = w.strip_suffix("ent") {
        if re.mgr1.is_match(stem) {
            w = stem.to_string();
        }
    } else if (w.ends_with("sion") || w.ends_with("tion")) && w.len() > 4 {
        let stem = &w[..w.len() - 3];
        if re.mgr1.is_match(stem) {
            w = stem.to_string();
        }
    }
    // Step 5.
    if let Some(stem) = w.strip_suffix('e')
        && (re.mgr1.is_match(stem) || (re.meq1.is_match(stem) && !re.cvc.is_match(stem)))
    {
        w = stem.to_string();
    }
    if w.ends_with("ll") && re.mgr1.is_match(&w) {
        w.pop();
    }
    if initial_y {
        w.replace_range(0..1, "y");
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn tl(days: &[(&str, &[&str])]) -> Timeline {
        days.iter()
            .map(|(day, sents)| (d(day), sents.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn parses_skips_invalid_dates_and_merges_repeated_ones() {
        let text = "2010-04-20\nThe rig explodes .\n--------------------------------\n\
                    2011-04-0\nA stray line .\n--------------------------------\n\
                    2010-04-22\nThe rig sinks .\nOil leaks .\n--------------------------------\n\
                    2010-04-20\nEleven die .\n--------------------------------\n";
        let t = parse_timeline(text);
        assert_eq!(
            t,
            tl(&[
                ("2010-04-20", &["The rig explodes .", "Eleven die ."]),
                ("2010-04-22", &["The rig sinks .", "Oil leaks ."]),
            ])
        );
        assert_eq!(digest_size(&t), (2, 2));
    }

    #[test]
    fn ptb_and_plain_text_tokenise_alike() {
        let ptb = "The blast `` killed '' 11 workers -LRB- BP 's rig -RRB- in the U.S. ,";
        let plain = "The blast \"killed\" 11 workers (BP's rig) in the U.S.,";
        assert_eq!(
            normalise_ptb(ptb),
            "The blast killed 11 workers ( BP 's rig ) in the U.S. ,"
        );
        assert_eq!(rouge_tokens(ptb), rouge_tokens(plain));
        // "the", "in", "s", "u", "us" are stop words; "workers" and "killed" are stemmed.
        assert_eq!(
            rouge_tokens(plain),
            ["blast", "kill", "11", "worker", "bp", "rig"]
        );
        assert_eq!(approx_tokens(ptb), approx_tokens(plain));
    }

    #[test]
    fn porter_stems_like_the_reference_examples() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("generalizations", "gener"),
            ("replacement", "replac"),
            ("governments", "govern"),
            ("adoption", "adopt"),
            ("dependent", "depend"),
            ("controlling", "control"),
            ("yelling", "yell"),
            ("shore", "shore"),
            ("2010", "2010"),
        ] {
            assert_eq!(porter_stem(w), s, "{w}");
        }
    }

    #[test]
    fn date_f1_of_sets() {
        let p = date_f1(
            &[d("2010-04-20"), d("2010-04-21"), d("2010-05-01")],
            &[
                d("2010-04-20"),
                d("2010-05-01"),
                d("2010-06-01"),
                d("2010-07-15"),
            ],
        );
        assert!(close(p.precision, 2.0 / 3.0));
        assert!(close(p.recall, 0.5));
        assert!(close(p.f1, 4.0 / 7.0));
        assert_eq!(date_f1(&[], &[d("2010-04-20")]), Prf::default());
    }

    #[test]
    fn concat_counts_clipped_ngrams_across_days() {
        // Tokens after stop words and stemming: pred "oil leak gulf" + "oil pipe cap";
        // gold "oil leak" + "pipe cap" + "spill".
        let pred = tl(&[
            ("2010-04-22", &["Oil leaks into the Gulf."]),
            ("2010-07-15", &["Oil pipe capped."]),
        ]);
        let gold = tl(&[
            ("2010-04-22", &["Oil leaks"]),
            ("2010-07-15", &["Pipe capped", "Spill"]),
        ]);
        let r1 = rouge_concat(&pred, &gold, 1);
        // Hits: oil ×1 (clipped to gold's one), leak, pipe, cap = 4 of 6 predicted, 5 gold.
        assert!(close(r1.precision, 4.0 / 6.0));
        assert!(close(r1.recall, 4.0 / 5.0));
        let r2 = rouge_concat(&pred, &gold, 2);
        // Pred bigrams: oil-leak leak-gulf gulf-oil oil-pipe pipe-cap (5);
        // gold: oil-leak leak-pipe pipe-cap cap-spill (4). Hits: oil-leak, pipe-cap.
        assert!(close(r2.precision, 2.0 / 5.0));
        assert!(close(r2.recall, 2.0 / 4.0));
    }

    #[test]
    fn align_m1_discounts_by_distance_and_aligns_by_content() {
        let gold = tl(&[
            ("2010-04-20", &["Rig explodes"]),
            ("2010-04-22", &["Rig sinks"]),
        ]);
        // 2010-04-21 is one day from both gold days; its content matches the 22nd better.
        let pred = tl(&[("2010-04-21", &["Rig sinks"])]);
        let r = rouge_align_m1(&pred, &gold, 1);
        // Precision: aligned to the 22nd, 2 hits / 2 words, halved.
        assert!(close(r.precision, 0.5));
        // Recall: both gold days align to the only predicted day: (1/2 + 2/2) / 4 words.
        assert!(close(r.recall, (0.5 + 1.0) / 4.0));

        // Exact dates: no discount; a second predicted day far off adds only to the denominator.
        let pred = tl(&[
            ("2010-04-20", &["Rig explodes"]),
            ("2010-09-19", &["Leak sealed"]),
        ]);
        let r = rouge_align_m1(&pred, &gold, 1);
        // P: 04-20 → 04-20 (2 hits); 09-19 → nearest cost (04-22, no overlap): 0 hits. 2/4.
        assert!(close(r.precision, 0.5));
        // R: 04-20 ← 04-20 (2/2); 04-22 ← 04-20 (cost 2/3·(1-0.5)): "rig", 1 hit / (2 days + 1).
        assert!(close(r.recall, (2.0 + 1.0 / 3.0) / 4.0));
        let r2 = rouge_align_m1(&pred, &gold, 2);
        assert!(close(r2.precision, 1.0 / 2.0));
        assert!(close(r2.recall, 1.0 / 2.0));
        assert_eq!(rouge_align_m1(&Timeline::new(), &gold, 1), Prf::default());
    }

    #[test]
    fn busiest_days_take_the_first_sentences_of_the_first_articles() {
        let art = |day: &str, sents: &[&str]| Article {
            published: Some(d(day)),
            sentences: sents.iter().map(|s| s.to_string()).collect(),
        };
        let arts = [
            art("2010-04-21", &["A1."]),
            art("2010-04-22", &["B1.", ""]),
            art("2010-04-22", &["C1.", "C2."]),
            art("2010-04-23", &["D1."]),
            art("2010-04-23", &["E1."]),
        ];
        // Ties (2 and 2) broken by the earlier day; sentences run on into the next article.
        assert_eq!(
            busiest_days(&arts, 2, 2),
            tl(&[
                ("2010-04-22", &["B1.", "C1."]),
                ("2010-04-23", &["D1.", "E1."])
            ])
        );
    }

    #[test]
    fn most_mentioned_days_count_day_precise_dates() {
        let art = |day: &str, sents: &[&str]| Article {
            published: Some(d(day)),
            sentences: sents.iter().map(|s| s.to_string()).collect(),
        };
        let arts = [
            art(
                "2010-05-02",
                &[
                    "The rig exploded on April 20, 2010.",
                    "Oil has leaked since May 2010.",
                    "It sank on April 22.",
                ],
            ),
            art("2010-05-03", &["The April 20 explosion killed 11."]),
        ];
        let mentions: Vec<_> = arts.iter().map(day_mentions).collect();
        assert_eq!(mentions[0], [(0, d("2010-04-20")), (2, d("2010-04-22"))]);
        assert_eq!(
            most_mentioned_days(&arts, &mentions, 1, 2),
            tl(&[(
                "2010-04-20",
                &[
                    "The rig exploded on April 20, 2010.",
                    "The April 20 explosion killed 11."
                ]
            )])
        );
    }
}
