//! The sources panel, the entry list in the centre, the inspector and the status bar.

use egui::{Color32, RichText};

use super::{Action, CentralView, ClaimlineApp};
use crate::model::{Command, Entry, EntryId, EntryKind, Project, Status, TimeSpan};

/// Height of one row in the entry list; fixed so that only visible rows are laid out.
const ROW_HEIGHT: f32 = 22.0;

pub fn status_bar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let p = &app.workspace.project;
            let candidates = p
                .entries
                .iter()
                .filter(|e| e.status == Status::Candidate)
                .count();
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
            egui::ScrollArea::vertical().show(ui, |ui| {
                for source in &project.sources {
                    if !filter.is_empty() && !source.title.to_lowercase().contains(&filter) {
                        continue;
                    }
                    let (candidates, accepted) =
                        project
                            .entries_of_source(source.id)
                            .fold((0, 0), |(c, a), e| match e.status {
                                Status::Candidate => (c + 1, a),
                                Status::Accepted => (c, a + 1),
                                Status::Rejected => (c, a),
                            });
                    ui.group(|ui| {
                        ui.set_width(ui.available_width());
                        ui.label(RichText::new(&source.title).strong());
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
                        ui.weak(meta.join(" · "));
                        ui.small(format!("{candidates} to review · {accepted} accepted"));
                    });
                }
            });
        });
}

fn entry_visible(app: &ClaimlineApp, e: &Entry) -> bool {
    app.show_rejected || e.status != Status::Rejected
}

pub fn central_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        if app.workspace.project.entries.is_empty() {
            empty_state_ui(app, ui);
            return;
        }
        central_toolbar_ui(app, ui);
        ui.separator();
        match app.central {
            CentralView::Timeline => super::timeline_view::timeline_ui(app, ui),
            CentralView::List => entry_list_ui(app, ui),
        }
    });
}

fn central_toolbar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    use crate::timeline::GroupBy;
    ui.horizontal(|ui| {
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
                app.timeline.fit_all(&app.workspace.project, revision);
            }
            let selected = app.selected;
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Zoom to selection"))
                .on_hover_text("Show the selected entry (Z)")
                .clicked()
                && let Some(id) = selected
            {
                app.timeline
                    .zoom_to(&app.workspace.project, revision, &[id]);
            }
            let names = [
                (GroupBy::None, "none"),
                (GroupBy::Source, "source"),
                (GroupBy::Speaker, "speaker"),
                (GroupBy::Outlet, "outlet"),
                (GroupBy::Kind, "kind"),
                (GroupBy::Tag, "tag"),
            ];
            let current = names
                .iter()
                .find(|(g, _)| *g == app.timeline.group_by)
                .map_or("", |(_, n)| n);
            let label = ui.label("Lanes by");
            egui::ComboBox::from_id_salt("group_by")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (g, name) in names {
                        ui.selectable_value(&mut app.timeline.group_by, g, name);
                    }
                })
                .response
                .labelled_by(label.id);
        }
    });
}

fn entry_list_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let project = &app.workspace.project;
    let ordered: Vec<&Entry> = crate::timeline::chronological(project)
        .into_iter()
        .filter(|e| entry_visible(app, e))
        .collect();
    ui.label(format!("Entries ({})", ordered.len()));
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        ROW_HEIGHT,
        ordered.len(),
        |ui, rows| {
            for entry in &ordered[rows] {
                let selected = app.selected == Some(entry.id);
                if entry_row_ui(ui, project, entry, selected).clicked() {
                    clicked = Some(entry.id);
                }
            }
        },
    );
    if let Some(id) = clicked {
        app.act(Action::Select(Some(id)));
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
        if ui.button("Import an article…").clicked() {
            app.act(Action::Import(Vec::new()));
        }
        if !has_sources && ui.button("Open a project…").clicked() {
            app.act(Action::Open(None));
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

fn kind_icon(kind: EntryKind) -> &'static str {
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

pub fn inspector_panel_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .min_size(200.0)
        .show(ui, |ui| {
            ui.heading("Inspector");
            ui.separator();
            let Some(entry) = app
                .selected
                .and_then(|id| app.workspace.project.entry(id))
                .cloned()
            else {
                ui.weak("Select an entry to see where it comes from.");
                return;
            };
            egui::ScrollArea::vertical().show(ui, |ui| inspector_ui(app, ui, entry));
        });
}

fn inspector_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: Entry) {
    ui.label(format!("{} {}", kind_icon(entry.kind), entry.kind.name()));
    ui.horizontal(|ui| {
        for status in [Status::Candidate, Status::Accepted, Status::Rejected] {
            let label = match status {
                Status::Candidate => "Candidate",
                Status::Accepted => "Accept",
                Status::Rejected => "Reject",
            };
            if ui.selectable_label(entry.status == status, label).clicked()
                && entry.status != status
            {
                let mut edited = entry.clone();
                edited.status = status;
                edited.modified = chrono::Utc::now();
                app.act(Action::Edit(
                    format!("{label} entry"),
                    Command::ReplaceEntry(Box::new(edited)),
                ));
            }
        }
    });
    ui.add_space(4.0);
    editable_fields_ui(app, ui, &entry);
    ui.add_space(4.0);
    egui::Grid::new("entry_fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let mut row = |name: &str, value: String| {
                ui.weak(name);
                ui.label(value);
                ui.end_row();
            };
            for (name, t) in [
                ("Happened", &entry.event_time),
                ("Said", &entry.said_time),
                ("Reported", &entry.reported_time),
            ] {
                if let Some(t) = t {
                    row(
                        name,
                        format!("{}  ({}, {})", t.label(), t.value, t.precision.name()),
                    );
                }
            }
            if let Some(a) = &entry.attribution {
                row("Speaker", a.speaker.clone());
                if !a.cue.is_empty() {
                    row("Cue", a.cue.clone());
                }
                if let Some(o) = &a.outlet {
                    row("Told", o.clone());
                }
                if !a.relay.is_empty() {
                    row("Relayed by", a.relay.join(" → "));
                }
                row(
                    "Quote",
                    if a.direct {
                        "direct"
                    } else {
                        "reported speech"
                    }
                    .into(),
                );
            }
            row("Confidence", format!("{:.0}%", entry.confidence * 100.0));
            if !entry.reason.is_empty() {
                row("Why", entry.reason.clone());
            }
        });
    for ev in &entry.evidence {
        let project = &app.workspace.project;
        if let Some(source) = project.source(ev.source) {
            ui.add_space(6.0);
            ui.weak(format!("Evidence in “{}”", source.title));
            let quote = source.slice(ev.range).unwrap_or("(range outside the text)");
            ui.label(RichText::new(format!("“{quote}”")).italics());
        }
    }
}

/// What the user is typing into the inspector, until it is committed as one undoable edit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InspectorDraft {
    id: Option<EntryId>,
    revision: u64,
    label: String,
    tags: String,
    note: String,
}

/// Tags as typed: comma-separated, trimmed, empty ones dropped, first spelling kept.
fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_owned());
        }
    }
    tags
}

/// Label, tags and note: edited in place, committed when the field loses focus.
fn editable_fields_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    let revision = app.workspace.revision();
    let draft = &mut app.inspector_draft;
    let typing = ui.ctx().egui_wants_keyboard_input();
    // Reload from the project when another entry is shown or the project changed (undo)
    // while the user is not typing here.
    if draft.id != Some(entry.id) || (draft.revision != revision && !typing) {
        *draft = InspectorDraft {
            id: Some(entry.id),
            revision,
            label: entry.label.clone(),
            tags: entry.tags.join(", "),
            note: entry.note.clone(),
        };
    }
    let label_caption = ui.weak("Label");
    let label = ui
        .add(egui::TextEdit::singleline(&mut draft.label).desired_width(f32::INFINITY))
        .labelled_by(label_caption.id);
    let tags_caption = ui.weak("Tags (comma-separated)");
    let tags = ui
        .add(
            egui::TextEdit::singleline(&mut draft.tags)
                .hint_text("e.g. disputed, casualties")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(tags_caption.id);
    let note_caption = ui.weak("Note (Markdown)");
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut draft.note)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(note_caption.id);
    if !(label.lost_focus() || tags.lost_focus() || note.lost_focus()) {
        return;
    }
    let mut edited = entry.clone();
    edited.label = draft.label.trim().to_owned();
    edited.tags = parse_tags(&draft.tags);
    edited.note = draft.note.clone();
    if edited.label.is_empty() {
        // An entry always has a headline: an emptied label is put back.
        draft.label = entry.label.clone();
        edited.label = entry.label.clone();
    }
    if edited.label != entry.label || edited.tags != entry.tags || edited.note != entry.note {
        edited.modified = chrono::Utc::now();
        let what = if edited.label != entry.label {
            "Edit label"
        } else if edited.tags != entry.tags {
            "Edit tags"
        } else {
            "Edit note"
        };
        app.act(Action::Edit(
            what.into(),
            Command::ReplaceEntry(Box::new(edited)),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_deduplicated_and_never_empty() {
        assert_eq!(
            parse_tags(" disputed, casualties ,,Disputed, "),
            ["disputed", "casualties"]
        );
        assert!(parse_tags(" , ").is_empty());
    }

    #[test]
    fn plural_forms() {
        assert_eq!(plural(1, "entry"), "1 entry");
        assert_eq!(plural(0, "entry"), "0 entries");
        assert_eq!(plural(2, "source"), "2 sources");
    }
}
