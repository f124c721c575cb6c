//! Plain text and Markdown: publication dates from the file's path, datelines, date lines and
//! bylines in the first lines, and datelines kept out of statements.
//!
//! Fixtures live in `tests/fixtures/text-dates/`, in folders named like the dates they test.

use std::path::{Path, PathBuf};

use claimline::extract;
use claimline::ingest::{Document, read_bytes, read_path};
use claimline::model::{Source, SourceId};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/text-dates")
        .join(name)
}

fn read(name: &str) -> Document {
    let mut docs = read_path(&fixture(name)).expect("the fixture reads");
    assert_eq!(docs.len(), 1, "one document expected");
    docs.remove(0)
}

fn text(content: &str) -> Document {
    read_bytes(content.as_bytes(), "article.txt")
        .expect("text reads")
        .remove(0)
}

/// (published, published_from), empty strings for none.
fn published(doc: &Document) -> (String, String) {
    (
        doc.published
            .as_ref()
            .map(|p| p.value.to_string())
            .unwrap_or_default(),
        doc.published_from.clone().unwrap_or_default(),
    )
}

fn dated(day: &str, from: &str) -> (String, String) {
    (day.to_owned(), from.to_owned())
}

// ---- dates from the path -------------------------------------------------------------------

#[test]
fn a_dated_folder_dates_an_undated_article() {
    let doc = read("2009-04-25/rig-fire.txt");
    assert_eq!(published(&doc), dated("2009-04-25", "path"));
    assert_eq!(doc.title, "Rig fire out");
}

#[test]
fn three_nested_folders_date_an_article() {
    let doc = read("archive/2009/04/26/vote.txt");
    assert_eq!(published(&doc), dated("2009-04-26", "path"));
}

#[test]
fn dated_file_names() {
    assert_eq!(
        published(&read("2009-04-27-council-vote.txt")),
        dated("2009-04-27", "path")
    );
    assert_eq!(
        published(&read("20090429.txt")),
        dated("2009-04-29", "path")
    );
    let md = read("2009_04_28_harbour.md");
    assert_eq!(published(&md), dated("2009-04-28", "path"));
    assert_eq!(md.title, "Harbour reopens");
}

#[test]
fn numbers_in_paths_that_are_not_dates() {
    for name in ["123456789.txt", "2009-13-45/notes.txt", "v2.0.1/notes.txt"] {
        assert_eq!(published(&read(name)), dated("", ""), "{name}");
    }
}

// ---- the text's own date against the path's ------------------------------------------------

#[test]
fn a_dateline_with_a_year_wins_over_the_path() {
    let doc = read("2009-04-25/dated-dateline.txt");
    assert_eq!(published(&doc), dated("2026-04-14", "dateline"));
    assert_eq!(doc.outlet, None);
}

#[test]
fn a_dateline_without_a_year_takes_the_year_nearest_the_path_date() {
    // "Dec 31" in a folder of 2 January 2010 is New Year's Eve 2009.
    let doc = read("2010-01-02/yearless-dateline.txt");
    assert_eq!(published(&doc), dated("2009-12-31", "dateline"));
    assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
    // Without the path there is no year to give it: the outlet only.
    let alone =
        text(&std::fs::read_to_string(fixture("2010-01-02/yearless-dateline.txt")).unwrap());
    assert_eq!(published(&alone), dated("", ""));
    assert_eq!(alone.outlet.as_deref(), Some("Northwire"));
}

#[test]
fn the_path_outranks_a_last_updated_stamp() {
    // Updated in the early hours of the next day: the folder has the publication day.
    let doc = read("2011-01-05/last-updated.txt");
    assert_eq!(published(&doc), dated("2011-01-05", "path"));
    assert_eq!(
        doc.modified
            .as_ref()
            .map(|m| m.value.to_string())
            .as_deref(),
        Some("2011-01-06T04:46")
    );
    let alone = text("6 January 2011 Last updated at 04:46 GMT\n\nA bodyguard testified.\n");
    assert_eq!(published(&alone), dated("2011-01-06", "last-updated"));
}

#[test]
fn dates_in_the_first_sentences_do_not_override_the_path() {
    // A historical date in the lede, and another story's dateline after two lines of prose.
    let doc = read("2010-05-14/first-sentence-date.txt");
    assert_eq!(published(&doc), dated("2010-05-14", "path"));
    assert_eq!(doc.outlet, None);
}

// ---- datelines, date lines and bylines in the text -----------------------------------------

#[test]
fn datelines_with_a_day_month_year_or_month_day_year() {
    let doc = text("VALMORA, 14 April 2026 – The council said it would vote.\n");
    assert_eq!(published(&doc), dated("2026-04-14", "dateline"));
    let doc = text("VALMORA, April 16, 2026 — The mayor said the port would reopen.\n");
    assert_eq!(published(&doc), dated("2026-04-16", "dateline"));
}

#[test]
fn a_dateline_with_an_outlet() {
    let doc = text("VALMORA (Northwire) - The council said it would close the port.\n");
    assert_eq!(published(&doc), dated("", ""));
    assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
    let doc = text("VALMORA, April 16, 2026 (Northwire) - The port reopened.\n");
    assert_eq!(published(&doc), dated("2026-04-16", "dateline"));
    assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
}

#[test]
fn date_lines() {
    for (line, day) in [
        ("Saturday, 25 April 2009", "2009-04-25"),
        ("Tuesday 5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
    ] {
        let doc = text(&format!("Harbour reopens\n{line}\n\nThe port reopened.\n"));
        assert_eq!(published(&doc), dated(day, "date-line"), "{line}");
        assert_eq!(doc.title, "Harbour reopens");
    }
    // A wire page's date stamp with its time, running on into the dateline and story.
    let doc = text(
        "HOUSTON | Thu May 6, 2010 4:07 pm EDT HOUSTON (Northwire) - Phone lines rang all night.\n",
    );
    assert_eq!(published(&doc), dated("2010-05-06T16:07", "date-line"));
    assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
}

#[test]
fn bylines() {
    let doc = text("Harbour reopens\nBy Ann Lee, Northwire\n\nThe port reopened.\n");
    assert_eq!(doc.authors, ["Ann Lee"]);
    assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
    assert_eq!(doc.title, "Harbour reopens");
    let doc = text("By Ann Lee and Bo Chan\nHarbour reopens\n\nThe port reopened.\n");
    assert_eq!(doc.authors, ["Ann Lee", "Bo Chan"]);
    assert_eq!(doc.outlet, None);
    assert_eq!(doc.title, "Harbour reopens");
}

// ---- datelines are never speakers ----------------------------------------------------------

#[test]
fn datelines_are_neither_speakers_nor_content() {
    let article = "VALMORA, March 4 (Northwire) - Officials said the harbour would stay shut.\n\n\
        SATURDAY, April 25 (Northwire) - Police said the road was closed.\n\n\
        NEW ORLEANS -- Rescuers said they had found two survivors.\n\n\
        HOUSTON | Thu May 6, 2010 4:07 pm EDT HOUSTON (Northwire) - Phone lines were busy, officials said.\n";
    let source = Source::from_text(SourceId(1), "", article.to_owned());
    let ex = extract::extract(&source, &extract::Options::default());
    let said: Vec<(String, String)> = ex
        .statements
        .iter()
        .filter(|s| s.cue == "said")
        .map(|s| (s.speaker.clone(), s.content.clone()))
        .collect();
    assert_eq!(
        said,
        [
            ("Officials".into(), "the harbour would stay shut".into()),
            ("Police".into(), "the road was closed".into()),
            ("Rescuers".into(), "they had found two survivors".into()),
            ("officials".into(), "Phone lines were busy".into()),
        ]
    );
}
