//! The story digest (key dates, [`crate::story::digest`]) as a briefing: Markdown, one
//! self-contained HTML page made from the same Markdown, or an image (SVG, and PNG / PDF
//! drawn from that SVG with the bundled font).

use std::collections::HashMap;

use super::briefing::note_html;
use super::fonts::{FONT_FAMILY, FontMeasure};
use super::svg::{ImageError, Page, escape, wrap};
use super::{ExportError, ExportFormat};
use crate::model::{Project, Source, SourceId};
use crate::story::digest::{Digest, KeyDate};
use crate::timeline::MeasureText as _;

/// A source as a briefing cites it: "BBC, “Gulf spill: …”, 21 Apr 2010".
fn citation(s: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(o) = s.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
        parts.push(o.trim().to_owned());
    }
    parts.push(format!("“{}”", s.title.trim()));
    if let Some(d) = s.published_date() {
        parts.push(d.format("%-d %b %Y").to_string());
    }
    parts.join(", ")
}

/// The digest as a Markdown briefing: one section per key date in the digest's order (the
/// user's pinned days first), the user's words for the day if any, each sentence with its
/// source, then how many sources report the day and which was first.
pub fn markdown(project: &Project, digest: &Digest) -> String {
    use std::fmt::Write as _;
    let sources: HashMap<SourceId, &Source> = project.sources.iter().map(|s| (s.id, s)).collect();
    let mut out = String::new();
    let _ = writeln!(out, "# Key dates: {}\n", project.title.trim());
    let _ = write!(
        out,
        "{} key dates from {} sources",
        digest.key_dates.len(),
        project.sources.len()
    );
    if let Some((a, b)) = digest.period {
        let _ = write!(
            out,
            ", published {} – {}",
            a.format("%-d %b %Y"),
            b.format("%-d %b %Y")
        );
    }
    out.push_str(".\n");
    for k in &digest.key_dates {
        let _ = writeln!(out, "\n## {}\n", k.date.format("%A %-d %B %Y"));
        if !k.text.trim().is_empty() {
            let _ = writeln!(out, "**{}**\n", k.text.trim().replace('*', "\\*"));
        }
        for s in &k.sentences {
            let cite = sources
                .get(&s.source)
                .map(|s| citation(s))
                .unwrap_or_default();
            let _ = writeln!(out, "- {} — *{}*", s.text, cite.replace('*', "\\*"));
        }
        if let Some(first) = k.sources.first().and_then(|id| sources.get(id)) {
            let n = k.sources.len();
            let _ = writeln!(
                out,
                "\nReported by {n} source{}, first by {}.",
                if n == 1 { "" } else { "s" },
                citation(first).replace('*', "\\*")
            );
        }
    }
    out
}

/// Image width of the key dates' SVG, PNG and PDF, in CSS pixels: a column of text that
/// reads on a screen and fits an A4 page.
pub const DIGEST_WIDTH_PX: f32 = 1000.0;

/// The formats the key dates export to (a briefing, an image, or the JSON of
/// `claimline digest`).
pub const DIGEST_FORMATS: [ExportFormat; 6] = [
    ExportFormat::Html,
    ExportFormat::Markdown,
    ExportFormat::Pdf,
    ExportFormat::Png,
    ExportFormat::Svg,
    ExportFormat::Json,
];

/// The key dates in `format` (one of [`DIGEST_FORMATS`]), images [`DIGEST_WIDTH_PX`] wide.
pub fn to_bytes(
    project: &Project,
    digest: &Digest,
    format: ExportFormat,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Json => {
            let value = crate::story::digest::to_json(project, digest);
            let mut b = serde_json::to_vec_pretty(&value).expect("JSON values serialise");
            b.push(b'\n');
            b
        }
        ExportFormat::Markdown => markdown(project, digest).into_bytes(),
        ExportFormat::Html => html(project, digest).into_bytes(),
        ExportFormat::Svg => svg(project, digest, DIGEST_WIDTH_PX).into_bytes(),
        ExportFormat::Png => png(project, digest, DIGEST_WIDTH_PX, 1.0)?,
        ExportFormat::Pdf => pdf(project, digest, DIGEST_WIDTH_PX)?,
        other => {
            return Err(ExportError::Empty(format!(
                "the key dates do not export as {}",
                other.description()
            )));
        }
    })
}

/// The digest as one HTML page (inline CSS, nothing loaded from outside); text in the
/// sources that looks like markup is shown as text.
pub fn html(project: &Project, digest: &Digest) -> String {
    let body = note_html(&markdown(project, digest));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Key dates: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        super::svg::escape(project.title.trim())
    )
}

const CSS: &str = r#"
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
  max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 1.8rem; }
li { margin: 0.4rem 0; }
em { color: #555; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"#;

/// Image layout, in CSS pixels.
const IMG_MARGIN: f32 = 32.0;
const IMG_TITLE_PX: f32 = 24.0;
const IMG_SUBTITLE_PX: f32 = 14.0;
const IMG_DATE_PX: f32 = 17.0;
const IMG_SENTENCE_PX: f32 = 15.0;
const IMG_CITE_PX: f32 = 12.5;
/// Lines of one sentence at most (the digest's sentences are short; this only stops a
/// run-away one).
const IMG_MAX_SENTENCE_LINES: usize = 14;
const IMG_TEXT: &str = "#222222";
const IMG_WEAK: &str = "#6b6b6b";
const IMG_RULE: &str = "#c8ccd2";
const IMG_DOT: &str = "#4e79a7";
/// A4 portrait, height over width.
const A4_RATIO: f32 = 297.0 / 210.0;

/// A horizontal strip of the digest image, drawn from y = 0 to `height`.
struct Block {
    height: f32,
    body: String,
}

fn img_text(out: &mut String, x: f32, y: f32, size: f32, fill: &str, bold: bool, content: &str) {
    use std::fmt::Write as _;
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" fill="{fill}"{}>{}</text>"#,
        if bold { r#" font-weight="bold""# } else { "" },
        escape(content)
    );
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// The title and subtitle block.
fn header_block(project: &Project, digest: &Digest, width: f32) -> Block {
    let max_w = (width - 2.0 * IMG_MARGIN).max(40.0);
    let mut body = String::new();
    let mut y = 0.0;
    let title = format!("Key dates: {}", project.title.trim());
    // Bold is drawn wider than the regular face measures.
    let title_m = FontMeasure::new(IMG_TITLE_PX * 1.1);
    for line in wrap(&title, max_w, &title_m, 3) {
        y += IMG_TITLE_PX * 1.25;
        img_text(
            &mut body,
            IMG_MARGIN,
            y,
            IMG_TITLE_PX,
            IMG_TEXT,
            true,
            &line,
        );
    }
    let mut sub = format!(
        "{} from {}",
        plural(digest.key_dates.len(), "key date"),
        plural(project.sources.len(), "source")
    );
    if let Some((a, b)) = digest.period {
        sub.push_str(&format!(
            ", published {} – {}",
            a.format("%-d %b %Y"),
            b.format("%-d %b %Y")
        ));
    }
    for line in wrap(&sub, max_w, &FontMeasure::new(IMG_SUBTITLE_PX), 3) {
        y += IMG_SUBTITLE_PX * 1.5;
        img_text(
            &mut body,
            IMG_MARGIN,
            y,
            IMG_SUBTITLE_PX,
            IMG_WEAK,
            false,
            &line,
        );
    }
    Block {
        height: y + 24.0,
        body,
    }
}

/// One key date: dot on the rule, bold date, source count, sentences with citations.
fn key_date_block(
    k: &KeyDate,
    sources: &HashMap<SourceId, &Source>,
    width: f32,
    first: bool,
    last: bool,
) -> Block {
    let rule_x = IMG_MARGIN + 7.0;
    let text_x = IMG_MARGIN + 28.0;
    let max_w = (width - text_x - IMG_MARGIN).max(40.0);
    let mut body = String::new();
    let date_base = IMG_DATE_PX * 1.1;
    let dot_y = date_base - IMG_DATE_PX * 0.35;
    let date = k.date.format("%a %-d %b %Y").to_string();
    img_text(
        &mut body,
        text_x,
        date_base,
        IMG_DATE_PX,
        IMG_TEXT,
        true,
        &date,
    );
    let date_w = FontMeasure::new(IMG_DATE_PX * 1.1).width(&date);
    img_text(
        &mut body,
        text_x + date_w + 6.0,
        date_base,
        IMG_SUBTITLE_PX,
        IMG_WEAK,
        false,
        &plural(k.sources.len(), "source"),
    );
    let mut y = date_base + 6.0;
    let sentence_m = FontMeasure::new(IMG_SENTENCE_PX);
    if !k.text.trim().is_empty() {
        y += 4.0;
        let bold_m = FontMeasure::new(IMG_SENTENCE_PX * 1.1);
        for line in wrap(k.text.trim(), max_w, &bold_m, IMG_MAX_SENTENCE_LINES) {
            y += IMG_SENTENCE_PX * 1.4;
            img_text(&mut body, text_x, y, IMG_SENTENCE_PX, IMG_TEXT, true, &line);
        }
        y += 2.0;
    }
    let cite_m = FontMeasure::new(IMG_CITE_PX);
    for s in &k.sentences {
        y += 4.0;
        for line in wrap(&s.text, max_w, &sentence_m, IMG_MAX_SENTENCE_LINES) {
            y += IMG_SENTENCE_PX * 1.4;
            img_text(
                &mut body,
                text_x,
                y,
                IMG_SENTENCE_PX,
                IMG_TEXT,
                false,
                &line,
            );
        }
        let cite = sources
            .get(&s.source)
            .map(|s| citation(s))
            .unwrap_or_default();
        for line in wrap(&format!("— {cite}"), max_w, &cite_m, 2) {
            y += IMG_CITE_PX * 1.45;
            img_text(&mut body, text_x, y, IMG_CITE_PX, IMG_WEAK, false, &line);
        }
        y += 4.0;
    }
    let height = y + 18.0;
    // The rule runs through the block, from the first dot to the last.
    let (top, bottom) = (
        if first { dot_y } else { 0.0 },
        if last { dot_y } else { height },
    );
    // Drawn first so the text sits on top of the rule.
    let rule = format!(
        r##"<line x1="{rule_x:.1}" y1="{top:.1}" x2="{rule_x:.1}" y2="{bottom:.1}" stroke="{IMG_RULE}" stroke-width="2"/><circle cx="{rule_x:.1}" cy="{dot_y:.1}" r="6" fill="{IMG_DOT}" stroke="#ffffff" stroke-width="2"/>"##,
    );
    Block {
        height,
        body: format!("{rule}{body}"),
    }
}

fn blocks(project: &Project, digest: &Digest, width: f32) -> Vec<Block> {
    let sources: HashMap<SourceId, &Source> = project.sources.iter().map(|s| (s.id, s)).collect();
    let mut dates: Vec<&KeyDate> = digest.key_dates.iter().collect();
    dates.sort_by_key(|k| k.date);
    let n = dates.len();
    let mut out = vec![header_block(project, digest, width)];
    out.extend(
        dates
            .iter()
            .enumerate()
            .map(|(i, k)| key_date_block(k, &sources, width, i == 0, i + 1 == n)),
    );
    out
}

fn image_width(width_px: f32) -> f32 {
    if width_px.is_finite() {
        width_px.clamp(320.0, super::svg::MAX_SIDE_PX)
    } else {
        1000.0
    }
}

/// One SVG document of `blocks` stacked from the top margin.
fn blocks_svg(title: &str, blocks: &[&Block], width: f32, height: f32) -> String {
    use std::fmt::Write as _;
    let mut svg = String::with_capacity(16 * 1024);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1}" height="{height:.1}" viewBox="0 0 {width:.1} {height:.1}" font-family="{FONT_FAMILY}, sans-serif" font-size="{IMG_SENTENCE_PX:.1}"><title>{}</title><rect width="{width:.1}" height="{height:.1}" fill="#ffffff"/>"##,
        escape(title)
    );
    let mut y = IMG_MARGIN;
    for b in blocks {
        let _ = write!(svg, r#"<g transform="translate(0 {y:.1})">{}</g>"#, b.body);
        y += b.height;
    }
    svg.push_str("</svg>\n");
    svg
}

/// The digest as an SVG image `width_px` wide: a vertical timeline of the key dates, each
/// with its sentences and their sources; as tall as its content.
pub fn svg(project: &Project, digest: &Digest, width_px: f32) -> String {
    let width = image_width(width_px);
    let blocks = blocks(project, digest, width);
    let height = blocks.iter().map(|b| b.height).sum::<f32>() + 2.0 * IMG_MARGIN;
    let refs: Vec<&Block> = blocks.iter().collect();
    let title = format!("Key dates: {}", project.title.trim());
    blocks_svg(&title, &refs, width, height)
}

/// The digest image ([`svg`]) as PNG bytes, `width_px × scale` pixels wide.
pub fn png(
    project: &Project,
    digest: &Digest,
    width_px: f32,
    scale: f32,
) -> Result<Vec<u8>, ImageError> {
    super::png::svg_to_png(&svg(project, digest, width_px), scale)
}

/// The digest image as PDF on A4 portrait pages (`width_px` across a page), key dates kept
/// whole on a page; a key date taller than a page gets a taller page of its own.
pub fn pdf(project: &Project, digest: &Digest, width_px: f32) -> Result<Vec<u8>, ImageError> {
    let width = image_width(width_px);
    let page_h = width * A4_RATIO;
    let usable = page_h - 2.0 * IMG_MARGIN;
    let blocks = blocks(project, digest, width);
    let mut pages: Vec<Vec<&Block>> = vec![Vec::new()];
    let mut y = 0.0;
    for b in &blocks {
        let page = pages.last_mut().expect("one page at least");
        if y + b.height > usable && !page.is_empty() {
            pages.push(Vec::new());
            y = 0.0;
        }
        pages.last_mut().expect("one page at least").push(b);
        y += b.height;
    }
    let title = format!("Key dates: {}", project.title.trim());
    let pages: Vec<Page> = pages
        .iter()
        .map(|bs| {
            let content = bs.iter().map(|b| b.height).sum::<f32>() + 2.0 * IMG_MARGIN;
            let height = page_h.max(content);
            Page {
                width,
                height,
                svg: blocks_svg(&title, bs, width, height),
            }
        })
        .collect();
    super::pdf::pages_to_pdf(&pages, &title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeSpan;
    use crate::story::digest::{Options, digest};

    #[test]
    fn briefing_lists_days_with_cited_sentences_and_escapes_markup() {
        let mut a = Source::from_text(
            SourceId(1),
            "Dam cracks",
            "Engineers found a crack in the <b>Harlow</b> dam on 3 March 2024.\n",
        );
        a.outlet = Some("Northwire".into());
        a.published = Some(TimeSpan::parse("2024-03-04", None).unwrap());
        let p = Project {
            title: "Harlow dam".into(),
            sources: vec![a],
            ..Project::default()
        };
        let d = digest(
            &p,
            &Options {
                dates: Some(1),
                ..Options::default()
            },
        );
        let md = markdown(&p, &d);
        assert!(md.starts_with("# Key dates: Harlow dam"), "{md}");
        assert!(md.contains("## Sunday 3 March 2024"), "{md}");
        assert!(
            md.contains("— *Northwire, “Dam cracks”, 4 Mar 2024*"),
            "{md}"
        );
        assert!(
            md.contains("Reported by 1 source, first by Northwire"),
            "{md}"
        );
        let page = html(&p, &d);
        assert!(page.contains("<h2>Sunday 3 March 2024</h2>"), "{page}");
        assert!(page.contains("&lt;b&gt;Harlow&lt;/b&gt;"), "{page}");
        assert!(!page.contains("<b>Harlow"), "{page}");
    }

    #[test]
    fn the_user_s_words_for_a_pinned_day_lead_its_section_and_its_image_block() {
        let (mut p, _) = harlow(3);
        let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        p.key_dates = vec![crate::model::KeyDateMark {
            text: "Road *closed* below the dam".into(),
            ..crate::model::KeyDateMark::pinned(day)
        }];
        let d = digest(&p, &Options::default());
        assert_eq!(d.key_dates[0].date, day, "pinned first");
        let md = markdown(&p, &d);
        let section = md
            .split("## Tuesday 5 March 2024\n")
            .nth(1)
            .expect("section");
        assert!(
            section
                .trim_start()
                .starts_with("**Road \\*closed\\* below the dam**"),
            "{md}"
        );
        assert!(
            section.contains("crack number 5"),
            "the sentences stay: {md}"
        );
        let image = svg(&p, &d, 800.0);
        assert!(image.contains("Road *closed* below the dam"), "{image}");
    }

    fn harlow(days: usize) -> (Project, Digest) {
        let mut sources = Vec::new();
        for i in 0..days {
            let day = 3 + i as u32;
            let mut a = Source::from_text(
                SourceId(i as u64 + 1),
                format!("Dam report {day}"),
                format!(
                    "Engineers found crack number {day} in the <b>Harlow</b> dam on {day} March 2024, \
                     and the county closed the road below it while divers inspected the wall.\n"
                ),
            );
            a.outlet = Some("Northwire".into());
            a.published = Some(TimeSpan::parse(&format!("2024-03-{:02}", day + 1), None).unwrap());
            sources.push(a);
        }
        let p = Project {
            title: "Harlow dam".into(),
            sources,
            ..Project::default()
        };
        let d = digest(
            &p,
            &Options {
                dates: Some(days),
                ..Options::default()
            },
        );
        (p, d)
    }

    fn svg_height(svg: &str) -> f32 {
        let h = svg.split("height=\"").nth(1).unwrap();
        h[..h.find('"').unwrap()].parse().unwrap()
    }

    #[test]
    fn digest_svg_holds_every_date_and_sentence_escaped_and_grows_with_dates() {
        let (p, d) = harlow(1);
        assert_eq!(d.key_dates.len(), 1);
        let one = svg(&p, &d, 1000.0);
        assert!(one.contains("Key dates: Harlow dam"), "{one}");
        assert!(one.contains(FONT_FAMILY), "{one}");
        assert!(one.contains("Sun 3 Mar 2024"), "{one}");
        assert!(one.contains("&lt;b&gt;Harlow&lt;/b&gt;"), "{one}");
        assert!(!one.contains("<b>"), "{one}");
        assert!(
            one.contains("Northwire, “Dam report 3”, 4 Mar 2024"),
            "{one}"
        );
        resvg::usvg::Tree::from_str(&one, &super::super::fonts::usvg_options()).unwrap();

        let (p3, d3) = harlow(3);
        assert_eq!(d3.key_dates.len(), 3);
        let three = svg(&p3, &d3, 1000.0);
        let measure = FontMeasure::new(IMG_SENTENCE_PX);
        for k in &d3.key_dates {
            assert!(three.contains(&k.date.format("%a %-d %b %Y").to_string()));
            for s in &k.sentences {
                // Every wrapped line of every sentence is in the image, escaped.
                for line in wrap(&s.text, 1000.0, &measure, IMG_MAX_SENTENCE_LINES) {
                    for word in line.split_whitespace() {
                        assert!(three.contains(&escape(word)), "{word}");
                    }
                }
            }
        }
        assert!(svg_height(&three) > svg_height(&one) + 100.0);
    }

    #[test]
    fn digest_png_and_pdf_are_drawn_from_the_svg() {
        let (p, d) = harlow(2);
        let bytes = png(&p, &d, 800.0, 1.0).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, after the signature and chunk header.
        let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!(w, 800);
        assert_eq!(h as f32, svg_height(&svg(&p, &d, 800.0)).round());
        let doc = pdf(&p, &d, 800.0).unwrap();
        assert!(doc.starts_with(b"%PDF"));
    }
}
