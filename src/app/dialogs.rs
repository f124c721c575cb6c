//! Modal dialogs: errors, About, "discard unsaved changes?", and the in-app path prompt used
//! where no native file dialog is available.

use std::path::PathBuf;

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
    Import,
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open project",
            Self::SaveAs => "Save project as",
            Self::Import => "Import article",
        }
    }

    fn confirm(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::SaveAs => "Save",
            Self::Import => "Import",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub text: String,
}

impl PathPrompt {
    pub fn new(purpose: PathPurpose, ws: &Workspace) -> Self {
        let text = match (purpose, &ws.path) {
            (PathPurpose::SaveAs, Some(p)) => p.display().to_string(),
            (PathPurpose::SaveAs, None) => default_dir()
                .join(format!("{}.claimline", ws.project.title))
                .display()
                .to_string(),
            _ => String::new(),
        };
        Self { purpose, text }
    }
}

fn default_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

#[derive(Default)]
pub struct Dialogs {
    pub error: Option<String>,
    pub about: bool,
    pub confirm_discard: Option<PendingDiscard>,
    pub path_prompt: Option<PathPrompt>,
}

/// The operating system's dialog; `None` if cancelled or unavailable.
pub fn native_dialog(purpose: PathPurpose, ws: &Workspace) -> Option<PathBuf> {
    let project_filter = ("Claimline project", &[crate::model::file::EXTENSION][..]);
    let dialog = rfd::FileDialog::new();
    match purpose {
        PathPurpose::Open => dialog
            .set_title("Open project")
            .add_filter(project_filter.0, project_filter.1)
            .pick_file(),
        PathPurpose::SaveAs => dialog
            .set_title("Save project as")
            .add_filter(project_filter.0, project_filter.1)
            .set_file_name(format!("{}.claimline", ws.project.title))
            .save_file(),
        PathPurpose::Import => dialog
            .set_title("Import article")
            .add_filter(
                "Articles",
                &[
                    "txt", "md", "html", "htm", "pdf", "docx", "eml", "xml", "rss", "atom",
                ],
            )
            .add_filter("All files", &["*"])
            .pick_file(),
    }
}

pub fn dialogs_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    error_ui(app, ctx);
    about_ui(app, ctx);
    confirm_discard_ui(app, ctx);
    path_prompt_ui(app, ctx);
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

fn confirm_discard_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(pending) = app.dialogs.confirm_discard.clone() else {
        return;
    };
    #[derive(PartialEq)]
    enum Choice {
        Save,
        Discard,
        Cancel,
    }
    let name = app.workspace.display_name();
    let modal = egui::Modal::new(egui::Id::unique("confirm_discard")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Save changes to “{name}”?"));
        ui.label("Your changes will be lost if you don't save them.");
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                Some(Choice::Save)
            } else if ui.button("Don't save").clicked() {
                Some(Choice::Discard)
            } else if ui.button("Cancel").clicked() {
                Some(Choice::Cancel)
            } else {
                None
            }
        })
        .inner
    });
    let choice = if modal.should_close() {
        Some(Choice::Cancel)
    } else {
        modal.inner
    };
    let Some(choice) = choice else {
        return;
    };
    app.dialogs.confirm_discard = None;
    match choice {
        Choice::Cancel => {}
        Choice::Save => {
            // Go on only once the save has worked (it may first ask for a path).
            app.act(Action::Save);
            app.pending_after_save = Some(pending);
        }
        Choice::Discard => app.discard_and(pending, ctx),
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

fn path_prompt_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(mut prompt) = app.dialogs.path_prompt.take() else {
        return;
    };
    let mut done: Option<bool> = None;
    let modal = egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
        ui.set_min_width(460.0);
        ui.heading(prompt.purpose.title());
        ui.label("Path of the file:");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut prompt.text)
                .desired_width(f32::INFINITY)
                .hint_text("/home/me/story.claimline"),
        );
        edit.request_focus();
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(prompt.purpose.confirm()).clicked() || enter {
                done = Some(true);
            }
            if ui.button("Cancel").clicked() {
                done = Some(false);
            }
        });
    });
    if modal.should_close() {
        done = Some(false);
    }
    match done {
        None => app.dialogs.path_prompt = Some(prompt),
        Some(false) => app.pending_after_save = None,
        Some(true) => {
            let path = PathBuf::from(prompt.text.trim());
            if path.as_os_str().is_empty() {
                app.dialogs.path_prompt = Some(prompt);
                return;
            }
            app.act(match prompt.purpose {
                PathPurpose::Open => Action::Open(Some(path)),
                PathPurpose::SaveAs => Action::SaveAs(Some(path)),
                PathPurpose::Import => Action::Import(vec![path]),
            });
        }
    }
}
