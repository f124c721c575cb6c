//! Multi-selection and direct manipulation on the timeline: Shift-drag box, Ctrl-click,
//! Ctrl+A, bulk actions, dragging entries to new dates, animated jumps.

use claimline::app::{Action, ClaimlineApp};
use claimline::model::{EntryId, Precision, Status, TimeSpan};
use egui::accesskit::Role;
use egui::{Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::timeline::{click, harness, harness_stepping, item_centre, timeline_rect, view};

type H = Harness<'static, ClaimlineApp>;

fn press(h: &mut H, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
    h.run();
}

/// Presses at `from`, moves to `to` in a few steps (`before_release` runs there), releases.
fn drag(
    h: &mut H,
    from: Pos2,
    to: Pos2,
    modifiers: Modifiers,
    before_release: impl FnOnce(&mut H),
) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.hover_at(from);
    h.run();
    press(h, from, true, modifiers);
    for k in 1..=4 {
        let p = from + (to - from) * (k as f32 / 4.0);
        h.hover_at(p);
        h.run();
    }
    before_release(h);
    press(h, to, false, modifiers);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

fn time_of(h: &H, id: EntryId) -> TimeSpan {
    h.state()
        .workspace
        .project
        .entry(id)
        .unwrap()
        .primary_time()
        .unwrap()
        .clone()
}

#[test]
fn shift_drag_selects_a_box_and_the_inspector_acts_on_all_of_it() {
    let mut h = harness();
    let r = timeline_rect(&h);
    let layout = h.state().timeline.last_layout.clone().unwrap();
    let top = layout.axis_rect.y1 + 2.0;
    let bottom = layout.lanes.last().unwrap().body.y1 - 2.0;
    let all: Vec<EntryId> = layout.items.iter().map(|i| i.id).collect();
    assert_eq!(all.len(), 3);
    drag(
        &mut h,
        Pos2::new(r.x0 + 2.0, top),
        Pos2::new(r.x1 - 2.0, bottom),
        Modifiers::SHIFT,
        |_| {},
    );
    let mut selected = h.state().selection();
    selected.sort();
    let mut expected = all.clone();
    expected.sort();
    assert_eq!(selected, expected, "the box touched every entry");
    assert!(h.query_by_label("3 entries selected").is_some());

    h.get_by_label("Accept all").click();
    h.run();
    let project = &h.state().workspace.project;
    assert!(
        all.iter()
            .all(|&id| project.entry(id).unwrap().status == Status::Accepted)
    );
    assert_eq!(
        h.state().workspace.undo_label(),
        Some("Accept all (3 entries)")
    );
    h.state_mut().act(Action::Undo);
    h.run();
    let project = &h.state().workspace.project;
    assert!(
        all.iter()
            .all(|&id| project.entry(id).unwrap().status == Status::Candidate),
        "one undo takes the whole bulk edit back"
    );

    // Tag them all at once, then Esc clears the selection.
    h.get_by_role_and_label(Role::TextInput, "Tag").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Tag")
        .type_text("army");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    let project = &h.state().workspace.project;
    assert!(
        all.iter()
            .all(|&id| project.entry(id).unwrap().tags == ["army"]),
        "tagged"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().selection().is_empty());
}

#[test]
fn the_pan_is_unchanged_by_a_box_drag() {
    let mut h = harness();
    let r = timeline_rect(&h);
    let before = view(&h);
    let y = r.y1 - 20.0;
    drag(
        &mut h,
        Pos2::new(r.x0 + 300.0, y),
        Pos2::new(r.x0 + 500.0, y),
        Modifiers::SHIFT,
        |_| {},
    );
    assert_eq!(view(&h), before);
}

#[test]
fn ctrl_click_adds_and_removes_entries_and_a_plain_click_ends_it() {
    let mut h = harness();
    let (a, pa) = item_centre(&h, "Soldiers deserted");
    let (b, _) = item_centre(&h, "Cases in 2021");
    click(&mut h, pa, PointerButton::Primary);
    for (label, expected) in [
        ("Cases in 2021", vec![a, b]),
        ("Soldiers deserted", vec![b]),
    ] {
        // The inspector changes width with the selection, so items move: look again.
        let (_, pos) = item_centre(&h, label);
        h.hover_at(pos);
        h.run();
        // Press and release in one frame: a click, not a long press.
        h.event(egui::Event::ModifiersChanged(Modifiers::COMMAND));
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::COMMAND,
            });
        }
        h.run();
        h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
        let mut got = h.state().selection();
        got.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(got, expected);
    }
    assert_eq!(
        h.state().selected,
        Some(b),
        "the remaining entry is primary"
    );
    let (_, pa) = item_centre(&h, "Soldiers deserted");
    click(&mut h, pa, PointerButton::Primary);
    assert_eq!(h.state().selection(), vec![a]);
}

#[test]
fn ctrl_a_selects_what_is_shown_and_delete_removes_it_in_one_undoable_step() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.run();
    assert_eq!(h.state().selection().len(), 3);
    h.key_press(egui::Key::Delete);
    h.run();
    assert!(h.state().workspace.project.entries.is_empty());
    assert!(h.state().selection().is_empty());
    assert_eq!(h.state().workspace.undo_label(), Some("Delete 3 entries"));
    h.state_mut().act(Action::Undo);
    h.run();
    assert_eq!(h.state().workspace.project.entries.len(), 3);
}

#[test]
fn dragging_an_entry_moves_its_date_by_whole_tick_units_and_undo_restores_it() {
    let mut h = harness();
    let (id, pos) = item_centre(&h, "Soldiers deserted");
    // Selected first: the inspector then takes its width, which sets the scale.
    click(&mut h, pos, PointerButton::Primary);
    let (_, pos) = item_centre(&h, "Soldiers deserted");
    let before = time_of(&h, id);
    let layout = h.state().timeline.last_layout.clone().unwrap();
    let spp = layout.axis.seconds_per_pixel();
    let minor = layout.ticks.minor_step.or(layout.ticks.step).unwrap();
    let unit = claimline::timeline::drag::step_unit(minor);
    let dx = 120.0_f32;
    let mut tag_seen = false;
    drag(
        &mut h,
        pos,
        pos + egui::vec2(dx, 0.0),
        Modifiers::NONE,
        |h| {
            tag_seen = h.state().timeline.is_dragging();
        },
    );
    assert!(tag_seen, "a date move is under way while dragging");
    let after = time_of(&h, id);
    assert_eq!(after.precision, Precision::Day, "still a day");
    let moved = after.start_seconds() - before.start_seconds();
    let wanted = f64::from(dx) * spp;
    assert!(
        moved > 0.0,
        "moved later: {} → {}",
        before.label(),
        after.label()
    );
    // Snapped: a whole number of the tick unit, within half a unit of the pointer.
    let whole = (0..=400).any(|n| {
        unit.shift(before.start, n)
            .is_some_and(|t| t == after.start)
    });
    assert!(whole, "{unit:?}: {} → {}", before.label(), after.label());
    let unit_len = (unit.shift(before.start, 1).unwrap() - before.start).num_seconds() as f64;
    assert!(
        (moved - wanted).abs() <= unit_len * 0.6 + 1.0,
        "moved {moved} s for a pointer move of {wanted} s ({unit:?})"
    );
    assert_eq!(
        after.resolution,
        claimline::model::Resolution::Manual,
        "a user's correction"
    );
    let label = h.state().workspace.undo_label().unwrap().to_owned();
    assert!(label.starts_with("Move “Soldiers deserted” to "), "{label}");
    h.state_mut().act(Action::Undo);
    h.run();
    assert_eq!(time_of(&h, id), before);
}

#[test]
fn dragging_a_selected_entry_moves_the_whole_selection_by_the_same_units() {
    let mut h = harness();
    let (a, pa) = item_centre(&h, "Soldiers deserted");
    let (b, _) = item_centre(&h, "Criminal cases recorded");
    h.state_mut().act(Action::SelectMany(vec![a, b]));
    h.run();
    let (ta, tb) = (time_of(&h, a), time_of(&h, b));
    drag(
        &mut h,
        pa,
        pa + egui::vec2(200.0, 0.0),
        Modifiers::NONE,
        |_| {},
    );
    let (na, nb) = (time_of(&h, a), time_of(&h, b));
    // The half-year entry sets the unit: both move by whole half-years.
    assert_eq!(nb.precision, Precision::Half);
    let n = (1..=20)
        .find(|&n| Precision::Half.shift(tb.start, n) == Some(nb.start))
        .expect("moved by whole half-years");
    assert_eq!(
        Precision::Half.shift(ta.start, n),
        Some(na.start),
        "same shift"
    );
    assert_eq!(
        h.state().workspace.undo_label(),
        Some(
            format!(
                "Move 2 entries by +{n} half-year{}",
                if n == 1 { "" } else { "s" }
            )
            .as_str()
        )
    );
    h.state_mut().act(Action::Undo);
    h.run();
    assert_eq!((time_of(&h, a), time_of(&h, b)), (ta, tb));
}

#[test]
fn esc_during_a_date_drag_cancels_it() {
    let mut h = harness();
    let (id, pos) = item_centre(&h, "Soldiers deserted");
    let before = time_of(&h, id);
    drag(
        &mut h,
        pos,
        pos + egui::vec2(150.0, 0.0),
        Modifiers::NONE,
        |h| {
            h.key_press(egui::Key::Escape);
            h.run();
        },
    );
    assert_eq!(time_of(&h, id), before);
    assert!(h.state().workspace.undo_label().is_none());
    assert_eq!(h.state().selected, Some(id), "the selection stays");
}

#[test]
fn jumps_are_animated_and_land_exactly() {
    let mut h = harness_stepping(0.05);
    // The harness turns animations off (as a user's reduced-motion setting would).
    h.ctx.all_styles_mut(|s| s.animation_time = 1.0 / 12.0);
    let fitted = view(&h);
    h.key_press(egui::Key::Plus);
    h.run();
    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = view(&h);
    assert!(zoomed.span < fitted.span * 0.5);
    h.key_press(egui::Key::Home);
    let mut spans = Vec::new();
    for _ in 0..4 {
        h.step();
        spans.push(view(&h).span);
    }
    assert!(
        spans
            .iter()
            .any(|&s| s > zoomed.span * 1.01 && s < fitted.span * 0.99),
        "passes through views in between: {spans:?}"
    );
    h.run();
    assert_eq!(view(&h), fitted, "and lands on the target");
}
