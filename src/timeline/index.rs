//! The per-project index: entries sorted by start with a prefix maximum of their ends.
//!
//! Built once per project change (or grouping change), then every frame asks it for the
//! entries overlapping the view. With entries sorted by `start` and `prefix_max_end[i] =
//! max(end[0..=i])`, both bounds of the candidate range are binary searches:
//!
//! ```text
//!   sorted by start:   [ e0  e1  e2  e3  e4  e5  e6 ]
//!   prefix max end:    [  3   9   9   9  12  14  15 ]
//!                             ^lo: first with max_end ≥ t0
//!                                          ^hi: first with start > t1
//! ```
//!
//! Only `lo..hi` is scanned, filtering `end ≥ t0`; with news-sized spans that is
//! O(log n + k). A single very long span early on widens the scan but never the result.
//! The frame layout reads only this compact struct for the many clustered entries and touches
//! the [`Entry`](crate::model::Entry) itself only for the few drawn individually.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use super::lanes::{GroupBy, LaneKey, claim_lane, event_lane, lane_of_with};
use super::placement::Placement;
use crate::model::{ClaimId, EntryId, EntryKind, Project, Status};

/// Compact per-entry record (placed entries only: those with a primary time).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IndexedEntry {
    /// Primary time span, UTC seconds, `start ≤ end`.
    pub start: f64,
    pub end: f64,
    pub id: EntryId,
    /// Position in `project.entries`.
    pub entry: u32,
    /// Position in [`TimelineIndex::lanes`].
    pub lane: u32,
    /// Position of the first tag in [`TimelineIndex::tags`], or `u32::MAX`.
    pub tag: u32,
    pub kind: EntryKind,
    pub status: Status,
    /// When the entry became public ([`Entry::known_from`](crate::model::Entry::known_from)),
    /// `-∞` when it has no reported or said time (always known).
    pub known_from: f64,
    /// Position in [`TimelineIndex::claims`], or `u32::MAX`.
    pub claim: u32,
    /// Characters in the entry's label as drawn ("Speaker: label" for statements), before
    /// cutting: lets the layout estimate widths without reading the entry.
    pub label_chars: u32,
}

/// A claim as the index knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexClaim {
    pub id: ClaimId,
    /// The appearance published first (see [`Claim::first_appearance`](crate::model::Claim)).
    pub first: Option<EntryId>,
}

/// A lane as the index knows it (all entries, not just visible ones).
#[derive(Clone, Debug, PartialEq)]
pub struct IndexLane {
    pub key: LaneKey,
    pub label: String,
    /// Placed entries in the lane.
    pub entries: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineIndex {
    pub group_by: GroupBy,
    pub placement: Placement,
    claims: Vec<IndexClaim>,
    entries: Vec<IndexedEntry>,
    prefix_max_end: Vec<f64>,
    lanes: Vec<IndexLane>,
    tags: Vec<String>,
    /// Entries by lane and midpoint, for counting buckets without visiting entries.
    by_mid: MidOrder,
    /// Entries with no time at all (listed elsewhere, not on the timeline).
    pub unplaced: usize,
}

/// Each lane's placed entries sorted by the midpoint of their span (the point that decides
/// their cluster bucket), twice for a lane with rejected entries: all of them, then those
/// not rejected. A lane's bucket counts are then one binary search per bucket, with
/// rejected entries shown or hidden, and a dense bucket's members are a range of
/// [`ids`](Self::ids): a fully clustered view costs O(lanes × buckets), not O(visible
/// entries).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MidOrder {
    pub mids: Vec<f64>,
    /// Position in [`TimelineIndex::entries`], parallel to `mids`.
    pub pos: Vec<u32>,
    /// Parallel to `mids`; shared with layouts, whose clusters point into it rather than copy
    /// their members every frame.
    pub ids: Arc<[EntryId]>,
    /// Per lane, the range of all its entries and that of those not rejected (the same range
    /// when none is).
    pub runs: Vec<[Range<usize>; 2]>,
}

impl MidOrder {
    /// The end of `run`'s leading midpoints below `t` (at or below when `closed`), searching
    /// from `from` on. Bucket edges ascend, so each search starts where the last ended, and
    /// it gallops: the cost is the log of how far it moves, in memory near the last.
    pub fn advance(&self, run: &Range<usize>, from: usize, t: f64, closed: bool) -> usize {
        let below = |m: &f64| if closed { *m <= t } else { *m < t };
        let from = from.clamp(run.start, run.end);
        let rest = &self.mids[from..run.end];
        let mut bound = 1;
        while bound < rest.len() && below(&rest[bound]) {
            bound *= 2;
        }
        let lo = bound / 2;
        from + lo + rest[lo..(bound + 1).min(rest.len())].partition_point(below)
    }
}

/// The midpoint of an entry's span, as the layout buckets it.
pub fn mid_of(e: &IndexedEntry) -> f64 {
    e.start + (e.end - e.start) / 2.0
}

/// Sorts `entries` (in start order) into a [`MidOrder`].
fn mid_order(entries: &[IndexedEntry], n_lanes: usize) -> MidOrder {
    // Sort keys with the midpoint and status in place, so neither the sort nor the split into
    // runs reads an entry; ties keep start order.
    let mut keys: Vec<(u32, f64, u32, bool)> = entries
        .iter()
        .enumerate()
        .map(|(p, e)| (e.lane, mid_of(e), p as u32, e.status == Status::Rejected))
        .collect();
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut order: Vec<(u32, f64, u32, bool)> = Vec::with_capacity(keys.len());
    let mut runs = Vec::with_capacity(n_lanes);
    let mut rest = &keys[..];
    for lane in 0..n_lanes as u32 {
        let (here, after) = rest.split_at(rest.partition_point(|k| k.0 == lane));
        rest = after;
        let all = order.len()..order.len() + here.len();
        order.extend_from_slice(here);
        let shown = if here.iter().any(|k| k.3) {
            let start = order.len();
            order.extend(here.iter().filter(|k| !k.3));
            start..order.len()
        } else {
            all.clone()
        };
        runs.push([all, shown]);
    }
    MidOrder {
        mids: order.iter().map(|k| k.1).collect(),
        pos: order.iter().map(|k| k.2).collect(),
        ids: order.iter().map(|k| entries[k.2 as usize].id).collect(),
        runs,
    }
}

impl TimelineIndex {
    /// Index placing entries by their primary time ([`Placement::Event`]).
    pub fn build(project: &Project, group_by: GroupBy) -> Self {
        Self::build_with(project, group_by, Placement::Event)
    }

    pub fn build_with(project: &Project, group_by: GroupBy, placement: Placement) -> Self {
        // Claims first: an entry's claim is looked up per entry, so map it once. The first
        // appearance is looked up through a position map, not `Claim::first_appearance` (which
        // searches the entries linearly: too slow here, where 100k entries are indexed).
        let position = project.entry_positions();
        let claims: Vec<IndexClaim> = project
            .claims
            .iter()
            .map(|c| IndexClaim {
                id: c.id,
                first: c
                    .in_publication_order(|id| position.get(&id).map(|&i| &project.entries[i]))
                    .into_iter()
                    .find(|e| e.known_from().is_some())
                    .map(|e| e.id),
            })
            .collect();
        let mut claim_of: HashMap<EntryId, u32> = HashMap::new();
        for (i, c) in project.claims.iter().enumerate() {
            for &e in &c.entries {
                claim_of.entry(e).or_insert(i as u32);
            }
        }
        let mut lane_ids: BTreeMap<LaneKey, (String, usize)> = BTreeMap::new();
        let mut tags: Vec<String> = project.tags.iter().map(|t| t.name.clone()).collect();
        let mut tag_ids: HashMap<String, u32> = HashMap::new();
        for (i, t) in tags.iter().enumerate() {
            tag_ids.entry(t.clone()).or_insert(i as u32);
        }
        let sources: HashMap<crate::model::SourceId, &crate::model::Source> =
            project.sources.iter().map(|s| (s.id, s)).collect();
        let source = |id| sources.get(&id).copied();
        let events =
            (group_by == GroupBy::Event).then(|| crate::story::groups::event_groups(project));
        let mut raw = Vec::with_capacity(project.entries.len());
        let mut unplaced = 0;
        for (i, e) in project.entries.iter().enumerate() {
            let Some(time) = placement.time_of(e) else {
                unplaced += 1;
                continue;
            };
            let claim = claim_of.get(&e.id).copied().unwrap_or(u32::MAX);
            let (key, label) = if group_by == GroupBy::Claim {
                claim_lane(project.claims.get(claim as usize))
            } else if let Some(events) = &events {
                let index = events.index_of(e.id);
                event_lane(index.map(|i| (i, &events.groups[i])))
            } else {
                lane_of_with(project, &source, e, group_by)
            };
            let slot = lane_ids.entry(key.clone()).or_insert((label, 0));
            slot.1 += 1;
            let tag = match e.tags.first() {
                Some(t) => *tag_ids.entry(t.clone()).or_insert_with(|| {
                    tags.push(t.clone());
                    (tags.len() - 1) as u32
                }),
                None => u32::MAX,
            };
            let (start, end) = (time.start_seconds(), time.end_seconds());
            raw.push((
                key,
                IndexedEntry {
                    start,
                    end: end.max(start),
                    id: e.id,
                    entry: i as u32,
                    lane: 0,
                    tag,
                    kind: e.kind,
                    status: e.status,
                    known_from: e.known_from().unwrap_or(f64::NEG_INFINITY),
                    claim,
                    label_chars: super::layout::label_chars(e) as u32,
                },
            ));
        }
        // Lanes in key order (the "(none)" lane last); numbering after all keys are known.
        let lanes: Vec<IndexLane> = lane_ids
            .into_iter()
            .map(|(key, (label, entries))| IndexLane {
                key,
                label,
                entries,
            })
            .collect();
        let lane_no: HashMap<&LaneKey, u32> = lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (&l.key, i as u32))
            .collect();
        let mut entries: Vec<IndexedEntry> = raw
            .iter()
            .map(|(key, e)| IndexedEntry {
                lane: lane_no[key],
                ..*e
            })
            .collect();
        entries.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.end.total_cmp(&b.end)));
        let mut max = f64::NEG_INFINITY;
        let prefix_max_end = entries
            .iter()
            .map(|e| {
                max = max.max(e.end);
                max
            })
            .collect();
        let by_mid = mid_order(&entries, lanes.len());
        Self {
            group_by,
            placement,
            claims,
            entries,
            prefix_max_end,
            lanes,
            tags,
            by_mid,
            unplaced,
        }
    }

    /// Entries by lane, rejection and midpoint (see [`MidOrder`]).
    pub fn by_mid(&self) -> &MidOrder {
        &self.by_mid
    }

    /// All placed entries, sorted by start.
    pub fn entries(&self) -> &[IndexedEntry] {
        &self.entries
    }

    /// The project's claims, in project order ([`IndexedEntry::claim`] points here).
    pub fn claims(&self) -> &[IndexClaim] {
        &self.claims
    }

    pub fn lanes(&self) -> &[IndexLane] {
        &self.lanes
    }

    /// Tag names: the project's defined tags first, then others in order of appearance.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Positions (into [`entries`](Self::entries)) of entries overlapping `[t0, t1]`
    /// (closed, so zero-length spans at an edge count), in start order.
    pub fn visible(&self, t0: f64, t1: f64) -> impl Iterator<Item = usize> + '_ {
        let (lo, hi) = if t0 <= t1 {
            (
                self.prefix_max_end.partition_point(|m| *m < t0),
                self.entries.partition_point(|e| e.start <= t1),
            )
        } else {
            (0, 0) // also covers NaN bounds
        };
        (lo..hi.max(lo)).filter(move |&i| self.entries[i].end >= t0)
    }

    /// Earliest start and latest end of all placed entries ("fit all").
    pub fn bounds(&self) -> Option<(f64, f64)> {
        Some((self.entries.first()?.start, *self.prefix_max_end.last()?))
    }

    /// Time range covered by the given entries ("zoom to selection").
    pub fn range_of(&self, ids: &[EntryId]) -> Option<(f64, f64)> {
        let wanted: std::collections::HashSet<_> = ids.iter().collect();
        self.entries
            .iter()
            .filter(|e| wanted.contains(&e.id))
            .fold(None, |acc, e| match acc {
                None => Some((e.start, e.end)),
                Some((a, b)) => Some((f64::min(a, e.start), f64::max(b, e.end))),
            })
    }

    /// Position of an entry by id (linear; for occasional look-ups such as connectors).
    pub fn position_of(&self, id: EntryId) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_matches_a_linear_scan() {
        let p = crate::demo::project(2_000, 11);
        let index = TimelineIndex::build(&p, GroupBy::Speaker);
        assert_eq!(index.len() + index.unplaced, p.entries.len());
        let (a, b) = index.bounds().unwrap();
        for k in 0..40 {
            let t0 = a + (b - a) * f64::from(k) / 40.0;
            let t1 = t0 + (b - a) / 100.0;
            let fast: Vec<usize> = index.visible(t0, t1).collect();
            let slow: Vec<usize> = (0..index.len())
                .filter(|&i| index.entries()[i].start <= t1 && index.entries()[i].end >= t0)
                .collect();
            assert_eq!(fast, slow);
            assert!(!fast.is_empty());
        }
        assert_eq!(index.visible(f64::NAN, 0.0).count(), 0);
        assert_eq!(index.visible(1.0, 0.0).count(), 0);
        let total: usize = index.lanes().iter().map(|l| l.entries).sum();
        assert_eq!(total, index.len());
        // Each lane's runs hold its entries (not rejected ones) once each, by midpoint.
        let m = index.by_mid();
        for (lane, [all, shown]) in m.runs.iter().enumerate() {
            for (run, hide) in [(all, false), (shown, true)] {
                assert!(m.mids[run.clone()].is_sorted());
                let mut got: Vec<u32> = m.pos[run.clone()].to_vec();
                for i in run.clone() {
                    let e = &index.entries()[m.pos[i] as usize];
                    assert_eq!((e.id, mid_of(e)), (m.ids[i], m.mids[i]));
                }
                got.sort();
                let want: Vec<u32> = (0..index.len() as u32)
                    .filter(|&p| {
                        let e = &index.entries()[p as usize];
                        e.lane as usize == lane && !(hide && e.status == Status::Rejected)
                    })
                    .collect();
                assert_eq!(got, want);
            }
        }
        assert!(m.runs.iter().any(|[a, s]| a != s), "the demo rejects some");
        let ids = [p.entries[0].id, p.entries[5].id];
        let (s, e) = index.range_of(&ids).unwrap();
        assert!(s <= p.entries[0].primary_time().unwrap().start_seconds() && s < e);
    }
}
