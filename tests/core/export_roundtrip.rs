//! Export → import round trips over the seed article's project and synthetic projects:
//! native JSON is lossless; TimelineJS keeps every timed entry with its placing time at its
//! precision; CSV keeps every entry with its fields and all three times.

use std::path::Path;

use chrono::{TimeZone as _, Utc};
use claimline::export::{self, ExportFormat, ExportOptions, Selection};
use claimline::model::{
    Attribution, CharRange, Entry, EntryKind, Evidence, Project, SourceId, Status, TimeSpan, file,
};

/// The seed article imported as `claimline import` does, plus a few hand-made entries that
/// exercise what extraction does not produce (BCE, open, hedged, colours, odd text).
fn seed_project() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/orikhiv-desertions.txt");
    let doc = claimline::ingest::read_path(&path)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let now = Utc.with_ymd_and_hms(2025, 8, 22, 10, 0, 0).unwrap();
    let mut project = Project::new("Orikhiv <desertions> & \"reports\"", now);
    let mut source = doc.into_source(SourceId(0));
    source.id = project.new_source_id();
    source.url = Some("https://example.org/orikhiv?a=1&b=2".into());
    source.outlet = Some("The Daily Digest".into());
    source.published = Some(TimeSpan::parse("2025-08-21", None).unwrap());
    let extraction = claimline::extract::extract(&source, &Default::default());
    let entries = extraction.to_entries(&source, &mut project);
    assert!(entries.len() >= 5, "the seed article yields entries");
    project.sources.push(source);
    project.entries.extend(entries);

    let sid = project.sources[0].id;
    let extra = [
        ("BC0044-03-15", "Caesar, stabbed", Status::Accepted),
        ("2025-08-20T14:30", "Post at 14:30", Status::Candidate),
        ("2025-W34", "That week", Status::Rejected),
        ("18", "Nineteenth century", Status::Accepted),
    ];
    for (value, label, status) in extra {
        let id = project.new_entry_id();
        let mut e = Entry::new(id, EntryKind::Event, label, now);
        e.event_time = Some(TimeSpan::parse(value, None).unwrap());
        e.status = status;
        e.note = "Line one, with \"quotes\"\nline two; <b>not bold</b>".into();
        e.tags = vec!["hand made".into(), "check".into()];
        e.color = Some("#aa3300".parse().unwrap());
        e.lane = Some("Manual".into());
        e.evidence.push(Evidence {
            source: sid,
            range: CharRange::new(0, 10),
            role: "content".into(),
        });
        project.entries.push(e);
    }
    let id = project.new_entry_id();
    let mut open = Entry::new(id, EntryKind::Statement, "Before 2021, hedged", now);
    open.event_time = Some(TimeSpan::before(&TimeSpan::parse("2021", None).unwrap()).unwrap());
    open.event_time.as_mut().unwrap().approximate = true;
    open.said_time =
        Some(TimeSpan::parse("PAST_REF", chrono::NaiveDate::from_ymd_opt(2025, 8, 21)).unwrap());
    open.reported_time = Some(TimeSpan::parse("2025-08-21", None).unwrap());
    open.attribution = Some(Attribution {
        speaker: "a spokesperson".into(),
        speaker_role: Some("South, Defense".into()),
        cue: "told".into(),
        outlet: Some("Ukrinform".into()),
        relay: vec!["Ukrinform".into(), "The Daily Digest".into()],
        direct: true,
        quote: "“We are ready,” he said, \"really\".".into(),
        stance: None,
    });
    project.entries.push(open);
    let id = project.new_entry_id();
    project
        .entries
        .push(Entry::new(id, EntryKind::Event, "No time at all", now));
    assert!(project.structural_problems().is_empty());
    project
}

fn projects() -> Vec<(&'static str, Project)> {
    vec![
        ("seed", seed_project()),
        ("demo", claimline::demo::project(2_000, 17)),
        ("demo2", claimline::demo::project(500, 99)),
    ]
}

fn same_time(what: &str, a: Option<&TimeSpan>, b: Option<&TimeSpan>) {
    match (a, b) {
        (None, None) => {}
        (Some(a), Some(b)) => {
            assert_eq!(a.value, b.value, "{what}: value");
            assert_eq!(a.precision, b.precision, "{what}: precision of {}", a.value);
            assert_eq!(
                (a.start, a.end),
                (b.start, b.end),
                "{what}: interval of {}",
                a.value
            );
            assert_eq!(
                a.approximate, b.approximate,
                "{what}: approximate {}",
                a.value
            );
            assert_eq!(a.open, b.open, "{what}: open {}", a.value);
        }
        _ => panic!("{what}: {a:?} became {b:?}"),
    }
}

#[test]
fn native_json_round_trips_exactly() {
    for (name, p) in projects() {
        for pretty in [true, false] {
            let options = ExportOptions {
                pretty,
                ..ExportOptions::default()
            };
            let out = export::export_bytes(&p, ExportFormat::Json, &options).unwrap();
            let text = String::from_utf8(out.bytes).unwrap();
            let back = file::from_json(&text, Path::new(name)).unwrap();
            assert_eq!(back, p, "{name}");
        }
    }
}

#[test]
fn timelinejs_keeps_every_timed_entry_and_its_time_at_its_precision() {
    for (name, p) in projects() {
        let out =
            export::export_bytes(&p, ExportFormat::TimelineJs, &ExportOptions::default()).unwrap();
        let text = String::from_utf8(out.bytes).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        // Shape TimelineJS needs: events with start_date.year, a title slide without a date.
        assert!(json["title"]["start_date"].is_null());
        let events = json["events"].as_array().unwrap();
        assert!(events.iter().all(|e| e["start_date"]["year"].is_i64()));

        let imported = export::timelinejs::import(&text, "x").unwrap();
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
        let back = imported.project;
        assert_eq!(back.title, p.title, "{name}: title (HTML-escaped and back)");

        let mut timed: Vec<&Entry> = p
            .entries
            .iter()
            .filter(|e| e.primary_time().is_some())
            .collect();
        export::sort_chronologically(&mut timed);
        let untimed = p.entries.len() - timed.len();
        assert_eq!(
            out.notes.len(),
            usize::from(untimed > 0),
            "{name}: {:?}",
            out.notes
        );
        assert_eq!(back.entries.len(), timed.len(), "{name}: every timed entry");
        for (a, b) in timed.iter().zip(&back.entries) {
            let what = format!("{name} {}", a.id);
            assert_eq!(b.label, a.label, "{what}");
            same_time(&what, a.primary_time(), b.event_time.as_ref());
            assert_eq!(
                b.lane.as_deref(),
                a.lane.as_deref().or(a.speaker().filter(|s| !s.is_empty())),
                "{what}: group"
            );
            if let Some(speaker) = a.speaker() {
                assert!(b.note.contains(speaker), "{what}: speaker in the text");
            }
            // The source citation survives as a cited source with its URL.
            let a_url = a.sources().find_map(|s| p.source(s)?.url.clone());
            let b_url = b.sources().find_map(|s| back.source(s)?.url.clone());
            assert_eq!(a_url, b_url, "{what}: media url");
        }
        assert!(back.structural_problems().is_empty());
    }
}

#[test]
fn timelinejs_text_is_escaped_and_cites_the_source() {
    let p = seed_project();
    let out =
        export::export_bytes(&p, ExportFormat::TimelineJs, &ExportOptions::default()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
    assert_eq!(
        json["title"]["text"]["headline"],
        "Orikhiv &lt;desertions&gt; &amp; &quot;reports&quot;"
    );
    let caesar = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"]["headline"] == "Caesar, stabbed")
        .unwrap();
    assert_eq!(
        caesar["start_date"],
        serde_json::json!({"year": -44, "month": 3, "day": 15})
    );
    assert_eq!(
        caesar["media"]["url"],
        "https://example.org/orikhiv?a=1&b=2"
    );
    assert_eq!(caesar["group"], "Manual");
    let body = caesar["text"]["text"].as_str().unwrap();
    assert!(body.contains("&lt;b&gt;not bold&lt;/b&gt;"), "{body}");
    assert!(
        body.contains("href=\"https://example.org/orikhiv?a=1&amp;b=2\""),
        "{body}"
    );
    assert!(body.contains("The Daily Digest"), "{body}");
    // Events come chronologically, so 44 BCE is first.
    assert_eq!(json["events"][0]["unique_id"], caesar["unique_id"]);
    let id = p
        .entries
        .iter()
        .find(|e| e.label == "Caesar, stabbed")
        .unwrap()
        .id;
    assert_eq!(caesar["unique_id"], id.to_string());
}

#[test]
fn csv_keeps_every_entry_its_fields_and_times() {
    for (name, p) in projects() {
        for bom in [false, true] {
            let options = ExportOptions {
                bom,
                ..ExportOptions::default()
            };
            let out = export::export_bytes(&p, ExportFormat::Csv, &options).unwrap();
            let text = String::from_utf8(out.bytes).unwrap();
            let imported = export::csv::import(&text, &p.title).unwrap();
            assert!(
                imported.warnings.is_empty(),
                "{name}: {:?}",
                imported.warnings
            );
            let back = imported.project;
            assert_eq!(back.entries.len(), p.entries.len(), "{name}");
            for (a, b) in p.entries.iter().zip(&back.entries) {
                let what = format!("{name} {}", a.id);
                assert_eq!(b.id, a.id, "{what}");
                assert_eq!(b.kind, a.kind, "{what}");
                assert_eq!(b.status, a.status, "{what}");
                assert_eq!(b.label, a.label, "{what}");
                assert_eq!(b.summary, a.summary, "{what}");
                same_time(
                    &format!("{what} event"),
                    a.event_time.as_ref(),
                    b.event_time.as_ref(),
                );
                same_time(
                    &format!("{what} said"),
                    a.said_time.as_ref(),
                    b.said_time.as_ref(),
                );
                same_time(
                    &format!("{what} reported"),
                    a.reported_time.as_ref(),
                    b.reported_time.as_ref(),
                );
                assert_eq!(b.attribution, a.attribution, "{what}");
                assert_eq!(b.tags, a.tags, "{what}");
                assert_eq!(b.color, a.color, "{what}");
                assert_eq!(b.note, a.note, "{what}");
                assert_eq!(b.lane, a.lane, "{what}");
                assert_eq!(b.confidence, a.confidence, "{what}");
                let a_src = a.sources().next().and_then(|s| p.source(s));
                let b_src = b.sources().next().and_then(|s| back.source(s));
                assert_eq!(a_src.map(|s| &s.title), b_src.map(|s| &s.title), "{what}");
                assert_eq!(a_src.map(|s| &s.url), b_src.map(|s| &s.url), "{what}");
            }
            assert!(back.structural_problems().is_empty());
        }
    }
}

#[test]
fn filtered_exports_hold_the_same_entries_in_every_format() {
    let p = claimline::demo::project(600, 5);
    let options = ExportOptions {
        selection: Selection::accepted_only(),
        ..ExportOptions::default()
    };
    let expected: Vec<_> = p
        .entries
        .iter()
        .filter(|e| e.status == Status::Accepted)
        .map(|e| e.label.clone())
        .collect();
    assert!(!expected.is_empty());
    let json = export::export_bytes(&p, ExportFormat::Json, &options).unwrap();
    let from_json =
        file::from_json(std::str::from_utf8(&json.bytes).unwrap(), Path::new("x")).unwrap();
    let csv = export::export_bytes(&p, ExportFormat::Csv, &options).unwrap();
    let from_csv = export::csv::import(std::str::from_utf8(&csv.bytes).unwrap(), "x")
        .unwrap()
        .project;
    let tl = export::export_bytes(&p, ExportFormat::TimelineJs, &options).unwrap();
    let from_tl = export::timelinejs::import(std::str::from_utf8(&tl.bytes).unwrap(), "x")
        .unwrap()
        .project;
    let labels = |p: &Project| {
        let mut v: Vec<String> = p.entries.iter().map(|e| e.label.clone()).collect();
        v.sort();
        v
    };
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(labels(&from_json), sorted);
    assert_eq!(labels(&from_csv), sorted);
    assert_eq!(labels(&from_tl), sorted);
    // A fresh source per citation only: the selection's sources, no more.
    assert!(from_json.sources.len() <= p.sources.len());
}
