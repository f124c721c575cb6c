//! Sentence segmentation for English news text, and the byte ↔ char offset tables the
//! extractors share.
//!
//! Rules, in order: a line break always ends a sentence (news text puts paragraphs on their
//! own lines); `.`, `!`, `?`, `…` and `...` end a sentence when followed by white space and
//! something that can start one. Abbreviations are split into two kinds: titles ("Gen.",
//! "Mr.") never end a sentence, ambiguous ones ("U.S.", "Sept.", "Inc.") only when the next
//! word is a typical sentence opener ("in the U.S. The …"). A URL after a full stop
//! ("… clothing. pic.twitter.com/…") starts a new segment, so that an embedded post's
//! signature stands apart from its last sentence.

use chrono::NaiveDate;

use super::{Timex, TimexType};
use crate::model::{CharRange, TimeSpan, TimexValue};

/// One sentence: byte offsets into the text, trimmed of surrounding white space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (line block) the sentence is in.
    pub paragraph: usize,
}

/// Byte ↔ char offset conversion for one text, built once (O(n)) so that every conversion
/// afterwards is O(1).
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// `char_of_byte[b]` = number of chars before byte `b` (for every byte, including the
    /// ones inside a multi-byte char, which map to the char they belong to).
    char_of_byte: Vec<u32>,
    /// `byte_of_char[c]` = byte offset of char `c`; one extra entry for the end.
    byte_of_char: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut char_of_byte = Vec::with_capacity(text.len() + 1);
        let mut byte_of_char = Vec::with_capacity(text.len() / 2 + 1);
        for (n, (b, c)) in text.char_indices().enumerate() {
            byte_of_char.push(b as u32);
            for _ in 0..c.len_utf8() {
                char_of_byte.push(n as u32);
            }
        }
        let chars = byte_of_char.len() as u32;
        char_of_byte.push(chars);
        byte_of_char.push(text.len() as u32);
        Self {
            char_of_byte,
            byte_of_char,
        }
    }

    /// Char offset of a byte offset (clamped to the end of the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let last = self.char_of_byte.len() - 1;
        self.char_of_byte[byte.min(last)] as usize
    }

    /// Byte offset of a char offset (clamped to the end of the text).
    pub fn byte_at(&self, ch: usize) -> usize {
        let last = self.byte_of_char.len() - 1;
        self.byte_of_char[ch.min(last)] as usize
    }

    /// A byte range as a char range.
    pub fn range(&self, start: usize, end: usize) -> CharRange {
        CharRange::new(self.char_at(start), self.char_at(end))
    }

    /// Number of chars in the text.
    pub fn chars(&self) -> usize {
        self.byte_of_char.len() - 1
    }
}

/// Abbreviations that are (almost) never the end of a sentence: titles before names.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "adm", "cmdr", "gov",
    "sen", "rep", "rev", "prof", "hon", "pres", "supt", "det", "insp", "brig", "fr", "messrs",
    "mme", "mlle", "no", "nos", "vol", "vs", "v", "mt", "ft", "cf", "e.g", "i.e", "approx", "esp",
    "fig", "gens", "reps", "sens", "sr", "jr", "st", "ave", "blvd",
];

/// Abbreviations that may end a sentence ("… in the U.S. The …").
const AMBIGUOUS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "inc", "corp", "co", "ltd", "plc", "llc",
    "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "etc", "al", "est", "dept", "univ", "govt", "n.y", "l.a", "u.s.a",
];

/// Words that typically open a sentence; after an ambiguous abbreviation they signal a break.
pub(crate) const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "meanwhile",
    "however",
    "according",
    "some",
    "many",
    "most",
    "no",
    "if",
    "for",
    "since",
    "still",
    "then",
    "also",
    "officials",
    "experts",
    "both",
    "one",
    "two",
    "three",
    "earlier",
    "later",
    "last",
    "during",
];

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›' | '‘' | '“'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Splits `text` into sentences.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut paragraph = 0usize;
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if lead + trail < seg.len() {
            out.push(Sentence {
                start: s + lead,
                end: e - trail,
                paragraph,
            });
        }
    };
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        if c == '\n' {
            push(&mut out, start, i, paragraph);
            // A blank line (or any line break) starts a new paragraph.
            let mut j = i;
            while j < text.len() && (bytes[j] == b'\n' || bytes[j] == b'\r') {
                j += 1;
            }
            paragraph += 1;
            start = j;
            i = j;
            continue;
        }
        if !is_terminator(c) {
            i += clen;
            continue;
        }
        // Consume the run of terminators and closing quotes/brackets.
        let term_start = i;
        let mut j = i;
        let mut dots = 0;
        while let Some(d) = text[j..].chars().next() {
            if is_terminator(d) {
                if d == '.' || d == '…' {
                    dots += 1;
                }
                j += d.len_utf8();
            } else if is_closer(d) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let ellipsis = c == '…' || dots >= 3;
        // Must be followed by white space (or the end).
        let after = &text[j..];
        let Some(ws) = after.chars().next() else {
            i = j;
            continue;
        };
        if !ws.is_whitespace() {
            i = j;
            continue;
        }
        if ws == '\n' {
            // The line break handles it.
            i = j;
            continue;
        }
        let rest = after.trim_start_matches([' ', '\t', '\u{a0}']);
        let next_pos = text.len() - rest.len();
        let Some(n) = rest.chars().next() else {
            i = j;
            continue;
        };
        let prev_word = word_before(text, term_start);
        let breaks = if rest.starts_with("pic.twitter.com") || rest.starts_with("http") {
            true
        } else if n.is_lowercase() {
            false
        } else if c == '.' && !ellipsis {
            period_breaks(prev_word, rest, n)
        } else if ellipsis {
            n.is_uppercase() || matches!(n, '“' | '"')
        } else {
            true
        };
        if breaks {
            push(&mut out, start, j, paragraph);
            start = next_pos;
        }
        i = j.max(i + clen);
    }
    push(&mut out, start, text.len(), paragraph);
    out
}

/// The word (letters, digits and internal periods) that ends at `end`.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..].trim_start_matches('.')
}

fn period_breaks(prev: &str, rest: &str, next: char) -> bool {
    let lower = prev.to_lowercase();
    if lower.is_empty() {
        return true;
    }
    // A single capital letter is an initial ("John F. Kennedy").
    let mut cs = prev.chars();
    if let (Some(only), None) = (cs.next(), cs.next())
        && only.is_uppercase()
    {
        return false;
    }
    let next_word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    let dotted = lower.contains('.');
    if AMBIGUOUS.contains(&lower.as_str()) || dotted {
        if next.is_ascii_digit() {
            return false;
        }
        return matches!(next, '“' | '"' | '‘') || SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    true
}

/// Char ranges of the sentences of `text` (convenience for callers that work in chars).
pub fn sentence_ranges(text: &str) -> Vec<CharRange> {
    let index = CharIndex::new(text);
    split(text)
        .into_iter()
        .map(|s| index.range(s.start, s.end))
        .collect()
}

/// One temporal expression with byte offsets, as the statement and event rules use it.
#[derive(Clone, Debug)]
pub struct PlacedTimex {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: TimexValue,
    /// Where it sits on the calendar, if it can be placed.
    pub span: Option<TimeSpan>,
}

/// The shared analysis of one text: sentences, offset tables and time expressions, built
/// once and read by every extractor.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub index: CharIndex,
    pub sentences: Vec<Sentence>,
    /// Sorted by start.
    pub timexes: Vec<PlacedTimex>,
    /// The publication date: the upper bound of every said time.
    pub published: Option<NaiveDate>,
    /// Stretches with a time of their own (live-blog updates, embedded posts), as byte
    /// ranges with that time; see `Source::anchors`.
    pub anchors: Vec<((usize, usize), TimeSpan)>,
}

impl<'a> Document<'a> {
    /// `timexes` are in char offsets, as [`super::timex::tag`] returns them.
    pub fn new(text: &'a str, timexes: &[Timex], published: Option<NaiveDate>) -> Self {
        let index = CharIndex::new(text);
        let mut placed: Vec<PlacedTimex> = timexes
            .iter()
            .filter(|t| t.start < t.end && t.end <= index.chars())
            .map(|t| PlacedTimex {
                start: index.byte_at(t.start),
                end: index.byte_at(t.end),
                kind: t.kind,
                value: t.value.clone(),
                span: t
                    .span
                    .clone()
                    .or_else(|| TimeSpan::from_value(t.value.clone(), published).ok())
                    .map(|s| s.with_text(t.text.clone())),
            })
            .collect();
        placed.sort_by_key(|t| (t.start, t.end));
        Self {
            sentences: split(text),
            text,
            index,
            timexes: placed,
            published,
            anchors: Vec::new(),
        }
    }

    /// The time of the innermost anchor holding byte `pos`.
    pub fn anchor_time(&self, pos: usize) -> Option<&TimeSpan> {
        self.anchors
            .iter()
            .filter(|((s, e), _)| *s <= pos && pos < *e)
            .min_by_key(|((s, e), _)| e - s)
            .map(|(_, t)| t)
    }

    /// The index of the sentence containing byte `pos` (or the last one before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        i.checked_sub(1)
    }

    /// Time expressions lying inside the byte range `[start, end)`.
    pub fn timexes_in(&self, start: usize, end: usize) -> impl Iterator<Item = &PlacedTimex> {
        let first = self.timexes.partition_point(|t| t.start < start);
        self.timexes[first..]
            .iter()
            .take_while(move |t| t.start < end)
            .filter(move |t| t.end <= end)
    }

    /// Char range of a byte range.
    pub fn chars(&self, start: usize, end: usize) -> CharRange {
        self.index.range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            texts("Gen. Mark Milley met U.S. officials on Sept. 11 in Washington. He left."),
            vec![
                "Gen. Mark Milley met U.S. officials on Sept. 11 in Washington.",
                "He left."
            ]
        );
        assert_eq!(
            texts("Troops returned to the U.S. The war ended."),
            vec!["Troops returned to the U.S.", "The war ended."]
        );
        assert_eq!(
            texts("John F. Kennedy spoke. Then he left."),
            vec!["John F. Kennedy spoke.", "Then he left."]
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            texts("“We will win,” he said. “Nobody doubts it.” She agreed."),
            vec![
                "“We will win,” he said.",
                "“Nobody doubts it.”",
                "She agreed."
            ]
        );
        assert_eq!(
            texts("“Why?” he asked. It was late... Nobody came."),
            vec!["“Why?” he asked.", "It was late...", "Nobody came."]
        );
        assert_eq!(
            texts("He paused … and went on."),
            vec!["He paused … and went on."]
        );
    }

    #[test]
    fn embedded_post_signature_is_its_own_segment() {
        let t = "Soldiers defected. pic.twitter.com/Ab12 — Some Name (@handle) August 20, 2025";
        assert_eq!(
            texts(t),
            vec![
                "Soldiers defected.",
                "pic.twitter.com/Ab12 — Some Name (@handle) August 20, 2025"
            ]
        );
    }

    #[test]
    fn paragraphs_are_counted() {
        let s = split("One. Two.\n\nThree");
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 0, 1]
        );
    }

    #[test]
    fn char_index_round_trips() {
        let t = "a“é”b";
        let idx = CharIndex::new(t);
        assert_eq!(idx.chars(), 5);
        for (n, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.char_at(b), n);
            assert_eq!(idx.byte_at(n), b);
        }
        assert_eq!(idx.char_at(t.len()), 5);
        assert_eq!(idx.byte_at(99), t.len());
    }
}
