//! HTML import on realistic saved pages (tests/fixtures/ingest): main-content quality scored
//! against the true article bodies, metadata, and bad input.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimline::ingest::{self, Document, IngestError, eval};

/// Every page's word F1 must reach this; the numbers are in docs/EXTRACTION.md.
const MIN_F1_PER_PAGE: f64 = 0.90;
const MIN_F1_OVERALL: f64 = 0.95;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

fn read(name: &str) -> Document {
    let mut docs = ingest::read_path(&fixtures().join(name)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn published(doc: &Document) -> (String, &str) {
    (
        doc.published.as_ref().expect("a date").value.to_string(),
        doc.published_from.as_deref().unwrap_or(""),
    )
}

#[test]
fn main_content_matches_the_true_bodies() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 4, "fixtures missing");
    let mut total = eval::WordScore::default();
    for page in &pages {
        let doc = ingest::read_path(page).unwrap().remove(0);
        let gold = std::fs::read_to_string(page.with_extension("body.txt")).unwrap();
        let s = eval::score(&doc.text, &gold);
        println!(
            "{:<28} P {:.3} R {:.3} F1 {:.3}",
            page.file_name().unwrap().to_string_lossy(),
            s.precision(),
            s.recall(),
            s.f1()
        );
        assert!(
            s.f1() >= MIN_F1_PER_PAGE,
            "{}: F1 {:.3}\n--- extracted ---\n{}",
            page.display(),
            s.f1(),
            doc.text
        );
        // Paragraph structure survives: as many paragraphs as the true body, give or take.
        let paras = doc.text.split("\n\n").count() as i64;
        let gold_paras = gold.trim().split("\n\n").count() as i64;
        assert!(
            (paras - gold_paras).abs() <= 2,
            "{}: {paras} paragraphs",
            page.display()
        );
        total.add(s);
    }
    println!(
        "overall P {:.3} R {:.3} F1 {:.3}",
        total.precision(),
        total.recall(),
        total.f1()
    );
    assert!(total.f1() >= MIN_F1_OVERALL, "overall F1 {:.3}", total.f1());
}

#[test]
fn json_ld_in_a_graph_wins_and_the_tweet_is_one_quoted_paragraph() {
    let doc = read("wordpress-jsonld.html");
    assert_eq!(published(&doc), ("2025-08-21T09:15".into(), "json-ld"));
    assert_eq!(
        doc.title,
        "Russian troops near Orikhiv face mass desertions, Ukraine says"
    );
    assert_eq!(doc.outlet.as_deref(), Some("The Daily Digest"));
    assert_eq!(doc.authors, ["Priya Raman"]);
    assert_eq!(
        doc.url.as_deref(),
        Some("https://dailydigest.example/news/russian-troops-orikhiv-desertions/")
    );
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert!(doc.modified.is_some());
    let tweet = "The forest strip of humiliation. Thousands of starving and diseased Russians \
        remain trapped, completely surrounded by Ukrainian forces. Earlier today, 20 Muscovite \
        soldiers defected from their positions and offered to surrender in exchange for \
        drinking water and clothing. pic.twitter.com/TenSk24AIp — Astraia Intel (@astraiaintel) \
        August 20, 2025";
    assert!(
        doc.text.split("\n\n").any(|p| p == tweet),
        "tweet paragraph missing:\n{}",
        doc.text
    );
    for boilerplate in [
        "Leave a Reply",
        "Mark T.",
        "Recent Posts",
        "Share this",
        "Related",
    ] {
        assert!(!doc.text.contains(boilerplate), "{boilerplate:?} kept");
    }
}

#[test]
fn opengraph_date_when_there_is_no_json_ld() {
    let doc = read("magazine-opengraph.html");
    assert_eq!(published(&doc), ("2025-03-14T06:00".into(), "opengraph"));
    assert_eq!(doc.outlet.as_deref(), Some("The Continental Review"));
    assert_eq!(
        doc.url.as_deref(),
        Some("https://continentalreview.example/defence/europe-ammunition-factories")
    );
    assert!(doc.text.contains("\n\nWho pays\n\n"), "heading kept");
    assert!(!doc.text.contains("free articles"), "paywall promo dropped");
    assert!(!doc.text.contains("Most read"));
}

#[test]
fn dateline_gives_the_date_when_nothing_else_does() {
    let doc = read("wire-dateline.html");
    // "KYIV, Aug 21 (Global Wire) —" has no year; the page's "© 2025" supplies it.
    assert_eq!(published(&doc), ("2025-08-21".into(), "dateline"));
    assert_eq!(doc.authors, ["Olena Harmash", "Tom Balmforth"]);
    assert_eq!(doc.outlet.as_deref(), Some("Global Wire"));
    assert!(
        doc.text
            .starts_with("KYIV, Aug 21 (Global Wire) — Ukraine said")
    );
    for boilerplate in [
        "cookies",
        "Advertisement",
        "Read Next",
        "Sign up",
        "A cargo ship waits",
    ] {
        assert!(!doc.text.contains(boilerplate), "{boilerplate:?} kept");
    }
}

#[test]
fn legacy_charsets_are_decoded() {
    let ua = read("regional-cp1251.html");
    assert_eq!(published(&ua), ("2025-08-19T18:45".into(), "time-element"));
    assert_eq!(ua.language.as_deref(), Some("uk"), "detected from the text");
    assert!(ua.text.contains("«Водоканал»"), "{}", ua.text);
    // "<h1> — Outlet" in <title>: the headline is the title, the suffix the outlet.
    assert_eq!(
        ua.title,
        "У Запоріжжі відновили подачу води після ремонту магістралі"
    );
    assert_eq!(ua.outlet.as_deref(), Some("Новини Півдня"));

    let ie = read("legacy-latin1.html");
    assert_eq!(published(&ie), ("2024-11-05".into(), "meta"));
    assert_eq!(ie.authors, ["James O’Connell"]);
    assert_eq!(ie.title, "Harbour council approves ferry timetable cut");
    assert_eq!(ie.outlet.as_deref(), Some("The Westport Herald"));
    assert!(ie.text.starts_with("WESTPORT — "), "byline dropped");
    assert!(ie.text.contains("Councillor Máire Ní Fhlaithearta"));
    assert!(ie.text.contains("“stranded for half a day”"));
    assert!(!ie.text.contains("Burke’s Pharmacy"), "ad table dropped");
}

#[test]
fn dublin_core_meta_date_on_the_held_out_page() {
    let doc = read("heldout-drupal.html");
    assert_eq!(published(&doc), ("2025-06-03T07:30".into(), "meta"));
    assert_eq!(
        doc.title,
        "City to close Riverside bridge for six months of repairs"
    );
    assert_eq!(doc.outlet.as_deref(), Some("Northbridge Courier"));
    assert!(!doc.text.contains("READ MORE"));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn bad_html_gives_clear_errors_fast() {
    let dir = tempfile::tempdir().unwrap();

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 31 % 256) as u8));
    let err = ingest::read_path(&write(dir.path(), "photo.html", &png)).unwrap_err();
    assert!(
        matches!(err, IngestError::Invalid { .. }) && err.to_string().contains("binary"),
        "{err}"
    );
    assert!(err.to_string().contains("photo.html"));

    let started = Instant::now();
    let deep = format!(
        "<!doctype html><html><body>{}<p>deep</p></body></html>",
        "<div>".repeat(100_000)
    );
    let err = ingest::read_path(&write(dir.path(), "deep.html", deep.as_bytes())).unwrap_err();
    assert!(err.to_string().contains("nested"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // Inside a mail or feed item the words survive, without structure.
    assert!(ingest::html_fragment_text(&deep).ends_with("deep"));

    // Invalid UTF-8 under a UTF-8 label: replacement characters, the rest intact.
    let bad_utf8 = b"<html><head><meta charset=utf-8><title>T</title></head><body>\
        <p>Valid words, then \xff\xfe junk, then more valid words.</p></body></html>";
    let doc = ingest::read_bytes(bad_utf8, "bad.html").unwrap().remove(0);
    assert!(doc.text.contains("Valid words, then"));
    assert!(doc.text.contains("more valid words."));

    // A page cut off mid-tag still yields its text.
    let truncated = b"<!DOCTYPE html><html><head><title>Cut</title></head><body><article>\
        <p>The first paragraph survived the truncation intact.</p><p>The second was cu";
    let doc = ingest::read_bytes(truncated, "cut.html").unwrap().remove(0);
    assert!(doc.text.starts_with("The first paragraph survived"));

    let empty = b"<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>";
    let err = ingest::read_bytes(empty, "empty.html").unwrap_err();
    assert!(err.to_string().contains("no article text"), "{err}");
}

#[test]
fn content_is_sniffed_before_the_extension() {
    let page = std::fs::read(fixtures().join("magazine-opengraph.html")).unwrap();
    let as_txt = ingest::read_bytes(&page, "saved.txt").unwrap().remove(0);
    assert_eq!(as_txt.format, claimline::model::SourceFormat::Html);
    let text = ingest::read_bytes(b"Plain words in a file.", "notes.html");
    // An .html name with no markup is still an HTML document (of one paragraph).
    assert_eq!(text.unwrap()[0].text, "Plain words in a file.");
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(1 << 30).unwrap(); // sparse: no disk used
    drop(f);
    let started = Instant::now();
    let err = ingest::read_path(&path).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("too large"));
    assert!(started.elapsed() < Duration::from_millis(200));
}
