//! The three times of a statement — when it happened, when it was said, when it was
//! reported — as pixel positions, so the painter can draw connectors for one entry on demand
//! (e.g. the hovered or selected one):
//!
//! ```text
//!   [== event ==]            ◆ said            ▲ reported
//!         └────────────────────┴─────────────────┘   (at the item's y)
//! ```

use super::layout::TimelineLayout;
use crate::model::{EntryId, Project, TimeSpan};

/// A span on screen, f32 pixels (clamped a few screens beyond the view).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpanX {
    pub x0: f32,
    pub x1: f32,
}

impl SpanX {
    pub fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThreeTimes {
    pub id: EntryId,
    /// Vertical centre of the entry's mark, or of its cluster badge when it is clustered.
    pub y: f32,
    pub event: Option<SpanX>,
    pub said: Option<SpanX>,
    pub reported: Option<SpanX>,
}

/// Positions of the entry's three times, or `None` when the entry is not on screen.
pub fn three_times(layout: &TimelineLayout, project: &Project, id: EntryId) -> Option<ThreeTimes> {
    let entry = project.entry(id)?;
    let y = match layout.item(id) {
        Some(item) => item.rect.centre().y,
        None => {
            let cluster = layout
                .clusters
                .iter()
                .find(|c| c.members(&layout.cluster_members).contains(&id))?;
            cluster.rect.centre().y
        }
    };
    let span = |t: &Option<TimeSpan>| {
        t.as_ref().map(|t| SpanX {
            x0: layout.axis.x_from_time_f32(t.start_seconds()),
            x1: layout.axis.x_from_time_f32(t.end_seconds()),
        })
    };
    Some(ThreeTimes {
        id,
        y,
        event: span(&entry.event_time),
        said: span(&entry.said_time),
        reported: span(&entry.reported_time),
    })
}
