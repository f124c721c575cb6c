//! Several entries selected at once, and what can be done to all of them.
//!
//! `ClaimlineApp::selected` stays the *primary* entry (the one the reader and the claim
//! tools follow); `ClaimlineApp::multi` holds the whole selection once it has two or more
//! entries. Ways in: a Shift-drag box on the timeline, Ctrl/Shift-click on the timeline or the
//! list, Ctrl+A. Esc clears. Every bulk action below is a single undoable step.

use std::collections::BTreeSet;

use egui::RichText;

use super::panels::{kind_icon, plural};
use super::{Action, ClaimlineApp};
use crate::model::{Command, Entry, EntryId, Project, Status};

/// Rows listed in the inspector; the count above says how many more there are.
const LISTED: usize = 200;

/// Bulk tag text being typed.
#[derive(Clone, Debug, Default)]
pub struct SelectionDraft {
    tag: String,
}

impl ClaimlineApp {
    /// Every selected entry: the multi-selection, else the single selected entry.
    pub fn selection(&self) -> Vec<EntryId> {
        if self.multi.is_empty() {
            self.selected.into_iter().collect()
        } else {
            self.multi.iter().copied().collect()
        }
    }

    pub fn is_selected(&self, id: EntryId) -> bool {
        self.selected == Some(id) || self.multi.contains(&id)
    }
}

/// Makes `ids` the selection. The primary entry stays if it is among them.
pub fn set(app: &mut ClaimlineApp, ids: impl IntoIterator<Item = EntryId>) {
    let ids: BTreeSet<EntryId> = ids.into_iter().collect();
    if ids.len() < 2 {
        app.selected = ids.first().copied();
        app.multi.clear();
        return;
    }
    if !app.selected.is_some_and(|id| ids.contains(&id)) {
        app.selected = ids.first().copied();
    }
    app.multi = ids;
}

/// Adds `id` to the selection (it becomes the primary entry), or takes it out.
pub fn toggle(app: &mut ClaimlineApp, id: EntryId) {
    let mut ids: BTreeSet<EntryId> = app.selection().into_iter().collect();
    if ids.remove(&id) {
        if app.selected == Some(id) {
            app.selected = None;
        }
    } else {
        ids.insert(id);
        app.selected = Some(id);
    }
    set(app, ids);
}

/// Selects from the primary entry to `id` in the order `order` shows them (Shift-click in
/// the list); just `id` when there is no primary entry or it is not shown.
pub fn extend_to(app: &mut ClaimlineApp, order: &[EntryId], id: EntryId) {
    let anchor = app.selected;
    let (Some(a), Some(b)) = (
        anchor.and_then(|a| order.iter().position(|&x| x == a)),
        order.iter().position(|&x| x == id),
    ) else {
        set(app, [id]);
        return;
    };
    let (lo, hi) = (a.min(b), a.max(b));
    set(app, order[lo..=hi].iter().copied());
    app.selected = anchor;
}

/// Esc clears the selection, Ctrl+A selects what the filter shows, Delete deletes the
/// selection (undoable), when no text field or popup has the keyboard.
pub fn handle_keys(app: &mut ClaimlineApp, ctx: &egui::Context) {
    if ctx.egui_wants_keyboard_input() || egui::Popup::is_any_open(ctx) {
        return;
    }
    use egui::{Key, Modifiers};
    // Esc is only read, not taken: a drag on the timeline and the shortcut sheet use it to
    // cancel and close, and then the selection stays.
    let escape = ctx.input(|i| i.key_pressed(Key::Escape))
        && !app.timeline.is_dragging()
        && !app.show_shortcuts;
    let (all, delete) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::A),
            i.consume_key(Modifiers::NONE, Key::Delete),
        )
    });
    if escape {
        app.act(Action::Select(None));
    }
    if all {
        let shown = app.shown();
        let project = &app.workspace.project;
        let ids = shown.order.iter().map(|&i| project.entries[i].id).collect();
        app.act(Action::SelectMany(ids));
    }
    if delete && let Some(action) = delete_action(app) {
        app.act(Action::Select(None));
        app.act(action);
    }
}

/// Deletes the selected entries, as one step.
pub fn delete_action(app: &ClaimlineApp) -> Option<Action> {
    let ids = app.selection();
    let label = match ids.as_slice() {
        [] => return None,
        [id] => format!(
            "Delete “{}”",
            app.workspace
                .project
                .entry(*id)
                .map(|e| crate::extract::label_of(&e.label))
                .unwrap_or_default()
        ),
        _ => format!("Delete {}", plural(ids.len(), "entry")),
    };
    let commands: Vec<Command> = ids.into_iter().map(Command::RemoveEntry).collect();
    Some(Action::Edit(label, Command::Batch(commands)))
}

/// The selected entries that exist, in project order (one pass; the set may be large).
pub fn chosen<'p>(project: &'p Project, ids: &BTreeSet<EntryId>) -> Vec<&'p Entry> {
    project
        .entries
        .iter()
        .filter(|e| ids.contains(&e.id))
        .collect()
}

/// One edit applied to each entry that it changes; `None` when it changes none.
fn each(entries: &[&Entry], change: impl Fn(&mut Entry) -> bool) -> Option<Command> {
    let now = chrono::Utc::now();
    let commands: Vec<Command> = entries
        .iter()
        .filter_map(|e| {
            let mut edited = (*e).clone();
            change(&mut edited).then(|| {
                edited.modified = now;
                Command::ReplaceEntry(Box::new(edited))
            })
        })
        .collect();
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

/// Sets `status` on the entries that do not have it.
pub fn status_command(entries: &[&Entry], status: Status) -> Option<Command> {
    each(entries, |e| {
        let changed = e.status != status;
        e.status = status;
        changed
    })
}

/// Adds `tag` to the entries that lack it (any spelling counts as having it).
pub fn add_tag_command(entries: &[&Entry], tag: &str) -> Option<Command> {
    let tag = tag.trim();
    if tag.is_empty() {
        return None;
    }
    each(entries, |e| {
        let has = e.tags.iter().any(|t| t.eq_ignore_ascii_case(tag));
        if !has {
            e.tags.push(tag.to_owned());
        }
        !has
    })
}

/// Takes `tag` (any spelling) off the entries that have it.
pub fn remove_tag_command(entries: &[&Entry], tag: &str) -> Option<Command> {
    let tag = tag.trim();
    each(entries, |e| {
        let before = e.tags.len();
        e.tags.retain(|t| !t.eq_ignore_ascii_case(tag));
        e.tags.len() != before
    })
}

/// One new claim holding `entries` ([`Project::new_claim_command`]: they leave their old
/// claims), in time order. Labelled after the earliest statement, else the earliest entry.
pub fn group_as_claim_command(project: &mut Project, entries: &[&Entry]) -> Option<Command> {
    if entries.len() < 2 {
        return None;
    }
    let mut ordered: Vec<&Entry> = entries.to_vec();
    ordered.sort_by(|a, b| crate::timeline::cmp_entries(a, b));
    let named = ordered
        .iter()
        .find(|e| e.kind == crate::model::EntryKind::Statement)
        .unwrap_or(&ordered[0]);
    let label = crate::extract::label_of(&named.label);
    let ids: Vec<EntryId> = ordered.iter().map(|e| e.id).collect();
    Some(project.new_claim_command(label, &ids))
}

/// The inspector for a multi-selection: counts, bulk actions and the list of entries.
pub fn selection_panel_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let ids = app.multi.clone();
    let project = &app.workspace.project;
    let entries = chosen(project, &ids);
    let n = entries.len();
    let count = |f: &dyn Fn(&Entry) -> bool| entries.iter().filter(|e| f(e)).count();
    let statements = count(&|e| e.kind == crate::model::EntryKind::Statement);
    let candidates = count(&|e| e.status == Status::Candidate);
    let accepted = count(&|e| e.status == Status::Accepted);
    ui.label(RichText::new(format!("{} selected", plural(n, "entry"))).strong());
    ui.weak(format!(
        "{} · {}",
        plural(n - statements, "event"),
        plural(statements, "statement")
    ));
    ui.weak(format!(
        "{} · {} accepted · {} rejected",
        plural(candidates, "candidate"),
        accepted,
        n - candidates - accepted
    ));
    ui.add_space(6.0);

    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        for (status, verb) in [
            (Status::Accepted, "Accept all"),
            (Status::Rejected, "Reject all"),
            (Status::Candidate, "Mark as candidates"),
        ] {
            let command = status_command(&entries, status);
            if ui
                .add_enabled(command.is_some(), egui::Button::new(verb))
                .clicked()
                && let Some(command) = command
            {
                let what = format!("{verb} ({})", plural(n, "entry"));
                actions.push(Action::Edit(what, command));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui
            .button("Zoom to selection")
            .on_hover_text("Show all of them on the timeline (Z)")
            .clicked()
        {
            actions.push(Action::ZoomToSelection);
        }
        if ui
            .button("Clear")
            .on_hover_text("Select nothing (Esc)")
            .clicked()
        {
            actions.push(Action::Select(None));
        }
    });

    ui.add_space(6.0);
    let caption = ui.label(RichText::new("Tag").strong());
    ui.horizontal(|ui| {
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.selection_draft.tag)
                    .hint_text("tag")
                    .desired_width(110.0),
            )
            .labelled_by(caption.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let tag = app.selection_draft.tag.trim().to_owned();
        let add = add_tag_command(&entries, &tag);
        if (ui
            .add_enabled(add.is_some(), egui::Button::new("Add"))
            .clicked()
            || entered)
            && let Some(command) = add
        {
            actions.push(Action::Edit(
                format!("Tag {} “{tag}”", plural(n, "entry")),
                command,
            ));
        }
        let remove = remove_tag_command(&entries, &tag);
        if ui
            .add_enabled(remove.is_some(), egui::Button::new("Remove"))
            .clicked()
            && let Some(command) = remove
        {
            actions.push(Action::Edit(format!("Untag “{tag}”"), command));
        }
    });

    ui.add_space(6.0);
    ui.label(RichText::new("Claim").strong());
    if ui
        .button("Group as one claim")
        .on_hover_text(
            "Make these entries the appearances of one claim; they leave any claim they were in",
        )
        .clicked()
    {
        let entries: Vec<Entry> = entries.iter().map(|e| (*e).clone()).collect();
        let refs: Vec<&Entry> = entries.iter().collect();
        if let Some(command) = group_as_claim_command(&mut app.workspace.project, &refs) {
            actions.push(Action::Edit(
                format!("Group {} as one claim", plural(n, "entry")),
                command,
            ));
        }
    }

    ui.add_space(6.0);
    let delete = ui
        .button(
            RichText::new(format!("Delete {}", plural(n, "entry")))
                .color(ui.visuals().error_fg_color),
        )
        .on_hover_text("Remove them from the project (Delete; Ctrl+Z undoes)");
    if delete.clicked()
        && let Some(action) = delete_action(app)
    {
        actions.push(Action::Select(None));
        actions.push(action);
    }

    ui.separator();
    let project = &app.workspace.project;
    let entries = chosen(project, &ids);
    egui::ScrollArea::vertical()
        .id_salt("selection_list")
        .show(ui, |ui| {
            for e in entries.iter().take(LISTED) {
                ui.horizontal(|ui| {
                    if ui
                        .small_button("×")
                        .on_hover_text("Take out of the selection")
                        .clicked()
                    {
                        actions.push(Action::ToggleSelected(e.id));
                    }
                    let when = e.primary_time().map_or("undated".into(), |t| t.label());
                    let text = format!(
                        "{} {} · {when}",
                        kind_icon(e.kind),
                        crate::extract::label_of(&e.label)
                    );
                    if ui
                        .add(egui::Button::selectable(app.selected == Some(e.id), text).truncate())
                        .on_hover_text("Show only this entry")
                        .clicked()
                    {
                        actions.push(Action::Select(Some(e.id)));
                    }
                });
            }
            if entries.len() > LISTED {
                ui.weak(format!("… and {} more", entries.len() - LISTED));
            }
        });
    for a in actions {
        app.act(a);
    }
}
