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

/// `--ranges split` (the default) writes each end of a range as its own expression, as TimeML
/// does; `--ranges joined` writes one with a range value, as the app shows it.
#[test]
fn extract_ranges_split_or_joined() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("ranges.txt");
    std::fs::write(
        &article,
        "Budget talks\n\nThe 2014-2015 budget was cut. Officials met on 20 August 2025.\n",
    )
    .unwrap();
    let run = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec![
            "extract",
            article.to_str().unwrap(),
            "--published",
            "2025-08-21",
        ];
        args.extend_from_slice(extra);
        let out = claimline(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
        json["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["text"].as_str().unwrap().to_owned(),
                    t["value"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pair = |t: &str, v: &str| (t.to_owned(), v.to_owned());
    let split = vec![
        pair("2014", "2014"),
        pair("2015", "2015"),
        pair("20 August 2025", "2025-08-20"),
    ];
    assert_eq!(run(&[]), split, "split is the default");
    assert_eq!(run(&["--ranges", "split"]), split);
    assert_eq!(
        run(&["--ranges", "joined"]),
        vec![
            pair("2014-2015", "2014/2015"),
            pair("20 August 2025", "2025-08-20")
        ]
    );
    let bad = claimline(&["extract", article.to_str().unwrap(), "--ranges", "both"]);
    assert!(!bad.status.success());
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
fn import_fetches_urls_and_reports_unreachable_ones() {
    // A one-shot server on 127.0.0.1 that serves one page, then stops.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        use std::io::{Read as _, Write as _};
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf);
        let body = "<html><head><title>Local page</title></head><body><article>\
            <p>The council met on Monday and approved the plan.</p></article></body></html>";
        let _ = write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        );
    });
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimline");
    let out = claimline(&[
        "import",
        &format!("{base}/story"),
        "--url",
        &format!("http://127.0.0.1:{closed_port}/gone"),
        "-o",
        project.to_str().unwrap(),
    ]);
    server.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("/gone"), "{}", stderr(&out));
    let p = claimline::model::file::load(&project).unwrap();
    assert_eq!(p.sources.len(), 1);
    assert_eq!(p.sources[0].title, "Local page");
    assert_eq!(p.sources[0].format, claimline::model::SourceFormat::Url);
    assert_eq!(
        p.sources[0].url.as_deref(),
        Some(format!("{base}/story").as_str())
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
    // A binary file renamed .txt: refused with a reason, the seed still imported.
    let bad = dir.path().join("bad.txt");
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    bytes.extend((0..4096u32).map(|i| (i % 7) as u8));
    std::fs::write(&bad, &bytes).unwrap();
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
    assert!(
        stderr(&out).contains("bad.txt") && stderr(&out).contains("binary"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        claimline::model::file::load(&project)
            .unwrap()
            .sources
            .len(),
        1
    );
}

#[test]
fn import_decodes_latin1_text() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("cafe.txt");
    std::fs::write(
        &latin1,
        b"Le caf\xe9 du port\r\n\r\nLe ma\xeetre a d\xe9clar\xe9 que la f\xeate aurait lieu \xe0 No\xebl.\r\n",
    )
    .unwrap();
    let project = dir.path().join("p.claimline");
    let out = claimline(&[
        "import",
        latin1.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let source = &claimline::model::file::load(&project).unwrap().sources[0];
    assert_eq!(source.title, "Le café du port");
    assert_eq!(
        source.text,
        "Le café du port\n\nLe maître a déclaré que la fête aurait lieu à Noël.\n"
    );
    assert_eq!(source.language.as_deref(), Some("fr"));
}

#[test]
fn a_page_saved_again_with_the_same_canonical_url_is_a_version_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/wordpress-jsonld.html");
    let page = std::fs::read_to_string(&fixture).unwrap();
    // The same article saved again later: other comments, so other text, same canonical URL.
    let resaved = dir.path().join("resaved.html");
    std::fs::write(
        &resaved,
        page.replace(
            "He added that this pointed",
            "Update: the ministry declined to comment. He added that this pointed",
        ),
    )
    .unwrap();
    let project = dir.path().join("p.claimline");
    let out = claimline(&[
        "import",
        fixture.to_str().unwrap(),
        resaved.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("same URL"), "{}", stderr(&out));
    // An update of the story: kept, as a version of the first copy.
    let p = claimline::model::file::load(&project).unwrap();
    assert_eq!(p.sources.len(), 2);
    assert_eq!(p.sources[0].published_from.as_deref(), Some("json-ld"));
    assert_eq!(p.sources[1].version_of, Some(p.sources[0].id));
    assert!(
        p.sources[1]
            .text
            .contains("Update: the ministry declined to comment")
    );
}

#[test]
fn unknown_export_format_exits_2_and_an_empty_project_still_draws() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.claimline");
    claimline::model::file::save(&claimline::model::Project::default(), &project).unwrap();
    let out = export(
        project.to_str().unwrap(),
        "docx",
        dir.path().join("x.docx").to_str().unwrap(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("docx"), "{}", stderr(&out));
    let png = dir.path().join("x.png");
    let out = export(project.to_str().unwrap(), "png", png.to_str().unwrap());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
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

#[test]
fn claims_suggests_and_applies_same_claim_groups() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("story.claimline");
    let story = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/story");
    for (file, published) in [
        ("1-meridian-evacuation.txt", "2026-03-03"),
        ("2-courier-follow-up.txt", "2026-03-05"),
        ("3-meridian-correction.txt", "2026-03-06"),
    ] {
        let out = claimline(&[
            "import",
            story.join(file).to_str().unwrap(),
            "--published",
            published,
            "-o",
            project.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let listed = claimline(&["claims", project.to_str().unwrap()]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let text = stdout(&listed);
    assert!(text.contains("same number 1,200"), "{text}");
    assert!(text.contains("because:"), "{text}");
    assert!(
        text.contains("[correction]"),
        "the correction joins its claim: {text}"
    );
    let suggestions = text.lines().filter(|l| l.contains("(score ")).count();
    assert!(suggestions >= 2, "{text}");
    // Listing alone leaves the project as it was.
    let before = std::fs::read_to_string(&project).unwrap();
    assert!(!before.contains("\"claims\""));

    let applied = dir.path().join("applied.claimline");
    let out = claimline(&[
        "claims",
        project.to_str().unwrap(),
        "--apply",
        "-o",
        applied.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&applied).unwrap()).unwrap();
    let claims = json["claims"].as_array().expect("claims written");
    assert_eq!(claims.len(), suggestions);
    assert!(
        claims
            .iter()
            .all(|c| c["entries"].as_array().unwrap().len() >= 2)
    );
    // Applied suggestions are not suggested again.
    let again = claimline(&["claims", applied.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("no same-claim suggestions"),
        "{}",
        stdout(&again)
    );

    let bad = claimline(&[
        "claims",
        dir.path().join("missing.claimline").to_str().unwrap(),
    ]);
    assert!(!bad.status.success());
    assert!(!stderr(&bad).is_empty());
}

#[test]
fn the_same_story_as_pdf_feed_and_mail_is_one_story_in_three_versions() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.claimline");
    let files: Vec<String> = ["two-column.pdf", "world-news.rss", "story-grain-talks.eml"]
        .iter()
        .map(|f| fixtures.join(f).display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", out.to_str().unwrap()]);
    let run = claimline(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    let p = claimline::model::file::load(&out).unwrap();
    let pdf = &p.sources[0];
    assert_eq!(pdf.format, claimline::model::SourceFormat::Pdf);
    assert_eq!(pdf.version_of, None, "the first copy leads the story");
    let versions: Vec<&claimline::model::Source> = p
        .sources
        .iter()
        .filter(|s| s.version_of == Some(pdf.id))
        .collect();
    let formats: Vec<_> = versions.iter().map(|s| s.format).collect();
    assert_eq!(
        formats,
        [
            claimline::model::SourceFormat::Feed,
            claimline::model::SourceFormat::Email
        ],
        "the feed item and the e-mail are versions of the PDF"
    );
    assert!(
        versions
            .iter()
            .all(|s| s.title == "Grain corridor talks resume in Istanbul")
    );
    // The feed's other items are other stories.
    assert_eq!(p.sources.len(), 5);
    assert_eq!(
        p.sources.iter().filter(|s| s.version_of.is_none()).count(),
        3
    );
    assert!(
        stderr(&run).contains("is a version of source"),
        "{}",
        stderr(&run)
    );

    // Importing the e-mail again is a duplicate, not a fourth version.
    let again = claimline(&["import", &files[2], "-o", out.to_str().unwrap()]);
    assert!(stderr(&again).contains("skipped"), "{}", stderr(&again));
    assert_eq!(claimline::model::file::load(&out).unwrap().sources.len(), 5);
}

/// `extract --jsonl` over a folder with an unreadable file in the middle: one line per file,
/// in path order, the bad one an error line, the rest extracted; the same with any --jobs.
#[test]
fn extract_jsonl_streams_a_folder_in_order_past_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/digest-dev");
    std::fs::copy(fixtures.join("2024-05-06/1.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\x00\x01\x02binary\x00\x00\x00").unwrap();
    std::fs::copy(fixtures.join("2024-05-14/1.txt"), dir.path().join("c.txt")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let one = claimline(&["extract", folder, "--jsonl", "--jobs", "1"]);
    // The batch goes on, and says at the end that a file failed.
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    assert!(
        stderr(&one).contains("1 of 3 file(s) could not be read"),
        "{}",
        stderr(&one)
    );
    let lines: Vec<serde_json::Value> = stdout(&one)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 3);
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.txt") && paths[2].ends_with("c.txt")
    );
    assert!(
        lines[1]["error"].as_str().unwrap().contains("binary"),
        "{}",
        lines[1]
    );
    for good in [&lines[0], &lines[2]] {
        assert!(good.get("error").is_none());
        for key in ["source", "timexes", "statements", "events"] {
            assert!(good.get(key).is_some(), "missing {key} in {good}");
        }
    }
    assert_eq!(
        lines[2]["source"]["title"],
        "Port Aldine dockers accept deal"
    );
    // Several workers give the same lines in the same order.
    let two = claimline(&["extract", folder, "--jsonl", "--jobs", "2"]);
    assert_eq!(stdout(&one), stdout(&two));
    // Without --jsonl, one article only.
    let a = dir.path().join("a.txt");
    let c = dir.path().join("c.txt");
    let several = claimline(&["extract", a.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(several.status.code(), Some(2));
    assert!(stderr(&several).contains("--jsonl"), "{}", stderr(&several));
}
