//! Ingest: a file, URL or pasted text → a [`Source`] with clean text and metadata.
//!
//! One [`Reader`] per format, chosen by sniffing the content first and the file name second
//! (see [`read_bytes`]); plain text is the fallback. Readers share charset decoding
//! ([`encoding`]) and HTML → text ([`html`]); [`metadata`] finds titles, authors and the
//! publication date, and records which evidence gave the date.

mod docx;
mod embeds;
pub mod encoding;
pub mod eval;
mod feed;
mod fields;
pub mod html;
mod liveblog;
mod mail;
mod markdown;
pub mod metadata;
pub mod path_date;
mod pdf;
pub mod posts;
pub mod story;
mod text;
pub mod url;

use std::path::{Path, PathBuf};

use crate::model::{Source, SourceFormat, SourceId, TimeSpan, content_hash, paragraph_ranges};

pub use html::{html_fragment_text, read_html_document};
pub use metadata::detect_language;
pub use url::{FetchOptions, fetch_url};

/// Files larger than this are refused before reading, to keep memory bounded.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is too large ({size} bytes or more; the limit is {MAX_FILE_BYTES})")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: {format} files are not supported yet")]
    Unsupported { path: String, format: String },
    #[error("{path}: {reason}")]
    Invalid { path: String, reason: String },
    /// A URL could not be fetched: network failure, HTTP error status, timeout, too large.
    #[error("cannot fetch {url}: {reason}")]
    Network { url: String, reason: String },
}

/// What a reader found in one document, before it becomes a [`Source`] of a project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub format: SourceFormat,
    pub published: Option<TimeSpan>,
    /// Which metadata gave `published` ("json-ld", "opengraph", "meta", "time-element",
    /// "url", "dateline", "date-line", "front-matter", "path", …).
    pub published_from: Option<String>,
    /// Last modification, when the page says (not stored in the project yet).
    pub modified: Option<TimeSpan>,
    pub language: Option<String>,
    pub text: String,
    /// The file's own modification time (set by [`read_path`]).
    pub file_modified: Option<chrono::DateTime<chrono::Utc>>,
    /// Live-blog updates and embedded posts with their own times (char ranges in `text`).
    pub anchors: Vec<crate::model::TextAnchor>,
}

impl Document {
    pub fn into_source(self, id: SourceId) -> Source {
        let mut s = Source::from_text(id, self.title, String::new());
        s.outlet = self.outlet;
        s.authors = self.authors;
        s.url = self.url;
        s.format = self.format;
        s.published = self.published;
        s.published_from = self.published_from;
        s.language = self.language;
        s.file_modified = self.file_modified;
        s.anchors = self.anchors;
        s.retrieved = Some(chrono::Utc::now());
        s.paragraphs = paragraph_ranges(&self.text);
        s.content_hash = content_hash(&self.text);
        s.text = self.text;
        s
    }
}

/// One input format.
pub trait Reader {
    /// Whether this reader handles the content. `head` is the first [`HEAD_BYTES`] bytes and
    /// `name` the file name. [`read_bytes`] asks every reader twice: first with an empty
    /// `name` (content alone decides), then with the name (the extension decides), so a page
    /// saved as `.txt` is still read as HTML. Sniff the extension only when `name` is
    /// non-empty.
    fn sniff(&self, head: &[u8], name: &str) -> bool;
    /// Reads the documents in `bytes` (a feed holds many).
    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String>;
    fn name(&self) -> &'static str;
}

/// How much of the start of the content [`Reader::sniff`] sees.
pub const HEAD_BYTES: usize = 1024;

/// File extensions Claimline reads as articles (lower case, no dot): what the import dialogs
/// offer and what a folder import picks up. Other files can still be imported one by one
/// (their content is sniffed), but a folder import leaves them alone.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "pdf", "docx", "eml", "rss",
    "atom", "xml",
];

/// Post exports, by their usual file names (JSON files in general are not articles).
pub const POST_EXPORT_NAMES: &[&str] = &["result.json", "tweets.js", "tweet.js", "outbox.json"];

/// At most this many files from one folder import, so that pointing it at a home folder
/// cannot queue a whole disk.
pub const MAX_FOLDER_FILES: usize = 5_000;
/// Folder imports go this deep below the folder chosen.
const MAX_FOLDER_DEPTH: usize = 8;

/// Every article file under `dir` (by [`ARTICLE_EXTENSIONS`]), sorted by path, skipping
/// hidden files and folders; at most [`MAX_FOLDER_FILES`] (the second value says whether more
/// were left out). Unreadable sub-folders are skipped; an unreadable `dir` is an error.
pub fn article_files_under(dir: &Path) -> Result<(Vec<PathBuf>, bool), IngestError> {
    let read_err = |source| IngestError::Read {
        path: dir.display().to_string(),
        source,
    };
    let mut files = Vec::new();
    let mut more = false;
    let mut stack = vec![(dir.to_owned(), 0usize)];
    std::fs::read_dir(dir).map_err(read_err)?;
    while let Some((folder, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            // Not followed: a symlinked folder could loop back to an ancestor.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if depth < MAX_FOLDER_DEPTH {
                    stack.push((path, depth + 1));
                }
            } else if is_article_name(&name) {
                if files.len() == MAX_FOLDER_FILES {
                    more = true;
                    break;
                }
                files.push(path);
            }
        }
    }
    files.sort();
    Ok((files, more))
}

/// Whether a file name has one of the [`ARTICLE_EXTENSIONS`] or is a post export's.
pub fn is_article_name(name: &str) -> bool {
    if POST_EXPORT_NAMES.contains(&name.to_ascii_lowercase().as_str()) {
        return true;
    }
    Path::new(name).extension().is_some_and(|e| {
        ARTICLE_EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
    })
}

/// The extension of `name`, lower case, or "".
pub fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Formats Claimline recognises but does not read, named so the message is specific.
/// Asked only after every reader in [`readers`] declined.
fn unsupported_format(_head: &[u8], name: &str) -> Option<&'static str> {
    match extension(name).as_str() {
        "doc" => Some("Word 97–2003 (.doc)"),
        "odt" => Some("OpenDocument (.odt)"),
        "rtf" => Some("RTF"),
        "epub" => Some("EPUB"),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "tif" | "tiff" => Some("image"),
        _ => None,
    }
}

/// The lower-cased start of `head` after a BOM, white space, an XML declaration and comments:
/// where the first real tag of markup is.
pub fn trimmed_start(head: &[u8]) -> Vec<u8> {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        let skip = if rest.starts_with(b"<?") {
            find(rest, b"?>").map(|i| i + 2)
        } else if rest.starts_with(b"<!--") {
            find(rest, b"-->").map(|i| i + 3)
        } else {
            None
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => break,
        }
    }
    rest[..rest.len().min(64)].to_ascii_lowercase()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The readers tried, in order; plain text is the fallback after them.
fn readers() -> Vec<Box<dyn Reader>> {
    vec![
        Box::new(html::HtmlReader),
        Box::new(markdown::MarkdownReader),
        Box::new(pdf::PdfReader),
        Box::new(docx::DocxReader),
        Box::new(posts::PostsReader),
        Box::new(feed::FeedReader),
        Box::new(mail::MailReader),
    ]
}

/// Reads a file into documents. Files over [`MAX_FILE_BYTES`] are refused from their size
/// alone, before anything is read.
pub fn read_path(path: &Path) -> Result<Vec<Document>, IngestError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| IngestError::Read {
        path: shown.clone(),
        source,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            path: shown,
            size: meta.len(),
        });
    }
    // Devices and pipes report a length of 0 (`/dev/zero` never ends): read at most one byte
    // past the limit, whatever the metadata says.
    let bytes = {
        use std::io::Read as _;
        let file = std::fs::File::open(path).map_err(|source| IngestError::Read {
            path: shown.clone(),
            source,
        })?;
        let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| IngestError::Read {
                path: shown.clone(),
                source,
            })?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(IngestError::TooLarge {
                path: shown,
                size: bytes.len() as u64,
            });
        }
        bytes
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file_modified = meta
        .modified()
        .ok()
        .map(chrono::DateTime::<chrono::Utc>::from);
    // Post exports read the account's name from the file beside them.
    let read = match posts::read_file(path, &bytes) {
        Some(read) => read
            .map(|mut docs| {
                finish(&mut docs);
                docs
            })
            .map_err(|reason| IngestError::Invalid {
                path: shown.clone(),
                reason,
            }),
        None => read_bytes(&bytes, &name),
    };
    let mut docs = read.map_err(|e| match e {
        IngestError::Invalid { reason, .. } => IngestError::Invalid {
            path: shown.clone(),
            reason,
        },
        IngestError::Unsupported { format, .. } => IngestError::Unsupported {
            path: shown.clone(),
            format,
        },
        other => other,
    })?;
    let path_day = path_date::date_from_path(path);
    for doc in &mut docs {
        doc.file_modified = file_modified;
        if let Some(day) = path_day {
            date_from_path(doc, day);
        }
    }
    Ok(docs)
}

/// Dates `doc` by `day`, the date in its file's path, when the document names none of its own
/// or only a "Last updated" stamp (`last-updated`, which may be later than publication). A
/// dateline that names no year ("VALMORA, March 4 (Northwire) –") is the text's own date and
/// comes first, in the year that puts it nearest `day`; this is for the formats whose readers
/// look for datelines (plain text, Markdown, HTML).
fn date_from_path(doc: &mut Document, day: chrono::NaiveDate) {
    if doc.published.is_some() && doc.published_from.as_deref() != Some("last-updated") {
        return;
    }
    let reads_datelines = matches!(
        doc.format,
        SourceFormat::Text | SourceFormat::Markdown | SourceFormat::Html
    );
    let (span, from) = match reads_datelines
        .then(|| metadata::dateline_near(&doc.text, day))
        .flatten()
    {
        Some(span) => (Some(span), "dateline"),
        None => (metadata::day_span(day), "path"),
    };
    if let Some(span) = span {
        doc.published = Some(span);
        doc.published_from = Some(from.to_owned());
    }
}

/// Reads in-memory content; `name` is the file name (for sniffing and the default title).
///
/// The reader is chosen by content first (every reader's [`Reader::sniff`] with an empty
/// name), then by extension, then recognised-but-unsupported formats are refused by name,
/// and whatever is left is read as plain text (which refuses binary content).
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Vec<Document>, IngestError> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let readers = readers();
    let chosen = readers
        .iter()
        .find(|r| r.sniff(head, ""))
        .or_else(|| readers.iter().find(|r| r.sniff(head, name)));
    let fallback: Box<dyn Reader> = Box::new(text::TextReader);
    let reader = match chosen {
        Some(r) => r,
        None => {
            if let Some(format) = unsupported_format(head, name) {
                return Err(IngestError::Unsupported {
                    path: name.to_owned(),
                    format: format.to_owned(),
                });
            }
            &fallback
        }
    };
    let mut docs = reader
        .read(bytes, name)
        .map_err(|reason| IngestError::Invalid {
            path: name.to_owned(),
            reason,
        })?;
    finish(&mut docs);
    Ok(docs)
}

/// What every reader's documents get: a language when the reader found none, and the
/// outlet split off a "Title – Outlet" title.
fn finish(docs: &mut [Document]) {
    for doc in docs {
        if doc.language.is_none() {
            doc.language = detect_language(&doc.text);
        }
        split_title_outlet(doc);
    }
}

/// "Title – Outlet" becomes title and outlet, for every format (HTML does it earlier, with
/// the page's own headline to compare). A suffix that names another outlet than the one the
/// document gave is left in the title (it may be a series or a section), except in mail,
/// whose outlet is only the sender's name when no list names it.
fn split_title_outlet(doc: &mut Document) {
    if doc.format == SourceFormat::Html {
        return;
    }
    let Some((headline, suffix)) = metadata::split_outlet_suffix(&doc.title) else {
        return;
    };
    let related = |o: &str| {
        let (o, s) = (o.to_lowercase(), suffix.to_lowercase());
        o.contains(&s) || s.contains(&o)
    };
    match doc.outlet.as_deref() {
        Some(o) if related(o) => doc.title = headline,
        Some(_) if doc.format != SourceFormat::Email => {}
        _ => {
            doc.title = headline;
            doc.outlet = Some(suffix);
        }
    }
}
