//! The open project with its file path and undo history.

use std::path::{Path, PathBuf};

use crate::model::writer::{DiskState, OpenMark, ProjectLock, open_elsewhere};
use crate::model::{self, Command, CommandError, History, Project, file};

/// How long Save waits for another Claimline writing the same file (a CLI import, say).
const SAVE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

pub struct Workspace {
    pub project: Project,
    /// Where the project was last opened from or saved to.
    pub path: Option<PathBuf>,
    /// What the file at `path` held when this window opened or last saved it: Save refuses
    /// to overwrite it once it holds something else (another window's or program's save).
    disk: Option<DiskState>,
    /// This window's mark that it has `path` open (`None` when another window had it first).
    open_mark: Option<OpenMark>,
    /// Another Claimline window had `path` open when this one opened or saved it.
    pub open_elsewhere: bool,
    history: History,
    /// Changes whenever the project does, so views can cache what they derive from it.
    revision: u64,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self {
            project: Project::new(Project::UNTITLED, chrono::Utc::now()),
            path: None,
            disk: None,
            open_mark: None,
            open_elsewhere: false,
            history: History::new(),
            revision: next_revision(),
        }
    }

    pub fn open(path: &Path) -> Result<Self, file::ProjectFileError> {
        let (project, disk) = crate::model::writer::load(path)?;
        let open_mark = OpenMark::take(path);
        Ok(Self {
            project,
            path: Some(path.to_owned()),
            disk: Some(disk),
            open_elsewhere: open_mark.is_none() && open_elsewhere(path),
            open_mark,
            history: History::new(),
            revision: next_revision(),
        })
    }

    /// Work recovered from an autosave: unsaved, and saving goes to `path` (where the
    /// project was opened from), if any.
    pub fn restored(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            // Unknown: the recovered work is the user's, and saving it is their choice.
            disk: None,
            open_mark: None,
            open_elsewhere: false,
            history: History::unsaved(),
            revision: next_revision(),
        }
    }

    /// Saves to `path` under the file's lock. Saving again to the file this window opened or
    /// saved is refused ([`file::ProjectFileError::ChangedOnDisk`]) when something else has
    /// written it since, unless `overwrite`.
    pub fn save_as(&mut self, path: &Path, overwrite: bool) -> Result<(), file::ProjectFileError> {
        let lock = ProjectLock::acquire(path, SAVE_WAIT, || {})?;
        let same_file = self.path.as_deref() == Some(path);
        let expected = if same_file && !overwrite {
            self.disk
        } else {
            None
        };
        self.disk = Some(lock.save(&self.project, expected)?);
        if !same_file {
            self.open_mark = OpenMark::take(path);
            self.open_elsewhere = self.open_mark.is_none() && open_elsewhere(path);
        }
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    pub fn apply(
        &mut self,
        label: impl Into<String>,
        command: Command,
    ) -> Result<(), CommandError> {
        self.revision = next_revision();
        // Every edit made in the app lands in the changed entries' audit history.
        let command = model::stamp(&self.project, command, user(), chrono::Utc::now());
        self.history.apply(&mut self.project, label, command)
    }

    pub fn undo(&mut self) -> Result<Option<String>, CommandError> {
        self.revision = next_revision();
        self.history.undo(&mut self.project)
    }

    pub fn redo(&mut self) -> Result<Option<String>, CommandError> {
        self.revision = next_revision();
        self.history.redo(&mut self.project)
    }

    /// Different for every state of the project this process has seen (also across
    /// workspaces, so a newly opened project never matches a cache of the old one).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file name, or the project title for a project never saved.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => self.project.title.clone(),
        }
    }
}

fn next_revision() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The name the audit history records for this machine's edits (read once).
fn user() -> &'static str {
    static USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    USER.get_or_init(model::local_user)
}
