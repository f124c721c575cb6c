//! The inspector: every field of the selected entry, editable. Text fields are committed as
//! one undoable edit when they lose focus; toggles and pickers commit at once.

use egui::RichText;

use super::panels::{kind_icon, plural};
use super::{Action, ClaimlineApp};
use crate::model::{
    Attribution, Color, Command, Entry, EntryId, EntryKind, Link, LinkKind, Resolution, Stance,
    Status, TimeSpan, merge_entries,
};

/// What the user is typing, until it is committed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InspectorDraft {
    id: Option<EntryId>,
    revision: u64,
    label: String,
    tags: String,
    note: String,
    lane: String,
    times: [String; 3],
    speaker: String,
    role: String,
    cue: String,
    outlet: String,
    relay: String,
    /// Problems with the typed times, shown under the fields.
    time_errors: [Option<String>; 3],
    /// The link / merge target search.
    target_query: String,
    link_kind: Option<LinkKind>,
}

impl InspectorDraft {
    fn load(entry: &Entry, revision: u64) -> Self {
        let a = entry.attribution.clone().unwrap_or_default();
        let time = |t: &Option<TimeSpan>| t.as_ref().map_or(String::new(), |t| t.value.to_string());
        Self {
            id: Some(entry.id),
            revision,
            label: entry.label.clone(),
            tags: entry.tags.join(", "),
            note: entry.note.clone(),
            lane: entry.lane.clone().unwrap_or_default(),
            times: [
                time(&entry.event_time),
                time(&entry.said_time),
                time(&entry.reported_time),
            ],
            speaker: a.speaker,
            role: a.speaker_role.unwrap_or_default(),
            cue: a.cue,
            outlet: a.outlet.unwrap_or_default(),
            relay: a.relay.join(" → "),
            time_errors: Default::default(),
            target_query: String::new(),
            link_kind: Some(LinkKind::Supports),
        }
    }
}

/// Tags as typed: comma-separated, trimmed, empty ones dropped, first spelling kept.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.to_owned());
        }
    }
    tags
}

/// A relay chain as typed: "A → B → C", "A -> B", or "A, B".
fn parse_relay(text: &str) -> Vec<String> {
    text.split(['→', ','])
        .flat_map(|p| p.split("->"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

pub fn inspector_panel_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .min_size(220.0)
        .show(ui, |ui| {
            ui.heading("Inspector");
            ui.separator();
            if app.multi.len() > 1 {
                super::selection::selection_panel_ui(app, ui);
                return;
            }
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

fn edit(app: &mut ClaimlineApp, what: &str, mut edited: Entry) {
    edited.modified = chrono::Utc::now();
    app.act(Action::Edit(
        what.to_owned(),
        Command::ReplaceEntry(Box::new(edited)),
    ));
}

fn inspector_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: Entry) {
    let revision = app.workspace.revision();
    let typing = ui.ctx().egui_wants_keyboard_input();
    // Reload from the project when another entry is shown, or the project changed (undo)
    // while the user is not typing here.
    if app.inspector_draft.id != Some(entry.id)
        || (app.inspector_draft.revision != revision && !typing)
    {
        app.inspector_draft = InspectorDraft::load(&entry, revision);
    }
    ui.horizontal_wrapped(|ui| {
        let caption = ui.label(kind_icon(entry.kind));
        let mut kind = entry.kind;
        egui::ComboBox::from_id_salt("entry_kind")
            .selected_text(kind.name())
            .width(90.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut kind, EntryKind::Event, "event");
                ui.selectable_value(&mut kind, EntryKind::Statement, "statement");
            })
            .response
            .on_hover_text("Kind of entry")
            .labelled_by(caption.id);
        if kind != entry.kind {
            let mut edited = entry.clone();
            edited.kind = kind;
            if kind == EntryKind::Statement && edited.attribution.is_none() {
                edited.attribution = Some(Attribution::default());
            }
            edit(app, "Change kind", edited);
        }
        for (status, label) in [
            (Status::Candidate, "Candidate"),
            (Status::Accepted, "Accepted"),
            (Status::Rejected, "Rejected"),
        ] {
            if ui.selectable_label(entry.status == status, label).clicked()
                && entry.status != status
            {
                app.act(super::review::set_status(&entry, status));
            }
        }
    });
    super::same_event::same_event_ui(app, ui, &entry);
    ui.add_space(4.0);
    text_fields_ui(app, ui, &entry);
    ui.add_space(4.0);
    colour_ui(app, ui, &entry);
    ui.add_space(4.0);
    links_ui(app, ui, &entry);
    ui.add_space(4.0);
    ui.separator();
    super::claim_panel::claim_ui(app, ui, &entry);
    ui.separator();
    provenance_ui(app, ui, &entry);
    ui.add_space(4.0);
    super::claim_panel::history_ui(ui, &entry);
}

fn field(ui: &mut egui::Ui, caption: &str, text: &mut String, hint: &str) -> egui::Response {
    let c = ui.weak(caption);
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(("inspector", caption.split_whitespace().next()))
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(c.id)
}

/// Every text field; one commit when any of them loses focus.
fn text_fields_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    let focus_label = std::mem::take(&mut app.focus_label);
    let anchor = entry
        .sources()
        .next()
        .and_then(|id| app.workspace.project.source(id))
        .and_then(|s| s.published_date());
    let draft = &mut app.inspector_draft;
    let mut lost = false;
    let label = field(ui, "Label", &mut draft.label, "a short headline");
    if focus_label {
        label.request_focus();
    }
    lost |= label.lost_focus();

    ui.add_space(4.0);
    ui.label(RichText::new("Times").strong());
    let times = [&entry.event_time, &entry.said_time, &entry.reported_time];
    for (i, name) in ["Happened", "Said", "Reported"].into_iter().enumerate() {
        let caption = match times[i] {
            Some(t) => format!("{name} — {} ({})", t.label(), t.precision.name()),
            None => format!("{name} — not set"),
        };
        lost |= field(
            ui,
            &caption,
            &mut draft.times[i],
            "e.g. 2025-08-21, 2023, 2023-H1, 2025-W34",
        )
        .lost_focus();
        if let Some(err) = &draft.time_errors[i] {
            ui.colored_label(ui.visuals().error_fg_color, err);
        }
    }
    let mut approx = entry.primary_time().is_some_and(|t| t.approximate);
    let approx_changed = ui
        .add_enabled(
            entry.primary_time().is_some(),
            egui::Checkbox::new(&mut approx, "Approximate (drawn fuzzy)"),
        )
        .changed();

    let mut direct = entry.attribution.as_ref().is_some_and(|a| a.direct);
    let mut direct_changed = false;
    let mut stance = entry.stance().unwrap_or(Stance::Said);
    let mut stance_changed = false;
    if entry.kind == EntryKind::Statement {
        ui.add_space(4.0);
        ui.label(RichText::new("Attribution").strong());
        lost |= field(ui, "Speaker", &mut draft.speaker, "who said it").lost_focus();
        lost |= field(ui, "Role", &mut draft.role, "e.g. spokesperson").lost_focus();
        lost |= field(ui, "Cue", &mut draft.cue, "said, told, according to").lost_focus();
        ui.horizontal(|ui| {
            let caption = ui.weak("Cue stance");
            egui::ComboBox::from_id_salt("inspector_stance")
                .selected_text(stance.verb())
                .show_ui(ui, |ui| {
                    for s in Stance::ALL {
                        stance_changed |= ui.selectable_value(&mut stance, s, s.verb()).changed();
                    }
                })
                .response
                .on_hover_text(
                    "What the cue says the speaker does: said it, believes it, denies it…",
                )
                .labelled_by(caption.id);
        });
        lost |= field(ui, "Told", &mut draft.outlet, "the outlet spoken to").lost_focus();
        lost |= field(
            ui,
            "Relayed by",
            &mut draft.relay,
            "Ukrinform → The Daily Digest",
        )
        .lost_focus();
        direct_changed = ui.checkbox(&mut direct, "Direct quote").changed();
    }

    ui.add_space(4.0);
    ui.label(RichText::new("Annotation").strong());
    lost |= field(ui, "Lane", &mut draft.lane, "group on the timeline").lost_focus();
    lost |= field(
        ui,
        "Tags (comma-separated)",
        &mut draft.tags,
        "e.g. disputed, casualties",
    )
    .lost_focus();
    let note_caption = ui.weak("Note (Markdown)");
    lost |= ui
        .add(
            egui::TextEdit::multiline(&mut draft.note)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(note_caption.id)
        .lost_focus();

    if !(lost || approx_changed || direct_changed || stance_changed) {
        return;
    }
    let mut edited = entry.clone();
    edited.label = draft.label.trim().to_owned();
    if edited.label.is_empty() {
        // An entry always has a headline: an emptied label is put back.
        draft.label = entry.label.clone();
        edited.label = entry.label.clone();
    }
    edited.tags = parse_tags(&draft.tags);
    edited.note = draft.note.clone();
    edited.lane = optional(&draft.lane);
    let slots = [
        &mut edited.event_time,
        &mut edited.said_time,
        &mut edited.reported_time,
    ];
    for (i, slot) in slots.into_iter().enumerate() {
        draft.time_errors[i] = None;
        let typed = draft.times[i].trim();
        let current = slot.as_ref().map(|t| t.value.to_string());
        if current.as_deref() == Some(typed) || (typed.is_empty() && slot.is_none()) {
            continue;
        }
        if typed.is_empty() {
            *slot = None;
            continue;
        }
        match TimeSpan::parse(typed, anchor) {
            Ok(t) => *slot = Some(t.with_resolution(Resolution::Manual)),
            Err(e) => draft.time_errors[i] = Some(format!("“{typed}”: {e}")),
        }
    }
    if approx_changed {
        let primary = if edited.event_time.is_some() {
            &mut edited.event_time
        } else if edited.said_time.is_some() {
            &mut edited.said_time
        } else {
            &mut edited.reported_time
        };
        if let Some(t) = primary {
            t.approximate = approx;
        }
    }
    if edited.kind == EntryKind::Statement {
        let a = edited.attribution.get_or_insert_with(Attribution::default);
        a.speaker = draft.speaker.trim().to_owned();
        a.speaker_role = optional(&draft.role);
        a.cue = draft.cue.trim().to_owned();
        a.outlet = optional(&draft.outlet);
        a.relay = parse_relay(&draft.relay);
        a.direct = direct;
        if stance_changed {
            a.stance = Some(stance);
        }
    }
    if edited == *entry {
        return;
    }
    let what = describe_change(entry, &edited);
    edit(app, what, edited);
}

/// The Edit menu's name for a change: the first field that differs.
fn describe_change(old: &Entry, new: &Entry) -> &'static str {
    if old.label != new.label {
        "Edit label"
    } else if (&old.event_time, &old.said_time, &old.reported_time)
        != (&new.event_time, &new.said_time, &new.reported_time)
    {
        "Edit time"
    } else if old.attribution != new.attribution {
        "Edit attribution"
    } else if old.tags != new.tags {
        "Edit tags"
    } else if old.lane != new.lane {
        "Edit lane"
    } else {
        "Edit note"
    }
}

fn colour_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    ui.horizontal(|ui| {
        ui.weak("Colour");
        let [r, g, b] = entry.color.map_or([0x80, 0x80, 0x80], |c| c.0);
        let mut rgb = [r, g, b];
        let picked = ui.color_edit_button_srgb(&mut rgb).changed();
        if picked && Some(Color(rgb)) != entry.color {
            let mut edited = entry.clone();
            edited.color = Some(Color(rgb));
            edit(app, "Change colour", edited);
        }
        if entry.color.is_some() {
            if ui.small_button("Default").clicked() {
                let mut edited = entry.clone();
                edited.color = None;
                edit(app, "Reset colour", edited);
            }
        } else {
            ui.weak("(from lane or status)");
        }
    });
}

/// Links to other entries, and merging a duplicate into this one.
fn links_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    ui.label(RichText::new("Links").strong());
    let project = &app.workspace.project;
    let mut remove = None;
    let mut go = None;
    for (i, link) in entry.links.iter().enumerate() {
        ui.horizontal(|ui| {
            let target = project
                .entry(link.target)
                .map_or("(missing entry)".to_owned(), |t| t.label.clone());
            ui.weak(link.kind.name());
            if ui.link(target).clicked() {
                go = Some(link.target);
            }
            if ui.small_button("×").on_hover_text("Remove link").clicked() {
                remove = Some(i);
            }
        });
    }
    let backlinks: Vec<(EntryId, String, LinkKind)> = project
        .entries
        .iter()
        .filter(|e| e.id != entry.id)
        .flat_map(|e| {
            e.links
                .iter()
                .filter(|l| l.target == entry.id)
                .map(|l| (e.id, e.label.clone(), l.kind))
        })
        .take(20)
        .collect();
    for (id, label, kind) in backlinks {
        ui.horizontal(|ui| {
            ui.weak(format!("← {}", kind.name()));
            if ui.link(label).clicked() {
                go = Some(id);
            }
        });
    }
    if entry.links.is_empty() && go.is_none() && remove.is_none() {
        ui.weak("No links. Find an entry below to link or merge it.");
    }
    let draft = &mut app.inspector_draft;
    ui.horizontal(|ui| {
        let kind = draft.link_kind.unwrap_or(LinkKind::Supports);
        let caption = ui.weak("Relation");
        egui::ComboBox::from_id_salt("link_kind")
            .selected_text(kind.name())
            .width(90.0)
            .show_ui(ui, |ui| {
                for k in LinkKind::ALL {
                    ui.selectable_value(&mut draft.link_kind, Some(k), k.name());
                }
            })
            .response
            .labelled_by(caption.id);
        let find = ui.weak("find");
        ui.add(
            egui::TextEdit::singleline(&mut draft.target_query)
                .hint_text("find an entry by its words")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(find.id);
    });
    let mut link_to = None;
    let mut merge_from = None;
    if !draft.target_query.trim().is_empty() {
        let filter = crate::model::EntryFilter {
            text: draft.target_query.clone(),
            ..Default::default()
        };
        let found: Vec<&Entry> = project
            .entries
            .iter()
            .filter(|e| e.id != entry.id && filter.matches(project, e))
            .take(8)
            .collect();
        if found.is_empty() {
            ui.weak("No entry matches.");
        }
        for e in found {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Link")
                    .on_hover_text("Link the selected entry to this one")
                    .clicked()
                {
                    link_to = Some(e.id);
                }
                if ui
                    .small_button("Merge")
                    .on_hover_text(
                        "This one is a duplicate: fold it into the selected entry, keeping its evidence",
                    )
                    .clicked()
                {
                    merge_from = Some(e.id);
                }
                ui.label(format!("{} {}", kind_icon(e.kind), e.label));
            });
        }
    }
    let kind = draft.link_kind.unwrap_or(LinkKind::Supports);
    if link_to.is_some() || merge_from.is_some() {
        draft.target_query.clear();
    }
    if let Some(i) = remove {
        let mut edited = entry.clone();
        edited.links.remove(i);
        edit(app, "Remove link", edited);
    }
    if let Some(target) = link_to {
        let link = Link { kind, target };
        if !entry.links.contains(&link) {
            let mut edited = entry.clone();
            edited.links.push(link);
            edit(app, &format!("Link ({})", kind.name()), edited);
        }
    }
    if let Some(dup) = merge_from
        && let Some(cmd) = merge_entries(&app.workspace.project, entry.id, dup)
    {
        app.act(Action::Edit("Merge duplicate".into(), cmd));
    }
    if let Some(id) = go {
        app.act(Action::Select(Some(id)));
        app.reveal_request = true;
    }
}

/// Where the entry comes from: the evidence quotes and why extraction proposed it.
fn provenance_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    ui.label(RichText::new("Evidence").strong());
    ui.weak(format!(
        "Confidence {:.0}%{}",
        entry.confidence * 100.0,
        if entry.reason.is_empty() {
            String::new()
        } else {
            format!(" · why: {}", entry.reason)
        }
    ));
    let project = &app.workspace.project;
    let mut open = None;
    for ev in entry.evidence.iter().filter(|e| e.role == "content") {
        if let Some(source) = project.source(ev.source) {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                if ui.small_button("Show").clicked() {
                    open = Some((ev.source, ev.range.start));
                }
                // Truncated: a long title in a row would otherwise widen the whole panel.
                ui.add(
                    egui::Label::new(RichText::new(format!("in “{}”", source.title)).weak())
                        .truncate(),
                )
                .on_hover_text(&source.title);
            });
            let quote = source.slice(ev.range).unwrap_or("(range outside the text)");
            ui.label(RichText::new(format!("“{quote}”")).italics());
        }
    }
    let n = entry.sources().count();
    if n > 1 {
        ui.weak(format!("Found in {}", plural(n, "source")));
    }
    if let Some((source, at)) = open {
        app.reader.show_at(source, at);
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
    fn relay_chains_accept_arrows_and_commas() {
        assert_eq!(
            parse_relay("Ukrinform → The Daily Digest"),
            ["Ukrinform", "The Daily Digest"]
        );
        assert_eq!(parse_relay("A -> B, C"), ["A", "B", "C"]);
        assert!(parse_relay(" ").is_empty());
    }
}
