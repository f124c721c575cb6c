//! Modal dialogs: errors, About, "discard unsaved changes?", and the file dialogs (the
//! system's, else Claimline's own browser).

use std::path::{Path, PathBuf};

use super::file_browser::{Chosen, FileBrowser};
use super::{APP_NAME, Action, ClaimlineApp, Workspace};

/// What waits for the user to confirm discarding unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingDiscard {
    New,
    Open(Option<PathBuf>),
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// One or more article files.
    Import,
    /// Every article under a folder.
    ImportFolder,
}

impl PathPurpose {
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open project",
            Self::SaveAs => "Save project as",
            Self::Import => "Import articles",
            Self::ImportFolder => "Import a folder of articles",
        }
    }
}

#[derive(Default)]
pub struct Dialogs {
    pub error: Option<String>,
    pub about: bool,
    pub confirm_discard: Option<PendingDiscard>,
    /// Save found the file changed by someone else since this window opened or saved it.
    pub changed_on_disk: Option<PathBuf>,
    /// The in-app file browser, where the system's dialog is not available.
    pub file_browser: Option<FileBrowser>,
}

/// The operating system's dialog: the paths chosen, empty if cancelled or unavailable.
pub fn native_dialog(purpose: PathPurpose, ws: &Workspace) -> Vec<PathBuf> {
    let project_filter = ("Claimline project", &[crate::model::file::EXTENSION][..]);
    let dialog = rfd::FileDialog::new().set_title(purpose.title());
    let one = match purpose {
        PathPurpose::Open => dialog
            .add_filter(project_filter.0, project_filter.1)
            .pick_file(),
        PathPurpose::SaveAs => dialog
            .add_filter(project_filter.0, project_filter.1)
            .set_file_name(format!("{}.claimline", ws.project.title))
            .save_file(),
        PathPurpose::Import => {
            return dialog
                .add_filter("Articles", crate::ingest::ARTICLE_EXTENSIONS)
                .add_filter("Post exports (Telegram, X, Mastodon)", &["json", "js"])
                .add_filter("All files", &["*"])
                .pick_files()
                .unwrap_or_default();
        }
        PathPurpose::ImportFolder => dialog.pick_folder(),
    };
    one.into_iter().collect()
}

/// The in-app browser for `purpose`, starting in the folder that fits it best.
pub fn file_browser(purpose: PathPurpose, app: &mut ClaimlineApp) -> FileBrowser {
    let ws = &app.workspace;
    let project_dir = ws
        .path
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| p.is_dir());
    let recent = app.settings.recent_folders.clone();
    let start = match purpose {
        PathPurpose::Import | PathPurpose::ImportFolder => recent.first().map(PathBuf::as_path),
        _ => project_dir,
    }
    .or(project_dir)
    .filter(|p| p.is_dir())
    .map(Path::to_owned)
    .unwrap_or_else(default_dir);
    let location = match purpose {
        PathPurpose::SaveAs => ws
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{}.claimline", ws.project.title)),
        _ => String::new(),
    };
    let notice = !std::mem::replace(&mut app.settings.told_no_system_dialog, true);
    FileBrowser::new(purpose, &start, location, recent, notice)
}

pub fn dialogs_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    error_ui(app, ctx);
    about_ui(app, ctx);
    confirm_discard_ui(app, ctx);
    changed_on_disk_ui(app, ctx);
    file_browser_ui(app, ctx);
    recovery_ui(app, ctx);
}

/// Offers the work a crashed session left in the recovery file.
fn recovery_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(found) = &app.recovered else {
        return;
    };
    let what = match &found.meta.path {
        Some(p) => format!("“{}”", p.display()),
        None => format!("the untitled project “{}”", found.project.title),
    };
    let when = found
        .meta
        .saved_at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M");
    let (n_sources, n_entries) = (found.project.sources.len(), found.project.entries.len());
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "Claimline did not close normally. Unsaved changes to {what} were kept at {when} \
             ({}, {}).",
            super::panels::plural(n_sources, "source"),
            super::panels::plural(n_entries, "entry"),
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                choice = Some(true);
            }
            if ui.button("Discard").clicked() {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => app.restore_recovered(),
        Some(false) => app.discard_recovered(),
        None => {}
    }
}

fn default_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

fn error_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(message) = app.dialogs.error.clone() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("error_dialog")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Something went wrong");
        ui.add_space(6.0);
        ui.label(message);
        ui.add_space(10.0);
        ui.button("OK").clicked()
    });
    if modal.inner || modal.should_close() {
        app.dialogs.error = None;
    }
}

fn about_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    if !app.dialogs.about {
        return;
    }
    let modal = egui::Modal::new(egui::Id::unique("about_dialog")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("{APP_NAME} {}", env!("CARGO_PKG_VERSION")));
        ui.label(env!("CARGO_PKG_DESCRIPTION"));
        ui.add_space(6.0);
        ui.weak(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
        ui.weak("Works offline: nothing leaves this computer unless you import from a URL.");
        ui.add_space(10.0);
        ui.button("Close").clicked()
    });
    if modal.inner || modal.should_close() {
        app.dialogs.about = false;
    }
}

/// A modal asking one question: a heading, a sentence, and buttons (with their tooltips) of
/// which the last cancels, as Esc and a click outside do. The index of the button chosen.
fn ask(
    ctx: &egui::Context,
    id: &str,
    width: f32,
    heading: &str,
    body: &str,
    buttons: &[(&str, Option<&str>)],
) -> Option<usize> {
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(width);
        ui.heading(heading);
        ui.label(body);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let mut chosen = None;
            for (i, (label, hover)) in buttons.iter().enumerate() {
                let mut button = ui.button(*label);
                if let Some(hover) = hover {
                    button = button.on_hover_text(*hover);
                }
                if button.clicked() && chosen.is_none() {
                    chosen = Some(i);
                }
            }
            chosen
        })
        .inner
    });
    if modal.should_close() {
        Some(buttons.len() - 1)
    } else {
        modal.inner
    }
}

/// Save found the project file changed by another window or program: overwrite it, save
/// this version elsewhere, or leave both as they are.
fn changed_on_disk_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(path) = app.dialogs.changed_on_disk.clone() else {
        return;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(choice) = ask(
        ctx,
        "changed_on_disk",
        460.0,
        &format!("“{name}” changed since you opened it"),
        "Another Claimline window or program saved this project after this window opened or \
         last saved it. Saving here would replace what it saved.",
        &[
            (
                "Save as…",
                Some("Keep both: save this version under another name"),
            ),
            (
                "Replace it",
                Some("Overwrite the file with this window's version (a backup is kept)"),
            ),
            ("Cancel", None),
        ],
    ) else {
        return;
    };
    app.dialogs.changed_on_disk = None;
    match choice {
        0 => app.act(Action::SaveAs(None)),
        1 => app.act(Action::Overwrite(path)),
        // Nothing saved: what waited on the save (closing, opening) does not happen.
        _ => app.pending_after_save = None,
    }
}

fn confirm_discard_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(pending) = app.dialogs.confirm_discard.clone() else {
        return;
    };
    let name = app.workspace.display_name();
    let Some(choice) = ask(
        ctx,
        "confirm_discard",
        420.0,
        &format!("Save changes to “{name}”?"),
        "Your changes will be lost if you don't save them.",
        &[("Save", None), ("Don't save", None), ("Cancel", None)],
    ) else {
        return;
    };
    app.dialogs.confirm_discard = None;
    match choice {
        0 => {
            // Go on only once the save has worked (it may first ask for a path).
            app.act(Action::Save);
            app.pending_after_save = Some(pending);
        }
        1 => app.discard_and(pending, ctx),
        _ => {}
    }
}

impl ClaimlineApp {
    /// Carries out what waited on "Don't save".
    pub(super) fn discard_and(&mut self, pending: PendingDiscard, ctx: &egui::Context) {
        match pending {
            PendingDiscard::New => self.new_project(),
            PendingDiscard::Open(path) => {
                self.discard_confirmed = true;
                self.act(Action::Open(path));
            }
            PendingDiscard::Quit => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

fn file_browser_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(mut browser) = app.dialogs.file_browser.take() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("file_browser")).show(ctx, |ui| {
        super::file_browser::file_browser_ui(&mut browser, ui)
    });
    if browser.cancelled || modal.should_close() {
        app.pending_after_save = None;
        return;
    }
    let Some(chosen) = browser.chosen.take() else {
        app.dialogs.file_browser = Some(browser);
        return;
    };
    app.act(match (browser.purpose, chosen) {
        (PathPurpose::Open, Chosen::One(path)) => Action::Open(Some(path)),
        (PathPurpose::SaveAs, Chosen::One(path)) => Action::SaveAs(Some(path)),
        (_, Chosen::Files(paths)) => Action::Import(paths),
        (_, Chosen::Folder(dir)) => Action::ImportFolder(Some(dir)),
        (_, Chosen::One(path)) => Action::Import(vec![path]),
    });
}
