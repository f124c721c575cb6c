//! The Key dates panel: opened from the View menu, computed off the UI thread, one row per
//! key date; clicking a date selects its entries and shows the day on the timeline.

use std::path::Path;

use chrono::NaiveDate;
use claimline::app::ClaimlineApp;
use claimline::app::key_dates::date_label;
use claimline::model::{Command, EntryId, Project};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

type H = Harness<'static, ClaimlineApp>;

/// The five articles of the invented dock strike in tests/fixtures/digest-dev, read and
/// extracted as `claimline import` does (publication dates from the day folders).
fn strike_project() -> Project {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/digest-dev");
    let (files, _) = claimline::ingest::article_files_under(&dir).unwrap();
    assert_eq!(files.len(), 5);
    let read = claimline::story::batch::read_and_extract(&files, None, 2, &|_| {});
    let mut project = Project::default();
    for file in read {
        for (mut source, extraction) in file.result.unwrap() {
            assert!(source.published.is_some(), "{}", file.path.display());
            source.id = project.new_source_id();
            let entries = extraction.to_entries(&source, &mut project);
            project
                .apply(Command::Batch(claimline::extract::insert_commands(
                    source, entries,
                )))
                .unwrap();
        }
    }
    project
}

fn harness_with(project: &Project) -> H {
    super::open_at_1280(project)
}

/// Steps until the digest for the current revision is in (bounded).
fn wait_for_digest(h: &mut H) {
    super::step_until(h, "the digest", |app| {
        app.key_dates.digest_for(app.workspace.revision()).is_some()
    });
}

fn open_from_view_menu(h: &mut H) {
    // The menu item is the "Key dates" node that the menu brings (none is shown before).
    let before: Vec<egui::Rect> = h
        .query_all_by_label_contains("Key dates")
        .map(|n| n.rect())
        .collect();
    h.get_by_label("View").click();
    h.run();
    h.query_all_by_label_contains("Key dates")
        .find(|n| !before.contains(&n.rect()))
        .expect("View has a Key dates item")
        .click();
    h.run();
    assert!(h.state().key_dates.open, "View → Key dates opens the panel");
}

#[test]
fn key_dates_are_listed_and_a_click_selects_the_day_on_the_timeline() {
    let project = strike_project();
    let mut h = harness_with(&project);
    assert!(!h.state().key_dates.open);
    open_from_view_menu(&mut h);
    wait_for_digest(&mut h);
    // The panel's heading.
    h.get_by_role_and_label(Role::Label, "Key dates");

    let app = h.state();
    let digest = app
        .key_dates
        .digest_for(app.workspace.revision())
        .unwrap()
        .clone();
    let dates: Vec<NaiveDate> = digest.key_dates.iter().map(|k| k.date).collect();
    let first = NaiveDate::from_ymd_opt(2024, 5, 5).unwrap();
    assert_eq!(
        dates.first(),
        Some(&first),
        "the strike's start comes first"
    );
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "in date order");
    assert!(!digest.count_reason.is_empty());

    // Every key date is a row: its date, its source count and its sentences.
    assert_eq!(date_label(first), "Sun 5 May 2024");
    for key in &digest.key_dates {
        h.get_by_label(&date_label(key.date));
        for sentence in &key.sentences {
            // The sentence, then its source's outlet and title (the same sentence may
            // tell two key dates).
            let title = &project.source(sentence.source).unwrap().title;
            assert!(
                h.query_all_by_label_contains(&format!("{} — ", sentence.text))
                    .any(|n| n
                        .accesskit_node()
                        .value()
                        .is_some_and(|v| v.ends_with(title.as_str()))),
                "a row shows “{}” from “{title}”",
                sentence.text
            );
        }
    }
    h.get_by_label_contains(&digest.count_reason);
    assert!(
        h.query_all_by_label_contains(" source").count() >= digest.key_dates.len(),
        "each row says how many sources"
    );

    // Click the first key date.
    let key = &digest.key_dates[0];
    assert!(
        !key.entries.is_empty(),
        "entries are dated on the strike's start"
    );
    h.get_by_label(&date_label(key.date)).click();
    h.run();
    // Let the view's animated jump finish.
    for _ in 0..8 {
        h.step();
    }
    let app = h.state();
    let mut selected = app.selection();
    selected.sort();
    let mut expected: Vec<EntryId> = key.entries.clone();
    expected.sort();
    expected.dedup();
    assert_eq!(selected, expected, "the key date's entries are selected");
    let view = app.timeline.view.expect("the timeline has a view");
    let day = first.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() as f64;
    assert!(
        view.min <= day && view.max() >= day + 86_400.0,
        "the view {view:?} shows 5 May 2024"
    );
    assert!(
        view.span <= 15.0 * 86_400.0,
        "zoomed to the day, not the whole story"
    );

    // A sentence opens its source in the reader: one from another source than the open one.
    let open_before = h.state().reader.source;
    let sentence = digest
        .key_dates
        .iter()
        .flat_map(|k| &k.sentences)
        .find(|s| Some(s.source) != open_before)
        .expect("sentences from more than one source");
    h.query_all_by_label_contains(&format!("{} — ", sentence.text))
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(
        h.state().reader.source,
        Some(sentence.source),
        "the reader shows the sentence's source"
    );
}

#[test]
fn the_panel_explains_an_empty_project_and_sources_without_dates() {
    let mut h = harness_with(&Project::default());
    h.key_press(egui::Key::D);
    h.run();
    assert!(h.state().key_dates.open, "D opens the panel");
    h.get_by_label_contains("Import articles about a story");

    let mut project = Project::default();
    let id = project.new_source_id();
    let source = claimline::model::Source::from_text(
        id,
        "Undated notes",
        "A short note with no dates in it at all, and nothing that names a day.",
    );
    project
        .apply(Command::InsertSource {
            index: None,
            source: Box::new(source),
        })
        .unwrap();
    let mut h = harness_with(&project);
    h.key_press(egui::Key::D);
    h.run();
    wait_for_digest(&mut h);
    h.get_by_label_contains("No dated material");
    h.key_press(egui::Key::D);
    h.run();
    assert!(!h.state().key_dates.open, "D closes it again");
}

/// Issue #23: a story of 300 sources opens with lanes by outlet on the story's own period, and
/// its key dates read at 1280 × 800: every row and sentence inside the panel, left of the
/// timeline, nothing running out of the window.
#[test]
fn a_300_source_story_opens_readable_on_its_key_dates() {
    let five = strike_project();
    let mut project = Project::default();
    for copy in 0..60u64 {
        let outlet = ["Northwire", "Estrel Herald", "Radio Sarrow"][copy as usize % 3];
        for s in &five.sources {
            let mut source = s.clone();
            source.id = project.new_source_id();
            source.outlet = Some(outlet.into());
            for e in five
                .entries
                .iter()
                .filter(|e| e.evidence.iter().any(|ev| ev.source == s.id))
            {
                let mut entry = e.clone();
                entry.id = project.new_entry_id();
                entry
                    .evidence
                    .iter_mut()
                    .for_each(|ev| ev.source = source.id);
                project.entries.push(entry);
            }
            project.sources.push(source);
        }
    }
    assert_eq!(project.sources.len(), 300);
    let mut h = harness_with(&project);
    assert_eq!(
        h.state().timeline.group_by,
        claimline::timeline::GroupBy::Outlet
    );
    h.key_press(egui::Key::D);
    // The spinner repaints while the digest is computed: step, do not settle.
    h.step();
    wait_for_digest(&mut h);
    let app = h.state();
    let digest = app
        .key_dates
        .digest_for(app.workspace.revision())
        .unwrap()
        .clone();
    assert_eq!(
        digest.key_dates.first().map(|k| k.date),
        NaiveDate::from_ymd_opt(2024, 5, 5)
    );
    assert!(
        digest.key_dates[0].sources.len() >= 60,
        "every copy names the strike's start"
    );
    let timeline_x0 = h.state().timeline.last_layout.as_ref().unwrap().rect.x0;
    let first = h.get_by_label(&date_label(digest.key_dates[0].date)).rect();
    assert!(
        first.min.x >= 0.0 && first.max.x <= timeline_x0,
        "{first:?}"
    );
    for s in &digest.key_dates[0].sentences {
        for node in h.query_all_by_label_contains(&format!("{} — ", s.text)) {
            let r = node.rect();
            assert!(
                r.min.x >= 0.0 && r.max.x <= timeline_x0 && r.max.y <= 800.0,
                "sentence row {r:?} runs out of the panel (timeline starts at {timeline_x0})"
            );
        }
    }
}

/// Clicks the button labelled `label` on the same row as the heading of `date`.
fn click_in_row(h: &mut H, date: NaiveDate, label: &str) {
    let heading = h.get_by_label(&date_label(date)).rect();
    h.query_all_by_label(label)
        .filter(|n| (n.rect().center().y - heading.center().y).abs() < heading.height())
        .min_by(|a, b| a.rect().center().x.total_cmp(&b.rect().center().x))
        .unwrap_or_else(|| panic!("a {label} button beside {}", date_label(date)))
        .click();
    h.run();
}

fn digest_now(h: &H) -> claimline::story::digest::Digest {
    let app = h.state();
    app.key_dates
        .digest_for(app.workspace.revision())
        .expect("digest of this revision")
        .clone()
}

fn pinned_days(h: &H) -> Vec<NaiveDate> {
    h.state()
        .workspace
        .project
        .key_dates
        .iter()
        .filter(|m| m.kind == claimline::model::KeyDateKind::Pinned)
        .map(|m| m.date)
        .collect()
}

#[test]
fn a_key_date_is_pinned_edited_moved_dismissed_and_undone() {
    let mut h = harness_with(&strike_project());
    open_from_view_menu(&mut h);
    wait_for_digest(&mut h);
    let dates: Vec<NaiveDate> = digest_now(&h).key_dates.iter().map(|k| k.date).collect();
    assert!(dates.len() >= 3, "{dates:?}");
    let (first, last) = (dates[0], *dates.last().unwrap());
    assert!(h.query_by_label("Pinned").is_none());

    // Pin the last day: it moves to the top, under "Pinned".
    click_in_row(&mut h, last, "Pin");
    wait_for_digest(&mut h);
    assert_eq!(pinned_days(&h), [last]);
    let digest = digest_now(&h);
    assert_eq!(digest.key_dates[0].date, last);
    assert!(digest.key_dates[0].pinned);
    let pinned_y = h.get_by_label("Pinned").rect().center().y;
    let suggested_y = h.get_by_label("Suggested").rect().center().y;
    let last_y = h.get_by_label(&date_label(last)).rect().center().y;
    let first_y = h.get_by_label(&date_label(first)).rect().center().y;
    assert!(pinned_y < last_y && last_y < suggested_y && suggested_y < first_y);

    // Edit it from its ⋯ menu: the user's words, saved with Save.
    click_in_row(&mut h, last, "⋯");
    h.get_by_label("Edit…").click();
    h.run();
    h.get_by_label("In your words")
        .type_text("Dockers vote to return to work");
    h.run();
    h.get_by_label("Save").click();
    wait_for_digest(&mut h);
    let marks = h.state().workspace.project.key_dates.clone();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].text, "Dockers vote to return to work");
    assert_eq!(digest_now(&h).key_dates[0].text, marks[0].text);
    h.get_by_label("Dockers vote to return to work");
    assert!(h.query_by_label("In your words").is_none(), "editor closed");

    // Undo takes the words back, then the pin.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    wait_for_digest(&mut h);
    assert_eq!(pinned_days(&h), [last]);
    assert!(h.state().workspace.project.key_dates[0].text.is_empty());
    assert!(h.query_by_label("Dockers vote to return to work").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    wait_for_digest(&mut h);
    assert!(h.state().workspace.project.key_dates.is_empty());
    assert!(!digest_now(&h).key_dates[0].pinned);

    // Pin two days and move the second above the first.
    click_in_row(&mut h, first, "Pin");
    wait_for_digest(&mut h);
    click_in_row(&mut h, last, "Pin");
    wait_for_digest(&mut h);
    assert_eq!(pinned_days(&h), [first, last]);
    click_in_row(&mut h, last, "⋯");
    h.get_by_label("Move up").click();
    wait_for_digest(&mut h);
    assert_eq!(pinned_days(&h), [last, first]);
    let order: Vec<NaiveDate> = digest_now(&h).key_dates.iter().map(|k| k.date).collect();
    assert_eq!(&order[..2], [last, first]);

    // Dismiss a suggested day; it can be restored from the Dismissed list.
    let middle = dates[1];
    click_in_row(&mut h, middle, "⋯");
    h.get_by_label("Dismiss").click();
    wait_for_digest(&mut h);
    assert!(digest_now(&h).key_dates.iter().all(|k| k.date != middle));
    h.get_by_label("Dismissed (1)").click();
    h.run();
    h.get_by_label("Restore").click();
    wait_for_digest(&mut h);
    assert!(digest_now(&h).key_dates.iter().any(|k| k.date == middle));
    assert_eq!(pinned_days(&h), [last, first], "restoring keeps the pins");

    // Everything the user decided is saved with the project.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("curated.claimline");
    claimline::model::file::save(&h.state().workspace.project, &path).unwrap();
    let saved = claimline::model::file::load(&path).unwrap();
    assert_eq!(saved.key_dates, h.state().workspace.project.key_dates);
}

#[test]
fn the_key_dates_export_as_a_briefing_and_an_image_from_the_panel() {
    let mut project = strike_project();
    let day = NaiveDate::from_ymd_opt(2024, 5, 13).unwrap();
    let marks = claimline::model::key_date_marks::edit(&[], day, day, "Dockers vote to go back");
    project.apply(Command::SetKeyDates(marks)).unwrap();
    let mut h = harness_with(&project);
    open_from_view_menu(&mut h);
    wait_for_digest(&mut h);
    let dir = tempfile::tempdir().unwrap();

    // The panel's Export… opens the dialog on the key dates, HTML first.
    h.get_by_label("Export…").click();
    h.run();
    let d = h.state().export_dialog.clone().expect("dialog open");
    assert_eq!(d.content, claimline::app::ExportContent::KeyDates);
    assert_eq!(d.format, claimline::export::ExportFormat::Html);
    assert!(d.path.ends_with("story-key-dates.html"), "{}", d.path);
    let n = digest_now(&h).key_dates.len();
    h.get_by_label_contains(&format!("{n} key dates (1 pinned, first)"));

    let html = dir.path().join("strike.html");
    h.state_mut().export_dialog.as_mut().unwrap().path = html.display().to_string();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.state().export_dialog.is_none(), "closed after exporting");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html"));
    let words = page
        .find("Dockers vote to go back")
        .expect("the user's words");
    let first_day = page.find("Monday 13 May 2024").expect("the pinned day");
    assert!(first_day < words, "under its day");
    assert_eq!(page.matches("<h2>").count(), n, "one section per key date");

    // The same dialog writes the image (PDF) and the digest's JSON.
    for (format, name, magic) in [
        (
            claimline::export::ExportFormat::Pdf,
            "strike.pdf",
            &b"%PDF"[..],
        ),
        (claimline::export::ExportFormat::Json, "strike.json", b"["),
    ] {
        let path = dir.path().join(name);
        h.state_mut().export_dialog = Some(claimline::app::ExportDialog::key_dates(h.state()));
        {
            let d = h.state_mut().export_dialog.as_mut().unwrap();
            d.format = format;
            d.path = path.display().to_string();
        }
        h.run();
        h.get_by_label("Export").click();
        h.run();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("strike.json")).unwrap()).unwrap();
    assert_eq!(json[0]["date"], "2024-05-13");
    assert_eq!(json[0]["text"], "Dockers vote to go back");
}
