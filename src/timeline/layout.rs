//! One frame of layout: everything the widget or an exporter needs to paint, as plain data.
//!
//! ```text
//!  rect.y0 ┌──────────────────────────────────────────────────────────────┐
//!          │ | Jan      | Feb      | Mar          ticks (major + minor)   │ axis_height
//!          │ |2025                                 context row            │
//!          ├──────────────────────────────────────────────────────────────┤ ← minus scroll_y
//!          │ ▸ Lane label (header)                                        │ lane_header_height
//!          │  [12] [40]      [7]                   cluster row (if any)   │ cluster_row_height
//!          │  ●  Speaker: label    [══ bar ══] label                row 0 │ row_height
//!          │      ◆ label              ●  label                     row 1 │
//!          ├──────────────────────────────────────────────────────────────┤
//!          │ ▾ Collapsed lane  ▁▃▇▂ density (clusters only)               │ collapsed_height
//!          └──────────────────────────────────────────────────────────────┘
//! ```
//!
//! Steps: ticks → visible entries from the index (O(log n + k)) → per lane and time bucket
//! counts → dense buckets (and collapsed lanes) become clusters without touching the entries
//! → the rest are measured and greedily stacked (a label in the way is dropped first; a mark
//! that finds every row blocked by marks folds into its bucket's cluster) → lanes are given their heights top-down.
//! Nothing here paints, allocates per clustered entry beyond one id, or uses GUI types.

use std::collections::HashSet;

use super::cluster::{Cluster, Members, bucket_range, bucket_seconds};
use super::geometry::Rect;
use super::index::TimelineIndex;
use super::lanes::LaneKey;
use super::measure::MeasureText;
use super::stacking::Stacker;
use super::ticks::{LABEL_PAD_PX, Ticks, ticks};
use super::view::{TimeAxis, TimeView};
use crate::model::{
    ClaimId, Color, EntryId, EntryKind, Openness, Precision, Project, Stance, Status, Verification,
    datetime_from_seconds,
};

/// The colour of a verdict badge, the same on screen and in exported images.
pub fn verdict_color(v: Verification) -> Color {
    match v {
        Verification::Unverified => Color([0x8c, 0x8c, 0x8c]),
        Verification::Corroborated => Color([0x2e, 0x9e, 0x4f]),
        Verification::Disputed => Color([0xe0, 0x8a, 0x1e]),
        Verification::False => Color([0xd1, 0x3b, 0x3b]),
        Verification::Retracted => Color([0x8e, 0x44, 0xad]),
    }
}

/// The one-glyph verdict badge (all in the bundled DejaVu Sans).
pub fn verdict_symbol(v: Verification) -> &'static str {
    match v {
        Verification::Unverified => "·",
        Verification::Corroborated => "✓",
        Verification::Disputed => "?",
        Verification::False => "✗",
        Verification::Retracted => "⊘",
    }
}

/// A span narrower than this on screen is drawn as a point at its midpoint.
pub const MIN_BAR_PX: f32 = 6.0;
/// Half the size of a point mark (circle for events, diamond for statements).
pub const POINT_RADIUS_PX: f32 = 5.0;
/// Height of a bar mark.
pub const BAR_HEIGHT_PX: f32 = 8.0;
/// Horizontal slack added around clusters so neighbouring badges never touch.
pub const CLUSTER_INSET_PX: f32 = 1.0;

/// What to do with rejected entries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RejectedMode {
    /// Not laid out, not counted.
    Hide,
    /// Laid out with `ghost = true` (the painter draws them faint).
    #[default]
    Ghost,
    /// Like any other entry.
    Show,
}

/// Which property picks an item's colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorBy {
    #[default]
    Lane,
    Tag,
    Status,
    Kind,
    /// A statement's stance (said, believes, denies …); events are neutral.
    Stance,
}

impl ColorBy {
    pub const ALL: [ColorBy; 5] = [
        Self::Lane,
        Self::Tag,
        Self::Status,
        Self::Kind,
        Self::Stance,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Lane => "lane",
            Self::Tag => "tag",
            Self::Status => "status",
            Self::Kind => "kind",
            Self::Stance => "stance",
        }
    }
}

/// A colour *role*; the painter (or an exporter) turns it into a colour with a palette,
/// e.g. [`default_color`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorRole {
    /// The entry's own colour.
    Custom(Color),
    Lane(u32),
    /// Position in [`TimelineIndex::tags`].
    Tag(u32),
    Status(Status),
    Kind(EntryKind),
    Stance(Stance),
    /// Nothing to colour by (e.g. colour by tag, entry untagged).
    Neutral,
}

/// Ten distinguishable colours (Tableau 10), shared by the app and exporters.
pub const PALETTE: [Color; 10] = [
    Color([0x4E, 0x79, 0xA7]),
    Color([0xF2, 0x8E, 0x2B]),
    Color([0xE1, 0x57, 0x59]),
    Color([0x76, 0xB7, 0xB2]),
    Color([0x59, 0xA1, 0x4F]),
    Color([0xED, 0xC9, 0x48]),
    Color([0xB0, 0x7A, 0xA1]),
    Color([0xFF, 0x9D, 0xA7]),
    Color([0x9C, 0x75, 0x5F]),
    Color([0xBA, 0xB0, 0xAC]),
];

/// A default colour for a role (light and dark themes may choose their own).
pub fn default_color(role: ColorRole) -> Color {
    match role {
        ColorRole::Custom(c) => c,
        ColorRole::Lane(i) | ColorRole::Tag(i) => PALETTE[i as usize % PALETTE.len()],
        ColorRole::Status(Status::Accepted) => Color([0x59, 0xA1, 0x4F]),
        ColorRole::Status(Status::Candidate) => Color([0x4E, 0x79, 0xA7]),
        ColorRole::Status(Status::Rejected) => Color([0x9A, 0x9A, 0x9A]),
        ColorRole::Kind(EntryKind::Event) => PALETTE[0],
        ColorRole::Kind(EntryKind::Statement) => PALETTE[1],
        ColorRole::Stance(s) => stance_color(s),
        ColorRole::Neutral => Color([0x80, 0x80, 0x80]),
    }
}

/// One colour per stance, in families a reader can learn: speech in blues, distance and
/// denial in warm tones, inner states in purples, calls to act in greens.
pub fn stance_color(s: Stance) -> Color {
    Color(match s {
        Stance::Said => [0x4E, 0x79, 0xA7],
        Stance::Claims => [0xF2, 0x8E, 0x2B],
        Stance::Denies => [0xE1, 0x57, 0x59],
        Stance::Warns => [0xB6, 0x99, 0x2D],
        Stance::Criticises => [0x9D, 0x2A, 0x2A],
        Stance::Believes => [0xB0, 0x7A, 0xA1],
        Stance::Wants => [0x7B, 0x4F, 0x9E],
        Stance::Promises => [0x59, 0xA1, 0x4F],
        Stance::Urges => [0x2E, 0x7D, 0x32],
        Stance::Evaluates => [0x9C, 0x75, 0x5F],
        Stance::Asks => [0x49, 0x98, 0x94],
        Stance::Finds => [0x1F, 0x5F, 0x8B],
    })
}

/// What each colour of a layout means, for legends: (role, name) in a stable order. Lanes
/// and tags list them all; status, kind and stance list only the values drawn, so a story
/// of "said"s does not get twelve swatches.
pub fn color_legend(
    layout: &TimelineLayout,
    index: &TimelineIndex,
    by: ColorBy,
) -> Vec<(ColorRole, String)> {
    let drawn = |role: &ColorRole| layout.items.iter().any(|i| i.color == *role);
    let present = |roles: Vec<(ColorRole, String)>| -> Vec<(ColorRole, String)> {
        roles.into_iter().filter(|(r, _)| drawn(r)).collect()
    };
    match by {
        ColorBy::Lane => layout
            .lanes
            .iter()
            .map(|l| (ColorRole::Lane(l.index), l.label.clone()))
            .collect(),
        ColorBy::Tag => index
            .tags()
            .iter()
            .enumerate()
            .map(|(i, t)| (ColorRole::Tag(i as u32), t.clone()))
            .chain([(ColorRole::Neutral, "untagged".to_owned())])
            .collect(),
        ColorBy::Status => present(
            [Status::Accepted, Status::Candidate, Status::Rejected]
                .into_iter()
                .map(|s| (ColorRole::Status(s), s.name().to_owned()))
                .collect(),
        ),
        ColorBy::Kind => present(
            [EntryKind::Event, EntryKind::Statement]
                .into_iter()
                .map(|k| (ColorRole::Kind(k), format!("{}s", k.name())))
                .collect(),
        ),
        ColorBy::Stance => present(
            Stance::ALL
                .into_iter()
                .map(|s| (ColorRole::Stance(s), s.verb().to_owned()))
                .collect(),
        ),
    }
}

/// Layout parameters (pixel sizes and switches). `Default` matches the app's 13 px font.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    pub rejected: RejectedMode,
    /// Entries shown, by position in `project.entries` (the user's search and filters);
    /// `None` shows all.
    pub only: Option<std::sync::Arc<Vec<bool>>>,
    pub color_by: ColorBy,
    pub collapsed: HashSet<LaneKey>,
    /// Offset of the label time zone from UTC; layout itself stays in UTC.
    pub utc_offset_seconds: i64,
    /// Height of the tick + context rows at the top.
    pub axis_height: f32,
    pub lane_header_height: f32,
    pub cluster_row_height: f32,
    pub row_height: f32,
    pub collapsed_height: f32,
    /// Most rows a lane may stack before items fold into clusters (a generous cap: exports
    /// use it as it is; on screen lanes usually get fewer, see [`super::budget`]).
    pub max_rows: usize,
    /// Rows a lane keeps when lanes share the height ([`Self::share_height`]) and there is
    /// not enough of it for all.
    pub min_rows: usize,
    /// Lanes share the height of the layout's rect below the axis (the app); off, every lane
    /// may take up to `max_rows` and the content grows (exports).
    pub share_height: bool,
    /// Views with at most this many visible entries are never clustered: every entry is an
    /// item with its label, lanes take the rows they need and scroll.
    pub full_detail_below: usize,
    /// Empty stretches the axis skips ([`super::AxisBreak`]; see [`super::fit::fit_with_breaks`]).
    pub breaks: Vec<super::AxisBreak>,
    /// Horizontal gap between stacked extents (mark + label).
    pub item_gap: f32,
    /// Longer labels are cut with "…".
    pub max_label_chars: usize,
    /// Lanes scroll vertically under the fixed axis.
    pub scroll_y: f32,
    /// The knowledge cursor ("what was known when"), timeline seconds: entries that became
    /// public after it are marked [`ItemLayout::unknown`] (or left out with `hide_unknown`),
    /// and claims show the verdict they had then.
    pub known_on: Option<f64>,
    pub hide_unknown: bool,
    /// Lay out only the lanes that reach into `rect` vertically (the app, where a project
    /// may have thousands of lanes): lanes outside it keep their place and height, with
    /// label widths estimated instead of measured, but get no items or clusters. Off for
    /// exports, which draw every lane.
    pub cull_offscreen_lanes: bool,
}

impl LayoutOptions {
    /// Collapses an expanded lane or expands a collapsed one (a click on its header).
    pub fn toggle_collapsed(&mut self, key: &LaneKey) {
        if !self.collapsed.remove(key) {
            self.collapsed.insert(key.clone());
        }
    }
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            rejected: RejectedMode::default(),
            only: None,
            color_by: ColorBy::default(),
            collapsed: HashSet::new(),
            utc_offset_seconds: 0,
            axis_height: 36.0,
            lane_header_height: 18.0,
            cluster_row_height: 20.0,
            row_height: 20.0,
            collapsed_height: 14.0,
            max_rows: 60,
            min_rows: 6,
            share_height: true,
            full_detail_below: 250,
            breaks: Vec::new(),
            item_gap: 6.0,
            max_label_chars: 48,
            scroll_y: 0.0,
            known_on: None,
            hide_unknown: false,
            cull_offscreen_lanes: false,
        }
    }
}

/// Point or bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The span is too narrow to see: drawn at its midpoint.
    Point,
    /// The span is drawn as it is (its uncertainty interval).
    Bar,
}

/// How sure the time is, for the painter to fade/hatch. A year-precision date is a bar over
/// the whole year, never a point on 1 January.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uncertainty {
    pub precision: Precision,
    /// Hedged ("about") or vague (`PAST_REF`): fade the whole mark.
    pub approximate: bool,
    /// "before 2021": fade the start.
    pub open_start: bool,
    /// "since 2014": fade the end.
    pub open_end: bool,
}

impl Uncertainty {
    /// Coarser than a day, hedged or open: the mark is an uncertainty interval, not an exact time.
    pub fn is_uncertain(&self) -> bool {
        self.approximate || self.open_start || self.open_end || self.precision < Precision::Day
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemLabel {
    pub text: String,
    pub rect: Rect,
}

/// One entry drawn individually.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemLayout {
    pub id: EntryId,
    /// Position in `project.entries`.
    pub entry: usize,
    pub lane: u32,
    pub row: u32,
    /// Shape: events and statements are drawn differently.
    pub kind: EntryKind,
    pub mark: Mark,
    /// The mark's rectangle (for a point: the square around the symbol).
    pub rect: Rect,
    pub label: Option<ItemLabel>,
    /// Statements: who said it (also at the start of the label text).
    pub speaker: Option<String>,
    pub uncertainty: Uncertainty,
    pub color: ColorRole,
    /// Rejected entry shown faint ([`RejectedMode::Ghost`]).
    pub ghost: bool,
    /// Not yet public at the knowledge cursor ([`LayoutOptions::known_on`]): drawn faint.
    pub unknown: bool,
    /// The claim the entry makes, and its verdict as of the knowledge cursor.
    pub claim: Option<ClaimId>,
    pub verification: Verification,
    /// The entry is its claim's first appearance ("reported first").
    pub first_report: bool,
    /// The bar continues past the left/right edge of the view.
    pub clipped_start: bool,
    pub clipped_end: bool,
    /// The primary span, UTC seconds.
    pub start: f64,
    pub end: f64,
}

impl ItemLayout {
    /// Mark and label together: what hit-testing and stacking treat as the item.
    pub fn bounds(&self) -> Rect {
        match &self.label {
            Some(l) => self.rect.union(&l.rect),
            None => self.rect,
        }
    }
}

/// A lane band.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneLayout {
    pub index: u32,
    pub key: LaneKey,
    pub label: String,
    pub collapsed: bool,
    pub header: Rect,
    /// Below the header: cluster row and item rows, or the density strip when collapsed.
    pub body: Rect,
    pub rows: u32,
    /// Visible entries in the lane (items + clustered).
    pub visible: usize,
}

/// Everything needed to paint one frame (or one exported image).
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineLayout {
    pub axis: TimeAxis,
    /// The whole timeline area; the axis rows are its top `axis_height` px.
    pub rect: Rect,
    /// The tick and context rows.
    pub axis_rect: Rect,
    pub ticks: Ticks,
    pub lanes: Vec<LaneLayout>,
    /// Lane by lane; within a lane in order of their left edge.
    pub items: Vec<ItemLayout>,
    pub clusters: Vec<Cluster>,
    /// Ids of clustered entries the layout listed itself (see [`Members`]).
    pub listed_members: Vec<EntryId>,
    /// The index's ids in midpoint order ([`super::MidOrder::ids`]), shared rather than
    /// copied: with many entries on screen most clusters are ranges of it.
    pub shared_members: std::sync::Arc<[EntryId]>,
    /// Entries overlapping the view (rejected ones excluded when hidden).
    pub visible_entries: usize,
    pub bucket_seconds: f64,
    /// The labels' time zone (from [`LayoutOptions::utc_offset_seconds`]).
    pub utc_offset_seconds: i64,
}

impl TimelineLayout {
    pub fn item(&self, id: EntryId) -> Option<&ItemLayout> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The ids of a cluster's entries (in no particular order), read where they are: nothing
    /// is copied per frame, so only a caller that wants the members pays for them.
    pub fn members<'a>(&'a self, cluster: &'a Cluster) -> impl Iterator<Item = EntryId> + 'a {
        let m = &cluster.members;
        (self.shared_members.get(m.shared.clone()).unwrap_or(&[]))
            .iter()
            .chain(self.listed_members.get(m.listed.clone()).unwrap_or(&[]))
            .copied()
    }
}

/// The speaker a statement's label starts with ("Speaker: label").
fn label_speaker(entry: &crate::model::Entry) -> Option<&str> {
    match (entry.kind, entry.speaker()) {
        (EntryKind::Statement, Some(s)) if !s.is_empty() => Some(s),
        _ => None,
    }
}

/// Characters of an entry's drawn label before cutting (kept in the index).
pub fn label_chars(entry: &crate::model::Entry) -> usize {
    label_speaker(entry).map_or(0, |s| s.chars().count() + 2) + entry.label.chars().count()
}

/// An entry's label as drawn: "Speaker: label" for statements, cut to `max_chars` with "…".
pub fn label_text(entry: &crate::model::Entry, max_chars: usize) -> String {
    match label_speaker(entry) {
        Some(s) => truncate(&format!("{s}: {}", entry.label), max_chars),
        None => truncate(&entry.label, max_chars),
    }
}

fn truncate(text: &str, max: usize) -> String {
    let max = max.max(2);
    match text.char_indices().nth(max - 1) {
        Some((cut, _)) if text[cut..].chars().nth(1).is_some() => format!("{}…", &text[..cut]),
        _ => text.to_owned(),
    }
}

/// The longest cut of `text` (ending in "…") at most `room` px wide, with its width; `None`
/// when not even one character and the ellipsis fit.
fn shorten_to(text: &str, room: f32, measure: &dyn MeasureText) -> Option<(String, f32)> {
    let chars = text.chars().count();
    let cut = |n: usize| truncate(text, n + 1);
    let (mut lo, mut hi) = (0usize, chars.saturating_sub(1));
    // Widths grow with the number of characters kept: binary search the most that fit.
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if measure.width(&cut(mid)) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return None;
    }
    let text = cut(lo);
    let w = measure.width(&text);
    (w <= room).then_some((text, w))
}

/// A stacking candidate: an entry outside dense buckets.
struct Candidate {
    pos: u32,
    slot: usize,
    mark: Mark,
    rect_x: (f32, f32),
    /// Position in `project.entries` (checked against `id` before it is read).
    entry: usize,
    id: EntryId,
    /// [`super::IndexedEntry::label_chars`], copied while the index record is in cache.
    label_chars: u32,
    /// Text, left edge and width; filled in pass 3.
    label: Option<(String, f32, f32)>,
    clipped: (bool, bool),
}

impl Candidate {
    /// Left edge of mark and label together (a label may sit left of its mark).
    fn left(&self) -> f32 {
        self.label
            .as_ref()
            .map_or(self.rect_x.0, |(_, lx, _)| self.rect_x.0.min(*lx))
    }

    /// Right edge of mark and label together.
    fn right(&self) -> f32 {
        self.label
            .as_ref()
            .map_or(self.rect_x.1, |(_, lx, w)| self.rect_x.1.max(lx + w))
    }
}

/// Row budgets per lane (see [`super::budget`]) from the pass-1 bucket counts.
fn row_budgets(
    counts: &[u32],
    collapsed: &[bool],
    n_buckets: usize,
    visible: usize,
    lanes_height: f32,
    options: &LayoutOptions,
    max_rows: usize,
) -> Vec<usize> {
    let n_lanes = collapsed.len();
    if visible <= options.full_detail_below {
        // Few entries: every one may have a row of its own.
        return vec![visible.clamp(1, 100_000); n_lanes];
    }
    if !options.share_height {
        return vec![max_rows; n_lanes];
    }
    let demand: Vec<usize> = (0..n_lanes)
        .map(|lane| {
            if collapsed[lane] {
                0
            } else {
                counts[lane * n_buckets..(lane + 1) * n_buckets]
                    .iter()
                    .max()
                    .map_or(0, |&c| c as usize)
            }
        })
        .collect();
    let defaults = LayoutOptions::default();
    let sane = |v: f32, d: f32| if v.is_finite() && v >= 0.0 { v } else { d };
    let header_h = sane(options.lane_header_height, defaults.lane_header_height);
    let collapsed_h = sane(options.collapsed_height, defaults.collapsed_height);
    let row_h = sane(options.row_height, defaults.row_height).max(1.0);
    let fixed: f32 = collapsed
        .iter()
        .map(|&c| header_h + if c { collapsed_h } else { 0.0 })
        .sum();
    let rows = ((lanes_height - fixed) / row_h).floor();
    let available = if rows.is_finite() && rows > 0.0 {
        rows.min(1.0e6) as usize
    } else {
        0
    };
    super::budget::share_rows(&demand, available, options.min_rows, max_rows)
}

/// A badge must stand for at least two entries: a bucket that spilled a single entry either
/// gives up one of its stacked items to keep it company (the badge then reads "2"), or, when
/// it has none, the lone entry gets a row below the others.
fn no_lonely_clusters(
    placed: &mut Vec<(Candidate, usize, bool)>,
    spilled: &mut Vec<Candidate>,
    rows_used: &mut usize,
    gap: f32,
) {
    if spilled.is_empty() {
        return;
    }
    let mut per_slot: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for c in spilled.iter() {
        *per_slot.entry(c.slot).or_default() += 1;
    }
    if per_slot.values().all(|&n| n > 1) {
        return;
    }
    let mut extra = Stacker::new(usize::MAX, gap);
    let base = *rows_used;
    let mut i = 0;
    while i < spilled.len() {
        let slot = spilled[i].slot;
        if per_slot.get(&slot) != Some(&1) {
            i += 1;
            continue;
        }
        per_slot.insert(slot, 2);
        if let Some(k) = placed.iter().rposition(|(c, _, _)| c.slot == slot) {
            let (c, _, _) = placed.remove(k);
            spilled.push(c);
            i += 1;
        } else {
            let c = spilled.remove(i);
            match extra.place(c.left(), c.rect_x.1, c.right(), 0) {
                Some(p) => {
                    *rows_used = (*rows_used).max(base + p.row + 1);
                    let at = placed.partition_point(|(x, _, _)| x.rect_x.0 <= c.rect_x.0);
                    placed.insert(at, (c, base + p.row, true));
                }
                // Only a NaN position gets here: keep it counted in its bucket.
                None => {
                    spilled.insert(i, c);
                    i += 1;
                }
            }
        }
    }
}

/// Lays out `project` (indexed by `index`) for `view` inside `rect`.
pub fn layout(
    project: &Project,
    index: &TimelineIndex,
    view: TimeView,
    rect: Rect,
    options: &LayoutOptions,
    measure: &dyn MeasureText,
) -> TimelineLayout {
    let rect = Rect::new(rect.x0, rect.y0, rect.x1, rect.y1);
    let axis = TimeAxis::with_breaks(view, rect.x0, rect.width(), &options.breaks);
    let view = axis.view;
    let ticks = ticks(&axis, options.utc_offset_seconds, measure);
    let max_rows = options.max_rows.clamp(1, 1_000);
    let sane = |v: f32, default: f32| {
        if v.is_finite() && v >= 0.0 {
            v.min(1.0e4)
        } else {
            default
        }
    };
    let defaults = LayoutOptions::default();
    let row_h = sane(options.row_height, defaults.row_height).max(1.0);
    let header_h = sane(options.lane_header_height, defaults.lane_header_height);
    let cluster_h = sane(options.cluster_row_height, defaults.cluster_row_height).max(1.0);
    let collapsed_h = sane(options.collapsed_height, defaults.collapsed_height).max(1.0);
    let axis_h = sane(options.axis_height, defaults.axis_height);
    let scroll = if options.scroll_y.is_finite() {
        options.scroll_y
    } else {
        0.0
    };

    let bucket = bucket_seconds(axis.seconds_per_pixel());
    // Buckets cut by the view's edges to less than half their width are merged into their
    // neighbour, so no badge is a sliver at the edge.
    let half = bucket / 2.0;
    let (first_bucket, n_buckets) = if view.span > 2.0 * bucket {
        bucket_range(view.min + half, view.max() - half, bucket)
    } else {
        bucket_range(
            view.min + view.span / 2.0,
            view.min + view.span / 2.0,
            bucket,
        )
    };
    let lanes_ix = index.lanes();
    let n_lanes = lanes_ix.len();
    let collapsed: Vec<bool> = lanes_ix
        .iter()
        .map(|l| options.collapsed.contains(&l.key))
        .collect();

    // Pass 1: visible entries and their (lane, bucket) slot counts; touches only the index.
    // Without filters the counts come from the index's midpoint order by binary search (the
    // fast path: O(lanes × buckets), whatever the number of entries; with rejected entries
    // hidden, from a run that leaves them out). Only the few entries that reach into the view from
    // beyond an edge are visited one by one. A search filter (`only`) or hiding what was not
    // yet known picks entries no precomputed order can count, so those take the general
    // path, which visits every visible entry.
    let entries = index.entries();
    let hide_rejected = options.rejected == RejectedMode::Hide;
    let by_mid = index.by_mid();
    let fast = options.only.is_none()
        && !(options.hide_unknown && options.known_on.is_some())
        && by_mid.runs.len() == n_lanes;
    let mut visible: Vec<(u32, u32)> = Vec::new();
    let mut counts = vec![0u32; n_lanes * n_buckets];
    // Fast path: each slot's range of its lane's run in the midpoint order.
    let mut slot_range: Vec<(u32, u32)> = Vec::new();
    let last_bucket = (n_buckets - 1) as i64;
    if fast {
        slot_range = vec![(0, 0); n_lanes * n_buckets];
        let (lo, hi) = (view.min, view.max());
        for (lane, runs) in by_mid.runs.iter().enumerate() {
            let run = &runs[usize::from(hide_rejected)];
            let mut from = by_mid.advance(run, run.start, lo, false);
            for k in 0..n_buckets {
                let next = if k + 1 == n_buckets {
                    by_mid.advance(run, from, hi, true)
                } else {
                    let edge = (first_bucket + k as i64 + 1) as f64 * bucket;
                    by_mid.advance(run, from, edge, false)
                };
                let slot = lane * n_buckets + k;
                counts[slot] = (next - from) as u32;
                slot_range[slot] = (from as u32, next as u32);
                from = next;
            }
        }
        // Spans reaching in from beyond an edge (midpoint outside the view) go to the edge
        // bucket, as in the general path below.
        let crossing = index
            .visible(lo, lo)
            .filter(|&p| super::index::mid_of(&entries[p]) < lo)
            .map(|p| (p, 0usize))
            .chain(
                index
                    .visible(hi, hi)
                    .filter(|&p| super::index::mid_of(&entries[p]) > hi)
                    .map(|p| (p, n_buckets - 1)),
            )
            .filter(|&(p, _)| !(hide_rejected && entries[p].status == Status::Rejected));
        for (pos, b) in crossing {
            let slot = entries[pos].lane as usize * n_buckets + b;
            counts[slot] += 1;
            visible.push((pos as u32, slot as u32));
        }
    } else {
        for pos in index.visible(view.min, view.max()) {
            let e = &entries[pos];
            if hide_rejected && e.status == Status::Rejected {
                continue;
            }
            if options.hide_unknown && options.known_on.is_some_and(|c| e.known_from > c) {
                continue;
            }
            if let Some(only) = &options.only
                && !only.get(e.entry as usize).copied().unwrap_or(false)
            {
                continue;
            }
            let mid = super::index::mid_of(e);
            let b = ((mid / bucket).floor() as i64 - first_bucket).clamp(0, last_bucket) as usize;
            let slot = e.lane as usize * n_buckets + b;
            counts[slot] += 1;
            visible.push((pos as u32, slot as u32));
        }
    }
    let visible_total: usize = if fast {
        counts.iter().map(|&c| c as usize).sum()
    } else {
        visible.len()
    };
    let n_slots = n_lanes * n_buckets;
    let lanes_top = rect.y0 + axis_h;
    let budgets = row_budgets(
        &counts,
        &collapsed,
        n_buckets,
        visible_total,
        rect.y1 - lanes_top,
        options,
        max_rows,
    );
    let dense: Vec<bool> = (0..n_slots)
        .map(|slot| {
            collapsed[slot / n_buckets] || counts[slot] as usize > budgets[slot / n_buckets]
        })
        .collect();
    // A slot's range of the midpoint order (empty off the fast path).
    let run_of = |slot: usize| {
        slot_range
            .get(slot)
            .map_or(0..0, |&(a, b)| a as usize..b as usize)
    };
    // Where a cluster's members are ([`Members`]): a dense slot's stay in the midpoint order,
    // plus the edge-crossing ones (or, off the fast path, all of them) listed in
    // `listed_members`, first there, one contiguous run per slot; overflow from stacking
    // (sparse slots only) is appended after pass 3.
    let shared_of = |slot: usize| if dense[slot] { run_of(slot) } else { 0..0 };
    let mut member_start = vec![0usize; n_slots];
    let mut dense_total = 0;
    for slot in 0..n_slots {
        member_start[slot] = dense_total;
        if dense[slot] {
            dense_total += counts[slot] as usize - shared_of(slot).len();
        }
    }
    let mut listed_members = vec![EntryId(0); dense_total];
    let mut fill = member_start.clone();
    if fast {
        // Entries of sparse slots join the (few) edge-crossing ones in `visible`, to be
        // stacked; dense slots keep theirs where they are.
        for slot in (0..n_slots).filter(|&slot| !dense[slot]) {
            let run = run_of(slot);
            visible.extend(by_mid.pos[run].iter().map(|&p| (p, slot as u32)));
        }
    }

    // Pass 2: dense entries become cluster members (index only); the rest are grouped by
    // lane (a counting sort of small records) to become candidates lane by lane in pass 3.
    let x_min = f64::from(axis.x_min);
    let x_max = f64::from(axis.x_max());
    let mut lane_start = vec![0usize; n_lanes + 1];
    for &(pos, slot) in &visible {
        if !dense[slot as usize] {
            lane_start[entries[pos as usize].lane as usize + 1] += 1;
        }
    }
    for lane in 0..n_lanes {
        lane_start[lane + 1] += lane_start[lane];
    }
    let mut by_lane = vec![(0u32, 0u32); lane_start[n_lanes]];
    let mut next_in_lane = lane_start.clone();
    for &(pos, slot) in &visible {
        let e = &entries[pos as usize];
        if dense[slot as usize] {
            listed_members[fill[slot as usize]] = e.id;
            fill[slot as usize] += 1;
        } else {
            by_lane[next_in_lane[e.lane as usize]] = (pos, slot);
            next_in_lane[e.lane as usize] += 1;
        }
    }
    let candidate = |pos: u32, slot: u32| -> Candidate {
        let e = &entries[pos as usize];
        let sx0 = axis.x_from_time(e.start);
        let sx1 = axis.x_from_time(e.end);
        let (mark, rx0, rx1, clipped) = if sx1 - sx0 < f64::from(MIN_BAR_PX) {
            let c = ((sx0 + sx1) / 2.0) as f32;
            (
                Mark::Point,
                c - POINT_RADIUS_PX,
                c + POINT_RADIUS_PX,
                (false, false),
            )
        } else {
            // Clip bars to the view (plus a hair) so f32 stays exact and bars end at the edge.
            let lo = sx0.max(x_min - 2.0) as f32;
            let hi = sx1.min(x_max + 2.0) as f32;
            (Mark::Bar, lo, hi, (sx0 < x_min - 2.0, sx1 > x_max + 2.0))
        };
        Candidate {
            pos,
            slot: slot as usize,
            mark,
            rect_x: (rx0, rx1),
            entry: e.entry as usize,
            id: e.id,
            label_chars: e.label_chars,
            label: None,
            clipped,
        }
    };

    // Pass 3: stack lane by lane; overflow joins the bucket's cluster.
    let mut overflow: Vec<(usize, u32)> = Vec::new();
    let mut lane_items: Vec<Vec<(Candidate, usize, bool)>> =
        (0..n_lanes).map(|_| Vec::new()).collect();
    let mut rows_used = vec![0usize; n_lanes];
    // Labels: "Speaker: label" for statements, cut to `max_label_chars`, placed inside a bar
    // when they fit there, else after the mark. Measured with the real font in lanes that
    // can be on screen; elsewhere (culling) estimated from the length, without building it.
    let label_of = |c: &Candidate, precise: bool| -> Option<(String, f32, f32)> {
        let (text, w) = if precise {
            // A stale index (project edited, index not rebuilt) must not panic: such an
            // entry is drawn without a label.
            let x = project.entries.get(c.entry).filter(|x| x.id == c.id)?;
            let text = label_text(x, options.max_label_chars);
            let w = measure.width(&text);
            (text, w)
        } else {
            // From the index alone: reading 100k entries is mostly cache misses.
            let chars = (c.label_chars as usize).min(options.max_label_chars.max(2));
            (
                String::new(),
                chars as f32 * super::measure::DEFAULT_AVG_CHAR_PX,
            )
        };
        if precise && text.is_empty() || !precise && w == 0.0 {
            return None;
        }
        let (rx0, rx1) = c.rect_x;
        let inside = rx0.max(axis.x_min) + LABEL_PAD_PX;
        let lx = match c.mark {
            Mark::Bar if inside + w + LABEL_PAD_PX <= rx1 => inside,
            _ => rx1 + LABEL_PAD_PX,
        };
        let x_max = axis.x_max();
        if lx + w <= x_max || lx >= x_max {
            // Fits, or the whole item is past the right edge (off screen anyway).
            return Some((text, lx, w));
        }
        // Near the right edge the label goes left of its mark; when neither side has room
        // for all of it, the roomier side gets it shortened with "…" (never cut by the edge).
        let left_room = rx0 - LABEL_PAD_PX - axis.x_min;
        if w <= left_room {
            return Some((text, rx0 - LABEL_PAD_PX - w, w));
        }
        let right_room = x_max - lx;
        let room = left_room.max(right_room);
        let (text, w) = if precise {
            shorten_to(&text, room, measure)?
        } else {
            (text, room)
        };
        if room == right_room {
            Some((text, lx, w))
        } else {
            Some((text, rx0 - LABEL_PAD_PX - w, w))
        }
    };
    // A lane's body: its cluster row (if any) and its rows (at least one), or the collapsed
    // strip. The same rule places lanes in pass 3 and draws them below.
    let body_height = |collapsed: bool, has_clusters: bool, rows: usize| -> f32 {
        if collapsed {
            collapsed_h
        } else {
            let rows = rows.max(usize::from(!has_clusters)) as f32;
            (if has_clusters { cluster_h } else { 0.0 }) + rows * row_h
        }
    };
    // A lane with a dense bucket has a cluster row whatever its stacking does.
    let has_dense = |lane: usize| {
        (lane * n_buckets..(lane + 1) * n_buckets).any(|slot| dense[slot] && counts[slot] > 0)
    };
    // Where each lane starts, to know which can be on screen (same heights as below).
    let mut lane_y = lanes_top - scroll;
    for lane in 0..n_lanes {
        let most_rows_h = cluster_h + budgets[lane] as f32 * row_h;
        let slots = lane * n_buckets..(lane + 1) * n_buckets;
        if options.cull_offscreen_lanes && lane_y >= rect.y1 {
            // Below the screen: nothing here can move what is on screen, so the lane's height
            // is estimated from its bucket counts (for the scrollbar) and nothing is stacked.
            let busiest = slots
                .clone()
                .filter(|&slot| !dense[slot])
                .map(|slot| counts[slot] as usize)
                .max()
                .unwrap_or(0);
            rows_used[lane] = busiest.min(budgets[lane]);
            lane_y += header_h + body_height(collapsed[lane], has_dense(lane), rows_used[lane]);
            continue;
        }
        let on_screen = !options.cull_offscreen_lanes
            || (lane_y < rect.y1 && lane_y + header_h + most_rows_h.max(collapsed_h) > lanes_top);
        let mut cands: Vec<Candidate> = by_lane[lane_start[lane]..lane_start[lane + 1]]
            .iter()
            .map(|&(pos, slot)| {
                let mut c = candidate(pos, slot);
                c.label = label_of(&c, on_screen);
                c
            })
            .collect();
        // By the marks' left edges: items stay in time order whichever side labels are on.
        // Ties by index position, so the order never depends on how entries were gathered.
        cands.sort_by(|a, b| a.rect_x.0.total_cmp(&b.rect_x.0).then(a.pos.cmp(&b.pos)));
        let mut stacker = Stacker::new(budgets[lane], options.item_gap);
        let mut spilled: Vec<Candidate> = Vec::new();
        for c in cands.drain(..) {
            let token = lane_items[lane].len();
            match stacker.place(c.left(), c.rect_x.1, c.right(), token) {
                Some(placed) => {
                    if let Some(culled) = placed.culled {
                        lane_items[lane][culled].2 = false;
                    }
                    lane_items[lane].push((c, placed.row, true));
                }
                // Marks beat labels: an item whose label has no room goes in without it.
                None => match c
                    .label
                    .is_some()
                    .then(|| stacker.place(c.rect_x.0, c.rect_x.1, c.rect_x.1, token))
                {
                    Some(Some(placed)) => {
                        if let Some(culled) = placed.culled {
                            lane_items[lane][culled].2 = false;
                        }
                        lane_items[lane].push((c, placed.row, false));
                    }
                    _ => spilled.push(c),
                },
            }
        }
        rows_used[lane] = stacker.rows_used();
        no_lonely_clusters(
            &mut lane_items[lane],
            &mut spilled,
            &mut rows_used[lane],
            options.item_gap,
        );
        let overflowed = !spilled.is_empty();
        overflow.extend(spilled.iter().map(|c| (c.slot, c.pos)));
        let has_clusters = overflowed || has_dense(lane);
        lane_y += header_h + body_height(collapsed[lane], has_clusters, rows_used[lane]);
    }

    // Overflow (only ever in non-dense slots) gets its own runs after the dense members.
    let mut cluster_count: Vec<usize> = (0..n_slots)
        .map(|slot| {
            if dense[slot] {
                counts[slot] as usize
            } else {
                0
            }
        })
        .collect();
    for &(slot, _) in &overflow {
        cluster_count[slot] += 1;
    }
    let mut next = dense_total;
    for slot in (0..n_slots).filter(|&slot| !dense[slot]) {
        member_start[slot] = next;
        fill[slot] = next;
        next += cluster_count[slot];
    }
    listed_members.resize(next, EntryId(0));
    for &(slot, pos) in &overflow {
        listed_members[fill[slot]] = entries[pos as usize].id;
        fill[slot] += 1;
    }

    // The cursor's day decides which verdicts were known (reviews are dated by day).
    let known_day = options
        .known_on
        .and_then(datetime_from_seconds)
        .map(|t| t.date());

    // Vertical layout, lane by lane.
    let mut lanes = Vec::with_capacity(n_lanes);
    let mut items = Vec::new();
    let mut clusters = Vec::new();
    let mut y = rect.y0 + axis_h - scroll;
    let lane_visible: Vec<usize> = counts
        .chunks(n_buckets)
        .map(|c| c.iter().map(|&n| n as usize).sum())
        .collect();
    for (lane, info) in lanes_ix.iter().enumerate() {
        let header = Rect::new(rect.x0, y, rect.x1, y + header_h);
        y += header_h;
        let slots = lane * n_buckets..(lane + 1) * n_buckets;
        let has_clusters = cluster_count[slots.clone()].iter().any(|&c| c > 0);
        let body_h = body_height(collapsed[lane], has_clusters, rows_used[lane]);
        let (cluster_y, rows_y) = if collapsed[lane] {
            (y, y + collapsed_h)
        } else {
            (y, y + if has_clusters { cluster_h } else { 0.0 })
        };
        let cluster_row_h = if collapsed[lane] {
            collapsed_h
        } else {
            cluster_h
        };
        let drawn = !options.cull_offscreen_lanes
            || (header.y0 < rect.y1 && cluster_y + body_h > lanes_top);
        if !drawn {
            lane_items[lane].clear();
        }
        for slot in slots.filter(|_| drawn) {
            let count = cluster_count[slot];
            if count == 0 {
                continue;
            }
            let b = (slot - lane * n_buckets) as i64 + first_bucket;
            let first = slot == lane * n_buckets;
            let last = slot + 1 == (lane + 1) * n_buckets;
            // Edge buckets also hold what the view cuts off, up to the view's edge.
            let t0 = if first {
                (b as f64 * bucket).min(view.min)
            } else {
                b as f64 * bucket
            };
            let t1 = if last {
                ((b + 1) as f64 * bucket).max(view.max())
            } else {
                (b + 1) as f64 * bucket
            };
            let cx0 = axis.x_from_time(t0).max(x_min) as f32 + CLUSTER_INSET_PX;
            let cx1 = axis.x_from_time(t1).min(x_max) as f32 - CLUSTER_INSET_PX;
            clusters.push(Cluster {
                lane: lane as u32,
                t0,
                t1,
                rect: Rect::new(
                    cx0,
                    cluster_y + 1.0,
                    cx1.max(cx0),
                    cluster_y + cluster_row_h - 1.0,
                ),
                count,
                members: Members {
                    shared: shared_of(slot),
                    listed: member_start[slot]..member_start[slot] + count - shared_of(slot).len(),
                },
            });
        }
        for (c, row, show_label) in lane_items[lane].drain(..) {
            let e = &entries[c.pos as usize];
            let entry = project
                .entries
                .get(e.entry as usize)
                .filter(|x| x.id == e.id);
            let row_top = rows_y + row as f32 * row_h;
            let mid = row_top + row_h / 2.0;
            let half = match c.mark {
                Mark::Point => POINT_RADIUS_PX,
                Mark::Bar => BAR_HEIGHT_PX / 2.0,
            };
            let time = entry.and_then(|x| index.placement.time_of(x));
            let uncertainty = Uncertainty {
                precision: time.map_or(Precision::Day, |t| t.precision),
                approximate: time.is_some_and(|t| t.approximate),
                open_start: time.is_some_and(|t| t.open == Openness::OpenStart),
                open_end: time.is_some_and(|t| t.open == Openness::OpenEnd),
            };
            let color = match (entry.and_then(|x| x.color), options.color_by) {
                (Some(c), _) => ColorRole::Custom(c),
                (None, ColorBy::Lane) => ColorRole::Lane(e.lane),
                (None, ColorBy::Tag) if e.tag != u32::MAX => ColorRole::Tag(e.tag),
                (None, ColorBy::Tag) => ColorRole::Neutral,
                (None, ColorBy::Status) => ColorRole::Status(e.status),
                (None, ColorBy::Kind) => ColorRole::Kind(e.kind),
                (None, ColorBy::Stance) => entry
                    .and_then(|x| x.stance())
                    .map_or(ColorRole::Neutral, ColorRole::Stance),
            };
            let claim = project.claims.get(e.claim as usize);
            let label = if show_label {
                c.label.map(|(text, lx, w)| ItemLabel {
                    text,
                    rect: Rect::new(lx, row_top + 2.0, lx + w, row_top + row_h - 2.0),
                })
            } else {
                None
            };
            items.push(ItemLayout {
                id: e.id,
                entry: e.entry as usize,
                lane: lane as u32,
                row: row as u32,
                kind: e.kind,
                mark: c.mark,
                rect: Rect::new(c.rect_x.0, mid - half, c.rect_x.1, mid + half),
                label,
                speaker: entry.and_then(|x| x.speaker()).map(str::to_owned),
                uncertainty,
                color,
                ghost: options.rejected == RejectedMode::Ghost && e.status == Status::Rejected,
                unknown: options.known_on.is_some_and(|c| e.known_from > c),
                claim: claim.map(|c| c.id),
                verification: claim
                    .map_or(Verification::Unverified, |c| c.review.state_on(known_day)),
                first_report: index
                    .claims()
                    .get(e.claim as usize)
                    .is_some_and(|c| c.first == Some(e.id)),
                clipped_start: c.clipped.0,
                clipped_end: c.clipped.1,
                start: e.start,
                end: e.end,
            });
        }
        let body = Rect::new(rect.x0, cluster_y, rect.x1, cluster_y + body_h);
        y += body_h;
        lanes.push(LaneLayout {
            index: lane as u32,
            key: info.key.clone(),
            label: info.label.clone(),
            collapsed: collapsed[lane],
            header,
            body,
            rows: if collapsed[lane] {
                0
            } else {
                rows_used[lane] as u32
            },
            visible: lane_visible[lane],
        });
    }

    TimelineLayout {
        axis,
        rect,
        axis_rect: Rect::new(rect.x0, rect.y0, rect.x1, rect.y0 + axis_h),
        ticks,
        lanes,
        items,
        clusters,
        listed_members,
        shared_members: index.by_mid().ids.clone(),
        visible_entries: visible_total,
        bucket_seconds: bucket,
        utc_offset_seconds: options.utc_offset_seconds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::lanes::GroupBy;
    use crate::timeline::measure::CharWidthEstimate;

    #[test]
    fn truncate_counts_chars() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abcd", 4), "abcd");
        assert_eq!(truncate("ééééé", 3), "éé…");
    }

    #[test]
    fn culling_lays_out_only_lanes_on_screen_and_keeps_them_identical() {
        let p = crate::demo::project(3_000, 5);
        let index = TimelineIndex::build(&p, GroupBy::Source);
        assert!(index.lanes().len() > 20, "many lanes");
        let (a, b) = index.bounds().unwrap();
        let rect = Rect::new(0.0, 0.0, 1200.0, 400.0);
        let measure = CharWidthEstimate { avg_char_px: 6.0 };
        for view in [
            TimeView::fit(a, b),
            TimeView::new(a + (b - a) / 3.0, (b - a) / 40.0),
        ] {
            let full = layout(&p, &index, view, rect, &LayoutOptions::default(), &measure);
            let culled_options = LayoutOptions {
                cull_offscreen_lanes: true,
                ..LayoutOptions::default()
            };
            let culled = layout(&p, &index, view, rect, &culled_options, &measure);
            assert_eq!(
                culled.lanes.len(),
                full.lanes.len(),
                "every lane keeps a place"
            );
            let on_screen = |l: &LaneLayout| l.header.y0 < rect.y1 && l.body.y1 > full.axis_rect.y1;
            let shown: Vec<u32> = full
                .lanes
                .iter()
                .filter(|l| on_screen(l))
                .map(|l| l.index)
                .collect();
            assert!(!shown.is_empty() && shown.len() < full.lanes.len());
            // Lanes on screen are laid out exactly as without culling …
            for lane in &shown {
                let pick = |l: &TimelineLayout| -> Vec<ItemLayout> {
                    l.items
                        .iter()
                        .filter(|i| i.lane == *lane)
                        .cloned()
                        .collect()
                };
                assert_eq!(pick(&culled), pick(&full), "lane {lane}");
                let (x, y) = (&culled.lanes[*lane as usize], &full.lanes[*lane as usize]);
                assert_eq!((x.header, x.body), (y.header, y.body));
            }
            // … and nothing is made for the others.
            assert!(culled.items.iter().all(|i| shown.contains(&i.lane)));
            assert!(culled.clusters.iter().all(|c| shown.contains(&c.lane)));
            assert!(culled.items.len() < full.items.len());
        }
    }

    #[test]
    fn counting_by_midpoints_gives_the_same_layout_as_visiting_every_entry() {
        // A filter that lets everything through forces the entry-by-entry path.
        let p = crate::demo::project(4_000, 9);
        let all = Some(std::sync::Arc::new(vec![true; p.entries.len()]));
        for group_by in [GroupBy::Speaker, GroupBy::Source, GroupBy::None] {
            let index = TimelineIndex::build(&p, group_by);
            let (a, b) = index.bounds().unwrap();
            for view in [
                TimeView::fit(a, b),
                TimeView::new(a + (b - a) * 0.37, (b - a) / 30.0),
                TimeView::new(a + (b - a) * 0.5, 86_400.0 * 5.0),
            ] {
                for (share_height, rejected) in [
                    (true, RejectedMode::Ghost),
                    (false, RejectedMode::Ghost),
                    (true, RejectedMode::Hide),
                ] {
                    let fast = LayoutOptions {
                        share_height,
                        rejected,
                        ..LayoutOptions::default()
                    };
                    let slow = LayoutOptions {
                        only: all.clone(),
                        ..fast.clone()
                    };
                    let rect = Rect::new(0.0, 0.0, 1400.0, 700.0);
                    let m = CharWidthEstimate::default();
                    let x = layout(&p, &index, view, rect, &fast, &m);
                    let y = layout(&p, &index, view, rect, &slow, &m);
                    assert_eq!(x.visible_entries, y.visible_entries);
                    let rows = |l: &TimelineLayout| -> Vec<(EntryId, u32, u32)> {
                        l.items.iter().map(|i| (i.id, i.lane, i.row)).collect()
                    };
                    assert_eq!(rows(&x), rows(&y), "{group_by:?} {view:?}");
                    assert!(x.items == y.items);
                    assert_eq!(x.lanes, y.lanes);
                    let counts = |l: &TimelineLayout| -> Vec<(u32, usize, f64)> {
                        l.clusters.iter().map(|c| (c.lane, c.count, c.t0)).collect()
                    };
                    assert_eq!(counts(&x), counts(&y));
                    let members = |l: &TimelineLayout| -> Vec<Vec<EntryId>> {
                        l.clusters
                            .iter()
                            .map(|c| {
                                let mut m: Vec<EntryId> = l.members(c).collect();
                                m.sort();
                                m
                            })
                            .collect()
                    };
                    assert_eq!(members(&x), members(&y));
                }
            }
        }
    }

    #[test]
    fn everything_visible_is_an_item_or_counted_once() {
        let p = crate::demo::project(3_000, 5);
        let index = TimelineIndex::build(&p, GroupBy::Speaker);
        let (a, b) = index.bounds().unwrap();
        for span in [b - a, (b - a) / 50.0, 86_400.0 * 3.0] {
            let view = TimeView::new(a + (b - a) / 3.0, span);
            let l = layout(
                &p,
                &index,
                view,
                Rect::new(0.0, 0.0, 1200.0, 800.0),
                &LayoutOptions::default(),
                &CharWidthEstimate::default(),
            );
            let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
            assert_eq!(l.items.len() + clustered, l.visible_entries);
            let members: usize = l.clusters.iter().map(|c| l.members(c).count()).sum();
            assert_eq!(clustered, members);
            let expected = index.visible(l.axis.view.min, l.axis.view.max()).count();
            assert_eq!(l.visible_entries, expected);
        }
    }
}
