//! The chronology of reporting driven through egui_kittest: the knowledge cursor's toggle,
//! step buttons and what they leave visible; placing entries by reported time; claim lanes;
//! setting a verdict (undoable); the audit history of an edit.

use claimline::app::{ClaimlineApp, Settings};
use claimline::model::{EntryId, Verification};
use claimline::timeline::{GroupBy, Placement};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::story::{Story, story};

/// Tall enough that the inspector's claim section is on screen without scrolling.
fn harness(s: &Story) -> Harness<'static, ClaimlineApp> {
    harness_for(&s.project)
}

fn harness_for(project: &claimline::model::Project) -> Harness<'static, ClaimlineApp> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.claimline");
    claimline::model::file::save(project, &path).unwrap();
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    app.recovery = None;
    app.open(&path);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 1600.0))
        .with_context_setup(claimline::app::install_fonts)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app);
    h.run();
    h
}

/// Ids of the items drawn faint because they were not public at the cursor.
fn unknown(h: &Harness<'static, ClaimlineApp>) -> Vec<EntryId> {
    let layout = h.state().timeline.last_layout.as_ref().expect("painted");
    let mut ids: Vec<EntryId> = layout
        .items
        .iter()
        .filter(|i| i.unknown)
        .map(|i| i.id)
        .collect();
    ids.sort();
    ids
}

fn click(h: &mut Harness<'static, ClaimlineApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn the_cursor_replays_the_story_publication_by_publication() {
    let s = story();
    let mut h = harness(&s);
    assert!(
        unknown(&h).is_empty(),
        "without the cursor everything is shown"
    );

    click(&mut h, "As known on…");
    assert!(h.state().timeline.cursor.enabled);
    assert_eq!(
        unknown(&h),
        vec![s.daily, s.correction],
        "at the first publication only the wire report is public"
    );
    h.get_by_label_contains("publication 1 of 3");

    click(&mut h, "▶");
    assert_eq!(
        unknown(&h),
        vec![s.correction],
        "the follow-up is out on 4 March"
    );
    let wire = |h: &Harness<'static, ClaimlineApp>| {
        h.state()
            .timeline
            .last_layout
            .as_ref()
            .unwrap()
            .item(s.wire)
            .unwrap()
            .verification
    };
    assert_eq!(wire(&h), Verification::Unverified, "not yet shown false");

    click(&mut h, "▶|");
    assert!(unknown(&h).is_empty());
    assert_eq!(wire(&h), Verification::False, "the correction settled it");

    click(&mut h, "◀");
    assert_eq!(unknown(&h), vec![s.correction]);
    click(&mut h, "|◀");
    assert_eq!(unknown(&h), vec![s.daily, s.correction]);

    // Play steps on its own and stops at the last publication.
    click(&mut h, "Play");
    for _ in 0..40 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(100));
        if !h.state().timeline.cursor.playing {
            break;
        }
    }
    h.run();
    assert!(!h.state().timeline.cursor.playing, "play stops at the end");
    assert!(unknown(&h).is_empty());

    click(&mut h, "As known on…");
    assert!(!h.state().timeline.cursor.enabled);
}

#[test]
fn placing_by_reported_time_and_claim_lanes() {
    let s = story();
    let mut h = harness(&s);
    h.state_mut().timeline.placement = Placement::Reported;
    h.state_mut().timeline.group_by = GroupBy::Claim;
    h.run();
    let layout = h.state().timeline.last_layout.as_ref().unwrap();
    let reported = s.wire_reported();
    assert_eq!(layout.item(s.wire).unwrap().start, reported.start_seconds());
    assert_eq!(layout.lanes[0].label, "1,200 residents evacuated");
    assert!(layout.item(s.wire).unwrap().first_report);
}

#[test]
fn setting_a_verdict_is_undoable_and_edits_are_in_the_history() {
    let s = story();
    let mut h = harness(&s);
    h.state_mut().selected = Some(s.daily);
    h.run();
    // The claim section lists both appearances, the wire first.
    h.get_by_label_contains("★ first: Northwire");
    h.get_by_label_contains("then: Daily Ledger");

    // Mark it disputed through the verdict menu.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Claim verdict")
        .click();
    h.run();
    click(&mut h, "disputed");
    let claim = &h.state().workspace.project.claims[0];
    assert_eq!(claim.review.state, Verification::Disputed);
    h.state_mut().act(claimline::app::Action::Undo);
    h.run();
    assert_eq!(
        h.state().workspace.project.claims[0].review.state,
        Verification::False
    );

    // Accepting the entry is recorded in its history, by this user.
    h.key_press(egui::Key::A);
    h.run();
    let entry = h.state().workspace.project.entry(s.daily).unwrap().clone();
    let last = entry.history.last().expect("a record");
    assert!(last.action.contains("status"), "{}", last.action);
    assert_eq!(last.by, claimline::model::local_user());
    // Accepting moved the review on; back to the entry, its history is in the inspector.
    h.state_mut().selected = Some(s.daily);
    h.run();
    h.get_by_label_contains("Edit history (1)");
}

#[test]
fn the_example_story_replays_and_same_claim_suggestions_are_confirmed() {
    // The shipped three-article story, without its claims: the user finds and confirms one.
    let mut project = claimline::demo::story_project();
    assert_eq!(project.sources.len(), 3);
    assert!(
        project.claims.len() >= 2,
        "the story ships with reviewed claims"
    );
    project.claims.clear();
    let mut h = harness_for(&project);

    // The cursor at the first publication fades exactly what the later articles brought.
    click(&mut h, "As known on…");
    let first = claimline::timeline::knowledge::publication_steps(&project)[0];
    let later: Vec<EntryId> = {
        let layout = h.state().timeline.last_layout.as_ref().unwrap();
        layout
            .items
            .iter()
            .filter(|i| {
                let e = project.entry(i.id).unwrap();
                e.known_from().is_some_and(|t| t > first)
            })
            .map(|i| i.id)
            .collect()
    };
    assert!(!later.is_empty());
    assert_eq!(unknown(&h), {
        let mut l = later.clone();
        l.sort();
        l
    });
    click(&mut h, "As known on…");

    let evacuated = project
        .entries
        .iter()
        .find(|e| e.label.contains("1,200 residents were evacuated"))
        .expect("the wire's evacuation figure")
        .id;
    h.state_mut().selected = Some(evacuated);
    h.run();
    click(&mut h, "Find the same claim in other sources");
    // The search runs on a worker thread: wait (up to 5 s) for its result.
    for _ in 0..500 {
        if h.query_all_by_label("Confirm: make it one claim")
            .next()
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    h.query_all_by_label("Confirm: make it one claim")
        .next()
        .expect("a suggestion for the figure")
        .click();
    h.run();
    let claims = &h.state().workspace.project.claims;
    assert_eq!(claims.len(), 1);
    assert!(claims[0].entries.contains(&evacuated));
    assert!(claims[0].entries.len() >= 2);
    let sources: std::collections::HashSet<_> = claims[0]
        .entries
        .iter()
        .filter_map(|&id| h.state().workspace.project.entry(id))
        .flat_map(|e| e.sources().collect::<Vec<_>>())
        .collect();
    assert!(sources.len() >= 2, "a claim across sources");
    h.state_mut().act(claimline::app::Action::Undo);
    h.run();
    assert!(h.state().workspace.project.claims.is_empty());
}

#[test]
fn f3_jumps_through_the_search_matches_in_time_order() {
    let s = story();
    let mut h = harness(&s);
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("evacuated");
    h.run();
    let mut visited = Vec::new();
    for _ in 0..3 {
        h.key_press(egui::Key::F3);
        h.run();
        visited.push(h.state().selected.expect("a match is selected"));
    }
    assert_eq!(
        visited,
        vec![s.wire, s.daily, s.wire],
        "earliest first, then the next, then around again"
    );
    let view = h.state().timeline.view.unwrap();
    let t = s
        .project
        .entry(s.wire)
        .unwrap()
        .primary_time()
        .unwrap()
        .start_seconds();
    assert!(
        view.min <= t && t <= view.max(),
        "the timeline shows the match"
    );
}
