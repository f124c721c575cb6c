//! Property tests for the timeline layout core (headless: `--no-default-features`).

use std::sync::OnceLock;

use claimline::model::{Project, Status};
use claimline::timeline::{
    CharWidthEstimate, GroupBy, Hit, LayoutOptions, MeasureText, Point, Rect, RejectedMode,
    TimeAxis, TimeView, TimelineIndex, box_select, hit_test, layout, ticks,
};
use proptest::prelude::*;

const YEAR: f64 = 365.2425 * 86_400.0;
/// 1 January of astronomical year 0 (= 1 BCE) is about this many seconds before 1970.
const YEAR_ZERO: f64 = -1970.0 * YEAR;

fn demo() -> &'static (Project, TimelineIndex) {
    static DEMO: OnceLock<(Project, TimelineIndex)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let p = claimline::demo::project(5_000, 42);
        let index = TimelineIndex::build(&p, GroupBy::Speaker);
        (p, index)
    })
}

fn check_ticks(axis: &TimeAxis, offset: i64) -> Result<(), TestCaseError> {
    check_ticks_with(axis, offset, &CharWidthEstimate::default())
}

fn check_ticks_with(
    axis: &TimeAxis,
    offset: i64,
    measure: &dyn MeasureText,
) -> Result<(), TestCaseError> {
    let t = ticks(axis, offset, measure);
    for w in t.major.windows(2) {
        prop_assert!(w[0].time < w[1].time, "times not increasing: {:?}", t.step);
        prop_assert!(w[0].x < w[1].x);
        let (a, b) = (w[0].label.as_ref().unwrap(), w[1].label.as_ref().unwrap());
        prop_assert!(
            a.x + a.width < b.x,
            "labels overlap at step {:?}: {:?} / {:?}",
            t.step,
            a,
            b
        );
    }
    for tick in &t.major {
        let label = &tick.label.as_ref().unwrap().text;
        prop_assert!(!label.is_empty());
        prop_assert!(
            label != "0" && label != "0 BCE",
            "year zero in labels: {label}"
        );
        prop_assert!(tick.time >= axis.view.min - 1e-6 && tick.time <= axis.view.max() + 1e-6);
    }
    for w in t.minor.windows(2) {
        prop_assert!(w[0].time < w[1].time);
    }
    for w in t.context.windows(2) {
        prop_assert!(
            w[0].x + w[0].width < w[1].x,
            "context labels overlap: {:?}",
            t.context
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_pixel_maps_to_a_time_and_back(
        min in -6.0e11f64..6.0e11,
        log_span in (60f64).ln()..(20_000.0 * YEAR).ln(),
        x_min in -500.0f32..500.0,
        width in 1.0f32..4000.0,
        frac in 0.0f64..=1.0,
    ) {
        let axis = TimeAxis::new(TimeView::new(min, log_span.exp()), x_min, width);
        let x = f64::from(axis.x_min) + frac * f64::from(axis.width);
        let back = axis.x_from_time(axis.time_from_x(x));
        prop_assert!((back - x).abs() <= 0.5, "{x} -> {back}");
        // And as f32 for painting.
        let x32 = axis.x_from_time_f32(axis.time_from_x(x));
        prop_assert!((f64::from(x32) - x).abs() <= 0.5);
    }

    #[test]
    fn zoom_keeps_the_time_under_the_cursor(
        min in -1.0e11f64..1.0e11,
        log_span in (600f64).ln()..(3_000.0 * YEAR).ln(),
        width in 100.0f32..3000.0,
        frac in 0.0f32..=1.0,
        log_factor in -3.0f64..3.0,
    ) {
        let axis = TimeAxis::new(TimeView::new(min, log_span.exp()), 0.0, width);
        let x = frac * width;
        let t = axis.time_from_x(f64::from(x));
        let zoomed = TimeAxis::new(axis.zoom_at(x, log_factor.exp()), 0.0, width);
        prop_assert!((zoomed.x_from_time(t) - f64::from(x)).abs() <= 0.5);
        // Panning then panning back is the identity (to within a pixel's rounding).
        let there = TimeAxis::new(axis.pan(123.0), 0.0, width);
        let back = TimeAxis::new(there.pan(-123.0), 0.0, width);
        prop_assert!((back.x_from_time(t) - f64::from(x)).abs() <= 0.5);
    }

    #[test]
    fn ticks_increase_and_labels_never_overlap_from_3000_years_to_10_minutes(
        // Centred anywhere from 3000 BCE to 3000 CE, so views straddle the era boundary.
        centre in -3_000.0f64..3_000.0,
        log_span in (600f64).ln()..(3_000.0 * YEAR).ln(),
        width in 200.0f32..3000.0,
        offset_h in -12i64..=14,
        // Wide fonts force coarser steps; labels must still never overlap.
        avg_char_px in 4.0f32..14.0,
    ) {
        let span = log_span.exp();
        let view = TimeView::new(YEAR_ZERO + centre * YEAR - span / 2.0, span);
        let measure = CharWidthEstimate { avg_char_px };
        check_ticks_with(&TimeAxis::new(view, 10.0, width), offset_h * 3_600, &measure)?;
    }

    #[test]
    fn stacked_items_never_overlap_hits_find_them_and_counts_add_up(
        start_frac in 0.0f64..1.0,
        log_span in (3_600f64).ln()..(60.0 * YEAR).ln(),
        width in 300.0f32..2500.0,
        max_rows in 1usize..10,
        hide in any::<bool>(),
    ) {
        let (p, index) = demo();
        let (a, b) = index.bounds().unwrap();
        let view = TimeView::new(a + (b - a) * start_frac, log_span.exp());
        // Budgets fixed at `max_rows` (as in exports), and no full-detail shortcut, so that
        // small views exercise clustering too.
        let options = LayoutOptions {
            max_rows,
            share_height: false,
            full_detail_below: 0,
            rejected: if hide { RejectedMode::Hide } else { RejectedMode::Ghost },
            ..LayoutOptions::default()
        };
        let rect = Rect::new(0.0, 0.0, width, 100_000.0);
        let l = layout(p, index, view, rect, &options, &CharWidthEstimate::default());

        // Counts: items + cluster counts = visible entries = a brute-force count.
        let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
        prop_assert_eq!(l.items.len() + clustered, l.visible_entries);
        let brute = index
            .entries()
            .iter()
            .filter(|e| e.start <= l.axis.view.max() && e.end >= l.axis.view.min)
            .filter(|e| !(hide && e.status == Status::Rejected))
            .count();
        prop_assert_eq!(l.visible_entries, brute);

        // No two drawn things overlap: items (mark + label) and cluster badges.
        let mut boxes: Vec<Rect> = l.items.iter().map(|i| i.bounds()).collect();
        boxes.extend(l.clusters.iter().map(|c| c.rect));
        for (i, r) in boxes.iter().enumerate() {
            for s in &boxes[i + 1..] {
                prop_assert!(!r.overlaps(s), "{:?} overlaps {:?}", r, s);
            }
        }
        for item in &l.items {
            // Rows beyond the budget only ever hold entries that would otherwise be a badge
            // of one; every row is inside its lane.
            prop_assert!(item.row < l.lanes[item.lane as usize].rows);
            let lane = &l.lanes[item.lane as usize];
            // Vertically inside its lane (a point may straddle the left or right edge).
            let y = item.rect.centre().y;
            prop_assert!(lane.body.y0 <= y && y <= lane.body.y1);
            prop_assert_eq!(hit_test(&l, item.rect.centre()), Some(Hit::Item(item.id)));
            if let Some(label) = &item.label {
                prop_assert_eq!(hit_test(&l, label.rect.centre()), Some(Hit::Item(item.id)));
            }
        }
        for (n, c) in l.clusters.iter().enumerate() {
            prop_assert!(c.count >= 2, "a badge for one entry: {:?}", c);
            // Badges are readable: at least half a bucket wide, never an edge sliver.
            prop_assert!(c.rect.width() >= 10.0, "{:?}", c.rect);
            prop_assert!(c.rect.x0 >= 0.0 && c.rect.x1 <= width);
            prop_assert_eq!(hit_test(&l, c.rect.centre()), Some(Hit::Cluster(n)));
        }
        for lane in &l.lanes {
            prop_assert_eq!(hit_test(&l, lane.header.centre()), Some(Hit::LaneHeader(lane.index)));
        }
        // Selecting everything selects every visible entry exactly once.
        let all = box_select(&l, rect);
        prop_assert_eq!(all.len(), l.visible_entries);
    }
}

#[test]
fn deterministic_zoom_sweep_across_the_era_boundary() {
    // 3000 years down to 10 minutes in 2% steps, centred on 1 January of 1 CE.
    let width = 1000.0;
    let mut span = 3_000.0 * YEAR;
    let mut steps = 0;
    while span >= 600.0 {
        let view = TimeView::new(YEAR_ZERO + YEAR - span / 2.0, span);
        let axis = TimeAxis::new(view, 0.0, width);
        check_ticks(&axis, 0).unwrap();
        let t = ticks(&axis, 0, &CharWidthEstimate::default());
        assert!(!t.major.is_empty(), "no labelled tick at span {span}");
        span /= 1.02;
        steps += 1;
    }
    assert!(steps > 500, "{steps}");
}

#[test]
fn garbage_views_and_options_do_not_panic() {
    let (p, index) = demo();
    let options = LayoutOptions {
        row_height: f32::NAN,
        axis_height: -1.0,
        max_rows: usize::MAX,
        item_gap: f32::INFINITY,
        scroll_y: f32::NAN,
        utc_offset_seconds: i64::MAX,
        max_label_chars: 0,
        ..LayoutOptions::default()
    };
    for (min, span) in [
        (f64::NAN, f64::NAN),
        (1e300, 1e-300),
        (-1e300, f64::INFINITY),
    ] {
        for rect in [
            Rect::new(0.0, 0.0, 0.0, 0.0),
            Rect::new(f32::NAN, 0.0, f32::INFINITY, 10.0),
            Rect::new(0.0, 0.0, 800.0, 600.0),
        ] {
            let l = layout(
                p,
                index,
                TimeView::new(min, span),
                rect,
                &options,
                &CharWidthEstimate::default(),
            );
            let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
            assert_eq!(l.items.len() + clustered, l.visible_entries);
            assert_eq!(hit_test(&l, Point::new(f32::NAN, 1.0)), None);
        }
    }
}

#[test]
fn a_stale_index_does_not_panic() {
    // The widget rebuilds the index on project change; if it forgets, layout must cope.
    let (_, index) = demo();
    let small = claimline::demo::project(10, 1);
    let (a, z) = index.bounds().unwrap();
    let l = layout(
        &small,
        index,
        TimeView::fit(a, a + (z - a) / 500.0),
        Rect::new(0.0, 0.0, 800.0, 600.0),
        &LayoutOptions::default(),
        &CharWidthEstimate::default(),
    );
    assert!(l.visible_entries > 0 && !l.items.is_empty());
    // No id of the big project's index matches an entry of the small one: no labels, and
    // every visible entry is still accounted for.
    assert!(
        l.items
            .iter()
            .all(|i| i.label.is_none() && i.speaker.is_none())
    );
    let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
    assert_eq!(l.items.len() + clustered, l.visible_entries);
}

/// A random project of `n` entries: dates of any precision from minutes to years within
/// `years` years, labels of 1–80 characters, a few speakers, lanes and kinds.
fn random_project(spec: &[(u32, u32, u32, u32, u8, usize, u8)], years: u32) -> Project {
    use chrono::{TimeZone as _, Utc};
    use claimline::model::{Attribution, Entry, EntryKind, TimeSpan};
    let now = Utc.with_ymd_and_hms(2025, 8, 21, 12, 0, 0).unwrap();
    let mut p = Project::new("random", now);
    for &(y, m, d, minute, precision, label_len, pick) in spec {
        let year = 2000 + y % years.max(1);
        let value = match precision % 4 {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", m % 12 + 1),
            2 => format!("{year}-{:02}-{:02}", m % 12 + 1, d % 28 + 1),
            _ => format!(
                "{year}-{:02}-{:02}T{:02}:{:02}",
                m % 12 + 1,
                d % 28 + 1,
                minute / 60 % 24,
                minute % 60
            ),
        };
        let kind = if pick % 2 == 0 {
            EntryKind::Event
        } else {
            EntryKind::Statement
        };
        let label: String =
            "Officials said the bridge would reopen in the spring after repairs ended"
                .chars()
                .cycle()
                .take(label_len.max(1))
                .collect();
        let id = p.new_entry_id();
        let mut e = Entry::new(id, kind, label, now);
        e.event_time = TimeSpan::parse(&value, None).ok();
        e.lane = Some(format!("lane {}", pick % 5));
        if kind == EntryKind::Statement {
            e.attribution = Some(Attribution {
                speaker: [
                    "Ana Ruiz",
                    "the ministry",
                    "Kim",
                    "a spokesman of the regional council",
                ][usize::from(pick / 2 % 4)]
                .into(),
                cue: "said".into(),
                ..Attribution::default()
            });
        }
        p.entries.push(e);
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Issue #16: fit all on a project of up to 200 entries, in a timeline at least 600 px
    /// tall, never folds anything into a badge: every entry is an item with its label,
    /// nothing overlaps, no label leaves the timeline.
    #[test]
    fn fit_all_on_small_projects_shows_every_entry_with_its_label(
        spec in prop::collection::vec(
            (0u32..50, 0u32..12, 0u32..28, 0u32..1440, any::<u8>(), 1usize..80, any::<u8>()),
            1..200,
        ),
        years in 1u32..40,
        width in 600.0f32..2400.0,
        height in 600.0f32..1200.0,
        group in 0usize..5,
    ) {
        let p = random_project(&spec, years);
        let group_by = [GroupBy::None, GroupBy::Lane, GroupBy::Speaker, GroupBy::Kind, GroupBy::Claim][group];
        let index = TimelineIndex::build(&p, group_by);
        let options = LayoutOptions::default();
        let measure = CharWidthEstimate::default();
        let rect = Rect::new(0.0, 0.0, width, height);
        let view = claimline::timeline::fit::fit_view(&p, &index, None, width, &options, &measure)
            .expect("placed entries");
        let l = layout(&p, &index, view, rect, &options, &measure);
        prop_assert!(l.clusters.is_empty(), "{} badges", l.clusters.len());
        prop_assert_eq!(l.items.len(), index.len());
        for item in &l.items {
            let label = item.label.as_ref();
            prop_assert!(label.is_some(), "no label for {:?}", item.id);
            let r = label.unwrap().rect;
            prop_assert!(r.x0 >= rect.x0 - 0.01 && r.x1 <= rect.x1 + 0.01, "label out: {:?}", r);
            prop_assert!(item.rect.x0 >= rect.x0 - 0.01 && item.rect.x1 <= rect.x1 + 0.01);
        }
        let boxes: Vec<Rect> = l.items.iter().map(|i| i.bounds()).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                prop_assert!(!a.overlaps(b), "{:?} overlaps {:?}", a, b);
            }
        }
    }

    /// Whatever the zoom and budget, a badge stands for at least two entries.
    #[test]
    fn a_cluster_never_holds_fewer_than_two_entries(
        start_frac in 0.0f64..1.0,
        log_span in (3_600f64).ln()..(60.0 * YEAR).ln(),
        width in 300.0f32..2500.0,
        height in 200.0f32..1200.0,
        share in any::<bool>(),
    ) {
        let (p, index) = demo();
        let (a, b) = index.bounds().unwrap();
        let view = TimeView::new(a + (b - a) * start_frac, log_span.exp());
        let options = LayoutOptions { share_height: share, ..LayoutOptions::default() };
        let l = layout(p, index, view, Rect::new(0.0, 0.0, width, height), &options, &CharWidthEstimate::default());
        for c in &l.clusters {
            prop_assert!(c.count >= 2, "{:?}", c);
        }
        let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
        prop_assert_eq!(l.items.len() + clustered, l.visible_entries);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The layout's fast path (bucket counts and cluster members from the index's midpoint
    /// order) lays out exactly what visiting every visible entry does. A filter letting
    /// everything through forces the entry-by-entry path.
    #[test]
    fn counting_from_the_index_equals_visiting_every_entry(
        spec in prop::collection::vec(
            (0u32..50, 0u32..12, 0u32..28, 0u32..1440, any::<u8>(), 1usize..80, any::<u8>()),
            1..1_500,
        ),
        // Per entry: 0 rejected, 1 undated, else as generated.
        fate in prop::collection::vec(0u8..8, 1_500),
        years in 1u32..40,
        group in 0usize..5,
        start_frac in -0.2f64..1.0,
        log_span in (3_600f64).ln()..(60.0 * YEAR).ln(),
        width in 300.0f32..2500.0,
        height in 150.0f32..1200.0,
        rejected in 0usize..3,
        share_height in any::<bool>(),
        full_detail in any::<bool>(),
        max_rows in 1usize..12,
        collapse in any::<u8>(),
        cull in any::<bool>(),
        scroll_y in 0.0f32..600.0,
    ) {
        let mut p = random_project(&spec, years);
        for (e, f) in p.entries.iter_mut().zip(&fate) {
            match f {
                0 => e.status = Status::Rejected,
                1 => e.event_time = None,
                _ => {}
            }
        }
        let group_by = [GroupBy::None, GroupBy::Lane, GroupBy::Speaker, GroupBy::Kind, GroupBy::Claim][group];
        let index = TimelineIndex::build(&p, group_by);
        let Some((a, b)) = index.bounds() else { return Ok(()) };
        let span = log_span.exp();
        let view = TimeView::new(a + (b - a).max(span) * start_frac, span);
        let fast = LayoutOptions {
            rejected: [RejectedMode::Hide, RejectedMode::Ghost, RejectedMode::Show][rejected],
            share_height,
            full_detail_below: if full_detail { 250 } else { 0 },
            max_rows,
            collapsed: index
                .lanes()
                .iter()
                .enumerate()
                .filter(|(i, _)| collapse >> (i % 8) & 1 == 1 && collapse % 3 == 0)
                .map(|(_, l)| l.key.clone())
                .collect(),
            cull_offscreen_lanes: cull,
            scroll_y,
            ..LayoutOptions::default()
        };
        let slow = LayoutOptions {
            only: Some(std::sync::Arc::new(vec![true; p.entries.len()])),
            ..fast.clone()
        };
        let rect = Rect::new(0.0, 0.0, width, height);
        let m = CharWidthEstimate::default();
        let x = layout(&p, &index, view, rect, &fast, &m);
        let y = layout(&p, &index, view, rect, &slow, &m);
        prop_assert_eq!(x.visible_entries, y.visible_entries);
        prop_assert_eq!(&x.lanes, &y.lanes);
        prop_assert!(x.items == y.items, "items differ");
        let clusters = |l: &claimline::timeline::TimelineLayout| -> Vec<(u32, f64, f64, Rect, usize, Vec<claimline::model::EntryId>)> {
            l.clusters
                .iter()
                .map(|c| {
                    let mut members: Vec<_> = l.members(c).collect();
                    members.sort();
                    (c.lane, c.t0, c.t1, c.rect, c.count, members)
                })
                .collect()
        };
        let (cx, cy) = (clusters(&x), clusters(&y));
        prop_assert_eq!(&cx, &cy);
        // Members are the cluster's count of distinct, visible, not hidden entries.
        let mut all: Vec<_> = cx.iter().flat_map(|c| c.5.iter().copied()).collect();
        for c in &cx {
            prop_assert_eq!(c.4, c.5.len());
        }
        let n = all.len();
        all.sort();
        all.dedup();
        prop_assert_eq!(all.len(), n);
        for id in &all {
            let e = index.entries().iter().find(|e| e.id == *id).unwrap();
            prop_assert!(e.start <= x.axis.view.max() && e.end >= x.axis.view.min);
            prop_assert!(!(rejected == 0 && e.status == Status::Rejected));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A broken axis: time → x increases, every break is `BREAK_PX` wide, and outside the
    /// breaks x → time → x round-trips within half a pixel.
    #[test]
    fn a_broken_axis_is_monotonic_and_round_trips_outside_breaks(
        min in -1.0e10f64..1.0e10,
        log_span in (86_400.0f64 * 30.0).ln()..(200.0 * YEAR).ln(),
        width in 400.0f32..3000.0,
        cuts in prop::collection::vec((0.05f64..0.95, 0.01f64..0.3), 0..5),
        samples in prop::collection::vec(0.0f64..=1.0, 2..40),
        zoom in -2.0f64..2.0,
        frac in 0.05f64..0.95,
    ) {
        use claimline::timeline::{AxisBreak, BREAK_PX};
        let view = TimeView::new(min, log_span.exp());
        let breaks: Vec<AxisBreak> = cuts
            .iter()
            .map(|&(at, len)| {
                let t0 = view.min + view.span * at;
                AxisBreak { t0, t1: (t0 + view.span * len).min(view.max() - 1.0) }
            })
            .collect();
        let axis = TimeAxis::with_breaks(view, 10.0, width, &breaks);
        let mut xs: Vec<(f64, f64)> = samples
            .iter()
            .map(|f| {
                let t = view.min + view.span * f;
                (t, axis.x_from_time(t))
            })
            .collect();
        xs.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in xs.windows(2) {
            prop_assert!(w[0].1 <= w[1].1 + 1e-6, "not monotonic: {:?}", w);
        }
        prop_assert!((axis.x_from_time(view.min) - 10.0).abs() < 0.5);
        prop_assert!((axis.x_from_time(view.max()) - f64::from(10.0 + width)).abs() < 0.5);
        for b in axis.breaks() {
            let w = axis.x_from_time(b.t1) - axis.x_from_time(b.t0);
            prop_assert!((w - f64::from(BREAK_PX)).abs() < 0.01, "break width {w}");
        }
        for f in &samples {
            let x = 10.0 + f64::from(width) * f;
            if axis.break_at(x).is_some() {
                continue;
            }
            let back = axis.x_from_time(axis.time_from_x(x));
            prop_assert!((back - x).abs() <= 0.5, "{x} -> {back}");
        }
        // Zooming keeps the time under the pointer where it is (breaks staying in view).
        let x = 10.0 + width * frac as f32;
        if axis.break_at(f64::from(x)).is_none() {
            let t = axis.time_from_x(f64::from(x));
            let zoomed = TimeAxis::with_breaks(axis.zoom_at(x, zoom.exp()), 10.0, width, axis.breaks());
            if zoomed.breaks().len() == axis.breaks().len() {
                prop_assert!((zoomed.x_from_time(t) - f64::from(x)).abs() <= 0.5);
            }
        }
    }
}
