//! The knowledge cursor ("what was known when"): the moments at which something new became
//! public — each publication — so the cursor can step through a story source by source.

use chrono::NaiveDate;

use crate::model::{Project, midnight, seconds_from_datetime};

/// Every distinct moment an entry or a source became public, ascending: the stops of the
/// cursor's step and play buttons.
/// The "as known on" cursor's colour, on screen and in exported images (purple: apart from
/// the lane palette and the verdict colours).
pub const CURSOR_COLOR: crate::model::Color = crate::model::Color([0x8E, 0x44, 0xAD]);

/// Shading of the time after the cursor (the story's future), as an opacity of
/// [`CURSOR_COLOR`].
pub const FUTURE_SHADE_OPACITY: f32 = 0.06;

pub fn publication_steps(project: &Project) -> Vec<f64> {
    let mut steps: Vec<f64> = project
        .entries
        .iter()
        .filter_map(|e| e.known_from())
        .chain(
            project
                .sources
                .iter()
                .filter_map(|s| s.published.as_ref().map(|p| p.start_seconds())),
        )
        .filter(|t| t.is_finite())
        .collect();
    steps.sort_by(f64::total_cmp);
    steps.dedup();
    steps
}

/// The first step after `cursor`, if any.
pub fn next_step(steps: &[f64], cursor: f64) -> Option<f64> {
    steps.get(steps.partition_point(|&t| t <= cursor)).copied()
}

/// The last step before `cursor`, if any.
pub fn previous_step(steps: &[f64], cursor: f64) -> Option<f64> {
    let i = steps.partition_point(|&t| t < cursor);
    i.checked_sub(1).map(|i| steps[i])
}

/// The cursor for "as known on `day`": the last second of that day, so everything published
/// that day counts as known.
pub fn end_of_day(day: NaiveDate) -> f64 {
    match day.succ_opt() {
        Some(next) => seconds_from_datetime(midnight(next)) - 1.0,
        None => f64::INFINITY,
    }
}

/// How many entries were public at `cursor`, of all entries.
pub fn known_count(project: &Project, cursor: f64) -> usize {
    project
        .entries
        .iter()
        .filter(|e| e.known_by(cursor))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Command, Entry, EntryId, EntryKind, TimeSpan};

    fn project() -> Project {
        let mut p = Project::new("t", chrono::Utc::now());
        for (i, reported) in ["2026-03-02", "2026-03-04", "2026-03-04", "2026-03-06"]
            .into_iter()
            .enumerate()
        {
            let mut e = Entry::new(EntryId(i as u64 + 1), EntryKind::Statement, "x", p.created);
            e.reported_time = Some(TimeSpan::parse(reported, None).unwrap());
            p.apply(Command::InsertEntry {
                index: None,
                entry: Box::new(e),
            })
            .unwrap();
        }
        // An undated entry is always known.
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(Entry::new(EntryId(9), EntryKind::Event, "y", p.created)),
        })
        .unwrap();
        p
    }

    #[test]
    fn steps_walk_publications_and_counts_grow() {
        let p = project();
        let steps = publication_steps(&p);
        assert_eq!(steps.len(), 3, "one stop per distinct publication time");
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert_eq!(known_count(&p, end_of_day(day(1))), 1);
        assert_eq!(known_count(&p, end_of_day(day(2))), 2);
        assert_eq!(known_count(&p, end_of_day(day(4))), 4);
        assert_eq!(
            known_count(&p, steps[1]),
            4,
            "a stop shows what appeared at it"
        );
        assert_eq!(next_step(&steps, steps[0]), Some(steps[1]));
        assert_eq!(next_step(&steps, steps[2]), None);
        assert_eq!(previous_step(&steps, steps[1]), Some(steps[0]));
        assert_eq!(previous_step(&steps, steps[0]), None);
        assert_eq!(next_step(&steps, f64::NEG_INFINITY), Some(steps[0]));
    }
}
