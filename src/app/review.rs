//! The review queue: step through candidates in time order with the keyboard (J/K next and
//! previous, A accept, R reject, E edit, U undo) and accept or reject what the filter shows.

use egui::RichText;

use super::{Action, ClaimlineApp};
use crate::model::{Command, Entry, EntryId, Project, Status};

/// Entries the user is looking at (search, filters, rejected toggle), in time order.
pub fn shown_in_order<'p>(app: &ClaimlineApp, project: &'p Project) -> Vec<&'p Entry> {
    app.shown()
        .order
        .iter()
        .filter_map(|&i| project.entries.get(i))
        .collect()
}

/// The next (or previous) candidate after `current` in `order`, wrapping around; the first
/// (or last) candidate when nothing is selected.
pub fn step(order: &[&Entry], current: Option<EntryId>, forward: bool) -> Option<EntryId> {
    let n = order.len();
    if n == 0 {
        return None;
    }
    let here = current.and_then(|id| order.iter().position(|e| e.id == id));
    (1..=n)
        .map(|k| match (here, forward) {
            (Some(i), true) => (i + k) % n,
            (Some(i), false) => (i + n - k) % n,
            (None, true) => k - 1,
            (None, false) => n - k,
        })
        .map(|i| order[i])
        .find(|e| e.status == Status::Candidate)
        .map(|e| e.id)
}

/// "Accept entry" / "Reject entry" as one undoable edit.
pub fn set_status(entry: &Entry, status: Status) -> Action {
    let mut edited = entry.clone();
    edited.status = status;
    edited.modified = chrono::Utc::now();
    let verb = match status {
        Status::Candidate => "Mark as candidate",
        Status::Accepted => "Accept",
        Status::Rejected => "Reject",
    };
    Action::Edit(
        format!("{verb} “{}”", short(&entry.label)),
        Command::ReplaceEntry(Box::new(edited)),
    )
}

/// The same status for every shown candidate, as one undoable batch.
fn set_status_all(candidates: &[&Entry], status: Status) -> Option<Action> {
    let command = super::selection::status_command(candidates, status)?;
    let verb = if status == Status::Accepted {
        "Accept"
    } else {
        "Reject"
    };
    Some(Action::Edit(
        format!(
            "{verb} {}",
            super::panels::plural(candidates.len(), "candidate")
        ),
        command,
    ))
}

fn short(label: &str) -> String {
    const MAX: usize = 40;
    if label.chars().count() <= MAX {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// Review keys, when no text field has the keyboard.
pub fn handle_keys(app: &mut ClaimlineApp, ctx: &egui::Context) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    use egui::Key;
    let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    let (next, prev, accept, reject, edit, undo) = (
        pressed(Key::J),
        pressed(Key::K),
        pressed(Key::A),
        pressed(Key::R),
        pressed(Key::E),
        pressed(Key::U),
    );
    if undo {
        app.act(Action::Undo);
    }
    if edit && app.selected.is_some() {
        app.focus_label = true;
    }
    if !(next || prev || accept || reject) {
        // The ordered list costs a pass over every shown entry: only build it for a key.
        return;
    }
    let project = &app.workspace.project;
    let order = shown_in_order(app, project);
    let mut actions = Vec::new();
    if next || prev {
        match step(&order, app.selected, next) {
            Some(id) => actions.push(Action::Select(Some(id))),
            None => actions.push(Action::Notice("No candidates left to review".into())),
        }
    }
    if (accept || reject) && app.multi.len() > 1 {
        // A or R on a multi-selection decides all of it.
        let status = if accept {
            Status::Accepted
        } else {
            Status::Rejected
        };
        let chosen = super::selection::chosen(project, &app.multi);
        if let Some(command) = super::selection::status_command(&chosen, status) {
            let verb = if accept { "Accept" } else { "Reject" };
            let what = format!("{verb} {}", super::panels::plural(chosen.len(), "entry"));
            actions.push(Action::Edit(what, command));
        }
    } else if (accept || reject)
        && let Some(entry) = app.selected.and_then(|id| project.entry(id))
    {
        let status = if accept {
            Status::Accepted
        } else {
            Status::Rejected
        };
        actions.push(set_status(entry, status));
        // Move on to the next candidate, as a reviewer expects after deciding.
        if let Some(id) = step(&order, Some(entry.id), true).filter(|&id| id != entry.id) {
            actions.push(Action::Select(Some(id)));
        }
    }
    let reveal = actions.iter().any(|a| matches!(a, Action::Select(_)));
    for a in actions {
        app.act(a);
    }
    app.reveal_request |= reveal;
}

/// The review bar above the timeline/list: progress, step buttons and bulk decisions.
pub fn review_bar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let project = &app.workspace.project;
    // Counts come with the filter's result (once per revision and filter); the ordered
    // lists are built only when a button needs them, not every frame.
    let shown = app.shown();
    let total = shown.matched;
    let n_candidates = shown.candidates;
    let reviewed = total - n_candidates;
    let order = || shown_in_order(app, project);
    let candidates = || -> Vec<&Entry> {
        shown_in_order(app, project)
            .into_iter()
            .filter(|e| e.status == Status::Candidate)
            .collect()
    };
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Review").strong());
        let fraction = if total == 0 {
            1.0
        } else {
            reviewed as f32 / total as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(110.0)
                .text(format!("{reviewed} of {total} reviewed")),
        )
        .on_hover_text("Entries shown by the current filter that are accepted or rejected");
        let any = n_candidates > 0;
        if ui
            .add_enabled(any, egui::Button::new("◀ Previous"))
            .on_hover_text("Previous candidate (K)")
            .clicked()
            && let Some(id) = step(&order(), app.selected, false)
        {
            actions.push(Action::Select(Some(id)));
        }
        if ui
            .add_enabled(any, egui::Button::new("Next ▶"))
            .on_hover_text("Next candidate (J)")
            .clicked()
            && let Some(id) = step(&order(), app.selected, true)
        {
            actions.push(Action::Select(Some(id)));
        }
        let selected = app.selected.and_then(|id| project.entry(id));
        ui.add_enabled_ui(selected.is_some(), |ui| {
            if ui
                .button("Accept")
                .on_hover_text("Accept the selected entry (A)")
                .clicked()
                && let Some(e) = selected
            {
                actions.push(set_status(e, Status::Accepted));
            }
            if ui
                .button("Reject")
                .on_hover_text("Reject the selected entry (R)")
                .clicked()
                && let Some(e) = selected
            {
                actions.push(set_status(e, Status::Rejected));
            }
        });
        ui.separator();
        ui.add_enabled_ui(any, |ui| {
            ui.menu_button("All shown…", |ui| {
                let n = super::panels::plural(n_candidates, "candidate");
                if ui.button(format!("Accept {n}")).clicked() {
                    actions.extend(set_status_all(&candidates(), Status::Accepted));
                }
                if ui.button(format!("Reject {n}")).clicked() {
                    actions.extend(set_status_all(&candidates(), Status::Rejected));
                }
            });
        });
    });
    let reveal = actions.iter().any(|a| matches!(a, Action::Select(_)));
    for a in actions {
        app.act(a);
    }
    if reveal {
        app.reveal_request = true;
    }
}
