//! Autosave and crash recovery. While there are unsaved changes, the project is written to a
//! recovery file every few seconds; a clean save, a new project or a confirmed discard
//! removes it. At start, a recovery file left behind means Claimline did not close cleanly,
//! and the user is offered the work back.
//!
//! Each window writes its own slot (`autosave-ID.claimline` with its `.json` and `.lock`),
//! and holds the slot's lock while it runs: one window's autosave or clean save never touches
//! another's work. A slot whose lock can be taken belongs to no running window — its window
//! crashed or was killed — and is offered at the next start; restoring it adopts the slot, so
//! the work stays safe until it is saved. (`autosave.claimline`, from before slots, is
//! offered the same way.)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::{Project, file};

/// How often unsaved work is written to the recovery file.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(20);

/// Slots made by this process so far (several windows may run in one test process).
static SLOTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One window's recovery files, and the lock that says the window is alive.
#[derive(Debug)]
struct Slot {
    /// Empty for the slot of versions before slots.
    id: String,
    lock: Option<std::fs::File>,
}

impl Slot {
    fn file(&self, dir: &Path, ext: &str) -> PathBuf {
        if self.id.is_empty() {
            dir.join(format!("autosave.{ext}"))
        } else {
            dir.join(format!("autosave-{}.{ext}", self.id))
        }
    }

    /// Takes the slot's lock; `None` while another window holds it.
    fn lock(id: String, dir: &Path) -> Option<Self> {
        let mut slot = Self { id, lock: None };
        std::fs::create_dir_all(dir).ok()?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(slot.file(dir, "lock"))
            .ok()?;
        file.try_lock().ok()?;
        slot.lock = Some(file);
        Some(slot)
    }

    /// Removes the slot's work (and its lock file, which its holder may delete).
    fn remove(&self, dir: &Path) {
        for ext in ["claimline", "json"] {
            let _ = std::fs::remove_file(self.file(dir, ext));
        }
    }
}

/// Where the recovered work came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecoveryMeta {
    /// The project file the work belongs to; `None` for a project never saved.
    pub path: Option<PathBuf>,
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

/// Work found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub project: Project,
    pub meta: RecoveryMeta,
}

#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    /// This window's slot, taken on the first autosave.
    slot: Option<Slot>,
    /// A crashed window's slot found at start, held while the user decides about it.
    orphan: Option<Slot>,
    /// Revision last written, so an unchanged project is not written again.
    written: Option<u64>,
    last_write: Option<Instant>,
    pub interval: Duration,
}

impl Recovery {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            slot: None,
            orphan: None,
            written: None,
            last_write: None,
            interval: AUTOSAVE_INTERVAL,
        }
    }

    /// The per-user data directory (`~/.local/share/claimline/recovery` on Linux).
    pub fn in_user_data() -> Option<Self> {
        eframe::storage_dir(super::APP_NAME).map(|d| Self::new(d.join("recovery")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the project if it changed since the last write and the interval has passed
    /// (or `force`). Errors are returned for the status bar; they never stop the app.
    pub fn autosave(
        &mut self,
        project: &Project,
        path: Option<&Path>,
        revision: u64,
        force: bool,
    ) -> Result<bool, String> {
        if self.written == Some(revision) {
            return Ok(false);
        }
        if !force && self.last_write.is_some_and(|t| t.elapsed() < self.interval) {
            return Ok(false);
        }
        self.last_write = Some(Instant::now());
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        if self.slot.is_none() {
            let id = format!(
                "{}-{}",
                std::process::id(),
                SLOTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            );
            self.slot = Some(Slot::lock(id, &self.dir).ok_or_else(|| {
                format!(
                    "autosave failed: cannot lock a slot in {}",
                    self.dir.display()
                )
            })?);
        }
        let slot = self.slot.as_ref().expect("taken above");
        let json = file::to_json(project, false);
        file::write_atomic(&slot.file(&self.dir, "claimline"), json.as_bytes(), false)
            .map_err(|e| format!("autosave failed: {e}"))?;
        let meta = RecoveryMeta {
            path: path.map(Path::to_owned),
            saved_at: chrono::Utc::now(),
        };
        let meta = serde_json::to_vec_pretty(&meta).expect("plain data serialises");
        file::write_atomic(&slot.file(&self.dir, "json"), &meta, false)
            .map_err(|e| format!("autosave failed: {e}"))?;
        self.written = Some(revision);
        Ok(true)
    }

    /// How long until unsaved `revision` is due to be written; `None` once it is written.
    pub fn due_in(&self, revision: u64) -> Option<Duration> {
        if self.written == Some(revision) {
            return None;
        }
        let elapsed = self.last_write.map_or(self.interval, |t| t.elapsed());
        Some(
            self.interval
                .saturating_sub(elapsed)
                .max(Duration::from_millis(100)),
        )
    }

    /// Removes this window's recovery files (the work is saved or deliberately discarded),
    /// and the crashed window's work it was offered, if the user decided about it.
    pub fn clear(&mut self) {
        self.last_write = None;
        if let Some(slot) = &self.slot {
            slot.remove(&self.dir);
        }
        self.written = None;
    }

    /// A clean exit: this window's slot goes, lock file included.
    pub fn close(&mut self) {
        self.clear();
        if let Some(slot) = self.slot.take() {
            let _ = std::fs::remove_file(slot.file(&self.dir, "lock"));
        }
    }

    /// The offered work was discarded: its slot goes.
    pub fn discard_orphan(&mut self) {
        if let Some(orphan) = self.orphan.take() {
            orphan.remove(&self.dir);
            let _ = std::fs::remove_file(orphan.file(&self.dir, "lock"));
        }
    }

    /// The offered work was restored into this window: its slot becomes this window's, so the
    /// work stays recoverable until it is saved.
    pub fn adopt_orphan(&mut self) {
        if let Some(orphan) = self.orphan.take() {
            if let Some(own) = self.slot.replace(orphan) {
                own.remove(&self.dir);
                let _ = std::fs::remove_file(own.file(&self.dir, "lock"));
            }
            // Unsaved as far as this window knows: the next autosave rewrites the slot.
            self.written = None;
        }
    }

    /// Removes the recovery files if this session wrote them (cheap to call every frame).
    pub fn clear_if_written(&mut self) {
        if self.written.is_some() {
            self.clear();
        }
    }

    /// Work left behind by a window that did not close cleanly (the newest, when several
    /// crashed), its slot held until the user decides ([`Self::adopt_orphan`],
    /// [`Self::discard_orphan`]). A damaged recovery file is reported, not deleted, so nothing
    /// is lost without the user knowing.
    pub fn find(&mut self) -> Option<Result<Recovered, String>> {
        let entries = std::fs::read_dir(&self.dir).ok()?;
        let own = self.slot.as_ref().map(|s| s.id.clone());
        let mut found: Vec<(std::time::SystemTime, String)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name
                    .strip_prefix("autosave")?
                    .strip_suffix(".claimline")?
                    .trim_start_matches('-')
                    .to_owned();
                let modified = e.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, id))
            })
            .filter(|(_, id)| own.as_ref() != Some(id))
            .collect();
        found.sort();
        // Lock files of windows that ended without work to recover.
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(id) = name
                    .strip_prefix("autosave-")
                    .and_then(|n| n.strip_suffix(".lock"))
                    && own.as_deref() != Some(id)
                    && !self.dir.join(format!("autosave-{id}.claimline")).exists()
                    && let Some(stale) = Slot::lock(id.to_owned(), &self.dir)
                {
                    let _ = std::fs::remove_file(stale.file(&self.dir, "lock"));
                }
            }
        }
        // Newest first; a slot whose lock is held belongs to a running window.
        let orphan = found
            .into_iter()
            .rev()
            .find_map(|(_, id)| Slot::lock(id, &self.dir))?;
        let project_path = orphan.file(&self.dir, "claimline");
        let meta = std::fs::read(orphan.file(&self.dir, "json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<RecoveryMeta>(&b).ok())
            .unwrap_or_else(|| RecoveryMeta {
                path: None,
                saved_at: std::fs::metadata(&project_path)
                    .and_then(|m| m.modified())
                    .map(chrono::DateTime::<chrono::Utc>::from)
                    .unwrap_or_else(|_| chrono::Utc::now()),
            });
        let result = file::load(&project_path)
            .map(|project| Recovered { project, meta })
            .map_err(|e| format!("{e} (in {})", project_path.display()));
        self.orphan = Some(orphan);
        Some(result)
    }
}
