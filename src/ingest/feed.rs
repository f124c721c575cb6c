//! RSS, Atom and JSON Feed: each item becomes a document, full content preferred over the
//! summary, the feed's title as the outlet.
//!
//! `feed-rs` hands dates over as UTC. To keep the wall-clock time the publisher wrote (see
//! [`super::fields`]), our own timestamp parser returns that wall-clock time *labelled* UTC;
//! exactly midnight is read as a date without a time, as feeds write date-only values so.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use feed_rs::model::{Entry, Feed, Text};
use feed_rs::parser::{self, ParseErrorKind, ParseFeedError};

use super::fields::minute_span;
use super::html::html_fragment_text;
use super::{Document, Reader};
use crate::model::{SourceFormat, TimeSpan};

pub struct FeedReader;

impl Reader for FeedReader {
    fn sniff(&self, head: &[u8], name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        looks_like_feed(head) || lower.ends_with(".rss") || lower.ends_with(".atom")
    }

    fn read(&self, bytes: &[u8], _name: &str) -> Result<Vec<Document>, String> {
        let feed = parser::Builder::new()
            .timestamp_parser(wall_clock)
            .build()
            .parse(bytes)
            .map_err(|e| match e {
                ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
                    "not a feed: no RSS, Atom or JSON Feed found in the file".to_owned()
                }
                ParseFeedError::XmlReader(e) => format!("not a feed: the XML is broken ({e})"),
                ParseFeedError::JsonSerde(e) => format!("not a feed: the JSON is broken ({e})"),
                other => format!("not a feed: {other}"),
            })?;
        if feed.entries.is_empty() {
            return Err("the feed has no items".to_owned());
        }
        let outlet = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
        Ok(feed
            .entries
            .iter()
            .map(|entry| document(entry, &feed, outlet.clone()))
            .collect())
    }

    fn name(&self) -> &'static str {
        "feed"
    }
}

/// An `<rss>`, `<feed>` or `<rdf:RDF>` root element, or a JSON Feed version marker.
fn looks_like_feed(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return trimmed.contains("jsonfeed.org/version");
    }
    // The first element after the XML declaration, comments and doctype.
    let root = trimmed
        .match_indices('<')
        .map(|(i, _)| &trimmed[i + 1..])
        .find(|rest| !rest.starts_with(['?', '!']));
    root.is_some_and(|r| {
        let name: String = r
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect();
        matches!(name.as_str(), "rss" | "feed" | "rdf:rdf")
    })
}

fn document(entry: &Entry, feed: &Feed, outlet: Option<String>) -> Document {
    let title = entry.title.as_ref().map(plain).unwrap_or_default();
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            Some(if c.content_type.to_string().contains("html") {
                html_fragment_text(body)
            } else {
                normalize_plain(body)
            })
        })
        .filter(|t| !t.trim().is_empty());
    let text = content
        .or_else(|| entry.summary.as_ref().map(plain))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title.clone());
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let people = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    let authors = people
        .iter()
        .filter_map(|p| p.name.as_deref().or(p.email.as_deref()))
        // RSS writes "desk@example.org (Mark Ellis)"; the name keeps its parentheses.
        .map(|n| n.trim_matches(|c: char| c.is_whitespace() || "()\"'<>".contains(c)))
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    let published = entry.published.or(entry.updated).and_then(span_of);
    Document {
        title: if title.is_empty() {
            first_words(&text)
        } else {
            title
        },
        outlet,
        authors,
        url,
        format: SourceFormat::Feed,
        published_from: published.as_ref().map(|_| "feed".to_owned()),
        published,
        language: entry.language.clone().or_else(|| feed.language.clone()),
        text,
        modified: entry
            .updated
            .filter(|_| entry.published.is_some())
            .and_then(span_of),
        ..Document::default()
    }
}

fn plain(text: &Text) -> String {
    if text.content_type.to_string().contains("html") {
        html_fragment_text(&text.content)
    } else {
        normalize_plain(&text.content)
    }
}

/// Line ends unified, lines trimmed, runs of blank lines collapsed to one.
fn normalize_plain(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(12).collect();
    words.join(" ")
}

fn span_of(t: DateTime<Utc>) -> Option<TimeSpan> {
    let t = t.naive_utc();
    if t.time().num_seconds_from_midnight() == 0 {
        Some(TimeSpan::day(t.date()))
    } else {
        minute_span(t)
    }
}

/// Parses a feed timestamp and returns its wall-clock time labelled UTC (see the module doc).
fn wall_clock(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.naive_local().and_utc());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.naive_local().and_utc());
    }
    // Without the day name, which is often wrong or not English.
    let s = s.split_once(", ").map_or(s, |(_, rest)| rest);
    for format in [
        "%d %b %Y %H:%M:%S %z",
        "%d %b %Y %H:%M %z",
        "%d %B %Y %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, format) {
            return Some(t.naive_local().and_utc());
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%d %b %Y %H:%M:%S",
        "%d %b %Y %H:%M:%S GMT",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_keep_the_wall_clock() {
        let t = |s: &str| wall_clock(s).map(|t| t.naive_utc().to_string());
        assert_eq!(
            t("Thu, 21 Aug 2025 00:30:00 +0300").as_deref(),
            Some("2025-08-21 00:30:00")
        );
        assert_eq!(
            t("2025-08-21T09:30:00-04:00").as_deref(),
            Some("2025-08-21 09:30:00")
        );
        assert_eq!(
            t("Fri, 21 Aug 2025 09:30:00 +0000").as_deref(),
            Some("2025-08-21 09:30:00"),
            "a wrong day name does not lose the date"
        );
        assert_eq!(t("2025-08-21").as_deref(), Some("2025-08-21 00:00:00"));
        assert_eq!(t("last Tuesday"), None);
    }

    #[test]
    fn midnight_reads_as_a_date() {
        let day = span_of(wall_clock("2025-08-21").unwrap()).unwrap();
        assert_eq!(day.value.to_string(), "2025-08-21");
        let minute = span_of(wall_clock("2025-08-21T07:05:00Z").unwrap()).unwrap();
        assert_eq!(minute.value.to_string(), "2025-08-21T07:05");
    }

    #[test]
    fn sniffs_feeds_by_content() {
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
        ));
        assert!(looks_like_feed(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(looks_like_feed(
            b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"
        ));
        assert!(!looks_like_feed(b"<!doctype html><html><body>rss</body>"));
        assert!(!looks_like_feed(b"{\"a\": 1}"));
    }
}
