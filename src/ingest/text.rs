//! Plain text in any encoding (see [`super::encoding`]); line endings unified.

use super::{Document, Reader, encoding};
use crate::model::SourceFormat;

pub struct TextReader;

/// A first line this short and without a final full stop reads as a headline.
const MAX_TITLE_CHARS: usize = 150;

impl Reader for TextReader {
    /// The fallback reader: anything else is tried as text, and [`encoding::decode`] refuses
    /// binary content with a clear message.
    fn sniff(&self, _head: &[u8], _name: &str) -> bool {
        true
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        let text = normalize(&encoding::decode(bytes, None)?.text);
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
    fn latin1_is_decoded_and_binary_refused() {
        let doc = &TextReader
            .read(
                b"Caf\xe9 \xab cr\xe8me \xbb\r\n\r\nLe ma\xeetre a parl\xe9.",
                "c.txt",
            )
            .unwrap()[0];
        assert_eq!(doc.text, "Café « crème »\n\nLe maître a parlé.");
        let mut bin = b"\x00\x01\x02garbage".repeat(100);
        bin.truncate(500);
        let err = TextReader.read(&bin, "x.txt").unwrap_err();
        assert!(err.contains("looks like a binary file"), "{err}");
    }

    #[test]
    fn long_first_paragraph_is_not_a_title() {
        let doc = &TextReader
            .read(b"Putin faces a problem. Troops desert.\n", "orikhiv.txt")
            .unwrap()[0];
        assert_eq!(doc.title, "orikhiv");
    }
}
