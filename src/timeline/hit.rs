//! Hit-testing and box selection: pure functions of a finished layout.
//!
//! The painter draws lanes, then clusters, then items in layout order, so the *last* item
//! under the pointer is the one on top; hit-testing walks items in reverse. Point marks are
//! small, so a miss is retried with [`HIT_SLOP_PX`] of slack before falling through to
//! clusters, lane headers and lane bodies.

use super::geometry::{Point, Rect};
use super::layout::TimelineLayout;
use crate::model::EntryId;

/// Extra pixels around marks when nothing is hit exactly (fingers and touchpads).
pub const HIT_SLOP_PX: f32 = 3.0;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// An individually drawn entry (its mark or its label).
    Item(EntryId),
    /// Position in [`TimelineLayout::clusters`].
    Cluster(usize),
    /// A lane's header (click to collapse/expand); lane index.
    LaneHeader(u32),
    /// Empty space in a lane's body.
    Lane(u32),
    /// The tick rows.
    Axis,
}

pub fn hit_test(layout: &TimelineLayout, p: Point) -> Option<Hit> {
    // Not clipped to `layout.rect`: the widget only asks about pointer positions it owns,
    // and a label running past the right edge is still that item.
    if !p.x.is_finite() || !p.y.is_finite() {
        return None;
    }
    if layout.axis_rect.contains(p) {
        return Some(Hit::Axis);
    }
    let exact = layout
        .items
        .iter()
        .rev()
        .find(|i| i.rect.contains(p) || i.label.as_ref().is_some_and(|l| l.rect.contains(p)));
    let near = || {
        layout
            .items
            .iter()
            .rev()
            .find(|i| i.rect.expand(HIT_SLOP_PX).contains(p))
    };
    if let Some(item) = exact.or_else(near) {
        return Some(Hit::Item(item.id));
    }
    if let Some(i) = layout.clusters.iter().position(|c| c.rect.contains(p)) {
        return Some(Hit::Cluster(i));
    }
    for lane in &layout.lanes {
        if lane.header.contains(p) {
            return Some(Hit::LaneHeader(lane.index));
        }
        if lane.body.contains(p) {
            return Some(Hit::Lane(lane.index));
        }
    }
    None
}

/// Entries whose mark (or cluster badge) touches `rect`, sorted and without repeats.
/// Labels do not count: dragging across a long label should not select its entry.
pub fn box_select(layout: &TimelineLayout, rect: Rect) -> Vec<EntryId> {
    let rect = Rect::new(rect.x0, rect.y0, rect.x1, rect.y1);
    let mut ids: Vec<EntryId> = layout
        .items
        .iter()
        .filter(|i| i.rect.touches(&rect))
        .map(|i| i.id)
        .collect();
    for c in layout.clusters.iter().filter(|c| c.rect.touches(&rect)) {
        ids.extend(layout.members(c));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}
