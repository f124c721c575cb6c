//! One writer per project file at a time, and no silent overwrite of someone else's save.
//!
//! Every Claimline that writes a project — `claimline import` and the other CLI commands that
//! change a project, and the app's Save — first takes an exclusive lock on a hidden sidecar
//! file (`.NAME.claimline.lock`, kept beside the project; the project file itself cannot carry
//! the lock, since a save replaces it by a rename). The CLI holds the lock from loading the
//! project to saving it, so two imports into one project run one after the other instead of
//! one losing the other's articles. The app cannot hold it while the user works for hours, so
//! it remembers what the file held when it was opened or last saved ([`DiskState`]) and,
//! under the lock, refuses to save over a file that has changed since
//! ([`ProjectFileError::ChangedOnDisk`]): the user then chooses to overwrite or save elsewhere.
//!
//! The locks are advisory: other programs are not stopped, but every Claimline honours them.

use std::fs::{File, OpenOptions, TryLockError};
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Project;
use super::file::{self, ProjectFileError};

/// What a project file held: its length and a hash of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskState {
    len: u64,
    hash: u64,
}

impl DiskState {
    pub fn of(bytes: &[u8]) -> Self {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        h.write(bytes);
        Self {
            len: bytes.len() as u64,
            hash: h.finish(),
        }
    }

    /// The file's state now; `None` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Self>, ProjectFileError> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(Self::of(&bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(ProjectFileError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }
}

/// `dir/NAME.claimline` → `dir/.NAME.claimline.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    file::hidden_sibling(path, ".lock")
}

/// Loads a project and what its file held, reading the file once (for a later
/// [`ProjectLock::save`] with `expected`).
pub fn load(path: &Path) -> Result<(Project, DiskState), ProjectFileError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    let state = DiskState::of(&bytes);
    Ok((file::from_bytes(bytes, path)?, state))
}

/// An exclusive hold on a project file; released when dropped (or when the process ends,
/// however it ends).
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
    path: PathBuf,
}

impl ProjectLock {
    /// Takes the lock, waiting up to `wait` for another writer to finish (`on_wait` is called
    /// once, when waiting starts, e.g. to say so).
    pub fn acquire(
        path: &Path,
        wait: Duration,
        on_wait: impl FnOnce(),
    ) -> Result<Self, ProjectFileError> {
        let lock = lock_path(path);
        let io = |source| ProjectFileError::Write {
            path: path.to_owned(),
            source,
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(io)?;
        let start = Instant::now();
        let mut on_wait = Some(on_wait);
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(Self {
                        _file: file,
                        path: path.to_owned(),
                    });
                }
                Err(TryLockError::WouldBlock) => {
                    if start.elapsed() >= wait {
                        return Err(ProjectFileError::Busy {
                            path: path.to_owned(),
                        });
                    }
                    if let Some(f) = on_wait.take() {
                        f();
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
    }

    /// Saves `project` while holding the lock: atomically, with a backup, and clearing
    /// temporary files that writers killed mid-save left behind (no writer can be mid-save
    /// now). With `expected`, the save is refused when the file no longer holds what this
    /// writer last saw. Returns what the file now holds.
    pub fn save(
        &self,
        project: &Project,
        expected: Option<DiskState>,
    ) -> Result<DiskState, ProjectFileError> {
        if let Some(expected) = expected
            && DiskState::read(&self.path)? != Some(expected)
        {
            return Err(ProjectFileError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        remove_stale_temporaries(&self.path);
        let json = file::to_json(project, true);
        // Nothing is written that would not open again (a year out of range, a duplicate id
        // from an import): the file on disk stays as it was.
        if let Err(e) = file::from_json(&json, &self.path) {
            return Err(ProjectFileError::WouldNotLoad {
                path: self.path.clone(),
                reason: e.to_string(),
            });
        }
        file::write_atomic(&self.path, json.as_bytes(), true).map_err(|source| {
            ProjectFileError::Write {
                path: self.path.clone(),
                source,
            }
        })?;
        Ok(DiskState::of(json.as_bytes()))
    }
}

/// A window's mark that it has the project open (`.NAME.claimline.open`, locked while the
/// window keeps it), so that another window or `claimline import` can say so. It stops no
/// one: the changed-on-disk check keeps their saves apart.
#[derive(Debug)]
pub struct OpenMark {
    _file: File,
}

impl OpenMark {
    /// Marks `path` open here; `None` when another window has it open (or the mark cannot be
    /// made, e.g. a read-only folder: then no one is told, and nothing else changes).
    pub fn take(path: &Path) -> Option<Self> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(open_mark_path(path))
            .ok()?;
        file.try_lock().ok()?;
        Some(Self { _file: file })
    }
}

/// Whether a Claimline window has `path` open now.
pub fn open_elsewhere(path: &Path) -> bool {
    let Ok(file) = OpenOptions::new().write(true).open(open_mark_path(path)) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

fn open_mark_path(path: &Path) -> PathBuf {
    file::hidden_sibling(path, ".open")
}

/// How long a CLI command waits for another writer of the same project.
pub const CLI_WAIT: Duration = Duration::from_secs(600);

/// Loads the project at `path` (or starts one with `new` when there is none), lets `change`
/// change it, and saves it if `change` says so — all under the project's lock, so that a
/// concurrent writer's changes are never lost. Returns what `change` returned.
///
/// `change` gets the project and whether it is new, and returns its result and whether to
/// save.
pub fn update<T, E: From<ProjectFileError>>(
    path: &Path,
    new: impl FnOnce() -> Project,
    change: impl FnOnce(&mut Project, bool) -> Result<(T, bool), E>,
    on_wait: impl FnOnce(),
) -> Result<(T, Project), E> {
    let lock = ProjectLock::acquire(path, CLI_WAIT, on_wait)?;
    let existed = path.exists();
    let mut project = if existed { file::load(path)? } else { new() };
    let (out, save) = change(&mut project, !existed)?;
    if save {
        lock.save(&project, None)?;
    }
    Ok((out, project))
}

/// Removes `.NAME.tmp-*` and `.NAME.bak.tmp-*` files beside `path` (left by a writer killed
/// mid-save). Only called under the project's lock.
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if let Some(rest) = file_name.strip_prefix(&prefix)
            && (rest.starts_with("tmp-") || rest.starts_with("bak.tmp-"))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
