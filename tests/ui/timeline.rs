//! The timeline widget driven through egui_kittest: zoom around the cursor, pan, Home fits
//! all, clicking an item selects it.

use chrono::Utc;
use claimline::app::{ClaimlineApp, Settings};
use claimline::model::{Command, Entry, EntryKind, Project, TimeSpan};
use egui_kittest::Harness;

fn project() -> Project {
    let now = Utc::now();
    let mut p = Project::new("Timeline fixture", now);
    for (label, value) in [
        ("Criminal cases recorded", "2023-H1"),
        ("Soldiers deserted", "2025-08-20"),
        ("Cases in 2021", "2021"),
    ] {
        let id = p.new_entry_id();
        let mut e = Entry::new(id, EntryKind::Event, label, now);
        e.event_time = Some(TimeSpan::parse(value, None).unwrap());
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e),
        })
        .unwrap();
    }
    p
}

pub fn harness() -> Harness<'static, ClaimlineApp> {
    harness_stepping(0.25)
}

/// The fixture app, with `step_dt` seconds between frames (animations take several).
pub fn harness_stepping(step_dt: f32) -> Harness<'static, ClaimlineApp> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.claimline");
    claimline::model::file::save(&project(), &path).unwrap();
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    app.open(&path);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 700.0))
        .with_context_setup(claimline::app::install_fonts)
        .with_max_steps(64)
        .with_step_dt(step_dt)
        .renderer(super::cpu_renderer::CpuRenderer::new())
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app);
    h.run();
    h
}

pub fn view(h: &Harness<'static, ClaimlineApp>) -> claimline::timeline::TimeView {
    h.state().timeline.view.expect("view set after first frame")
}

pub fn timeline_rect(h: &Harness<'static, ClaimlineApp>) -> claimline::timeline::Rect {
    h.state()
        .timeline
        .last_layout
        .as_ref()
        .expect("painted")
        .rect
}

fn time_at(h: &Harness<'static, ClaimlineApp>, x: f32) -> f64 {
    let r = timeline_rect(h);
    claimline::timeline::TimeAxis::new(view(h), r.x0, r.width()).time_from_x(f64::from(x))
}

#[test]
fn first_frame_fits_every_entry() {
    let h = harness();
    let layout = h.state().timeline.last_layout.as_ref().unwrap();
    assert_eq!(layout.visible_entries, 3);
    assert_eq!(layout.items.len(), 3, "few entries are drawn individually");
    let v = view(&h);
    let y2021 = TimeSpan::parse("2021", None).unwrap();
    let d = TimeSpan::parse("2025-08-20", None).unwrap();
    assert!(v.min <= y2021.start_seconds() && v.max() >= d.end_seconds());
}

#[test]
fn wheel_zooms_in_around_the_pointer() {
    let mut h = harness();
    let r = timeline_rect(&h);
    let pointer = egui::pos2(r.x0 + r.width() * 0.3, (r.y0 + r.y1) / 2.0);
    let before = view(&h);
    let t_before = time_at(&h, pointer.x);
    h.hover_at(pointer);
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let after = view(&h);
    assert!(
        after.span < before.span * 0.8,
        "zoomed in: {before:?} → {after:?}"
    );
    let t_after = time_at(&h, pointer.x);
    let seconds_per_px = after.span / f64::from(r.width());
    assert!(
        (t_after - t_before).abs() < seconds_per_px,
        "time under the pointer stays put: {t_before} vs {t_after}"
    );
}

#[test]
fn keyboard_zoom_pan_and_home_fits_all() {
    let mut h = harness();
    let fitted = view(&h);
    h.key_press(egui::Key::Plus);
    h.run();
    assert!(view(&h).span < fitted.span);
    let zoomed = view(&h);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(view(&h).min > zoomed.min, "right arrow shows later times");
    h.key_press(egui::Key::Home);
    h.run();
    let home = view(&h);
    assert!((home.min - fitted.min).abs() < 1.0 && (home.span - fitted.span).abs() < 1.0);
}

#[test]
fn clicking_an_item_selects_it() {
    let mut h = harness();
    let item = h.state().timeline.last_layout.as_ref().unwrap().items[0].clone();
    let c = item.rect.centre();
    let pos = egui::pos2(c.x, c.y);
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().selected, Some(item.id));
    assert_eq!(h.state().timeline.hovered, Some(item.id));
}

#[test]
fn dragging_pans_the_view() {
    let mut h = harness();
    let r = timeline_rect(&h);
    let before = view(&h);
    let y = r.y1 - 20.0;
    let start = egui::pos2(r.x0 + 400.0, y);
    h.drag_at(start);
    h.run();
    h.hover_at(egui::pos2(start.x + 200.0, y));
    h.run();
    h.drop_at(egui::pos2(start.x + 200.0, y));
    h.run();
    let after = view(&h);
    assert!(after.min < before.min, "dragging right shows earlier times");
    assert!((after.span - before.span).abs() < 1.0, "drag does not zoom");
}

#[test]
fn z_zooms_to_the_selected_entry() {
    let mut h = harness();
    let id = h
        .state()
        .workspace
        .project
        .entries
        .iter()
        .find(|e| e.label == "Soldiers deserted")
        .unwrap()
        .id;
    h.state_mut().act(claimline::app::Action::Select(Some(id)));
    h.run();
    h.key_press(egui::Key::Z);
    h.run();
    let v = view(&h);
    let day = TimeSpan::parse("2025-08-20", None).unwrap();
    assert!(
        v.min <= day.start_seconds() && v.max() >= day.end_seconds(),
        "{v:?}"
    );
    assert!(v.span < 2.0 * 86_400.0, "zoomed to about the day: {v:?}");
}

pub fn click(h: &mut Harness<'static, ClaimlineApp>, pos: egui::Pos2, button: egui::PointerButton) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

pub fn item_centre(
    h: &Harness<'static, ClaimlineApp>,
    label: &str,
) -> (claimline::model::EntryId, egui::Pos2) {
    let layout = h.state().timeline.last_layout.as_ref().unwrap();
    let project = &h.state().workspace.project;
    let item = layout
        .items
        .iter()
        .find(|i| project.entry(i.id).unwrap().label == label)
        .unwrap();
    let c = item.rect.centre();
    (item.id, egui::pos2(c.x, c.y))
}

#[test]
fn right_click_opens_a_context_menu_that_rejects() {
    use egui_kittest::kittest::Queryable as _;
    let mut h = harness();
    let (id, pos) = item_centre(&h, "Cases in 2021");
    click(&mut h, pos, egui::PointerButton::Secondary);
    assert!(h.query_by_label("Delete entry").is_some(), "menu open");
    h.get_by_label("Reject entry").click();
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().status,
        claimline::model::Status::Rejected
    );
    assert_eq!(
        h.state().workspace.undo_label(),
        Some("Reject “Cases in 2021”")
    );
}

#[test]
fn double_click_selects_and_asks_to_edit_the_label() {
    let mut h = harness();
    let (id, pos) = item_centre(&h, "Soldiers deserted");
    h.hover_at(pos);
    h.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run();
    assert_eq!(h.state().selected, Some(id));
    // The edit request was handed to the inspector (keyboard focus itself is checked with
    // E in `e_puts_the_keyboard_in_the_label_field`; the harness's synthetic double click
    // leaves no focus behind, which a real one does).
    assert!(
        !h.state().focus_label,
        "the inspector took the edit request"
    );
}

#[test]
fn clicking_the_overview_moves_the_view_there() {
    let mut h = harness();
    h.key_press(egui::Key::Plus);
    h.run();
    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = view(&h);
    let r = timeline_rect(&h);
    // The overview strip lies just under the timeline; click near its left end (2021).
    let pos = egui::pos2(r.x0 + 10.0, r.y1 + 12.0);
    click(&mut h, pos, egui::PointerButton::Primary);
    let moved = view(&h);
    assert!((moved.span - zoomed.span).abs() < 1.0, "same zoom");
    assert!(
        moved.min < zoomed.min,
        "moved to earlier times: {zoomed:?} → {moved:?}"
    );
}

#[test]
fn e_puts_the_keyboard_in_the_label_field() {
    let mut h = harness();
    let (id, _) = item_centre(&h, "Soldiers deserted");
    h.state_mut().act(claimline::app::Action::Select(Some(id)));
    h.run();
    h.key_press(egui::Key::E);
    h.run();
    assert!(h.ctx.egui_wants_keyboard_input(), "E focuses the label");
}

#[test]
fn the_label_time_zone_comes_from_the_settings_and_shifts_the_ticks() {
    let settings = Settings {
        utc_offset_minutes: 120,
        ..Settings::default()
    };
    let app = ClaimlineApp::new(settings);
    assert_eq!(app.timeline.options.utc_offset_seconds, 7_200);
    let mut h = harness();
    // Hour-level zoom around midnight UTC: in UTC+02:00 the day starts two hours earlier.
    let midnight = TimeSpan::parse("2025-08-20", None).unwrap().start_seconds();
    h.state_mut().timeline.view = Some(claimline::timeline::TimeView::fit(
        midnight - 6.0 * 3600.0,
        midnight + 6.0 * 3600.0,
    ));
    let labels = |h: &Harness<'static, ClaimlineApp>| -> Vec<(f64, String)> {
        let l = h.state().timeline.last_layout.as_ref().unwrap();
        l.ticks
            .major
            .iter()
            .filter_map(|t| t.label.as_ref().map(|lab| (t.time, lab.text.clone())))
            .collect()
    };
    h.run();
    let utc = labels(&h);
    h.state_mut().timeline.options.utc_offset_seconds = 7_200;
    h.run();
    assert_eq!(
        h.state()
            .timeline
            .last_layout
            .as_ref()
            .unwrap()
            .utc_offset_seconds,
        7_200
    );
    let shifted = labels(&h);
    let at =
        |ls: &[(f64, String)], t: f64| ls.iter().find(|(x, _)| *x == t).map(|(_, s)| s.clone());
    // The label of UTC midnight now sits at local midnight, two hours earlier.
    let utc_midnight = at(&utc, midnight).expect("a labelled tick at midnight UTC");
    assert_eq!(at(&shifted, midnight - 7_200.0), Some(utc_midnight));
    assert_ne!(utc, shifted);
}
