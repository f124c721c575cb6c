//! [`TimeSpan`]: where on the timeline an entry may sit.
//!
//! A span is the *uncertainty interval* of a time: a year-precision date covers the whole
//! year, "2023-H1" covers six months, "in recent months" covers a fixed window before the
//! anchor (flagged approximate). Every span is finite, so every entry can be drawn; open
//! sides ("before 2021") are flagged and placed by [`OPEN_SIDE_PLACEMENT_UNITS`].

use chrono::{Datelike as _, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use super::timex::OPEN_SIDE_PLACEMENT_UNITS;
use super::timex::{Precision, TimexValue};

/// How a span's value was tied to the calendar.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Resolution {
    /// The text names the time outright ("August 20, 2025").
    #[default]
    Absolute,
    /// Relative to the source's publication date ("yesterday").
    Publication { anchor: NaiveDate },
    /// Relative to a nearer anchor in the text, e.g. an embedded post's own date.
    Anchor {
        anchor: NaiveDate,
        /// The words that supplied the anchor ("August 20, 2025").
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
    },
    /// Entered or corrected by the user.
    Manual,
}

/// Which sides of a span are not really bounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Openness {
    #[default]
    Closed,
    /// "before 2021": the start is a placement, not a bound.
    OpenStart,
    /// "since 2014" with nothing after it: the end is a placement.
    OpenEnd,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

/// A placeable time with its uncertainty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeSpan {
    /// TIMEX3-style value: `2025-08-20`, `2023-H1`, `PAST_REF`, `2019/2021`.
    pub value: TimexValue,
    /// Earliest start (inclusive).
    pub start: NaiveDateTime,
    /// Latest end (exclusive).
    pub end: NaiveDateTime,
    pub precision: Precision,
    /// The text hedges ("about", "early 2024") or the value is vague (`PAST_REF`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    pub open: Openness,
    #[serde(default, skip_serializing_if = "is_default")]
    pub resolution: Resolution,
    /// The words in the source, when the span came from text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeSpanError {
    #[error("{0} is not a point or period in time")]
    NotPlaceable(TimexValue),
    #[error("{0} needs an anchor date to be placed")]
    NeedsAnchor(TimexValue),
    #[error("time out of range")]
    OutOfRange,
}

impl TimeSpan {
    /// The span a value denotes. `anchor` places vague references (`PAST_REF`).
    pub fn from_value(value: TimexValue, anchor: Option<NaiveDate>) -> Result<Self, TimeSpanError> {
        if value.needs_anchor() && anchor.is_none() {
            return Err(TimeSpanError::NeedsAnchor(value));
        }
        let precision = value
            .precision()
            .ok_or_else(|| TimeSpanError::NotPlaceable(value.clone()))?;
        let (start, end) = value
            .interval(anchor)
            .ok_or_else(|| TimeSpanError::NotPlaceable(value.clone()))?;
        let resolution = match (&value, anchor) {
            (v, Some(anchor)) if v.needs_anchor() => Resolution::Publication { anchor },
            _ => Resolution::Absolute,
        };
        Ok(Self {
            approximate: value.needs_anchor(),
            value,
            start,
            end,
            precision,
            open: Openness::Closed,
            resolution,
            text: None,
        })
    }

    /// Parses a TIMEX3 value string and places it.
    pub fn parse(value: &str, anchor: Option<NaiveDate>) -> Result<Self, TimeSpanError> {
        let v: TimexValue = value
            .parse()
            .map_err(|_| TimeSpanError::NotPlaceable(TimexValue::Unresolved(value.to_owned())))?;
        Self::from_value(v, anchor)
    }

    pub fn day(date: NaiveDate) -> Self {
        Self::from_value(TimexValue::day(date.year(), date.month(), date.day()), None)
            .expect("every NaiveDate is a placeable day")
    }

    /// "No later than `day`" (a statement dated only by its article's publication): the
    /// day, open towards the past.
    pub fn no_later_than(day: NaiveDate) -> Self {
        let span = Self::day(day);
        let start = Precision::Day
            .shift(span.start, -OPEN_SIDE_PLACEMENT_UNITS)
            .unwrap_or(span.start);
        Self {
            start,
            open: Openness::OpenStart,
            approximate: true,
            resolution: Resolution::Publication { anchor: day },
            ..span
        }
    }

    /// "before X": ends where `reference` starts; the start is a placement.
    pub fn before(reference: &TimeSpan) -> Result<Self, TimeSpanError> {
        let start = reference
            .precision
            .shift(reference.start, -OPEN_SIDE_PLACEMENT_UNITS)
            .ok_or(TimeSpanError::OutOfRange)?;
        Ok(Self {
            start,
            end: reference.start,
            open: Openness::OpenStart,
            ..reference.clone()
        })
    }

    /// "after X" / "since X" with no end given: starts with `reference`; the end is a placement.
    pub fn after(reference: &TimeSpan) -> Result<Self, TimeSpanError> {
        let end = reference
            .precision
            .shift(reference.end, OPEN_SIDE_PLACEMENT_UNITS)
            .ok_or(TimeSpanError::OutOfRange)?;
        Ok(Self {
            start: reference.start,
            end,
            open: Openness::OpenEnd,
            ..reference.clone()
        })
    }

    /// The span moved by `n` units of `unit` (see [`TimexValue::shifted`]), as a user's
    /// correction: it keeps its hedging, open side and source words, and its resolution
    /// becomes [`Resolution::Manual`].
    pub fn shifted(&self, unit: Precision, n: i64) -> Result<Self, TimeSpanError> {
        let value = self
            .value
            .shifted(unit, n)
            .ok_or_else(|| TimeSpanError::NotPlaceable(self.value.clone()))?;
        let mut moved = Self::from_value(value, None)?;
        moved.approximate = self.approximate;
        moved.text = self.text.clone();
        moved.resolution = Resolution::Manual;
        match self.open {
            Openness::Closed => Ok(moved),
            Openness::OpenStart => Self::before(&moved),
            Openness::OpenEnd => Self::after(&moved),
        }
    }

    /// The date relative values were resolved against, if any.
    pub fn anchor(&self) -> Option<NaiveDate> {
        match &self.resolution {
            Resolution::Publication { anchor } | Resolution::Anchor { anchor, .. } => Some(*anchor),
            Resolution::Absolute | Resolution::Manual => None,
        }
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    pub fn with_resolution(mut self, resolution: Resolution) -> Self {
        self.resolution = resolution;
        self
    }

    /// Chronological order: by start, then the shorter (more precise) span first.
    pub fn cmp_chronological(&self, other: &Self) -> std::cmp::Ordering {
        self.start.cmp(&other.start).then(self.end.cmp(&other.end))
    }

    pub fn contains(&self, other: &Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn contains_instant(&self, t: NaiveDateTime) -> bool {
        self.start <= t && t < self.end
    }

    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Seconds from the Unix epoch, as the timeline's continuous axis uses them.
    pub fn start_seconds(&self) -> f64 {
        seconds_from_datetime(self.start)
    }

    pub fn end_seconds(&self) -> f64 {
        seconds_from_datetime(self.end)
    }

    /// A human label that shows the precision: "20 Aug 2025", "H1 2023", "the 2020s",
    /// "before 2021", "recently (vague)".
    pub fn label(&self) -> String {
        // An open span is named after its reference ("before 2021"), not its placement.
        let (start, end) = match self.open {
            Openness::Closed => (self.start, self.end),
            _ => self
                .value
                .interval(self.anchor())
                .unwrap_or((self.start, self.end)),
        };
        let base = label_for(&self.value, start, end, self.precision);
        // An open side either stops at its reference or takes it in: "before 2021" ends where
        // 2021 starts, "no later than 21 Aug 2025" (said by the publication day) includes the
        // day; "since 2014" includes 2014, "after 2014" starts once it is over.
        let base = match self.open {
            Openness::Closed => base,
            Openness::OpenStart if end == self.end => format!("no later than {base}"),
            Openness::OpenStart => format!("before {base}"),
            Openness::OpenEnd if end == self.start => format!("after {base}"),
            Openness::OpenEnd => format!("since {base}"),
        };
        if self.approximate && !self.value.needs_anchor() {
            format!("c. {base}")
        } else {
            base
        }
    }
}

pub fn seconds_from_datetime(t: NaiveDateTime) -> f64 {
    t.and_utc().timestamp() as f64
}

pub fn datetime_from_seconds(s: f64) -> Option<NaiveDateTime> {
    if !s.is_finite() {
        return None;
    }
    let whole = s.floor();
    let nanos = ((s - whole) * 1e9) as u32;
    chrono::DateTime::from_timestamp(whole as i64, nanos.min(999_999_999)).map(|d| d.naive_utc())
}

/// A year for people: "2025", "44 BCE".
pub fn year_label(astronomical: i32) -> String {
    if astronomical <= 0 {
        format!("{} BCE", 1 - i64::from(astronomical))
    } else {
        astronomical.to_string()
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Full English month names, lowercase, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn month_abbrev(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn label_for(value: &TimexValue, start: NaiveDateTime, end: NaiveDateTime, p: Precision) -> String {
    use super::timex::{Reference, YearPart};
    let y = year_label(start.year());
    match value {
        TimexValue::Reference(Reference::Past) => return "recently (vague)".into(),
        TimexValue::Reference(Reference::Present) => return "now (vague)".into(),
        TimexValue::Reference(Reference::Future) => return "in future (vague)".into(),
        TimexValue::YearPart { year, part } => {
            let y = year_label(*year);
            return match part {
                YearPart::Week(w) => format!("week {w} of {y}"),
                YearPart::Weekend(w) => format!("weekend of week {w}, {y}"),
                YearPart::Quarter(q) => format!("Q{q} {y}"),
                YearPart::Half(h) => format!("H{h} {y}"),
                YearPart::Season(_) => format!(
                    "{} {y}",
                    match start.month() {
                        3 => "spring",
                        6 => "summer",
                        9 => "autumn",
                        _ => "winter",
                    }
                ),
            };
        }
        TimexValue::Range(..) => {
            let last = end - chrono::TimeDelta::seconds(1);
            return format!("{} – {}", point_label(start, p), point_label(last, p));
        }
        _ => {}
    }
    match p {
        Precision::Millennium => {
            let n = i64::from(start.year()).div_euclid(1000) + 1;
            if start.year() <= 0 {
                format!("{} millennium BCE", ordinal(1 - n + 1))
            } else {
                format!("{} millennium", ordinal(n))
            }
        }
        Precision::Century => {
            if start.year() <= 0 {
                let first_bce = 1 - i64::from(end.year() - 1);
                format!("{} century BCE", ordinal(first_bce / 100 + 1))
            } else {
                format!("{} century", ordinal(i64::from(start.year()) / 100 + 1))
            }
        }
        Precision::Decade => format!("the {}s", y),
        Precision::PartOfDay => {
            let part = match start.hour() {
                5 => "morning",
                12 => "afternoon",
                18 => "evening",
                _ => "night",
            };
            format!("{} {part}", point_label(start, Precision::Day))
        }
        _ => point_label(start, p),
    }
}

use chrono::Timelike as _;

fn point_label(t: NaiveDateTime, p: Precision) -> String {
    let y = year_label(t.year());
    let m = month_abbrev(t.month());
    match p {
        Precision::Millennium | Precision::Century | Precision::Decade | Precision::Year => y,
        Precision::Half | Precision::Quarter | Precision::Season | Precision::Month => {
            format!("{m} {y}")
        }
        Precision::Week => format!("week of {} {m} {y}", t.day()),
        Precision::Day | Precision::PartOfDay => format!("{} {m} {y}", t.day()),
        Precision::Hour | Precision::Minute => {
            format!("{} {m} {y} {:02}:{:02}", t.day(), t.hour(), t.minute())
        }
        Precision::Second => format!(
            "{} {m} {y} {:02}:{:02}:{:02}",
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
    }
}

/// Midnight at the start of a date.
pub fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(v: &str) -> TimeSpan {
        TimeSpan::parse(v, None).unwrap()
    }

    #[test]
    fn shifted_spans_are_manual_corrections_that_keep_their_hedges() {
        let mut s = span("2023-H1").with_text("the first half of 2023");
        s.approximate = true;
        let moved = s.shifted(Precision::Year, 2).unwrap();
        assert_eq!(moved.value.to_string(), "2025-H1");
        assert_eq!(moved.start.to_string(), "2025-01-01 00:00:00");
        assert_eq!(moved.end.to_string(), "2025-07-01 00:00:00");
        assert!(moved.approximate);
        assert_eq!(moved.text.as_deref(), Some("the first half of 2023"));
        assert_eq!(moved.resolution, Resolution::Manual);
        let before = TimeSpan::before(&span("2021")).unwrap();
        let moved = before.shifted(Precision::Year, -1).unwrap();
        assert_eq!(moved.label(), "before 2020");
        assert_eq!(moved.end.to_string(), "2020-01-01 00:00:00");
        let vague = TimeSpan::parse("PAST_REF", NaiveDate::from_ymd_opt(2025, 8, 21)).unwrap();
        assert!(vague.shifted(Precision::Day, 1).is_err());
        // The publication bound includes its day: "no later than", not "before".
        let day = span("2025-08-21");
        let bound = TimeSpan {
            start: day.start - chrono::TimeDelta::days(5),
            open: Openness::OpenStart,
            ..day.clone()
        };
        assert_eq!(bound.label(), "no later than 21 Aug 2025");
        let after = TimeSpan {
            start: day.end,
            end: day.end + chrono::TimeDelta::days(5),
            open: Openness::OpenEnd,
            ..day
        };
        assert_eq!(after.label(), "after 21 Aug 2025");
    }

    #[test]
    fn labels_show_precision() {
        assert_eq!(span("2025-08-20").label(), "20 Aug 2025");
        assert_eq!(span("2025-08").label(), "Aug 2025");
        assert_eq!(span("2023-H1").label(), "H1 2023");
        assert_eq!(span("2025-Q3").label(), "Q3 2025");
        assert_eq!(span("2021").label(), "2021");
        assert_eq!(span("202").label(), "the 2020s");
        assert_eq!(span("18").label(), "19th century");
        assert_eq!(span("BC0044").label(), "44 BCE");
        assert_eq!(span("2025-08-20T14:30").label(), "20 Aug 2025 14:30");
        assert_eq!(span("2019/2021").label(), "2019 – 2021");
        assert_eq!(
            TimeSpan::before(&span("2021")).unwrap().label(),
            "before 2021"
        );
        let anchor = NaiveDate::from_ymd_opt(2025, 8, 21);
        assert_eq!(
            TimeSpan::parse("PAST_REF", anchor).unwrap().label(),
            "recently (vague)"
        );
    }

    #[test]
    fn open_sides_are_finite_and_flagged() {
        let y2021 = span("2021");
        let before = TimeSpan::before(&y2021).unwrap();
        assert_eq!(before.end, y2021.start);
        assert_eq!(before.start.year(), 2021 - OPEN_SIDE_PLACEMENT_UNITS as i32);
        assert_eq!(before.open, Openness::OpenStart);
        let since = TimeSpan::after(&span("2014")).unwrap();
        assert_eq!(since.start.year(), 2014);
        assert_eq!(since.open, Openness::OpenEnd);
        assert!(since.end > since.start);
    }

    #[test]
    fn vague_reference_without_anchor_is_refused_not_invented() {
        assert_eq!(
            TimeSpan::parse("PAST_REF", None),
            Err(TimeSpanError::NeedsAnchor("PAST_REF".parse().unwrap()))
        );
        let anchored = TimeSpan::parse("PAST_REF", NaiveDate::from_ymd_opt(2025, 8, 21)).unwrap();
        assert!(anchored.approximate);
        assert!(matches!(
            anchored.resolution,
            Resolution::Publication { .. }
        ));
    }

    #[test]
    fn seconds_round_trip() {
        let t = span("2025-08-20T14:30").start;
        assert_eq!(datetime_from_seconds(seconds_from_datetime(t)), Some(t));
        assert_eq!(datetime_from_seconds(f64::NAN), None);
    }
}
