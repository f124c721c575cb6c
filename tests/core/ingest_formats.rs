//! PDF, DOCX, feed and mail import: extracted text and metadata on realistic fixtures.
//!
//! Fixtures live in `tests/fixtures/ingest/`; the two-column PDF is written by
//! `make_two_column_pdf.py` there, the DOCX is built here with the `zip` crate.

use std::io::Write;
use std::path::{Path, PathBuf};

use claimline::ingest::{Document, read_bytes, read_path};
use claimline::model::SourceFormat;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn only(mut docs: Vec<Document>) -> Document {
    assert_eq!(docs.len(), 1, "one document expected");
    docs.remove(0)
}

fn published(doc: &Document) -> (String, String) {
    (
        doc.published
            .as_ref()
            .map(|p| p.value.to_string())
            .unwrap_or_default(),
        doc.published_from.clone().unwrap_or_default(),
    )
}

/// Byte offset of `needle` in `text`, with a readable failure.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} missing from:\n{text}"))
}

// ---- PDF -----------------------------------------------------------------------------------

fn two_column_pdf() -> Document {
    only(read_path(&fixture("two-column.pdf")).expect("the fixture PDF reads"))
}

#[test]
fn pdf_columns_read_left_before_right() {
    let doc = two_column_pdf();
    let t = &doc.text;
    // Page 1: left column, then right column; page 2 likewise. The content stream writes
    // the two columns' lines interleaved, so only geometry gives this order.
    let order = [
        "fell by half.",
        "its ships would not be stopped at sea.",
        "withdrew from the arrangement.",
        "Izmail on 16 August.",
        "Turkish officials declined to comment",
        "an analyst in London.",
        "The next round of talks is scheduled",
    ];
    let positions: Vec<usize> = order.iter().map(|s| at(t, s)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "reading order wrong: {positions:?}\n{t}"
    );
    // The sentence running from the foot of the left column to the top of the right one.
    at(
        t,
        "if the Secretary-General of the United Nations agreed to host a signing ceremony.",
    );
}

#[test]
fn pdf_hyphens_and_line_breaks() {
    let t = two_column_pdf().text;
    at(
        t.as_str(),
        "a delegation from Kyiv said the government would propose",
    );
    at(t.as_str(), "The talks follow a well-known pattern");
    // A line-end hyphen whose compound the text spells with a hyphen elsewhere stays.
    at(
        t.as_str(),
        "It repeated a well-known demand for a ceasefire at sea.",
    );
    assert!(!t.contains("govern-"), "{t}");
    assert!(!t.contains("wellknown"), "{t}");
    // Lines inside a paragraph are joined with spaces.
    at(
        t.as_str(),
        "Negotiators from Ukraine and Turkey met on Wednesday to revive the Black Sea grain \
         corridor, two officials said,",
    );
    at(t.as_str(), "a statement from Kyiv’s foreign ministry");
}

#[test]
fn pdf_paragraphs_and_dropped_running_heads() {
    let t = two_column_pdf().text;
    for gone in [
        "THE MERIDIAN REVIEW",
        "Thursday, 21 August 2025",
        "Page 1",
        "Page 2",
    ] {
        assert!(!t.contains(gone), "{gone:?} should be dropped:\n{t}");
    }
    assert!(!t.contains("meridianreview.example"), "{t}");
    let paragraphs: Vec<&str> = t.split("\n\n").collect();
    let starts = [
        "Grain corridor talks resume in Istanbul",
        "By Anna Kovalenko and Mark Ellis",
        "ISTANBUL — Negotiators",
        "The talks follow",
        "\"We are closer",
        "Shipping data compiled",
        "Turkish officials",
        "Analysts were cautious.",
        "The next round",
    ];
    assert_eq!(paragraphs.len(), starts.len(), "{paragraphs:#?}");
    for (p, start) in paragraphs.iter().zip(starts) {
        assert!(p.starts_with(start), "{p:?} should start with {start:?}");
        assert!(
            !p.contains('\n'),
            "no line breaks inside a paragraph: {p:?}"
        );
    }
}

#[test]
fn pdf_metadata_from_the_info_dictionary() {
    let doc = two_column_pdf();
    assert_eq!(doc.format, SourceFormat::Pdf);
    // The info dictionary's "Title – Outlet" is split (issue #19).
    assert_eq!(doc.title, "Grain corridor talks resume in Istanbul");
    assert_eq!(doc.outlet.as_deref(), Some("The Meridian Review"));
    assert_eq!(doc.authors, ["Anna Kovalenko", "Mark Ellis"]);
    assert_eq!(
        published(&doc),
        ("2025-08-21T09:30".into(), "pdf-info".into())
    );
}

#[test]
fn pdf_is_sniffed_by_content_not_name() {
    let bytes = std::fs::read(fixture("two-column.pdf")).unwrap();
    let doc = only(read_bytes(&bytes, "download.bin").unwrap());
    assert_eq!(doc.format, SourceFormat::Pdf);
}

/// Word-bigram recall and precision of `text` against `gold`: order-sensitive, so columns read
/// in the wrong order or words split by a hyphen both cost.
fn bigram_scores(text: &str, gold: &str) -> (f64, f64) {
    let bigrams = |t: &str| {
        let words: Vec<String> = t
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut counts = std::collections::HashMap::new();
        for pair in words.windows(2) {
            *counts
                .entry((pair[0].clone(), pair[1].clone()))
                .or_insert(0usize) += 1;
        }
        counts
    };
    let (got, want) = (bigrams(text), bigrams(gold));
    let common: usize = want
        .iter()
        .map(|(k, n)| (*n).min(got.get(k).copied().unwrap_or(0)))
        .sum();
    let total = |m: &std::collections::HashMap<_, usize>| m.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(&want), common as f64 / total(&got))
}

#[test]
fn pdf_text_scored_against_the_gold_reading() {
    let gold = std::fs::read_to_string(fixture("two-column.gold.txt")).unwrap();
    let gold = gold.trim_end();
    let ours = two_column_pdf().text;
    let (recall, precision) = bigram_scores(&ours, gold);
    // The plain-text output of pdf-extract itself, for comparison: stream order, no
    // de-hyphenation, running heads kept.
    let bytes = std::fs::read(fixture("two-column.pdf")).unwrap();
    let naive = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    let (naive_recall, naive_precision) = bigram_scores(&naive, gold);
    println!(
        "two-column PDF, word-bigram recall / precision: ours {recall:.3} / {precision:.3}, \
         pdf-extract plain text {naive_recall:.3} / {naive_precision:.3}"
    );
    assert_eq!(ours, gold, "the reading matches the gold text exactly");
    assert!(
        naive_recall < recall,
        "the fixture is hard for a naive reading"
    );
}

// ---- DOCX ----------------------------------------------------------------------------------

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A Word document as Word writes it: runs split mid-word, a heading style, tab stops in the
/// paragraph properties, a hyperlink, a line break, a table, and a header part.
const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Grain corridor talks resume</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="4320"/></w:tabs></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">ISTANBUL </w:t></w:r><w:r><w:t>— Negotiators from Ukraine and Turkey met on Wednesday to revive the Black Sea grain corridor, the gov</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>ernment said.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">“We are closer than we were in July,” said Deputy Minister Olena Hryhorenko. Details: </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:t>meridian.example/grain</w:t></w:r></w:hyperlink></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Shipping &amp; insurance</w:t></w:r></w:p>
<w:p><w:r><w:t>Vessels per month:</w:t></w:r><w:r><w:br/><w:t>July</w:t><w:tab/><w:t>112</w:t></w:r></w:p>
<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>Month</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Vessels</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>June 2025</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>230</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/>
<w:p><w:r><w:t>The next round of talks is scheduled for 4 September in Ankara.</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"#;

const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Grain talks: Istanbul round</dc:title><dc:creator>Anna Kovalenko; Mark Ellis</dc:creator><cp:lastModifiedBy>Desk</cp:lastModifiedBy><dc:language>en-GB</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">2025-08-21T06:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-08-22T08:00:00Z</dcterms:modified>
</cp:coreProperties>"#;

fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn news_docx() -> Vec<u8> {
    docx(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", DOCUMENT),
        (
            "word/header1.xml",
            r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>THE MERIDIAN REVIEW</w:t></w:r></w:p></w:hdr>"#,
        ),
        ("docProps/core.xml", CORE),
    ])
}

#[test]
fn docx_paragraphs_headings_and_tables() {
    let doc = only(read_bytes(&news_docx(), "grain.docx").unwrap());
    assert_eq!(doc.format, SourceFormat::Docx);
    let paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        [
            "Grain corridor talks resume",
            "ISTANBUL — Negotiators from Ukraine and Turkey met on Wednesday to revive the \
             Black Sea grain corridor, the government said.",
            "“We are closer than we were in July,” said Deputy Minister Olena Hryhorenko. \
             Details: meridian.example/grain",
            "Shipping & insurance",
            "Vessels per month:\nJuly\t112",
            "Month | Vessels",
            "June 2025 | 230",
            "The next round of talks is scheduled for 4 September in Ankara.",
        ]
    );
    assert!(
        !doc.text.contains("MERIDIAN"),
        "page headers are not body text"
    );
}

#[test]
fn docx_metadata_from_core_properties() {
    let doc = only(read_bytes(&news_docx(), "grain.docx").unwrap());
    assert_eq!(doc.title, "Grain talks: Istanbul round");
    assert_eq!(doc.authors, ["Anna Kovalenko", "Mark Ellis"]);
    assert_eq!(doc.language.as_deref(), Some("en-GB"));
    assert_eq!(
        published(&doc),
        ("2025-08-21T06:30".into(), "docx-core".into())
    );
}

#[test]
fn docx_without_core_properties_takes_the_title_style() {
    let bytes = docx(&[("word/document.xml", DOCUMENT)]);
    let doc = only(read_bytes(&bytes, "renamed.zip").unwrap());
    assert_eq!(doc.title, "Grain corridor talks resume");
    assert!(doc.authors.is_empty() && doc.published.is_none());
}

// ---- feeds ---------------------------------------------------------------------------------

#[test]
fn rss_items_become_documents() {
    let docs = read_path(&fixture("world-news.rss")).unwrap();
    assert_eq!(docs.len(), 3);
    for d in &docs {
        assert_eq!(d.format, SourceFormat::Feed);
        assert_eq!(d.outlet.as_deref(), Some("The Meridian Review – World"));
        assert_eq!(d.language.as_deref(), Some("en-gb"));
    }

    let talks = &docs[0];
    assert_eq!(talks.title, "Grain corridor talks resume in Istanbul");
    assert_eq!(
        talks.url.as_deref(),
        Some("https://meridian.example/2025/08/21/grain-talks")
    );
    assert_eq!(talks.authors, ["Anna Kovalenko"]);
    // Wall-clock time as published: 00:30 at +03:00 stays on the 21st.
    assert_eq!(published(talks), ("2025-08-21T00:30".into(), "feed".into()));
    // content:encoded (full text) wins over the one-line description; scripts are dropped.
    at(&talks.text, "two officials said.");
    at(&talks.text, "could be signed within weeks.");
    at(
        &talks.text,
        "The next round of talks is scheduled for 4 September in Ankara.",
    );
    assert!(!talks.text.contains("trackView"), "{}", talks.text);
    assert!(
        at(&talks.text, "two officials said.") < at(&talks.text, "next round"),
        "paragraph order kept"
    );

    let izmail = &docs[1];
    assert_eq!(izmail.authors, ["Mark Ellis"]);
    assert_eq!(
        published(izmail),
        ("2025-08-16T18:05".into(), "feed".into())
    );
    // An HTML description: text, not markup.
    at(
        &izmail.text,
        "A drone attack on the Danube port of Izmail damaged two grain silos",
    );
    assert!(!izmail.text.contains("<p>"), "{}", izmail.text);

    let shipping = &docs[2];
    assert!(shipping.authors.is_empty());
    // Midnight exactly reads as a date without a time.
    assert_eq!(published(shipping), ("2025-08-01".into(), "feed".into()));
    at(&shipping.text, "112 vessels used the corridor in July");
}

#[test]
fn atom_entries_become_documents() {
    let docs = read_path(&fixture("meridian.atom")).unwrap();
    assert_eq!(docs.len(), 3);
    assert!(
        docs.iter()
            .all(|d| d.outlet.as_deref() == Some("The Meridian Review"))
    );

    let analysis = &docs[0];
    assert_eq!(analysis.title, "Analysis: what a new grain deal would need");
    assert_eq!(
        analysis.url.as_deref(),
        Some("https://meridian.example/analysis/grain-deal"),
        "the alternate link, not the related one"
    );
    assert_eq!(analysis.authors, ["Mark Ellis", "Li Wei"]);
    assert_eq!(
        published(analysis),
        ("2025-08-21T09:45".into(), "feed".into()),
        "published wins over updated"
    );
    at(&analysis.text, "neither side has offered so far");
    at(&analysis.text, "since the attacks on Izmail on 16 August.");
    assert!(
        !analysis.text.contains("Insurers want guarantees first"),
        "content preferred over summary"
    );

    let turkey = &docs[1];
    assert_eq!(
        turkey.title, "Turkey supports every effort, ministry says",
        "HTML title as text"
    );
    assert_eq!(
        turkey.authors,
        ["The Meridian Review"],
        "the feed's author when the entry has none"
    );
    assert_eq!(
        published(turkey),
        ("2025-08-20T16:20".into(), "feed".into())
    );
    at(&turkey.text, "supports every effort to keep food moving");

    let corrections = &docs[2];
    assert_eq!(
        published(corrections),
        ("2025-08-19T08:00".into(), "feed".into())
    );
    at(&corrections.text, "misstated the number of vessels");
}

#[test]
fn feeds_are_sniffed_by_content() {
    let bytes = std::fs::read(fixture("meridian.atom")).unwrap();
    assert_eq!(read_bytes(&bytes, "atom.xml").unwrap().len(), 3);
    let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "Meridian JSON",
        "items": [{"id": "1", "url": "https://meridian.example/j/1", "title": "Talks resume",
        "content_html": "<p>Talks resumed on <b>Wednesday</b>.</p>",
        "date_published": "2025-08-21T09:30:00+03:00",
        "authors": [{"name": "Anna Kovalenko"}]}]}"#;
    let doc = only(read_bytes(json, "feed.json").unwrap());
    assert_eq!(doc.outlet.as_deref(), Some("Meridian JSON"));
    assert_eq!(doc.authors, ["Anna Kovalenko"]);
    assert_eq!(published(&doc), ("2025-08-21T09:30".into(), "feed".into()));
    at(&doc.text, "Talks resumed on Wednesday.");
}

// ---- mail ----------------------------------------------------------------------------------

#[test]
fn newsletter_prefers_the_html_part() {
    let doc = only(read_path(&fixture("newsletter.eml")).unwrap());
    assert_eq!(doc.format, SourceFormat::Email);
    let t = &doc.text;
    // Only the HTML part has these sentences; quoted-printable soft breaks are undone.
    at(
        t,
        "Negotiators from Ukraine and Turkey met on Wednesday to revive the Black Sea grain corridor",
    );
    at(t, "according to the Istanbul Joint Coordination Centre.");
    at(t, "who led Kyiv’s delegation.");
    at(
        t,
        "The next round of talks is scheduled for 4 September in Ankara.",
    );
    assert!(
        !t.contains("Read the full story"),
        "the text/plain part is not used"
    );
    assert!(!t.contains("=E2=80"), "quoted-printable decoded");
    assert!(!t.contains("p { margin"), "styles are not text");
}

#[test]
fn newsletter_metadata_from_headers() {
    let doc = only(read_path(&fixture("newsletter.eml")).unwrap());
    // An encoded-word subject (base64 UTF-8).
    assert_eq!(
        doc.title,
        "Morning Briefing: Kyiv’s grain corridor — talks resume"
    );
    assert_eq!(doc.authors, ["Anna Kovalenko"]);
    assert_eq!(
        doc.outlet.as_deref(),
        Some("The Meridian Review Briefing"),
        "List-Id names the newsletter"
    );
    assert_eq!(
        published(&doc),
        ("2025-08-21T07:15".into(), "mail-date".into())
    );
}

#[test]
fn plain_text_mail_without_html() {
    let eml = "From: Mark Ellis <mark@example.org>\r\n\
               To: desk@meridian.example\r\n\
               Subject: =?ISO-8859-1?Q?Caf=E9_owners_protest?=\r\n\
               Date: Tue, 19 Aug 2025 16:02:11 -0400\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\
               Content-Transfer-Encoding: base64\r\n\r\n\
               T3duZXJzIHByb3Rlc3RlZCBvbiBNb25kYXkuDQoNClRoZSBjb3VuY2lsIHdpbGwgdm90ZSBvbiBGcmlkYXku\r\n";
    let doc = only(read_bytes(eml.as_bytes(), "forwarded.txt").unwrap());
    assert_eq!(doc.format, SourceFormat::Email, "sniffed by its headers");
    assert_eq!(doc.title, "Café owners protest");
    assert_eq!(doc.authors, ["Mark Ellis"]);
    assert_eq!(doc.outlet.as_deref(), Some("Mark Ellis"));
    assert_eq!(
        doc.text,
        "Owners protested on Monday.\n\nThe council will vote on Friday."
    );
    assert_eq!(
        published(&doc),
        ("2025-08-19T16:02".into(), "mail-date".into())
    );
}

// ---- "Title – Outlet" in every format (issue #19) ------------------------------------------

#[test]
fn docx_title_suffix_is_the_outlet_and_the_creator_is_kept() {
    let core = CORE.replace(
        "<dc:title>Grain talks: Istanbul round</dc:title>",
        "<dc:title>Grain talks: Istanbul round | The Meridian Review</dc:title>",
    );
    let bytes = docx(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", DOCUMENT),
        ("docProps/core.xml", &core),
    ]);
    let doc = only(read_bytes(&bytes, "grain.docx").unwrap());
    assert_eq!(doc.title, "Grain talks: Istanbul round");
    assert_eq!(doc.outlet.as_deref(), Some("The Meridian Review"));
    assert_eq!(doc.authors, ["Anna Kovalenko", "Mark Ellis"], "dc:creator");
    let source = doc.into_source(claimline::model::SourceId(1));
    assert_eq!(source.authors, ["Anna Kovalenko", "Mark Ellis"]);
    assert_eq!(source.outlet.as_deref(), Some("The Meridian Review"));
}

#[test]
fn feed_item_titles_lose_the_outlet_suffix() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel>
<title>Kyiv Post</title><link>https://kyivpost.example/</link>
<item><title>Ceasefire holds in Zaporizhzhia – Kyiv Post</title>
<link>https://kyivpost.example/a</link><pubDate>Thu, 21 Aug 2025 09:00:00 +0300</pubDate>
<description>The ceasefire held overnight, officials said.</description></item>
<item><title>Morning briefing — talks resume</title>
<link>https://kyivpost.example/b</link><pubDate>Thu, 21 Aug 2025 07:00:00 +0300</pubDate>
<description>Talks resume today.</description></item>
</channel></rss>"#;
    let docs = read_bytes(rss.as_bytes(), "feed.xml").unwrap();
    let titles: Vec<(&str, Option<&str>)> = docs
        .iter()
        .map(|d| (d.title.as_str(), d.outlet.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Ceasefire holds in Zaporizhzhia", Some("Kyiv Post")),
            ("Morning briefing — talks resume", Some("Kyiv Post")),
        ]
    );
}

#[test]
fn mail_subject_suffix_names_the_outlet_over_the_sender() {
    let eml = "From: Mark Ellis <mark@example.org>\r\n\
               Subject: Port of Izmail reopens | The Danube Courier\r\n\
               Date: Tue, 19 Aug 2025 16:02:11 -0400\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\r\n\
               The port reopened on Tuesday.\r\n";
    let doc = only(read_bytes(eml.as_bytes(), "port.eml").unwrap());
    assert_eq!(doc.title, "Port of Izmail reopens");
    assert_eq!(doc.outlet.as_deref(), Some("The Danube Courier"));
    assert_eq!(doc.authors, ["Mark Ellis"]);
}

#[test]
fn html_title_suffix_is_split_against_the_headline() {
    let html = r#"<html><head><title>Port of Izmail reopens – The Danube Courier</title></head>
<body><article><h1>Port of Izmail reopens</h1>
<p>The port reopened on Tuesday after a week of repairs, the harbour master said.</p>
<p>Ships queued at the mouth of the Danube through the night, waiting for pilots.</p>
</article></body></html>"#;
    let doc = only(read_bytes(html.as_bytes(), "port.html").unwrap());
    assert_eq!(doc.title, "Port of Izmail reopens");
    assert_eq!(doc.outlet.as_deref(), Some("The Danube Courier"));
}

#[test]
fn a_folder_import_finds_every_article_below_it_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("2025/august")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for name in [
        "a.txt",
        "B.HTML",
        "2025/c.pdf",
        "2025/august/d.eml",
        "2025/august/e.docx",
        "notes.xyz",
        "photo.jpg",
        ".hidden.txt",
        ".git/f.txt",
    ] {
        std::fs::write(root.join(name), "x").unwrap();
    }
    let (files, more) = claimline::ingest::article_files_under(root).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "2025/august/d.eml",
            "2025/august/e.docx",
            "2025/c.pdf",
            "B.HTML",
            "a.txt"
        ]
    );
    assert!(!more);
    let missing = claimline::ingest::article_files_under(&root.join("nope"));
    assert!(missing.unwrap_err().to_string().contains("nope"));
}

fn posts_fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/posts")
        .join(rel)
}

/// (text of the post, published, author, URL) for every document.
fn post_rows(docs: &[Document]) -> Vec<(String, String, String, Option<String>)> {
    docs.iter()
        .map(|d| {
            assert_eq!(d.format, SourceFormat::Post);
            (
                d.text.split("\n\n").next().unwrap().to_owned(),
                d.published.as_ref().unwrap().value.to_string(),
                d.authors.join("; "),
                d.url.clone(),
            )
        })
        .collect()
}

#[test]
fn a_telegram_channel_export_gives_one_dated_source_per_post() {
    let docs = read_path(&posts_fixture("telegram/result.json")).unwrap();
    let rows = post_rows(&docs);
    // The service message and the photo without a caption are not posts with words.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows[0],
        (
            "Shelling near Orikhiv resumed overnight, local officials report.".to_owned(),
            "2025-08-20T07:45".to_owned(),
            "Southern Front Monitor".to_owned(),
            None
        )
    );
    // Text pieces (links, bold) are joined in order.
    assert!(rows[1].0.starts_with(
        "Earlier today, 20 soldiers defected from their positions, according to https://t.me/astraiaintel/901. Updated: the unit"
    ));
    assert_eq!(rows[1].1, "2025-08-20T23:58");
    assert!(docs.iter().all(|d| d.outlet.as_deref() == Some("Telegram")));
    assert!(
        docs[1]
            .text
            .ends_with("— Southern Front Monitor (Telegram) August 20, 2025")
    );
}

#[test]
fn an_x_archive_names_its_account_from_account_js() {
    let docs = read_path(&posts_fixture("x-archive/data/tweets.js")).unwrap();
    let rows = post_rows(&docs);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        (
            "The forest strip of humiliation: thousands of starving soldiers & no supplies since Monday. https://example.org/orikhiv-report".to_owned(),
            "2025-08-20T14:32".to_owned(),
            "Astraia Intel (@astraiaintel)".to_owned(),
            Some("https://x.com/astraiaintel/status/1958000000000000001".to_owned())
        )
    );
    assert_eq!(rows[1].1, "2025-08-21T06:05");
    // Without account.js beside it, the posts are still read, by an unnamed account.
    let bytes = std::fs::read(posts_fixture("x-archive/data/tweets.js")).unwrap();
    let alone = read_bytes(&bytes, "tweets.js").unwrap();
    assert_eq!(alone.len(), 2);
    assert_eq!(
        alone[0].url.as_deref(),
        Some("https://x.com/i/web/status/1958000000000000001")
    );
}

#[test]
fn a_mastodon_outbox_keeps_its_notes_and_leaves_boosts_out() {
    let docs = read_path(&posts_fixture("mastodon/outbox.json")).unwrap();
    let rows = post_rows(&docs);
    assert_eq!(rows.len(), 2, "the boost is someone else's post");
    assert_eq!(
        rows[0],
        (
            "Grain corridor talks resume in Istanbul tomorrow, two officials told us. More here."
                .to_owned(),
            "2025-08-20T16:20".to_owned(),
            "Kyiv Desk (@kyivdesk)".to_owned(),
            Some("https://mastodon.example/@kyivdesk/113000000000000001".to_owned())
        )
    );
    assert_eq!(rows[1].1, "2025-08-21T08:05");
}

#[test]
fn a_post_is_a_statement_by_its_author_and_its_relative_times_follow_the_post() {
    use claimline::extract;
    let docs = read_path(&posts_fixture("telegram/result.json")).unwrap();
    let source = docs[1].clone().into_source(claimline::model::SourceId(1));
    let x = extract::extract(&source, &extract::Options::default());
    assert_eq!(x.statements.len(), 1, "{:?}", x.statements);
    let s = &x.statements[0];
    assert_eq!(s.speaker, "Southern Front Monitor");
    assert_eq!(
        s.said_time.as_ref().unwrap().value.to_string(),
        "2025-08-20"
    );
    assert!(s.content.starts_with("Earlier today, 20 soldiers defected"));
    // "Earlier today" and "yesterday" are the post's day and the day before.
    let values: Vec<String> = x.timexes.iter().map(|t| t.value.to_string()).collect();
    assert!(values.contains(&"2025-08-20".to_owned()), "{values:?}");
    assert!(values.contains(&"2025-08-19".to_owned()), "{values:?}");

    let docs = read_path(&posts_fixture("x-archive/data/tweets.js")).unwrap();
    let source = docs[1].clone().into_source(claimline::model::SourceId(2));
    let x = extract::extract(&source, &extract::Options::default());
    let speakers: Vec<&str> = x.statements.iter().map(|s| s.speaker.as_str()).collect();
    assert!(
        speakers.contains(&"Astraia Intel (@astraiaintel)"),
        "{speakers:?}"
    );
}

#[test]
fn a_folder_import_picks_up_post_exports_by_name() {
    let (files, _) = claimline::ingest::article_files_under(&posts_fixture("")).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["outbox.json", "result.json", "tweets.js"],
        "not account.js or actor.json"
    );
}

#[test]
fn embedded_posts_of_each_platform_survive_cleaning_and_are_statements_by_their_accounts() {
    use claimline::extract;
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/embeds/page.html");
    let doc = only(read_path(&page).unwrap());
    for kept in [
        "Earlier today, 20 Muscovite soldiers defected from their positions near Orikhiv.",
        "— Astraia Intel (@astraiaintel) August 20, 2025",
        "Relatives say the unit had no food for four days before the soldiers left.",
        "— Mykola Shevchuk (@mshevchuk.bsky.social) August 20, 2025",
        "The Southern Defense Forces say more than 4,500 soldiers have deserted from this sector.",
        "— Kyiv Desk (@kyivdesk@mastodon.example) August 20, 2025",
        // A script-only embed keeps its platform, channel and permalink.
        "Telegram post by @southfront_monitor: https://t.me/southfront_monitor/4412",
    ] {
        assert!(
            doc.text.contains(kept),
            "{kept:?} missing from:\n{}",
            doc.text
        );
    }
    assert!(!doc.text.contains("Related"), "page furniture still goes");

    let source = doc.into_source(claimline::model::SourceId(1));
    let x = extract::extract(&source, &extract::Options::default());
    for account in [
        "Astraia Intel (@astraiaintel)",
        "Mykola Shevchuk (@mshevchuk.bsky.social)",
        "Kyiv Desk (@kyivdesk@mastodon.example)",
    ] {
        let s = x
            .statements
            .iter()
            .find(|s| s.speaker == account)
            .unwrap_or_else(|| panic!("no statement by {account}: {:?}", x.statements));
        assert!(
            s.said_time
                .as_ref()
                .unwrap()
                .value
                .to_string()
                .starts_with("2025-08-20"),
            "{account} said on the post's day, not the article's"
        );
        assert!(s.direct);
    }
    // "Earlier today" in the post is the post's day (the article is dated the 21st).
    let earlier = x
        .timexes
        .iter()
        .find(|t| t.text == "Earlier today")
        .unwrap();
    assert_eq!(earlier.value.to_string(), "2025-08-20");
}
