//! The chronology of reporting on the timeline: the knowledge cursor ("what was known when")
//! with step and play controls, the choice of which time places entries, reporting-lag
//! connectors, claim lineage arrows and verdict badges.

use egui::{Color32, FontId, Pos2, Sense, Stroke, Vec2};

use super::ClaimlineApp;
use super::timeline_view::color32;
use crate::model::{Project, Verification, datetime_from_seconds};
use crate::timeline::knowledge::{known_count, next_step, previous_step, publication_steps};
use crate::timeline::{self, Placement, TimelineLayout};

/// Seconds between steps while playing.
pub const PLAY_STEP_SECONDS: f64 = 1.2;

/// The knowledge cursor: on, where, and whether it is playing.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeCursor {
    pub enabled: bool,
    /// Timeline seconds; entries public after it fade out.
    pub at: f64,
    pub playing: bool,
    /// When the last automatic step happened (egui time), while playing.
    last_step: Option<f64>,
    /// Publication moments, per project revision.
    steps: super::memo::Memo<u64, Vec<f64>>,
}

impl KnowledgeCursor {
    pub fn steps(&self, project: &Project, revision: u64) -> std::rc::Rc<Vec<f64>> {
        self.steps.get(revision, || publication_steps(project))
    }

    /// Turns the cursor on at the first publication (a replay starts at the beginning).
    pub fn enable(&mut self, project: &Project, revision: u64) {
        let steps = self.steps(project, revision);
        self.enabled = true;
        self.at = steps.first().copied().unwrap_or(0.0);
        self.playing = false;
    }

    /// Moves to the next publication; false at the end.
    pub fn step_forward(&mut self, project: &Project, revision: u64) -> bool {
        match next_step(&self.steps(project, revision), self.at) {
            Some(t) => {
                self.at = t;
                true
            }
            None => false,
        }
    }

    pub fn step_back(&mut self, project: &Project, revision: u64) -> bool {
        match previous_step(&self.steps(project, revision), self.at) {
            Some(t) => {
                self.at = t;
                true
            }
            None => false,
        }
    }

    /// The cursor as layout options take it.
    pub fn known_on(&self) -> Option<f64> {
        self.enabled.then_some(self.at)
    }
}

/// "4 Mar 2026" (with the time when it is not midnight).
pub fn cursor_label(at: f64) -> String {
    match datetime_from_seconds(at) {
        Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%-d %b %Y").to_string(),
        Some(t) => t.format("%-d %b %Y %H:%M").to_string(),
        None => "—".to_owned(),
    }
}

/// Toolbar controls: which time places entries, lag connectors, and the cursor toggle.
pub fn placement_controls_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let label = ui.label("Place by");
    egui::ComboBox::from_id_salt("placement")
        .selected_text(app.timeline.placement.name())
        .show_ui(ui, |ui| {
            for p in Placement::ALL {
                ui.selectable_value(&mut app.timeline.placement, p, p.name());
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "Which time puts an entry on the axis: when it happened, was said, or was reported",
        );
    ui.checkbox(&mut app.timeline.show_lag, "Reporting lag")
        .on_hover_text("Join each entry to its publication date, labelled with the delay");
    let mut on = app.timeline.cursor.enabled;
    if ui
        .toggle_value(&mut on, "As known on…")
        .on_hover_text("Replay what was public when: later entries fade out")
        .changed()
    {
        if on {
            let revision = app.workspace.revision();
            app.timeline.cursor.enable(&app.workspace.project, revision);
        } else {
            app.timeline.cursor.enabled = false;
            app.timeline.cursor.playing = false;
        }
    }
}

/// The cursor's own row (shown while it is on): first / previous / play / next / last, the
/// date and how much was public then.
pub fn cursor_bar_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    if !app.timeline.cursor.enabled {
        return;
    }
    let revision = app.workspace.revision();
    let project = &app.workspace.project;
    let cursor = &mut app.timeline.cursor;
    let steps = cursor.steps(project, revision);
    // Playing: one publication per PLAY_STEP_SECONDS, stopping at the last.
    if cursor.playing {
        let now = ui.input(|i| i.time);
        let due = cursor
            .last_step
            .is_none_or(|t| now - t >= PLAY_STEP_SECONDS);
        if due {
            cursor.last_step = Some(now);
            if !cursor.step_forward(project, revision) {
                cursor.playing = false;
            }
        }
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(PLAY_STEP_SECONDS / 4.0));
    }
    ui.horizontal(|ui| {
        ui.label("As known on");
        ui.strong(cursor_label(cursor.at));
        if ui.button("|◀").on_hover_text("First publication").clicked()
            && let Some(&t) = steps.first()
        {
            cursor.at = t;
        }
        if ui
            .button("◀")
            .on_hover_text("Previous publication")
            .clicked()
        {
            cursor.step_back(project, revision);
        }
        let play = if cursor.playing { "Pause" } else { "Play" };
        if ui
            .button(play)
            .on_hover_text("Step through the publications one by one")
            .clicked()
        {
            cursor.playing = !cursor.playing;
            cursor.last_step = None;
            if cursor.playing && next_step(&steps, cursor.at).is_none() {
                // At the end, play replays from the start.
                cursor.at = steps.first().copied().unwrap_or(cursor.at);
                cursor.last_step = Some(ui.input(|i| i.time));
            }
        }
        if ui.button("▶").on_hover_text("Next publication").clicked() {
            cursor.step_forward(project, revision);
        }
        if ui.button("▶|").on_hover_text("Last publication").clicked()
            && let Some(&t) = steps.last()
        {
            cursor.at = t;
        }
        let step_no = steps.partition_point(|&t| t <= cursor.at);
        ui.weak(format!(
            "publication {step_no} of {} · {} of {} entries public",
            steps.len(),
            known_count(project, cursor.at),
            project.entries.len()
        ));
    });
}

/// The cursor line across the timeline, with a handle in the axis that drags it.
/// Returns true when the user moved it.
pub fn cursor_on_timeline_ui(
    app: &mut ClaimlineApp,
    ui: &mut egui::Ui,
    layout: &TimelineLayout,
) -> bool {
    let cursor = &mut app.timeline.cursor;
    if !cursor.enabled {
        return false;
    }
    let axis = &layout.axis;
    let x = axis.x_from_time_f32(cursor.at);
    let top = layout.axis_rect.y0;
    let bottom = layout.rect.y1;
    let handle = egui::Rect::from_center_size(
        Pos2::new(x, layout.axis_rect.y1 - 6.0),
        Vec2::new(14.0, 14.0),
    );
    let response = ui
        .interact(
            handle,
            ui.make_persistent_id("knowledge_cursor"),
            Sense::drag(),
        )
        .on_hover_text("Drag: what was known when");
    let mut moved = false;
    if response.dragged()
        && let Some(p) = response.interact_pointer_pos()
    {
        cursor.at = axis.time_from_x(f64::from(p.x));
        cursor.playing = false;
        moved = true;
    }
    let x = axis.x_from_time_f32(cursor.at);
    let area = egui::Rect::from_min_max(
        Pos2::new(layout.rect.x0, top),
        Pos2::new(layout.rect.x1, bottom),
    );
    let painter = ui.painter_at(area);
    let color = color32(crate::timeline::knowledge::CURSOR_COLOR);
    if x < area.max.x {
        // The future, shaded.
        let future = egui::Rect::from_min_max(Pos2::new(x.max(area.min.x), top), area.max);
        painter.rect_filled(
            future,
            0.0,
            color.gamma_multiply(crate::timeline::knowledge::FUTURE_SHADE_OPACITY),
        );
    }
    painter.line_segment(
        [Pos2::new(x, top), Pos2::new(x, bottom)],
        Stroke::new(2.0, color),
    );
    let h = handle.translate(Vec2::new(x - handle.center().x, 0.0));
    painter.add(egui::Shape::convex_polygon(
        vec![
            Pos2::new(h.min.x, h.min.y),
            Pos2::new(h.max.x, h.min.y),
            Pos2::new(h.center().x, h.max.y),
        ],
        color,
        Stroke::NONE,
    ));
    // The date in the axis, on its own background so tick labels do not show through.
    let galley = painter.layout_no_wrap(
        format!("known on {}", cursor_label(cursor.at)),
        FontId::proportional(10.0),
        Color32::WHITE,
    );
    let at = Pos2::new(x + 9.0, layout.axis_rect.y1 - galley.size().y - 3.0);
    painter.rect_filled(
        egui::Rect::from_min_size(at, galley.size()).expand(2.0),
        3.0,
        color,
    );
    painter.galley(at, galley, Color32::WHITE);
    moved
}

/// Claim badges, "first report" stars, lineage arrows and lag connectors over the items.
pub fn paint_chronology(
    ui: &egui::Ui,
    layout: &TimelineLayout,
    project: &Project,
    selected: Option<crate::model::EntryId>,
    lineage_for_all: bool,
    show_lag: bool,
    placement: Placement,
) {
    let painter = ui.painter_at(crate::app::timeline_view::lanes_rect(layout));
    let weak = ui.visuals().weak_text_color();
    let small = FontId::proportional(10.0);
    if show_lag {
        for lag in timeline::lags(layout, project, placement) {
            let stroke = Stroke::new(1.0, weak.gamma_multiply(0.8));
            let y = lag.y;
            painter.extend(egui::Shape::dashed_line(
                &[Pos2::new(lag.x0, y), Pos2::new(lag.x1, y)],
                stroke,
                4.0,
                3.0,
            ));
            painter.line_segment(
                [Pos2::new(lag.x1, y - 5.0), Pos2::new(lag.x1, y + 5.0)],
                stroke,
            );
            let width = lag.x1 - lag.x0;
            if width > 110.0 {
                painter.text(
                    Pos2::new(lag.x0 + width / 2.0, y - 2.0),
                    egui::Align2::CENTER_BOTTOM,
                    &lag.label,
                    small.clone(),
                    weak,
                );
            }
        }
    }
    for item in &layout.items {
        let Some(_) = item.claim else { continue };
        let r = &item.rect;
        let badge = Pos2::new(r.x1 + 1.0, r.y0 - 1.0);
        if item.verification != Verification::Unverified {
            let color = color32(timeline::verdict_color(item.verification));
            let color = if item.unknown {
                color.gamma_multiply(0.3)
            } else {
                color
            };
            painter.circle_filled(badge, 5.5, color);
            painter.text(
                badge,
                egui::Align2::CENTER_CENTER,
                timeline::verdict_symbol(item.verification),
                FontId::proportional(9.0),
                Color32::WHITE,
            );
        }
        if item.first_report {
            painter.text(
                Pos2::new(r.x0 - 2.0, r.y0 - 1.0),
                egui::Align2::RIGHT_CENTER,
                "★",
                small.clone(),
                Color32::from_rgb(0xE0, 0xA8, 0x00),
            );
        }
    }
    // Lineage: every claim in claim lanes, else the selected entry's claim.
    let claims: Vec<crate::model::ClaimId> = if lineage_for_all {
        // Only claims with an appearance on screen.
        let mut ids: Vec<_> = layout.items.iter().filter_map(|i| i.claim).collect();
        ids.sort();
        ids.dedup();
        ids
    } else {
        selected
            .and_then(|id| project.claim_of(id))
            .map(|c| vec![c.id])
            .unwrap_or_default()
    };
    let color = Color32::from_rgb(0x4E, 0x79, 0xA7);
    for claim in claims {
        for a in timeline::lineage_arrows(layout, project, claim) {
            let from = Pos2::new(a.x0, a.y0);
            let to = Pos2::new(a.x1, a.y1);
            let dir = (to - from).normalized();
            // Stop short of the marks so the arrow head stays visible.
            let (from, to) = (from + dir * 7.0, to - dir * 7.0);
            if (to - from).length() > 4.0 {
                painter.arrow(from, to - from, Stroke::new(1.5, color));
            }
        }
    }
}
