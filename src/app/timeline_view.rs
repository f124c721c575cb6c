//! The timeline widget: paints a [`crate::timeline`] layout and turns input into new views.
//!
//! All geometry comes from the pure layout (the same one image exports draw), so this file
//! only maps layout data to egui shapes and pointer/keyboard input to [`TimeView`] changes:
//!
//! ```text
//!  drag ─► axis.pan(dx)      wheel / pinch ─► axis.zoom_at(pointer x, factor)
//!  ← → ─► pan 10 %           + − ─► zoom around the centre      Home ─► fit all
//!  click item ─► select      Ctrl/Shift-click ─► add to / take from the selection
//!  drag item ─► move its date (snapped; the whole selection if it is selected)
//!  Shift-drag ─► box select (Ctrl+Shift adds)      click cluster ─► zoom into its bucket
//! ```
//!
//! Jumps (Home, Z, + −, clusters, the overview) animate over [`JUMP_SECONDS`]; direct
//! manipulation (drag, wheel) follows the hand at once and cancels a running jump.

use std::collections::BTreeSet;

use egui::{Color32, CornerRadius, FontId, Pos2, Sense, Shape, Stroke, StrokeKind, Vec2};

use super::{Action, ClaimlineApp};
use crate::model::{EntryId, EntryKind, LinkKind, Precision, Project, TimeSpan};
use crate::timeline::{
    self, GroupBy, Hit, LayoutOptions, Mark, MeasureText, RejectedMode, TimeView, TimelineIndex,
    TimelineLayout,
};

/// Wheel points per e-fold of zoom: one notch (~50 pt) zooms by about 1.4×.
const WHEEL_POINTS_PER_EFOLD: f32 = 150.0;
/// Keyboard zoom step.
const KEY_ZOOM_FACTOR: f64 = 1.5;
/// Keyboard pan step, as a fraction of the visible span.
const KEY_PAN_FRACTION: f32 = 0.1;
const LABEL_FONT_SIZE: f32 = 12.0;
/// Length of an animated jump. egui's `animation_time` of 0 (reduced motion) turns it off.
pub const JUMP_SECONDS: f64 = 0.25;
/// Moved entries drawn as ghosts while dragging; more would only cost frame time.
const MAX_GHOSTS: usize = 500;
const SCROLLBAR_WIDTH: f32 = 8.0;

/// View state of the timeline; the project is borrowed each frame.
pub struct TimelineState {
    /// `None` until the first frame, which fits everything.
    pub view: Option<TimeView>,
    pub group_by: GroupBy,
    /// Which of an entry's times places it (event, said, reported).
    pub placement: timeline::Placement,
    /// Draw reporting-lag connectors.
    pub show_lag: bool,
    /// "What was known when".
    pub cursor: super::chronology::KnowledgeCursor,
    pub options: LayoutOptions,
    index: Option<(u64, GroupBy, timeline::Placement, TimelineIndex)>,
    pub hovered: Option<EntryId>,
    /// The layout painted last frame (for tests and tools that ask what is where).
    pub last_layout: Option<TimelineLayout>,
    /// Width of the timeline on the last frame, for fitting labels ("Fit all").
    pub width: f32,
    /// Fit all skips long empty stretches with axis breaks ("⫽ 19 months").
    pub compress_gaps: bool,
    /// Entries the last Fit all left outside because they lie far from the story's own
    /// period ([`timeline::fit::story_core`]); 0 when it fitted everything.
    pub context_outside: usize,
    /// Draw the "today" line (off in snapshot tests, whose images must not follow the clock).
    pub show_today: bool,
    /// (height of all lanes, height available to them) from the last frame, in points.
    pub content_height: Option<(f32, f32)>,
    /// Entry counts over the whole time range, for the overview strip (per revision).
    overview: Option<(u64, Overview)>,
    /// The entry a context menu is open for.
    context: Option<EntryId>,
    /// What the current drag does.
    gesture: Gesture,
    /// A jump in progress: (from, to, start time; `None` until its first frame).
    animation: Option<(TimeView, TimeView, Option<f64>)>,
}

/// What a drag on the timeline does, decided when it starts.
#[derive(Clone, Debug, Default)]
enum Gesture {
    #[default]
    Idle,
    Pan,
    /// Shift-drag: select what the box touches; `additive` (Ctrl) keeps the selection.
    Box {
        origin: Pos2,
        additive: bool,
    },
    /// A drag that started on an entry: move the dates of `moving`.
    Move(Box<DateMove>),
    /// Esc pressed during a drag: the rest of it does nothing.
    Cancelled,
}

#[derive(Clone, Debug)]
struct DateMove {
    grabbed: EntryId,
    /// The moving entries' placing times before the drag.
    spans: Vec<(EntryId, TimeSpan)>,
    /// The coarsest precision among them (the unit never gets finer).
    floor: Precision,
    origin_x: f32,
    /// Where the drag has taken them so far.
    unit: Precision,
    steps: i64,
}

/// Density of entries across everything, drawn under the timeline with the visible window.
#[derive(Clone, Debug, Default)]
struct Overview {
    t0: f64,
    t1: f64,
    counts: Vec<u32>,
}

const OVERVIEW_BINS: usize = 240;
const OVERVIEW_HEIGHT: f32 = 26.0;

impl Overview {
    fn build(index: &TimelineIndex) -> Option<Self> {
        let (t0, t1) = index.bounds()?;
        let pad = ((t1 - t0) * 0.02).max(86_400.0);
        let (t0, t1) = (t0 - pad, t1 + pad);
        let mut counts = vec![0u32; OVERVIEW_BINS];
        for e in index.entries() {
            let mid = e.start + (e.end - e.start) / 2.0;
            let b = (((mid - t0) / (t1 - t0)) * OVERVIEW_BINS as f64) as usize;
            counts[b.min(OVERVIEW_BINS - 1)] += 1;
        }
        Some(Self { t0, t1, counts })
    }

    fn x_of(&self, t: f64, r: egui::Rect) -> f32 {
        r.min.x + ((t - self.t0) / (self.t1 - self.t0)) as f32 * r.width()
    }

    fn t_of(&self, x: f32, r: egui::Rect) -> f64 {
        self.t0 + f64::from((x - r.min.x) / r.width().max(1.0)) * (self.t1 - self.t0)
    }
}

impl Default for TimelineState {
    fn default() -> Self {
        Self {
            view: None,
            group_by: GroupBy::Source,
            placement: timeline::Placement::default(),
            show_lag: false,
            cursor: Default::default(),
            // Thousands of lanes (lanes by source on a big project): only those on screen.
            options: LayoutOptions {
                cull_offscreen_lanes: true,
                ..LayoutOptions::default()
            },
            index: None,
            hovered: None,
            last_layout: None,
            width: 0.0,
            compress_gaps: false,
            context_outside: 0,
            show_today: true,
            content_height: None,
            overview: None,
            context: None,
            gesture: Gesture::Idle,
            animation: None,
        }
    }
}

impl TimelineState {
    /// A timeline whose labels are in the zone `utc_offset_seconds` east of UTC.
    pub fn with_utc_offset(utc_offset_seconds: i64) -> Self {
        let mut state = Self::default();
        state.options.utc_offset_seconds = utc_offset_seconds.clamp(-14 * 3600, 14 * 3600);
        state
    }

    /// The index for this project revision, rebuilt only when the project or grouping changed.
    fn index(&mut self, project: &Project, revision: u64) -> &TimelineIndex {
        let stale = !matches!(&self.index, Some((r, g, p, _))
            if *r == revision && *g == self.group_by && *p == self.placement);
        if stale {
            self.index = Some((
                revision,
                self.group_by,
                self.placement,
                TimelineIndex::build_with(project, self.group_by, self.placement),
            ));
        }
        &self.index.as_ref().expect("just built").3
    }

    /// Shows the given entries (e.g. the selection), marks and labels; nothing happens if
    /// none is placed.
    pub fn zoom_to(&mut self, project: &Project, revision: u64, ids: &[EntryId]) {
        if let Some(to) = self.fitted(project, revision, Some(ids)) {
            self.jump(to);
        }
    }

    /// The view fitting `ids` (all when `None`) with their labels in the last known width.
    fn fitted(
        &mut self,
        project: &Project,
        revision: u64,
        ids: Option<&[EntryId]>,
    ) -> Option<TimeView> {
        let width = self.width;
        // What the filters show (`options.only`) is what gets fitted.
        let options = self.options.clone();
        let measure = timeline::CharWidthEstimate::default();
        let index = self.index(project, revision);
        timeline::fit::fit_view(project, index, ids, width, &options, &measure)
    }

    /// Moves to `to`, animated from the view on screen (at once if there is none yet).
    pub fn jump(&mut self, to: TimeView) {
        match self.view {
            Some(from) if from != to => self.animation = Some((from, to, None)),
            _ => {
                self.view = Some(to);
                self.animation = None;
            }
        }
    }

    /// Where the view is going: the end of a running jump, else the view on screen.
    pub fn target_view(&self) -> Option<TimeView> {
        self.animation.map(|(_, to, _)| to).or(self.view)
    }

    /// A drag that moves dates or draws a selection box is under way.
    pub fn is_dragging(&self) -> bool {
        matches!(self.gesture, Gesture::Box { .. } | Gesture::Move(_))
    }

    /// Advances a running jump to `now` (seconds); returns whether it is still running.
    fn animate(&mut self, now: f64, enabled: bool) -> bool {
        let Some((from, to, start)) = &mut self.animation else {
            return false;
        };
        let start = *start.get_or_insert(now);
        let p = if enabled {
            (now - start) / JUMP_SECONDS
        } else {
            1.0
        };
        // Ease out: quick to leave, gentle to arrive.
        let eased = 1.0 - (1.0 - p.clamp(0.0, 1.0)).powi(3);
        self.view = Some(from.towards(to, eased));
        if p >= 1.0 {
            self.animation = None;
        }
        self.animation.is_some()
    }

    /// Pans (keeping the zoom) so that `id` is in view, if it is not already.
    fn reveal(&mut self, project: &Project, revision: u64, id: EntryId, view: TimeView) {
        let Some((t0, t1)) = self.index(project, revision).range_of(&[id]) else {
            return;
        };
        let mid = t0 + (t1 - t0) / 2.0;
        if mid < view.min || mid > view.max() {
            self.jump(TimeView {
                min: mid - view.span / 2.0,
                ..view
            });
        }
    }

    /// What the last Fit all left out, for the status bar; `None` when it fitted everything.
    pub fn context_notice(&self) -> Option<String> {
        let n = self.context_outside;
        (n > 0).then(|| {
            format!(
                "Fitted to the story's own period; {n} {} far from it {} outside. Press Fit \
                 all again to see everything.",
                if n == 1 { "entry" } else { "entries" },
                if n == 1 { "lies" } else { "lie" },
            )
        })
    }

    /// Fits every placed entry, marks and labels ("Fit all", Home) — first the story's own
    /// period when some entries lie far from it (they are context: "built in 1921"), then,
    /// pressed again, everything; with
    /// [`Self::compress_gaps`] the long empty stretches become axis breaks. Returns `true`
    /// when there are such stretches but none could be cut at this width (the labels beside
    /// them need the room), so the caller can say why nothing changed.
    pub fn fit_all(&mut self, project: &Project, revision: u64) -> bool {
        self.options.breaks.clear();
        let mut no_room = false;
        if self.compress_gaps {
            let width = self.width;
            let options = self.options.clone();
            let measure = timeline::CharWidthEstimate::default();
            let index = self.index(project, revision);
            if let Some((view, breaks)) = timeline::fit::fit_with_breaks(
                project,
                index,
                width,
                &options,
                &measure,
                timeline::fit::BREAK_MIN_SHARE,
            ) && !breaks.is_empty()
            {
                self.options.breaks = breaks;
                // A jump between differently broken axes would be a jolt: go at once.
                self.animation = None;
                self.view = Some(view);
                return false;
            }
            let index = self.index(project, revision);
            no_room = !timeline::fit::gaps(index, timeline::fit::BREAK_MIN_SHARE).is_empty();
        }
        // The story's own period first; pressed again there, everything.
        self.context_outside = 0;
        let core = timeline::fit::story_core(project, self.index(project, revision));
        let story = core.and_then(|(ids, outside)| {
            let view = self.fitted(project, revision, Some(&ids))?;
            let here = self.target_view().is_some_and(|v| v == view);
            (!here).then(|| {
                self.context_outside = outside;
                view
            })
        });
        let to = story
            .or_else(|| self.fitted(project, revision, None))
            .or_else(|| {
                // The filters hide everything: fit all entries rather than jump to nowhere.
                let (t0, t1) = self.index(project, revision).bounds()?;
                Some(TimeView::fit(t0, t1))
            });
        self.jump(to.unwrap_or_default());
        no_room
    }
}

/// The lanes' area: the timeline below its axis rows (overlays are clipped to it).
pub fn lanes_rect(layout: &TimelineLayout) -> egui::Rect {
    egui::Rect::from_min_max(
        Pos2::new(layout.rect.x0, layout.axis_rect.y1),
        Pos2::new(layout.rect.x1, layout.rect.y1),
    )
}

/// Measures label widths with the real font, so layout and painting agree.
struct EguiMeasure {
    ctx: egui::Context,
    font: FontId,
}

impl MeasureText for EguiMeasure {
    fn width(&self, text: &str) -> f32 {
        self.ctx
            .fonts_mut(|f| text.chars().map(|c| f.glyph_width(&self.font, c)).sum())
    }
}

fn to_layout_rect(r: egui::Rect) -> timeline::Rect {
    timeline::Rect::new(r.min.x, r.min.y, r.max.x, r.max.y)
}

fn to_egui_rect(r: timeline::Rect) -> egui::Rect {
    egui::Rect::from_min_max(Pos2::new(r.x0, r.y0), Pos2::new(r.x1, r.y1))
}

/// The toolbar's "Colour by" menu and, unless colours follow lanes (whose names the lanes
/// already show), what each colour drawn means.
pub(super) fn color_by_ui(state: &mut TimelineState, ui: &mut egui::Ui) {
    let caption = ui.label("Colour by");
    egui::ComboBox::from_id_salt("color_by")
        .selected_text(state.options.color_by.name())
        .show_ui(ui, |ui| {
            for c in timeline::ColorBy::ALL {
                ui.selectable_value(&mut state.options.color_by, c, c.name());
            }
        })
        .response
        .labelled_by(caption.id);
    if state.options.color_by == timeline::ColorBy::Lane {
        return;
    }
    let (Some(layout), Some((.., index))) = (&state.last_layout, &state.index) else {
        return;
    };
    for (role, name) in timeline::color_legend(layout, index, state.options.color_by) {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, color32(timeline::default_color(role)));
        ui.label(egui::RichText::new(name).small());
    }
}

pub(super) fn color32(c: crate::model::Color) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

pub fn timeline_ui(app: &mut ClaimlineApp, ui: &mut egui::Ui) {
    let revision = app.workspace.revision();
    let only = app.filter_mask();
    let project = &app.workspace.project;
    let multi = &app.multi;
    let state = &mut app.timeline;
    state.options.only = only;
    state.options.known_on = state.cursor.known_on();
    if app.reveal_selection
        && let (Some(id), Some(view)) = (app.selected, state.target_view())
    {
        state.reveal(project, revision, id, view);
    }
    state.options.rejected = if app.show_rejected {
        RejectedMode::Ghost
    } else {
        RejectedMode::Hide
    };
    let now = ui.input(|i| i.time);
    let motion = ui.style().animation_time > 0.0;
    if state.animate(now, motion) {
        ui.ctx().request_repaint();
    }
    let full = ui.available_rect_before_wrap();
    // The overview strip runs along the bottom; the lanes scroll vertically under the
    // fixed axis, and the scrollbar gets its own strip.
    let (full, strip) = full.split_top_bottom_at_y(full.max.y - OVERVIEW_HEIGHT);
    let (rect, bar) = full.split_left_right_at_x(full.max.x - SCROLLBAR_WIDTH);
    state.width = rect.width();
    if state.view.is_none() {
        state.animation = None;
        state.fit_all(project, revision);
    }
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let bar_response = ui.allocate_rect(bar, Sense::click_and_drag());
    let strip_response = ui
        .allocate_rect(strip, Sense::click_and_drag())
        .on_hover_text("Overview: click or drag to move the view");
    let mut view = state.view.unwrap_or_default();
    if state.overview.as_ref().is_none_or(|(r, _)| *r != revision) {
        let built = Overview::build(state.index(project, revision)).unwrap_or_default();
        state.overview = Some((revision, built));
    }
    if (strip_response.clicked() || strip_response.dragged())
        && let Some(p) = strip_response.interact_pointer_pos()
        && let Some((_, o)) = &state.overview
        && !o.counts.is_empty()
    {
        let t = o.t_of(p.x, strip);
        let to = TimeView {
            min: t - view.span / 2.0,
            ..view
        };
        if strip_response.dragged() {
            state.animation = None;
            view = to;
        } else {
            state.jump(to);
        }
    }
    let breaks = state.options.breaks.clone();
    let axis_of =
        |view: TimeView| timeline::TimeAxis::with_breaks(view, rect.min.x, rect.width(), &breaks);
    let axis = axis_of(view);

    // What a drag does is decided where it starts, on last frame's layout.
    let mut actions = Vec::new();
    if response.drag_started() {
        let (origin, modifiers) = ui.input(|i| (i.pointer.press_origin(), i.modifiers));
        let origin = origin
            .or(response.interact_pointer_pos())
            .unwrap_or_default();
        let hit = state
            .last_layout
            .as_ref()
            .and_then(|l| timeline::hit_test(l, timeline::Point::new(origin.x, origin.y)));
        state.gesture = if modifiers.shift {
            Gesture::Box {
                origin,
                additive: modifiers.command,
            }
        } else if let Some(Hit::Item(id)) = hit
            && let Some(moving) = start_move(project, multi, id, state.placement, origin.x)
        {
            if !multi.contains(&id) && app.selected != Some(id) {
                actions.push(Action::Select(Some(id)));
            }
            Gesture::Move(Box::new(moving))
        } else {
            Gesture::Pan
        };
    }
    if state.is_dragging() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        state.gesture = Gesture::Cancelled;
    }

    // Input → new view. Direct manipulation ends a running jump.
    if response.dragged() && matches!(state.gesture, Gesture::Pan) {
        state.animation = None;
        view = axis.pan(response.drag_delta().x);
    }
    if response.hovered() {
        let (scroll, zoom, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        let x = pointer.map_or(rect.center().x, |p| p.x);
        let factor = f64::from(zoom) * f64::from((scroll.y / WHEEL_POINTS_PER_EFOLD).exp());
        if (factor - 1.0).abs() > 1e-6 {
            state.animation = None;
            view = axis_of(view).zoom_at(x, factor);
        }
        if scroll.x != 0.0 {
            state.animation = None;
            view = axis_of(view).pan(scroll.x);
        }
    }
    state.view = Some(view);
    let typing = ui.ctx().egui_wants_keyboard_input();
    if !typing {
        let (plus, minus, left, right, home, to_selection) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                i.key_pressed(egui::Key::Minus),
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::Home),
                i.key_pressed(egui::Key::Z) && i.modifiers.is_none(),
            )
        });
        // Keys step from where a running jump is going, so presses add up.
        let target = state.target_view().unwrap_or(view);
        let here = axis_of(target);
        for (pressed, to) in [
            (plus, here.zoom_at(rect.center().x, KEY_ZOOM_FACTOR)),
            (minus, here.zoom_at(rect.center().x, 1.0 / KEY_ZOOM_FACTOR)),
            (left, here.pan(rect.width() * KEY_PAN_FRACTION)),
            (right, here.pan(-rect.width() * KEY_PAN_FRACTION)),
        ] {
            if pressed {
                state.jump(to);
            }
        }
        if home {
            state.fit_all(project, revision);
            if let Some(text) = state.context_notice() {
                actions.push(Action::Notice(text));
            }
        }
        if to_selection {
            actions.push(Action::ZoomToSelection);
        }
        let (up, down, page_up, page_down) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::PageUp),
                i.key_pressed(egui::Key::PageDown),
            )
        });
        let row = state.options.row_height;
        let page = rect.height() - state.options.axis_height;
        state.options.scroll_y += [
            (up, -3.0 * row),
            (down, 3.0 * row),
            (page_up, -page),
            (page_down, page),
        ]
        .into_iter()
        .filter(|(pressed, _)| *pressed)
        .map(|(_, dy)| dy)
        .sum::<f32>();
    }
    // Dragging the scrollbar moves the lanes in proportion to their total height.
    if bar_response.dragged()
        && let Some((content, viewport)) = state.content_height
    {
        state.options.scroll_y += bar_response.drag_delta().y * content / viewport.max(1.0);
    }
    if let Some((content, viewport)) = state.content_height {
        state.options.scroll_y = state
            .options
            .scroll_y
            .clamp(0.0, (content - viewport).max(0.0));
    }

    let font = FontId::proportional(LABEL_FONT_SIZE);
    let measure = EguiMeasure {
        ctx: ui.ctx().clone(),
        font: font.clone(),
    };
    let options = state.options.clone();
    let index = state.index(project, revision);
    let layout = timeline::layout(
        project,
        index,
        view,
        to_layout_rect(rect),
        &options,
        &measure,
    );

    // Hover and click.
    let hit = response
        .hover_pos()
        .and_then(|p| timeline::hit_test(&layout, timeline::Point::new(p.x, p.y)));
    state.hovered = match hit {
        Some(Hit::Item(id)) if !state.is_dragging() => Some(id),
        _ => None,
    };
    let mut focus_label = false;
    if response.double_clicked()
        && let Some(Hit::Item(id)) = hit
    {
        // Double-click edits: select and put the keyboard in the inspector's label.
        focus_label = true;
        actions.push(Action::Select(Some(id)));
    } else if response.secondary_clicked() {
        state.context = match hit {
            Some(Hit::Item(id)) => Some(id),
            _ => None,
        };
    }
    if response.clicked() {
        let modifiers = ui.input(|i| i.modifiers);
        match hit {
            Some(Hit::Item(id)) if modifiers.command || modifiers.shift => {
                actions.push(Action::ToggleSelected(id));
            }
            Some(Hit::Item(id)) => actions.push(Action::Select(Some(id))),
            Some(Hit::Cluster(i)) => {
                // Zoom so that the badge's entries show with their labels.
                if let Some(c) = layout.clusters.get(i) {
                    let members: Vec<_> = layout.members(c).collect();
                    let fallback = TimeView::fit(c.t0, c.t1);
                    let to = state
                        .fitted(project, revision, Some(&members))
                        .unwrap_or(fallback);
                    state.jump(to);
                }
            }
            Some(Hit::LaneHeader(lane)) => {
                if let Some(l) = layout.lanes.iter().find(|l| l.index == lane) {
                    let key = l.key.clone();
                    if !state.options.collapsed.remove(&key) {
                        state.options.collapsed.insert(key);
                    }
                }
            }
            _ => actions.push(Action::Select(None)),
        }
    }

    // A date move follows the pointer in whole units of the finest tick row.
    let pointer = response.interact_pointer_pos().or(response.hover_pos());
    if let Gesture::Move(m) = &mut state.gesture
        && let Some(p) = pointer
        && let Some((_, grabbed)) = m.spans.iter().find(|(id, _)| *id == m.grabbed)
    {
        m.unit = timeline::drag::snap_unit(&layout.ticks, m.floor);
        let seconds = f64::from(p.x - m.origin_x) * layout.axis.seconds_per_pixel();
        m.steps = timeline::drag::snapped_steps(grabbed, m.unit, seconds);
    }

    if state.show_today {
        paint_today(ui, &layout);
    }
    paint(
        ui,
        &layout,
        project,
        app.selected,
        multi,
        state.hovered,
        &font,
    );
    super::chronology::paint_chronology(
        ui,
        &layout,
        project,
        app.selected,
        state.group_by == GroupBy::Claim,
        state.show_lag,
        state.placement,
    );
    match &state.gesture {
        Gesture::Move(m) => paint_move(ui, &layout, m, pointer, &font),
        Gesture::Box { origin, .. } => {
            if let Some(p) = pointer {
                paint_box(ui, &layout, egui::Rect::from_two_pos(*origin, p));
            }
        }
        _ => {}
    }
    if response.drag_stopped() {
        match std::mem::take(&mut state.gesture) {
            Gesture::Move(m) if m.steps != 0 => {
                actions.extend(finish_move(project, &m, state.placement));
            }
            Gesture::Box { origin, additive } => {
                let end = pointer.unwrap_or(origin);
                let r = egui::Rect::from_two_pos(origin, end);
                let mut ids = timeline::box_select(&layout, to_layout_rect(r));
                if additive {
                    ids.extend(multi.iter().copied());
                    ids.extend(app.selected);
                }
                actions.push(Action::SelectMany(ids));
            }
            _ => {}
        }
    }
    if let Some((_, o)) = &state.overview {
        paint_overview(ui, o, strip, view);
    }
    if let Some(id) = state.context
        && let Some(entry) = project.entry(id)
    {
        response.context_menu(|ui| {
            ui.weak(crate::extract::label_of(&entry.label));
            ui.separator();
            if ui.button("Accept entry").clicked() {
                actions.push(super::review::set_status(
                    entry,
                    crate::model::Status::Accepted,
                ));
            }
            if ui.button("Reject entry").clicked() {
                actions.push(super::review::set_status(
                    entry,
                    crate::model::Status::Rejected,
                ));
            }
            if ui.button("Edit label").clicked() {
                focus_label = true;
                actions.push(Action::Select(Some(id)));
            }
            if ui.button("Show in reader").clicked() {
                actions.push(Action::Select(Some(id)));
            }
            if ui.button("Zoom to entry").clicked() {
                actions.push(Action::Select(Some(id)));
                actions.push(Action::ZoomTo(id));
            }
            ui.separator();
            if ui.button("Delete entry").clicked() {
                actions.push(Action::Select(None));
                actions.push(Action::Edit(
                    format!("Delete “{}”", crate::extract::label_of(&entry.label)),
                    crate::model::Command::RemoveEntry(id),
                ));
            }
        });
    }
    if let Some(id) = state.hovered {
        response.on_hover_ui_at_pointer(|ui| tooltip_ui(ui, project, id));
    }
    let lanes_top = layout.axis_rect.y1;
    let content = layout
        .lanes
        .last()
        .map_or(0.0, |l| l.body.y1 + state.options.scroll_y - lanes_top);
    let viewport = rect.max.y - lanes_top;
    state.content_height = Some((content, viewport));
    scrollbar_ui(ui, bar, content, viewport, state.options.scroll_y);
    super::chronology::cursor_on_timeline_ui(app, ui, &layout);
    undated_strip_ui(app, ui, &layout, &mut actions);
    app.timeline.last_layout = Some(layout);
    for a in actions {
        app.act(a);
    }
    app.focus_label |= focus_label;
}

/// Entries with no time to place them by are never invisible: a strip at the right end of
/// the axis counts them, and its menu lists them to select (then the inspector can date them).
fn undated_strip_ui(
    app: &ClaimlineApp,
    ui: &mut egui::Ui,
    layout: &TimelineLayout,
    actions: &mut Vec<Action>,
) {
    let placement = app.timeline.placement;
    let project = &app.workspace.project;
    // The count comes with the index (per revision); the list only when the menu is open.
    let count = app.timeline.index.as_ref().map_or(0, |(.., i)| i.unplaced);
    if count == 0 {
        return;
    }
    let text = format!("⚠ {count} undated");
    let width = 24.0 + text.chars().count() as f32 * 7.0;
    let r = egui::Rect::from_min_size(
        Pos2::new(layout.rect.x1 - width - 4.0, layout.axis_rect.y1 + 2.0),
        Vec2::new(width, 20.0),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
        ui.menu_button(text, |ui| {
            let undated = project
                .entries
                .iter()
                .filter(|e| placement.time_of(e).is_none());
            ui.label(format!(
                "{} not on the timeline: no {} yet. Pick one to date it in the inspector.",
                super::panels::plural(count, "entry"),
                placement.name()
            ));
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for e in undated {
                        if ui
                            .button(crate::timeline::layout::label_text(e, 80))
                            .clicked()
                        {
                            actions.push(Action::Select(Some(e.id)));
                            ui.close();
                        }
                    }
                });
        })
        .response
        .on_hover_text("Entries with no date are listed here, not on the axis");
    });
}

/// The entries a drag starting on `grabbed` moves: the whole selection if `grabbed` is in
/// it, else just `grabbed`. `None` when the grabbed entry's time cannot move (undated or a
/// vague reference such as "recently").
fn start_move(
    project: &Project,
    multi: &BTreeSet<EntryId>,
    grabbed: EntryId,
    placement: timeline::Placement,
    origin_x: f32,
) -> Option<DateMove> {
    let movable = |t: &TimeSpan| t.value.shifted(Precision::Day, 1).is_some();
    let entry = project.entry(grabbed)?;
    placement.time_of(entry).filter(|t| movable(t))?;
    let spans: Vec<(EntryId, TimeSpan)> = if multi.contains(&grabbed) {
        super::selection::chosen(project, multi)
            .into_iter()
            .filter_map(|e| Some((e.id, placement.time_of(e).filter(|t| movable(t))?.clone())))
            .collect()
    } else {
        vec![(grabbed, placement.time_of(entry)?.clone())]
    };
    let floor = timeline::drag::coarsest(spans.iter().map(|(_, t)| t));
    Some(DateMove {
        grabbed,
        spans,
        floor,
        origin_x,
        unit: floor,
        steps: 0,
    })
}

/// "2 months", "1 day", "−3 years".
fn steps_words(unit: Precision, steps: i64) -> String {
    let name = match unit {
        Precision::PartOfDay => "day",
        Precision::Half => "half-year",
        u => u.name(),
    };
    let n = steps.unsigned_abs() as usize;
    let sign = if steps < 0 { "−" } else { "+" };
    let words = match (n, name) {
        (2.., "millennium") => format!("{n} millennia"),
        _ => super::panels::plural(n, name),
    };
    format!("{sign}{words}")
}

/// The edit a finished date drag makes: one undoable step for every moved entry.
fn finish_move(project: &Project, m: &DateMove, placement: timeline::Placement) -> Vec<Action> {
    let ids: BTreeSet<EntryId> = m.spans.iter().map(|(id, _)| *id).collect();
    let entries = project.entries.iter().filter(|e| ids.contains(&e.id));
    let moved =
        timeline::drag::moved_entries(entries, placement, m.unit, m.steps, chrono::Utc::now());
    let Some(first) = moved.first() else {
        return vec![Action::Notice(
            "That date cannot move so far: nothing changed".into(),
        )];
    };
    let label = if moved.len() == 1 {
        let when = placement
            .time_of(first)
            .map(TimeSpan::label)
            .unwrap_or_default();
        format!(
            "Move “{}” to {when}",
            crate::extract::label_of(&first.label)
        )
    } else {
        format!(
            "Move {} by {}",
            super::panels::plural(moved.len(), "entry"),
            steps_words(m.unit, m.steps)
        )
    };
    let mut actions = Vec::new();
    if moved.len() < m.spans.len() {
        actions.push(Action::Notice(format!(
            "{} could not move that far and stayed",
            super::panels::plural(m.spans.len() - moved.len(), "entry")
        )));
    }
    let commands = moved
        .into_iter()
        .map(|e| crate::model::Command::ReplaceEntry(Box::new(e)))
        .collect();
    actions.push(Action::Edit(label, crate::model::Command::Batch(commands)));
    actions
}

/// Ghosts of the moving entries at their new dates, and a tag with the new date.
fn paint_move(
    ui: &egui::Ui,
    layout: &TimelineLayout,
    m: &DateMove,
    pointer: Option<Pos2>,
    font: &FontId,
) {
    let painter = ui.painter_at(lanes_rect(layout));
    let accent = ui.visuals().selection.stroke.color;
    let spans: std::collections::HashMap<EntryId, &TimeSpan> =
        m.spans.iter().map(|(id, t)| (*id, t)).collect();
    for item in layout
        .items
        .iter()
        .filter(|i| spans.contains_key(&i.id))
        .take(MAX_GHOSTS)
    {
        let Some(moved) = spans
            .get(&item.id)
            .and_then(|t| t.shifted(m.unit, m.steps).ok())
        else {
            continue;
        };
        let (x0, x1) = (
            layout.axis.x_from_time_f32(moved.start_seconds()),
            layout.axis.x_from_time_f32(moved.end_seconds()),
        );
        let r = to_egui_rect(item.rect);
        let ghost = match item.mark {
            Mark::Bar => egui::Rect::from_x_y_ranges(x0..=x1.max(x0 + 2.0), r.y_range()),
            Mark::Point => r.translate(Vec2::new((x0 + x1) / 2.0 - r.center().x, 0.0)),
        };
        painter.rect(
            ghost,
            CornerRadius::same(2),
            accent.gamma_multiply(0.25),
            Stroke::new(1.5, accent),
            StrokeKind::Outside,
        );
        painter.line_segment(
            [r.center(), ghost.center()],
            Stroke::new(1.0, accent.gamma_multiply(0.6)),
        );
    }
    let Some(p) = pointer else { return };
    let grabbed = spans
        .get(&m.grabbed)
        .and_then(|t| t.shifted(m.unit, m.steps).ok());
    let text = match (grabbed, m.spans.len()) {
        (Some(t), 1) => format!("{} ({})", t.label(), steps_words(m.unit, m.steps)),
        (_, n) => format!(
            "{} · {}",
            steps_words(m.unit, m.steps),
            super::panels::plural(n, "entry")
        ),
    };
    let text = if m.steps == 0 {
        format!("Drag to move by whole {}s · Esc cancels", m.unit.name())
    } else {
        text
    };
    let galley = painter.layout_no_wrap(text, font.clone(), ui.visuals().strong_text_color());
    // Beside the pointer, on whichever side has room, and inside the lanes.
    let lanes = lanes_rect(layout);
    let size = galley.size();
    let x = if p.x + 16.0 + size.x <= lanes.max.x {
        p.x + 12.0
    } else {
        p.x - 12.0 - size.x
    };
    let y = (p.y - 24.0).clamp(
        lanes.min.y + 4.0,
        (lanes.max.y - size.y - 4.0).max(lanes.min.y),
    );
    let x = x.min(lanes.max.x - size.x - 4.0).max(lanes.min.x + 4.0);
    let at = Pos2::new(x, y);
    let bg = egui::Rect::from_min_size(at, galley.size()).expand(4.0);
    painter.rect_filled(bg, CornerRadius::same(3), ui.visuals().extreme_bg_color);
    painter.rect_stroke(
        bg,
        CornerRadius::same(3),
        Stroke::new(1.0, accent),
        StrokeKind::Inside,
    );
    painter.galley(at, galley, Color32::PLACEHOLDER);
}

/// The selection box while Shift-dragging.
fn paint_box(ui: &egui::Ui, layout: &TimelineLayout, r: egui::Rect) {
    let painter = ui.painter_at(lanes_rect(layout));
    let accent = ui.visuals().selection.stroke.color;
    painter.rect(
        r,
        0.0,
        accent.gamma_multiply(0.12),
        Stroke::new(1.0, accent),
        StrokeKind::Inside,
    );
}

/// The overview strip: entry density over the whole range and the visible window.
fn paint_overview(ui: &egui::Ui, o: &Overview, r: egui::Rect, view: TimeView) {
    let painter = ui.painter_at(r);
    let visuals = ui.visuals();
    painter.rect_filled(r, 0.0, visuals.faint_bg_color);
    let max = o.counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    let w = r.width() / o.counts.len().max(1) as f32;
    let fill = visuals.widgets.inactive.fg_stroke.color.gamma_multiply(0.6);
    for (i, &c) in o.counts.iter().enumerate() {
        if c == 0 {
            continue;
        }
        // Square root, so one lone entry stays visible beside a dense month.
        let h = (c as f32 / max).sqrt() * (r.height() - 4.0);
        let x = r.min.x + i as f32 * w;
        painter.rect_filled(
            egui::Rect::from_min_max(
                Pos2::new(x, r.max.y - 2.0 - h),
                Pos2::new(x + w.max(1.0), r.max.y - 2.0),
            ),
            0.0,
            fill,
        );
    }
    let x0 = o.x_of(view.min, r).max(r.min.x);
    let x1 = o.x_of(view.max(), r).min(r.max.x);
    let window = egui::Rect::from_min_max(
        Pos2::new(x0, r.min.y + 1.0),
        Pos2::new(x1.max(x0 + 2.0), r.max.y - 1.0),
    );
    painter.rect(
        window,
        2.0,
        visuals.selection.bg_fill.gamma_multiply(0.25),
        Stroke::new(1.0, visuals.selection.stroke.color),
        StrokeKind::Inside,
    );
}

fn tooltip_ui(ui: &mut egui::Ui, project: &Project, id: EntryId) {
    let Some(entry) = project.entry(id) else {
        return;
    };
    ui.strong(&entry.label);
    for (name, t) in [
        ("Happened", &entry.event_time),
        ("Said", &entry.said_time),
        ("Reported", &entry.reported_time),
    ] {
        if let Some(t) = t {
            ui.label(format!("{name}: {} ({})", t.label(), t.precision.name()));
        }
    }
    if let Some(speaker) = entry.speaker() {
        ui.label(format!("Speaker: {speaker}"));
    }
    if let Some(source) = entry.sources().next().and_then(|s| project.source(s)) {
        ui.weak(format!("Source: {}", source.title));
    }
}

/// The "today" line, so "recent" reads against the present.
fn paint_today(ui: &egui::Ui, layout: &TimelineLayout) {
    let painter = ui.painter_at(to_egui_rect(layout.rect));
    let visuals = ui.visuals();
    let axis = to_egui_rect(layout.axis_rect);
    let now = chrono::Utc::now().timestamp() as f64;
    if now >= layout.axis.view.min && now <= layout.axis.view.max() {
        let x = layout.axis.x_from_time_f32(now);
        let color = visuals.warn_fg_color.gamma_multiply(0.7);
        painter.line_segment(
            [Pos2::new(x, axis.max.y), Pos2::new(x, layout.rect.y1)],
            Stroke::new(1.5, color),
        );
        painter.text(
            Pos2::new(x + 3.0, axis.max.y + 1.0),
            egui::Align2::LEFT_TOP,
            "today",
            FontId::proportional(10.0),
            color,
        );
    }
}

fn paint(
    ui: &egui::Ui,
    layout: &TimelineLayout,
    project: &Project,
    selected: Option<EntryId>,
    multi: &BTreeSet<EntryId>,
    hovered: Option<EntryId>,
    font: &FontId,
) {
    let painter = ui.painter_at(to_egui_rect(layout.rect));
    let visuals = ui.visuals();
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let grid = visuals.widgets.noninteractive.bg_stroke.color;

    // Axis: minor ticks fade in, majors with labels, then the context row.
    let axis = to_egui_rect(layout.axis_rect);
    painter.rect_filled(axis, 0.0, visuals.faint_bg_color);
    let minor_alpha = (layout.ticks.minor_strength.clamp(0.0, 1.0) * 0.6 * 255.0) as u8;
    for t in &layout.ticks.minor {
        painter.line_segment(
            [
                Pos2::new(t.x, axis.min.y + 14.0),
                Pos2::new(t.x, layout.rect.y1),
            ],
            Stroke::new(1.0, grid.gamma_multiply_u8(minor_alpha)),
        );
    }
    for t in &layout.ticks.major {
        painter.line_segment(
            [Pos2::new(t.x, axis.min.y), Pos2::new(t.x, layout.rect.y1)],
            Stroke::new(1.0, grid),
        );
        if let Some(l) = &t.label {
            painter.text(
                Pos2::new(l.x, axis.min.y + 2.0),
                egui::Align2::LEFT_TOP,
                &l.text,
                font.clone(),
                text_color,
            );
        }
    }
    for l in &layout.ticks.context {
        painter.text(
            Pos2::new(l.x, axis.min.y + 18.0),
            egui::Align2::LEFT_TOP,
            &l.text,
            font.clone(),
            weak,
        );
    }
    // Axis breaks: a blank strip between two slanted strokes, with the length skipped.
    for b in layout.axis.breaks() {
        let x0 = layout.axis.x_from_time_f32(b.t0);
        let x1 = layout.axis.x_from_time_f32(b.t1);
        let strip = egui::Rect::from_x_y_ranges(x0..=x1, axis.min.y..=layout.rect.y1);
        painter.rect_filled(strip, 0.0, visuals.panel_fill);
        let mid = (x0 + x1) / 2.0;
        for dx in [-4.0, 4.0] {
            painter.line_segment(
                [
                    Pos2::new(mid + dx - 3.0, layout.rect.y1),
                    Pos2::new(mid + dx + 3.0, axis.min.y),
                ],
                Stroke::new(1.5, weak),
            );
        }
        painter.text(
            Pos2::new(mid, axis.max.y - 2.0),
            egui::Align2::CENTER_BOTTOM,
            timeline::duration_words(b.seconds()),
            FontId::proportional(9.0),
            text_color,
        );
    }

    // The labels' time zone, in the axis corner.
    painter.text(
        Pos2::new(axis.max.x - 4.0, axis.max.y - 2.0),
        egui::Align2::RIGHT_BOTTOM,
        super::settings::utc_offset_label(layout.utc_offset_seconds),
        FontId::proportional(10.0),
        weak,
    );

    for lane in &layout.lanes {
        let header = to_egui_rect(lane.header);
        let arrow = if lane.collapsed { "▸" } else { "▾" };
        painter.line_segment(
            [header.left_top(), header.right_top()],
            Stroke::new(1.0, grid),
        );
        painter.text(
            header.left_center() + Vec2::new(4.0, 0.0),
            egui::Align2::LEFT_CENTER,
            format!("{arrow} {}  ({})", lane.label, lane.visible),
            font.clone(),
            weak,
        );
    }

    for c in &layout.clusters {
        let r = to_egui_rect(c.rect);
        painter.rect_filled(r, CornerRadius::same(4), visuals.widgets.inactive.bg_fill);
        painter.rect_stroke(
            r,
            CornerRadius::same(4),
            Stroke::new(1.0, grid),
            StrokeKind::Inside,
        );
        painter.text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            c.count_label(),
            font.clone(),
            text_color,
        );
    }

    for item in &layout.items {
        let base = color32(timeline::default_color(item.color));
        let alpha = if item.ghost || item.unknown {
            0.25
        } else if item.uncertainty.approximate {
            0.6
        } else {
            1.0
        };
        let color = base.gamma_multiply(alpha);
        let r = to_egui_rect(item.rect);
        match item.mark {
            Mark::Bar => {
                // Uncertain spans (coarse precision, hedged, open) are drawn hollow-tinted so a
                // year never reads as a precise date.
                if item.uncertainty.is_uncertain() {
                    painter.rect_filled(r, CornerRadius::same(2), color.gamma_multiply(0.35));
                    painter.rect_stroke(
                        r,
                        CornerRadius::same(2),
                        Stroke::new(1.0, color),
                        StrokeKind::Inside,
                    );
                } else {
                    painter.rect_filled(r, CornerRadius::same(2), color);
                }
                if item.uncertainty.open_start {
                    fade_edge(&painter, r, true, ui.visuals().extreme_bg_color);
                }
                if item.uncertainty.open_end {
                    fade_edge(&painter, r, false, ui.visuals().extreme_bg_color);
                }
            }
            Mark::Point => {
                let c = r.center();
                let radius = r.width().min(r.height()) / 2.0;
                match item.kind {
                    EntryKind::Event => {
                        painter.circle_filled(c, radius, color);
                    }
                    EntryKind::Statement => {
                        let pts = vec![
                            c + Vec2::new(0.0, -radius),
                            c + Vec2::new(radius, 0.0),
                            c + Vec2::new(0.0, radius),
                            c + Vec2::new(-radius, 0.0),
                        ];
                        painter.add(Shape::convex_polygon(pts, color, Stroke::NONE));
                    }
                }
            }
        }
        let is_selected = selected == Some(item.id) || multi.contains(&item.id);
        if is_selected || hovered == Some(item.id) {
            let stroke = if is_selected {
                Stroke::new(2.0, visuals.selection.stroke.color)
            } else {
                Stroke::new(1.0, text_color)
            };
            painter.rect_stroke(
                r.expand(2.0),
                CornerRadius::same(3),
                stroke,
                StrokeKind::Outside,
            );
        }
        if let Some(label) = &item.label {
            let lr = to_egui_rect(label.rect);
            painter.text(
                lr.left_center(),
                egui::Align2::LEFT_CENTER,
                &label.text,
                font.clone(),
                if item.ghost || item.unknown {
                    weak.gamma_multiply(0.6)
                } else {
                    text_color
                },
            );
        }
    }

    if let Some(id) = selected {
        paint_links(&painter, layout, project, id, font);
    }

    // The three times of the selected statement, joined at its row.
    if let Some(id) = selected.or(hovered)
        && let Some(t) = timeline::three_times(layout, project, id)
    {
        let stroke = Stroke::new(1.5, visuals.selection.stroke.color);
        let xs: Vec<(f32, &str)> = [
            (t.event, "happened"),
            (t.said, "said"),
            (t.reported, "reported"),
        ]
        .into_iter()
        .filter_map(|(s, name)| s.map(|s| (s.centre(), name)))
        .collect();
        if xs.len() > 1 {
            let (min, max) = xs.iter().fold((f32::MAX, f32::MIN), |(a, b), (x, _)| {
                (a.min(*x), b.max(*x))
            });
            let y = t.y + 10.0;
            painter.line_segment([Pos2::new(min, y), Pos2::new(max, y)], stroke);
            for (x, name) in xs {
                painter.line_segment([Pos2::new(x, t.y), Pos2::new(x, y)], stroke);
                painter.text(
                    Pos2::new(x, y + 1.0),
                    egui::Align2::CENTER_TOP,
                    name,
                    FontId::proportional(10.0),
                    weak,
                );
            }
        }
    }
}

/// The selected entry's links (and links to it), as arcs between the items with the
/// relation's name at the top: "supports", "contradicts", "same as", "updates".
fn paint_links(
    painter: &egui::Painter,
    layout: &TimelineLayout,
    project: &Project,
    id: EntryId,
    font: &FontId,
) {
    let Some(entry) = project.entry(id) else {
        return;
    };
    let outgoing = entry.links.iter().map(|l| (id, l.target, l.kind));
    let incoming = project.entries.iter().flat_map(|e| {
        e.links
            .iter()
            .filter(|l| l.target == id && e.id != id)
            .map(move |l| (e.id, id, l.kind))
    });
    for (from, to, kind) in outgoing.chain(incoming).take(64) {
        let (Some(a), Some(b)) = (layout.item(from), layout.item(to)) else {
            continue;
        };
        let color = match kind {
            LinkKind::Contradicts => Color32::from_rgb(0xE1, 0x57, 0x59),
            LinkKind::Supports => Color32::from_rgb(0x59, 0xA1, 0x4F),
            LinkKind::SameAs => Color32::from_rgb(0x4E, 0x79, 0xA7),
            LinkKind::Updates => Color32::from_rgb(0xF2, 0x8E, 0x2B),
        };
        let p0 = Pos2::new(a.rect.centre().x, a.rect.y0);
        let p1 = Pos2::new(b.rect.centre().x, b.rect.y0);
        let lift = 18.0 + (p1.x - p0.x).abs().min(400.0) * 0.08;
        let top = p0.y.min(p1.y) - lift;
        let c0 = Pos2::new(p0.x, top);
        let c1 = Pos2::new(p1.x, top);
        let curve = egui::epaint::CubicBezierShape::from_points_stroke(
            [p0, c0, c1, p1],
            false,
            Color32::TRANSPARENT,
            Stroke::new(1.5, color),
        );
        painter.add(curve);
        // Arrow head at the target.
        let head = 5.0;
        painter.line_segment(
            [p1, Pos2::new(p1.x - head, p1.y - head)],
            Stroke::new(1.5, color),
        );
        painter.line_segment(
            [p1, Pos2::new(p1.x + head, p1.y - head)],
            Stroke::new(1.5, color),
        );
        let mid = Pos2::new((p0.x + p1.x) / 2.0, top + lift * 0.25);
        painter.text(
            mid,
            egui::Align2::CENTER_BOTTOM,
            kind.name(),
            FontId::proportional(font.size - 2.0),
            color,
        );
    }
}

/// Fades one end of an open-ended bar into the background.
fn fade_edge(painter: &egui::Painter, r: egui::Rect, start: bool, bg: Color32) {
    const STEPS: usize = 8;
    let w = (r.width() / 3.0).max(1.0);
    for i in 0..STEPS {
        let f = i as f32 / STEPS as f32;
        let x0 = if start {
            r.min.x + f * w
        } else {
            r.max.x - (f + 1.0 / STEPS as f32) * w
        };
        let slice = egui::Rect::from_min_max(
            Pos2::new(x0, r.min.y),
            Pos2::new(x0 + w / STEPS as f32, r.max.y),
        );
        let alpha = if start {
            1.0 - f
        } else {
            f + 1.0 / STEPS as f32
        };
        painter.rect_filled(slice, 0.0, bg.gamma_multiply(alpha * 0.8));
    }
}

/// A thin vertical scrollbar for the lanes: the handle shows which part is in view.
fn scrollbar_ui(ui: &egui::Ui, bar: egui::Rect, content: f32, viewport: f32, scroll: f32) {
    if content <= viewport || content <= 0.0 {
        return;
    }
    let painter = ui.painter_at(bar);
    let visuals = ui.visuals();
    painter.rect_filled(bar, CornerRadius::same(4), visuals.extreme_bg_color);
    let h = bar.height();
    let y0 = bar.min.y + h * (scroll / content);
    let y1 = bar.min.y + h * ((scroll + viewport) / content).min(1.0);
    let handle = egui::Rect::from_min_max(
        Pos2::new(bar.min.x + 1.0, y0),
        Pos2::new(bar.max.x - 1.0, y1),
    );
    painter.rect_filled(
        handle,
        CornerRadius::same(3),
        visuals.widgets.inactive.bg_fill,
    );
}
