//! The app shell driven through egui_kittest: menus, empty state, opening projects,
//! review actions with undo, and bad files.

use chrono::Utc;
use claimline::app::{ClaimlineApp, Settings};
use claimline::model::{
    CharRange, Command, Entry, EntryKind, Evidence, Project, Source, Status, TimeSpan, file,
};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn harness(app: ClaimlineApp) -> Harness<'static, ClaimlineApp> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 760.0))
        .with_context_setup(claimline::app::install_fonts)
        // Modals fade in over a few frames.
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app)
}

fn test_app() -> ClaimlineApp {
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    app
}

fn project_with_two_entries() -> Project {
    let now = Utc::now();
    let mut p = Project::new("Fixture", now);
    let sid = p.new_source_id();
    let text = "Voloshyn told Ukrinform that 4,500 soldiers deserted.";
    let mut s = Source::from_text(sid, "Orikhiv report", text);
    s.published = Some(TimeSpan::parse("2025-08-21", None).unwrap());
    p.apply(Command::InsertSource {
        index: None,
        source: Box::new(s),
    })
    .unwrap();
    for (label, value) in [
        ("Soldiers deserted in Orikhiv", "2025-08-20"),
        ("Criminal cases recorded", "2023-H1"),
    ] {
        let id = p.new_entry_id();
        let mut e = Entry::new(id, EntryKind::Event, label, now);
        e.event_time = Some(TimeSpan::parse(value, None).unwrap());
        e.evidence.push(Evidence {
            source: sid,
            range: CharRange::new(29, 52),
            role: "content".into(),
        });
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e),
        })
        .unwrap();
    }
    p
}

#[test]
fn file_new_shows_the_empty_state() {
    let mut h = harness(test_app());
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New").click();
    h.run();
    assert!(h.query_by_label("This project is empty").is_some());
    assert!(h.query_by_label("Import articles…").is_some());
    assert!(
        h.state()
            .notice
            .as_ref()
            .is_some_and(|n| n.text == "New project")
    );
    assert!(!h.state().workspace.is_dirty());
}

#[test]
fn shell_has_menus_panels_and_status_bar() {
    let mut h = harness(test_app());
    h.run();
    for menu in ["File", "Edit", "View", "Help"] {
        assert!(h.query_by_label(menu).is_some(), "menu {menu}");
    }
    assert!(h.query_by_label("Sources").is_some());
    assert!(h.query_by_label("Inspector").is_some());
    assert!(
        h.query_by_label("0 sources · 0 entries · 0 to review")
            .is_some()
    );
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About Claimline").click();
    h.run();
    assert!(
        h.query_by_label_contains(env!("CARGO_PKG_VERSION"))
            .is_some()
    );
}

#[test]
fn opening_a_project_lists_its_entries_and_review_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.claimline");
    file::save(&project_with_two_entries(), &path).unwrap();

    let mut app = test_app();
    app.open(&path);
    let mut h = harness(app);
    h.run();
    assert!(
        h.query_by_label("Timeline").is_some(),
        "timeline is the default view"
    );
    h.get_by_label("List").click();
    h.run();
    assert!(h.query_by_label("Entries (2)").is_some());
    assert!(
        h.query_by_label("1 source · 2 entries · 2 to review")
            .is_some()
    );
    assert_eq!(h.state().window_title(), "fixture.claimline — Claimline");

    // Chronological: the 2023 figure comes before the 2025 event.
    let rows: Vec<String> = h
        .query_all_by_label_contains("Orikhiv report")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .filter(|label| label.starts_with('◆'))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].contains("Criminal cases") && rows[1].contains("Soldiers deserted"),
        "{rows:?}"
    );

    h.get_by_label_contains("Soldiers deserted").click();
    h.run();
    assert!(
        h.query_all_by_label("“4,500 soldiers deserted”").count() > 0,
        "evidence quote shown"
    );
    h.get_by_label("Accept").click();
    h.run();
    let id = h.state().selected.unwrap();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().status,
        Status::Accepted
    );
    assert!(h.state().workspace.is_dirty());
    assert!(h.state().window_title().starts_with("● "));

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().status,
        Status::Candidate
    );
    assert!(!h.state().workspace.is_dirty());

    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().status,
        Status::Accepted
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().workspace.is_dirty());
    let saved = file::load(&path).unwrap();
    assert_eq!(saved.entry(id).unwrap().status, Status::Accepted);
    assert!(file::backup_path(&path).exists());
}

#[test]
fn a_corrupt_project_shows_an_error_and_keeps_the_open_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.claimline");
    file::save(&project_with_two_entries(), &good).unwrap();
    let bad = dir.path().join("bad.claimline");
    std::fs::write(&bad, b"{\"format\":\"claimline\",\"version\":1,\"entr").unwrap();

    let mut app = test_app();
    app.open(&good);
    let mut h = harness(app);
    h.run();
    h.state_mut().open(&bad);
    h.run();
    assert!(h.query_by_label("Something went wrong").is_some());
    assert!(h.query_all_by_label_contains("is damaged").count() >= 1);
    assert_eq!(
        h.state().workspace.project.entries.len(),
        2,
        "open project kept"
    );
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"{\"format\":\"claimline\",\"version\":1,\"entr"
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label("Something went wrong").is_none());
}

#[test]
fn save_as_through_the_in_app_file_browser() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-story");
    let mut h = harness(test_app());
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    assert!(h.query_by_label("Save project as").is_some());
    h.state_mut()
        .dialogs
        .file_browser
        .as_mut()
        .unwrap()
        .location = target.display().to_string();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let written = dir.path().join("new-story.claimline");
    assert!(written.exists(), "extension added");
    assert_eq!(file::load(&written).unwrap().title, "Untitled");
    assert_eq!(h.state().settings.recent.len(), 1);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut h = harness(test_app());
    h.run();
    h.state_mut().act(claimline::app::Action::Edit(
        "Rename".into(),
        Command::SetTitle("Changed".into()),
    ));
    h.run();
    assert!(h.state().workspace.is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run();
    h.event(egui::Event::WindowFocused(true));
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(h.query_by_label("Save changes to “Changed”?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save changes to “Changed”?").is_none());
    assert_eq!(h.state().workspace.project.title, "Changed");
}

#[test]
fn importing_an_article_adds_a_source_as_one_undoable_step() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/orikhiv-desertions.txt");
    let mut h = harness(test_app());
    h.run();
    h.get_by_label("Import articles…").click();
    h.run();
    assert!(
        h.query_by_label("Import articles").is_some(),
        "file browser shown"
    );
    h.state_mut()
        .dialogs
        .file_browser
        .as_mut()
        .unwrap()
        .location = seed.display().to_string();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    super::wait_for_imports(&mut h);
    let p = &h.state().workspace.project;
    assert_eq!(p.sources.len(), 1);
    assert_eq!(p.sources[0].text, std::fs::read_to_string(&seed).unwrap());
    assert!(
        h.query_all_by_label("orikhiv-desertions").count() >= 2,
        "listed in the sources panel and open in the reader"
    );
    assert!(h.state().workspace.is_dirty());

    // The same article again is refused with a message, not duplicated.
    h.state_mut()
        .act(claimline::app::Action::Import(vec![seed.clone()]));
    h.run();
    super::wait_for_imports(&mut h);
    assert_eq!(h.state().workspace.project.sources.len(), 1);
    assert!(
        h.query_all_by_label_contains("already in the project")
            .count()
            >= 1
    );
    h.get_by_label("OK").click();
    h.run();

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state().workspace.project.sources.is_empty(),
        "import undone"
    );
    assert!(!h.state().workspace.is_dirty());
}

#[test]
fn a_file_that_cannot_be_read_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("binary.txt");
    // A PNG image renamed .txt: refused as binary, reported by name.
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let mut h = harness(test_app());
    h.run();
    h.state_mut().act(claimline::app::Action::Import(vec![bad]));
    h.run();
    super::wait_for_imports(&mut h);
    assert!(h.state().workspace.project.sources.is_empty());
    assert!(h.query_all_by_label_contains("binary.txt").count() >= 1);
}

#[test]
fn the_export_dialog_writes_every_format_and_never_overwrites_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fixture.json");
    let mut app = test_app();
    let project_path = dir.path().join("fixture.claimline");
    file::save(&project_with_two_entries(), &project_path).unwrap();
    app.open(&project_path);
    let mut h = harness(app);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    {
        let d = h.state_mut().export_dialog.as_mut().expect("dialog open");
        d.format = claimline::export::ExportFormat::Json;
        d.scope = claimline::app::ExportScope::All;
        d.path = out.display().to_string();
    }
    h.run();
    assert!(
        h.query_all_by_label_contains("2 entries from 1 source")
            .count()
            > 0
    );
    h.get_by_label("Export").click();
    h.run();
    assert!(h.state().export_dialog.is_none(), "closed after exporting");
    assert_eq!(
        file::load(&out).unwrap(),
        file::load(&project_path).unwrap()
    );

    // Again to the same file: refused, file untouched, dialog stays open.
    std::fs::write(&out, b"keep me").unwrap();
    h.state_mut().act(claimline::app::Action::Export(None));
    h.run();
    {
        let d = h.state_mut().export_dialog.as_mut().unwrap();
        d.format = claimline::export::ExportFormat::Json;
        d.path = out.display().to_string();
    }
    h.get_by_label("Export").click();
    h.run();
    assert!(h.query_all_by_label_contains("exists").count() >= 1);
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");

    // Images and briefings come out of the same dialog.
    for (format, ext, magic) in [
        (
            claimline::export::ExportFormat::Html,
            "html",
            &b"<!DOCTYPE html"[..],
        ),
        (claimline::export::ExportFormat::Png, "png", b"\x89PNG"),
        (claimline::export::ExportFormat::Csv, "csv", b"id,"),
    ] {
        let path = dir.path().join(format!("out.{ext}"));
        h.state_mut().dialogs.error = None;
        h.state_mut().export_dialog = None;
        h.state_mut().act(claimline::app::Action::Export(None));
        h.run();
        {
            let d = h.state_mut().export_dialog.as_mut().unwrap();
            d.format = format;
            d.path = path.display().to_string();
        }
        h.run();
        h.get_by_label("Export").click();
        h.run();
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            bytes.starts_with(magic),
            "{ext}: {:?}",
            &bytes[..bytes.len().min(40)]
        );
    }
}

#[test]
fn editing_label_tags_and_note_in_the_inspector_is_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture.claimline");
    file::save(&project_with_two_entries(), &path).unwrap();
    let mut app = test_app();
    app.open(&path);
    let id = app.workspace.project.entries[0].id;
    let old_label = app.workspace.project.entries[0].label.clone();
    let mut h = harness(app);
    h.state_mut().act(claimline::app::Action::Select(Some(id)));
    h.run();

    h.get_by_label("Label").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Label").type_text("Desertions reported");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().label,
        "Desertions reported"
    );

    h.get_by_label("Tags (comma-separated)").focus();
    h.run();
    h.get_by_label("Tags (comma-separated)")
        .type_text("disputed, casualties, Disputed");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().tags,
        ["disputed", "casualties"]
    );
    assert_eq!(h.state().workspace.undo_label(), Some("Edit tags"));

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state()
            .workspace
            .project
            .entry(id)
            .unwrap()
            .tags
            .is_empty()
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace.project.entry(id).unwrap().label,
        old_label
    );
    assert!(!h.state().workspace.is_dirty());
}

/// Issue #27: a second window (or a CLI import) saved the project after this window opened
/// it; Ctrl+S asks instead of overwriting, and Cancel, Replace and Save as each do what they
/// say.
#[test]
fn save_asks_before_overwriting_a_file_changed_since_it_was_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.claimline");
    file::save(&project_with_two_entries(), &path).unwrap();
    let mut app = test_app();
    app.open(&path);
    let mut h = harness(app);
    h.run();

    // The other window adds a title of its own and saves.
    let mut theirs = file::load(&path).unwrap();
    theirs.title = "Their version".into();
    file::save(&theirs, &path).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    // This window renames the project and presses Ctrl+S.
    h.state_mut().act(claimline::app::Action::Edit(
        "Rename".into(),
        Command::SetTitle("My version".into()),
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label_contains("changed since you opened it");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "nothing written yet"
    );

    // Cancel: nothing written, still unsaved.
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_label_contains("changed since you opened it")
            .is_none()
    );
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);
    assert!(h.state().workspace.is_dirty());

    // Again, and Replace it: this window's version is saved, theirs is the backup.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("Replace it").click();
    h.run();
    assert!(!h.state().workspace.is_dirty());
    assert_eq!(file::load(&path).unwrap().title, "My version");
    assert_eq!(
        file::load(&file::backup_path(&path)).unwrap().title,
        "Their version"
    );

    // Saved by this window, the file is this window's again: the next save just saves.
    h.state_mut().act(claimline::app::Action::Edit(
        "Rename".into(),
        Command::SetTitle("My second version".into()),
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.query_by_label_contains("changed since you opened it")
            .is_none()
    );
    assert_eq!(file::load(&path).unwrap().title, "My second version");
}

/// Issue #27: a second window on an open project is told so.
#[test]
fn a_second_window_on_an_open_project_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.claimline");
    file::save(&project_with_two_entries(), &path).unwrap();
    let mut first = test_app();
    first.open(&path);
    assert!(!first.workspace.open_elsewhere);
    let mut second = test_app();
    second.open(&path);
    assert!(second.workspace.open_elsewhere);
    let mut h = harness(second);
    h.run();
    h.get_by_label_contains("also open in another Claimline window");
    // Once the first window has closed, a new one opens it alone.
    drop(first);
    let mut third = test_app();
    third.open(&path);
    assert!(!third.workspace.open_elsewhere);
}
