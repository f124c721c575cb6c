//! Ingest: a file (or pasted text) → a [`Source`] with clean text and metadata.
//!
//! One [`Reader`] per format, chosen by sniffing the content first and the file name second.

mod docx;
mod feed;
mod fields;
mod html;
mod mail;
mod pdf;
mod text;

use std::path::Path;

use crate::model::{Source, SourceFormat, SourceId, TimeSpan, content_hash, paragraph_ranges};

/// Files larger than this are refused before reading, to keep memory bounded.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is too large ({size} bytes; the limit is {MAX_FILE_BYTES})")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: {format} files are not supported yet")]
    Unsupported { path: String, format: String },
    #[error("{path}: {reason}")]
    Invalid { path: String, reason: String },
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
    /// Which metadata gave `published`.
    pub published_from: Option<String>,
    pub language: Option<String>,
    pub text: String,
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
        s.retrieved = Some(chrono::Utc::now());
        s.paragraphs = paragraph_ranges(&self.text);
        s.content_hash = content_hash(&self.text);
        s.text = self.text;
        s
    }
}

/// One input format.
pub trait Reader {
    /// Whether this reader handles the content (`head` is the first bytes, `name` the file name).
    fn sniff(&self, head: &[u8], name: &str) -> bool;
    /// Reads the documents in `bytes` (a feed holds many).
    fn read(&self, bytes: &[u8], name: &str) -> Result<Vec<Document>, String>;
    fn name(&self) -> &'static str;
}

/// Formats recognised but handled by readers still to come, so the message is specific.
fn unsupported_format(_head: &[u8], name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if matches!(ext, "html" | "htm" | "xhtml") {
        Some("HTML")
    } else {
        None
    }
}

fn readers() -> Vec<Box<dyn Reader>> {
    // Specific formats first: plain text accepts almost anything.
    vec![
        Box::new(pdf::PdfReader),
        Box::new(docx::DocxReader),
        Box::new(feed::FeedReader),
        Box::new(mail::MailReader),
        Box::new(text::TextReader),
    ]
}

/// Reads a file into documents.
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
    let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
        path: shown.clone(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_bytes(&bytes, &name).map_err(|e| match e {
        IngestError::Invalid { reason, .. } => IngestError::Invalid {
            path: shown.clone(),
            reason,
        },
        IngestError::Unsupported { format, .. } => IngestError::Unsupported {
            path: shown.clone(),
            format,
        },
        other => other,
    })
}

/// Reads in-memory content; `name` is the file name (for sniffing and the default title).
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Vec<Document>, IngestError> {
    let head = &bytes[..bytes.len().min(1024)];
    if let Some(format) = unsupported_format(head, name) {
        return Err(IngestError::Unsupported {
            path: name.to_owned(),
            format: format.to_owned(),
        });
    }
    for reader in readers() {
        if reader.sniff(head, name) {
            return reader
                .read(bytes, name)
                .map_err(|reason| IngestError::Invalid {
                    path: name.to_owned(),
                    reason,
                });
        }
    }
    Err(IngestError::Unsupported {
        path: name.to_owned(),
        format: "this kind of".to_owned(),
    })
}
