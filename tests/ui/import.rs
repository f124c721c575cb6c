//! Getting many articles in at once: the in-app file browser (used where the system's dialog
//! is missing) with several files picked, Enter in its location field, and folder imports
//! with progress and Cancel.

use std::path::Path;

use claimline::app::{Action, ClaimlineApp, Settings};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness() -> Harness<'static, ClaimlineApp> {
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .with_context_setup(claimline::app::install_fonts)
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app)
}

/// `n` short, distinct articles (distinct texts: identical ones are refused as duplicates).
fn write_articles(dir: &Path, n: usize) {
    for i in 0..n {
        std::fs::write(
            dir.join(format!("article-{i:03}.txt")),
            format!(
                "Bridge {i} to reopen\n\nThe mayor said on Monday that bridge number {i} \
                 would reopen to traffic on 3 March 2025 after repairs."
            ),
        )
        .unwrap();
    }
}

/// Opens File → Import… and shows `dir` in the browser.
fn open_browser_at(h: &mut Harness<'static, ClaimlineApp>, dir: &Path) {
    h.run();
    h.get_by_label("Import articles…").click();
    h.run();
    assert!(
        h.query_by_label("Import articles").is_some(),
        "browser open"
    );
    h.state_mut()
        .dialogs
        .file_browser
        .as_mut()
        .unwrap()
        .go_to(dir.to_owned());
    h.run();
}

#[test]
fn three_files_picked_in_the_file_browser_import_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 4);
    std::fs::write(dir.path().join("photo.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    let mut h = harness();
    open_browser_at(&mut h, dir.path());
    assert!(
        h.query_by_label_contains("system's file dialog is not available")
            .is_some(),
        "the user is told why this browser is shown"
    );
    assert!(h.query_by_label("photo.jpg").is_none(), "filtered out");
    h.get_by_label("article-000.txt").click();
    h.run();
    h.get_by_label("article-002.txt")
        .click_modifiers(egui::Modifiers::COMMAND);
    h.run();
    h.get_by_label("article-003.txt")
        .click_modifiers(egui::Modifiers::COMMAND);
    h.run();
    h.get_by_label("Import 3 files").click();
    h.run();
    assert!(h.state().dialogs.file_browser.is_none(), "closed");
    super::wait_for_imports(&mut h);
    let titles: Vec<&str> = h
        .state()
        .workspace
        .project
        .sources
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Bridge 0 to reopen",
            "Bridge 2 to reopen",
            "Bridge 3 to reopen"
        ]
    );
    assert_eq!(
        h.state().workspace.undo_label(),
        Some("Import 3 source(s)"),
        "one undoable step"
    );
    // The folder is remembered, and the notice is not shown a second time.
    let folder = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(h.state().settings.recent_folders.first(), Some(&folder));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    h.run();
    let b = h.state().dialogs.file_browser.as_ref().unwrap();
    assert_eq!(b.dir, folder, "starts in the last folder used");
    assert!(!b.notice);
}

#[test]
fn enter_in_the_location_field_opens_a_folder_then_imports_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("august");
    std::fs::create_dir(&sub).unwrap();
    write_articles(&sub, 1);
    let mut h = harness();
    open_browser_at(&mut h, dir.path());
    h.get_by_label("Location").focus();
    h.run();
    h.get_by_label("Location").type_text("august");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let b = h.state().dialogs.file_browser.as_ref().unwrap();
    assert_eq!(b.dir, sub, "a typed folder is entered");
    assert!(h.query_by_label("article-000.txt").is_some());
    h.get_by_label("Location").focus();
    h.run();
    h.get_by_label("Location").type_text("article-000.txt");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().dialogs.file_browser.is_none(), "Enter submits");
    super::wait_for_imports(&mut h);
    assert_eq!(h.state().workspace.project.sources.len(), 1);
}

#[test]
fn a_folder_import_reads_every_article_below_it() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 3);
    let sub = dir.path().join("more");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        sub.join("late.md"),
        "# Ferry resumes\n\nThe operator said the ferry resumed on 4 March 2025.",
    )
    .unwrap();
    std::fs::write(sub.join("notes.xyz"), "not an article").unwrap();
    let mut h = harness();
    h.run();
    h.get_by_label("Import a folder…").click();
    h.run();
    assert!(h.query_by_label("Import a folder of articles").is_some());
    h.state_mut()
        .dialogs
        .file_browser
        .as_mut()
        .unwrap()
        .go_to(dir.path().to_owned());
    h.run();
    h.get_by_label("Import this folder").click();
    h.run();
    super::wait_for_imports(&mut h);
    let p = &h.state().workspace.project;
    assert_eq!(p.sources.len(), 4, "three articles and one in a sub-folder");
    assert!(p.sources.iter().any(|s| s.title == "Ferry resumes"));
}

#[test]
fn a_folder_import_shows_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let n = 300;
    write_articles(dir.path(), n);
    let mut h = harness();
    h.run();
    h.state_mut()
        .act(Action::ImportFolder(Some(dir.path().to_owned())));
    // Step until the folder is listed: the progress then counts its files.
    let mut listed = false;
    for _ in 0..500 {
        h.step();
        let (done, total) = h.state().import_progress();
        if total == n {
            listed = true;
            assert!(done < n, "not finished yet");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(listed, "the progress counts the folder's {n} files");
    // The import started at the end of the first frame: draw one with its progress bar.
    h.step();
    assert!(h.query_all_by_label_contains("Importing").count() > 0);
    h.get_by_label("Cancel").click();
    super::wait_for_imports(&mut h);
    let added = h.state().workspace.project.sources.len();
    assert!(added < n, "cancelled before the end ({added} of {n} read)");
    let error = h.state().dialogs.error.clone().unwrap_or_default();
    assert!(error.contains("cancelled"), "{error}");
    // What was read before Cancel is kept, as one undoable step.
    if added > 0 {
        assert!(
            h.state()
                .workspace
                .undo_label()
                .unwrap()
                .starts_with("Import")
        );
    }
}

#[test]
fn an_undated_article_is_offered_dates_on_import_and_in_the_source_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ferry.txt");
    std::fs::write(
        &path,
        "Ferry strike ends\n\nThe union said the strike that began on 3 March 2025 was over. \
         Ferries will run again tomorrow, the operator said.",
    )
    .unwrap();
    let today = chrono::Utc::now().date_naive().to_string();
    let mut h = harness();
    h.run();
    h.state_mut().act(Action::Import(vec![path]));
    super::wait_for_imports(&mut h);
    let notice = h.state().notice.as_ref().unwrap().text.clone();
    assert!(
        notice.contains("“Ferry strike ends” has no publication date"),
        "{notice}"
    );
    assert!(
        notice.contains("the latest date in the text is 2025-03-03"),
        "{notice}"
    );
    assert!(
        notice.contains(&format!("last modified on {today}")),
        "{notice}"
    );

    let undated = |h: &Harness<'static, ClaimlineApp>| {
        h.state()
            .workspace
            .project
            .entries
            .iter()
            .filter(|e| e.primary_time().is_none())
            .count()
    };
    assert!(undated(&h) > 0, "“the operator said” has no date yet");

    h.get_by_label("Edit…").click();
    h.run();
    assert!(h.query_by_label("No publication date. Use:").is_some());
    assert!(
        h.query_by_label(&today).is_some(),
        "the file's day is offered"
    );
    h.get_by_label("2025-03-03").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let s = &h.state().workspace.project.sources[0];
    assert_eq!(
        s.published.as_ref().map(|p| p.value.to_string()).as_deref(),
        Some("2025-03-03")
    );
    assert_eq!(undated(&h), 0, "every entry is on the axis now");
}

#[test]
fn another_copy_of_a_story_is_listed_as_a_version_and_can_be_merged() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    let mut h = harness();
    h.run();
    h.state_mut().act(Action::Import(vec![
        fixtures.join("two-column.pdf"),
        fixtures.join("story-grain-talks.eml"),
    ]));
    super::wait_for_imports(&mut h);
    let p = &h.state().workspace.project;
    assert_eq!(p.sources.len(), 2);
    assert_eq!(p.sources[1].version_of, Some(p.sources[0].id));
    assert!(h.query_by_label_contains("story in 2 versions").is_some());
    assert!(h.query_by_label("Not a version").is_some());
    let lead_id = p.sources[0].id;

    h.get_by_label("Merge").click();
    h.run();
    let p = &h.state().workspace.project;
    assert_eq!(p.sources.len(), 1, "merged into the first copy");
    assert_eq!(p.sources[0].id, lead_id);
    assert!(p.entries_of_source(lead_id).count() > 0, "its entries stay");
    h.state_mut().act(Action::Undo);
    h.run();
    assert_eq!(h.state().workspace.project.sources.len(), 2, "undone");
}
