//! Plain text: UTF-8 (with or without BOM) or UTF-16 with a BOM; line endings unified.

use super::{Document, Reader};
use crate::model::SourceFormat;

pub struct TextReader;

/// A first line this short and without a final full stop reads as a headline.
const MAX_TITLE_CHARS: usize = 150;

impl Reader for TextReader {
    fn sniff(&self, head: &[u8], _name: &str) -> bool {
        // Text unless it has NUL bytes outside a UTF-16 BOM'd stream.
        head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || !head.contains(&0)
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        let text = decode(bytes)?;
        let text = normalize(&text);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        Ok(vec![Document {
            title: title_of(&text).unwrap_or_else(|| stem.to_owned()),
            format: SourceFormat::Text,
            text,
            ..Document::default()
        }])
    }

    fn name(&self) -> &'static str {
        "text"
    }
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|e| not_utf8(&e));
    }
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| "the file claims UTF-16 but is damaged".to_owned())
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| not_utf8(&e))
}

fn not_utf8(e: &std::string::FromUtf8Error) -> String {
    format!(
        "the text is not UTF-8 (invalid byte at offset {}); save it as UTF-8 and import again",
        e.utf8_error().valid_up_to()
    )
}

/// CRLF and CR become LF; NUL and other control characters except tab and newline are
/// dropped, so offsets stay meaningful in every viewer.
pub fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn title_of(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    let short = first.chars().count() <= MAX_TITLE_CHARS;
    let sentence_like = first.ends_with(['.', '!', '?', '"', '”']) && first.contains(". ");
    (short && !sentence_like && !first.ends_with('.')).then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_unifies_line_ends() {
        let r = TextReader;
        let utf8 = r
            .read(b"\xEF\xBB\xBFHeadline\r\n\r\nBody.\r", "a.txt")
            .unwrap();
        assert_eq!(utf8[0].text, "Headline\n\nBody.\n");
        assert_eq!(utf8[0].title, "Headline");
        let mut le = vec![0xFF, 0xFE];
        for u in "Hé".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(r.read(&le, "b.txt").unwrap()[0].text, "Hé");
    }

    #[test]
    fn invalid_utf8_is_a_clear_error() {
        let err = TextReader.read(b"ok \xFF\xFE no", "c.txt").unwrap_err();
        assert!(
            err.contains("not UTF-8") && err.contains("offset 3"),
            "{err}"
        );
    }

    #[test]
    fn long_first_paragraph_is_not_a_title() {
        let doc = &TextReader
            .read(b"Putin faces a problem. Troops desert.\n", "orikhiv.txt")
            .unwrap()[0];
        assert_eq!(doc.title, "orikhiv");
    }
}
