//! The `claimline` command line, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn claimline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// `claimline export PROJECT --format FORMAT -o OUT`.
fn export(project: &str, format: &str, out: &str) -> Output {
    claimline(&["export", project, "--format", format, "-o", out])
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/orikhiv-desertions.txt")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn help_and_version() {
    let help = claimline(&["--help"]);
    assert!(help.status.success());
    for word in ["extract", "import", "export"] {
        assert!(stdout(&help).contains(word), "help lists {word}");
    }
    let version = claimline(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("claimline {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn extract_prints_the_documented_json_shape() {
    let seed = seed();
    let out = claimline(&[
        "extract",
        seed.to_str().unwrap(),
        "--published",
        "2025-08-21",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    for key in ["source", "timexes", "statements", "events"] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert!(
        json["timexes"].is_array() && json["statements"].is_array() && json["events"].is_array()
    );
    assert_eq!(json["source"]["published"], "2025-08-21");
    assert_eq!(json["source"]["published_from"], "--published");
    let text = std::fs::read_to_string(&seed).unwrap();
    assert_eq!(json["source"]["chars"], text.chars().count());
}

#[test]
fn extract_text_format_is_readable() {
    let seed = seed();
    let out = claimline(&["extract", seed.to_str().unwrap(), "--format", "text"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Times (") && text.contains("Statements (") && text.contains("Events ("));
}

#[test]
fn extract_rejects_a_malformed_date() {
    let seed = seed();
    let out = claimline(&[
        "extract",
        seed.to_str().unwrap(),
        "--published",
        "21/08/2025",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"));
}

#[test]
fn extract_of_a_missing_file_fails_with_its_name() {
    let out = claimline(&["extract", "/no/such/article.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/article.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn damaged_input_exits_with_code_1_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let out = claimline(&["extract", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("truncated PDF"), "{}", stderr(&out));
}

#[test]
fn import_then_export_json_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("story.claimline");
    let seed = seed();
    let out = claimline(&[
        "import",
        seed.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
        "--published",
        "2025-08-21",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let loaded = claimline::model::file::load(&project).unwrap();
    assert_eq!(loaded.sources.len(), 1);
    assert_eq!(
        loaded.sources[0].text,
        std::fs::read_to_string(&seed).unwrap()
    );
    assert_eq!(
        loaded.sources[0]
            .published
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "2025-08-21"
    );

    // Importing the same article again adds nothing.
    let again = claimline(&[
        "import",
        seed.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert!(stderr(&again).contains("same text"));
    assert_eq!(
        claimline::model::file::load(&project)
            .unwrap()
            .sources
            .len(),
        1
    );

    let exported = dir.path().join("out.json");
    let out = export(
        project.to_str().unwrap(),
        "json",
        exported.to_str().unwrap(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let reread = claimline::model::file::load(&exported).unwrap();
    assert_eq!(reread, claimline::model::file::load(&project).unwrap());

    // Never overwrites silently.
    let out = export(
        project.to_str().unwrap(),
        "json",
        exported.to_str().unwrap(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"));
}

#[test]
fn export_of_a_corrupt_project_fails_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("bad.claimline");
    std::fs::write(&project, b"{\"format\": \"claimline\", \"vers").unwrap();
    let out_path = dir.path().join("out.json");
    let out = export(
        project.to_str().unwrap(),
        "json",
        out_path.to_str().unwrap(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read(&project).unwrap(),
        b"{\"format\": \"claimline\", \"vers"
    );
}

#[test]
fn import_reports_bad_files_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"caf\xe9 not utf8").unwrap();
    let project = dir.path().join("p.claimline");
    let seed = seed();
    let out = claimline(&[
        "import",
        bad.to_str().unwrap(),
        seed.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.txt") && stderr(&out).contains("not UTF-8"));
    assert_eq!(
        claimline::model::file::load(&project)
            .unwrap()
            .sources
            .len(),
        1
    );
}

#[test]
fn unsupported_export_format_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimline");
    claimline::model::file::save(&claimline::model::Project::default(), &project).unwrap();
    let out = export(
        project.to_str().unwrap(),
        "png",
        dir.path().join("x.png").to_str().unwrap(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not supported yet"));
}

#[test]
fn demo_writes_a_loadable_project_of_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo.claimline");
    let run = claimline(&["demo", "--entries", "500", "-o", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let p = claimline::model::file::load(&out).unwrap();
    assert_eq!(p.entries.len(), 500);
    assert!(p.entries.iter().all(|e| e.primary_time().is_some()));
    let again = claimline(&["demo", "--entries", "10", "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "refuses to overwrite");
    assert_eq!(
        claimline::model::file::load(&out).unwrap().entries.len(),
        500
    );
}
