//! Property tests of TIMEX3 values and time spans.

use chrono::{Datelike as _, NaiveDate};
use claimline::model::{
    CalendarValue, DayPart, Precision, Reference, Season, TimeSpan, TimexValue, YearPart,
    datetime_from_seconds, seconds_from_datetime,
};
use proptest::prelude::*;

fn year() -> impl Strategy<Value = i32> {
    -9_998i32..=9_999
}

fn calendar() -> impl Strategy<Value = TimexValue> {
    (year(), 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0usize..=4).prop_map(
        |(y, mo, d, h, mi, depth)| {
            let mut c = CalendarValue::year(y);
            if depth >= 1 {
                c.month = Some(mo);
            }
            if depth >= 2 {
                c.day = Some(d);
            }
            if depth >= 3 {
                c.hour = Some(h);
            }
            if depth >= 4 {
                c.minute = Some(mi);
                // Zoned clock times round-trip too ("T14:30Z").
                c.utc = mi % 2 == 0;
            }
            TimexValue::Calendar(c)
        },
    )
}

fn placeable() -> impl Strategy<Value = TimexValue> {
    prop_oneof![
        calendar(),
        (year(), 1u32..=52).prop_map(|(year, w)| TimexValue::YearPart {
            year,
            part: YearPart::Week(w)
        }),
        (year(), 1u32..=52).prop_map(|(year, w)| TimexValue::YearPart {
            year,
            part: YearPart::Weekend(w)
        }),
        (year(), 1u8..=4).prop_map(|(year, q)| TimexValue::YearPart {
            year,
            part: YearPart::Quarter(q)
        }),
        (year(), 1u8..=2).prop_map(|(year, h)| TimexValue::YearPart {
            year,
            part: YearPart::Half(h)
        }),
        (
            year(),
            prop_oneof![
                Just(Season::Spring),
                Just(Season::Summer),
                Just(Season::Fall),
                Just(Season::Winter)
            ]
        )
            .prop_map(|(year, s)| TimexValue::YearPart {
                year,
                part: YearPart::Season(s)
            }),
        (
            1i32..=9_999,
            1u32..=12,
            1u32..=28,
            prop_oneof![Just(DayPart::Morning), Just(DayPart::Night)]
        )
            .prop_map(|(year, month, day, part)| TimexValue::PartOfDay {
                year,
                month,
                day,
                part
            }),
        (any::<bool>(), 1u8..=3).prop_flat_map(|(bce, digits)| {
            (0u32..10u32.pow(u32::from(digits))).prop_map(move |prefix| TimexValue::YearPrefix {
                bce: bce && prefix > 0,
                prefix,
                digits,
            })
        }),
    ]
}

fn any_value() -> impl Strategy<Value = TimexValue> {
    prop_oneof![
        4 => placeable(),
        1 => prop_oneof![Just(Reference::Past), Just(Reference::Present), Just(Reference::Future)]
            .prop_map(TimexValue::Reference),
        1 => (1u32..100, prop_oneof![Just("Y"), Just("M"), Just("W"), Just("D")])
            .prop_map(|(n, u)| TimexValue::Duration(format!("P{n}{u}"))),
        1 => (1u32..100, prop_oneof![Just("H"), Just("M"), Just("S")])
            .prop_map(|(n, u)| TimexValue::Duration(format!("PT{n}{u}"))),
    ]
}

proptest! {
    #[test]
    fn values_round_trip_through_text(v in any_value()) {
        let text = v.to_string();
        prop_assert_eq!(text.parse::<TimexValue>().unwrap(), v);
    }

    #[test]
    fn placeable_values_have_a_nonempty_interval(v in placeable()) {
        let (s, e) = v.interval(None).unwrap();
        prop_assert!(s < e, "{v}: {s} !< {e}");
        let span = TimeSpan::from_value(v.clone(), None).unwrap();
        prop_assert_eq!(span.precision, v.precision().unwrap());
        prop_assert!(!span.label().is_empty());
    }

    #[test]
    fn a_day_is_inside_its_month_and_year(y in 1i32..=9_999, m in 1u32..=12, d in 1u32..=28) {
        let day = TimeSpan::from_value(TimexValue::day(y, m, d), None).unwrap();
        let month = TimeSpan::from_value(TimexValue::Calendar(CalendarValue::month(y, m)), None).unwrap();
        let year = TimeSpan::from_value(TimexValue::year(y), None).unwrap();
        prop_assert!(month.contains(&day));
        prop_assert!(year.contains(&month));
        prop_assert!(year.contains(&day));
        prop_assert!(day.overlaps(&month) && month.overlaps(&day));
        prop_assert!(!day.contains(&month));
        let q = (m - 1) / 3 + 1;
        let quarter = TimeSpan::from_value(
            TimexValue::YearPart { year: y, part: YearPart::Quarter(q as u8) }, None).unwrap();
        prop_assert!(quarter.contains(&month));
        let h = if m <= 6 { 1 } else { 2 };
        let half = TimeSpan::from_value(TimexValue::YearPart { year: y, part: YearPart::Half(h) }, None).unwrap();
        prop_assert!(half.contains(&quarter) && year.contains(&half));
        let decade = TimeSpan::from_value(
            TimexValue::YearPrefix { bce: false, prefix: (y / 10) as u32, digits: 3 }, None).unwrap();
        prop_assert!(decade.contains(&year));
    }

    #[test]
    fn ordering_is_consistent_with_time(a in placeable(), b in placeable()) {
        let a = TimeSpan::from_value(a, None).unwrap();
        let b = TimeSpan::from_value(b, None).unwrap();
        if a.end <= b.start {
            prop_assert!(a.cmp_chronological(&b).is_le());
            prop_assert!(!a.overlaps(&b));
        }
        prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
        prop_assert_eq!(a.cmp_chronological(&b), b.cmp_chronological(&a).reverse());
        if a.contains(&b) && b.contains(&a) {
            prop_assert_eq!((a.start, a.end), (b.start, b.end));
        }
    }

    #[test]
    fn consecutive_days_do_not_overlap(y in 1i32..=9_999, ord in 1u32..=364) {
        let d0 = NaiveDate::from_yo_opt(y, ord).unwrap();
        let d1 = d0.succ_opt().unwrap();
        let a = TimeSpan::day(d0);
        let b = TimeSpan::day(d1);
        prop_assert!(!a.overlaps(&b));
        prop_assert_eq!(a.end, b.start);
    }

    #[test]
    fn seconds_round_trip_at_every_epoch(y in -9_000i32..9_000, ord in 1u32..=365, s in 0u32..86_400) {
        let d = NaiveDate::from_yo_opt(y, ord.min(if NaiveDate::from_ymd_opt(y, 12, 31).unwrap().ordinal() == 366 { 366 } else { 365 })).unwrap();
        let t = d.and_hms_opt(s / 3600, (s / 60) % 60, s % 60).unwrap();
        prop_assert_eq!(datetime_from_seconds(seconds_from_datetime(t)), Some(t));
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,24}") {
        let _ = s.parse::<TimexValue>();
    }

    #[test]
    fn shifting_by_a_unit_and_back_is_identity_for_fixed_units(
        y in -5_000i32..5_000, ord in 1u32..=365, n in -1000i64..1000,
        p in prop_oneof![Just(Precision::Week), Just(Precision::Day), Just(Precision::Hour), Just(Precision::Minute)]
    ) {
        let t = NaiveDate::from_yo_opt(y, ord.min(365)).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let there = p.shift(t, n).unwrap();
        prop_assert_eq!(p.shift(there, -n).unwrap(), t);
    }
}

#[test]
fn every_required_kind_of_time_is_representable() {
    let anchor = NaiveDate::from_ymd_opt(2025, 8, 21);
    for (value, precision) in [
        ("2025-08-20T14:30", Precision::Minute),
        ("2025-08-20", Precision::Day),
        ("2025-W34", Precision::Week),
        ("2025-08", Precision::Month),
        ("2025-Q3", Precision::Quarter),
        ("2023-H1", Precision::Half),
        ("2021", Precision::Year),
        ("202", Precision::Decade),
        ("19", Precision::Century),
        ("BC0044", Precision::Year),
        ("PAST_REF", Precision::Year),
    ] {
        let span = TimeSpan::parse(value, anchor).unwrap_or_else(|e| panic!("{value}: {e}"));
        assert_eq!(span.precision, precision, "{value}");
        assert_eq!(span.value.to_string(), value);
    }
    let before = TimeSpan::before(&TimeSpan::parse("2021", None).unwrap()).unwrap();
    assert_eq!(before.end.year(), 2021);
    assert!(before.start < before.end);
}
