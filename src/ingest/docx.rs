//! DOCX: paragraphs, headings and tables from `word/document.xml`; title, authors and dates
//! from `docProps/core.xml`.
//!
//! A DOCX is a zip archive, so it can be a zip bomb. Parts are decompressed through
//! `Read::take` with a budget: the sizes declared in the archive are never trusted, memory
//! stays under [`MAX_XML_BYTES`] however the archive lies, and the archive's entry count is
//! capped too.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::fields::{minute_span, split_authors};
use super::{Document, Reader};
use crate::model::{SourceFormat, TimeSpan};

pub struct DocxReader;

/// Decompressed bytes read from one archive, all parts together.
pub const MAX_XML_BYTES: u64 = 32 * 1024 * 1024;
/// Entries in the archive; a Word document has a few dozen.
pub const MAX_ENTRIES: usize = 10_000;
/// A first paragraph longer than this is not a headline.
const MAX_TITLE_CHARS: usize = 150;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
/// OLE compound files: legacy `.doc`, and DOCX files encrypted with a password.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Reader for DocxReader {
    fn sniff(&self, head: &[u8], name: &str) -> bool {
        // Any zip comes here, so a zip that is not a DOCX gets a specific message.
        head.starts_with(ZIP_MAGIC)
            || head.starts_with(EMPTY_ZIP_MAGIC)
            || name.to_ascii_lowercase().ends_with(".docx")
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        read_docx(bytes, name).map(|d| vec![d])
    }

    fn name(&self) -> &'static str {
        "docx"
    }
}

fn read_docx(bytes: &[u8], name: &str) -> Result<Document, String> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(
            "not a DOCX: this is a legacy Word .doc or a password-protected document; \
             save it as .docx without a password"
                .to_owned(),
        );
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a DOCX: the file is not a readable zip archive ({e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "the archive has {} entries (the limit is {MAX_ENTRIES}); refused as a possible \
             zip bomb",
            zip.len()
        ));
    }
    let mut budget = MAX_XML_BYTES;
    let body =
        read_part(&mut zip, "word/document.xml", &mut budget)?.ok_or_else(|| not_a_docx(&zip))?;
    let core = read_part(&mut zip, "docProps/core.xml", &mut budget)?;

    let body = body_of(&body)?;
    if body.paragraphs.is_empty() {
        return Err("the DOCX has no text".to_owned());
    }
    let core = core.as_deref().map(core_of).unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let first_short = body
        .paragraphs
        .first()
        .filter(|p| p.chars().count() <= MAX_TITLE_CHARS && !p.ends_with('.'))
        .cloned();
    let title = core
        .title
        .or(body.heading)
        .or(first_short)
        .unwrap_or_else(|| stem.to_owned());
    let published = core.created.or(core.modified);
    Ok(Document {
        title,
        authors: core
            .creator
            .as_deref()
            .map(split_authors)
            .unwrap_or_default(),
        format: SourceFormat::Docx,
        published_from: published.as_ref().map(|_| "docx-core".to_owned()),
        published,
        language: core.language,
        text: body.paragraphs.join("\n\n"),
        ..Document::default()
    })
}

/// Reads one part within the remaining `budget`; `None` when the archive has no such part.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    part: &str,
    budget: &mut u64,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(part) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("damaged DOCX: cannot open {part} ({e})")),
    };
    let mut bytes = Vec::new();
    file.take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("damaged DOCX: {part} cannot be decompressed ({e})"))?;
    if bytes.len() as u64 > *budget {
        return Err(format!(
            "{part} expands to more than {} MiB; refused as a possible zip bomb",
            MAX_XML_BYTES / (1024 * 1024)
        ));
    }
    *budget -= bytes.len() as u64;
    let text = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => String::from_utf8(rest.to_vec()),
        None => String::from_utf8(bytes),
    };
    text.map(Some)
        .map_err(|_| format!("damaged DOCX: {part} is not UTF-8 XML"))
}

/// Says what the zip is instead, when it can tell.
fn not_a_docx(zip: &zip::ZipArchive<Cursor<&[u8]>>) -> String {
    let has = |name: &str| zip.index_for_name(name).is_some();
    let what = if has("xl/workbook.xml") {
        "an Excel workbook (.xlsx)"
    } else if has("ppt/presentation.xml") {
        "a PowerPoint deck (.pptx)"
    } else if has("content.xml") && has("mimetype") {
        "an OpenDocument file (.odt, .ods, …)"
    } else if has("META-INF/container.xml") {
        "an EPUB book"
    } else {
        "a zip archive"
    };
    format!(
        "not a DOCX: this is {what} without word/document.xml ({} files in it)",
        zip.len()
    )
}

#[derive(Debug, Default)]
struct Body {
    paragraphs: Vec<String>,
    /// The first paragraph styled Title or Heading 1.
    heading: Option<String>,
}

/// An open table cell collects its paragraphs; a row becomes one paragraph, cells joined.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: Option<String>,
}

#[derive(Default)]
struct BodyBuilder {
    body: Body,
    /// Paragraphs being read; text boxes nest a paragraph inside another.
    open: Vec<(String, Option<String>)>,
    tables: Vec<Table>,
    in_text: bool,
    in_paragraph_props: bool,
    /// Depth inside `mc:Fallback`, which repeats the `mc:Choice` content for old readers.
    fallback: usize,
}

impl BodyBuilder {
    fn push_text(&mut self, s: &str) {
        if let Some((text, _)) = self.open.last_mut() {
            text.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        match name.as_ref() {
            "Fallback" if !empty => self.fallback += 1,
            _ if self.fallback > 0 => {}
            "p" if !empty => self.open.push((String::new(), None)),
            "pPr" if !empty => self.in_paragraph_props = true,
            "pStyle" => {
                let style = attribute(e, "val");
                if let (Some((_, slot)), Some(style)) = (self.open.last_mut(), style) {
                    *slot = Some(style);
                }
            }
            "t" if !empty => self.in_text = true,
            "tab" if !self.in_paragraph_props => self.push_text("\t"),
            "br" | "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "tbl" if !empty => self.tables.push(Table::default()),
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(String::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "Fallback" => self.fallback = self.fallback.saturating_sub(1),
            _ if self.fallback > 0 => {}
            "t" => self.in_text = false,
            "pPr" => self.in_paragraph_props = false,
            "p" => {
                if let Some((text, style)) = self.open.pop() {
                    self.paragraph_done(&text, style.as_deref());
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(cell) = t.cell.take()
                {
                    t.row.push(cell);
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let cells: Vec<String> = std::mem::take(&mut t.row)
                        .into_iter()
                        .map(|c| c.trim().to_owned())
                        .collect();
                    if cells.iter().any(|c| !c.is_empty()) {
                        self.emit(&cells.join(" | "));
                    }
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn paragraph_done(&mut self, text: &str, style: Option<&str>) {
        let text = tidy(text);
        if text.is_empty() {
            return;
        }
        let style = style.unwrap_or("").to_ascii_lowercase();
        let is_title = style == "title" || style == "heading1" || style == "heading 1";
        if is_title && self.body.heading.is_none() && self.tables.is_empty() {
            self.body.heading = Some(text.clone());
        }
        self.emit(&text);
    }

    /// A finished paragraph goes into the open table cell, else into the body.
    fn emit(&mut self, text: &str) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text);
        } else if let Some((outer, _)) = self.open.last_mut() {
            // A text box inside a paragraph: its text joins the paragraph.
            if !outer.is_empty() {
                outer.push(' ');
            }
            outer.push_str(text);
        } else {
            self.body.paragraphs.push(text.to_owned());
        }
    }
}

/// Trims each line, drops empty lines, and keeps line breaks inside the paragraph.
fn tidy(text: &str) -> String {
    text.split('\n')
        .map(|l| l.trim_matches(|c: char| c == ' ' || (c.is_control() && c != '\t')))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn attribute(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.local_name();
        // Style ids and similar values never hold entities: the raw value will do.
        (key.as_ref() == local).then(|| a.value.into_owned())
    })
}

fn xml_error(part: &str, e: quick_xml::Error, at: u64) -> String {
    format!("damaged DOCX: {part} is not well-formed XML ({e} at byte {at})")
}

/// Text of a character or predefined entity reference (`&amp;`, `&#8217;`).
fn entity(name: &str) -> Option<String> {
    if let Some(s) = quick_xml::escape::resolve_predefined_entity(name) {
        return Some(s.to_owned());
    }
    let code = name.strip_prefix('#')?;
    let n = match code.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => code.parse().ok()?,
    };
    char::from_u32(n).map(String::from)
}

fn body_of(xml: &str) -> Result<Body, String> {
    let part = "word/document.xml";
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut b = BodyBuilder::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(part, e, reader.error_position()))?;
        match event {
            Event::Start(e) => b.start(&e, false),
            Event::Empty(e) => b.start(&e, true),
            Event::End(e) => b.end(e.local_name().as_ref()),
            Event::Text(t) if b.in_text && b.fallback == 0 => b.push_text(&t.xml10_content()),
            Event::CData(t) if b.in_text && b.fallback == 0 => b.push_text(&t.into_inner()),
            Event::GeneralRef(r) if b.in_text && b.fallback == 0 => {
                let name = r.xml10_content();
                if let Some(s) = entity(&name) {
                    b.push_text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !b.open.is_empty() || !b.tables.is_empty() {
        return Err(format!(
            "damaged DOCX: {part} ends inside an open paragraph or table (cut off?)"
        ));
    }
    Ok(b.body)
}

#[derive(Default)]
struct Core {
    title: Option<String>,
    creator: Option<String>,
    language: Option<String>,
    created: Option<TimeSpan>,
    modified: Option<TimeSpan>,
}

/// Core properties; a damaged `core.xml` only loses the metadata, not the document.
fn core_of(xml: &str) -> Core {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                current = Some((e.local_name().as_ref().to_owned(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, value)) = &mut current {
                    value.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let (Some((_, value)), Some(s)) = (&mut current, entity(&r.xml10_content())) {
                    value.push_str(&s);
                }
            }
            Event::End(_) => {
                if let Some((key, value)) = current.take() {
                    let value = value.trim().to_owned();
                    if !value.is_empty() {
                        fields.push((key, value));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    Core {
        title: get("title"),
        creator: get("creator"),
        language: get("language"),
        created: get("created").as_deref().and_then(w3c_date),
        modified: get("modified").as_deref().and_then(w3c_date),
    }
}

/// `2025-08-21T09:30:00Z`, `2025-08-21T09:30:00+03:00` or `2025-08-21`; the offset is
/// dropped (see [`super::fields`]).
fn w3c_date(raw: &str) -> Option<TimeSpan> {
    let raw = raw.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw) {
        return minute_span(t.naive_local());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S") {
        return minute_span(t);
    }
    let d = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    Some(TimeSpan::day(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tabs_breaks_and_tables() {
        let xml = r#"<?xml version="1.0"?>
<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
  <w:r><w:t>Talks &amp; terms</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Kyiv </w:t></w:r><w:r><w:t>said</w:t><w:tab/><w:t>no.</w:t><w:br/><w:t>Next line</w:t></w:r></w:p>
<w:p><w:r><w:delText>deleted</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>chosen</w:t></mc:Choice><mc:Fallback><w:p><w:r><w:t>fallback</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Date</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Event</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>21 Aug</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Talks</w:t></w:r></w:p><w:p><w:r><w:t>resume</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let body = body_of(xml).unwrap();
        assert_eq!(
            body.paragraphs,
            [
                "Talks & terms",
                "Kyiv said\tno.\nNext line",
                "chosen",
                "Date | Event",
                "21 Aug | Talks resume"
            ]
        );
        assert_eq!(body.heading.as_deref(), Some("Talks & terms"));
    }

    #[test]
    fn broken_xml_is_a_clear_error() {
        let err = body_of("<w:document><w:body><w:p></w:body>").unwrap_err();
        assert!(err.contains("not well-formed XML"), "{err}");
    }

    #[test]
    fn core_dates() {
        let core = core_of(
            r#"<cp:coreProperties xmlns:dc="dc" xmlns:dcterms="t">
            <dc:title>Grain talks</dc:title><dc:creator>Anna Kovalenko</dc:creator>
            <dcterms:created xsi:type="dcterms:W3CDTF">2025-08-21T09:30:00Z</dcterms:created>
            </cp:coreProperties>"#,
        );
        assert_eq!(core.title.as_deref(), Some("Grain talks"));
        assert_eq!(core.created.unwrap().value.to_string(), "2025-08-21T09:30");
        assert!(core.modified.is_none());
        assert_eq!(
            w3c_date("2025-08-21").unwrap().value.to_string(),
            "2025-08-21"
        );
    }
}
