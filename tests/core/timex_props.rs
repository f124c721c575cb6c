//! Properties of every value the temporal tagger writes, on generated text:
//!
//! * the value is a well-formed TIMEX3 value *for its type* (a DURATION is `P…`, a DATE is a
//!   calendar value, a week, a part of a year, a decade or century, or a vague reference; a
//!   TIME has a `T` part; a SET is a duration or a date with unknown digits);
//! * a placed interval agrees with the value: it contains the value's own span, except where
//!   the text narrows it ("early 2024": inside) or opens it ("before 2021": ends where the
//!   value starts).
//!
//! The grammar here is written from the TIMEX3 guidelines with regular expressions, not with
//! the model's parser, so that a bug in one is not hidden by the same bug in the other.

use std::sync::LazyLock;

use chrono::NaiveDate;
use claimline::extract::timex::{RangeStyle, TagOptions, tag_with};
use claimline::extract::{Timex, TimexType};
use claimline::model::Openness;
use proptest::prelude::*;
use regex::Regex;

const NUM: &str = r"(?:\d+(?:\.\d+)?|X)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let year = r"(?:\d{4}|BC\d{4}|XXXX)";
    Regex::new(&format!(
        "^(?:{year}(?:-(?:\\d{{2}}|XX)(?:-(?:\\d{{2}}|XX))?)?\
         |{year}-W(?:\\d{{2}}|XX)(?:-(?:[1-7]|X|WE))?\
         |{year}-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)\
         |(?:BC)?\\d{{1,3}}\
         |(?:PAST|PRESENT|FUTURE)_REF)$"
    ))
    .unwrap()
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{4}-\d{2}-\d{2}|XXXX-XX-XX|XXXX-WXX-[1-7X])T(?:\d{2}(?::\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?|MO|AF|EV|NI|DT)$|^PRESENT_REF$",
    )
    .unwrap()
});

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^P(?:(?:{NUM}Y)?(?:{NUM}M)?(?:{NUM}W)?(?:{NUM}D)?)(?:T(?:{NUM}H)?(?:{NUM}M)?(?:{NUM}S)?)?$"
    ))
    .unwrap()
});

static SET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:XXXX(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?|XXXX-WXX(?:-[1-7]|-WE)?|XXXX-(?:SP|SU|FA|WI|Q[1-4]|H[12])|XXXX-XX-XXT(?:MO|AF|EV|NI|\d{2}:\d{2}))$",
    )
    .unwrap()
});

/// The value of `t` is a TIMEX3 value of `t`'s type; `joined` allows `A/B` ranges of dates.
fn well_formed(t: &Timex, joined: bool) -> Result<(), String> {
    let v = t.value.to_string();
    let ok = match t.kind {
        TimexType::Date => {
            DATE.is_match(&v)
                || (joined
                    && v.split_once('/')
                        .is_some_and(|(a, b)| DATE.is_match(a) && DATE.is_match(b)))
        }
        TimexType::Time => TIME.is_match(&v),
        // "P" or "PT" alone has no component.
        TimexType::Duration => DURATION.is_match(&v) && v != "P" && !v.ends_with('T'),
        TimexType::Set => {
            (DURATION.is_match(&v) && v != "P" && !v.ends_with('T')) || SET.is_match(&v)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{:?} {:?} has value {v:?}", t.text, t.kind))
    }
}

/// The placed interval of `t` agrees with its value's own span.
fn interval_agrees(t: &Timex, anchor: Option<NaiveDate>) -> Result<(), String> {
    let (Some(i), Some(span)) = (&t.interval, &t.span) else {
        return Ok(());
    };
    if i.start >= i.end {
        return Err(format!("{:?}: empty interval {i:?}", t.text));
    }
    if t.kind == TimexType::Duration {
        // A duration placed at the anchor ("the past three years") touches the anchor day.
        let Some(a) = anchor else {
            return Err(format!("{:?}: placed duration without an anchor", t.text));
        };
        let a = claimline::model::midnight(a);
        let day = chrono::TimeDelta::days(1);
        return if i.start <= a + day && a <= i.end {
            Ok(())
        } else {
            Err(format!("{:?}: duration {i:?} away from the anchor", t.text))
        };
    }
    let Some((vs, ve)) = t.value.interval(anchor) else {
        return Err(format!(
            "{:?}: interval for unplaceable {}",
            t.text, t.value
        ));
    };
    let contains = i.start <= vs && ve <= i.end;
    let inside = vs <= i.start && i.end <= ve;
    let ok = match span.open {
        Openness::Closed => contains || (span.approximate && inside),
        // "since 2014", "after May": from the value (or the part of it the text names) on.
        Openness::OpenEnd => vs <= i.start && i.start < ve && ve <= i.end,
        // "before 2021": up to where the value (or its named part) starts.
        Openness::OpenStart => i.end == vs || (span.approximate && vs < i.end && i.end < ve),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{:?} = {}: interval {} – {} vs value {vs} – {ve} ({:?})",
            t.text, t.value, i.start, i.end, span.open
        ))
    }
}

fn check(text: &str, anchor: Option<NaiveDate>) -> Result<(), String> {
    let options = TagOptions {
        anchor,
        day_first: false,
    };
    for (style, joined) in [(RangeStyle::Split, false), (RangeStyle::Joined, true)] {
        for t in tag_with(text, &options, style) {
            well_formed(&t, joined).map_err(|e| format!("{e} in {text:?}"))?;
            interval_agrees(&t, anchor).map_err(|e| format!("{e} in {text:?}"))?;
        }
    }
    Ok(())
}

fn phrase() -> impl Strategy<Value = String> {
    let lead = prop::sample::select(vec![
        "",
        "for ",
        "in ",
        "over ",
        "within ",
        "after ",
        "since ",
        "before ",
        "by ",
        "until ",
        "the past ",
        "the last ",
        "the next ",
        "the coming ",
        "the previous ",
        "the following ",
        "last ",
        "next ",
        "this ",
        "every ",
        "each ",
        "early ",
        "late ",
        "mid-",
        "the end of ",
        "the first ",
        "recent ",
        "the ",
        "a ",
        "from ",
        "between ",
        "fiscal ",
    ]);
    let count = prop::sample::select(vec![
        "",
        "a ",
        "one ",
        "two ",
        "five ",
        "3 ",
        "24 ",
        "100 ",
        "several ",
        "a few ",
        "2.5 ",
        "twenty-four ",
        "a couple of ",
        "many ",
        "six-",
        "12-",
    ]);
    let unit = prop::sample::select(vec![
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "weekend",
        "fortnight",
        "month",
        "months",
        "quarter",
        "quarters",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
        "Monday",
        "Friday",
        "March",
        "September",
        "summer",
        "winter",
        "season",
        "morning",
        "night",
        "2011",
        "1990s",
        "2019-2021",
        "August 20",
        "3:07:35",
        "9 AM",
        "19:45 CET",
        "Q3",
        "today",
        "now",
    ]);
    let tail = prop::sample::select(vec![
        "",
        " ago",
        " earlier",
        " later",
        " from now",
        " of 2023",
        " 2024",
        " before",
        " after",
        " audit",
        " and 2020",
        " to June",
        "s",
        "'s",
        " old",
        " later that year",
    ]);
    (lead, count, unit, tail).prop_map(|(l, c, u, t)| format!("{l}{c}{u}{t}"))
}

fn anchor() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        1 => Just(None),
        6 => (1990i32..2035, 1u32..=365).prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn values_are_well_formed_for_their_type(
        phrases in prop::collection::vec(phrase(), 1..6),
        verb in prop::sample::select(vec!["It happened", "It will happen", "Talks resume", "He said", ""]),
        a in anchor(),
    ) {
        let text = format!("{verb} {}.", phrases.join(", "));
        if let Err(e) = check(&text, a) {
            return Err(TestCaseError::fail(e));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A count of units is a length of time, whatever follows it ("five years later" is
    /// P5Y with "later" outside, as TimeML has it), never a year or a calendar decade.
    #[test]
    fn counted_units_are_durations(
        count in prop::sample::select(vec![
            ("two", 2u32), ("five", 5), ("3", 3), ("24", 24), ("twenty-four", 24),
        ]),
        unit in prop::sample::select(vec![
            ("days", "D", 1u32), ("weeks", "W", 1), ("months", "M", 1), ("years", "Y", 1),
            ("decades", "Y", 10), ("hours", "TH", 1), ("minutes", "TM", 1),
        ]),
        before in prop::sample::select(vec!["It took ", "For ", "He served ", "", "Over "]),
        after in prop::sample::select(vec!["", " later", " earlier", " before the vote", " in prison"]),
        a in anchor(),
    ) {
        let text = format!("{before}{} {}{after}.", count.0, unit.0);
        let options = TagOptions { anchor: a, day_first: false };
        let found = tag_with(&text, &options, RangeStyle::Split);
        let at = before.len();
        let t = found.iter().find(|t| t.start <= at && at < t.end);
        let t = t.ok_or_else(|| TestCaseError::fail(format!("nothing found in {text:?}")))?;
        let (code, scale) = (unit.1, unit.2);
        let expected = match code.strip_prefix('T') {
            Some(c) => format!("PT{}{c}", count.1 * scale),
            None => format!("P{}{code}", count.1 * scale),
        };
        prop_assert_eq!(t.kind, TimexType::Duration, "{:?} in {:?}", t.text, text);
        prop_assert_eq!(t.value.to_string(), expected, "{:?} in {:?}", t.text, text);
    }

    /// "the previous decade" is ten years before a time in the story, not a truncated
    /// calendar decade.
    #[test]
    fn relative_decades_are_durations(
        which in prop::sample::select(vec!["previous", "following"]),
        unit in prop::sample::select(vec![("decade", "P10Y"), ("century", "P100Y")]),
        a in anchor(),
    ) {
        let text = format!("Prices doubled over the {which} {}.", unit.0);
        let options = TagOptions { anchor: a, day_first: false };
        let found = tag_with(&text, &options, RangeStyle::Split);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        prop_assert_eq!(found[0].kind, TimexType::Duration);
        prop_assert_eq!(found[0].value.to_string(), unit.1);
    }
}

/// The bugs the property first found, kept as plain cases.
#[test]
fn durations_and_decades_found_by_the_property() {
    let a = NaiveDate::from_ymd_opt(2023, 6, 14);
    for text in [
        "It took five years.",
        "He served five years in prison.",
        "Prices doubled over the previous decade.",
        "In the following decade, sales fell.",
        "Five years later, the plant closed.",
        "the past decade",
    ] {
        check(text, a).unwrap();
    }
}
