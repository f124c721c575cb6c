//! Example-based tests of the timeline layout on small hand-made projects.

use chrono::{TimeZone as _, Utc};
use claimline::model::{Attribution, Entry, EntryKind, Project, Status, TimeSpan};
use claimline::timeline::{
    CharWidthEstimate, ColorBy, ColorRole, GroupBy, Hit, ItemLayout, LaneKey, LayoutOptions, Mark,
    Rect, RejectedMode, TimeView, TimelineIndex, TimelineLayout, box_select, hit_test, layout,
    three_times,
};

fn span(v: &str) -> TimeSpan {
    TimeSpan::parse(v, None).unwrap()
}

fn project(entries: &[(&str, EntryKind, &str)]) -> Project {
    let now = Utc.with_ymd_and_hms(2025, 8, 21, 12, 0, 0).unwrap();
    let mut p = Project::new("t", now);
    for (value, kind, label) in entries {
        let id = p.new_entry_id();
        let mut e = Entry::new(id, *kind, *label, now);
        e.event_time = Some(span(value));
        if *kind == EntryKind::Statement {
            e.attribution = Some(Attribution {
                speaker: "the ministry".into(),
                cue: "said".into(),
                ..Attribution::default()
            });
            e.said_time = Some(span("2025-08-20"));
            e.reported_time = Some(span("2025-08-21"));
        }
        p.entries.push(e);
    }
    p
}

fn run(p: &Project, group_by: GroupBy, view: TimeView, options: &LayoutOptions) -> TimelineLayout {
    let index = TimelineIndex::build(p, group_by);
    layout(
        p,
        &index,
        view,
        Rect::new(0.0, 0.0, 1000.0, 600.0),
        options,
        &CharWidthEstimate::default(),
    )
}

/// The laid-out item of the entry labelled `label`.
fn item_by_label<'a>(l: &'a TimelineLayout, p: &Project, label: &str) -> &'a ItemLayout {
    l.items
        .iter()
        .find(|i| p.entries[i.entry].label == label)
        .unwrap_or_else(|| panic!("no item labelled {label:?}"))
}

fn secs(v: &str) -> (f64, f64) {
    let s = span(v);
    (s.start_seconds(), s.end_seconds())
}

#[test]
fn imprecise_dates_span_their_period_instead_of_sitting_on_day_one() {
    let p = project(&[
        ("2023", EntryKind::Event, "year"),
        ("2023-H1", EntryKind::Event, "half"),
        ("2023-03-15", EntryKind::Event, "day"),
    ]);
    let (a, z) = secs("2023");
    let l = run(
        &p,
        GroupBy::None,
        TimeView::fit(a, z),
        &LayoutOptions::default(),
    );
    assert_eq!(l.items.len(), 3);
    let by_label = |t: &str| item_by_label(&l, &p, t);
    let year = by_label("year");
    let half = by_label("half");
    let day = by_label("day");
    assert_eq!(year.mark, Mark::Bar);
    assert!(year.uncertainty.is_uncertain());
    // The year bar runs from 1 Jan to 1 Jan next year: about the whole 1000 px / 1.1.
    assert!(
        (year.rect.width() - 1000.0 / 1.1).abs() < 2.0,
        "{:?}",
        year.rect
    );
    // H1 covers about half of that.
    let ratio = half.rect.width() / year.rect.width();
    assert!((0.48..0.51).contains(&ratio), "{ratio}");
    // A day at year zoom is a point, precise.
    assert_eq!(day.mark, Mark::Point);
    assert!(!day.uncertainty.is_uncertain());
    assert_ne!(year.row, half.row, "overlapping spans are stacked");
}

#[test]
fn approximate_and_open_spans_are_flagged_for_fading() {
    let now = Utc.with_ymd_and_hms(2025, 8, 21, 12, 0, 0).unwrap();
    let mut p = Project::new("t", now);
    let mut before = Entry::new(p.new_entry_id(), EntryKind::Event, "before", now);
    before.event_time = Some(TimeSpan::before(&span("2021")).unwrap());
    let mut vague = Entry::new(p.new_entry_id(), EntryKind::Event, "vague", now);
    vague.event_time =
        Some(TimeSpan::parse("PAST_REF", chrono::NaiveDate::from_ymd_opt(2021, 6, 1)).unwrap());
    p.entries.extend([before, vague]);
    let index = TimelineIndex::build(&p, GroupBy::None);
    let (a, z) = index.bounds().unwrap();
    let l = run(
        &p,
        GroupBy::None,
        TimeView::fit(a, z),
        &LayoutOptions::default(),
    );
    let before = l.items.iter().find(|i| i.entry == 0).unwrap();
    let vague = l.items.iter().find(|i| i.entry == 1).unwrap();
    assert!(before.uncertainty.open_start && !before.uncertainty.open_end);
    assert!(vague.uncertainty.approximate);
}

#[test]
fn statements_carry_the_speaker_and_expose_their_three_times() {
    let p = project(&[
        ("2025-08-18", EntryKind::Statement, "We are ready"),
        ("2025-08-19", EntryKind::Event, "Bridge reopened"),
    ]);
    let (a, _) = secs("2025-08-17");
    let (_, z) = secs("2025-08-22");
    let l = run(
        &p,
        GroupBy::Kind,
        TimeView::fit(a, z),
        &LayoutOptions::default(),
    );
    let st = l
        .items
        .iter()
        .find(|i| i.kind == EntryKind::Statement)
        .unwrap();
    assert_eq!(st.speaker.as_deref(), Some("the ministry"));
    assert_eq!(
        st.label.as_ref().unwrap().text,
        "the ministry: We are ready"
    );
    let ev = l.items.iter().find(|i| i.kind == EntryKind::Event).unwrap();
    assert_ne!(st.lane, ev.lane, "grouped by kind");
    let three = three_times(&l, &p, st.id).unwrap();
    let (e, s, r) = (
        three.event.unwrap(),
        three.said.unwrap(),
        three.reported.unwrap(),
    );
    assert!(e.centre() < s.centre() && s.centre() < r.centre());
    assert_eq!(three.y, st.rect.centre().y);
    assert!(three_times(&l, &p, claimline::model::EntryId(999)).is_none());
}

#[test]
fn rejected_entries_can_be_hidden_or_ghosted_and_colour_roles_follow_the_option() {
    let mut p = project(&[
        ("2024-01-10", EntryKind::Event, "kept"),
        ("2024-01-20", EntryKind::Event, "rejected"),
    ]);
    p.entries[1].status = Status::Rejected;
    let (a, z) = secs("2024-01");
    let view = TimeView::fit(a, z);
    let ghost = run(&p, GroupBy::None, view, &LayoutOptions::default());
    assert_eq!(ghost.items.len(), 2);
    assert!(ghost.items.iter().any(|i| i.ghost));
    let hidden = LayoutOptions {
        rejected: RejectedMode::Hide,
        color_by: ColorBy::Status,
        ..LayoutOptions::default()
    };
    let l = run(&p, GroupBy::None, view, &hidden);
    assert_eq!(l.items.len(), 1);
    assert_eq!(l.visible_entries, 1);
    assert_eq!(l.items[0].color, ColorRole::Status(Status::Candidate));
}

#[test]
fn dense_regions_cluster_and_split_as_you_zoom_in() {
    let p = claimline::demo::project(20_000, 9);
    let index = TimelineIndex::build(&p, GroupBy::None);
    let (a, z) = index.bounds().unwrap();
    let rect = Rect::new(0.0, 0.0, 1200.0, 800.0);
    let m = CharWidthEstimate::default();
    let o = LayoutOptions::default();
    let wide = layout(&p, &index, TimeView::fit(a, z), rect, &o, &m);
    assert!(
        wide.items.len() < 200,
        "fit-all is mostly clusters: {}",
        wide.items.len()
    );
    assert!(!wide.clusters.is_empty());
    // Zoom into the biggest cluster: it splits into smaller ones and/or items.
    let big = wide.clusters.iter().max_by_key(|c| c.count).unwrap();
    let zoomed = layout(&p, &index, TimeView::fit(big.t0, big.t1), rect, &o, &m);
    let max_after = zoomed.clusters.iter().map(|c| c.count).max().unwrap_or(0);
    assert!(max_after < big.count, "{max_after} vs {}", big.count);
    assert!(zoomed.clusters.len() > 1);
    // Collapsing the lane turns everything into a density strip.
    let mut collapsed = LayoutOptions::default();
    collapsed.toggle_collapsed(&LaneKey(String::new()));
    let c = layout(
        &p,
        &index,
        TimeView::fit(big.t0, big.t1),
        rect,
        &collapsed,
        &m,
    );
    assert!(c.items.is_empty() && c.lanes[0].collapsed);
    assert_eq!(
        c.clusters.iter().map(|c| c.count).sum::<usize>(),
        zoomed.visible_entries
    );
    assert_eq!(
        hit_test(&c, c.clusters[0].rect.centre()),
        Some(Hit::Cluster(0))
    );
    let selected = box_select(&c, c.clusters[0].rect);
    assert!(selected.len() >= c.clusters[0].count);
}

#[test]
fn lane_headers_and_axis_are_hit() {
    let p = project(&[("2024-01-10", EntryKind::Event, "a")]);
    let (a, z) = secs("2024-01");
    let l = run(
        &p,
        GroupBy::None,
        TimeView::fit(a, z),
        &LayoutOptions::default(),
    );
    assert_eq!(hit_test(&l, l.axis_rect.centre()), Some(Hit::Axis));
    assert_eq!(
        hit_test(&l, l.lanes[0].header.centre()),
        Some(Hit::LaneHeader(0))
    );
    let body = l.lanes[0].body;
    assert_eq!(
        hit_test(
            &l,
            claimline::timeline::Point::new(body.x1 - 1.0, body.y1 - 1.0)
        ),
        Some(Hit::Lane(0))
    );
    // Time zone offset only moves ticks, not items.
    let shifted = run(
        &p,
        GroupBy::None,
        TimeView::fit(a, z),
        &LayoutOptions {
            utc_offset_seconds: 3 * 3_600,
            ..LayoutOptions::default()
        },
    );
    assert_eq!(shifted.items[0].rect, l.items[0].rect);
    assert_ne!(shifted.ticks.major[0].time, l.ticks.major[0].time);
}

#[test]
fn a_text_measuring_closure_drives_label_culling() {
    // Three events ten days apart at month zoom: short labels fit in one row, very wide
    // ones are culled (marks stay, labels go) rather than overlapping.
    let p = project(&[
        ("2024-01-05", EntryKind::Event, "a"),
        ("2024-01-15", EntryKind::Event, "b"),
        ("2024-01-25", EntryKind::Event, "c"),
    ]);
    let index = TimelineIndex::build(&p, GroupBy::None);
    let (a, z) = secs("2024-01");
    let rect = Rect::new(0.0, 0.0, 1000.0, 600.0);
    let one_row = LayoutOptions {
        max_rows: 1,
        share_height: false,
        full_detail_below: 0,
        ..LayoutOptions::default()
    };
    let narrow = |t: &str| t.len() as f32 * 7.0;
    let l = layout(&p, &index, TimeView::fit(a, z), rect, &one_row, &narrow);
    assert_eq!(l.items.len(), 3);
    assert!(l.items.iter().all(|i| i.label.is_some()));
    let wide = |_: &str| 600.0;
    let l = layout(&p, &index, TimeView::fit(a, z), rect, &one_row, &wide);
    assert_eq!(l.items.len(), 3, "marks still fit");
    let labelled: Vec<_> = l.items.iter().filter_map(|i| i.label.as_ref()).collect();
    assert!(labelled.len() < 3, "some labels are culled");
    assert!(l.items.iter().all(|i| i.row == 0));
    // What is left never overlaps another item and never leaves the timeline.
    for i in &l.items {
        for j in &l.items {
            if i.id != j.id {
                assert!(!i.bounds().overlaps(&j.bounds()), "{i:?} / {j:?}");
            }
        }
    }
    assert!(
        labelled
            .iter()
            .all(|r| r.rect.x0 >= rect.x0 && r.rect.x1 <= rect.x1)
    );
    // A label too wide for the room right of its mark flips to the left when that side
    // has room: "c" near the right edge, alone in its row.
    let last_only = project(&[("2024-01-25", EntryKind::Event, "c")]);
    let index = TimelineIndex::build(&last_only, GroupBy::None);
    let l = layout(
        &last_only,
        &index,
        TimeView::fit(a, z),
        rect,
        &one_row,
        &wide,
    );
    let c = &l.items[0];
    let label = c.label.as_ref().expect("room on the left");
    assert!(label.rect.x1 <= c.rect.x0 && label.rect.x0 >= rect.x0);
}

#[test]
fn labels_sit_inside_bars_that_fit_them_and_after_bars_that_do_not() {
    let p = project(&[
        ("2023", EntryKind::Event, "a year-long bar"),
        (
            "2024-W10",
            EntryKind::Event,
            "a week is a short bar with a long label",
        ),
    ]);
    let (a, _) = secs("2023");
    let (_, z) = secs("2024");
    let l = run(
        &p,
        GroupBy::None,
        TimeView::fit(a, z),
        &LayoutOptions::default(),
    );
    let by_label = |t: &str| item_by_label(&l, &p, t);
    let long = by_label("a year-long bar");
    let short = by_label("a week is a short bar with a long label");
    assert_eq!(long.mark, Mark::Bar);
    assert_eq!(short.mark, Mark::Bar, "a week is wider than a point here");
    let (long_label, short_label) = (long.label.as_ref().unwrap(), short.label.as_ref().unwrap());
    assert!(long_label.rect.x0 >= long.rect.x0 && long_label.rect.x1 <= long.rect.x1);
    assert!(
        short_label.rect.x0 >= short.rect.x1,
        "{:?} vs {:?}",
        short_label.rect,
        short.rect
    );
}
