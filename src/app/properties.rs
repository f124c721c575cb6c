//! File → Project properties: the project's title (what exports and briefings are headed
//! with) and what the project holds.

use super::ClaimlineApp;
use super::panels::plural;
use crate::model::Command;

/// The dialog's draft, open while `Some` in [`ClaimlineApp::properties`].
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectProperties {
    pub title: String,
}

impl ProjectProperties {
    pub fn new(app: &ClaimlineApp) -> Self {
        Self {
            title: app.workspace.project.title.clone(),
        }
    }
}

pub fn properties_ui(app: &mut ClaimlineApp, ctx: &egui::Context) {
    let Some(mut d) = app.properties.take() else {
        return;
    };
    let (mut save, mut close) = (false, false);
    let p = &app.workspace.project;
    let modal = egui::Modal::new(egui::Id::unique("project_properties")).show(ctx, |ui| {
        ui.set_min_width(420.0);
        ui.heading("Project properties");
        egui::Grid::new("project_fields")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let caption = ui.label("Title");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut d.title).desired_width(300.0))
                    .labelled_by(caption.id)
                    .on_hover_text("Heads exported images and briefings");
                save |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
                ui.label("Holds");
                ui.label(format!(
                    "{}, {}, {}",
                    plural(p.sources.len(), "source"),
                    plural(p.entries.len(), "entry"),
                    plural(p.claims.len(), "claim")
                ));
                ui.end_row();
                ui.label("Created");
                ui.label(p.created.format("%Y-%m-%d %H:%M UTC").to_string());
                ui.end_row();
                ui.label("Modified");
                ui.label(p.modified.format("%Y-%m-%d %H:%M UTC").to_string());
                ui.end_row();
            });
        ui.horizontal(|ui| {
            save |= ui
                .add_enabled(!d.title.trim().is_empty(), egui::Button::new("OK"))
                .clicked();
            close = ui.button("Cancel").clicked();
        });
    });
    if close || modal.should_close() {
        return;
    }
    let title = d.title.trim().to_owned();
    if save && !title.is_empty() {
        if title != app.workspace.project.title
            && let Err(e) = app
                .workspace
                .apply("Rename project", Command::SetTitle(title))
        {
            app.error(format!("Cannot rename the project: {e}"));
        }
        return;
    }
    app.properties = Some(d);
}
