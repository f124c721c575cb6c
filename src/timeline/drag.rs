//! Dragging entries along the axis to change their dates: pure snapping rules.
//!
//! A drag moves the grabbed entries by a whole number of calendar *units*. The unit is the
//! finest tick row on screen (zoomed to days, a drag moves by days), but never finer than the
//! coarsest entry being moved, so a year-precision entry moves by years and stays a year:
//!
//! ```text
//!   ticks: months     entry "2023-H1" (half-year)  → unit = half-year
//!   ticks: days       entry "2025-08-20" (day)      → unit = day
//!   drag Δx px ─► Δt = Δx · seconds/px ─► n = the count of units whose shifted start is nearest
//! ```
//!
//! The model does the calendar arithmetic ([`TimeSpan::shifted`]); this module picks the unit
//! and the count.

use super::placement::Placement;
use super::ticks::{TickStep, Ticks};
use crate::model::{Entry, Precision, TimeSpan};

/// The calendar unit of a tick step: `Seconds(3600)` is an hour, `Months(3)` a quarter,
/// `Years(10)` a decade (steps of several units still snap to one unit).
pub fn step_unit(step: TickStep) -> Precision {
    match step {
        TickStep::Seconds(n) if n < 60 => Precision::Second,
        TickStep::Seconds(n) if n < 3_600 => Precision::Minute,
        TickStep::Seconds(n) if n < 86_400 => Precision::Hour,
        TickStep::Seconds(_) => Precision::Day,
        TickStep::Weeks => Precision::Week,
        TickStep::Months(1) => Precision::Month,
        TickStep::Months(3) => Precision::Quarter,
        TickStep::Months(_) => Precision::Half,
        TickStep::Years(n) if n < 10 => Precision::Year,
        TickStep::Years(n) if n < 100 => Precision::Decade,
        TickStep::Years(n) if n < 1_000 => Precision::Century,
        TickStep::Years(_) => Precision::Millennium,
    }
}

/// The coarsest precision among `spans`, as a drag unit: parts of a day move by days and
/// seasons by quarters, since neither is evenly spaced. `Second` when there are none.
pub fn coarsest<'a>(spans: impl IntoIterator<Item = &'a TimeSpan>) -> Precision {
    spans
        .into_iter()
        .map(|s| match s.precision {
            Precision::PartOfDay => Precision::Day,
            Precision::Season => Precision::Quarter,
            p => p,
        })
        .fold(Precision::Second, Precision::min)
}

/// The unit a drag snaps to with `ticks` on screen: the finest tick row's unit, coarsened
/// to `floor` (the [`coarsest`] precision of what is being moved).
pub fn snap_unit(ticks: &Ticks, floor: Precision) -> Precision {
    let tick = ticks
        .minor_step
        .or(ticks.step)
        .map_or(Precision::Day, step_unit);
    tick.min(floor)
}

/// Mean length of one `unit`, for a first guess only (calendars decide the real shift).
fn mean_seconds(unit: Precision) -> f64 {
    const DAY: f64 = 86_400.0;
    const MONTH: f64 = 30.436_875 * DAY;
    match unit {
        Precision::Second => 1.0,
        Precision::Minute => 60.0,
        Precision::Hour => 3_600.0,
        Precision::PartOfDay => 6.0 * 3_600.0,
        Precision::Day => DAY,
        Precision::Week => 7.0 * DAY,
        Precision::Month => MONTH,
        Precision::Quarter | Precision::Season => 3.0 * MONTH,
        Precision::Half => 6.0 * MONTH,
        Precision::Year => 12.0 * MONTH,
        Precision::Decade => 120.0 * MONTH,
        Precision::Century => 1_200.0 * MONTH,
        Precision::Millennium => 12_000.0 * MONTH,
    }
}

/// How many `unit`s a drag of `delta_seconds` moves `span`: the count whose shifted start
/// lies nearest to where the pointer took it. 0 when the drag is under half a unit.
pub fn snapped_steps(span: &TimeSpan, unit: Precision, delta_seconds: f64) -> i64 {
    if !delta_seconds.is_finite() {
        return 0;
    }
    // No drag crosses more than the widest view.
    let max = super::view::MAX_SPAN_SECONDS;
    let delta_seconds = delta_seconds.clamp(-max, max);
    let guess = (delta_seconds / mean_seconds(unit)).round() as i64;
    let target = span.start_seconds() + delta_seconds;
    (guess - 1..=guess + 1)
        .filter_map(|n| {
            let t = unit.shift(span.start, n)?;
            Some((n, (crate::model::seconds_from_datetime(t) - target).abs()))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.abs().cmp(&b.0.abs())))
        .map_or(0, |(n, _)| n)
}

/// `entries` with the time that places them moved by `n` units of `unit`, stamped as
/// modified `now`. Entries whose time cannot move (vague references, out of range) are left
/// out, so the caller can say how many stayed.
pub fn moved_entries<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    placement: Placement,
    unit: Precision,
    n: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<Entry> {
    entries
        .into_iter()
        .filter_map(|e| {
            let mut moved = e.clone();
            let span = placement.time_mut(&mut moved)?;
            *span = span.shifted(unit, n).ok()?;
            moved.modified = now;
            Some(moved)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(v: &str) -> TimeSpan {
        TimeSpan::parse(v, None).unwrap()
    }

    fn ticks_of(step: TickStep) -> Ticks {
        Ticks {
            step: Some(step),
            minor_step: Some(step),
            ..Ticks::default()
        }
    }

    #[test]
    fn the_unit_is_the_finest_tick_but_never_finer_than_an_entry() {
        let unit = |step, spans: &[&str]| {
            let spans: Vec<TimeSpan> = spans.iter().map(|v| span(v)).collect();
            snap_unit(&ticks_of(step), coarsest(&spans))
        };
        let days = TickStep::Seconds(86_400);
        assert_eq!(unit(days, &["2025-08-20"]), Precision::Day);
        assert_eq!(unit(days, &["2025-08-20", "2023-H1"]), Precision::Half);
        assert_eq!(unit(days, &["2025-SU"]), Precision::Quarter);
        assert_eq!(
            unit(TickStep::Years(20), &["2025-08-20"]),
            Precision::Decade
        );
        assert_eq!(
            unit(TickStep::Seconds(3 * 3_600), &["2025-08-20TMO"]),
            Precision::Day
        );
        assert_eq!(unit(TickStep::Seconds(60), &[]), Precision::Minute);
        assert_eq!(
            snap_unit(&Ticks::default(), Precision::Second),
            Precision::Day
        );
    }

    #[test]
    fn moving_entries_shifts_the_placing_time_and_skips_vague_ones() {
        use crate::model::{EntryId, EntryKind};
        let now = chrono::Utc::now();
        let mut a = Entry::new(EntryId(1), EntryKind::Statement, "a", now);
        a.event_time = Some(span("2023-H1"));
        a.said_time = Some(span("2025-08-20"));
        let mut b = Entry::new(EntryId(2), EntryKind::Event, "b", now);
        b.event_time = Some(
            TimeSpan::parse("PAST_REF", chrono::NaiveDate::from_ymd_opt(2025, 8, 21)).unwrap(),
        );
        let c = Entry::new(EntryId(3), EntryKind::Event, "undated", now);
        let moved = moved_entries([&a, &b, &c], Placement::Said, Precision::Month, 2, now);
        assert_eq!(moved.len(), 1, "vague and undated entries stay");
        assert_eq!(moved[0].id, EntryId(1));
        let said = moved[0].said_time.as_ref().unwrap();
        assert_eq!(said.value.to_string(), "2025-10-20");
        assert_eq!(moved[0].event_time, a.event_time, "other times untouched");
    }

    #[test]
    fn drags_snap_to_the_nearest_whole_unit() {
        let d = span("2025-08-20");
        let day = 86_400.0;
        assert_eq!(snapped_steps(&d, Precision::Day, 0.4 * day), 0);
        assert_eq!(snapped_steps(&d, Precision::Day, 0.6 * day), 1);
        assert_eq!(snapped_steps(&d, Precision::Day, -2.6 * day), -3);
        // Months are uneven: 20 Aug + 42 days is nearer 20 Sep (31 d) than 20 Oct (61 d).
        assert_eq!(snapped_steps(&d, Precision::Month, 42.0 * day), 1);
        assert_eq!(snapped_steps(&d, Precision::Month, 47.0 * day), 2);
        assert_eq!(snapped_steps(&d, Precision::Year, -400.0 * day), -1);
        assert_eq!(snapped_steps(&d, Precision::Year, f64::NAN), 0);
        assert_eq!(
            snapped_steps(&d, Precision::Year, f64::MAX),
            20_000,
            "at most the widest view"
        );
    }
}
