//! No panic on any input, and every span the extractors return is inside the text and
//! consistent with the strings they return.

use claimline::extract::{self, sentences};
use claimline::model::{Source, SourceId, TimeSpan};
use proptest::prelude::*;

fn check(text: &str) {
    let mut source = Source::from_text(SourceId(1), "", text.to_owned());
    source.published = chrono::NaiveDate::from_ymd_opt(2025, 8, 21).map(TimeSpan::day);
    let ex = extract::extract(&source, &extract::Options::default());
    let chars = text.chars().count();
    for s in &ex.statements {
        assert!(s.content_span.start <= s.content_span.end && s.content_span.end <= chars);
        assert_eq!(source.slice(s.content_span), Some(s.content.as_str()));
        for r in [s.speaker_span, s.cue_span].into_iter().flatten() {
            assert!(r.start <= r.end && r.end <= chars, "{r:?} in {chars}");
        }
        if let Some(r) = s.cue_span {
            assert_eq!(source.slice(r), Some(s.cue.as_str()));
        }
        assert!((0.0..=1.0).contains(&s.confidence));
        for q in &s.quantities {
            assert_eq!(source.slice(q.span), Some(q.text.as_str()));
        }
    }
    for e in &ex.events {
        assert!(e.evidence.start <= e.evidence.end && e.evidence.end <= chars);
        assert!((0.0..=1.0).contains(&e.confidence));
    }
    for s in sentences::split(text) {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
}

/// Text built from the pieces the rules look for, in random order.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "said",
        "told",
        "according to",
        "as reported by",
        " he ",
        " She ",
        "“",
        "”",
        "\"",
        "''",
        ",",
        ".",
        ":",
        ";",
        "\n",
        "\n\n",
        "—",
        "― ",
        "(@x)",
        "pic.twitter.com/a",
        "August 20, 2025",
        "U.S.",
        "Gen.",
        "...",
        "…",
        "that",
        "The ministry",
        "Reuters",
        "4,500",
        "2076 cases",
        "three times higher than",
        "in 2021",
        "citing",
        "quoted",
        "as saying",
        "officials",
        "é",
        "🙂",
        "  ",
        "PENCE:",
        "Earlier today",
        "A",
        "x",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        check(&text);
    }

    #[test]
    fn news_shaped_text_never_panics(text in newsy()) {
        check(&text);
    }
}

#[test]
fn edge_cases() {
    for t in [
        "",
        "“",
        "”",
        "\"",
        "''",
        "said",
        "According to",
        ", said",
        "— A (@b) August 20, 2025",
        "x. pic.twitter.com/ — A (@b) August 20, 2025",
        "“a b c” ― ",
        "PENCE:",
        "He said: “",
        "“One two three,” said",
        "…said… “é”",
    ] {
        check(t);
    }
}
