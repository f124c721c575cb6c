//! Autosave and crash recovery. While there are unsaved changes, the project is written to a
//! recovery file every few seconds; a clean save, a new project or a confirmed discard
//! removes it. At start, a recovery file left behind means Claimline did not close cleanly,
//! and the user is offered the work back.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::{Project, file};

/// How often unsaved work is written to the recovery file.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(20);

const PROJECT_FILE: &str = "autosave.claimline";
const META_FILE: &str = "autosave.json";

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
    /// Revision last written, so an unchanged project is not written again.
    written: Option<u64>,
    last_write: Option<Instant>,
    pub interval: Duration,
}

impl Recovery {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
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
        let json = file::to_json(project, false);
        file::write_atomic(&self.dir.join(PROJECT_FILE), json.as_bytes(), false)
            .map_err(|e| format!("autosave failed: {e}"))?;
        let meta = RecoveryMeta {
            path: path.map(Path::to_owned),
            saved_at: chrono::Utc::now(),
        };
        let meta = serde_json::to_vec_pretty(&meta).expect("plain data serialises");
        file::write_atomic(&self.dir.join(META_FILE), &meta, false)
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

    /// Removes the recovery files (the work is saved or deliberately discarded).
    pub fn clear(&mut self) {
        self.last_write = None;
        for name in [PROJECT_FILE, META_FILE] {
            let _ = std::fs::remove_file(self.dir.join(name));
        }
        self.written = None;
    }

    /// Removes the recovery files if this session wrote them (cheap to call every frame).
    pub fn clear_if_written(&mut self) {
        if self.written.is_some() {
            self.clear();
        }
    }

    /// Work left behind by a run that did not close cleanly. A damaged recovery file is
    /// reported, not deleted, so nothing is lost without the user knowing.
    pub fn find(&self) -> Option<Result<Recovered, String>> {
        let project_path = self.dir.join(PROJECT_FILE);
        if !project_path.exists() {
            return None;
        }
        let meta = std::fs::read(self.dir.join(META_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<RecoveryMeta>(&b).ok())
            .unwrap_or_else(|| RecoveryMeta {
                path: None,
                saved_at: std::fs::metadata(&project_path)
                    .and_then(|m| m.modified())
                    .map(chrono::DateTime::<chrono::Utc>::from)
                    .unwrap_or_else(|_| chrono::Utc::now()),
            });
        Some(
            file::load(&project_path)
                .map(|project| Recovered { project, meta })
                .map_err(|e| e.to_string()),
        )
    }
}
