//! Imports (files, URLs, pasted text) run on a worker thread; results come back through a
//! channel and are applied on the UI thread as one undoable step.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::Workspace;
use crate::extract::{self, Extraction};
use crate::ingest;
use crate::model::{AnchorKind, Command, Source, SourceId};

/// What to import.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportItem {
    File(PathBuf),
    /// Fetched over HTTP(S): the only network use, and only when the user asks.
    Url(String),
    /// Text pasted from the clipboard.
    Text(String),
    /// Every article file under a folder (listed on the worker thread).
    Folder(PathBuf),
}

impl ImportItem {
    fn shown(&self) -> String {
        match self {
            Self::File(p) => p.display().to_string(),
            Self::Url(u) => u.clone(),
            Self::Text(_) => "pasted text".into(),
            Self::Folder(p) => p.display().to_string(),
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
    /// Grows as folders are listed.
    total: Arc<AtomicUsize>,
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
        let total = Arc::new(AtomicUsize::new(paths.len()));
        let job = Job {
            total: total.clone(),
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
                let paths = expand_folders(paths, &total, &mut files);
                ctx.request_repaint();
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
            (
                d + j.done.load(Ordering::Relaxed),
                t + j.total.load(Ordering::Relaxed),
            )
        })
    }

    pub fn cancel_all(&self) {
        for j in &self.jobs {
            j.cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// Replaces each folder by the article files under it, keeping the total up to date; a folder
/// that cannot be listed or holds no article becomes a failure in `failed`.
fn expand_folders(
    items: Vec<ImportItem>,
    total: &AtomicUsize,
    failed: &mut Vec<FileResult>,
) -> Vec<ImportItem> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let ImportItem::Folder(dir) = item else {
            out.push(item);
            continue;
        };
        let listed = ingest::article_files_under(&dir).map_err(|e| e.to_string());
        let outcome = match listed {
            Ok((files, _)) if files.is_empty() => Err(format!(
                "{}: no articles in this folder (looked for {})",
                dir.display(),
                ingest::ARTICLE_EXTENSIONS.join(", ")
            )),
            Ok((files, more)) => {
                total.fetch_add(files.len(), Ordering::Relaxed);
                out.extend(files.into_iter().map(ImportItem::File));
                if more {
                    Err(format!(
                        "{}: only the first {} files were imported",
                        dir.display(),
                        ingest::MAX_FOLDER_FILES
                    ))
                } else {
                    Ok(Vec::new())
                }
            }
            Err(e) => Err(e),
        };
        // The folder itself counted as one item until it was listed.
        total.fetch_sub(1, Ordering::Relaxed);
        if outcome.is_err() {
            failed.push(FileResult {
                item: ImportItem::Folder(dir),
                outcome,
            });
        }
    }
    out
}

fn read_one(item: ImportItem) -> FileResult {
    let read = match &item {
        ImportItem::File(path) => ingest::read_path(path),
        ImportItem::Folder(_) => unreachable!("folders are listed by expand_folders"),
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
/// is already in the project are skipped and reported; another version of a story already
/// there (same URL, near-identical text, same headline) is added as a version of it.
pub fn apply_import(ws: &mut Workspace, done: ImportDone) -> Applied {
    let mut failures = Vec::new();
    let mut batch = Vec::new();
    let mut added_sources = 0;
    let mut added_entries = 0;
    let mut added: Vec<Source> = Vec::new();
    let mut versions: Vec<String> = Vec::new();
    let mut undated: Vec<String> = Vec::new();
    let mut blogs: Vec<String> = Vec::new();
    let mut stories = ingest::story::StoryIndex::new(&ws.project.sources);
    for file in done.files {
        match file.outcome {
            Err(e) => failures.push(e),
            Ok(items) => {
                for (mut source, extraction) in items {
                    let related = stories.relate(&source);
                    if let Some(r) = related.filter(|r| !r.relation.is_version()) {
                        failures.push(format!(
                            "{}: already in the project ({})",
                            file.item.shown(),
                            r.relation.reason()
                        ));
                        continue;
                    }
                    source.id = ws.project.new_source_id();
                    if let Some(r) = related {
                        source.version_of = Some(r.lead);
                        let title = ws
                            .project
                            .source(r.to)
                            .or_else(|| added.iter().find(|s| s.id == r.to))
                            .map_or("", |s| s.title.as_str());
                        versions.push(format!(
                            "“{}” is a version of “{title}” ({})",
                            source.title,
                            r.relation.reason()
                        ));
                    }
                    stories.insert(&source);
                    if source.anchors.iter().any(|a| a.kind == AnchorKind::Update)
                        && let Some(summary) = source.anchor_summary()
                    {
                        blogs.push(format!("“{}” is a {summary}", source.title));
                    }
                    let entries = extraction.to_entries(&source, &mut ws.project);
                    if source.published.is_none() {
                        let off_axis = entries
                            .iter()
                            .filter(|e| e.primary_time().is_none())
                            .count();
                        let suggestions = crate::extract::date_suggestions(
                            crate::extract::latest_absolute_date(&extraction.timexes),
                            source.file_modified.map(|t| t.date_naive()),
                        );
                        let mut line = format!(
                            "“{}” has no publication date: {off_axis} of its {} entries wait \
                             in the “undated” strip",
                            source.title,
                            entries.len()
                        );
                        if !suggestions.is_empty() {
                            line.push_str(&format!(" ({})", suggestions.join("; ")));
                        }
                        line.push_str(" — set one with Edit… in Sources");
                        undated.push(line);
                    }
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
    let summary = (added_sources > 0).then(|| {
        let mut text =
            format!("Imported {added_sources} source(s), {added_entries} candidate entries");
        match versions.as_slice() {
            [] => {}
            [one] => text.push_str(&format!("; {one}")),
            many => text.push_str(&format!(
                "; {} are versions of stories already here (Sources panel: Merge or Not a version)",
                many.len()
            )),
        }
        match blogs.as_slice() {
            [] => {}
            [one] => text.push_str(&format!(". {one}")),
            many => text.push_str(&format!(". {} are live blogs", many.len())),
        }
        match undated.as_slice() {
            [] => {}
            [one] => text.push_str(&format!(". {one}")),
            many => text.push_str(&format!(
                ". {} sources have no publication date: Edit… in Sources suggests one",
                many.len()
            )),
        }
        text
    });
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
