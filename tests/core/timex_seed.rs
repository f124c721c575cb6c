//! The seed article (tests/fixtures/orikhiv-desertions.*): every required gold time
//! expression is found with its exact span and value, and no number in the article that
//! is not a time (troop counts, unit names, case counts, URLs) is tagged.

use chrono::NaiveDate;
use claimline::extract::eval::timex::{parse_gold_json, score_doc};
use claimline::extract::timex::{TagOptions, tag};
use claimline::model::Resolution;

const TEXT: &str = include_str!("../fixtures/orikhiv-desertions.txt");
const GOLD: &str = include_str!("../fixtures/orikhiv-desertions.json");

fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 8, 21)
}

fn tagged() -> Vec<claimline::extract::Timex> {
    tag(
        TEXT,
        &TagOptions {
            anchor: published(),
            day_first: false,
        },
    )
}

#[test]
fn every_required_gold_timex_has_exact_span_and_value() {
    let gold = parse_gold_json("seed", GOLD, TEXT).unwrap();
    assert_eq!(gold.anchor, published());
    let found = tagged();
    let mut required = 0;
    for g in gold.timexes.iter().filter(|g| !g.optional) {
        required += 1;
        let t = found
            .iter()
            .find(|t| t.start == g.start && t.end == g.end)
            .unwrap_or_else(|| {
                panic!(
                    "{:?} at {}..{} not found in {found:#?}",
                    g.text, g.start, g.end
                )
            });
        assert_eq!(t.text, g.text);
        assert_eq!(t.value.to_string(), g.value, "{:?}", g.text);
    }
    assert_eq!(required, 4);
    let score = score_doc(&gold, &found);
    assert_eq!(score.counts.strict, 4);
    assert_eq!(score.counts.value_ok, 4);
}

#[test]
fn embedded_post_is_anchored_at_its_own_date() {
    let found = tagged();
    let t = found
        .iter()
        .find(|t| t.text == "Earlier today")
        .expect("Earlier today");
    let span = t.span.as_ref().expect("placed");
    match &span.resolution {
        Resolution::Anchor { anchor, text } => {
            assert_eq!(Some(*anchor), NaiveDate::from_ymd_opt(2025, 8, 20));
            assert_eq!(text, "August 20, 2025");
        }
        other => panic!("resolved against {other:?}"),
    }
    // Outside the post, relative times use the publication date.
    let recent = found
        .iter()
        .find(|t| t.text.contains("recent months"))
        .expect("recent months");
    assert!(matches!(
        recent.span.as_ref().map(|s| &s.resolution),
        Some(Resolution::Publication { .. })
    ));
}

#[test]
fn no_false_positives_on_the_numbers() {
    let gold = parse_gold_json("seed", GOLD, TEXT).unwrap();
    let found = tagged();
    // Every expression with a digit in it must be a gold expression.
    for t in found
        .iter()
        .filter(|t| t.text.chars().any(|c| c.is_ascii_digit()))
    {
        assert!(
            gold.timexes
                .iter()
                .any(|g| g.start == t.start && g.end == t.end),
            "false positive {:?} ({})",
            t.text,
            t.value
        );
    }
    // And the numbers that are not times are named explicitly, wherever they occur.
    let chars: Vec<char> = TEXT.chars().collect();
    for needle in ["4,500", "58th", "2076", "20 Muscovite", "TenSk24AIp"] {
        let n: Vec<char> = needle.chars().collect();
        let hits: Vec<usize> = (0..chars.len().saturating_sub(n.len()))
            .filter(|&i| chars[i..i + n.len()] == n[..])
            .collect();
        assert!(!hits.is_empty(), "{needle} not in the article");
        for h in hits {
            let overlapping = found.iter().find(|t| t.start < h + n.len() && h < t.end);
            assert!(overlapping.is_none(), "{needle} tagged as {overlapping:?}");
        }
    }
}
