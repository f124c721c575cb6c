//! The open project with its file path and undo history.

use std::path::{Path, PathBuf};

use crate::model::{Command, CommandError, History, Project, file};

pub struct Workspace {
    pub project: Project,
    /// Where the project was last opened from or saved to.
    pub path: Option<PathBuf>,
    history: History,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

impl Workspace {
    pub fn new() -> Self {
        Self {
            project: Project::new("Untitled", chrono::Utc::now()),
            path: None,
            history: History::new(),
        }
    }

    pub fn open(path: &Path) -> Result<Self, file::ProjectFileError> {
        Ok(Self {
            project: file::load(path)?,
            path: Some(path.to_owned()),
            history: History::new(),
        })
    }

    pub fn save_as(&mut self, path: &Path) -> Result<(), file::ProjectFileError> {
        file::save(&self.project, path)?;
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    pub fn apply(
        &mut self,
        label: impl Into<String>,
        command: Command,
    ) -> Result<(), CommandError> {
        self.history.apply(&mut self.project, label, command)
    }

    pub fn undo(&mut self) -> Result<Option<String>, CommandError> {
        self.history.undo(&mut self.project)
    }

    pub fn redo(&mut self) -> Result<Option<String>, CommandError> {
        self.history.redo(&mut self.project)
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
