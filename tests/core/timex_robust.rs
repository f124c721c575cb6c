//! Bad input never panics and stays roughly linear: binary-like garbage, mixed scripts,
//! one huge line. Offsets always index the text.

use claimline::extract::timex::{TagOptions, tag};
use proptest::prelude::*;

fn options() -> TagOptions {
    TagOptions {
        anchor: chrono::NaiveDate::from_ymd_opt(2025, 8, 21),
        day_first: false,
    }
}

fn check_offsets(text: &str) {
    let n = text.chars().count();
    let found = tag(text, &options());
    let mut last = 0;
    for t in &found {
        assert!(t.start < t.end && t.end <= n, "{t:?}");
        assert!(t.start >= last, "out of order: {t:?}");
        last = t.start;
        let slice: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(slice, t.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,400}") {
        check_offsets(&s);
    }

    #[test]
    fn temporal_soup_never_panics(words in prop::collection::vec(
        prop_oneof![
            Just("August"), Just("20"), Just(","), Just("2025"), Just("-"), Just("the"),
            Just("first"), Just("six"), Just("months"), Just("of"), Just("last"), Just("week"),
            Just("ago"), Just("3:30"), Just("p.m."), Just("EDT"), Just("—"), Just("(@x)"),
            Just("from"), Just("to"), Just("between"), Just("and"), Just("mid-"), Just("1990s"),
            Just("’90s"), Just("Q3"), Just("every"), Just("Monday"), Just("99999999999"),
            Just("0"), Just("31/12/0000"), Just("9999-99-99"), Just("BC"), Just("century"),
            Just("Сьогодні"), Just("二〇二五年"), Just("\u{0}"), Just("\n"),
        ],
        0..60,
    )) {
        let text = words.join(" ");
        check_offsets(&text);
        let glued = words.concat();
        check_offsets(&glued);
    }
}

#[test]
fn binary_garbage_never_panics() {
    // A deterministic pseudo-random byte soup, made valid UTF-8 the lossy way.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    check_offsets(&text);
}

/// A 3 MB single line is tagged completely, like ten copies of a 0.3 MB one. (Speed and
/// linearity are measured by `benches/timex.rs`, not timed here: timings flake on busy CI.)
#[test]
fn huge_single_line_is_tagged_completely() {
    let unit = "Troops left on August 20, 2025 and 4,500 more 3 days ago; ";
    let small: String = unit.repeat(5_000); // ~0.3 MB
    let big: String = unit.repeat(50_000); // ~3 MB, one line
    let a = tag(&small, &options());
    let b = tag(&big, &options());
    assert_eq!(a.len() * 10, b.len(), "same expressions per repetition");
    assert_eq!(a.len(), 5_000 * 2, "two expressions per repetition");
    let last = b.last().expect("found");
    assert!(last.end <= big.chars().count());
}
