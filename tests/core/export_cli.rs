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

/// The `data-entry` ids drawn as timeline items (entry groups inside lanes, not the undated
/// list), and the number of cluster badges, of an exported SVG.
fn drawn_items(svg: &str) -> (std::collections::BTreeSet<String>, usize) {
    let mut ids = std::collections::BTreeSet::new();
    for part in svg.split(r#"<g class="entry" data-entry=""#).skip(1) {
        ids.insert(part.split('"').next().unwrap().to_owned());
    }
    (ids, svg.matches("data-cluster-count=").count())
}

#[test]
fn the_seed_article_exports_every_entry_with_a_broken_axis() {
    // Issue #16: imported with its publication date, every entry is drawn (no badge),
    // and the 2023 → 2025 gap is a break on the axis.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("s.claimline");
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/orikhiv-desertions.txt"
    );
    let run = claimline(&[
        "import",
        article,
        "--published",
        "2025-08-21",
        "-o",
        s(&project),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let p = claimline::model::file::load(&project).unwrap();
    assert!(p.entries.len() >= 9, "the seed's gold has 9 entries");
    assert!(p.entries.iter().all(|e| e.primary_time().is_some()));
    let svg_path = dir.path().join("s.svg");
    let run = claimline(&["export", s(&project), "--format", "svg", "-o", s(&svg_path)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let (ids, badges) = drawn_items(&svg);
    let expected: std::collections::BTreeSet<String> =
        p.entries.iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids, expected, "one item per entry");
    assert_eq!(badges, 0);
    let breaks: Vec<f64> = svg
        .split(r#"class="axis-break" data-break-seconds=""#)
        .skip(1)
        .map(|p| p.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(!breaks.is_empty(), "no axis break");
    // The break lies between H1 2023 and August 2025: more than a year is skipped.
    assert!(breaks.iter().any(|&s| s > 365.0 * 86_400.0), "{breaks:?}");
    assert!(svg.contains("months</text>") || svg.contains("years</text>"));
    // Without breaks: the same items, no break.
    let flat = dir.path().join("flat.svg");
    let run = claimline(&[
        "export",
        s(&project),
        "--format",
        "svg",
        "--no-breaks",
        "-o",
        s(&flat),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let flat = std::fs::read_to_string(&flat).unwrap();
    assert_eq!(drawn_items(&flat), (expected, 0));
    assert!(!flat.contains("axis-break"));
}

#[test]
fn the_example_story_exports_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("story.claimline");
    let p = claimline::demo::story_project();
    claimline::model::file::save(&p, &project).unwrap();
    let svg_path = dir.path().join("story.svg");
    // The story's own weeks by default, saying how many entries lie beyond them.
    let run = claimline(&["export", s(&project), "--format", "svg", "-o", s(&svg_path)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("the story"), "the story's period");
    let run = claimline(&[
        "export",
        s(&project),
        "--format",
        "svg",
        "--all-dates",
        "--force",
        "-o",
        s(&svg_path),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(!svg.contains("the story"), "every date fits");
    let (ids, badges) = drawn_items(&svg);
    let dated: std::collections::BTreeSet<String> = p
        .entries
        .iter()
        .filter(|e| e.primary_time().is_some())
        .map(|e| e.id.to_string())
        .collect();
    assert!(!dated.is_empty());
    assert_eq!(ids, dated);
    assert_eq!(badges, 0);
}

#[test]
fn undated_entries_are_listed_under_the_image() {
    // The seed article imported without a date: the entries with no time are not drawn on
    // the axis but listed, with a count, never silently left out.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("u.claimline");
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/orikhiv-desertions.txt"
    );
    let run = claimline(&["import", article, "-o", s(&project)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let p = claimline::model::file::load(&project).unwrap();
    let undated = p
        .entries
        .iter()
        .filter(|e| e.primary_time().is_none())
        .count();
    assert!(undated > 0, "the seed without a date has undated entries");
    // The import says so, and offers what could date it.
    let said = stderr(&run);
    assert!(
        said.contains(&format!(
            "no publication date: {undated} of its {} entries have no date",
            p.entries.len()
        )),
        "{said}"
    );
    assert!(said.contains("--published"), "{said}");
    assert!(
        said.contains("the latest date in the text is 2025-08-20"),
        "{said}"
    );
    assert!(said.contains("the file was last modified on"), "{said}");
    let svg_path = dir.path().join("u.svg");
    let run = claimline(&["export", s(&project), "--format", "svg", "-o", s(&svg_path)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(
        svg.contains(&format!("{undated} entries without a date")),
        "heading"
    );
    assert_eq!(svg.matches(r#"class="entry undated""#).count(), undated);
    let (ids, _) = drawn_items(&svg);
    assert_eq!(ids.len() + undated, p.entries.len());
}

#[test]
fn exports_filter_and_colour_by_stance() {
    // Issue #15: each statement keeps its cue's stance; exports can select and colour by it.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("st.claimline");
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/orikhiv-desertions.txt"
    );
    let run = claimline(&[
        "import",
        article,
        "--published",
        "2025-08-21",
        "-o",
        s(&project),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let p = claimline::model::file::load(&project).unwrap();
    let said: std::collections::BTreeSet<String> = p
        .entries
        .iter()
        .filter(|e| e.stance() == Some(claimline::model::Stance::Said))
        .map(|e| e.id.to_string())
        .collect();
    assert!(!said.is_empty());
    assert!(said.len() < p.entries.len(), "events are left out");
    let svg_path = dir.path().join("said.svg");
    let run = claimline(&[
        "export",
        s(&project),
        "--format",
        "svg",
        "--stance",
        "said",
        "--color-by",
        "stance",
        "-o",
        s(&svg_path),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert_eq!(drawn_items(&svg), (said, 0));
    // The legend names the one stance drawn, in its colour, and no other stance.
    let blue = claimline::timeline::stance_color(claimline::model::Stance::Said);
    let hex = format!("#{:02x}{:02x}{:02x}", blue.0[0], blue.0[1], blue.0[2]);
    assert!(svg.to_lowercase().contains(&hex), "said is drawn in {hex}");
    assert!(svg.contains(">said</text>"));
    assert!(!svg.contains(">believes</text>"));
    // An unknown stance is refused with the list of known ones.
    let run = claimline(&[
        "export",
        s(&project),
        "--format",
        "json",
        "--stance",
        "shouted",
        "-o",
        s(&dir.path().join("x.json")),
    ]);
    assert!(!run.status.success());
    let said = stderr(&run);
    assert!(
        said.contains("unknown stance") && said.contains("believes"),
        "{said}"
    );
}
