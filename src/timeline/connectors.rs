//! The three times of a statement — when it happened, when it was said, when it was
//! reported — as pixel positions, so the painter can draw connectors for one entry on demand
//! (e.g. the hovered or selected one):
//!
//! ```text
//!   [== event ==]            ◆ said            ▲ reported
//!         └────────────────────┴─────────────────┘   (at the item's y)
//! ```

use std::collections::HashMap;

use super::cluster::Cluster;
use super::geometry::Point;
use super::layout::TimelineLayout;
use super::placement::Placement;
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
            // A member's placed span (one of its three) overlaps its cluster's time range,
            // so only those clusters' members are searched (this runs every frame).
            let overlaps = |c: &Cluster| {
                [&entry.event_time, &entry.said_time, &entry.reported_time]
                    .into_iter()
                    .flatten()
                    .any(|t| {
                        let (a, b) = (t.start_seconds(), t.end_seconds());
                        a.min(b) <= c.t1 && a.max(b) >= c.t0
                    })
            };
            let cluster = layout
                .clusters
                .iter()
                .filter(|c| overlaps(c))
                .find(|c| layout.members(c).any(|m| m == id))?;
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

/// An arrow from one appearance of a claim to the next, between item marks on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineageArrow {
    pub from: EntryId,
    pub to: EntryId,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Arrows between consecutive appearances (in publication order) of `claim` that are drawn
/// as items; appearances folded into clusters or off screen are skipped, so the arrow joins
/// the nearest visible ones.
pub fn lineage_arrows(
    layout: &TimelineLayout,
    project: &Project,
    claim: crate::model::ClaimId,
) -> Vec<LineageArrow> {
    // From the drawn items (O(items)), not `Claim::appearances`, which looks entries up one by
    // one: this runs every frame, for every claim on screen.
    let drawn: HashMap<EntryId, (&crate::model::Entry, Point)> = layout
        .items
        .iter()
        .filter(|i| i.claim == Some(claim))
        .filter_map(|i| {
            let e = project.entries.get(i.entry).filter(|e| e.id == i.id)?;
            Some((i.id, (e, i.rect.centre())))
        })
        .collect();
    let Some(c) = project.claims.iter().find(|c| c.id == claim) else {
        return Vec::new();
    };
    let on_screen: Vec<(EntryId, Point)> = c
        .in_publication_order(|id| drawn.get(&id).map(|(e, _)| *e))
        .into_iter()
        .map(|e| (e.id, drawn[&e.id].1))
        .collect();
    on_screen
        .windows(2)
        .map(|w| LineageArrow {
            from: w[0].0,
            to: w[1].0,
            x0: w[0].1.x,
            y0: w[0].1.y,
            x1: w[1].1.x,
            y1: w[1].1.y,
        })
        .collect()
}

/// The reporting lag of one item: from its placed time to its publication.
#[derive(Clone, Debug, PartialEq)]
pub struct Lag {
    pub id: EntryId,
    pub y: f32,
    /// The end of the placed span and the start of the reported span, pixels.
    pub x0: f32,
    pub x1: f32,
    /// "reported 2 years later".
    pub label: String,
}

/// Lags shorter than this are not drawn: a same-day report is not a lag.
pub const MIN_LAG_SECONDS: f64 = 2.0 * 86_400.0;

/// The reporting lag of every item placed before its publication (by at least
/// [`MIN_LAG_SECONDS`]), for "reporting lag" connectors.
pub fn lags(layout: &TimelineLayout, project: &Project, placement: Placement) -> Vec<Lag> {
    layout
        .items
        .iter()
        .filter_map(|item| {
            let entry = project
                .entries
                .get(item.entry)
                .filter(|e| e.id == item.id)?;
            let reported = entry.reported_time.as_ref()?;
            let placed = placement.time_of(entry)?;
            let gap = reported.start_seconds() - placed.end_seconds();
            (gap >= MIN_LAG_SECONDS).then(|| Lag {
                id: item.id,
                y: item.rect.centre().y,
                x0: item.rect.x1,
                x1: layout.axis.x_from_time_f32(reported.start_seconds()),
                label: format!("reported {} later", duration_words(gap)),
            })
        })
        .collect()
}

/// A duration in the largest whole unit that reads naturally: "3 days", "5 months", "2 years".
pub fn duration_words(seconds: f64) -> String {
    const DAY: f64 = 86_400.0;
    let days = (seconds / DAY).floor().max(0.0);
    let (n, unit) = if days < 60.0 {
        (days, "day")
    } else if days < 730.0 {
        ((days / 30.44).floor(), "month")
    } else {
        ((days / 365.25).floor(), "year")
    };
    let n = n as i64;
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        const DAY: f64 = 86_400.0;
        assert_eq!(duration_words(DAY), "1 day");
        assert_eq!(duration_words(3.5 * DAY), "3 days");
        assert_eq!(duration_words(100.0 * DAY), "3 months");
        assert_eq!(duration_words(800.0 * DAY), "2 years");
        assert_eq!(duration_words(-5.0), "0 days");
    }
}
