//! The sources panel, the entry list in the centre, the inspector and the status bar.

use egui::{Color32, RichText};

use super::{Action, CentralView, ClaimlineApp};
use crate::ingest::story;
use crate::model::{Entry, EntryKind, Project, SourceId, Status, TimeSpan};

/// Height of one row in the entry list; fixed so that only visible rows are laid out.
const ROW_HEIGHT: f32 = 22.0;

pub fn status_bar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let p = &app.workspace.project;
            let candidates = app.candidate_count();
            ui.label(format!(
                "{} · {} · {candidates} to review",
                plural(p.sources.len(), "source"),
                plural(p.entries.len(), "entry"),
            ));
            ui.separator();
            ui.label(if app.workspace.is_dirty() {
                "Unsaved changes"
            } else {
                "Saved"
            });
            if app.imports.busy() {
                ui.separator();
                let (done, total) = app.imports.progress();
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(140.0)
                        .text(format!("Importing {done}/{total}")),
                );
                if ui.button("Cancel").clicked() {
                    app.imports.cancel_all();
                }
            }
            if let Some(notice) = &app.notice {
                ui.separator();
                let text = RichText::new(&notice.text);
                let text = if notice.is_error {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text
                };
                ui.add(egui::Label::new(text).truncate());
            }
        });
    });
}

/// Height of one source card in the sources panel (title, details, counts, buttons).
const SOURCE_CARD_HEIGHT: f32 = 88.0;

pub fn sources_panel_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::Panel::left("sources")
        .resizable(true)
        .default_size(240.0)
        .min_size(160.0)
        .show(ui, |ui| {
            ui.heading("Sources");
            ui.add(
                egui::TextEdit::singleline(&mut app.source_filter)
                    .hint_text("Filter sources")
                    .desired_width(f32::INFINITY),
            );
            ui.separator();
            let project = &app.workspace.project;
            if project.sources.is_empty() {
                ui.weak("No sources yet.");
                return;
            }
            let filter = app.source_filter.to_lowercase();
            // Versions of one story follow its first source.
            let stories = app.stories();
            let shown: Vec<(usize, &crate::model::Source)> = stories
                .order
                .iter()
                .map(|&i| (i, &project.sources[i]))
                .filter(|(_, s)| filter.is_empty() || s.title.to_lowercase().contains(&filter))
                .collect();
            let counts = app.source_counts();
            let mut clicked = None;
            let (mut edit, mut remove, mut merge, mut detach) = (None, None, None, None);
            // Cards have one height, so only the visible ones are laid out (thousands of
            // sources stay cheap): long titles are cut with the full title on hover.
            egui::ScrollArea::vertical().auto_shrink(false).show_rows(
                ui,
                SOURCE_CARD_HEIGHT,
                shown.len(),
                |ui, rows| {
                    for &(at, source) in &shown[rows] {
                        let (candidates, accepted) =
                            counts.get(&Some(source.id)).copied().unwrap_or_default();
                        let open = app.reader.source == Some(source.id);
                        let width = ui.available_width();
                        ui.allocate_ui(egui::vec2(width, SOURCE_CARD_HEIGHT), |ui| {
                            let is_version = stories.lead[at].is_some();
                            // Versions are indented under their story's first source.
                            let mut frame = egui::Frame::group(ui.style());
                            if is_version {
                                frame = frame.outer_margin(egui::Margin {
                                    left: 14,
                                    ..Default::default()
                                });
                            }
                            let card = frame.show(ui, |ui| {
                                ui.set_width(ui.available_width());
                                let title = if is_version {
                                    RichText::new(format!("↳ {}", source.title)).strong()
                                } else {
                                    RichText::new(&source.title).strong()
                                };
                                if ui
                                    .add(egui::Button::selectable(open, title).truncate())
                                    .on_hover_text(&source.title)
                                    .clicked()
                                {
                                    clicked = Some(source.id);
                                }
                                let mut meta = Vec::new();
                                if let Some(o) = &source.outlet {
                                    meta.push(o.clone());
                                }
                                meta.push(
                                    source
                                        .published
                                        .as_ref()
                                        .map_or("no publication date".into(), TimeSpan::label),
                                );
                                ui.add(
                                    egui::Label::new(RichText::new(meta.join(" · ")).weak())
                                        .truncate(),
                                );
                                let mut counts_line =
                                    format!("{candidates} to review · {accepted} accepted");
                                match stories.versions[at] {
                                    _ if is_version => counts_line.push_str(" · a version"),
                                    0 => {}
                                    n => counts_line
                                        .push_str(&format!(" · story in {} versions", n + 1)),
                                }
                                ui.small(counts_line);
                                ui.horizontal(|ui| {
                                    if ui
                                        .small_button("Edit…")
                                        .on_hover_text(
                                            "Edit title, outlet, URL and publication date",
                                        )
                                        .clicked()
                                    {
                                        edit = Some(source.id);
                                    }
                                    if ui
                                        .small_button("Remove")
                                        .on_hover_text(
                                            "Remove this source and its entries (undoable)",
                                        )
                                        .clicked()
                                    {
                                        remove = Some(source.id);
                                    }
                                    if is_version {
                                        if ui
                                            .small_button("Merge")
                                            .on_hover_text(
                                                "Keep the story's first version only: it takes \
                                                 what it lacks of this one's outlet, URL, \
                                                 authors and date; this version and its \
                                                 entries go (undoable)",
                                            )
                                            .clicked()
                                        {
                                            merge = Some(source.id);
                                        }
                                        if ui
                                            .small_button("Not a version")
                                            .on_hover_text("Make this a source of its own")
                                            .clicked()
                                        {
                                            detach = Some(source.id);
                                        }
                                    }
                                });
                            });
                            card.response
                                .on_hover_text("Click the title to read it below the timeline");
                        });
                    }
                },
            );
            if let Some(id) = clicked {
                app.reader.open(id);
            }
            if let Some(id) = edit {
                app.source_editor =
                    super::source_editor::SourceEditor::open(&app.workspace.project, id);
            }
            if let Some(id) = remove {
                let title = app
                    .workspace
                    .project
                    .source(id)
                    .map_or(String::new(), |s| s.title.clone());
                let cmd = story::remove_source(&app.workspace.project, id);
                app.act(Action::Edit(format!("Remove source “{title}”"), cmd));
            }
            if let Some(id) = merge {
                merge_version(app, id);
            }
            if let Some(id) = detach
                && let Some(cmd) = story::detach(&app.workspace.project, id)
            {
                app.act(Action::Edit("Not a version".into(), cmd));
            }
        });
}

/// Fit all; says why when Compress gaps is on but no empty stretch could be cut.
fn fit_all_and_explain(app: &mut ClaimlineApp, revision: u64) {
    if app.timeline.fit_all(&app.workspace.project, revision) {
        app.info(
            "No empty stretch can be cut at this width: the labels beside it need the room. \
             Widen the timeline and press Fit all.",
        );
    } else if let Some(text) = app.timeline.context_notice() {
        app.info(text);
    }
}

/// Merges a version into its story's first source, saying what it removed.
pub fn merge_version(app: &mut ClaimlineApp, id: SourceId) {
    let project = &app.workspace.project;
    let Some(cmd) = story::merge_into_lead(project, id) else {
        return;
    };
    let only_here = story::entries_only_in(project, id);
    let (title, lead_title) = (
        project
            .source(id)
            .map_or(String::new(), |s| s.title.clone()),
        project
            .source(story::lead_of(project, id))
            .map_or(String::new(), |s| s.title.clone()),
    );
    app.act(Action::Edit(
        format!("Merge “{title}” into “{lead_title}”"),
        cmd,
    ));
    if only_here > 0 {
        app.info(format!(
            "Merged “{title}” into “{lead_title}”: {} found only in that version went with it \
             (Undo brings them back)",
            plural(only_here, "entry")
        ));
    }
}

pub fn central_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        if app.workspace.project.entries.is_empty() {
            empty_state_ui(app, ui);
            return;
        }
        central_toolbar_ui(app, ui);
        super::search::filter_bar_ui(app, ui);
        super::review::review_bar_ui(app, ui);
        ui.separator();
        egui::Panel::bottom("reader")
            .resizable(true)
            .default_size(ui.available_height() * 0.4)
            .min_size(80.0)
            .show(ui, |ui| super::reader::reader_ui(app, ui));
        match app.central {
            CentralView::Timeline => super::timeline_view::timeline_ui(app, ui),
            CentralView::List => entry_list_ui(app, ui),
        }
    });
}

fn central_toolbar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    use crate::timeline::GroupBy;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut app.central, CentralView::Timeline, "Timeline");
        ui.selectable_value(&mut app.central, CentralView::List, "List");
        ui.separator();
        if app.central == CentralView::Timeline {
            let revision = app.workspace.revision();
            if ui
                .button("Fit all")
                .on_hover_text("Show every entry (Home)")
                .clicked()
            {
                fit_all_and_explain(app, revision);
            }
            if ui
                .toggle_value(&mut app.timeline.compress_gaps, "Compress gaps")
                .on_hover_text(
                    "Draw long stretches with no entries as narrow axis breaks (applies on Fit all)",
                )
                .changed()
            {
                fit_all_and_explain(app, revision);
            }
            let selection = app.selection();
            if ui
                .add_enabled(
                    !selection.is_empty(),
                    egui::Button::new("Zoom to selection"),
                )
                .on_hover_text("Show the selected entries (Z)")
                .clicked()
            {
                app.timeline
                    .zoom_to(&app.workspace.project, revision, &selection);
            }
            let label = ui.label("Lanes by");
            egui::ComboBox::from_id_salt("group_by")
                .selected_text(app.timeline.group_by.name())
                .show_ui(ui, |ui| {
                    for g in GroupBy::ALL {
                        ui.selectable_value(&mut app.timeline.group_by, g, g.name());
                    }
                })
                .response
                .labelled_by(label.id);
            super::timeline_view::color_by_ui(&mut app.timeline, ui);
            ui.separator();
            super::chronology::placement_controls_ui(app, ui);
        }
    });
    if app.central == CentralView::Timeline {
        super::chronology::cursor_bar_ui(app, ui);
    }
}

fn entry_list_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let shown = app.shown();
    let project = &app.workspace.project;
    let ordered: Vec<&Entry> = shown
        .order
        .iter()
        .filter_map(|&i| project.entries.get(i))
        .collect();
    ui.label(format!("Entries ({})", ordered.len()));
    let mut clicked = None;
    let mut area = egui::ScrollArea::vertical().auto_shrink(false);
    if app.reveal_selection
        && let Some(row) = app
            .selected
            .and_then(|id| ordered.iter().position(|e| e.id == id))
    {
        // Centre the selected row, as the review keys move through the list.
        let spacing = ui.spacing().item_spacing.y;
        let offset = row as f32 * (ROW_HEIGHT + spacing) - ui.available_height() / 2.0;
        area = area.vertical_scroll_offset(offset.max(0.0));
    }
    area.show_rows(ui, ROW_HEIGHT, ordered.len(), |ui, rows| {
        for entry in &ordered[rows] {
            let selected = app.is_selected(entry.id);
            if entry_row_ui(ui, project, entry, selected).clicked() {
                clicked = Some((entry.id, ui.input(|i| i.modifiers)));
            }
        }
    });
    // Click selects; Ctrl/Cmd-click adds or removes; Shift-click selects a run of rows.
    if let Some((id, modifiers)) = clicked {
        app.act(if modifiers.command {
            Action::ToggleSelected(id)
        } else if modifiers.shift {
            Action::ExtendSelection(ordered.iter().map(|e| e.id).collect(), id)
        } else {
            Action::Select(Some(id))
        });
    }
}

fn empty_state_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let has_sources = !app.workspace.project.sources.is_empty();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        if has_sources {
            ui.heading("No entries yet");
            ui.label("Extraction found no dated events or statements in these sources.");
        } else {
            ui.heading("This project is empty");
            ui.label(
                "Import a news article to extract its dated events and attributed statements.",
            );
        }
        ui.add_space(8.0);
        if ui.button("Import articles…").clicked() {
            app.act(Action::Import(Vec::new()));
        }
        if ui
            .button("Import a folder…")
            .on_hover_text("Every article file in a folder and its sub-folders")
            .clicked()
        {
            app.act(Action::ImportFolder(None));
        }
        if !has_sources && ui.button("Open a project…").clicked() {
            app.act(Action::Open(None));
        }
        if !has_sources
            && ui
                .button("Open the example story")
                .on_hover_text("Three articles about one story, with a correction")
                .clicked()
        {
            app.act(Action::OpenExampleStory);
        }
    });
}

/// "1 source", "2 sources", "1 entry", "3 entries".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn kind_icon(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Event => "◆",
        EntryKind::Statement => "●",
    }
}

fn status_color(status: Status, ui: &egui::Ui) -> Color32 {
    match status {
        Status::Candidate => ui.visuals().warn_fg_color,
        Status::Accepted => Color32::from_rgb(0x3a, 0xa6, 0x5c),
        Status::Rejected => ui.visuals().weak_text_color(),
    }
}

fn entry_row_ui(ui: &mut egui::Ui, project: &Project, e: &Entry, selected: bool) -> egui::Response {
    let when = e.primary_time().map_or("undated".into(), TimeSpan::label);
    let who = e.speaker().map(|s| format!("{s}: ")).unwrap_or_default();
    let source = e
        .sources()
        .next()
        .and_then(|id| project.source(id))
        .map(|s| s.title.as_str())
        .unwrap_or("");
    let mut text = format!("{}  {:<18}  {who}{}", kind_icon(e.kind), when, e.label);
    if !source.is_empty() {
        text.push_str(&format!("   — {source}"));
    }
    let mut rich = RichText::new(text).color(status_color(e.status, ui));
    if e.status == Status::Rejected {
        rich = rich.strikethrough();
    }
    ui.add_sized(
        [ui.available_width(), ROW_HEIGHT],
        egui::Button::selectable(selected, rich).truncate(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms() {
        assert_eq!(plural(1, "entry"), "1 entry");
        assert_eq!(plural(0, "entry"), "0 entries");
        assert_eq!(plural(2, "source"), "2 sources");
    }
}
