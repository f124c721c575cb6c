//! `claimline export` and `claimline import-timeline`, run as a user would: formats, filters,
//! and the failures that must be clear and leave files alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn claimline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A saved demo project in a fresh folder.
fn demo(entries: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.claimline");
    claimline::model::file::save(&claimline::demo::project(entries, 3), &path).unwrap();
    (dir, path)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_data_format_exports_and_imports_back() {
    let (dir, project) = demo(120);
    for (format, file) in [("timelinejs", "t.json"), ("csv", "t.csv")] {
        let out = dir.path().join(file);
        let run = claimline(&["export", s(&project), "--format", format, "-o", s(&out)]);
        assert!(run.status.success(), "{format}: {}", stderr(&run));
        let target = dir.path().join(format!("{format}.claimline"));
        let run = claimline(&["import-timeline", s(&out), "-o", s(&target)]);
        assert!(run.status.success(), "{format}: {}", stderr(&run));
        let p = claimline::model::file::load(&target).unwrap();
        assert_eq!(p.entries.len(), 120, "{format}");
        // Importing again adds to the project.
        let run = claimline(&["import-timeline", s(&out), "-o", s(&target)]);
        assert!(run.status.success());
        let p = claimline::model::file::load(&target).unwrap();
        assert_eq!(p.entries.len(), 240, "{format}");
        assert!(p.structural_problems().is_empty());
    }
}

#[test]
fn filters_and_compact_json() {
    let (dir, project) = demo(300);
    let out = dir.path().join("accepted.json");
    let run = claimline(&[
        "export",
        s(&project),
        "--format",
        "json",
        "--status",
        "accepted",
        "--kind",
        "statement",
        "--compact",
        "-o",
        s(&out),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1, "compact is one line");
    let p = claimline::model::file::load(&out).unwrap();
    let full = claimline::model::file::load(&project).unwrap();
    let expected = full
        .entries
        .iter()
        .filter(|e| {
            e.status == claimline::model::Status::Accepted
                && e.kind == claimline::model::EntryKind::Statement
        })
        .count();
    assert!(expected > 0);
    assert_eq!(p.entries.len(), expected);

    let csv = dir.path().join("range.csv");
    let run = claimline(&[
        "export",
        s(&project),
        "--format",
        "csv",
        "--from",
        "2000",
        "--to",
        "2004",
        "--hide-rejected",
        "--bom",
        "-o",
        s(&csv),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let back = claimline::export::csv::import(std::str::from_utf8(&bytes).unwrap(), "x")
        .unwrap()
        .project;
    let y0 = claimline::model::TimeSpan::parse("2000", None)
        .unwrap()
        .start;
    let y5 = claimline::model::TimeSpan::parse("2005", None)
        .unwrap()
        .start;
    let expected = full
        .entries
        .iter()
        .filter(|e| {
            let t = e.event_time.as_ref().unwrap();
            e.status != claimline::model::Status::Rejected && t.start < y5 && y0 < t.end
        })
        .count();
    assert_eq!(back.entries.len(), expected);

    let bad = claimline(&[
        "export",
        s(&project),
        "--format",
        "csv",
        "--from",
        "2010",
        "--to",
        "2001",
        "-o",
        s(&dir.path().join("never.csv")),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--from"), "{}", stderr(&bad));
}

#[test]
fn corrupt_project_is_a_clear_error_for_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("bad.claimline");
    std::fs::write(
        &project,
        b"{\"format\": \"claimline\", \"version\": 1, \"entries\": [",
    )
    .unwrap();
    for format in ["json", "timelinejs", "csv"] {
        let out = dir.path().join(format!("out.{format}"));
        let run = claimline(&["export", s(&project), "--format", format, "-o", s(&out)]);
        assert_eq!(run.status.code(), Some(1), "{format}");
        let err = stderr(&run);
        assert!(
            err.contains("bad.claimline") && err.contains("damaged"),
            "{err}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn unwritable_output_is_a_clear_error() {
    let (dir, project) = demo(10);
    let missing = dir.path().join("no/such/folder/out.csv");
    let run = claimline(&["export", s(&project), "--format", "csv", "-o", s(&missing)]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("cannot write") && err.contains("no/such/folder/out.csv"),
        "{err}"
    );

    // A folder we may not write to (skipped when running as root, who may write anywhere).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = ro.join(".probe");
        let root = std::fs::write(&probe, b"x").is_ok();
        if !root {
            let out = ro.join("out.json");
            let run = claimline(&[
                "export",
                s(&project),
                "--format",
                "timelinejs",
                "-o",
                s(&out),
            ]);
            assert_eq!(run.status.code(), Some(1));
            assert!(stderr(&run).contains("cannot write"), "{}", stderr(&run));
            assert!(!out.exists());
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn existing_output_is_refused_without_force_and_left_untouched() {
    let (dir, project) = demo(10);
    for format in ["json", "timelinejs", "csv"] {
        let out = dir.path().join(format!("existing.{format}"));
        std::fs::write(&out, b"precious").unwrap();
        let run = claimline(&["export", s(&project), "--format", format, "-o", s(&out)]);
        assert_eq!(run.status.code(), Some(1), "{format}");
        assert!(stderr(&run).contains("--force"), "{}", stderr(&run));
        assert_eq!(std::fs::read(&out).unwrap(), b"precious");
        let run = claimline(&[
            "export",
            s(&project),
            "--format",
            format,
            "-o",
            s(&out),
            "--force",
        ]);
        assert!(run.status.success(), "{}", stderr(&run));
        assert_ne!(std::fs::read(&out).unwrap(), b"precious");
    }
}

#[test]
fn images_and_briefings_are_written_with_their_signatures() {
    let (dir, project) = demo(5);
    for (format, magic) in [
        ("md", &b"# "[..]),
        ("html", b"<!DOCTYPE html"),
        ("svg", b"<svg"),
        ("png", b"\x89PNG"),
        ("pdf", b"%PDF"),
    ] {
        let out = dir.path().join(format!("x.{format}"));
        let run = claimline(&["export", s(&project), "--format", format, "-o", s(&out)]);
        assert!(run.status.success(), "{format}: {}", stderr(&run));
        let bytes = std::fs::read(&out).unwrap();
        let head = &bytes[..bytes.len().min(200)];
        assert!(
            head.windows(magic.len())
                .any(|w| w.eq_ignore_ascii_case(magic)),
            "{format}: {:?}",
            String::from_utf8_lossy(head)
        );
    }
}

#[test]
fn import_timeline_reports_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("p.claimline");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"events\": [").unwrap();
    let run = claimline(&["import-timeline", s(&bad), "-o", s(&target)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("bad.json") && stderr(&run).contains("line"),
        "{}",
        stderr(&run)
    );
    assert!(!target.exists());

    let partial = dir.path().join("partial.json");
    std::fs::write(
        &partial,
        br#"{"events": [{"start_date": {"year": 2020}, "text": {"headline": "ok"}},
                        {"text": {"headline": "no date"}}]}"#,
    )
    .unwrap();
    let run = claimline(&["import-timeline", s(&partial), "-o", s(&target)]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("no start_date"), "{}", stderr(&run));
    assert_eq!(
        claimline::model::file::load(&target).unwrap().entries.len(),
        1
    );

    // A damaged target project is never written to.
    std::fs::write(&target, b"{\"format\": \"claim").unwrap();
    let run = claimline(&["import-timeline", s(&partial), "-o", s(&target)]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(std::fs::read(&target).unwrap(), b"{\"format\": \"claim");
}
