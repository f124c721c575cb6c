//! The Key dates panel (View → Key dates, `D`): the days that matter in the story, from
//! [`crate::story::digest`], each told in a few sentences from the sources. It takes the
//! sources panel's place while open (a third side panel would leave the timeline too narrow
//! at 1280 px).
//!
//! The digest reads every source, so it runs on a worker thread (as the claim suggestions
//! do), once per project revision, and only while the panel is open. One worker at a time:
//! edits made while it runs wait for it, and the panel keeps showing the last digest, marked
//! as updating, until the new one arrives. What the digest reads from the sources is kept
//! ([`StoryFacts`]) while they stay the same, so pinning a day recomputes in a blink.
//!
//! The user curates the list: a day is pinned (kept whatever its score, listed first, in the
//! user's order), edited (the user's words for it, or another day), moved, dismissed, or
//! restored. Each is one undoable edit of the project's marks ([`Command::SetKeyDates`]).

use std::sync::Arc;

use chrono::NaiveDate;
use egui::RichText;
use egui::text::LayoutJob;

use super::background::Background;
use super::panels::plural;
use super::{Action, CentralView, ClaimlineApp};
use crate::model::{Command, EntryId, KeyDateKind, KeyDateMark, Project, SourceId, key_date_marks};
use crate::story::digest::{self, Digest, KeyDate, StoryFacts};
use crate::timeline::TimeView;

const DAY_SECONDS: f64 = 86_400.0;

/// A key date's view is zoomed out to the day itself when its entries are spread wider.
const MAX_VIEW_DAYS: f64 = 14.0;

/// The panel's state: whether it is open and the digest for a project revision.
pub struct KeyDatesState {
    pub open: bool,
    /// The digest (and the facts it read) per project revision.
    digest: Background<Computed>,
    /// What the last digest read from the sources.
    facts: Option<Arc<StoryFacts>>,
    /// The key date last clicked (its heading shows as selected).
    pub chosen: Option<NaiveDate>,
    /// The key date being edited.
    editing: Option<Editor>,
}

impl Default for KeyDatesState {
    fn default() -> Self {
        Self {
            open: false,
            digest: Background::new("key-dates"),
            facts: None,
            chosen: None,
            editing: None,
        }
    }
}

/// A digest and the facts it was computed from, as the worker sends them.
type Computed = (Digest, Arc<StoryFacts>);

/// The inline editor of one key date: the user's words and its day.
struct Editor {
    /// The day being edited.
    date: NaiveDate,
    /// The day as typed (`YYYY-MM-DD`).
    day: String,
    text: String,
    /// Focus the text field on the next frame.
    focus: bool,
}

/// What the user did in the panel, carried out once the list is drawn.
enum Op {
    Go(NaiveDate),
    Open(SourceId, usize),
    Marks(String, Vec<KeyDateMark>),
    Edit(NaiveDate, String),
    SaveEdit,
    CancelEdit,
}

impl KeyDatesState {
    /// The digest of the project at `revision`, once computed.
    pub fn digest_for(&self, revision: u64) -> Option<&Digest> {
        self.digest.get(revision).map(|(d, _)| d)
    }

    /// The digest of the project at `revision`, computed here and now if the worker has not
    /// delivered it (an export asked for it).
    pub fn digest_now(&mut self, project: &Project, revision: u64) -> Digest {
        if let Some(found) = self.digest_for(revision) {
            return found.clone();
        }
        let options = digest::Options::default();
        let facts = match self.facts.take() {
            Some(f) if f.matches(project) => f,
            _ => Arc::new(StoryFacts::read(project, options.jobs)),
        };
        let found = digest::digest_from(project, &facts, &options);
        self.facts = Some(facts.clone());
        self.digest.put(revision, (found.clone(), facts));
        found
    }

    /// A digest is being computed.
    pub fn computing(&self) -> bool {
        self.digest.running()
    }

    /// Collects a finished digest and starts one for `revision` if it has none.
    fn update(&mut self, ctx: &egui::Context, project: &Project, revision: u64) {
        if let Some((_, facts)) = self.digest.poll(ctx) {
            self.facts = Some(facts.clone());
        }
        if !self.digest.needs(revision) {
            return;
        }
        let project = project.clone();
        let facts = self.facts.clone();
        self.digest.start(ctx, revision, move || {
            let options = digest::Options::default();
            let facts = match facts {
                Some(f) if f.matches(&project) => f,
                _ => Arc::new(StoryFacts::read(&project, options.jobs)),
            };
            (digest::digest_from(&project, &facts, &options), facts)
        });
    }
}

/// `D` shows or hides the panel (not while typing).
pub fn handle_keys(app: &mut ClaimlineApp, ctx: &egui::Context) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::D)) {
        app.key_dates.open = !app.key_dates.open;
    }
}

/// "Tue 20 Apr 2010".
pub fn date_label(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// The panel on the left of the timeline, in the sources panel's place.
pub fn key_dates_panel_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let revision = app.workspace.revision();
    let has_sources = !app.workspace.project.sources.is_empty();
    if has_sources {
        app.key_dates
            .update(ui.ctx(), &app.workspace.project, revision);
    }
    egui::Panel::left("key_dates")
        .resizable(true)
        .default_size(340.0)
        .min_size(220.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Key dates");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("✕")
                        .on_hover_text("Back to the sources (D)")
                        .clicked()
                    {
                        app.key_dates.open = false;
                    }
                    if has_sources
                        && ui
                            .small_button("Export…")
                            .on_hover_text("The key dates as a briefing or an image")
                            .clicked()
                    {
                        app.export_dialog = Some(super::ExportDialog::key_dates(app));
                    }
                });
            });
            ui.separator();
            if !has_sources {
                ui.label(
                    "Import articles about a story to see the days that matter in it: the \
                     days its sources name and report, each told in their own words.",
                );
                return;
            }
            let updating = app.key_dates.computing();
            let Some((shown_revision, (digest, facts))) = app.key_dates.digest.take() else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak(format!(
                        "Computing the key dates of {}…",
                        plural(app.workspace.project.sources.len(), "source")
                    ));
                });
                return;
            };
            if updating || shown_revision != revision {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Updating for the latest changes…");
                });
            }
            digest_ui(app, ui, &digest);
            app.key_dates.digest.put(shown_revision, (digest, facts));
        });
}

fn digest_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, digest: &Digest) {
    let dismissed: Vec<NaiveDate> = app
        .workspace
        .project
        .key_dates
        .iter()
        .filter(|m| m.kind == KeyDateKind::Dismissed)
        .map(|m| m.date)
        .collect();
    if digest.key_dates.is_empty() && dismissed.is_empty() {
        ui.label(
            "No dated material: these sources have no publication dates and name no days, \
             so there are no key dates to show. Set a source's publication date in its \
             properties to place it.",
        );
        return;
    }
    if !digest.count_reason.is_empty() {
        ui.add(egui::Label::new(RichText::new(&digest.count_reason).weak().small()).wrap());
    }
    ui.add_space(4.0);
    let pinned = digest.key_dates.iter().filter(|k| k.pinned).count();
    let mut ops = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, key) in digest.key_dates.iter().enumerate() {
                if i == 0 && pinned > 0 {
                    ui.label(RichText::new("Pinned").small().strong());
                } else if i == pinned && pinned > 0 {
                    ui.add_space(4.0);
                    ui.label(RichText::new("Suggested").small().strong());
                }
                let place = key.pinned.then_some((i, pinned));
                key_date_ui(app, ui, key, place, &mut ops);
                ui.add_space(6.0);
                ui.separator();
            }
            if !dismissed.is_empty() {
                dismissed_ui(app, ui, &dismissed, &mut ops);
            }
        });
    for op in ops {
        apply(app, digest, op);
    }
}

/// Carries out one thing the user did in the panel.
fn apply(app: &mut ClaimlineApp, digest: &Digest, op: Op) {
    match op {
        Op::Go(date) => {
            if let Some(key) = digest.key_dates.iter().find(|k| k.date == date) {
                go_to_key_date(app, key);
            }
        }
        Op::Open(source, at) => app.reader.show_at(source, at),
        Op::Marks(label, marks) => app.act(Action::Edit(label, Command::SetKeyDates(marks))),
        Op::Edit(date, text) => {
            app.key_dates.editing = Some(Editor {
                date,
                day: date.to_string(),
                text,
                focus: true,
            });
        }
        Op::CancelEdit => app.key_dates.editing = None,
        Op::SaveEdit => {
            let Some(editor) = app.key_dates.editing.take() else {
                return;
            };
            let Some(day) = parse_day(&editor.day) else {
                app.key_dates.editing = Some(editor);
                return;
            };
            let marks = key_date_marks::edit(
                &app.workspace.project.key_dates,
                editor.date,
                day,
                &editor.text,
            );
            app.key_dates.chosen = Some(day);
            app.act(Action::Edit(
                format!("Edit key date {}", date_label(day)),
                Command::SetKeyDates(marks),
            ));
        }
    }
}

/// A day typed as `YYYY-MM-DD`.
fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The days the user dismissed, each with a way back.
fn dismissed_ui(app: &ClaimlineApp, ui: &mut egui::Ui, dismissed: &[NaiveDate], ops: &mut Vec<Op>) {
    let marks = &app.workspace.project.key_dates;
    egui::CollapsingHeader::new(format!("Dismissed ({})", dismissed.len()))
        .id_salt("dismissed_key_dates")
        .show(ui, |ui| {
            for &date in dismissed {
                ui.horizontal(|ui| {
                    ui.label(date_label(date));
                    if ui
                        .small_button("Restore")
                        .on_hover_text("Let the sources decide whether this day is a key date")
                        .clicked()
                    {
                        ops.push(Op::Marks(
                            format!("Restore key date {}", date_label(date)),
                            key_date_marks::clear(marks, date),
                        ));
                    }
                });
            }
        });
}

/// One key date: its heading with its actions, the user's words, the inline editor when it
/// is being edited, and its sentences. `place` is its index among `n` pinned days.
fn key_date_ui(
    app: &mut ClaimlineApp,
    ui: &mut egui::Ui,
    key: &KeyDate,
    place: Option<(usize, usize)>,
    ops: &mut Vec<Op>,
) {
    ui.horizontal(|ui| {
        let heading = egui::Button::selectable(
            app.key_dates.chosen == Some(key.date),
            RichText::new(date_label(key.date)).strong(),
        );
        let response = ui.add(heading).on_hover_text(format!(
            "Select its {} and show the day on the timeline",
            plural(key.entries.len(), "entry")
        ));
        if response.clicked() {
            ops.push(Op::Go(key.date));
        }
        response.context_menu(|ui| actions_menu(app, ui, key, place, ops));
        ui.weak(plural(key.sources.len(), "source"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.menu_button("⋯", |ui| actions_menu(app, ui, key, place, ops))
                .response
                .on_hover_text("Edit, move or dismiss this key date");
            let marks = &app.workspace.project.key_dates;
            if key.pinned {
                if ui
                    .small_button("Unpin")
                    .on_hover_text("Let the sources decide whether this day is a key date")
                    .clicked()
                {
                    ops.push(Op::Marks(
                        format!("Unpin key date {}", date_label(key.date)),
                        key_date_marks::clear(marks, key.date),
                    ));
                }
            } else if ui
                .small_button("Pin")
                .on_hover_text("Keep this day among the key dates, whatever its score")
                .clicked()
            {
                ops.push(Op::Marks(
                    format!("Pin key date {}", date_label(key.date)),
                    key_date_marks::pin(marks, key.date),
                ));
            }
        });
    });
    if app
        .key_dates
        .editing
        .as_ref()
        .is_some_and(|e| e.date == key.date)
    {
        editor_ui(app, ui, ops);
    } else if !key.text.is_empty() {
        ui.add(egui::Label::new(RichText::new(&key.text).strong()).wrap());
    }
    if key.sentences.is_empty() {
        ui.weak("No sentence of the sources tells this day on its own.");
    }
    let project = &app.workspace.project;
    for sentence in &key.sentences {
        let mut job = LayoutJob::default();
        let style = ui.style();
        job.append(
            &sentence.text,
            0.0,
            egui::TextFormat::simple(
                egui::TextStyle::Body.resolve(style),
                ui.visuals().text_color(),
            ),
        );
        if let Some(source) = project.source(sentence.source) {
            job.append(
                &format!(" — {}", source_name(source)),
                0.0,
                egui::TextFormat::simple(
                    egui::TextStyle::Small.resolve(style),
                    ui.visuals().weak_text_color(),
                ),
            );
        }
        let response = ui
            .add(egui::Label::new(job).wrap().sense(egui::Sense::click()))
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_text("Show it in the reader");
        if response.clicked() {
            ops.push(Op::Open(sentence.source, sentence.range.start));
        }
        ui.add_space(2.0);
    }
}

/// The key date's actions, in its ⋯ menu and its heading's context menu.
fn actions_menu(
    app: &ClaimlineApp,
    ui: &mut egui::Ui,
    key: &KeyDate,
    place: Option<(usize, usize)>,
    ops: &mut Vec<Op>,
) {
    let marks = &app.workspace.project.key_dates;
    let label = date_label(key.date);
    if ui.button("Edit…").clicked() {
        ops.push(Op::Edit(key.date, key.text.clone()));
        ui.close();
    }
    if let Some((i, n)) = place {
        if ui
            .add_enabled(i > 0, egui::Button::new("Move up"))
            .clicked()
        {
            ops.push(Op::Marks(
                format!("Move key date {label} up"),
                key_date_marks::move_pinned(marks, key.date, -1),
            ));
            ui.close();
        }
        if ui
            .add_enabled(i + 1 < n, egui::Button::new("Move down"))
            .clicked()
        {
            ops.push(Op::Marks(
                format!("Move key date {label} down"),
                key_date_marks::move_pinned(marks, key.date, 1),
            ));
            ui.close();
        }
    }
    ui.separator();
    if ui
        .button("Dismiss")
        .on_hover_text("Not a key date: leave it out of the list and of exports")
        .clicked()
    {
        ops.push(Op::Marks(
            format!("Dismiss key date {label}"),
            key_date_marks::dismiss(marks, key.date),
        ));
        ui.close();
    }
}

/// The inline editor: the user's words for the day and the day itself.
fn editor_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, ops: &mut Vec<Op>) {
    let Some(editor) = app.key_dates.editing.as_mut() else {
        return;
    };
    let caption = ui.label(RichText::new("In your words").small().weak());
    let words = ui
        .add(
            egui::TextEdit::multiline(&mut editor.text)
                .id_salt("key_date_words")
                .hint_text("What happened on this day")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(caption.id);
    if std::mem::take(&mut editor.focus) {
        words.request_focus();
    }
    let day_ok = parse_day(&editor.day).is_some();
    ui.horizontal(|ui| {
        let caption = ui.label("Day");
        ui.add(
            egui::TextEdit::singleline(&mut editor.day)
                .id_salt("key_date_day")
                .hint_text("YYYY-MM-DD")
                .desired_width(96.0),
        )
        .labelled_by(caption.id);
        if !day_ok {
            ui.colored_label(ui.visuals().error_fg_color, "not a YYYY-MM-DD day");
        }
    });
    let (save_keys, cancel_keys) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
        )
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(day_ok, egui::Button::new("Save"))
            .on_hover_text("Pin the day with these words (Ctrl+Enter)")
            .clicked()
            || (save_keys && day_ok)
        {
            ops.push(Op::SaveEdit);
        }
        if ui.button("Cancel").on_hover_text("Esc").clicked() || cancel_keys {
            ops.push(Op::CancelEdit);
        }
    });
}

/// "Outlet, Title", or the title alone.
fn source_name(source: &crate::model::Source) -> String {
    match source.outlet.as_deref().map(str::trim) {
        Some(outlet) if !outlet.is_empty() && outlet != source.title => {
            format!("{outlet}, {}", source.title)
        }
        _ => source.title.clone(),
    }
}

/// Selects the key date's entries and shows its day on the timeline.
fn go_to_key_date(app: &mut ClaimlineApp, key: &KeyDate) {
    let project = &app.workspace.project;
    let ids: Vec<EntryId> = key
        .entries
        .iter()
        .copied()
        .filter(|&id| project.entry(id).is_some())
        .collect();
    // Fit the entries dated on the day (the key date's entries also include those found in
    // its sentences, which may be dated on other days), then make sure the day is in view.
    let on_day: Vec<EntryId> = ids
        .iter()
        .copied()
        .filter(|&id| {
            project
                .entry(id)
                .and_then(|e| e.primary_time())
                .is_some_and(|t| t.start.date() == key.date)
        })
        .collect();
    app.key_dates.chosen = Some(key.date);
    app.central = CentralView::Timeline;
    app.act(Action::SelectMany(ids.clone()));
    let day_start = key
        .date
        .and_hms_opt(0, 0, 0)
        .map_or(0.0, |t| t.and_utc().timestamp() as f64);
    let day_end = day_start + DAY_SECONDS;
    let revision = app.workspace.revision();
    app.timeline
        .zoom_to(&app.workspace.project, revision, &on_day);
    let shows_day = app.timeline.target_view().is_some_and(|v| {
        !on_day.is_empty()
            && v.min <= day_start
            && v.max() >= day_end
            && v.span <= MAX_VIEW_DAYS * DAY_SECONDS
    });
    if !shows_day {
        app.timeline.jump(TimeView::fit(
            day_start - DAY_SECONDS / 2.0,
            day_end + DAY_SECONDS / 2.0,
        ));
    }
}
