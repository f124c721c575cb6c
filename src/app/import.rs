//! Imports (files, URLs, pasted text) run on a worker thread; results come back through a
//! channel and are applied on the UI thread as one undoable step.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::Workspace;
use crate::extract::{self, Extraction};
use crate::ingest;
use crate::model::{Command, Source, SourceId};

/// What to import.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportItem {
    File(PathBuf),
    /// Fetched over HTTP(S): the only network use, and only when the user asks.
    Url(String),
    /// Text pasted from the clipboard.
    Text(String),
}

impl ImportItem {
    fn shown(&self) -> String {
        match self {
            Self::File(p) => p.display().to_string(),
            Self::Url(u) => u.clone(),
            Self::Text(_) => "pasted text".into(),
        }
    }
}

/// One item's outcome.
pub struct FileResult {
    pub item: ImportItem,
    pub outcome: Result<Vec<(Source, Extraction)>, String>,
}

/// A finished batch.
pub struct ImportDone {
    pub files: Vec<FileResult>,
    pub cancelled: bool,
}

struct Job {
    total: usize,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<ImportDone>,
}

#[derive(Default)]
pub struct Imports {
    jobs: Vec<Job>,
}

impl Imports {
    pub fn start(&mut self, ctx: &egui::Context, paths: Vec<ImportItem>) {
        let (tx, rx) = mpsc::channel();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let job = Job {
            total: paths.len(),
            done: done.clone(),
            cancel: cancel.clone(),
            rx,
        };
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                let mut files = Vec::new();
                let mut cancelled = false;
                for path in paths {
                    if cancel.load(Ordering::Relaxed) {
                        cancelled = true;
                        break;
                    }
                    files.push(read_one(path));
                    done.fetch_add(1, Ordering::Relaxed);
                    ctx.request_repaint();
                }
                let _ = tx.send(ImportDone { files, cancelled });
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.jobs.push(job);
        }
    }

    /// Finished batches, removed from the list.
    pub fn poll(&mut self) -> Vec<ImportDone> {
        let mut finished = Vec::new();
        self.jobs.retain(|job| match job.rx.try_recv() {
            Ok(done) => {
                finished.push(done);
                false
            }
            Err(mpsc::TryRecvError::Empty) => true,
            Err(mpsc::TryRecvError::Disconnected) => false,
        });
        finished
    }

    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// (files done, files in all running batches).
    pub fn progress(&self) -> (usize, usize) {
        self.jobs.iter().fold((0, 0), |(d, t), j| {
            (d + j.done.load(Ordering::Relaxed), t + j.total)
        })
    }

    pub fn cancel_all(&self) {
        for j in &self.jobs {
            j.cancel.store(true, Ordering::Relaxed);
        }
    }
}

fn read_one(item: ImportItem) -> FileResult {
    let read = match &item {
        ImportItem::File(path) => ingest::read_path(path),
        ImportItem::Url(url) => ingest::url::fetch_url(url, &ingest::url::FetchOptions::default()),
        ImportItem::Text(text) => ingest::read_bytes(text.as_bytes(), "Pasted text").map(|docs| {
            docs.into_iter()
                .map(|mut d| {
                    d.format = crate::model::SourceFormat::Pasted;
                    d.title = pasted_title(&d.text);
                    d
                })
                .collect()
        }),
    };
    let outcome = read
        .map(|docs| {
            docs.into_iter()
                .map(|doc| {
                    let source = doc.into_source(SourceId(0));
                    let extraction = extract::extract(&source, &extract::Options::default());
                    (source, extraction)
                })
                .collect()
        })
        .map_err(|e| e.to_string());
    FileResult { item, outcome }
}

/// A pasted text's title: its first line, shortened.
fn pasted_title(text: &str) -> String {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("Pasted text");
    crate::extract::label_of(first)
}

pub struct Applied {
    pub summary: Option<String>,
    pub failures: Vec<String>,
}

/// Adds the batch's sources and candidate entries as one undoable step. Articles whose text
/// is already in the project are skipped and reported.
pub fn apply_import(ws: &mut Workspace, done: ImportDone) -> Applied {
    let mut failures = Vec::new();
    let mut batch = Vec::new();
    let mut added_sources = 0;
    let mut added_entries = 0;
    let mut added: Vec<Source> = Vec::new();
    for file in done.files {
        match file.outcome {
            Err(e) => failures.push(e),
            Ok(items) => {
                for (mut source, extraction) in items {
                    let dup = ingest::find_duplicate(
                        ws.project.sources.iter().chain(added.iter()),
                        &source,
                    )
                    .map(|d| d.reason());
                    if let Some(reason) = dup {
                        failures.push(format!(
                            "{}: already in the project ({reason})",
                            file.item.shown()
                        ));
                        continue;
                    }
                    source.id = ws.project.new_source_id();
                    let entries = extraction.to_entries(&source, &mut ws.project);
                    added_entries += entries.len();
                    added_sources += 1;
                    added.push(source.clone());
                    batch.extend(crate::extract::insert_commands(source, entries));
                }
            }
        }
    }
    // An untitled project takes its first article's title (File → Project properties edits it).
    if ws.project.sources.is_empty()
        && ws.project.title == crate::model::Project::UNTITLED
        && let Some(first) = added.first()
        && !first.title.trim().is_empty()
    {
        batch.push(Command::SetTitle(first.title.trim().to_owned()));
    }
    let summary = (added_sources > 0)
        .then(|| format!("Imported {added_sources} source(s), {added_entries} candidate entries"));
    if !batch.is_empty() {
        let label = format!("Import {added_sources} source(s)");
        if let Err(e) = ws.apply(label, Command::Batch(batch)) {
            failures.push(format!("import failed: {e}"));
        }
    }
    if done.cancelled {
        failures.push("Import cancelled; files not yet read were skipped".into());
    }
    Applied { summary, failures }
}
