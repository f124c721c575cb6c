//! The project file: round trips, unknown fields, and bad files that must never be touched.

use std::path::Path;

use chrono::{TimeZone as _, Utc};
use claimline::model::{
    Attribution, CharRange, Command, Entry, EntryKind, Evidence, Link, LinkKind, Project, Source,
    Status, TimeSpan, file,
};

fn sample_project() -> Project {
    let now = Utc.with_ymd_and_hms(2025, 8, 22, 10, 0, 0).unwrap();
    let mut p = Project::new("Orikhiv", now);
    let sid = p.new_source_id();
    let mut source = Source::from_text(sid, "Desertions", "Spokesperson said “4,500 deserted”.");
    source.published = Some(TimeSpan::parse("2025-08-21", None).unwrap());
    p.apply(Command::InsertSource {
        index: None,
        source: Box::new(source),
    })
    .unwrap();
    let e1 = p.new_entry_id();
    let mut statement = Entry::new(e1, EntryKind::Statement, "4,500 deserted", now);
    statement.event_time = Some(TimeSpan::parse("2023-H1", None).unwrap());
    statement.reported_time = Some(TimeSpan::parse("2025-08-21", None).unwrap());
    statement.attribution = Some(Attribution {
        speaker: "Vladyslav Voloshyn".into(),
        speaker_role: Some("spokesperson".into()),
        cue: "told".into(),
        outlet: Some("Ukrinform".into()),
        relay: vec!["The Daily Digest".into()],
        direct: true,
        quote: "4,500 deserted".into(),
        stance: None,
    });
    statement.evidence.push(Evidence {
        source: sid,
        range: CharRange::new(18, 34),
        role: "content".into(),
    });
    statement.status = Status::Accepted;
    statement.tags = vec!["desertion".into()];
    statement.note = "Figure is **unverified**.".into();
    statement.color = Some("#aa3300".parse().unwrap());
    let e2 = p.new_entry_id();
    let mut event = Entry::new(e2, EntryKind::Event, "BCE event", now);
    event.event_time = Some(TimeSpan::parse("BC0044-03-15", None).unwrap());
    event.links.push(Link {
        kind: LinkKind::Contradicts,
        target: e1,
    });
    for e in [statement, event] {
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e),
        })
        .unwrap();
    }
    let day = chrono::NaiveDate::from_ymd_opt(2025, 8, 21).unwrap();
    let marks = claimline::model::key_date_marks::edit(&[], day, day, "Desertions reported");
    let marks = claimline::model::key_date_marks::dismiss(&marks, day.pred_opt().unwrap());
    p.apply(Command::SetKeyDates(marks)).unwrap();
    p
}

#[test]
fn save_and_load_round_trip_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    let p = sample_project();
    file::save(&p, &path).unwrap();
    let loaded = file::load(&path).unwrap();
    assert_eq!(loaded, p);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"format\": \"claimline\""));
    assert!(text.contains("\"version\": 1"));
    assert!(text.contains("\"value\": \"BC0044-03-15\""));
    assert!(text.contains("\"kind\": \"dismissed\""), "{text}");
    assert_eq!(loaded.key_dates.len(), 2);
}

#[test]
fn second_save_keeps_a_backup_of_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    let mut p = sample_project();
    file::save(&p, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    p.title = "Renamed".into();
    file::save(&p, &path).unwrap();
    assert_eq!(std::fs::read(file::backup_path(&path)).unwrap(), first);
    assert_eq!(file::load(&path).unwrap().title, "Renamed");
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let mut p = sample_project();
    let id = p.new_claim_id();
    let mut claim = claimline::model::Claim::new(id, "a claim", chrono::Utc::now());
    claim.entries.push(p.entries[0].id);
    p.claims.push(claim);
    let mut value: serde_json::Value = serde_json::from_str(&file::to_json(&p, false)).unwrap();
    value["future_top"] = serde_json::json!({"kept": true});
    value["entries"][0]["future_entry_field"] = serde_json::json!([1, 2, 3]);
    value["sources"][0]["future_source_field"] = serde_json::json!("x");
    value["claims"][0]["future_claim_field"] = serde_json::json!({"n": 1});
    let loaded = file::from_json(&value.to_string(), Path::new("t")).unwrap();
    let again: serde_json::Value = serde_json::from_str(&file::to_json(&loaded, false)).unwrap();
    assert_eq!(again["future_top"], serde_json::json!({"kept": true}));
    assert_eq!(
        again["entries"][0]["future_entry_field"],
        serde_json::json!([1, 2, 3])
    );
    assert_eq!(again["sources"][0]["future_source_field"], "x");
    assert_eq!(again["claims"][0]["future_claim_field"]["n"], 1);
}

/// Writes `content` to a file, expects loading to fail with a message containing `expect`,
/// and checks the file was left byte for byte as it was.
fn assert_refused(content: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.claimline");
    std::fs::write(&path, content).unwrap();
    let err = file::load(&path).unwrap_err().to_string();
    assert!(
        err.contains(expect),
        "message {err:?} should mention {expect:?}"
    );
    assert!(
        err.contains("bad.claimline"),
        "message names the file: {err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        content,
        "file must be untouched"
    );
}

#[test]
fn truncated_file_is_refused_and_untouched() {
    let text = file::to_json(&sample_project(), true);
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 3] {
        assert_refused(&text.as_bytes()[..cut], "damaged");
    }
}

#[test]
fn empty_and_binary_files_are_refused() {
    assert_refused(b"", "damaged");
    assert_refused(&[0xff, 0xfe, 0x00, 0x01, 0x02], "damaged");
    assert_refused(b"[1,2,3]", "not a Claimline project");
    assert_refused(
        br#"{"format":"other","version":1}"#,
        "not a Claimline project",
    );
}

#[test]
fn newer_version_is_refused_with_both_versions_named() {
    let mut value: serde_json::Value =
        serde_json::from_str(&file::to_json(&sample_project(), false)).unwrap();
    value["version"] = serde_json::json!(99);
    let content = value.to_string();
    assert_refused(
        content.as_bytes(),
        "newer Claimline (file version 99; this one reads up to 1)",
    );
}

#[test]
fn structurally_wrong_files_are_refused() {
    assert_refused(
        br#"{"format":"claimline","version":1}"#,
        "invalid project structure",
    );
    let mut value: serde_json::Value =
        serde_json::from_str(&file::to_json(&sample_project(), false)).unwrap();
    let first = value["entries"][0].clone();
    value["entries"][1]["id"] = first["id"].clone();
    assert_refused(value.to_string().as_bytes(), "used by more than one");
}

#[test]
fn damaged_file_message_points_to_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claimline");
    let p = sample_project();
    file::save(&p, &path).unwrap();
    file::save(&p, &path).unwrap();
    std::fs::write(&path, b"{\"format\": \"claim").unwrap();
    let err = file::load(&path).unwrap_err().to_string();
    assert!(err.contains("p.claimline.bak"), "{err}");
    assert_eq!(file::load(&file::backup_path(&path)).unwrap(), p);
}

#[test]
fn save_into_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/p.claimline");
    let err = file::save(&sample_project(), &path)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("cannot save"), "{err}");
    assert!(!path.exists());
}

#[test]
fn next_id_is_repaired_when_behind() {
    let mut value: serde_json::Value =
        serde_json::from_str(&file::to_json(&sample_project(), false)).unwrap();
    value["next_id"] = serde_json::json!(0);
    let mut p = file::from_json(&value.to_string(), Path::new("t")).unwrap();
    let fresh = p.new_entry_id();
    assert!(p.entries.iter().all(|e| e.id != fresh));
    assert!(p.sources.iter().all(|s| s.id.0 != fresh.0));
}

/// Every field the serializer writes is described in `docs/project.schema.json`, so the
/// documented schema cannot silently fall behind the code.
#[test]
fn json_schema_covers_every_written_field() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/project.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&file::to_json(&sample_project(), false)).unwrap();
    let props = |path: &str| -> Vec<String> {
        schema
            .pointer(path)
            .and_then(|v| v.as_object())
            .unwrap_or_else(|| panic!("schema has {path}"))
            .keys()
            .cloned()
            .collect()
    };
    let check = |obj: &serde_json::Value, path: &str| {
        let known = props(path);
        for key in obj.as_object().unwrap().keys() {
            assert!(
                known.contains(key),
                "{key} is written but not in schema {path}"
            );
        }
    };
    check(&written, "/properties");
    check(&written["sources"][0], "/$defs/source/properties");
    check(
        &written["sources"][0]["published"],
        "/$defs/timespan/properties",
    );
    for e in written["entries"].as_array().unwrap() {
        check(e, "/$defs/entry/properties");
        if let Some(a) = e.get("attribution") {
            check(a, "/$defs/attribution/properties");
        }
        if let Some(t) = e.get("event_time") {
            check(t, "/$defs/timespan/properties");
        }
    }
}

#[test]
fn wrong_types_in_known_fields_are_structure_errors() {
    for bad in [
        r#"{"format":"claimline","version":1,"created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","entries":"oops"}"#,
        r#"{"format":"claimline","version":1,"created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","entries":[{"id":"x"}]}"#,
        r#"{"format":"claimline","version":"1"}"#,
    ] {
        let err = file::from_json(bad, Path::new("t.claimline"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid project structure"), "{bad}: {err}");
    }
}
