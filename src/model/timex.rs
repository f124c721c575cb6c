//! TIMEX3-style values (`2025-08-20`, `2023-H1`, `202`, `BC0044`, `PAST_REF`, `P3D` …).
//!
//! A [`TimexValue`] is what a temporal expression *means*, written the way TimeML writes it.
//! Some values are placeable on a timeline on their own (`2021`), some need an anchor
//! (`PAST_REF`), and some are not points in time at all (`P3D`, `XXXX-08-20`).
//! [`TimexValue::interval`] turns a value into the interval it may denote.
//!
//! Years are stored astronomically (1 BCE = year 0, 2 BCE = year −1) and written the
//! TimeML way (`BC0001` for year 0).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike as _, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// How finely a value pins down a time, coarsest first (so `Ord` means "finer than").
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Millennium,
    Century,
    Decade,
    Year,
    Half,
    Quarter,
    Season,
    Month,
    Week,
    Day,
    PartOfDay,
    Hour,
    Minute,
    Second,
}

impl Precision {
    pub const ALL: [Self; 14] = [
        Self::Millennium,
        Self::Century,
        Self::Decade,
        Self::Year,
        Self::Half,
        Self::Quarter,
        Self::Season,
        Self::Month,
        Self::Week,
        Self::Day,
        Self::PartOfDay,
        Self::Hour,
        Self::Minute,
        Self::Second,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Millennium => "millennium",
            Self::Century => "century",
            Self::Decade => "decade",
            Self::Year => "year",
            Self::Half => "half-year",
            Self::Quarter => "quarter",
            Self::Season => "season",
            Self::Month => "month",
            Self::Week => "week",
            Self::Day => "day",
            Self::PartOfDay => "part of day",
            Self::Hour => "hour",
            Self::Minute => "minute",
            Self::Second => "second",
        }
    }

    /// Moves `t` by `n` units of this precision (calendar-aware: months and years keep the day).
    /// Returns `None` when the result is outside the representable range.
    pub fn shift(self, t: NaiveDateTime, n: i64) -> Option<NaiveDateTime> {
        let months = |m: i64| -> Option<NaiveDateTime> {
            let m32 = u32::try_from(m.unsigned_abs()).ok()?;
            if m >= 0 {
                t.checked_add_months(Months::new(m32))
            } else {
                t.checked_sub_months(Months::new(m32))
            }
        };
        let secs = |s: i64| t.checked_add_signed(chrono::TimeDelta::try_seconds(s)?);
        match self {
            Self::Millennium => months(n.checked_mul(12_000)?),
            Self::Century => months(n.checked_mul(1_200)?),
            Self::Decade => months(n.checked_mul(120)?),
            Self::Year => months(n.checked_mul(12)?),
            Self::Half => months(n.checked_mul(6)?),
            Self::Quarter | Self::Season => months(n.checked_mul(3)?),
            Self::Month => months(n),
            Self::Week => secs(n.checked_mul(7 * 86_400)?),
            Self::Day => secs(n.checked_mul(86_400)?),
            Self::PartOfDay => secs(n.checked_mul(6 * 3_600)?),
            Self::Hour => secs(n.checked_mul(3_600)?),
            Self::Minute => secs(n.checked_mul(60)?),
            Self::Second => secs(n),
        }
    }
}

/// A calendar point given down to some field: `2021`, `2025-08`, `2025-08-20T14:30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CalendarValue {
    /// Astronomical year: 0 is 1 BCE.
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    pub second: Option<u32>,
    /// The clock time is given in UTC (written `Z`, as ISO 8601 and TIMEX3 do). Placement
    /// ignores zones: times are wall-clock times of the story.
    pub utc: bool,
}

impl CalendarValue {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
            hour: None,
            minute: None,
            second: None,
            utc: false,
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        Self {
            month: Some(month),
            ..Self::year(year)
        }
    }

    pub fn day(year: i32, month: u32, day: u32) -> Self {
        Self {
            day: Some(day),
            ..Self::month(year, month)
        }
    }

    pub fn minute(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Self {
        Self {
            hour: Some(hour),
            minute: Some(minute),
            ..Self::day(year, month, day)
        }
    }

    pub fn from_date(d: NaiveDate) -> Self {
        Self::day(d.year(), d.month(), d.day())
    }

    /// The value naming `t` down to `precision` (coarser fields only; `Year` and coarser give
    /// the year, parts of a year give the month).
    pub fn at(t: NaiveDateTime, precision: Precision) -> Self {
        use chrono::Timelike as _;
        let to = |p: Precision| precision >= p;
        Self {
            year: t.year(),
            month: to(Precision::Half).then(|| t.month()),
            day: to(Precision::Day).then(|| t.day()),
            hour: to(Precision::Hour).then(|| t.hour()),
            minute: to(Precision::Minute).then(|| t.minute()),
            second: to(Precision::Second).then(|| t.second()),
            utc: false,
        }
    }

    pub fn precision(&self) -> Precision {
        if self.second.is_some() {
            Precision::Second
        } else if self.minute.is_some() {
            Precision::Minute
        } else if self.hour.is_some() {
            Precision::Hour
        } else if self.day.is_some() {
            Precision::Day
        } else if self.month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        }
    }

    fn start(&self) -> Option<NaiveDateTime> {
        let date =
            NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))?;
        let time = NaiveTime::from_hms_opt(
            self.hour.unwrap_or(0),
            self.minute.unwrap_or(0),
            self.second.unwrap_or(0),
        )?;
        Some(date.and_time(time))
    }

    /// Fields must nest (no day without a month) for the value to be well formed.
    fn is_nested(&self) -> bool {
        let fields = [
            self.month.is_some(),
            self.day.is_some(),
            self.hour.is_some(),
            self.minute.is_some(),
            self.second.is_some(),
        ];
        fields.windows(2).all(|w| w[0] || !w[1])
    }
}

/// A named part of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum YearPart {
    /// ISO 8601 week 1..=53.
    Week(u32),
    /// Saturday and Sunday of an ISO week (`2025-W33-WE`).
    Weekend(u32),
    Quarter(u8),
    Half(u8),
    Season(Season),
}

/// Meteorological seasons of the northern hemisphere (winter starts in December of `year`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Self::Spring => "SP",
            Self::Summer => "SU",
            Self::Fall => "FA",
            Self::Winter => "WI",
        }
    }

    /// First month of the season.
    fn first_month(self) -> u32 {
        match self {
            Self::Spring => 3,
            Self::Summer => 6,
            Self::Fall => 9,
            Self::Winter => 12,
        }
    }
}

/// Morning, afternoon, evening, night (TIMEX3 `TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    fn code(self) -> &'static str {
        match self {
            Self::Morning => "MO",
            Self::Afternoon => "AF",
            Self::Evening => "EV",
            Self::Night => "NI",
        }
    }

    /// Hours covered, start inclusive, end exclusive (night runs into the next day).
    pub fn hours(self) -> (u32, u32) {
        match self {
            Self::Morning => (5, 12),
            Self::Afternoon => (12, 18),
            Self::Evening => (18, 22),
            Self::Night => (22, 29),
        }
    }
}

/// The vague references of TimeML.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reference {
    Past,
    Present,
    Future,
}

/// Vague references are placed relative to their anchor with a fixed, visible window, so that
/// "in recent months" shows as a fuzzy stretch before the article rather than vanishing.
pub const VAGUE_REFERENCE_WINDOW_DAYS: i64 = 365;

/// An open side ("before 2021", "since May") is drawn extending this many units of the
/// reference's own precision: "before 2021" is placed over 2016–2020, flagged open.
pub const OPEN_SIDE_PLACEMENT_UNITS: i64 = 5;

/// A TIMEX3-style value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TimexValue {
    /// `2021`, `2025-08`, `2025-08-20`, `2025-08-20T14:30`, `BC0044`.
    Calendar(CalendarValue),
    /// `2025-W34`, `2025-Q3`, `2023-H1`, `2025-SU`.
    YearPart { year: i32, part: YearPart },
    /// `2025-08-20TMO`.
    PartOfDay {
        year: i32,
        month: u32,
        day: u32,
        part: DayPart,
    },
    /// Leading digits of a year: `202` (the 2020s), `19` (1900–1999), `2` (2000–2999);
    /// `BC04` is 499–400 BCE. `digits` is 1, 2 or 3.
    YearPrefix { bce: bool, prefix: u32, digits: u8 },
    /// `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
    Reference(Reference),
    /// `A/B`: from the start of A to the end of B.
    Range(Box<TimexValue>, Box<TimexValue>),
    /// An ISO 8601 duration (`P3D`, `PT2H`, `P2Y6M`, `PXY`): not a place in time.
    Duration(String),
    /// A value with unknown digits (`XXXX-08-20`, `XXXX-WXX-1`): typed but not placeable.
    Unresolved(String),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a TIMEX3 value: {0:?}")]
pub struct ParseTimexError(pub String);

impl TimexValue {
    pub fn day(year: i32, month: u32, day: u32) -> Self {
        Self::Calendar(CalendarValue::day(year, month, day))
    }

    pub fn year(year: i32) -> Self {
        Self::Calendar(CalendarValue::year(year))
    }

    pub fn precision(&self) -> Option<Precision> {
        Some(match self {
            Self::Calendar(c) => c.precision(),
            Self::YearPart { part, .. } => match part {
                YearPart::Week(_) => Precision::Week,
                // Two days: placed and moved like days, named like a week.
                YearPart::Weekend(_) => Precision::Day,
                YearPart::Quarter(_) => Precision::Quarter,
                YearPart::Half(_) => Precision::Half,
                YearPart::Season(_) => Precision::Season,
            },
            Self::PartOfDay { .. } => Precision::PartOfDay,
            Self::YearPrefix { digits, .. } => match digits {
                1 => Precision::Millennium,
                2 => Precision::Century,
                _ => Precision::Decade,
            },
            Self::Reference(_) => Precision::Year,
            Self::Range(a, b) => a.precision()?.min(b.precision()?),
            Self::Duration(_) | Self::Unresolved(_) => return None,
        })
    }

    /// The same kind of value moved by `n` units of `unit`, calendar-aware: `2023-H1` moved
    /// one year is `2024-H1`, `2025-01-31` moved one month is `2025-02-28`. A `unit` finer
    /// than the value's own precision lands inside a period, which names the period (`2023-Q1`
    /// moved one month is still `2023-Q1`). `None` for vague references (they move with their
    /// anchor), durations, unresolved values and results out of range.
    pub fn shifted(&self, unit: Precision, n: i64) -> Option<Self> {
        if n == 0 {
            return Some(self.clone());
        }
        let start = |v: &Self| v.interval(None).map(|(s, _)| s);
        match self {
            Self::Calendar(c) => {
                let t = unit.shift(c.start()?, n)?;
                Some(Self::Calendar(CalendarValue::at(t, c.precision())))
            }
            Self::YearPart { part, .. } => {
                let t = unit.shift(start(self)?, n)?;
                let (year, month) = (t.year(), t.month0());
                let part = match part {
                    YearPart::Weekend(_) => {
                        let w = t.date().iso_week();
                        return Some(Self::YearPart {
                            year: w.year(),
                            part: YearPart::Weekend(w.week()),
                        });
                    }
                    YearPart::Week(_) => {
                        let w = t.date().iso_week();
                        return Some(Self::YearPart {
                            year: w.year(),
                            part: YearPart::Week(w.week()),
                        });
                    }
                    YearPart::Quarter(_) => YearPart::Quarter(u8::try_from(month / 3 + 1).ok()?),
                    YearPart::Half(_) => YearPart::Half(u8::try_from(month / 6 + 1).ok()?),
                    YearPart::Season(_) => {
                        // Winter starts in December, so January and February belong to the
                        // winter named after the year before.
                        let (year, season) = match month {
                            2..=4 => (year, Season::Spring),
                            5..=7 => (year, Season::Summer),
                            8..=10 => (year, Season::Fall),
                            11 => (year, Season::Winter),
                            _ => (year - 1, Season::Winter),
                        };
                        return Some(Self::YearPart {
                            year,
                            part: YearPart::Season(season),
                        });
                    }
                };
                Some(Self::YearPart { year, part })
            }
            Self::PartOfDay {
                year,
                month,
                day,
                part,
            } => {
                let d = NaiveDate::from_ymd_opt(*year, *month, *day)?.and_time(NaiveTime::MIN);
                // Parts of a day are not evenly spaced, so they move by whole days.
                let t = unit.min(Precision::Day).shift(d, n)?;
                Some(Self::PartOfDay {
                    year: t.year(),
                    month: t.month(),
                    day: t.day(),
                    part: *part,
                })
            }
            Self::YearPrefix { digits, .. } => {
                let year = i64::from(unit.shift(start(self)?, n)?.year());
                let width = 10_i64.pow(4 - u32::from(*digits));
                // Astronomical year 0 is 1 BCE: BCE prefixes count back from there.
                let (bce, prefix) = if year >= 1 {
                    (false, year.div_euclid(width))
                } else {
                    (true, (1 - year).div_euclid(width))
                };
                Some(Self::YearPrefix {
                    bce,
                    prefix: u32::try_from(prefix).ok()?,
                    digits: *digits,
                })
            }
            Self::Range(a, b) => Some(Self::Range(
                Box::new(a.shifted(unit, n)?),
                Box::new(b.shifted(unit, n)?),
            )),
            Self::Reference(_) | Self::Duration(_) | Self::Unresolved(_) => None,
        }
    }

    /// Whether the value needs an anchor date to be placed.
    pub fn needs_anchor(&self) -> bool {
        match self {
            Self::Reference(_) => true,
            Self::Range(a, b) => a.needs_anchor() || b.needs_anchor(),
            _ => false,
        }
    }

    /// The interval `[start, end)` the value may denote. `anchor` places vague references;
    /// durations and values with unknown digits have no interval.
    pub fn interval(&self, anchor: Option<NaiveDate>) -> Option<(NaiveDateTime, NaiveDateTime)> {
        match self {
            Self::Calendar(c) => {
                if !c.is_nested() {
                    return None;
                }
                let start = c.start()?;
                Some((start, c.precision().shift(start, 1)?))
            }
            Self::YearPart { year, part } => {
                let (start, months) = match *part {
                    YearPart::Week(w) => {
                        let d = NaiveDate::from_isoywd_opt(*year, w, Weekday::Mon)?;
                        let start = d.and_time(NaiveTime::MIN);
                        return Some((start, Precision::Week.shift(start, 1)?));
                    }
                    YearPart::Weekend(w) => {
                        let d = NaiveDate::from_isoywd_opt(*year, w, Weekday::Sat)?;
                        let start = d.and_time(NaiveTime::MIN);
                        return Some((start, Precision::Day.shift(start, 2)?));
                    }
                    YearPart::Quarter(q) if (1..=4).contains(&q) => (u32::from(q) * 3 - 2, 3),
                    YearPart::Half(h) if (1..=2).contains(&h) => (u32::from(h) * 6 - 5, 6),
                    YearPart::Season(s) => (s.first_month(), 3),
                    _ => return None,
                };
                let start = NaiveDate::from_ymd_opt(*year, start, 1)?.and_time(NaiveTime::MIN);
                Some((start, start.checked_add_months(Months::new(months))?))
            }
            Self::PartOfDay {
                year,
                month,
                day,
                part,
            } => {
                let d = NaiveDate::from_ymd_opt(*year, *month, *day)?.and_time(NaiveTime::MIN);
                let (h0, h1) = part.hours();
                Some((
                    Precision::Hour.shift(d, i64::from(h0))?,
                    Precision::Hour.shift(d, i64::from(h1))?,
                ))
            }
            Self::YearPrefix {
                bce,
                prefix,
                digits,
            } => {
                if !(1..=3).contains(digits) {
                    return None;
                }
                let width = 10_i64.pow(4 - u32::from(*digits));
                let first = i64::from(*prefix) * width;
                let last = first + width - 1;
                // Astronomical years: BCE year n is 1 - n, and the range flips.
                let (y0, y1) = if *bce {
                    (1 - last, 1 - first)
                } else {
                    (first, last)
                };
                let start = NaiveDate::from_ymd_opt(i32::try_from(y0).ok()?, 1, 1)?;
                let end = NaiveDate::from_ymd_opt(i32::try_from(y1 + 1).ok()?, 1, 1)?;
                Some((start.and_time(NaiveTime::MIN), end.and_time(NaiveTime::MIN)))
            }
            Self::Reference(r) => {
                let a = anchor?.and_time(NaiveTime::MIN);
                let window = chrono::TimeDelta::try_days(VAGUE_REFERENCE_WINDOW_DAYS)?;
                let day = chrono::TimeDelta::try_days(1)?;
                Some(match r {
                    Reference::Past => (a.checked_sub_signed(window)?, a),
                    Reference::Present => (a, a.checked_add_signed(day)?),
                    Reference::Future => (
                        a.checked_add_signed(day)?,
                        a.checked_add_signed(day + window)?,
                    ),
                })
            }
            Self::Range(a, b) => {
                let (s, _) = a.interval(anchor)?;
                let (_, e) = b.interval(anchor)?;
                (s < e).then_some((s, e))
            }
            Self::Duration(_) | Self::Unresolved(_) => None,
        }
    }
}

fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if year <= 0 {
        write!(f, "BC{:04}", 1 - i64::from(year))
    } else {
        write!(f, "{year:04}")
    }
}

impl fmt::Display for TimexValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Calendar(c) => {
                write_year(f, c.year)?;
                if let Some(m) = c.month {
                    write!(f, "-{m:02}")?;
                }
                if let Some(d) = c.day {
                    write!(f, "-{d:02}")?;
                }
                if let Some(h) = c.hour {
                    write!(f, "T{h:02}")?;
                    if let Some(mi) = c.minute {
                        write!(f, ":{mi:02}")?;
                    }
                    if let Some(s) = c.second {
                        write!(f, ":{s:02}")?;
                    }
                    if c.utc {
                        f.write_str("Z")?;
                    }
                }
                Ok(())
            }
            Self::YearPart { year, part } => {
                write_year(f, *year)?;
                match part {
                    YearPart::Week(w) => write!(f, "-W{w:02}"),
                    YearPart::Weekend(w) => write!(f, "-W{w:02}-WE"),
                    YearPart::Quarter(q) => write!(f, "-Q{q}"),
                    YearPart::Half(h) => write!(f, "-H{h}"),
                    YearPart::Season(s) => write!(f, "-{}", s.code()),
                }
            }
            Self::PartOfDay {
                year,
                month,
                day,
                part,
            } => {
                write_year(f, *year)?;
                write!(f, "-{month:02}-{day:02}T{}", part.code())
            }
            Self::YearPrefix {
                bce,
                prefix,
                digits,
            } => {
                if *bce {
                    f.write_str("BC")?;
                }
                write!(f, "{:0width$}", prefix, width = usize::from(*digits))
            }
            Self::Reference(r) => f.write_str(match r {
                Reference::Past => "PAST_REF",
                Reference::Present => "PRESENT_REF",
                Reference::Future => "FUTURE_REF",
            }),
            Self::Range(a, b) => write!(f, "{a}/{b}"),
            Self::Duration(s) | Self::Unresolved(s) => f.write_str(s),
        }
    }
}

fn parse_num<T: FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Parses `YYYY` or `BCYYYY` into an astronomical year.
fn parse_year(s: &str) -> Option<i32> {
    match s.strip_prefix("BC") {
        Some(rest) => {
            let bc: i32 = parse_num(rest, 4)?;
            (bc >= 1).then(|| 1 - bc)
        }
        None => parse_num(s, 4),
    }
}

fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return false,
        None => (rest, None),
    };
    let ok = |part: &str, units: &str| {
        let mut saw_digit = false;
        let mut last_unit: Option<usize> = None;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == 'X' {
                saw_digit = true;
            } else if let Some(i) = units.find(c) {
                if !saw_digit || last_unit.is_some_and(|l| i <= l) {
                    return false;
                }
                last_unit = Some(i);
                saw_digit = false;
            } else {
                return false;
            }
        }
        !saw_digit
    };
    ok(date, "YMWD") && time.is_none_or(|t| ok(t, "HMS")) && !(date.is_empty() && time.is_none())
}

impl FromStr for TimexValue {
    type Err = ParseTimexError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseTimexError(s.to_owned());
        match s {
            "PAST_REF" => return Ok(Self::Reference(Reference::Past)),
            "PRESENT_REF" => return Ok(Self::Reference(Reference::Present)),
            "FUTURE_REF" => return Ok(Self::Reference(Reference::Future)),
            _ => {}
        }
        if let Some((a, b)) = s.split_once('/') {
            if b.contains('/') {
                return Err(err());
            }
            let (a, b): (Self, Self) = (a.parse()?, b.parse()?);
            // Only places in time make a range.
            if a.precision().is_none() || b.precision().is_none() {
                return Err(err());
            }
            return Ok(Self::Range(Box::new(a), Box::new(b)));
        }
        if s.starts_with('P') {
            return if is_duration(s) {
                Ok(Self::Duration(s.to_owned()))
            } else {
                Err(err())
            };
        }
        if s.contains('X') {
            let shape_ok = s.chars().all(|c| {
                // Letters allow TIMEX3 codes with unknown digits: XXXX-SU, XXXX-XX-XXTMO.
                c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, '-' | ':')
            }) && s.len() >= 4;
            return if shape_ok {
                Ok(Self::Unresolved(s.to_owned()))
            } else {
                Err(err())
            };
        }
        // Year prefixes: 1–3 digits, optionally BC.
        let (bce, digits_part) = match s.strip_prefix("BC") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        if (1..=3).contains(&digits_part.len()) && digits_part.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Self::YearPrefix {
                bce,
                prefix: digits_part.parse().map_err(|_| err())?,
                digits: digits_part.len() as u8,
            });
        }

        let (date_part, time_part) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut fields = date_part.split('-');
        let year = parse_year(fields.next().ok_or_else(err)?).ok_or_else(err)?;
        let second = fields.next();
        let third = fields.next();
        if fields.next().is_some() {
            return Err(err());
        }
        let value = match (second, third) {
            (None, None) => Self::year(year),
            (Some(p), None) if time_part.is_none() => {
                let season = match p {
                    "SP" => Some(Season::Spring),
                    "SU" => Some(Season::Summer),
                    "FA" => Some(Season::Fall),
                    "WI" => Some(Season::Winter),
                    _ => None,
                };
                let part = if let Some(season) = season {
                    YearPart::Season(season)
                } else if let Some(w) = p.strip_prefix('W') {
                    YearPart::Week(
                        parse_num(w, 2)
                            .filter(|w| (1..=53).contains(w))
                            .ok_or_else(err)?,
                    )
                } else if let Some(q) = p.strip_prefix('Q') {
                    YearPart::Quarter(
                        parse_num(q, 1)
                            .filter(|q| (1..=4).contains(q))
                            .ok_or_else(err)?,
                    )
                } else if let Some(h) = p.strip_prefix('H') {
                    YearPart::Half(
                        parse_num(h, 1)
                            .filter(|h| (1..=2).contains(h))
                            .ok_or_else(err)?,
                    )
                } else {
                    let month: u32 = parse_num(p, 2).ok_or_else(err)?;
                    if !(1..=12).contains(&month) {
                        return Err(err());
                    }
                    return Ok(Self::Calendar(CalendarValue::month(year, month)));
                };
                Self::YearPart { year, part }
            }
            (Some(w), Some("WE")) if time_part.is_none() => {
                let w = w
                    .strip_prefix('W')
                    .and_then(|w| parse_num(w, 2))
                    .filter(|w| (1..=53).contains(w))
                    .ok_or_else(err)?;
                Self::YearPart {
                    year,
                    part: YearPart::Weekend(w),
                }
            }
            (Some(m), Some(d)) => {
                let month: u32 = parse_num(m, 2).ok_or_else(err)?;
                let day: u32 = parse_num(d, 2).ok_or_else(err)?;
                NaiveDate::from_ymd_opt(year, month, day).ok_or_else(err)?;
                match time_part {
                    None => Self::day(year, month, day),
                    Some(t) => {
                        let part = match t {
                            "MO" => Some(DayPart::Morning),
                            "AF" => Some(DayPart::Afternoon),
                            "EV" => Some(DayPart::Evening),
                            "NI" => Some(DayPart::Night),
                            _ => None,
                        };
                        if let Some(part) = part {
                            Self::PartOfDay {
                                year,
                                month,
                                day,
                                part,
                            }
                        } else {
                            let (t, utc) = match t.strip_suffix('Z') {
                                Some(t) => (t, true),
                                None => (t, false),
                            };
                            let mut hms = t.split(':');
                            let hour: u32 = parse_num(hms.next().ok_or_else(err)?, 2)
                                .filter(|h| *h < 24)
                                .ok_or_else(err)?;
                            let minute: Option<u32> = match hms.next() {
                                Some(x) => {
                                    Some(parse_num(x, 2).filter(|m| *m < 60).ok_or_else(err)?)
                                }
                                None => None,
                            };
                            let second: Option<u32> = match hms.next() {
                                Some(x) => {
                                    Some(parse_num(x, 2).filter(|m| *m < 60).ok_or_else(err)?)
                                }
                                None => None,
                            };
                            if hms.next().is_some() {
                                return Err(err());
                            }
                            Self::Calendar(CalendarValue {
                                hour: Some(hour),
                                minute,
                                second,
                                utc,
                                ..CalendarValue::day(year, month, day)
                            })
                        }
                    }
                }
            }
            _ => return Err(err()),
        };
        Ok(value)
    }
}

impl serde::Serialize for TimexValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for TimexValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_values_keep_their_kind_and_precision() {
        use Precision::*;
        let cases = [
            ("2025-08-20", Day, 3, "2025-08-23"),
            ("2025-08-20", Month, 1, "2025-09-20"),
            ("2025-01-31", Month, 1, "2025-02-28"),
            ("2025-08-20T14:30", Hour, -2, "2025-08-20T12:30"),
            ("2025-08", Year, -1, "2024-08"),
            ("2023-H1", Half, 1, "2023-H2"),
            ("2023-H1", Year, 1, "2024-H1"),
            ("2023-Q4", Quarter, 1, "2024-Q1"),
            ("2023-Q1", Month, 1, "2023-Q1"),
            ("2024-WI", Quarter, 1, "2025-SP"),
            ("2025-SP", Quarter, -1, "2024-WI"),
            ("2025-W52", Week, 2, "2026-W02"),
            ("2025-08-20TNI", Day, 1, "2025-08-21TNI"),
            ("202", Decade, 1, "203"),
            ("19", Century, -1, "18"),
            ("BC0044", Year, 44, "0001"),
            ("BC0044", Year, 43, "BC0001"),
            ("2019/2021", Year, 2, "2021/2023"),
        ];
        for (value, unit, n, want) in cases {
            let v: TimexValue = value.parse().unwrap();
            let got = v.shifted(unit, n).map(|v| v.to_string());
            assert_eq!(got.as_deref(), Some(want), "{value} by {n} {unit:?}");
        }
        let past: TimexValue = "PAST_REF".parse().unwrap();
        assert_eq!(
            past.shifted(Precision::Day, 1),
            None,
            "vague references stay"
        );
        let v: TimexValue = "2025-08-20".parse().unwrap();
        assert_eq!(v.shifted(Precision::Year, 0), Some(v.clone()));
    }

    fn iv(v: &str) -> (String, String) {
        let (s, e) = v.parse::<TimexValue>().unwrap().interval(None).unwrap();
        (s.to_string(), e.to_string())
    }

    #[test]
    fn intervals_of_each_precision() {
        let cases = [
            (
                "2025-08-20T14:30",
                "2025-08-20 14:30:00",
                "2025-08-20 14:31:00",
            ),
            ("2025-08-20", "2025-08-20 00:00:00", "2025-08-21 00:00:00"),
            (
                "2025-08-20T14:30:05Z",
                "2025-08-20 14:30:05",
                "2025-08-20 14:30:06",
            ),
            ("2025-W34", "2025-08-18 00:00:00", "2025-08-25 00:00:00"),
            ("2025-W33-WE", "2025-08-16 00:00:00", "2025-08-18 00:00:00"),
            ("2025-08", "2025-08-01 00:00:00", "2025-09-01 00:00:00"),
            ("2025-Q3", "2025-07-01 00:00:00", "2025-10-01 00:00:00"),
            ("2023-H1", "2023-01-01 00:00:00", "2023-07-01 00:00:00"),
            ("2024-WI", "2024-12-01 00:00:00", "2025-03-01 00:00:00"),
            ("2021", "2021-01-01 00:00:00", "2022-01-01 00:00:00"),
            ("202", "2020-01-01 00:00:00", "2030-01-01 00:00:00"),
            ("19", "1900-01-01 00:00:00", "2000-01-01 00:00:00"),
            ("2", "2000-01-01 00:00:00", "3000-01-01 00:00:00"),
            (
                "2025-08-20TNI",
                "2025-08-20 22:00:00",
                "2025-08-21 05:00:00",
            ),
            ("2019/2021", "2019-01-01 00:00:00", "2022-01-01 00:00:00"),
        ];
        for (v, s, e) in cases {
            assert_eq!(iv(v), (s.to_owned(), e.to_owned()), "{v}");
        }
    }

    #[test]
    fn bce_years_are_astronomical() {
        let v: TimexValue = "BC0044".parse().unwrap();
        assert_eq!(v, TimexValue::year(-43));
        let (s, e) = v.interval(None).unwrap();
        assert_eq!((s.year(), e.year()), (-43, -42));
        // 5th century BCE: 499..=400 BCE.
        let (s, e) = "BC04"
            .parse::<TimexValue>()
            .unwrap()
            .interval(None)
            .unwrap();
        assert_eq!((s.year(), e.year()), (1 - 499, 1 - 400 + 1));
    }

    #[test]
    fn vague_references_need_an_anchor_and_get_a_finite_window() {
        let v: TimexValue = "PAST_REF".parse().unwrap();
        assert!(v.needs_anchor());
        assert_eq!(v.interval(None), None);
        let anchor = NaiveDate::from_ymd_opt(2025, 8, 21).unwrap();
        let (s, e) = v.interval(Some(anchor)).unwrap();
        assert_eq!(e.date(), anchor);
        assert_eq!((e - s).num_days(), VAGUE_REFERENCE_WINDOW_DAYS);
    }

    #[test]
    fn durations_and_unknown_digits_are_typed_but_not_placed() {
        for v in ["P3D", "PT2H", "P2Y6M", "PXY", "P1.5Y"] {
            let t: TimexValue = v.parse().unwrap();
            assert!(matches!(t, TimexValue::Duration(_)), "{v}");
            assert_eq!(t.interval(None), None);
        }
        for v in ["XXXX-08-20", "XXXX-WXX-1", "XXXX-SU", "XXXX-XX-XXTMO"] {
            let t: TimexValue = v.parse().unwrap();
            assert!(matches!(t, TimexValue::Unresolved(_)), "{v}");
            assert_eq!(t.to_string(), v);
        }
    }

    #[test]
    fn rejects_malformed_values() {
        for v in [
            "",
            "P",
            "PT",
            "P3",
            "PD3",
            "2025-13",
            "2025-02-30",
            "2025-Q5",
            "2025-H3",
            "2025-W54",
            "20250",
            "2025-08-20T25",
            "BC0000",
            "hello",
            "2025/",
            "P3DT",
            "2019/2020/2021",
            "P3D/2021",
        ] {
            assert!(v.parse::<TimexValue>().is_err(), "{v:?} should not parse");
        }
    }
}
