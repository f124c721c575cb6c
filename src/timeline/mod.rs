//! Pure timeline layout: time axis and ticks, lanes, stacking, level of detail, hit-testing.
//!
//! Shared by the app's timeline widget and the SVG/PNG/PDF exporters, so that an exported
//! image looks like the screen. No GUI types: times are f64 UTC seconds, pixels f32, colours
//! roles or [`model::Color`](crate::model::Color).
//!
//! ```text
//!  project change ──► TimelineIndex::build(project, group_by)        (once, O(n log n))
//!  every frame:
//!   TimeView {min, span} ──► layout(project, &index, view, rect, &options, &measure)
//!                              │  ticks (ladder) · visible query · buckets · stacking
//!                              ▼
//!                         TimelineLayout ──► widget paints / exporter draws
//!                              │
//!                              ├─► hit_test(&layout, point) / box_select(&layout, rect)
//!                              └─► three_times(&layout, project, id)   (connectors)
//!  input: TimeAxis::pan / zoom_at / TimeView::fit ──► new TimeView
//! ```

pub mod budget;
pub mod cluster;
pub mod connectors;
pub mod drag;
pub mod fit;
pub mod geometry;
pub mod hit;
pub mod index;
pub mod knowledge;
pub mod lanes;
pub mod layout;
pub mod measure;
pub mod placement;
pub mod stacking;
pub mod ticks;
pub mod view;

pub use cluster::{CLUSTER_BUCKET_PX, Cluster, Members};
pub use connectors::{
    Lag, LineageArrow, SpanX, ThreeTimes, duration_words, lags, lineage_arrows, three_times,
};
pub use geometry::{Point, Rect};
pub use hit::{Hit, box_select, hit_test};
pub use index::{IndexClaim, IndexLane, IndexedEntry, MidOrder, TimelineIndex};
pub use lanes::{GroupBy, LANES_BY_OUTLET_FROM, LaneKey, default_group_by};
pub use layout::{
    ColorBy, ColorRole, ItemLabel, ItemLayout, LaneLayout, LayoutOptions, Mark, PALETTE,
    RejectedMode, TimelineLayout, Uncertainty, color_legend, default_color, layout, stance_color,
    verdict_color, verdict_symbol,
};
pub use measure::{CharWidthEstimate, MeasureText};
pub use placement::Placement;
pub use ticks::{MinorTick, Tick, TickLabel, TickStep, Ticks, ticks};
pub use view::{AxisBreak, BREAK_PX, TimeAxis, TimeView};

/// Entries in chronological order of their primary time; entries without a time go last.
pub fn chronological(project: &crate::model::Project) -> Vec<&crate::model::Entry> {
    let mut entries: Vec<_> = project.entries.iter().collect();
    entries.sort_by(|a, b| cmp_entries(a, b));
    entries
}

/// Time order of two entries by primary time; undated entries last.
pub fn cmp_entries(a: &crate::model::Entry, b: &crate::model::Entry) -> std::cmp::Ordering {
    match (a.primary_time(), b.primary_time()) {
        (Some(x), Some(y)) => x.cmp_chronological(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}
