//! The inspector's claim section — which claim the entry makes, its appearances in
//! publication order, the verdict (ClaimReview-compatible) — and the entry's edit history.

use chrono::NaiveDate;
use egui::RichText;

use super::chronology::cursor_label;
use super::timeline_view::color32;
use super::{Action, ClaimlineApp};
use crate::model::{Claim, ClaimId, Command, Entry, EntryId, EntryKind, Verification};
use crate::timeline::{verdict_color, verdict_symbol};

type Suggestions = Vec<crate::story::lineage::ClaimSuggestion>;

/// Text being typed into the claim's fields, committed when the field loses focus.
#[derive(Debug, Default)]
pub struct ClaimDraft {
    /// Same-claim suggestions, computed on request for one project revision.
    suggestions: Option<(u64, Suggestions)>,
    /// Suggestions being computed on a worker thread (seconds on 100k entries), for a revision.
    pending: Option<(u64, std::sync::mpsc::Receiver<Suggestions>)>,
    claim: Option<ClaimId>,
    revision: u64,
    label: String,
    rating_label: String,
    reviewer: String,
    date: String,
    note: String,
}

impl ClaimDraft {
    fn load(claim: &Claim, revision: u64) -> Self {
        Self {
            suggestions: None,
            pending: None,
            claim: Some(claim.id),
            revision,
            label: claim.label.clone(),
            rating_label: claim.review.rating_label.clone(),
            reviewer: claim.review.reviewer.clone(),
            date: claim.review.date.map(|d| d.to_string()).unwrap_or_default(),
            note: claim.review.note.clone(),
        }
    }
}

fn edit_claim(app: &mut ClaimlineApp, what: &str, mut claim: Claim) {
    claim.modified = chrono::Utc::now();
    app.act(Action::Edit(
        what.to_owned(),
        Command::ReplaceClaim(Box::new(claim)),
    ));
}

/// Moves `entry` into `target` (out of any other claim) as one undoable step.
pub fn join_claim_command(app: &ClaimlineApp, entry: EntryId, target: ClaimId) -> Option<Command> {
    let project = &app.workspace.project;
    let mut commands = Vec::new();
    if let Some(old) = project.claim_of(entry) {
        if old.id == target {
            return None;
        }
        let mut old = old.clone();
        old.entries.retain(|&e| e != entry);
        commands.push(Command::ReplaceClaim(Box::new(old)));
    }
    let mut claim = project.claim(target)?.clone();
    claim.entries.push(entry);
    commands.push(Command::ReplaceClaim(Box::new(claim)));
    Some(Command::Batch(commands))
}

pub fn claim_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    ui.label(RichText::new("Claim").strong());
    let Some(claim) = app.workspace.project.claim_of(entry.id).cloned() else {
        no_claim_ui(app, ui, entry);
        return;
    };
    let revision = app.workspace.revision();
    let typing = ui.ctx().egui_wants_keyboard_input();
    if app.claim_draft.claim != Some(claim.id) || (app.claim_draft.revision != revision && !typing)
    {
        app.claim_draft = ClaimDraft::load(&claim, revision);
    }
    let committed = |r: &egui::Response| r.lost_focus() || (r.changed() && !r.has_focus());
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut app.claim_draft.label)
                .hint_text("The claim in a few words"),
        )
        .on_hover_text("Claim label");
    if committed(&r) && app.claim_draft.label.trim() != claim.label {
        let mut c = claim.clone();
        c.label = app.claim_draft.label.trim().to_owned();
        edit_claim(app, "Rename claim", c);
    }

    // Appearances, first report first.
    let appearances = claim.appearances(&app.workspace.project);
    let mut go = None;
    let mut remove = None;
    for (i, a) in appearances.iter().enumerate() {
        let label = app
            .workspace
            .project
            .entry(a.entry)
            .map(|e| short(&e.label, 44))
            .unwrap_or_default();
        let when = a.known_from.map_or("undated".to_owned(), cursor_label);
        let first = if i == 0 && a.known_from.is_some() {
            "★ first: "
        } else {
            "then: "
        };
        ui.weak(format!("{first}{} · {when}", short(&a.outlet, 28)));
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            if a.entry == entry.id {
                ui.label(RichText::new(format!("{label} (this entry)")).italics());
            } else if ui.link(label).clicked() {
                go = Some(a.entry);
            }
            if ui
                .small_button("×")
                .on_hover_text("Take this entry out of the claim")
                .clicked()
            {
                remove = Some(a.entry);
            }
        });
    }
    if let Some(id) = remove {
        let mut c = claim.clone();
        c.entries.retain(|&e| e != id);
        let command = if c.entries.is_empty() {
            Command::RemoveClaim(c.id)
        } else {
            Command::ReplaceClaim(Box::new(c))
        };
        app.act(Action::Edit("Take entry out of claim".into(), command));
    }
    if let Some(id) = go {
        app.act(Action::Select(Some(id)));
    }

    review_ui(app, ui, &claim);
}

fn no_claim_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    ui.weak("Not part of a claim.");
    suggestions_ui(app, ui, entry);
    let claims: Vec<(ClaimId, String)> = app
        .workspace
        .project
        .claims
        .iter()
        .map(|c| (c.id, c.label.clone()))
        .collect();
    ui.horizontal(|ui| {
        if ui
            .button("New claim")
            .on_hover_text("Start a claim with this entry; add its other appearances to it")
            .clicked()
        {
            let command = app
                .workspace
                .project
                .new_claim_command(crate::extract::label_of(&entry.label), &[entry.id]);
            app.act(Action::Edit("New claim".into(), command));
        }
        if !claims.is_empty() {
            let mut join = None;
            let caption = ui.weak("or add to");
            egui::ComboBox::from_id_salt("join_claim")
                .selected_text("a claim…")
                .show_ui(ui, |ui| {
                    for (id, label) in &claims {
                        if ui.selectable_label(false, label).clicked() {
                            join = Some(*id);
                        }
                    }
                })
                .response
                .labelled_by(caption.id);
            if let Some(target) = join
                && let Some(command) = join_claim_command(app, entry.id, target)
            {
                app.act(Action::Edit("Add entry to claim".into(), command));
            }
        }
    });
}

/// The verdict: state, rating, reviewer, date, note and the correction that settled it.
fn review_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, claim: &Claim) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let caption = ui.label("Claim verdict");
        let mut state = claim.review.state;
        egui::ComboBox::from_id_salt("verdict")
            .selected_text(
                RichText::new(format!("{} {}", verdict_symbol(state), state.name()))
                    .color(color32(verdict_color(state))),
            )
            .show_ui(ui, |ui| {
                for v in Verification::ALL {
                    ui.selectable_value(&mut state, v, v.name());
                }
            })
            .response
            .labelled_by(caption.id);
        if state != claim.review.state {
            let mut c = claim.clone();
            c.review.state = state;
            if c.review.date.is_none() && state != Verification::Unverified {
                c.review.date = Some(chrono::Local::now().date_naive());
            }
            if c.review.reviewer.is_empty() {
                c.review.reviewer = crate::model::local_user();
            }
            edit_claim(app, "Set verdict", c);
        }
        if let Some((value, label)) = claim.review.effective_rating() {
            ui.weak(format!("rating {value}/5 “{label}”"));
        }
    });
    let committed = |r: &egui::Response| r.lost_focus() || (r.changed() && !r.has_focus());
    let draft = &mut app.claim_draft;
    let mut changed: Option<Claim> = None;
    egui::Grid::new("review_fields")
        .num_columns(2)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            ui.weak("Rating");
            let mut rating = claim.review.rating.unwrap_or(0);
            let r = ui
                .add(
                    egui::DragValue::new(&mut rating)
                        .range(0..=5)
                        .custom_formatter(|v, _| {
                            if v < 1.0 {
                                "auto".to_owned()
                            } else {
                                format!("{v:.0}")
                            }
                        }),
                )
                .on_hover_text(
                    "ClaimReview rating, 1 (false) … 5 (true); auto follows the verdict",
                );
            if r.changed() {
                let mut c = claim.clone();
                c.review.rating = (rating >= 1).then_some(rating);
                changed = Some(c);
            }
            ui.end_row();
            for (caption, hint, text) in [
                ("Rating label", "e.g. Mostly false", &mut draft.rating_label),
                ("Reviewer", "who checked it", &mut draft.reviewer),
                ("Reviewed on", "YYYY-MM-DD", &mut draft.date),
            ] {
                ui.weak(caption);
                let r = ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(160.0),
                );
                if committed(&r) {
                    let mut c = claim.clone();
                    match caption {
                        "Rating label" => c.review.rating_label = text.trim().to_owned(),
                        "Reviewer" => c.review.reviewer = text.trim().to_owned(),
                        _ => {
                            c.review.date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
                        }
                    }
                    if c.review != claim.review {
                        changed = Some(c);
                    }
                }
                ui.end_row();
            }
        });
    let r = ui.add(
        egui::TextEdit::multiline(&mut draft.note)
            .desired_rows(2)
            .hint_text("Why this verdict (Markdown)"),
    );
    if committed(&r) && draft.note != claim.review.note {
        let mut c = claim.clone();
        c.review.note = draft.note.clone();
        changed = Some(c);
    }
    // Settled by: a correction or retraction entry. The list is built only while the menu is
    // open (it scans every entry): notices tagged by extraction first, then other events.
    let project = &app.workspace.project;
    let list_events = || {
        let mut events: Vec<(bool, EntryId, String)> = project
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Event && !claim.entries.contains(&e.id))
            .map(|e| {
                let notice = e
                    .tags
                    .iter()
                    .any(|t| t == "correction" || t == "retraction");
                (notice, e.id, crate::extract::label_of(&e.label))
            })
            .collect();
        events.sort_by_key(|(notice, _, _)| !notice);
        events.truncate(60);
        events
    };
    ui.horizontal(|ui| {
        let caption = ui.weak("Settled by");
        let current = claim
            .review
            .settled_by
            .and_then(|id| project.entry(id))
            .map_or("(nothing)".to_owned(), |e| {
                crate::extract::label_of(&e.label)
            });
        let mut settled = claim.review.settled_by;
        egui::ComboBox::from_id_salt("settled_by")
            .selected_text(current)
            .truncate()
            .width(180.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut settled, None, "(nothing)");
                for (_, id, label) in list_events() {
                    ui.selectable_value(&mut settled, Some(id), label);
                }
            })
            .response
            .on_hover_text("The correction or retraction that settled the verdict")
            .labelled_by(caption.id);
        if settled != claim.review.settled_by {
            let mut c = claim.clone();
            c.review.settled_by = settled;
            changed = Some(c);
        }
    });
    if let Some(c) = changed {
        edit_claim(app, "Edit verdict", c);
    }
}

/// Entries in other sources that seem to make the same claim (shared numbers, speaker, key
/// words, times), computed when asked — the search looks at the whole project — and confirmed
/// one suggestion at a time.
fn suggestions_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, entry: &Entry) {
    let revision = app.workspace.revision();
    let current = app
        .claim_draft
        .suggestions
        .as_ref()
        .filter(|(r, _)| *r == revision)
        .map(|(_, s)| s);
    let Some(all) = current else {
        suggest_button_ui(app, ui, revision);
        return;
    };
    let mine: Vec<_> = all
        .iter()
        .filter(|s| s.entries.contains(&entry.id))
        .cloned()
        .collect();
    if mine.is_empty() {
        ui.weak("No other source seems to make this claim.");
        return;
    }
    let mut confirm = None;
    for s in &mine {
        let others: Vec<String> = s
            .entries
            .iter()
            .filter(|&&id| id != entry.id)
            .filter_map(|&id| app.workspace.project.entry(id))
            .map(|e| short(&e.label, 40))
            .collect();
        ui.weak(format!(
            "Suggested ({:.0}%): {}",
            s.score * 100.0,
            s.reasons.join("; ")
        ));
        for label in &others {
            ui.label(format!("  • {label}"));
        }
        if ui
            .button("Confirm: make it one claim")
            .on_hover_text("Groups these entries into a claim (undoable)")
            .clicked()
        {
            confirm = Some(s.clone());
        }
    }
    if let Some(s) = confirm {
        let command = crate::story::lineage::apply_suggestion(&mut app.workspace.project, &s, None);
        app.act(Action::Edit("Confirm same claim".into(), command));
    }
}

/// "Find the same claim in other sources": runs the search on a worker thread so the window
/// stays responsive on large projects, and shows progress until it is done.
fn suggest_button_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, revision: u64) {
    let draft = &mut app.claim_draft;
    if let Some((r, rx)) = &draft.pending {
        match rx.try_recv() {
            Ok(found) if *r == revision => {
                draft.suggestions = Some((revision, found));
                draft.pending = None;
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) if *r == revision => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Looking for the same claim in other sources…");
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            // Done for an older revision, or the worker is gone: offer the button again.
            _ => draft.pending = None,
        }
    }
    if ui
        .button("Find the same claim in other sources")
        .on_hover_text("Suggests entries that share numbers, speaker, key words and times")
        .clicked()
    {
        let project = app.workspace.project.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ui.ctx().clone();
        let spawned = std::thread::Builder::new()
            .name("claim-suggestions".into())
            .spawn(move || {
                let _ = tx.send(crate::story::lineage::suggest_claims(&project));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => app.claim_draft.pending = Some((revision, rx)),
            Err(e) => app.error(format!("Cannot start the claim search: {e}")),
        }
    }
}

/// Machine proposals and human edits, newest first.
pub fn history_ui(ui: &mut egui::Ui, entry: &Entry) {
    egui::CollapsingHeader::new(format!("Edit history ({})", entry.history.len()))
        .id_salt("edit_history")
        .default_open(false)
        .show(ui, |ui| {
            if entry.history.is_empty() {
                ui.weak("No recorded edits (made before Claimline kept a history).");
            }
            for record in entry.history.iter().rev() {
                let when = record
                    .at
                    .with_timezone(&chrono::Local)
                    .format("%-d %b %Y %H:%M");
                ui.weak(format!("{when} · {}", record.by));
                ui.label(&record.action);
                ui.add_space(2.0);
            }
        });
}

/// At most `max` characters, cut at a word with "…", so rows never widen the inspector.
fn short(text: &str, max: usize) -> String {
    let text = crate::extract::label_of(text);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}
