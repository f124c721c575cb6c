//! A [`Source`]: one imported article, its clean text and its metadata.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};

use super::{SourceId, TimeSpan};

/// What a source was imported from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    #[default]
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
    Feed,
    Email,
    Url,
    Pasted,
    /// One post of a Telegram, X or Mastodon export.
    Post,
}

/// A character range `[start, end)` in a source's normalized text, counted in Unicode
/// scalar values (chars), not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

impl CharRange {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub format: SourceFormat,
    /// Publication date and time: anchors every relative time in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<TimeSpan>,
    /// Where `published` came from ("json-ld", "opengraph", "user", "--published" …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Normalized UTF-8 text; every evidence range points into it.
    #[serde(default)]
    pub text: String,
    /// Paragraph boundaries in `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<CharRange>,
    /// `sha256:` of `text`, for duplicate detection.
    #[serde(default)]
    pub content_hash: String,
    /// The first source of the story this one is another version of (the same article in
    /// another format, edition or update); see `ingest::story`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_of: Option<SourceId>,
    /// When the imported file was last modified: offered as a publication date when the
    /// article gives none (never used as one unasked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_modified: Option<DateTime<Utc>>,
    /// Stretches of the text with a time of their own (live-blog updates, embedded posts):
    /// relative times inside resolve against it and statements inside are said then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<TextAnchor>,
    /// Fields written by newer versions of Claimline, kept as they were (see [`super::file`]).
    #[serde(flatten, skip_deserializing)]
    pub extra: Map<String, Value>,
}

impl super::extra::KnownFields for Source {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "title",
        "outlet",
        "authors",
        "url",
        "format",
        "published",
        "published_from",
        "retrieved",
        "language",
        "text",
        "paragraphs",
        "content_hash",
        "version_of",
        "file_modified",
        "anchors",
    ];
}

impl Source {
    /// A source from normalized text; paragraphs are split at blank lines.
    pub fn from_text(id: SourceId, title: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            id,
            title: title.into(),
            outlet: None,
            authors: Vec::new(),
            url: None,
            format: SourceFormat::Text,
            published: None,
            published_from: None,
            retrieved: None,
            language: None,
            paragraphs: paragraph_ranges(&text),
            content_hash: content_hash(&text),
            version_of: None,
            file_modified: None,
            anchors: Vec::new(),
            text,
            extra: Map::new(),
        }
    }

    /// The text of a char range, or `None` if it is out of bounds.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        char_slice(&self.text, range)
    }

    /// The publication date, the default anchor of relative times.
    pub fn published_date(&self) -> Option<chrono::NaiveDate> {
        self.published.as_ref().map(|p| p.start.date())
    }

    /// What the anchors say about the source, for messages: "live blog, 9 updates (20 Aug
    /// 2025 09:00 – 21 Aug 2025 09:05), 1 embedded post"; `None` without anchors.
    pub fn anchor_summary(&self) -> Option<String> {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let updates: Vec<&TextAnchor> = self
            .anchors
            .iter()
            .filter(|a| a.kind == AnchorKind::Update)
            .collect();
        let posts = self.anchors.len() - updates.len();
        let mut parts = Vec::new();
        if !updates.is_empty() {
            let first = updates
                .iter()
                .map(|a| &a.time)
                .min_by(|a, b| a.cmp_chronological(b));
            let last = updates
                .iter()
                .map(|a| &a.time)
                .max_by(|a, b| a.cmp_chronological(b));
            let mut text = format!("live blog, {}", plural(updates.len(), "update"));
            if let (Some(first), Some(last)) = (first, last) {
                text.push_str(&format!(" ({} – {})", first.label(), last.label()));
            }
            parts.push(text);
        }
        if posts > 0 {
            parts.push(plural(posts, "embedded post"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The innermost anchor whose range holds the char offset `at`.
    pub fn anchor_at(&self, at: usize) -> Option<&TextAnchor> {
        innermost_anchor(&self.anchors, at)
    }
}

/// What kind of stretch a [`TextAnchor`] is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorKind {
    /// One timestamped update of a live blog.
    #[default]
    Update,
    /// A social-media post embedded in the page.
    Post,
}

/// A stretch of a source's text with its own time: a live-blog update ("14:32 BST") or an
/// embedded post. The extractor resolves relative times inside it against `time` and dates
/// statements inside it by `time`; the entries found there are *reported* at `time`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextAnchor {
    pub kind: AnchorKind,
    /// Char range in the source's text.
    pub range: CharRange,
    /// The publisher's wall-clock time (minute precision where the page gives one).
    pub time: TimeSpan,
    /// Where the time came from, as the page wrote it ("14:32 BST", "from the post's id").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The innermost of `anchors` holding char offset `at` (a post inside an update wins).
pub fn innermost_anchor(anchors: &[TextAnchor], at: usize) -> Option<&TextAnchor> {
    anchors
        .iter()
        .filter(|a| a.range.start <= at && at < a.range.end)
        .min_by_key(|a| a.range.len())
}

/// Slices `text` by char offsets.
pub fn char_slice(text: &str, range: CharRange) -> Option<&str> {
    if range.start > range.end {
        return None;
    }
    let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let start = indices.nth(range.start)?;
    let end = if range.end == range.start {
        start
    } else {
        indices.nth(range.end - range.start - 1)?
    };
    Some(&text[start..end])
}

pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Paragraphs are runs of non-blank lines; ranges are in chars.
pub fn paragraph_ranges(text: &str) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_nonblank_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let len = line.chars().count();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(CharRange::new(s, last_nonblank_end));
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            last_nonblank_end = pos + content.chars().count();
        }
        pos += len;
    }
    if let Some(s) = start {
        out.push(CharRange::new(s, last_nonblank_end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slices_count_chars_not_bytes() {
        let text = "“Quote” — ok";
        assert_eq!(char_slice(text, CharRange::new(0, 7)), Some("“Quote”"));
        assert_eq!(char_slice(text, CharRange::new(10, 12)), Some("ok"));
        assert_eq!(char_slice(text, CharRange::new(12, 12)), Some(""));
        assert_eq!(char_slice(text, CharRange::new(10, 13)), None);
        assert_eq!(char_slice(text, CharRange::new(5, 4)), None);
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "One.\nStill one.\n\n  \nTwo.\n";
        let paras = paragraph_ranges(text);
        assert_eq!(paras.len(), 2);
        assert_eq!(char_slice(text, paras[0]), Some("One.\nStill one."));
        assert_eq!(char_slice(text, paras[1]), Some("Two."));
    }

    #[test]
    fn hash_changes_with_text() {
        assert_ne!(content_hash("a"), content_hash("b"));
        assert!(content_hash("a").starts_with("sha256:"));
        assert_eq!(content_hash("a").len(), 7 + 64);
    }
}
