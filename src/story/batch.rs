//! A folder of coverage in: many files read and extracted in parallel, in input order.
//!
//! Reading and extraction are per file and independent, so they run on every core; what
//! joins the results (ids, versions, the project) stays sequential and cheap.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::extract::{self, Extraction};
use crate::ingest::{self, IngestError};
use crate::model::{Source, SourceId, TimeSpan};

/// How many worker threads to use when the caller says nothing: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on up to `jobs` threads, results in input order. Work is handed out one
/// item at a time, so one slow file does not hold back a whole chunk.
pub fn par_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(item)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for (i, r) in done.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every item mapped"))
        .collect()
}

/// One file read and extracted: its sources (a feed or mailbox holds several), each with
/// what extraction found. Source ids are placeholders until the sources join a project.
pub struct ReadFile {
    pub path: PathBuf,
    pub result: Result<Vec<(Source, Extraction)>, IngestError>,
}

/// Reads and extracts every file in `paths` on `jobs` threads, in input order. `published`
/// dates every source that has no date of its own; `progress` is called with the number of
/// files done so far, from the worker threads.
pub fn read_and_extract(
    paths: &[PathBuf],
    published: Option<&TimeSpan>,
    jobs: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<ReadFile> {
    let done = AtomicUsize::new(0);
    par_map(paths, jobs, |path| {
        let result = read_one(path, published);
        progress(done.fetch_add(1, Ordering::Relaxed) + 1);
        ReadFile {
            path: path.clone(),
            result,
        }
    })
}

fn read_one(
    path: &Path,
    published: Option<&TimeSpan>,
) -> Result<Vec<(Source, Extraction)>, IngestError> {
    let docs = ingest::read_path(path)?;
    Ok(docs
        .into_iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut source = doc.into_source(SourceId(i as u64 + 1));
            if source.published.is_none()
                && let Some(p) = published
            {
                source.published = Some(p.clone());
                source.published_from = Some("--published".into());
            }
            let extraction = extract::extract(&source, &extract::Options::default());
            (source, extraction)
        })
        .collect())
}

/// The article files named by `inputs`: files as given, folders walked (sorted by path, at
/// most [`ingest::MAX_FOLDER_FILES`] each). The second value lists folders that held more.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), IngestError> {
    let mut files = Vec::new();
    let mut truncated = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let (found, more) = ingest::article_files_under(input)?;
            if more {
                truncated.push(input.clone());
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, truncated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_input_order_on_many_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let out = par_map(&items, 4, |x| x * x);
        assert_eq!(out.len(), 1000);
        assert!(
            out.iter()
                .enumerate()
                .all(|(i, &y)| y == (i as u64) * (i as u64))
        );
        assert_eq!(par_map(&items[..0], 4, |x| *x), Vec::<u64>::new());
    }
}
