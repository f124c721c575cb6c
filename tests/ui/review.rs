//! The review workflow on the seed article, driven through egui_kittest as a user would:
//! import → search → review queue (J/A/R) → edit a date, tags and a note → link two entries →
//! undo/redo → save → reopen; plus the reader, source editing, merging and crash recovery.

use std::path::{Path, PathBuf};

use claimline::app::recovery::Recovery;
use claimline::app::{Action, ClaimlineApp, Settings};
use claimline::model::{EntryKind, LinkKind, Status, file};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn harness(app: ClaimlineApp) -> Harness<'static, ClaimlineApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(claimline::app::install_fonts)
        .with_max_steps(32)
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app)
}

fn test_app() -> ClaimlineApp {
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    app
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/orikhiv-desertions.txt")
}

/// Imports the seed article and waits for the worker.
fn imported() -> Harness<'static, ClaimlineApp> {
    let mut h = harness(test_app());
    h.state_mut().act(Action::Import(vec![seed()]));
    h.run();
    for _ in 0..400 {
        if !h.state().imports_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    h.run();
    assert!(!h.state().workspace.project.entries.is_empty());
    h
}

/// Types into a single-line field found by its label, then presses Enter to commit.
fn type_into(h: &mut Harness<'_, ClaimlineApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

fn selected(h: &Harness<'_, ClaimlineApp>) -> claimline::model::Entry {
    let id = h.state().selected.expect("an entry is selected");
    h.state().workspace.project.entry(id).unwrap().clone()
}

#[test]
fn full_review_flow_on_the_seed_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = imported();
    let n = h.state().workspace.project.entries.len();
    assert!(
        h.query_all_by_label_contains(&format!("0 of {n} reviewed"))
            .count()
            > 0
    );

    // Search narrows what the queue steps through.
    type_into(&mut h, "Search", "Voloshyn");
    let shown = h.state().shown().order.len();
    assert!(shown >= 1 && shown < n, "{shown} of {n}");
    h.key_press(egui::Key::J);
    h.run();
    let first = selected(&h);
    assert!(
        first.speaker().unwrap_or("").contains("Voloshyn"),
        "{first:?}"
    );
    h.key_press(egui::Key::A);
    h.run();
    let voloshyn = first.id;
    assert_eq!(
        h.state().workspace.project.entry(voloshyn).unwrap().status,
        Status::Accepted
    );

    // Clear the search; the next candidate is rejected.
    h.get_by_label("Clear").click();
    h.run();
    assert_eq!(h.state().shown().order.len(), n);
    h.key_press(egui::Key::J);
    h.run();
    let rejected = selected(&h).id;
    assert_ne!(rejected, voloshyn);
    h.key_press(egui::Key::R);
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(rejected).unwrap().status,
        Status::Rejected
    );
    assert!(
        h.query_all_by_label_contains(&format!("2 of {n} reviewed"))
            .count()
            > 0,
        "the rejected entry is hidden and counted"
    );

    // Edit the Voloshyn statement: its event date, a tag and a note.
    h.state_mut().act(Action::Select(Some(voloshyn)));
    h.run();
    let happened = h
        .query_all_by_label_contains("Happened")
        .next()
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .expect("time field");
    type_into(&mut h, &happened, "2023-H1");
    let e = selected(&h);
    let t = e.event_time.as_ref().expect("event time set");
    assert_eq!(t.value.to_string(), "2023-H1");
    assert_eq!(h.state().workspace.undo_label(), Some("Edit time"));
    type_into(&mut h, "Tags (comma-separated)", "desertions, official");
    assert_eq!(selected(&h).tags, ["desertions", "official"]);
    h.get_by_label("Note (Markdown)").focus();
    h.run();
    h.get_by_label("Note (Markdown)")
        .type_text("Figure for **all of 2023**, said in 2025.");
    h.run();
    // Leaving the note (click on the timeline) commits it.
    h.get_by_label("Label").focus();
    h.run();
    assert_eq!(
        selected(&h).note,
        "Figure for **all of 2023**, said in 2025."
    );

    // Link it to an event found by search in the inspector.
    let target = h
        .state()
        .workspace
        .project
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Event && e.id != voloshyn)
        .map(|e| e.label.clone())
        .expect("an event");
    let word = target
        .split_whitespace()
        .find(|w| w.len() >= 5)
        .unwrap_or(&target)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned();
    h.get_by_label("find").focus();
    h.run();
    h.get_by_label("find").type_text(&word);
    h.run();
    h.query_all_by_label("Link").next().unwrap().click();
    h.run();
    let links = selected(&h).links;
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].kind, LinkKind::Supports);
    let linked = links[0].target;
    let p = &h.state().workspace.project;
    let search = claimline::model::EntryFilter {
        text: word.clone(),
        ..Default::default()
    };
    assert!(
        linked != voloshyn && search.matches(p, p.entry(linked).unwrap()),
        "linked to an entry the search found"
    );

    // Undo the link, redo it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(selected(&h).links.is_empty());
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(selected(&h).links.len(), 1);

    // Save and reopen: everything is in the file.
    let path = dir.path().join("review.claimline");
    h.state_mut().act(Action::SaveAs(Some(path.clone())));
    h.run();
    assert!(!h.state().workspace.is_dirty());
    let saved = file::load(&path).unwrap();
    let v = saved.entry(voloshyn).unwrap();
    assert_eq!(v.status, Status::Accepted);
    assert_eq!(v.event_time.as_ref().unwrap().value.to_string(), "2023-H1");
    assert_eq!(v.tags, ["desertions", "official"]);
    assert_eq!(v.note, "Figure for **all of 2023**, said in 2025.");
    assert_eq!(v.links[0].target, linked);
    assert_eq!(saved.entry(rejected).unwrap().status, Status::Rejected);

    let mut reopened = test_app();
    reopened.open(&path);
    assert_eq!(reopened.workspace.project, saved);
}

#[test]
fn bulk_accept_of_the_filtered_candidates_is_one_undo_step() {
    let mut h = imported();
    type_into(&mut h, "Search", "Voloshyn");
    let shown: Vec<usize> = h.state().shown().order.clone();
    h.get_by_label("All shown…").click();
    h.run();
    h.get_by_label_contains("Accept ").click();
    h.run();
    let p = &h.state().workspace.project;
    assert!(
        shown
            .iter()
            .all(|&i| p.entries[i].status == Status::Accepted)
    );
    let others = p.entries.len() - shown.len();
    assert_eq!(
        p.entries
            .iter()
            .filter(|e| e.status == Status::Candidate)
            .count(),
        others
    );
    h.state_mut().act(Action::Undo);
    h.run();
    assert!(
        h.state()
            .workspace
            .project
            .entries
            .iter()
            .all(|e| e.status == Status::Candidate)
    );
}

#[test]
fn a_selection_in_the_reader_becomes_a_statement_with_its_time() {
    let mut h = imported();
    let (sid, text) = {
        let s = &h.state().workspace.project.sources[0];
        (s.id, s.text.clone())
    };
    // Select a sentence that names a time, as a drag in the reader would.
    let sentence_start = text.find("A report from Mediazone").expect("seed sentence");
    let start = text[..sentence_start].chars().count();
    let sentence: String = text[sentence_start..]
        .chars()
        .take_while(|&c| c != '.')
        .collect();
    let end = start + sentence.chars().count();
    let before = h.state().workspace.project.entries.len();
    h.state_mut().reader.show_at(sid, start);
    h.state_mut().reader.selection = Some(claimline::model::CharRange::new(start, end));
    claimline::app::new_entry_from_selection(h.state_mut(), EntryKind::Event);
    h.run();
    let p = &h.state().workspace.project;
    assert_eq!(p.entries.len(), before + 1);
    let e = selected(&h);
    assert_eq!(e.kind, EntryKind::Event);
    assert_eq!(e.status, Status::Accepted);
    assert_eq!(
        e.evidence[0].range,
        claimline::model::CharRange::new(start, end)
    );
    let when = e.event_time.as_ref().map(|t| t.value.to_string());
    assert!(
        when.as_deref().is_some_and(|v| v.starts_with("2023")),
        "the first six months of 2023 in the selection is the event time: {when:?}"
    );
    h.state_mut().act(Action::Undo);
    h.run();
    assert_eq!(h.state().workspace.project.entries.len(), before);
}

#[test]
fn changing_the_publication_date_re_resolves_relative_times() {
    let mut h = imported();
    let sid = h.state().workspace.project.sources[0].id;
    h.get_by_label("Edit…").click();
    h.run();
    assert!(h.query_by_label("Edit source").is_some());
    type_into(&mut h, "Published", "2025-09-01");
    h.get_by_label("Save").click();
    h.run();
    let p = &h.state().workspace.project;
    let s = p.source(sid).unwrap();
    assert_eq!(
        s.published.as_ref().unwrap().value.to_string(),
        "2025-09-01"
    );
    assert_eq!(s.published_from.as_deref(), Some("manual"));
    assert!(
        p.entries_of_source(sid).all(|e| e
            .reported_time
            .as_ref()
            .is_some_and(|t| t.value.to_string() == "2025-09-01")),
        "reported times follow the publication date"
    );
    h.state_mut().act(Action::Undo);
    h.run();
    let p = &h.state().workspace.project;
    assert_ne!(
        p.source(sid)
            .unwrap()
            .published
            .as_ref()
            .map(|t| t.value.to_string()),
        Some("2025-09-01".into())
    );
}

#[test]
fn unsaved_work_is_autosaved_and_offered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    // Session 1: import, which leaves unsaved work; autosave writes it; then "crash".
    let mut h = imported();
    let mut rec = Recovery::new(&recovery_dir);
    rec.interval = std::time::Duration::ZERO;
    h.state_mut().enable_recovery(rec);
    h.run();
    let slots = autosaves(&recovery_dir);
    assert_eq!(slots.len(), 1, "autosaved while dirty: {slots:?}");
    let autosave = slots[0].clone();
    let expected = h.state().workspace.project.clone();
    drop(h);

    // Session 2 finds it and offers it.
    let mut app = test_app();
    app.enable_recovery(Recovery::new(&recovery_dir));
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().workspace.project, expected);
    assert!(h.state().workspace.is_dirty(), "restored work is unsaved");

    // Saving removes the recovery file.
    let path = dir.path().join("saved.claimline");
    h.state_mut().act(Action::SaveAs(Some(path.clone())));
    h.run();
    assert!(path.exists());
    assert!(!autosave.exists(), "a clean save clears the recovery file");
}

#[test]
fn discarding_recovered_work_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut rec = Recovery::new(dir.path());
    let project = claimline::model::Project::new("Lost", chrono::Utc::now());
    rec.autosave(&project, None, 1, true).unwrap();
    drop(rec); // the window that wrote it is gone
    let mut app = test_app();
    app.enable_recovery(Recovery::new(dir.path()));
    let mut h = harness(app);
    h.run();
    assert!(
        h.query_all_by_label_contains("untitled project “Lost”")
            .count()
            > 0
    );
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().recovered.is_none());
    assert!(autosaves(dir.path()).is_empty());
}

/// The recovery files (one per window) in `dir`.
fn autosaves(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "claimline"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Issue #27: two windows each autosave to their own slot; one's clean save leaves the
/// other's work alone; when the other is killed, the next start offers its work, and a
/// running window's work is never offered to another.
#[test]
fn each_window_keeps_its_own_recovery_slot() {
    let dir = tempfile::tempdir().unwrap();
    let window = |title: &str| {
        let mut rec = Recovery::new(dir.path());
        rec.interval = std::time::Duration::ZERO;
        let mut app = test_app();
        app.enable_recovery(rec);
        let mut h = harness(app);
        h.state_mut().act(Action::Edit(
            "Rename".into(),
            claimline::model::Command::SetTitle(title.into()),
        ));
        h.run();
        h
    };
    let mut a = window("Window A");
    let mut b = window("Window B");
    assert_eq!(autosaves(dir.path()).len(), 2, "one slot per window");
    assert!(a.state().recovered.is_none() && b.state().recovered.is_none());

    // B saves cleanly: its slot goes, A's stays.
    let elsewhere = tempfile::tempdir().unwrap();
    let saved = elsewhere.path().join("b.claimline");
    b.state_mut().act(Action::SaveAs(Some(saved.clone())));
    b.run();
    let left = autosaves(dir.path());
    assert_eq!(left.len(), 1);
    let text = std::fs::read_to_string(&left[0]).unwrap();
    assert!(text.contains("Window A"), "A's work is A's");

    // A third window while A runs: A's work is not offered (A is alive).
    let mut c = test_app();
    c.enable_recovery(Recovery::new(dir.path()));
    assert!(c.recovered.is_none(), "a running window's work is its own");
    drop(c);

    // A is killed (no clean exit); the next start offers its work, and restoring keeps it
    // recoverable until saved.
    a.run();
    drop(a);
    drop(b);
    let mut d = test_app();
    d.enable_recovery(Recovery::new(dir.path()));
    let found = d.recovered.as_ref().expect("A's work is offered");
    assert_eq!(found.project.title, "Window A");
    d.restore_recovered();
    assert_eq!(d.workspace.project.title, "Window A");
    assert_eq!(autosaves(dir.path()).len(), 1, "still on disk until saved");
}

#[test]
fn f1_shows_the_shortcut_sheet() {
    let mut h = harness(test_app());
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    assert!(h.query_by_label("Next / previous candidate").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Next / previous candidate").is_none());
}

/// Opens a combo box found by its caption and picks an entry of its menu.
fn pick(h: &mut Harness<'_, ClaimlineApp>, combo: &str, option: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, combo)
        .click();
    h.run();
    h.get_by_label(option).click();
    h.run();
}

#[test]
fn colour_by_stance_colours_statements_by_their_cue_and_shows_a_legend() {
    use claimline::timeline::{ColorBy, ColorRole};
    let mut h = imported();
    pick(&mut h, "Colour by", "stance");
    assert_eq!(h.state().timeline.options.color_by, ColorBy::Stance);
    h.run();
    let project = h.state().workspace.project.clone();
    let layout = h.state().timeline.last_layout.clone().unwrap();
    assert!(!layout.items.is_empty());
    for item in &layout.items {
        let entry = project.entry(item.id).unwrap();
        let expected = entry.stance().map_or(ColorRole::Neutral, ColorRole::Stance);
        assert_eq!(item.color, expected, "{}", entry.label);
    }
    // The legend names each stance drawn, by its verb.
    let drawn: std::collections::BTreeSet<&str> = layout
        .items
        .iter()
        .filter_map(|i| match i.color {
            ColorRole::Stance(s) => Some(s.verb()),
            _ => None,
        })
        .collect();
    assert!(!drawn.is_empty(), "the seed has statements");
    for verb in drawn {
        h.get_by_label(verb);
    }
}

#[test]
fn the_stance_filter_and_the_inspector_stance_menu() {
    use claimline::model::Stance;
    let mut h = imported();
    let statement = h
        .state()
        .workspace
        .project
        .entries
        .iter()
        .find(|e| e.kind == EntryKind::Statement)
        .unwrap()
        .id;
    h.state_mut().selected = Some(statement);
    h.run();
    // The inspector's menu changes the stance, undoably.
    pick(&mut h, "Cue stance", "denies");
    let entry = h.state().workspace.project.entry(statement).unwrap();
    assert_eq!(entry.stance(), Some(Stance::Denies));
    assert_eq!(
        h.state().workspace.undo_label(),
        Some("Edit attribution"),
        "one undoable step"
    );
    // Filtering by "denies" shows that statement alone.
    h.state_mut().filter.stance = Some(Stance::Denies);
    h.run();
    let shown = h.state().shown();
    let project = &h.state().workspace.project;
    let ids: Vec<_> = shown.order.iter().map(|&i| project.entries[i].id).collect();
    assert_eq!(ids, [statement]);
    h.state_mut().filter.stance = None;
    h.state_mut().act(Action::Undo);
    h.run();
    let entry = h.state().workspace.project.entry(statement).unwrap();
    assert_ne!(entry.stance(), Some(Stance::Denies), "undone");
}

#[test]
fn a_new_project_takes_its_first_article_title_and_can_be_renamed() {
    let mut h = imported();
    let first = h.state().workspace.project.sources[0].title.clone();
    assert!(!first.is_empty());
    assert_eq!(h.state().workspace.project.title, first, "not “Untitled”");
    // The export dialog proposes that title, and the image is headed with what it holds.
    let dialog = claimline::app::ExportDialog::new(h.state());
    assert_eq!(dialog.title, first);
    assert_eq!(
        dialog.options(h.state()).image.title.as_deref(),
        Some(first.as_str())
    );

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Project properties…").click();
    h.run();
    assert!(h.state().properties.is_some());
    type_into(&mut h, "Title", "Orikhiv: desertions and defections");
    assert!(h.state().properties.is_none(), "Enter saves and closes");
    assert_eq!(
        h.state().workspace.project.title,
        "Orikhiv: desertions and defections"
    );
    h.state_mut().act(Action::Undo);
    h.run();
    assert_eq!(h.state().workspace.project.title, first, "undone");
}

#[test]
fn a_live_blog_shows_each_update_time_beside_its_text() {
    let mut h = harness(test_app());
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/liveblog/kyiv-live.html");
    h.state_mut().act(Action::Import(vec![page]));
    super::wait_for_imports(&mut h);
    let p = &h.state().workspace.project;
    assert_eq!(p.sources.len(), 1);
    let sid = p.sources[0].id;
    h.state_mut().reader.open(sid);
    h.run();
    // The import says what it found; the reader's header says it again.
    let notice = h
        .state()
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(
        notice.contains("is a live blog, 9 updates (20 Aug 2025 09:00 – 21 Aug 2025 09:05)"),
        "{notice}"
    );
    assert_eq!(
        h.query_all_by_label_contains(
            "live blog, 9 updates (20 Aug 2025 09:00 – 21 Aug 2025 09:05), 1 embedded post"
        )
        .count(),
        2,
        "in the status bar's notice and in the reader's header"
    );
    // The updates' times in the gutter, the day written where it changes (newest first):
    // the 21st above its first update, the 20th above the first update of that day.
    h.get_by_label("21 Aug\n09:05");
    h.get_by_label("07:30");
    h.get_by_label("00:15");
    h.get_by_label("20 Aug\n23:40");
    // The tweet inside the 21:05 update, with its own time from its id.
    h.get_by_label("X\n09:14");
    // Entries found in an update are reported at its time.
    let p = &h.state().workspace.project;
    let klitschko = p
        .entries
        .iter()
        .find(|e| {
            e.attribution
                .as_ref()
                .is_some_and(|a| a.speaker == "Vitali Klitschko")
        })
        .expect("a statement by the mayor");
    assert_eq!(
        klitschko.reported_time.as_ref().unwrap().value.to_string(),
        "2025-08-21T07:30"
    );
    assert_eq!(
        klitschko.said_time.as_ref().unwrap().value.to_string(),
        "2025-08-21T07:30"
    );
}
