//! What a matched expression means before it meets an anchor: the output of the grammar and
//! the input of normalisation. Kept separate so that rules say *what* was written and
//! normalisation alone decides *which* calendar time that is.

use crate::model::{DayPart, Reference, Season, TimexValue};

use super::lexicon::Unit;

/// Which way an underspecified date points from the anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Bare ("on Tuesday", "in March"): the tense of the governing verb decides.
    Tense,
    /// "last Tuesday": strictly before the anchor.
    Last,
    /// "next Tuesday": strictly after the anchor.
    Next,
    /// "this Tuesday", "this March": in the anchor's own week or year.
    This,
}

/// Hedges on a period ("early 2024", "the end of the year"): the value stays the period
/// (as TimeML writes it) and the placed interval narrows to the part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    Early,
    Mid,
    Late,
}

/// A count: exact, possibly fractional ("two and a half"), or vague ("several").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Count {
    Exact(f64),
    Vague,
}

impl Count {
    /// Whole-number count usable for calendar arithmetic.
    pub fn whole(self) -> Option<i32> {
        match self {
            Count::Exact(n) if n.fract() == 0.0 && (0.0..=100_000.0).contains(&n) => Some(n as i32),
            _ => None,
        }
    }
}

/// Calendar fields as written; missing ones are supplied at normalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpec {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// ISO weekday 1..=7, when the text names it ("Tuesday, Aug. 19").
    pub weekday: Option<u8>,
    pub dir: Dir,
}

impl DateSpec {
    pub fn new() -> Self {
        Self {
            year: None,
            month: None,
            day: None,
            weekday: None,
            dir: Dir::Tense,
        }
    }
}

/// A part of a year named relative to some year ("the second quarter", "the first half of
/// 2023", "the first six months of 2023").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearSlice {
    Quarter(u8),
    /// "the quarter", "the latest quarter": the last one reported on.
    LatestQuarter,
    Half(u8),
    Season(Season),
    /// The first `n` months ("the first six months of").
    FirstMonths(u32),
    /// The last `n` months.
    LastMonths(u32),
    /// One month ("October of next year").
    Month(u32),
}

/// Meaning of one expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Sem {
    /// A value that needs no anchor ("2021", "the 1990s").
    Value(TimexValue),
    Date(DateSpec),
    /// `n` units from the anchor, at that unit's precision ("yesterday", "last week",
    /// "two years ago").
    Rel {
        unit: Unit,
        n: i32,
    },
    /// `n` units from the last date the text mentioned ("a year earlier"); the anchor when
    /// there is none.
    Shift {
        unit: Unit,
        n: i32,
    },
    /// `n` units from the time the story is talking about (the last date it named: "the
    /// day", "that week", "the following year"); the anchor when it named none at that
    /// precision.
    Focus {
        unit: Unit,
        n: i32,
    },
    /// A holiday that falls on a weekday: the first `weekday` on or after day `from` of
    /// `month` (Thanksgiving: the Thursday on or after 22 November); the year as written,
    /// else by direction and tense like a bare month.
    Floating {
        month: u32,
        weekday: u8,
        from: u32,
        year: Option<i32>,
        dir: Dir,
    },
    /// A part of a year; `of` is the year (`None`: the anchor's, by tense).
    Slice {
        of: Option<Box<Sem>>,
        slice: YearSlice,
        dir: Dir,
    },
    Ref(Reference),
    /// A length of time; `back` places it ending at the anchor ("the past three years"),
    /// `ahead` starting there ("the next two weeks").
    Duration {
        value: String,
        place: Option<(Unit, f64, bool)>,
    },
    Set(String),
    /// A clock time, on `date` if given; `utc` when the text gives the zone as UTC or GMT.
    Time {
        date: Option<Box<Sem>>,
        hour: u32,
        minute: u32,
        second: Option<u32>,
        utc: bool,
    },
    PartOfDay {
        date: Box<Sem>,
        part: DayPart,
    },
    Mod(Modifier, Box<Sem>),
    /// From the start of the first to the end of the second.
    Range(Box<Sem>, Box<Sem>),
}

/// ISO 8601 duration for `n` units (`P3D`, `PT72H`, `P10Y`); vague counts write `X`.
pub fn duration_value(unit: Unit, count: Count) -> String {
    let (scale, code, time) = match unit {
        Unit::Second => (1.0, 'S', true),
        Unit::Minute => (1.0, 'M', true),
        Unit::Hour => (1.0, 'H', true),
        Unit::Day => (1.0, 'D', false),
        Unit::Weekend => (2.0, 'D', false),
        Unit::Week => (1.0, 'W', false),
        Unit::Fortnight => (2.0, 'W', false),
        Unit::Month => (1.0, 'M', false),
        Unit::Quarter => (3.0, 'M', false),
        Unit::Year => (1.0, 'Y', false),
        Unit::Decade => (10.0, 'Y', false),
        Unit::Century => (100.0, 'Y', false),
        Unit::Millennium => (1000.0, 'Y', false),
    };
    let t = if time { "T" } else { "" };
    match count {
        Count::Vague => format!("P{t}X{code}"),
        Count::Exact(n) => {
            let v = n * scale;
            // Half an hour reads better as minutes, as TimeML writes it.
            if unit == Unit::Hour && v.fract() != 0.0 && (v * 60.0).fract() == 0.0 {
                return format!("PT{}M", (v * 60.0) as u64);
            }
            if v.fract() == 0.0 {
                format!("P{t}{}{code}", v as u64)
            } else {
                format!("P{t}{v}{code}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso() {
        assert_eq!(duration_value(Unit::Day, Count::Exact(3.0)), "P3D");
        assert_eq!(duration_value(Unit::Hour, Count::Exact(72.0)), "PT72H");
        assert_eq!(duration_value(Unit::Hour, Count::Exact(0.5)), "PT30M");
        assert_eq!(duration_value(Unit::Decade, Count::Exact(1.0)), "P10Y");
        assert_eq!(duration_value(Unit::Year, Count::Exact(2.5)), "P2.5Y");
        assert_eq!(duration_value(Unit::Year, Count::Vague), "PXY");
        assert_eq!(duration_value(Unit::Minute, Count::Vague), "PTXM");
        for v in ["P3D", "PT72H", "PT30M", "P10Y", "P2.5Y", "PXY", "PTXM"] {
            assert!(v.parse::<TimexValue>().is_ok(), "{v}");
        }
    }
}
