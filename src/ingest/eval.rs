//! Scoring main-content extraction: word-level precision, recall and F1 of extracted text
//! against the true article body, as bags of words (CleanEval style). A word counts as
//! matched as many times as it occurs in both.

use crate::extract::eval::f1;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WordScore {
    /// Words in both (multiset intersection).
    pub matched: usize,
    /// Words extracted.
    pub extracted: usize,
    /// Words in the true body.
    pub gold: usize,
}

impl WordScore {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.extracted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// Micro-average: sums the counts.
    pub fn add(&mut self, other: WordScore) {
        self.matched += other.matched;
        self.extracted += other.extracted;
        self.gold += other.gold;
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Lower-cased words: runs of letters and digits (punctuation and layout do not count).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

pub fn score(extracted: &str, gold: &str) -> WordScore {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let gold_words = words(gold);
    for w in &gold_words {
        *counts.entry(w.clone()).or_default() += 1;
    }
    let extracted_words = words(extracted);
    let mut matched = 0;
    for w in &extracted_words {
        if let Some(c) = counts.get_mut(w)
            && *c > 0
        {
            *c -= 1;
            matched += 1;
        }
    }
    WordScore {
        matched,
        extracted: extracted_words.len(),
        gold: gold_words.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_bags_of_words() {
        let s = score("The cat sat. Share this!", "the cat sat on the mat");
        assert_eq!((s.matched, s.extracted, s.gold), (3, 5, 6));
        assert!((s.precision() - 0.6).abs() < 1e-9);
        assert!((s.recall() - 0.5).abs() < 1e-9);
        assert!((s.f1() - 6.0 / 11.0).abs() < 1e-9);
        assert_eq!(score("", "").f1(), 1.0);
        assert_eq!(score("x", "y").f1(), 0.0);
    }
}
