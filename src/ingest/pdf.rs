//! PDF: the text layer in reading order, and metadata from the info dictionary.
//!
//! `pdf-extract` interprets the content streams and reports every glyph with its position;
//! [`layout`] turns positioned glyphs into paragraphs (columns, running heads, hyphens).
//! PDF parsers can panic on malformed input, so parsing runs under `catch_unwind` and any
//! panic becomes a "damaged PDF" error for that file alone.

mod layout;

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::fields::{calendar_span, split_authors};
use super::{Document, Reader};
use crate::model::SourceFormat;
use layout::{Page, Span, WORD_GAP};

pub struct PdfReader;

const MAGIC: &[u8] = b"%PDF-";
/// `%%EOF` must occur this close to the end; otherwise the file was cut off.
const EOF_WINDOW: usize = 2048;
/// Glyphs kept per document; beyond this the text is not an article.
const MAX_GLYPHS: usize = 20_000_000;
/// Glyphs further apart than this many font sizes are in separate spans (a gutter, a tab).
const SPAN_BREAK: f64 = 0.8;
/// A title longer than this is not a headline, so the first-line fallback skips it.
const MAX_TITLE_CHARS: usize = 150;

impl Reader for PdfReader {
    fn sniff(&self, head: &[u8], name: &str) -> bool {
        // The header may follow a few junk bytes (the spec allows 1024).
        contains(head, MAGIC) || name.to_ascii_lowercase().ends_with(".pdf")
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        read_pdf(bytes, name).map(|d| vec![d])
    }

    fn name(&self) -> &'static str {
        "pdf"
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn read_pdf(bytes: &[u8], name: &str) -> Result<Document, String> {
    if !contains(&bytes[..bytes.len().min(1024)], MAGIC) {
        return Err("not a PDF: the file does not start with %PDF-".to_owned());
    }
    if !contains(&bytes[bytes.len().saturating_sub(EOF_WINDOW)..], b"%%EOF") {
        return Err(
            "truncated PDF: the file stops before its end marker (%%EOF); it was probably cut \
             off while downloading or copying"
                .to_owned(),
        );
    }
    let (pages, info) = match catch_unwind(AssertUnwindSafe(|| parse(bytes))) {
        Ok(result) => result?,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown reason".to_owned());
            return Err(format!("damaged PDF: the PDF parser gave up ({why})"));
        }
    };
    let text = layout::pages_text(pages);
    if text.trim().is_empty() {
        return Err(
            "the PDF has no text layer (a scan or images only); run OCR on it first".to_owned(),
        );
    }
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let title = info
        .title
        .or_else(|| first_line_title(&text))
        .unwrap_or_else(|| stem.to_owned());
    let published = info.created.as_deref().and_then(pdf_date);
    Ok(Document {
        title,
        authors: info
            .author
            .as_deref()
            .map(split_authors)
            .unwrap_or_default(),
        format: SourceFormat::Pdf,
        published_from: published.as_ref().map(|_| "pdf-info".to_owned()),
        published,
        text,
        ..Document::default()
    })
}

#[derive(Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    created: Option<String>,
}

fn parse(bytes: &[u8]) -> Result<(Vec<Page>, Info), String> {
    let mut doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| format!("damaged PDF: {e}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(
            "the PDF is protected by a password; save an unprotected copy and import that"
                .to_owned(),
        );
    }
    let info = info_of(&doc);
    let mut glyphs = GlyphCollector::default();
    let pages = doc.get_pages();
    for &number in pages.keys() {
        pdf_extract::output_doc_page(&doc, &mut glyphs, number).map_err(|e| {
            if glyphs.overflow {
                format!("the PDF holds more than {MAX_GLYPHS} characters of text")
            } else {
                format!("damaged PDF: page {number} of {} ({e})", pages.len())
            }
        })?;
    }
    Ok((glyphs.pages, info))
}

fn info_of(doc: &pdf_extract::Document) -> Info {
    let dict = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let Some(dict) = dict else {
        return Info::default();
    };
    let field = |key: &[u8]| {
        let object = dict.get(key).ok()?;
        let (_, object) = doc.dereference(object).ok()?;
        let text = pdf_extract::decode_text_string(object).ok()?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    };
    Info {
        title: field(b"Title").and_then(|t| clean_title(&t)),
        author: field(b"Author"),
        created: field(b"CreationDate"),
    }
}

/// Drops titles that are file names or word-processor boilerplate.
fn clean_title(title: &str) -> Option<String> {
    let title = title
        .strip_prefix("Microsoft Word - ")
        .unwrap_or(title)
        .trim();
    let lower = title.to_ascii_lowercase();
    let file_name = [
        ".doc", ".docx", ".pdf", ".odt", ".indd", ".rtf", ".txt", ".html",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    let placeholder = matches!(lower.as_str(), "untitled" | "title" | "document");
    (!title.is_empty() && !file_name && !placeholder).then(|| title.to_owned())
}

fn first_line_title(text: &str) -> Option<String> {
    let first = text.split("\n\n").next()?.trim();
    (first.chars().count() <= MAX_TITLE_CHARS && !first.ends_with('.')).then(|| first.to_owned())
}

/// `D:YYYYMMDDHHmmSSOHH'mm'`, every field after the year optional; the offset is dropped
/// (see [`super::fields`]).
fn pdf_date(raw: &str) -> Option<crate::model::TimeSpan> {
    let s = raw.trim().strip_prefix("D:").unwrap_or(raw.trim());
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let field = |from: usize, len: usize| -> Option<u32> {
        digits.get(from..from + len).and_then(|d| d.parse().ok())
    };
    let year = i32::try_from(field(0, 4)?).ok()?;
    let hour_minute = field(8, 2).map(|h| (h, field(10, 2).unwrap_or(0)));
    calendar_span(year, field(4, 2), field(6, 2), hour_minute)
}

/// Receives glyphs from `pdf-extract` and groups them into spans per page.
#[derive(Default)]
struct GlyphCollector {
    pages: Vec<Page>,
    page_height: f64,
    /// The span being built and where its last glyph ended.
    open: Option<Span>,
    glyph_count: usize,
    overflow: bool,
}

impl GlyphCollector {
    fn close_span(&mut self) {
        if let Some(span) = self.open.take()
            && !span.text.trim().is_empty()
            && let Some(page) = self.pages.last_mut()
        {
            page.spans.push(span);
        }
    }
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page::default());
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.close_span();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.glyph_count += 1;
        if self.glyph_count > MAX_GLYPHS {
            self.overflow = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text rendering matrix scales the font size; its area gives the size on the page.
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let end = x + width * size;
        if !(x.is_finite() && y.is_finite() && end.is_finite()) {
            return Ok(());
        }
        if let Some(span) = &mut self.open {
            let same_line = (y - span.y).abs() < 0.2 * span.size.max(size);
            let gap = x - span.x1;
            if same_line && gap > -0.5 * size && gap < SPAN_BREAK * size {
                if gap > WORD_GAP * size && !span.text.ends_with(' ') && char != " " {
                    span.text.push(' ');
                }
                span.text.push_str(char);
                span.x1 = span.x1.max(end);
                span.size = span.size.max(size);
                return Ok(());
            }
        }
        self.close_span();
        if char.trim().is_empty() {
            return Ok(());
        }
        self.open = Some(Span {
            x0: x,
            x1: end,
            y,
            size,
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    #[test]
    fn pdf_dates_keep_the_fields_given() {
        let t = pdf_date("D:20250821093000+03'00'").unwrap();
        assert_eq!(t.value.to_string(), "2025-08-21T09:30");
        assert_eq!(pdf_date("D:20250821").unwrap().precision, Precision::Day);
        assert_eq!(pdf_date("D:2025").unwrap().precision, Precision::Year);
        assert_eq!(
            pdf_date("20250821120500Z").unwrap().value.to_string(),
            "2025-08-21T12:05"
        );
        assert!(pdf_date("D:20251340").is_none());
        assert!(pdf_date("yesterday").is_none());
    }

    #[test]
    fn boilerplate_titles_are_ignored() {
        assert_eq!(
            clean_title("Microsoft Word - Report"),
            Some("Report".into())
        );
        assert_eq!(clean_title("draft-3.docx"), None);
        assert_eq!(clean_title("Untitled"), None);
    }
}
