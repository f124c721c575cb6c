//! "Fit all" and "zoom to selection" that fit the labels too, not only the marks.
//!
//! A plain fit ([`TimeView::fit`]) puts the latest entry near the right edge, where its label
//! is cut by the window. Here the span is chosen so that every entry's mark *and* the label
//! after it end inside the width: with the view starting `pad_left` px before the earliest
//! start `a`, an entry ending at `e` with a label of `w` px needs
//!
//! ```text
//!   (e − a) / span · W + pad_left + mark + w  ≤  W − pad_right
//!   ⇒  span ≥ (e − a) · W / (W − pad_left − pad_right − mark − w)
//! ```
//!
//! and the span is the largest of these. A label wider than most of the width cannot be
//! fitted that way; it is left to the layout, which flips it to the left of its mark or
//! shortens it.

use super::index::TimelineIndex;
use super::layout::{LayoutOptions, POINT_RADIUS_PX, label_text};
use super::measure::{DEFAULT_AVG_CHAR_PX, MeasureText};
use super::ticks::LABEL_PAD_PX;
use super::view::{AxisBreak, BREAK_PX, MAX_BREAKS, MIN_SPAN_SECONDS, TimeView};
use chrono::NaiveDate;

use crate::model::{EntryId, Project, seconds_from_datetime};

/// Empty space left of the earliest mark and right of the last label, pixels.
pub const FIT_PAD_PX: f32 = 16.0;
/// Labels wider than this share of the width are not fitted (the layout flips them).
const WIDEST_FITTED_LABEL: f32 = 0.6;
/// Entries whose labels are measured with the real font (the rest are estimated).
const MEASURED: usize = 64;

/// The view showing `ids` (every placed entry when `None`), marks and labels, in a timeline
/// `width` px wide; `None` when none of them is placed.
pub fn fit_view(
    project: &Project,
    index: &TimelineIndex,
    ids: Option<&[EntryId]>,
    width: f32,
    options: &LayoutOptions,
    measure: &dyn MeasureText,
) -> Option<TimeView> {
    let wanted: Option<std::collections::HashSet<EntryId>> =
        ids.map(|ids| ids.iter().copied().collect());
    let chosen: Vec<_> = index
        .entries()
        .iter()
        .filter(|e| wanted.as_ref().is_none_or(|w| w.contains(&e.id)))
        .filter(|e| {
            options
                .only
                .as_ref()
                .is_none_or(|only| only.get(e.entry as usize).copied().unwrap_or(false))
        })
        .collect();
    let a = chosen.iter().map(|e| e.start).fold(f64::INFINITY, f64::min);
    let b = chosen
        .iter()
        .map(|e| e.end)
        .fold(f64::NEG_INFINITY, f64::max);
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    let width = if width.is_finite() && width > 100.0 {
        f64::from(width)
    } else {
        // No sensible width (a window not yet laid out): the plain fit.
        return Some(TimeView::fit(a, b));
    };
    let fixed = f64::from(2.0 * FIT_PAD_PX + 2.0 * POINT_RADIUS_PX + LABEL_PAD_PX);
    let need = |end: f64, label_px: f32| -> f64 {
        let room = width - fixed - f64::from(label_px);
        let label_px = if room < width * f64::from(1.0 - WIDEST_FITTED_LABEL) {
            0.0
        } else {
            label_px
        };
        (end - a) * width / (width - fixed - f64::from(label_px)).max(1.0)
    };
    let max_chars = options.max_label_chars.max(2);
    let estimate = |chars: u32| (chars as usize).min(max_chars) as f32 * DEFAULT_AVG_CHAR_PX;
    // Estimated needs first; the entries that bind most are then measured with the font.
    let mut needs: Vec<(f64, usize)> = chosen
        .iter()
        .enumerate()
        .map(|(i, e)| (need(e.end, estimate(e.label_chars)), i))
        .collect();
    let k = needs.len().min(MEASURED);
    if k < needs.len() {
        needs.select_nth_unstable_by(k, |x, y| y.0.total_cmp(&x.0));
    }
    let mut span = needs[k..].iter().map(|n| n.0).fold(need(b, 0.0), f64::max);
    for &(_, i) in &needs[..k] {
        let e = chosen[i];
        let label_px = project
            .entries
            .get(e.entry as usize)
            .filter(|x| x.id == e.id)
            .map_or(0.0, |x| measure.width(&label_text(x, max_chars)));
        span = span.max(need(e.end, label_px));
    }
    let span = span.max(MIN_SPAN_SECONDS);
    let min = a - f64::from(FIT_PAD_PX + POINT_RADIUS_PX) * span / width;
    Some(TimeView::new(min, span))
}

/// Empty stretches between entries longer than this share of the whole range become breaks.
pub const BREAK_MIN_SHARE: f64 = 0.2;
/// Room kept between the last label before a break (or the first mark after it) and the
/// break, pixels.
const BREAK_MARGIN_PX: f32 = 12.0;

/// The entries of the story's own time, when some lie far outside it: "built in 1921" or
/// "the 21st century" in coverage of a strike in May 2024 are context, and fitting them
/// would squeeze the story into a few pixels.
///
/// The story's period runs from a month before its first publication to its last (as for
/// its key dates, [`crate::story::digest::STORY_LEAD_IN_DAYS`]); an entry belongs to the
/// story when it lies within that period widened by half its length (at least
/// [`CONTEXT_MIN_DAYS`]) on each side. The rest — "since 2022", "built in 1921", a century —
/// is context: the period fills the axis, and what lies beyond is counted, not fitted. With
/// fewer than [`COVERAGE_MIN_SOURCES`] dated sources, the window is years wide (an article
/// tells the years before it).
///
/// `None` when fewer than half of the entries lie inside (an article about years of history
/// is about that history, not about its publication day), when nothing lies outside, and
/// when no source is dated.
pub fn story_core(project: &Project, index: &TimelineIndex) -> Option<(Vec<EntryId>, usize)> {
    let days = project.sources.iter().filter_map(|s| s.published_date());
    let (first, last) = days.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| match acc {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })?;
    let day = |d: NaiveDate| seconds_from_datetime(d.and_time(chrono::NaiveTime::MIN));
    let (start, end) = (
        day(first) - crate::story::digest::STORY_LEAD_IN_DAYS as f64 * DAY_SECONDS,
        day(last) + 2.0 * DAY_SECONDS,
    );
    // Coverage (several dated articles) is about its own weeks; one or two articles are
    // often about the years before them ("desertions in the first half of 2023", reported
    // in 2025), so their window is years wide and an entry need only overlap it.
    let coverage = is_coverage(project);
    let margin = if coverage {
        (0.5 * (end - start)).max(CONTEXT_MIN_DAYS * DAY_SECONDS)
    } else {
        (2.0 * (end - start)).max(ARTICLE_CONTEXT_YEARS * 365.25 * DAY_SECONDS)
    };
    let (lo, hi) = (start - margin, end + margin);
    let mut core = Vec::new();
    let mut outside = 0;
    for e in index.entries() {
        let inside = if coverage {
            e.start >= lo && e.end <= hi
        } else {
            e.end >= lo && e.start <= hi && e.end - e.start <= hi - lo
        };
        if inside {
            core.push(e.id);
        } else {
            outside += 1;
        }
    }
    core.sort_unstable();
    (core.len() >= outside && outside > 0).then_some((core, outside))
}

/// The project is a story's coverage: [`COVERAGE_MIN_SOURCES`] or more dated sources.
pub fn is_coverage(project: &Project) -> bool {
    project
        .sources
        .iter()
        .filter(|s| s.published_date().is_some())
        .count()
        >= COVERAGE_MIN_SOURCES
}

const DAY_SECONDS: f64 = 86_400.0;
/// Entries within this many days of a story's period are part of it.
const CONTEXT_MIN_DAYS: f64 = 14.0;
/// From this many dated sources a project is a story's coverage.
pub const COVERAGE_MIN_SOURCES: usize = 3;
/// Entries within this many years of a single article's publication are part of its story.
const ARTICLE_CONTEXT_YEARS: f64 = 3.0;

/// The empty stretches of the placed entries (where no entry's span reaches), longest
/// first, each longer than `min_share` of the whole range.
pub fn gaps(index: &TimelineIndex, min_share: f64) -> Vec<AxisBreak> {
    let Some((a, b)) = index.bounds() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for e in index.entries() {
        if reach.is_finite() && e.start > reach && e.start - reach > (b - a) * min_share {
            out.push(AxisBreak {
                t0: reach,
                t1: e.start,
            });
        }
        reach = reach.max(e.end);
    }
    out.sort_by(|x, y| y.seconds().total_cmp(&x.seconds()));
    out.truncate(MAX_BREAKS);
    out.sort_by(|x, y| x.t0.total_cmp(&y.t0));
    out
}

/// Fit all on an axis that skips the long empty stretches: the view and its breaks, such
/// that every mark and label is inside `width` px and no label runs into a break. Without
/// gaps this is [`fit_view`]. For images, where every label is measured.
pub fn fit_with_breaks(
    project: &Project,
    index: &TimelineIndex,
    width: f32,
    options: &LayoutOptions,
    measure: &dyn MeasureText,
    min_share: f64,
) -> Option<(TimeView, Vec<AxisBreak>)> {
    let gaps = gaps(index, min_share);
    let plain = fit_view(project, index, None, width, options, measure)?;
    if gaps.is_empty() || !width.is_finite() || width <= 200.0 {
        return Some((plain, Vec::new()));
    }
    let w = f64::from(width);
    let max_chars = options.max_label_chars.max(2);
    // (start, end, label px) for every entry; what a label needs right of its entry's end
    // depends on the scale (a bar wide enough holds its label inside).
    let labelled: Vec<(f64, f64, f64)> = index
        .entries()
        .iter()
        .map(|e| {
            let label = project
                .entries
                .get(e.entry as usize)
                .filter(|x| x.id == e.id)
                .map_or(0.0, |x| measure.width(&label_text(x, max_chars)));
            let label = if label > width * WIDEST_FITTED_LABEL {
                0.0
            } else {
                label
            };
            (e.start, e.end, f64::from(label))
        })
        .collect();
    let needs_at = |scale: f64| -> Vec<(f64, f64)> {
        labelled
            .iter()
            .map(|&(start, end, label)| {
                let pad = f64::from(LABEL_PAD_PX);
                let inside = (end - start) * scale >= label + 2.0 * pad;
                let right = if inside {
                    pad
                } else {
                    f64::from(POINT_RADIUS_PX) + pad + label
                };
                (end, right)
            })
            .collect()
    };
    let a = index.entries().first()?.start;
    let pad_left = f64::from(FIT_PAD_PX + POINT_RADIUS_PX);
    let pad_right = f64::from(FIT_PAD_PX);
    let margin = f64::from(BREAK_MARGIN_PX);
    let break_px = f64::from(BREAK_PX);
    // The scale (px per second) and the breaks depend on each other (labels before a break
    // push its start later, by a time that depends on the scale): a few rounds settle it.
    let mut breaks: Vec<AxisBreak> = gaps.clone();
    let mut scale = w / plain.span;
    for _ in 0..6 {
        let needs = needs_at(scale);
        let removed_before = |t: f64, breaks: &[AxisBreak]| -> (f64, usize) {
            breaks
                .iter()
                .filter(|b| b.t1 <= t)
                .fold((0.0, 0), |(s, n), b| (s + b.seconds(), n + 1))
        };
        let mut s = f64::INFINITY;
        for &(end, right) in &needs {
            let (removed, n) = removed_before(end, &breaks);
            let time = end - a - removed;
            if time > 0.0 {
                let room = w - pad_left - pad_right - n as f64 * break_px - right;
                s = s.min(room.max(1.0) / time);
            }
        }
        if !s.is_finite() {
            return Some((plain, Vec::new()));
        }
        scale = s;
        let needs = needs_at(scale);
        // Each gap's break starts after the labels that end before it, and ends a margin
        // before the first mark after it.
        breaks = gaps
            .iter()
            .filter_map(|g| {
                let t0 = needs
                    .iter()
                    .filter(|(end, _)| *end <= g.t0)
                    .map(|(end, right)| end + (right + margin) / scale)
                    .fold(g.t0, f64::max);
                let t1 = g.t1 - (f64::from(POINT_RADIUS_PX) + margin) / scale;
                // Not worth a break when it would save less than its own width.
                ((t1 - t0) * scale > 2.0 * break_px).then_some(AxisBreak { t0, t1 })
            })
            .collect();
    }
    if breaks.is_empty() {
        return Some((plain, Vec::new()));
    }
    let removed: f64 = breaks.iter().map(AxisBreak::seconds).sum();
    let min = a - pad_left / scale;
    let span = pad_left / scale + removed + (w - pad_left - breaks.len() as f64 * break_px) / scale;
    let view = TimeView::new(min, span);
    Some((view, breaks))
}

#[cfg(test)]
mod story_core_tests {
    use super::*;
    use crate::model::{Entry, EntryKind, Source, SourceId, TimeSpan};
    use crate::timeline::GroupBy;

    fn project(entries: &[&str]) -> Project {
        let now = chrono::Utc::now();
        let mut p = Project::default();
        for (i, published) in ["2024-05-06", "2024-05-09", "2024-05-21"]
            .iter()
            .enumerate()
        {
            let mut s = Source::from_text(SourceId(100 + i as u64), "a", "text");
            s.published = Some(TimeSpan::parse(published, None).unwrap());
            p.sources.push(s);
        }
        for (i, value) in entries.iter().enumerate() {
            let mut e = Entry::new(EntryId(i as u64 + 1), EntryKind::Event, *value, now);
            e.event_time = Some(TimeSpan::parse(value, None).unwrap());
            p.entries.push(e);
        }
        p.repair_next_id();
        p
    }

    #[test]
    fn distant_references_are_left_out_of_the_story_fit() {
        // A strike in May 2024; the port built in 1921; "the 21st century"; a 2022 report;
        // all of 2024 (a span reaching far beyond the story); talks in late April.
        let p = project(&[
            "2024-05-05",
            "2024-05-13",
            "1921",
            "20",
            "2022-03-01",
            "2024",
            "2024-04-20",
            "2024-05-21",
        ]);
        let index = TimelineIndex::build(&p, GroupBy::Source);
        let (core, outside) = story_core(&p, &index).expect("some entries are context");
        assert_eq!(core, [EntryId(1), EntryId(2), EntryId(7), EntryId(8)]);
        assert_eq!(outside, 4);
        // Mostly history: the history is the subject.
        let p = project(&["2024-05-05", "1921", "1944", "1990"]);
        let index = TimelineIndex::build(&p, GroupBy::Source);
        assert_eq!(story_core(&p, &index), None);
    }

    #[test]
    fn a_story_without_distant_references_fits_as_before() {
        let p = project(&["2024-05-05", "2024-04-10", "2024-05-30"]);
        let index = TimelineIndex::build(&p, GroupBy::Source);
        assert_eq!(story_core(&p, &index), None);
        // Undated sources: no period to fit to.
        let mut undated = project(&["2024-05-05", "1921"]);
        undated.sources.iter_mut().for_each(|s| s.published = None);
        let index = TimelineIndex::build(&undated, GroupBy::Source);
        assert_eq!(story_core(&undated, &index), None);
    }
}
