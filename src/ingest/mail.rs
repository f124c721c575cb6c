//! E-mail (`.eml`, MIME): newsletters and forwarded articles.
//!
//! The HTML body is preferred over text/plain: newsletters put the article in the HTML and a
//! shortened or link-only version in the text part. `mail-parser` decodes encoded-word
//! headers, quoted-printable, base64 and charsets. Subject → title; the `From:` display name →
//! author, and the outlet comes from `List-Id:` when the message has one (newsletters do),
//! else from the sender; `Date:` → publication time (wall clock, see [`super::fields`]).

use mail_parser::{Address, HeaderValue, MessageParser, PartType};

use super::fields::calendar_span;
use super::html::{html_fragment_text, read_html_document};
use super::{Document, Reader};
use crate::model::{SourceFormat, TimeSpan};

pub struct MailReader;

/// Header names that start a message; two of them in the first lines make it mail.
const MAIL_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "received",
    "return-path",
    "delivered-to",
    "reply-to",
    "content-type",
    "list-id",
    "x-mailer",
];

impl Reader for MailReader {
    fn sniff(&self, head: &[u8], name: &str) -> bool {
        looks_like_mail(head) || name.to_ascii_lowercase().ends_with(".eml")
    }

    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String> {
        read_mail(bytes, name).map(|d| vec![d])
    }

    fn name(&self) -> &'static str {
        "mail"
    }
}

/// Header lines from the first line on (an mbox `From ` line may come first), with at least
/// two well-known mail headers before the first blank line.
fn looks_like_mail(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head);
    let mut known = 0;
    for (i, line) in head.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if (i == 0 && line.starts_with("From ")) || line.starts_with([' ', '\t']) {
            continue; // mbox separator, or a folded header line
        }
        let Some((field, _)) = line.split_once(':') else {
            return false;
        };
        let field = field.to_ascii_lowercase();
        if field.is_empty() || field.contains(char::is_whitespace) {
            return false;
        }
        if MAIL_HEADERS.contains(&field.as_str()) {
            known += 1;
        }
    }
    known >= 2
}

fn read_mail(bytes: &[u8], name: &str) -> Result<Document, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| "not an e-mail message: no mail headers found".to_owned())?;

    let html = message.html_bodies().find_map(|part| match &part.body {
        PartType::Html(html) if !html.trim().is_empty() => Some(html.as_ref()),
        _ => None,
    });
    let plain = message.text_bodies().find_map(|part| match &part.body {
        PartType::Text(text) if !text.trim().is_empty() => Some(text.as_ref()),
        _ => None,
    });
    let (text, language) = match (html, plain) {
        (Some(html), _) => {
            let page = read_html_document(html.as_bytes(), name).ok();
            let language = page.as_ref().and_then(|p| p.language.clone());
            let text = page
                .map(|p| p.text)
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| html_fragment_text(html));
            (text, language)
        }
        (None, Some(plain)) => (normalize_plain(plain), None),
        (None, None) => (String::new(), None),
    };
    if text.trim().is_empty() {
        return Err("the message has no text or HTML body".to_owned());
    }

    let sender = message.from().and_then(Address::first);
    let sender_name = sender
        .and_then(|a| a.name())
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let (author, from_outlet) = sender_name.map(split_sender).unwrap_or((None, None));
    let list_outlet = match message.list_id() {
        HeaderValue::Address(a) => a.first().and_then(|a| a.name()).map(str::to_owned),
        _ => None,
    }
    .map(|s| s.trim().trim_matches('"').to_owned())
    .filter(|s| !s.is_empty());
    let outlet = list_outlet
        .or(from_outlet)
        .or_else(|| sender_name.map(str::to_owned))
        .or_else(|| {
            let address = sender?.address()?;
            address.split_once('@').map(|(_, domain)| domain.to_owned())
        });

    let published = message.date().and_then(mail_date);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Ok(Document {
        title: message
            .subject()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(stem)
            .to_owned(),
        outlet,
        authors: author.into_iter().collect(),
        format: SourceFormat::Email,
        published_from: published.as_ref().map(|_| "mail-date".to_owned()),
        published,
        language,
        text,
        ..Document::default()
    })
}

/// "Anna Kovalenko from The Meridian" or "Anna Kovalenko | The Meridian" → author and outlet;
/// a plain name is the author.
fn split_sender(name: &str) -> (Option<String>, Option<String>) {
    for separator in [" from ", " | ", " at ", " via "] {
        if let Some((person, outlet)) = name.split_once(separator) {
            return (
                Some(person.trim().to_owned()),
                Some(outlet.trim().to_owned()),
            );
        }
    }
    (Some(name.to_owned()), None)
}

/// `Date:` as written, in the sender's time zone (the offset is dropped).
fn mail_date(d: &mail_parser::DateTime) -> Option<TimeSpan> {
    calendar_span(
        i32::from(d.year),
        Some(u32::from(d.month)),
        Some(u32::from(d.day)),
        Some((u32::from(d.hour), u32::from(d.minute))),
    )
}

/// Line ends unified; paragraphs keep their line breaks (mail is often hard-wrapped).
fn normalize_plain(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_headers_not_prose() {
        assert!(looks_like_mail(
            b"Return-Path: <a@b.example>\r\nFrom: A <a@b.example>\r\nSubject: Hi\r\n\r\nBody"
        ));
        assert!(looks_like_mail(
            b"From a@b Thu Aug 21 09:30:00 2025\nFrom: a@b\nDate: Thu, 21 Aug 2025 09:30 +0000\n"
        ));
        assert!(!looks_like_mail(b"Note: this is prose.\nSubject: too\n"));
        assert!(!looks_like_mail(
            b"Kyiv said on Thursday that talks resume.\n"
        ));
    }

    #[test]
    fn sender_names_split_into_author_and_outlet() {
        assert_eq!(
            split_sender("Anna Kovalenko from The Meridian Review"),
            (
                Some("Anna Kovalenko".into()),
                Some("The Meridian Review".into())
            )
        );
        assert_eq!(
            split_sender("Mark Ellis"),
            (Some("Mark Ellis".into()), None)
        );
    }

    #[test]
    fn plain_text_keeps_paragraphs() {
        assert_eq!(
            normalize_plain("Line one\r\nline two\r\n\r\n\r\nNext.\r\n"),
            "Line one\nline two\n\nNext."
        );
    }
}
