//! Normalisation: meaning ([`Sem`]) + anchor + tense → TIMEX3 value.
//!
//! Relative expressions need an anchor; without one they keep their type and a value with
//! unknown digits (`XXXX-XX-XX`, `XXXX-WXX-2`) or a vague reference (`PAST_REF`) — never an
//! invented date.

use chrono::{Datelike as _, Months, NaiveDate, TimeDelta};

use crate::model::{CalendarValue, Precision, TimexValue, YearPart};

use super::grammar::{part_code, season_code};
use super::lexicon::Unit;
use super::sem::{DateSpec, Dir, Modifier, Sem, YearSlice};

/// Direction of the governing verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// What normalisation may look at besides the expression itself.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub anchor: Option<NaiveDate>,
    pub tense: Tense,
    /// A day named in the same sentence, for bare clock times ("at 3 p.m.").
    pub day: Option<NaiveDate>,
    /// The quarter the text was last talking about, for "a year earlier".
    pub quarter: Option<(i32, u8)>,
    /// The last date the text named and how precisely, for "the day", "that week".
    pub focus: Option<(NaiveDate, Precision)>,
}

/// A normalised expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub value: TimexValue,
    /// The value depends on the anchor.
    pub relative: bool,
    pub modifier: Option<Modifier>,
}

pub fn resolve(sem: &Sem, ctx: &Ctx) -> Resolved {
    let mut r = Resolved {
        value: TimexValue::Unresolved("XXXX".into()),
        relative: false,
        modifier: None,
    };
    r.value = value(sem, ctx, &mut r);
    r
}

fn value(sem: &Sem, ctx: &Ctx, r: &mut Resolved) -> TimexValue {
    match sem {
        Sem::Value(v) => v.clone(),
        Sem::Date(spec) => date_value(spec, ctx, r),
        Sem::Rel { unit, n } => match ctx.anchor {
            Some(a) => {
                r.relative = true;
                rel_value(*unit, *n, a).unwrap_or_else(|| unknown(*unit))
            }
            None => unknown(*unit),
        },
        Sem::Shift { unit, n } => {
            // "a year earlier" in a report about the current quarter means that quarter a
            // year before.
            if *unit == Unit::Year
                && *n < 0
                && let Some((y, q)) = ctx.quarter
                && let Some(a) = ctx.anchor
                && (y == a.year() || (y + 1 == a.year() && q == 4))
            {
                r.relative = true;
                return TimexValue::YearPart {
                    year: y + n,
                    part: YearPart::Quarter(q),
                };
            }
            value(&Sem::Rel { unit: *unit, n: *n }, ctx, r)
        }
        Sem::Focus { unit, n } => match ctx.focus {
            // A focus at least as precise as the unit: "the day" after "on March 3".
            Some((f, p)) if p >= unit_precision(*unit) => {
                r.relative = true;
                rel_value(*unit, *n, f).unwrap_or_else(|| unknown(*unit))
            }
            _ => value(&Sem::Rel { unit: *unit, n: *n }, ctx, r),
        },
        Sem::Slice { of, slice, dir } => slice_value(of.as_deref(), *slice, *dir, ctx, r),
        Sem::Floating {
            month,
            weekday,
            from,
            year,
            dir,
        } => {
            let y = match (year, ctx.anchor) {
                (Some(y), _) => Some(*y),
                (None, Some(a)) => {
                    r.relative = true;
                    Some(pick_month_year(a, *month, *dir, ctx.tense))
                }
                (None, None) => None,
            };
            let day = y.and_then(|y| {
                let first = NaiveDate::from_ymd_opt(y, *month, *from)?;
                let w = i64::from(first.weekday().number_from_monday());
                shift_days(first, (i64::from(*weekday) - w).rem_euclid(7))
            });
            match day {
                Some(d) => TimexValue::Calendar(CalendarValue::from_date(d)),
                None => TimexValue::Unresolved(format!("XXXX-{month:02}-XX")),
            }
        }
        Sem::Ref(x) => {
            r.relative = ctx.anchor.is_some();
            TimexValue::Reference(*x)
        }
        Sem::Duration { value, .. } => TimexValue::Duration(value.clone()),
        Sem::Set(v) => {
            if v.starts_with('P') {
                TimexValue::Duration(v.clone())
            } else {
                TimexValue::Unresolved(v.clone())
            }
        }
        Sem::Time {
            date,
            hour,
            minute,
            second,
            utc,
        } => {
            let day = match date {
                Some(d) => match value(d, ctx, r) {
                    TimexValue::Calendar(c) if c.day.is_some() => {
                        NaiveDate::from_ymd_opt(c.year, c.month.unwrap_or(1), c.day.unwrap_or(1))
                    }
                    _ => None,
                },
                None => ctx.day.or_else(|| {
                    r.relative = ctx.anchor.is_some();
                    ctx.anchor
                }),
            };
            match day {
                Some(d) => TimexValue::Calendar(CalendarValue {
                    second: *second,
                    utc: *utc,
                    ..CalendarValue::minute(d.year(), d.month(), d.day(), *hour, *minute)
                }),
                None => {
                    let s = second.map_or(String::new(), |s| format!(":{s:02}"));
                    let z = if *utc { "Z" } else { "" };
                    TimexValue::Unresolved(format!("XXXX-XX-XXT{hour:02}:{minute:02}{s}{z}"))
                }
            }
        }
        Sem::PartOfDay { date, part } => match value(date, ctx, r) {
            TimexValue::Calendar(c) if c.day.is_some() => TimexValue::PartOfDay {
                year: c.year,
                month: c.month.unwrap_or(1),
                day: c.day.unwrap_or(1),
                part: *part,
            },
            other => {
                TimexValue::Unresolved(format!("{}T{}", unknown_day(&other), part_code(*part)))
            }
        },
        Sem::Mod(m, inner) => {
            r.modifier = Some(*m);
            value(inner, ctx, r)
        }
        Sem::Range(a, b) => {
            let (va, vb) = (value(a, ctx, r), value(b, ctx, r));
            if va.precision().is_some() && vb.precision().is_some() {
                TimexValue::Range(Box::new(va), Box::new(vb))
            } else {
                va
            }
        }
    }
}

/// An unresolved day-like value for composing "XXXX-XX-XXTMO".
fn unknown_day(v: &TimexValue) -> String {
    match v {
        TimexValue::Unresolved(s) if s.starts_with("XXXX-WXX-") || s.len() == 10 => s.clone(),
        _ => "XXXX-XX-XX".into(),
    }
}

fn unknown(unit: Unit) -> TimexValue {
    TimexValue::Unresolved(
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
            Unit::Week | Unit::Weekend | Unit::Fortnight => "XXXX-WXX",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => "XXXX",
        }
        .into(),
    )
}

/// The precision a unit counts in (weeks as weeks, quarters as quarters).
pub fn unit_precision(u: Unit) -> Precision {
    match u {
        Unit::Second => Precision::Second,
        Unit::Minute => Precision::Minute,
        Unit::Hour => Precision::Hour,
        Unit::Day | Unit::Weekend => Precision::Day,
        Unit::Week | Unit::Fortnight => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century => Precision::Century,
        Unit::Millennium => Precision::Millennium,
    }
}

fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

/// `n` units from `a`, at the unit's precision.
pub fn rel_value(unit: Unit, n: i32, a: NaiveDate) -> Option<TimexValue> {
    let n64 = i64::from(n);
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            // Sub-day units move at most a day; the anchor has no clock time.
            let days = if unit == Unit::Day { n64 } else { 0 };
            TimexValue::Calendar(CalendarValue::from_date(shift_days(a, days)?))
        }
        Unit::Week | Unit::Fortnight => {
            let k = if unit == Unit::Fortnight {
                2 * n64
            } else {
                n64
            };
            let d = shift_days(a, 7 * k)?;
            let w = d.iso_week();
            TimexValue::YearPart {
                year: w.year(),
                part: YearPart::Week(w.week()),
            }
        }
        Unit::Weekend => {
            // Saturday and Sunday of the week `n` weeks away (`2025-W33-WE`, as TimeML).
            let w = shift_days(a, 7 * n64)?.iso_week();
            TimexValue::YearPart {
                year: w.year(),
                part: YearPart::Weekend(w.week()),
            }
        }
        Unit::Month => {
            let d = shift_months(a.with_day(1)?, n64)?;
            TimexValue::Calendar(CalendarValue::month(d.year(), d.month()))
        }
        Unit::Quarter => {
            let q0 = i64::from(a.year()) * 4 + i64::from((a.month() - 1) / 3) + n64;
            TimexValue::YearPart {
                year: i32::try_from(q0.div_euclid(4)).ok()?,
                part: YearPart::Quarter(u8::try_from(q0.rem_euclid(4) + 1).ok()?),
            }
        }
        Unit::Year => TimexValue::year(a.year().checked_add(n)?),
        Unit::Decade | Unit::Century | Unit::Millennium => {
            let (width, digits) = match unit {
                Unit::Decade => (10, 3),
                Unit::Century => (100, 2),
                _ => (1000, 1),
            };
            let p = i64::from(a.year()).div_euclid(width) + n64;
            TimexValue::YearPrefix {
                bce: false,
                prefix: u32::try_from(p).ok()?,
                digits,
            }
        }
    })
}

fn date_value(spec: &DateSpec, ctx: &Ctx, r: &mut Resolved) -> TimexValue {
    let DateSpec {
        year,
        month,
        day,
        weekday,
        dir,
    } = *spec;
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => {
            if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                TimexValue::day(y, m, d)
            } else {
                TimexValue::Unresolved(format!("{y:04}-{m:02}-XX"))
            }
        }
        (Some(y), Some(m), None) => TimexValue::Calendar(CalendarValue::month(y, m)),
        (Some(y), None, _) => TimexValue::year(y),
        (None, Some(m), Some(d)) => match ctx
            .anchor
            .and_then(|a| pick_day(a, m, d, weekday, dir, ctx.tense))
        {
            Some(date) => {
                r.relative = true;
                TimexValue::Calendar(CalendarValue::from_date(date))
            }
            None => TimexValue::Unresolved(format!("XXXX-{m:02}-{d:02}")),
        },
        (None, Some(m), None) => match ctx.anchor {
            Some(a) => {
                r.relative = true;
                let y = pick_month_year(a, m, dir, ctx.tense);
                TimexValue::Calendar(CalendarValue::month(y, m))
            }
            None => TimexValue::Unresolved(format!("XXXX-{m:02}")),
        },
        (None, None, _) => match (weekday, ctx.anchor) {
            (Some(w), Some(a)) => match pick_weekday(a, w, dir, ctx.tense) {
                Some(d) => {
                    r.relative = true;
                    TimexValue::Calendar(CalendarValue::from_date(d))
                }
                None => TimexValue::Unresolved(format!("XXXX-WXX-{w}")),
            },
            (Some(w), None) => TimexValue::Unresolved(format!("XXXX-WXX-{w}")),
            (None, _) => TimexValue::Unresolved("XXXX-XX-XX".into()),
        },
    }
}

/// Days of slack when a past-tense date falls just after the anchor (time zones, late
/// edits) or a future-tense one just before it.
/// Tense is a weak cue for months and days (the nearest verb may govern something else), so
/// it only overrides the nearest reading when that is far: this many days.
const TENSE_SLACK_DAYS: i64 = 60;

/// The same for month names: this many months.
const TENSE_SLACK_MONTHS: u32 = 2;

/// Year for a month and day without one.
fn pick_day(
    a: NaiveDate,
    m: u32,
    d: u32,
    weekday: Option<u8>,
    dir: Dir,
    tense: Tense,
) -> Option<NaiveDate> {
    let ay = a.year();
    let mut cands: Vec<NaiveDate> = [ay - 1, ay, ay + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .collect();
    if let Some(w) = weekday {
        let matching: Vec<NaiveDate> = cands
            .iter()
            .copied()
            .filter(|c| c.weekday().number_from_monday() == u32::from(w))
            .collect();
        if !matching.is_empty() {
            cands = matching;
        }
    }
    let dist = |c: &NaiveDate| (*c - a).num_days().abs();
    let slack = TimeDelta::try_days(TENSE_SLACK_DAYS)?;
    let pick = match (dir, tense) {
        (Dir::Last, _) => cands.iter().copied().filter(|c| *c < a).max(),
        (Dir::Next, _) => cands.iter().copied().filter(|c| *c > a).min(),
        (Dir::This, _) => cands.iter().copied().find(|c| c.year() == ay),
        (Dir::Tense, Tense::Past) => cands.iter().copied().filter(|c| *c <= a + slack).max(),
        (Dir::Tense, Tense::Future) => cands.iter().copied().filter(|c| *c >= a - slack).min(),
        (Dir::Tense, Tense::Present) => cands.iter().copied().min_by_key(dist),
    };
    pick.or_else(|| cands.iter().copied().min_by_key(dist))
}

fn pick_month_year(a: NaiveDate, m: u32, dir: Dir, tense: Tense) -> i32 {
    let (ay, am) = (a.year(), a.month());
    match (dir, tense) {
        (Dir::Last, _) => {
            if m < am {
                ay
            } else {
                ay - 1
            }
        }
        (Dir::Next, _) => {
            if m > am {
                ay
            } else {
                ay + 1
            }
        }
        (Dir::Tense, Tense::Past) => {
            if m <= am + TENSE_SLACK_MONTHS {
                ay
            } else {
                ay - 1
            }
        }
        (Dir::Tense, Tense::Future) => {
            if m + TENSE_SLACK_MONTHS >= am {
                ay
            } else {
                ay + 1
            }
        }
        // No tense: the nearest such month ("January" in a November story is the coming
        // one, "November" in a February story the last one).
        (Dir::Tense, Tense::Present) => {
            if m + 6 < am {
                ay + 1
            } else if m > am + 6 {
                ay - 1
            } else {
                ay
            }
        }
        _ => ay,
    }
}

/// A weekday near the anchor. Past (and unknown, as news mostly reports the past): the
/// latest such day on or before the anchor (wire stories dated Friday say "Friday" for
/// that day, as TimeBank and AQUAINT show); "last": strictly before; future: on or after;
/// "next": strictly after; "this": in the anchor's week.
fn pick_weekday(a: NaiveDate, w: u8, dir: Dir, tense: Tense) -> Option<NaiveDate> {
    let aw = i64::from(a.weekday().number_from_monday());
    let w = i64::from(w);
    let back = (aw - w).rem_euclid(7);
    let fwd = (w - aw).rem_euclid(7);
    let offset = match (dir, tense) {
        (Dir::Last, _) => -(if back == 0 { 7 } else { back }),
        (Dir::Next, _) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        (Dir::This, _) => w - aw,
        (Dir::Tense, Tense::Future) => fwd,
        (Dir::Tense, _) => -back,
    };
    shift_days(a, offset)
}

fn slice_value(
    of: Option<&Sem>,
    slice: YearSlice,
    dir: Dir,
    ctx: &Ctx,
    r: &mut Resolved,
) -> TimexValue {
    let year = match of {
        Some(s) => match value(s, ctx, r) {
            TimexValue::Calendar(c) if c.month.is_none() => Some(c.year),
            _ => None,
        },
        None => ctx.anchor.map(|a| {
            r.relative = true;
            slice_year(a, slice, dir, ctx.tense)
        }),
    };
    let Some(y) = year else {
        let code = match slice {
            YearSlice::Quarter(q) => format!("XXXX-Q{q}"),
            YearSlice::LatestQuarter => "XXXX-QX".into(),
            YearSlice::Half(h) => format!("XXXX-H{h}"),
            YearSlice::Season(s) => format!("XXXX-{}", season_code(s)),
            YearSlice::FirstMonths(_) | YearSlice::LastMonths(_) => "XXXX".into(),
            YearSlice::Month(m) => format!("XXXX-{m:02}"),
        };
        return TimexValue::Unresolved(code);
    };
    let part = |p| TimexValue::YearPart { year: y, part: p };
    match slice {
        YearSlice::Quarter(q) => part(YearPart::Quarter(q)),
        YearSlice::LatestQuarter => match ctx.anchor {
            Some(a) if of.is_none() => {
                let cur = (a.month() - 1) / 3 + 1;
                // Reports look back on the last completed quarter unless they speak ahead.
                let n = if ctx.tense == Tense::Future { 0 } else { -1 };
                let _ = cur;
                rel_value(Unit::Quarter, n, a).unwrap_or_else(|| unknown(Unit::Quarter))
            }
            // "the 1988 quarter", "last year's quarter": the quarter being reported on, in
            // that year.
            _ => match ctx.quarter {
                Some((_, q)) => part(YearPart::Quarter(q)),
                None => TimexValue::Unresolved(format!("{y:04}-QX")),
            },
        },
        YearSlice::Half(h) => part(YearPart::Half(h)),
        YearSlice::Month(m) => TimexValue::Calendar(CalendarValue::month(y, m)),
        YearSlice::Season(s) => part(YearPart::Season(s)),
        YearSlice::FirstMonths(n) => match n {
            3 => part(YearPart::Quarter(1)),
            6 => part(YearPart::Half(1)),
            12 => TimexValue::year(y),
            _ => TimexValue::Range(
                Box::new(TimexValue::Calendar(CalendarValue::month(y, 1))),
                Box::new(TimexValue::Calendar(CalendarValue::month(y, n))),
            ),
        },
        YearSlice::LastMonths(n) => match n {
            3 => part(YearPart::Quarter(4)),
            6 => part(YearPart::Half(2)),
            12 => TimexValue::year(y),
            _ => TimexValue::Range(
                Box::new(TimexValue::Calendar(CalendarValue::month(y, 13 - n))),
                Box::new(TimexValue::Calendar(CalendarValue::month(y, 12))),
            ),
        },
    }
}

/// The year of a named part of a year given without one ("the second quarter").
fn slice_year(a: NaiveDate, slice: YearSlice, dir: Dir, tense: Tense) -> i32 {
    let ay = a.year();
    let first_month = match slice {
        YearSlice::Quarter(q) => u32::from(q) * 3 - 2,
        YearSlice::Half(h) => u32::from(h) * 6 - 5,
        YearSlice::Season(s) => match s {
            crate::model::Season::Spring => 3,
            crate::model::Season::Summer => 6,
            crate::model::Season::Fall => 9,
            crate::model::Season::Winter => 12,
        },
        _ => return ay,
    };
    let am = a.month();
    match (dir, tense) {
        (Dir::Last, _) => {
            if first_month + 2 < am {
                ay
            } else {
                ay - 1
            }
        }
        (Dir::Next, _) => {
            if first_month > am {
                ay
            } else {
                ay + 1
            }
        }
        (Dir::Tense, Tense::Past) if first_month > am => ay - 1,
        _ => ay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekdays_by_direction() {
        // 2025-08-21 is a Thursday.
        let a = d(2025, 8, 21);
        assert_eq!(
            pick_weekday(a, 1, Dir::Tense, Tense::Past),
            Some(d(2025, 8, 18))
        );
        assert_eq!(pick_weekday(a, 4, Dir::Tense, Tense::Past), Some(a));
        assert_eq!(
            pick_weekday(a, 4, Dir::Last, Tense::Past),
            Some(d(2025, 8, 14))
        );
        assert_eq!(
            pick_weekday(a, 1, Dir::Tense, Tense::Future),
            Some(d(2025, 8, 25))
        );
        assert_eq!(
            pick_weekday(a, 4, Dir::Next, Tense::Past),
            Some(d(2025, 8, 28))
        );
    }

    #[test]
    fn relative_units() {
        let a = d(2025, 8, 21);
        assert_eq!(
            rel_value(Unit::Week, -1, a).unwrap().to_string(),
            "2025-W33"
        );
        assert_eq!(
            rel_value(Unit::Quarter, -3, a).unwrap().to_string(),
            "2024-Q4"
        );
        assert_eq!(rel_value(Unit::Decade, -1, a).unwrap().to_string(), "201");
        assert_eq!(
            rel_value(Unit::Month, -8, a).unwrap().to_string(),
            "2024-12"
        );
    }
}
