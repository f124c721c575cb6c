//! The menu bar.

use egui::containers::menu::MenuBar;

use super::{Action, ClaimlineApp};

fn shortcut(text: &str) -> String {
    // Shown beside menu items; egui maps Ctrl to ⌘ on macOS when formatting, we do the same.
    if cfg!(target_os = "macos") {
        text.replace("Ctrl+", "⌘")
    } else {
        text.to_owned()
    }
}

fn item(ui: &mut egui::Ui, label: &str, keys: &str) -> bool {
    let button = egui::Button::new(label).shortcut_text(shortcut(keys));
    ui.add(button).clicked()
}

pub fn menu_bar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(app, ui));
            ui.menu_button("Edit", |ui| edit_menu_ui(app, ui));
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut app.show_rejected, "Show rejected entries");
                let key_dates = egui::Button::new("Key dates")
                    .selected(app.key_dates.open)
                    .shortcut_text(shortcut("D"));
                if ui
                    .add(key_dates)
                    .on_hover_text("The days that matter in the story, from all its sources")
                    .clicked()
                {
                    app.key_dates.open = !app.key_dates.open;
                }
                ui.separator();
                if ui.button("Zoom in").clicked() {
                    let z = ui.ctx().zoom_factor();
                    ui.ctx().set_zoom_factor((z * 1.1).min(3.0));
                }
                if ui.button("Zoom out").clicked() {
                    let z = ui.ctx().zoom_factor();
                    ui.ctx().set_zoom_factor((z / 1.1).max(0.5));
                }
                if ui.button("Reset zoom").clicked() {
                    ui.ctx().set_zoom_factor(1.0);
                }
                ui.menu_button("Time zone", |ui| time_zone_menu_ui(app, ui));
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            });
            ui.menu_button("Help", |ui| {
                if item(ui, "Keyboard shortcuts", "F1") {
                    app.show_shortcuts = true;
                }
                if ui
                    .button("Open the example story")
                    .on_hover_text(
                        "Three articles about one story, with a correction (see docs/TEACHING.md)",
                    )
                    .clicked()
                {
                    app.act(Action::OpenExampleStory);
                }
                if ui.button("About Claimline").clicked() {
                    app.act(Action::ShowAbout);
                }
            });
        });
    });
}

fn file_menu_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    if item(ui, "New", "Ctrl+N") {
        app.act(Action::NewProject);
    }
    if item(ui, "Open…", "Ctrl+O") {
        app.act(Action::Open(None));
    }
    let recent = app.settings.recent.clone();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    app.act(Action::Open(Some(path)));
                }
            }
        });
    });
    ui.separator();
    if item(ui, "Save", "Ctrl+S") {
        app.act(Action::Save);
    }
    if item(ui, "Save As…", "Ctrl+Shift+S") {
        app.act(Action::SaveAs(None));
    }
    ui.separator();
    if item(ui, "Import…", "Ctrl+I") {
        app.act(Action::Import(Vec::new()));
    }
    if ui
        .button("Import folder…")
        .on_hover_text("Every article file in a folder and its sub-folders")
        .clicked()
    {
        app.act(Action::ImportFolder(None));
    }
    if ui.button("Import from URL…").clicked() {
        app.act(Action::ImportUrl);
    }
    if ui.button("Paste an article…").clicked() {
        app.act(Action::PasteArticle);
    }
    if ui.button("Export…").clicked() {
        app.act(Action::Export(None));
    }
    if ui.button("Project properties…").clicked() {
        app.properties = Some(super::properties::ProjectProperties::new(app));
    }
    ui.separator();
    if item(ui, "Quit", "Ctrl+Q") {
        app.act(Action::Quit);
    }
}

fn edit_menu_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let undo = app.workspace.undo_label().map(|l| format!("Undo {l}"));
    let redo = app.workspace.redo_label().map(|l| format!("Redo {l}"));
    ui.add_enabled_ui(undo.is_some(), |ui| {
        if item(ui, undo.as_deref().unwrap_or("Undo"), "Ctrl+Z") {
            app.act(Action::Undo);
        }
    });
    ui.add_enabled_ui(redo.is_some(), |ui| {
        if item(ui, redo.as_deref().unwrap_or("Redo"), "Ctrl+Shift+Z") {
            app.act(Action::Redo);
        }
    });
}

/// The timeline's label time zone: UTC, this computer's, or a whole-hour offset.
fn time_zone_menu_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    use super::settings::{local_utc_offset, utc_offset_label};
    let offset = &mut app.timeline.options.utc_offset_seconds;
    ui.radio_value(offset, 0, "UTC");
    let local = local_utc_offset();
    ui.radio_value(
        offset,
        local,
        format!("This computer ({})", utc_offset_label(local)),
    );
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(280.0)
        .show(ui, |ui| {
            for hours in -12..=14_i64 {
                if hours != 0 {
                    ui.radio_value(offset, hours * 3600, utc_offset_label(hours * 3600));
                }
            }
        });
}
