//! Property tests: any placeable time survives TimelineJS and CSV round trips at its
//! precision, and no input makes the importers panic.

use chrono::{NaiveDate, TimeZone as _, Utc};
use claimline::export::{self, ExportFormat, ExportOptions};
use claimline::model::{
    CalendarValue, DayPart, Entry, EntryId, EntryKind, Project, Reference, Season, TimeSpan,
    TimexValue, YearPart,
};
use proptest::prelude::*;

fn calendar() -> impl Strategy<Value = CalendarValue> {
    (
        -3000i32..3000,
        0usize..=5,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_map(
            |(year, depth, month, day, hour, minute, second)| CalendarValue {
                year,
                month: (depth >= 1).then_some(month),
                day: (depth >= 2).then_some(day),
                hour: (depth >= 3).then_some(hour),
                minute: (depth >= 4).then_some(minute),
                second: (depth >= 5).then_some(second),
                utc: false,
            },
        )
}

fn value() -> impl Strategy<Value = TimexValue> {
    let year = -3000i32..3000;
    prop_oneof![
        4 => calendar().prop_map(TimexValue::Calendar),
        1 => (year.clone(), 1u32..=52).prop_map(|(year, w)| TimexValue::YearPart { year, part: YearPart::Week(w) }),
        1 => (year.clone(), 1u8..=4).prop_map(|(year, q)| TimexValue::YearPart { year, part: YearPart::Quarter(q) }),
        1 => (year.clone(), 1u8..=2).prop_map(|(year, h)| TimexValue::YearPart { year, part: YearPart::Half(h) }),
        1 => (year.clone(), 0usize..4).prop_map(|(year, s)| TimexValue::YearPart {
            year,
            part: YearPart::Season([Season::Spring, Season::Summer, Season::Fall, Season::Winter][s]),
        }),
        1 => (year.clone(), 1u32..=12, 1u32..=28, 0usize..4).prop_map(|(year, month, day, p)| TimexValue::PartOfDay {
            year, month, day,
            part: [DayPart::Morning, DayPart::Afternoon, DayPart::Evening, DayPart::Night][p],
        }),
        1 => (any::<bool>(), 1u8..=3, 0u32..1000).prop_map(|(bce, digits, n)| TimexValue::YearPrefix {
            bce, digits, prefix: n % 10u32.pow(u32::from(digits)),
        }),
        1 => (0usize..3).prop_map(|r| TimexValue::Reference([Reference::Past, Reference::Present, Reference::Future][r])),
        1 => (calendar(), calendar()).prop_map(|(a, b)| TimexValue::Range(
            Box::new(TimexValue::Calendar(a)), Box::new(TimexValue::Calendar(b)))),
    ]
}

/// A placed span: a value, maybe hedged, maybe open in one of the four ways.
fn span() -> impl Strategy<Value = TimeSpan> {
    (value(), any::<bool>(), 0usize..6, 0i64..20_000).prop_filter_map(
        "placeable",
        |(value, approximate, open, anchor_days)| {
            let anchor = NaiveDate::from_ymd_opt(1990, 1, 1)?
                .checked_add_days(chrono::Days::new(anchor_days as u64))?;
            let reference = TimeSpan::from_value(value, Some(anchor)).ok()?;
            let mut span = match open {
                0 | 1 => reference.clone(),
                2 => TimeSpan::before(&reference).ok()?,
                3 => TimeSpan {
                    end: reference.end,
                    ..TimeSpan::before(&reference).ok()?
                },
                4 => TimeSpan::after(&reference).ok()?,
                _ => TimeSpan {
                    start: reference.end,
                    ..TimeSpan::after(&reference).ok()?
                },
            };
            span.approximate |= approximate;
            Some(span)
        },
    )
}

fn project_with(spans: &[TimeSpan]) -> Project {
    let now = Utc.with_ymd_and_hms(2025, 8, 22, 10, 0, 0).unwrap();
    let mut p = Project::new("props", now);
    for (i, s) in spans.iter().enumerate() {
        let mut e = Entry::new(
            EntryId(i as u64 + 1),
            EntryKind::Event,
            format!("entry {i}"),
            now,
        );
        e.event_time = Some(s.clone());
        e.said_time = Some(s.clone());
        p.entries.push(e);
    }
    p.repair_next_id();
    p
}

/// Equal, or a range that import names as the period it exactly covers (2020/2029 → `202`).
fn same_placement(a: &TimeSpan, b: &TimeSpan) -> Result<(), TestCaseError> {
    let what = a.value.to_string();
    prop_assert_eq!((a.start, a.end), (b.start, b.end), "{}", what);
    prop_assert_eq!(a.approximate, b.approximate, "{}", what);
    prop_assert_eq!(a.open, b.open, "{}", what);
    if a.value != b.value {
        prop_assert!(
            matches!(a.value, TimexValue::Range(..)) && !matches!(b.value, TimexValue::Range(..)),
            "{} became {}",
            what,
            b.value
        );
        prop_assert_eq!(a.value.interval(a.anchor()), b.value.interval(b.anchor()));
    } else {
        prop_assert_eq!(a.precision, b.precision, "{}", what);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn timelinejs_round_trip_keeps_times(spans in prop::collection::vec(span(), 1..8)) {
        let p = project_with(&spans);
        let out = export::export_bytes(&p, ExportFormat::TimelineJs, &ExportOptions::default()).unwrap();
        let back = export::timelinejs::import(std::str::from_utf8(&out.bytes).unwrap(), "x").unwrap();
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        // Slides are chronological; match them back by label.
        prop_assert_eq!(back.project.entries.len(), spans.len());
        for e in &back.project.entries {
            let i: usize = e.label.trim_start_matches("entry ").parse().unwrap();
            same_placement(&spans[i], e.event_time.as_ref().unwrap())?;
        }
    }

    #[test]
    fn csv_round_trip_keeps_times(spans in prop::collection::vec(span(), 1..8)) {
        let p = project_with(&spans);
        let out = export::export_bytes(&p, ExportFormat::Csv, &ExportOptions::default()).unwrap();
        let back = export::csv::import(std::str::from_utf8(&out.bytes).unwrap(), "x").unwrap();
        prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        for (a, b) in spans.iter().zip(&back.project.entries) {
            // CSV carries the value itself, so even ranges come back as written.
            prop_assert_eq!(&a.value, &b.event_time.as_ref().unwrap().value);
            same_placement(a, b.event_time.as_ref().unwrap())?;
            same_placement(a, b.said_time.as_ref().unwrap())?;
        }
    }

    #[test]
    fn timelinejs_import_never_panics_on_odd_dates(
        year in prop_oneof![Just(serde_json::json!(null)), any::<i64>().prop_map(serde_json::Value::from),
                            "[-0-9a-z ]{0,8}".prop_map(serde_json::Value::from), any::<f64>().prop_map(serde_json::Value::from)],
        month in proptest::option::of(-2i64..15),
        day in proptest::option::of(-2i64..40),
        hour in proptest::option::of(-2i64..30),
        end_year in proptest::option::of(any::<i32>()),
        display in proptest::option::of(".{0,20}"),
    ) {
        let mut start = serde_json::json!({"year": year});
        if let Some(m) = month { start["month"] = m.into(); }
        if let Some(d) = day { start["day"] = d.into(); }
        if let Some(h) = hour { start["hour"] = h.into(); }
        let mut ev = serde_json::json!({"start_date": start, "text": {"headline": "h"}});
        if let Some(y) = end_year { ev["end_date"] = serde_json::json!({"year": y}); }
        if let Some(d) = display { ev["display_date"] = d.into(); }
        let doc = serde_json::json!({"events": [ev]}).to_string();
        let imported = export::timelinejs::import(&doc, "x").unwrap();
        // Either an entry or a warning, never both, never neither.
        prop_assert_eq!(imported.project.entries.len() + imported.warnings.len(), 1);
    }

    #[test]
    fn importers_never_panic_on_arbitrary_text(text in ".{0,300}") {
        let _ = export::timelinejs::import(&text, "x");
        let _ = export::csv::import(&text, "x");
    }
}
