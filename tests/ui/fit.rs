//! Issue #16 in the app: Fit all shows every entry of small projects as an item with its
//! label inside the timeline (no count badge), and undated entries are never invisible.

use claimline::app::{ClaimlineApp, Settings};
use claimline::model::{Project, TimeSpan};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn seed(published: Option<&str>) -> Project {
    let mut p = Project::new("Orikhiv", chrono::Utc::now());
    claimline::demo::import_article(
        &mut p,
        "orikhiv-desertions.txt",
        include_bytes!("../fixtures/orikhiv-desertions.txt"),
        published.map(|d| TimeSpan::parse(d, None).unwrap()),
        None,
    )
    .unwrap();
    p
}

fn open(project: &Project) -> Harness<'static, ClaimlineApp> {
    open_sized(project, egui::vec2(1280.0, 800.0))
}

fn open_sized(project: &Project, size: egui::Vec2) -> Harness<'static, ClaimlineApp> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    claimline::model::file::save(project, &path).unwrap();
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    app.open(&path);
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(claimline::app::install_fonts)
        .with_max_steps(64)
        .with_step_dt(0.25)
        .renderer(super::cpu_renderer::CpuRenderer::new())
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app);
    h.run();
    h
}

/// Presses Home (Fit all) and checks every screenful of lanes (scrolling down through them):
/// no badge anywhere, every entry an item with its label inside the timeline.
fn assert_every_entry_shown(h: &mut Harness<'static, ClaimlineApp>, expected: usize) {
    h.key_press(egui::Key::Home);
    h.run();
    let mut seen = std::collections::BTreeSet::new();
    loop {
        let layout = h.state().timeline.last_layout.as_ref().unwrap();
        assert!(
            layout.clusters.is_empty(),
            "{} badges",
            layout.clusters.len()
        );
        assert_eq!(layout.visible_entries, expected);
        for item in &layout.items {
            let label = item.label.as_ref().expect("every item keeps its label");
            assert!(
                label.rect.x0 >= layout.rect.x0 && label.rect.x1 <= layout.rect.x1,
                "label outside the timeline: {:?} in {:?}",
                label.rect,
                layout.rect
            );
            assert!(item.rect.x0 >= layout.rect.x0 && item.rect.x1 <= layout.rect.x1);
            seen.insert(item.id);
        }
        let (content, viewport) = h.state().timeline.content_height.unwrap();
        let scroll = h.state().timeline.options.scroll_y;
        if scroll + viewport >= content {
            break;
        }
        h.state_mut().timeline.options.scroll_y = scroll + viewport / 2.0;
        h.run();
    }
    assert_eq!(
        seen.len(),
        expected,
        "every entry drawn as an item on some screenful"
    );
}

#[test]
fn the_seed_article_shows_every_entry_after_fit_all() {
    let p = seed(Some("2025-08-21"));
    assert!(p.entries.len() >= 9, "the seed's gold has 9 entries");
    let mut h = open(&p);
    assert_every_entry_shown(&mut h, p.entries.len());
}

#[test]
fn the_example_story_shows_every_entry_after_fit_all() {
    let p = claimline::demo::story_project();
    let dated = p
        .entries
        .iter()
        .filter(|e| e.primary_time().is_some())
        .count();
    let mut h = open(&p);
    assert_every_entry_shown(&mut h, dated);
}

#[test]
fn compressing_gaps_breaks_the_axis_between_2023_and_2025() {
    // Wide enough that the labels before and after the gap leave room for a break.
    let p = seed(Some("2025-08-21"));
    let mut h = open_sized(&p, egui::vec2(1900.0, 900.0));
    h.get_by_label("Compress gaps").click();
    h.run();
    let layout = h.state().timeline.last_layout.as_ref().unwrap();
    let breaks = layout.axis.breaks();
    assert_eq!(breaks.len(), 1, "one break");
    assert!(breaks[0].seconds() > 365.0 * 86_400.0);
    assert!(layout.clusters.is_empty());
    assert_eq!(layout.items.len(), p.entries.len());
    // Both sides of the break are wider than the break itself would have left them.
    let x = |t: f64| layout.axis.x_from_time(t) as f32;
    let h1_2023 = TimeSpan::parse("2023-H1", None).unwrap();
    assert!(x(h1_2023.end_seconds()) - x(h1_2023.start_seconds()) > 300.0);
    // Clicking an item across the break still selects it.
    let item = layout
        .items
        .iter()
        .max_by(|a, b| a.start.total_cmp(&b.start))
        .unwrap();
    let (id, at) = (item.id, item.rect.centre());
    super::timeline::click(&mut h, egui::pos2(at.x, at.y), egui::PointerButton::Primary);
    assert_eq!(h.state().selected, Some(id));
    // Off again: no break.
    h.get_by_label("Compress gaps").click();
    h.run();
    assert!(
        h.state()
            .timeline
            .last_layout
            .as_ref()
            .unwrap()
            .axis
            .breaks()
            .is_empty()
    );
}

#[test]
fn undated_entries_are_counted_and_listed_at_the_timeline_edge() {
    // The seed text imported with no date, as from a plain file.
    let p = seed(None);
    let undated: Vec<_> = p
        .entries
        .iter()
        .filter(|e| e.primary_time().is_none())
        .map(|e| e.id)
        .collect();
    assert!(!undated.is_empty());
    let mut h = open(&p);
    let button = format!("⚠ {} undated", undated.len());
    h.get_by_label(&button).click();
    h.run();
    h.get_by_label_contains("not on the timeline");
    let first = p.entry(undated[0]).unwrap();
    let text = claimline::timeline::layout::label_text(first, 80);
    h.get_by_label(&text).click();
    h.run();
    assert_eq!(h.state().selected, Some(undated[0]));
}

#[test]
fn compress_gaps_says_so_when_the_timeline_is_too_narrow_for_a_break() {
    let p = seed(Some("2025-08-21"));
    let mut h = open_sized(&p, egui::vec2(1200.0, 800.0));
    h.get_by_label("Compress gaps").click();
    h.run();
    let layout = h.state().timeline.last_layout.as_ref().unwrap();
    assert!(layout.axis.breaks().is_empty(), "no room for a break here");
    assert_eq!(
        layout.items.len(),
        p.entries.len(),
        "every entry still shown"
    );
    let notice = h.state().notice.as_ref().map(|n| n.text.clone());
    assert!(
        notice
            .as_deref()
            .is_some_and(|t| t.starts_with("No empty stretch can be cut at this width")),
        "{notice:?}"
    );
}

/// Issue #23: a story in May 2024 whose sources mention 1921 opens on May 2024; Fit all then
/// shows everything, and pressed again comes back to the story, saying what it leaves out.
#[test]
fn a_story_opens_on_its_own_period_and_fit_all_toggles_to_everything() {
    use claimline::model::{Entry, EntryKind, Source, SourceId};
    let now = chrono::Utc::now();
    let mut p = Project::new("Strike", now);
    let mut s = Source::from_text(SourceId(1), "Dockers walk out", "text");
    s.published = Some(TimeSpan::parse("2024-05-06", None).unwrap());
    p.sources.push(s);
    for (id, value, label) in [
        (2, "2024-05-05", "Dockers walk out"),
        (3, "2024-05-13", "Dockers accept the deal"),
        (4, "1921", "The port is built"),
    ] {
        let mut e = Entry::new(claimline::model::EntryId(id), EntryKind::Event, label, now);
        e.event_time = Some(TimeSpan::parse(value, None).unwrap());
        p.entries.push(e);
    }
    p.repair_next_id();
    let secs = |d: &str| {
        claimline::model::seconds_from_datetime(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
        )
    };
    let mut h = open(&p);
    let shows = |h: &Harness<'static, ClaimlineApp>, day: &str| {
        let v = h.state().timeline.view.unwrap();
        v.min <= secs(day) && secs(day) <= v.min + v.span
    };
    // Opened on the story: both May days, not 1921, and a span of weeks, not a century.
    assert!(shows(&h, "2024-05-05") && shows(&h, "2024-05-13"));
    assert!(!shows(&h, "1921-06-01"));
    assert!(h.state().timeline.view.unwrap().span < 120.0 * 86_400.0);
    // Fit all: everything.
    h.key_press(egui::Key::Home);
    h.run();
    assert!(shows(&h, "1921-06-01") && shows(&h, "2024-05-13"));
    // Again: back to the story, with a word on what is left out.
    h.key_press(egui::Key::Home);
    h.run();
    assert!(!shows(&h, "1921-06-01"));
    assert_eq!(h.state().timeline.context_outside, 1);
    h.get_by_label_contains("Press Fit all again to see everything");
}

/// Issue #23: a story of many sources opens with lanes by outlet, a small one by source.
#[test]
fn a_big_story_opens_with_lanes_by_outlet() {
    use claimline::model::{Source, SourceId};
    use claimline::timeline::GroupBy;
    let mut big = Project::new("Coverage", chrono::Utc::now());
    for i in 0..60u64 {
        let mut s = Source::from_text(SourceId(i + 1), format!("Article {i}"), "text");
        s.outlet = Some(["Northwire", "Estrel Herald", "Radio Sarrow"][i as usize % 3].into());
        big.sources.push(s);
    }
    big.repair_next_id();
    let h = open(&big);
    assert_eq!(h.state().timeline.group_by, GroupBy::Outlet);
    let h = open(&seed(Some("2025-08-21")));
    assert_eq!(h.state().timeline.group_by, GroupBy::Source);
}
