//! Context around a match: the tense of the governing verb, sentence limits, and nearer
//! anchors than the publication date (an embedded post's own date).

use super::lexicon::{Lex, W};
use super::normalise::Tense;
use super::tokens::{Kind, Tok};

/// How far (in tokens) to look for a verb on either side of an expression.
const TENSE_WINDOW: usize = 12;

/// Irregular past forms common in news.
const IRREGULAR_PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "came",
    "went",
    "began",
    "left",
    "took",
    "made",
    "saw",
    "fell",
    "rose",
    "met",
    "won",
    "lost",
    "held",
    "sent",
    "spoke",
    "gave",
    "got",
    "became",
    "fought",
    "brought",
    "thought",
    "found",
    "kept",
    "led",
    "ran",
    "sold",
    "bought",
    "paid",
    "struck",
    "wrote",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "shot",
    "stood",
    "fled",
    "hit",
    "quit",
    "ago",
    "been",
    "felt",
    "heard",
    "meant",
    "sat",
    "slept",
    "spent",
    "stole",
    "swore",
    "taught",
    "threw",
    "understood",
    "woke",
    "wore",
    "withdrew",
    "arose",
];

const PRESENT: &[&str] = &["is", "are", "says", "am", "remains", "continues"];

/// Words that look ahead when followed by "to" or "for": "is expected to", "plans to",
/// "scheduled for", "due to". Checked before the past-tense test ("expected" ends in -ed).
const FUTURE_BEFORE_TO: &[&str] = &[
    "expected",
    "scheduled",
    "due",
    "set",
    "planned",
    "plans",
    "plan",
    "planning",
    "aims",
    "intends",
    "hopes",
    "expects",
    "poised",
    "slated",
    "preparing",
    "prepares",
    "promised",
    "vowed",
    "pledged",
    "threatened",
    "agreed",
    "decided",
];

fn word<'t>(text: &'t str, t: &Tok) -> &'t str {
    text.get(t.start..t.end).unwrap_or("")
}

fn verb_tense(text: &str, toks: &[Tok], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    // "would" in reported speech looks ahead from the time of saying, which news reports
    // on the day: "talks would resume in September".
    if matches!(t.lex, Lex::Word(W::Will | W::Would)) {
        return Some(Tense::Future);
    }
    let w = word(text, t);
    if w.len() > 14 || !w.is_ascii() {
        return None;
    }
    // Modals that look ahead: "should be completed in October", "may resume Monday".
    if !t.cap
        && ["should", "may", "might", "must"]
            .iter()
            .any(|m| w.eq_ignore_ascii_case(m))
    {
        return Some(Tense::Future);
    }
    let next_to = toks
        .get(k + 1)
        .is_some_and(|n| matches!(n.lex, Lex::Word(W::To | W::For)));
    if next_to && FUTURE_BEFORE_TO.iter().any(|p| w.eq_ignore_ascii_case(p)) {
        return Some(Tense::Future);
    }
    // "is to visit", "are to meet".
    if next_to
        && (w.eq_ignore_ascii_case("is") || w.eq_ignore_ascii_case("are"))
        && toks.get(k + 1).is_some_and(|n| n.lex == Lex::Word(W::To))
    {
        return Some(Tense::Future);
    }
    // "'ll" and "going to".
    if w.eq_ignore_ascii_case("ll") && k > 0 && matches!(toks[k - 1].ch, '\'' | '’') {
        return Some(Tense::Future);
    }
    if w.eq_ignore_ascii_case("going") && toks.get(k + 1).is_some_and(|n| n.lex == Lex::Word(W::To))
    {
        return Some(Tense::Future);
    }
    if IRREGULAR_PAST.iter().any(|p| w.eq_ignore_ascii_case(p)) || is_regular_past(w, t) {
        // "will be held", "will have left": the modal decides.
        let modal = (k.saturating_sub(3)..k).any(|j| toks[j].lex == Lex::Word(W::Will));
        return Some(if modal { Tense::Future } else { Tense::Past });
    }
    if PRESENT.iter().any(|p| w.eq_ignore_ascii_case(p)) {
        return Some(Tense::Present);
    }
    None
}

/// Regular past: "deserted", "reported"; not "need", "speed", "red", "hundred".
fn is_regular_past(w: &str, t: &Tok) -> bool {
    let b = w.as_bytes();
    b.len() >= 5
        && b[b.len() - 2..].eq_ignore_ascii_case(b"ed")
        && !b[b.len() - 3].eq_ignore_ascii_case(&b'e')
        && !t.cap
        && !w.eq_ignore_ascii_case("hundred")
}

/// Tense of the verb nearest to tokens `first..last` in the same sentence, looking left
/// first (the governing verb usually precedes a trailing time: "troops deserted on
/// Monday"), then right ("On Monday, troops will ...").
pub fn tense_at(text: &str, toks: &[Tok], first: usize, last: usize) -> Tense {
    let lo = first.saturating_sub(TENSE_WINDOW);
    let mut found_left = None;
    for k in (lo..first).rev() {
        if ends_sentence(toks, k) {
            break;
        }
        if let Some(t) = verb_tense(text, toks, k) {
            found_left = Some((first - k, t));
            break;
        }
    }
    let hi = (last + TENSE_WINDOW).min(toks.len());
    let mut found_right = None;
    for k in last..hi {
        if ends_sentence(toks, k) {
            break;
        }
        if let Some(t) = verb_tense(text, toks, k) {
            found_right = Some((k + 1 - last, t));
            break;
        }
    }
    match (found_left, found_right) {
        // A sentence-initial time is governed by the verb after it.
        (Some((dl, tl)), Some((dr, tr))) => {
            if dr < dl && starts_sentence(toks, first) {
                tr
            } else {
                tl
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Present,
    }
}

fn starts_sentence(toks: &[Tok], first: usize) -> bool {
    let mut k = first;
    while k > 0 {
        k -= 1;
        let t = &toks[k];
        if t.ends_sentence() {
            return true;
        }
        // Allow a preposition before the expression ("On Monday, ...").
        if !matches!(
            t.lex,
            Lex::Word(
                W::On
                    | W::In
                    | W::At
                    | W::By
                    | W::Since
                    | W::Early
                    | W::Late
                    | W::Last
                    | W::Next
                    | W::This
            )
        ) {
            return false;
        }
    }
    true
}

/// Token `k` ends a sentence: "!", "?", ";", or a period that does not close an
/// abbreviation ("Aug.", "p.m.", "Mr.") and is followed by a space.
pub fn ends_sentence(toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if !t.ends_sentence() {
        return false;
    }
    if t.ch != '.' {
        return true;
    }
    if toks.get(k + 1).is_some_and(|n| !n.space_before) {
        return false;
    }
    match k.checked_sub(1).map(|p| &toks[p]) {
        Some(p) if p.kind == Kind::Word && !t.space_before => {
            let len = p.end - p.start;
            let abbrev = matches!(p.lex, Lex::MonthAbbr(_) | Lex::Weekday(_)) && len <= 5;
            // Single letters ("p.m.", "U.S.") and short titles ("Mr.", "Dr.", "St.").
            let short_title = p.cap && len <= 3 && !p.all_caps;
            !(abbrev || len == 1 || short_title)
        }
        _ => true,
    }
}

/// Index of the sentence each token is in.
pub fn sentence_ids(toks: &[Tok], out: &mut Vec<u32>) {
    out.clear();
    let mut id = 0u32;
    for k in 0..toks.len() {
        out.push(id);
        if ends_sentence(toks, k) {
            id += 1;
        }
    }
}

/// An embedded post's signature ending at token `date_first` (the post's date):
/// "… — Name (@handle) August 20, 2025" or "… shared by Name (@handle) on Aug 20, 2025".
/// Returns the byte offset where the post's own text ends (the dash or the "A post
/// shared by" phrase); the post's text runs from the start of the paragraph to there.
pub fn post_signature(text: &str, toks: &[Tok], date_first: usize) -> Option<usize> {
    let mut k = date_first;
    // Optional "on" between handle and date.
    if k > 0 && toks[k - 1].lex == Lex::Word(W::On) {
        k -= 1;
    }
    // ")" closing the handle.
    if k == 0 || !toks[k - 1].is_punct(')') {
        return None;
    }
    let close = k - 1;
    // "(@handle)" within a few tokens.
    let lo = close.saturating_sub(6);
    let open = (lo..close).rev().find(|&j| toks[j].is_punct('('))?;
    if !toks.get(open + 1).is_some_and(|t| t.is_punct('@')) {
        return None;
    }
    // The signer's name before the handle, then a dash (Twitter/X, Bluesky, Threads) or
    // "shared by" (Instagram, Facebook).
    let lo = open.saturating_sub(12);
    for j in (lo..open).rev() {
        let t = &toks[j];
        if t.is_dash() && t.space_before {
            return Some(t.start);
        }
        if t.kind == Kind::Word && word(text, t).eq_ignore_ascii_case("by") && j > 0 {
            // "A post shared by": the post text ends where that phrase begins.
            let mut s = j;
            while s > 0 && j - s < 4 && toks[s - 1].kind == Kind::Word {
                s -= 1;
            }
            return Some(toks[s].start);
        }
        if t.ends_sentence() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v
    }

    #[test]
    fn tense_from_nearest_verb() {
        let s = "Troops deserted on Monday.";
        let t = toks(s);
        assert_eq!(tense_at(s, &t, 3, 4), Tense::Past);
        let s = "The talks will resume on Monday.";
        let t = toks(s);
        assert_eq!(tense_at(s, &t, 5, 6), Tense::Future);
        let s = "On Monday, the troops will leave.";
        let t = toks(s);
        assert_eq!(tense_at(s, &t, 1, 2), Tense::Future);
    }

    #[test]
    fn post_signature_found() {
        let s = "Earlier today, soldiers left. pic.twitter.com/x — Intel (@intel) August 20, 2025";
        let t = toks(s);
        let date = t.iter().position(|t| t.lex == Lex::Month(8)).unwrap();
        let end = post_signature(s, &t, date).unwrap();
        assert_eq!(&s[end..end + 3], "—");
        let s = "He said (in a note) August 20, 2025";
        let t = toks(s);
        let date = t.iter().position(|t| t.lex == Lex::Month(8)).unwrap();
        assert_eq!(post_signature(s, &t, date), None);
    }
}
