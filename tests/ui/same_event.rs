//! The inspector says who else reports the selected entry's event ("Reported by 2 sources,
//! first by …") and one click selects another report.

use claimline::app::ClaimlineApp;
use claimline::model::{Command, Entry, EntryKind, Evidence, Project, Source, TimeSpan};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, ClaimlineApp>;

/// Two outlets report the walk-out on 5 May; a third reports other news.
fn coverage() -> Project {
    let mut p = Project::new("Strike", chrono::Utc::now());
    for (outlet, published, text) in [
        (
            "Meridian",
            "2024-05-05",
            "Dockers at Port Aldine walked out over pay, halting 40 ships.",
        ),
        (
            "Coastline",
            "2024-05-06",
            "Port Aldine dockers walked out over pay; 40 ships wait offshore.",
        ),
        (
            "Harbour Post",
            "2024-05-05",
            "The county fair opened with a record crowd of visitors.",
        ),
    ] {
        let sid = p.new_source_id();
        let mut s = Source::from_text(sid, format!("{outlet} report"), text);
        s.outlet = Some(outlet.into());
        s.published = Some(TimeSpan::parse(published, None).unwrap());
        let len = text.chars().count();
        p.apply(Command::InsertSource {
            index: None,
            source: Box::new(s),
        })
        .unwrap();
        let mut e = Entry::new(p.new_entry_id(), EntryKind::Event, text, chrono::Utc::now());
        e.event_time = Some(TimeSpan::parse("2024-05-05", None).unwrap());
        e.evidence.push(Evidence {
            source: sid,
            range: claimline::model::CharRange::new(0, len),
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

fn harness(project: &Project) -> H {
    super::open_at_1280(project)
}

/// Steps until the same-event groups of this revision are in (bounded).
fn wait_for_groups(h: &mut H) {
    super::step_until(h, "the groups", |app| {
        app.same_event
            .groups_for(app.workspace.revision())
            .is_some()
    });
}

#[test]
fn the_inspector_names_the_other_sources_of_an_event_and_selects_them() {
    let project = coverage();
    let ids: Vec<_> = project.entries.iter().map(|e| e.id).collect();
    let mut h = harness(&project);
    h.state_mut()
        .act(claimline::app::Action::Select(Some(ids[0])));
    h.run();
    wait_for_groups(&mut h);
    let line = "Reported by 2 sources, first by Meridian (5 May 2024)";
    h.get_by_label(line).click();
    h.run();
    h.get_by_label_contains("Coastline: Port Aldine dockers walked out")
        .click();
    h.run();
    assert_eq!(
        h.state().selected,
        Some(ids[1]),
        "one click selects the other report"
    );
    wait_for_groups(&mut h);
    h.get_by_label(line);

    // The county fair is news of its own: no such line.
    h.state_mut()
        .act(claimline::app::Action::Select(Some(ids[2])));
    h.run();
    wait_for_groups(&mut h);
    assert!(h.query_by_label_contains("Reported by").is_none());
}
