//! The Key dates panel (View → Key dates, `D`): the days that matter in the story, from
//! [`crate::story::digest`], each told in a few sentences from the sources. It takes the
//! sources panel's place while open (a third side panel would leave the timeline too narrow
//! at 1280 px).
//!
//! The digest reads every source, so it runs on a worker thread (as the claim suggestions
//! do), once per project revision, and only while the panel is open. One worker at a time:
//! edits made while it runs wait for it, and the panel keeps showing the last digest, marked
//! as updating, until the new one arrives.

use std::sync::mpsc::{Receiver, TryRecvError};

use chrono::NaiveDate;
use egui::RichText;
use egui::text::LayoutJob;

use super::panels::plural;
use super::{Action, CentralView, ClaimlineApp};
use crate::model::{EntryId, Project, SourceId};
use crate::story::digest::{self, Digest, KeyDate};
use crate::timeline::TimeView;

const DAY_SECONDS: f64 = 86_400.0;

/// A key date's view is zoomed out to the day itself when its entries are spread wider.
const MAX_VIEW_DAYS: f64 = 14.0;

/// The panel's state: whether it is open and the digest for a project revision.
#[derive(Default)]
pub struct KeyDatesState {
    pub open: bool,
    /// The latest digest and the revision it was computed for.
    digest: Option<(u64, Digest)>,
    /// A digest being computed, for a revision.
    pending: Option<(u64, Receiver<Digest>)>,
    /// The key date last clicked (its heading shows as selected).
    pub chosen: Option<NaiveDate>,
}

impl KeyDatesState {
    /// The digest of the project at `revision`, once computed.
    pub fn digest_for(&self, revision: u64) -> Option<&Digest> {
        self.digest
            .as_ref()
            .filter(|(r, _)| *r == revision)
            .map(|(_, d)| d)
    }

    /// A digest is being computed.
    pub fn computing(&self) -> bool {
        self.pending.is_some()
    }

    /// Collects a finished digest and starts one for `revision` if it has none.
    fn update(&mut self, ctx: &egui::Context, project: &Project, revision: u64) {
        if let Some((r, rx)) = &self.pending {
            match rx.try_recv() {
                Ok(found) => {
                    self.digest = Some((*r, found));
                    self.pending = None;
                }
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    return;
                }
                Err(TryRecvError::Disconnected) => self.pending = None,
            }
        }
        if self.digest_for(revision).is_some() {
            return;
        }
        let project = project.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("key-dates".into())
            .spawn(move || {
                let _ = tx.send(digest::digest(&project, &digest::Options::default()));
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.pending = Some((revision, rx));
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
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
            let Some((shown_revision, digest)) = app.key_dates.digest.take() else {
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
            app.key_dates.digest = Some((shown_revision, digest));
        });
}

fn digest_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui, digest: &Digest) {
    if digest.key_dates.is_empty() {
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
    let mut go = None;
    let mut open = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for key in &digest.key_dates {
                if key_date_ui(app, ui, key, &mut open) {
                    go = Some(key);
                }
                ui.add_space(6.0);
                ui.separator();
            }
        });
    if let Some(key) = go {
        go_to_key_date(app, key);
    }
    if let Some((source, at)) = open {
        app.reader.show_at(source, at);
    }
}

/// One key date: its heading (returns whether it was clicked) and its sentences.
fn key_date_ui(
    app: &ClaimlineApp,
    ui: &mut egui::Ui,
    key: &KeyDate,
    open: &mut Option<(SourceId, usize)>,
) -> bool {
    let project = &app.workspace.project;
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        let heading = egui::Button::selectable(
            app.key_dates.chosen == Some(key.date),
            RichText::new(date_label(key.date)).strong(),
        );
        clicked = ui
            .add(heading)
            .on_hover_text(format!(
                "Select its {} and show the day on the timeline",
                plural(key.entries.len(), "entry")
            ))
            .clicked();
        ui.weak(plural(key.sources.len(), "source"));
    });
    if key.sentences.is_empty() {
        ui.weak("No sentence of the sources tells this day on its own.");
    }
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
            *open = Some((sentence.source, sentence.range.start));
        }
        ui.add_space(2.0);
    }
    clicked
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
