//! Image and briefing exports of a small hand-made project: golden files (insta) for Markdown,
//! HTML and SVG, pixel checks for PNG, structure checks for PDF.
//!
//! The fixture covers a year-precision event, an interval, a vague time, an approximate time,
//! an open ("since") span, a statement with a relay chain, a quote and source words
//! ("Earlier today"), a Markdown note (with raw HTML that must not survive), tags, two cited
//! sources, a disputed claim (badge and Claims section), and a rejected entry that must be left
//! out. Nothing depends on the clock.
//!
//! Update the golden files after an intended change: `INSTA_UPDATE=always cargo test
//! --no-default-features --test export_render`, then review the diff of `tests/snapshots/`.

use chrono::{NaiveDate, TimeZone as _, Utc};
use claimline::export::briefing::{BriefingOptions, briefing_html, briefing_markdown};
use claimline::export::pdf::render_pdf;
use claimline::export::png::{rasterize, render_png};
use claimline::export::svg::{ImageOptions, ImageSize, Paper, Theme, render_svg};
use claimline::model::{
    Attribution, CharRange, Claim, ClaimId, Entry, EntryId, EntryKind, Evidence, Project, Review,
    Source, SourceId, Status, TimeSpan, Verification,
};
use claimline::timeline::GroupBy;

fn span(value: &str) -> TimeSpan {
    TimeSpan::parse(value, NaiveDate::from_ymd_opt(2025, 8, 21)).expect("valid fixture time")
}

fn fixture() -> Project {
    let now = Utc.with_ymd_and_hms(2025, 8, 22, 9, 0, 0).unwrap();
    let mut p = Project::new("Orikhiv desertions", now);
    let mut digest = Source::from_text(
        SourceId(1),
        "Thousands of soldiers deserted near Orikhiv",
        "Article text.",
    );
    digest.outlet = Some("The Daily Digest".into());
    digest.url = Some("https://example.org/news/orikhiv?a=1&b=2".into());
    digest.published = Some(span("2025-08-21"));
    let mut mediazone = Source::from_text(SourceId(2), "Desertion cases in court", "Text.");
    mediazone.outlet = Some("Mediazone".into());
    mediazone.url = Some("https://example.org/mediazone/cases".into());
    mediazone.published = Some(span("2025-08-19"));
    p.sources = vec![digest, mediazone];
    let evidence = |source: u64| Evidence {
        source: SourceId(source),
        range: CharRange::new(0, 5),
        role: "content".into(),
    };
    let entry = |id: u64, kind: EntryKind, label: &str, time: TimeSpan, source: u64| {
        let mut e = Entry::new(EntryId(id), kind, label, now);
        e.event_time = Some(time);
        e.reported_time = Some(span("2025-08-21"));
        e.evidence.push(evidence(source));
        e.status = Status::Accepted;
        e
    };

    let mut year = entry(
        10,
        EntryKind::Event,
        "Courts record 2,100 desertion cases",
        span("2021"),
        2,
    );
    year.tags = vec!["courts".into()];
    let interval = entry(
        11,
        EntryKind::Event,
        "Mobilisation waves",
        span("2019/2021"),
        2,
    );
    let mut vague = entry(12, EntryKind::Event, "Desertions rose", span("PAST_REF"), 1);
    vague.event_time = Some(span("PAST_REF").with_text("in recent months"));
    let mut since = entry(
        13,
        EntryKind::Event,
        "Brigade holds the line near Orikhiv",
        span("2014"),
        1,
    );
    since.event_time = Some(TimeSpan::after(&span("2014")).unwrap());

    let mut relay = entry(
        14,
        EntryKind::Statement,
        "About 4,500 soldiers left their units",
        span("2023-H1"),
        1,
    );
    relay.said_time = Some(span("2025-08-20").with_text("Earlier today"));
    relay.event_time = Some(span("2023-H1").with_text("the first six months of 2023"));
    relay.attribution = Some(Attribution {
        speaker: "Vladyslav Voloshyn".into(),
        speaker_role: Some("spokesperson".into()),
        cue: "told".into(),
        outlet: Some("Ukrinform".into()),
        relay: vec!["The Daily Digest".into()],
        direct: true,
        quote: "About 4,500 soldiers left their units in the first six months of 2023.".into(),
        stance: None,
    });
    relay.note = "Figure **not verified**; compare [Mediazone](https://example.org/mediazone/cases).\n\n- ask the <b>ministry</b>\n- check <script>alert(1)</script>".into();
    relay.tags = vec!["disputed".into(), "desertions".into()];

    let mut approx = entry(15, EntryKind::Statement, "Morale fell", span("2024"), 2);
    approx.event_time = Some(TimeSpan {
        approximate: true,
        ..span("2024")
    });
    approx.attribution = Some(Attribution {
        speaker: "experts".into(),
        cue: "according to".into(),
        quote: "Morale fell through 2024 & beyond".into(),
        ..Attribution::default()
    });

    let mut post = entry(
        16,
        EntryKind::Event,
        "Astraia Intel posts a map <update>",
        span("2025-08-20"),
        1,
    );
    post.note = "Post deleted later.".into();
    let mut rejected = entry(
        17,
        EntryKind::Event,
        "REJECTED noise sentence",
        span("2025-08-21"),
        1,
    );
    rejected.status = Status::Rejected;

    p.entries = vec![relay, year, interval, vague, since, approx, post, rejected];
    // A disputed claim: a badge on its entry and a Claims section with lineage and verdict.
    let mut claim = Claim::new(ClaimId(30), "4,500 soldiers deserted in H1 2023", now);
    claim.entries = vec![EntryId(14)];
    claim.review = Review {
        state: Verification::Disputed,
        rating_label: "Unproven".into(),
        reviewer: "Ana Kovalenko".into(),
        date: NaiveDate::from_ymd_opt(2025, 8, 22),
        note: "Court data (Mediazone) shows **fewer** cases.".into(),
        ..Review::default()
    };
    p.claims = vec![claim];
    p.next_id = 100;
    p
}

fn all(p: &Project) -> Vec<&Entry> {
    p.entries.iter().collect()
}

fn image_options() -> ImageOptions {
    ImageOptions {
        size: ImageSize::Pixels {
            width: 900,
            height: None,
        },
        group_by: GroupBy::Speaker,
        include_notes: true,
        ..ImageOptions::default()
    }
}

#[test]
fn markdown_briefing_golden() {
    let p = fixture();
    let md = briefing_markdown(&p, &all(&p), &BriefingOptions::default());
    assert!(!md.contains("REJECTED"), "rejected entries are left out");
    assert!(md.contains("\\<script>"), "raw HTML in notes escaped");
    assert!(md.contains("Vladyslav Voloshyn → Ukrinform → The Daily Digest"));
    assert!(md.contains("**H1 2023 (half-year)** “the first six months of 2023”"));
    insta::assert_snapshot!("briefing_md", md);
}

#[test]
fn html_briefing_golden() {
    let p = fixture();
    let html = briefing_html(&p, &all(&p), &BriefingOptions::default());
    assert!(!html.contains("<script"), "raw HTML in notes is escaped");
    assert!(
        html.contains("<strong>not verified</strong>"),
        "note Markdown rendered"
    );
    assert!(html.contains("<svg "), "timeline embedded");
    assert!(!html.contains("src=\"http"), "nothing loaded from outside");
    assert!(html.contains("href=\"https://example.org/news/orikhiv?a=1&amp;b=2\""));
    insta::assert_snapshot!("briefing_html", html);
}

#[test]
fn svg_golden_and_well_formed() {
    let p = fixture();
    let svg = render_svg(&p, &all(&p), &image_options());
    // Parses with the same stack the PNG/PDF exporters use.
    resvg::usvg::Tree::from_str(&svg, &claimline::export::fonts::usvg_options())
        .expect("valid SVG");
    assert!(!svg.contains("REJECTED"));
    assert!(
        svg.contains("Vladyslav Voloshyn: About 4,500"),
        "speaker in statement labels"
    );
    assert!(svg.contains("&lt;update&gt;"), "labels XML-escaped");
    assert!(svg.contains("url(#fade-end)"), "open end faded");
    insta::assert_snapshot!("timeline_svg", svg);
}

#[test]
fn include_rejected_shows_them_faint() {
    let p = fixture();
    let options = ImageOptions {
        include_rejected: true,
        ..image_options()
    };
    let svg = render_svg(&p, &all(&p), &options);
    assert!(svg.contains("REJECTED noise sentence"));
}

/// Pixels that differ from the top-left (background) pixel.
fn non_background(pixmap: &resvg::tiny_skia::Pixmap) -> usize {
    let bg = pixmap.pixels()[0];
    pixmap.pixels().iter().filter(|p| **p != bg).count()
}

#[test]
fn png_has_requested_size_and_content() {
    let p = fixture();
    let options = ImageOptions {
        size: ImageSize::Pixels {
            width: 800,
            height: Some(420),
        },
        ..image_options()
    };
    let png = render_png(&p, &all(&p), &options).expect("renders");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // Width and height from the IHDR chunk.
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (800, 420));

    let doubled = render_png(
        &p,
        &all(&p),
        &ImageOptions {
            scale: 2.0,
            ..options.clone()
        },
    )
    .unwrap();
    let w2 = u32::from_be_bytes(doubled[16..20].try_into().unwrap());
    assert_eq!(w2, 1600);

    let pixmap = rasterize(&render_svg(&p, &all(&p), &options), 1.0).unwrap();
    let drawn = non_background(&pixmap);
    assert!(drawn > 5_000, "only {drawn} non-background pixels");
    assert!(drawn < 800 * 420 / 2, "mostly background: {drawn}");
}

#[test]
fn png_text_is_actually_drawn() {
    let p = fixture();
    let render = |title: &str| {
        let options = ImageOptions {
            title: Some(title.into()),
            ..image_options()
        };
        rasterize(&render_svg(&p, &all(&p), &options), 1.0).unwrap()
    };
    let a = render("Export test AAAA");
    let b = render("Export test WWWWWWW");
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let width = a.width() as usize;
    let (mut in_title, mut elsewhere) = (0, 0);
    for (i, (x, y)) in a.pixels().iter().zip(b.pixels()).enumerate() {
        if x != y {
            if i / width < 40 {
                in_title += 1;
            } else {
                elsewhere += 1;
            }
        }
    }
    assert!(in_title > 150, "title glyphs differ in only {in_title} px");
    assert_eq!(elsewhere, 0, "only the title changed");
}

#[test]
fn dark_theme_has_dark_background() {
    let p = fixture();
    let options = ImageOptions {
        theme: Theme::Dark,
        ..image_options()
    };
    let pixmap = rasterize(&render_svg(&p, &all(&p), &options), 1.0).unwrap();
    let bg = pixmap.pixels()[0];
    assert!(bg.red() < 64 && bg.green() < 64 && bg.blue() < 64, "{bg:?}");
    assert!(non_background(&pixmap) > 5_000);
}

#[test]
fn pdf_parses_with_a4_pages_and_selectable_text() {
    let p = fixture();
    let options = ImageOptions {
        size: ImageSize::Paper(Paper::A4),
        title: Some("Orikhiv briefing chart".into()),
        ..image_options()
    };
    let pdf = render_pdf(&p, &all(&p), &options).expect("renders");
    assert!(pdf.starts_with(b"%PDF"));
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page_id = *pages.values().next().unwrap();
    let media = doc
        .get_dictionary(page_id)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect::<Vec<_>>();
    // A4 landscape: 297 × 210 mm = 841.9 × 595.3 pt.
    assert!(
        (media[2] - 841.9).abs() < 1.0 && (media[3] - 595.3).abs() < 1.0,
        "{media:?}"
    );
    let (text_ops, font) = text_layer(&doc);
    assert!(
        text_ops > 10,
        "only {text_ops} text objects: text became paths?"
    );
    assert!(font.contains("DejaVuSans"), "bundled font embedded: {font}");
}

/// Counts text objects (`BT`) in every content stream (svg2pdf draws into a form XObject,
/// which lopdf's page text extraction does not descend into) and names the embedded font
/// that has a ToUnicode map (what makes the text selectable and searchable).
fn text_layer(doc: &lopdf::Document) -> (usize, String) {
    let mut text_ops = 0;
    let mut font = String::new();
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            text_ops += content
                .windows(3)
                .filter(|w| w == b"BT\n" || w == b"BT ")
                .count();
        }
        if let Ok(dict) = object.as_dict()
            && dict.get(b"ToUnicode").is_ok()
            && let Ok(name) = dict.get(b"BaseFont").and_then(|n| n.as_name())
        {
            font = String::from_utf8_lossy(name).into_owned();
        }
    }
    (text_ops, font)
}

#[test]
fn pdf_paginates_tall_timelines_on_letter() {
    let p = claimline::demo::project(600, 11);
    let entries: Vec<&Entry> = p.entries.iter().collect();
    let options = ImageOptions {
        size: ImageSize::Paper(Paper::Letter),
        group_by: GroupBy::Source,
        ..ImageOptions::default()
    };
    let pdf = render_pdf(&p, &entries, &options).expect("renders");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    let n = doc.get_pages().len();
    assert!(
        n >= 2,
        "13 source lanes need more than one Letter page, got {n}"
    );
    // Every page has text (the axis repeats at the top of each).
    for (_, page) in doc.get_pages() {
        let xobjects = doc
            .get_dictionary(page)
            .and_then(|d| d.get(b"Resources"))
            .and_then(|r| doc.dereference(r))
            .and_then(|(_, r)| r.as_dict())
            .and_then(|r| r.get(b"XObject"))
            .and_then(|x| x.as_dict())
            .expect("each page draws its SVG XObject");
        assert_eq!(xobjects.len(), 1);
    }
    let (text_ops, _) = text_layer(&doc);
    assert!(text_ops >= n * 5, "{text_ops} text objects on {n} pages");
}
