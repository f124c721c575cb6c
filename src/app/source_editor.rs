//! Editing a source's metadata (title, outlet, authors, URL, publication date) and removing
//! a source. A new publication date re-resolves the relative times of its entries.

use super::{Action, ClaimlineApp};
use crate::model::{Command, Project, SourceId, TimeSpan};

/// The open "Edit source" window.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceEditor {
    pub id: Option<SourceId>,
    pub title: String,
    pub outlet: String,
    pub authors: String,
    pub url: String,
    pub published: String,
    pub error: Option<String>,
    /// Dates that could stand in for a missing publication date, with where each comes
    /// from; empty when the source has a date.
    pub suggestions: Vec<(String, String)>,
}

impl SourceEditor {
    pub fn open(project: &Project, id: SourceId) -> Option<Self> {
        let s = project.source(id)?;
        Some(Self {
            id: Some(id),
            title: s.title.clone(),
            outlet: s.outlet.clone().unwrap_or_default(),
            authors: s.authors.join(", "),
            url: s.url.clone().unwrap_or_default(),
            published: s
                .published
                .as_ref()
                .map_or(String::new(), |p| p.value.to_string()),
            error: None,
            suggestions: if s.published.is_none() {
                date_suggestions(s)
            } else {
                Vec::new()
            },
        })
    }
}

/// The file's modification day and the latest day the text names (a lower bound).
fn date_suggestions(s: &crate::model::Source) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(t) = s.file_modified {
        out.push((
            t.date_naive().to_string(),
            "the file's last change".to_owned(),
        ));
    }
    // Only the time expressions are needed, not a whole extraction.
    let timexes = crate::extract::timex::tag(
        &s.text,
        &crate::extract::timex::TagOptions {
            anchor: None,
            day_first: false,
        },
    );
    if let Some(d) = crate::extract::latest_absolute_date(&timexes) {
        let d = d.to_string();
        if out.iter().all(|(v, _)| *v != d) {
            out.push((d, "the latest date in the text, a lower bound".to_owned()));
        }
    }
    out
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The edit the form describes, or why it cannot be applied.
pub fn source_edit(project: &Project, form: &SourceEditor) -> Result<Option<Command>, String> {
    let id = form.id.ok_or("no source")?;
    let old = project.source(id).ok_or("the source is gone")?;
    let typed = form.published.trim();
    let published = if typed.is_empty() {
        None
    } else {
        Some(
            TimeSpan::parse(typed, None)
                .map_err(|e| format!("Publication date “{typed}”: {e}"))?
                .with_resolution(crate::model::Resolution::Manual),
        )
    };
    let date_changed =
        published.as_ref().map(|p| &p.value) != old.published.as_ref().map(|p| &p.value);
    let mut commands = Vec::new();
    let mut base = old.clone();
    if date_changed {
        let from = published.as_ref().map(|_| "manual".to_owned());
        let r = crate::extract::republish::republish(project, id, published, from)
            .ok_or("the source is gone")?;
        if let Command::Batch(mut cmds) = r.command {
            if let Some(Command::ReplaceSource(s)) = cmds.first() {
                base = (**s).clone();
            }
            cmds.remove(0);
            commands = cmds;
        }
    }
    let title = form.title.trim();
    base.title = if title.is_empty() {
        old.title.clone()
    } else {
        title.to_owned()
    };
    base.outlet = optional(&form.outlet);
    base.authors = form
        .authors
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    base.url = optional(&form.url);
    if base == *old && commands.is_empty() {
        return Ok(None);
    }
    commands.insert(0, Command::ReplaceSource(Box::new(base)));
    Ok(Some(Command::Batch(commands)))
}

pub fn source_editor_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(form) = app.source_editor.as_mut() else {
        return;
    };
    let mut open = true;
    let mut save = false;
    let mut cancel = false;
    egui::Window::new("Edit source")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("source_fields")
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, text, hint) in [
                        ("Title", &mut form.title, ""),
                        ("Outlet", &mut form.outlet, "e.g. Ukrinform"),
                        ("Authors", &mut form.authors, "comma-separated"),
                        ("URL", &mut form.url, "https://…"),
                        (
                            "Published",
                            &mut form.published,
                            "2025-08-21 or 2025-08-21T14:30",
                        ),
                    ] {
                        let caption = ui.label(name);
                        ui.add(
                            egui::TextEdit::singleline(text)
                                .hint_text(hint)
                                .desired_width(320.0),
                        )
                        .labelled_by(caption.id);
                        ui.end_row();
                    }
                });
            if !form.suggestions.is_empty() && form.published.trim().is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label("No publication date. Use:");
                    for (value, why) in &form.suggestions {
                        if ui.button(value).on_hover_text(why).clicked() {
                            form.published = value.clone();
                        }
                        ui.weak(format!("({why})"));
                    }
                });
            }
            ui.weak(
                "Changing the publication date re-resolves this source's relative times \
                 (“yesterday”, “last month”) and its entries' reported time.",
            );
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                save = ui.button("Save").clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
    if save {
        match source_edit(&app.workspace.project, form) {
            Ok(Some(cmd)) => {
                app.act(Action::Edit("Edit source".into(), cmd));
                app.source_editor = None;
            }
            Ok(None) => app.source_editor = None,
            Err(e) => form.error = Some(e),
        }
    } else if cancel || !open {
        app.source_editor = None;
    }
}
