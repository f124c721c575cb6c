//! Plain text in any encoding (see [`super::encoding`]); line endings unified. The first
//! lines give the date, outlet and authors when they hold a dateline, a date line or a byline
//! ([`metadata::from_text`]); [`super::read_path`] adds a date from the file's path.

use super::{Document, Reader, encoding, metadata};
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
        let head = metadata::from_text(&text);
        Ok(vec![Document {
            title: title_of(&text).unwrap_or_else(|| stem.to_owned()),
            format: SourceFormat::Text,
            outlet: head.site_name,
            authors: head.authors,
            published_from: head.published.as_ref().map(|p| p.from.to_owned()),
            published: head.published.map(|p| p.span),
            modified: head.modified,
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

/// The first line, when it reads as a headline; a byline or a date line before it is skipped.
fn title_of(text: &str) -> Option<String> {
    let first = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .find(|l| metadata::byline(l).is_none() && metadata::date_line(l).is_none())?;
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

    fn read(text: &str) -> Document {
        TextReader.read(text.as_bytes(), "a.txt").unwrap().remove(0)
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

    #[test]
    fn datelines_date_plain_text() {
        let doc = read(
            "Council backs harbour plan\n\nVALMORA, 14 April 2026 – The council said on Tuesday that the plan would go ahead.\n",
        );
        assert_eq!(doc.title, "Council backs harbour plan");
        assert_eq!(published(&doc), ("2026-04-14".into(), "dateline".into()));
        assert_eq!(doc.outlet, None);
        let doc = read("VALMORA, April 16, 2026 — Officials said the port would reopen.");
        assert_eq!(published(&doc), ("2026-04-16".into(), "dateline".into()));
        let doc = read("VALMORA (Northwire) - The council said it would close the port.");
        assert_eq!(published(&doc), (String::new(), String::new()));
        assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
        // No year: the outlet now, the date once `read_path` knows a year.
        let doc = read("VALMORA, March 4 (Northwire) - Officials said the port would stay shut.");
        assert_eq!(published(&doc), (String::new(), String::new()));
        assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
    }

    #[test]
    fn date_lines_and_bylines_are_not_titles() {
        let doc =
            read("Saturday, 25 April 2009\nRig fire out\nThe fire was put out, officials said.\n");
        assert_eq!(published(&doc), ("2009-04-25".into(), "date-line".into()));
        assert_eq!(doc.title, "Rig fire out");
        let doc = read(
            "By Ann Lee, Northwire\nMarch 5, 2024\n\nThe port authority said it would reopen.",
        );
        assert_eq!(published(&doc), ("2024-03-05".into(), "date-line".into()));
        assert_eq!(doc.authors, ["Ann Lee"]);
        assert_eq!(doc.outlet.as_deref(), Some("Northwire"));
        assert_eq!(doc.title, "a");
        let doc = read("Port reopens\nBy Bo Chan\nTuesday 5 March 2024\nThe port reopened.");
        assert_eq!(published(&doc), ("2024-03-05".into(), "date-line".into()));
        assert_eq!(
            (doc.title.as_str(), doc.authors.as_slice()),
            ("Port reopens", &["Bo Chan".to_owned()][..])
        );
        assert_eq!(doc.outlet, None);
    }

    #[test]
    fn a_date_inside_the_first_sentence_dates_nothing() {
        let doc =
            read("On 20 April 2010, the Deepwater Horizon rig exploded.\nMarch 5, 2024 was cold.");
        assert_eq!(published(&doc), (String::new(), String::new()));
    }

    #[test]
    fn long_first_paragraph_is_not_a_title() {
        let doc = &TextReader
            .read(b"Putin faces a problem. Troops desert.\n", "orikhiv.txt")
            .unwrap()[0];
        assert_eq!(doc.title, "orikhiv");
    }
}
