//! Lanes: which horizontal band an entry goes in.
//!
//! Grouping is chosen by [`GroupBy`]; each entry gets exactly one lane (by its first source,
//! its speaker, its outlet, its kind, its first tag, or the user's lane field). Entries that
//! lack the grouping field share a "(none)" lane that sorts last, so nothing is dropped.
//! A lane is identified by a [`LaneKey`] that is stable across frames and edits, so the
//! widget can keep a set of collapsed lanes in [`LayoutOptions`](super::LayoutOptions).

use crate::model::{Claim, Entry, EntryKind, Project};

/// How entries are grouped into lanes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// One lane for everything.
    #[default]
    None,
    Source,
    Speaker,
    Outlet,
    Kind,
    Tag,
    /// The entry's own `lane` field.
    Lane,
    /// The claim the entry makes: one lineage lane per claim.
    Claim,
    /// The event the entry reports with other sources ([`crate::story::groups`]): one lane
    /// per event, in date order; entries no other source reports share the last lane.
    Event,
}

impl GroupBy {
    pub const ALL: [Self; 9] = [
        Self::None,
        Self::Source,
        Self::Speaker,
        Self::Outlet,
        Self::Kind,
        Self::Tag,
        Self::Lane,
        Self::Claim,
        Self::Event,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Source => "source",
            Self::Speaker => "speaker",
            Self::Outlet => "outlet",
            Self::Kind => "kind",
            Self::Tag => "tag",
            Self::Lane => "lane",
            Self::Claim => "claim",
            Self::Event => "same event",
        }
    }
}

/// Projects with more sources than this are drawn with lanes by outlet (on screen and in
/// images): one lane per article would be hundreds of lanes.
pub const LANES_BY_OUTLET_FROM: usize = 50;

/// The lanes a project opens with: by source, or by outlet for a story's whole coverage.
pub fn default_group_by(project: &Project) -> GroupBy {
    if project.sources.len() > LANES_BY_OUTLET_FROM {
        GroupBy::Outlet
    } else {
        GroupBy::Source
    }
}

/// The lineage lane of a claim; entries in no claim share the "(no claim)" lane.
pub fn claim_lane(claim: Option<&Claim>) -> (LaneKey, String) {
    match claim {
        Some(c) => {
            let label = if c.label.trim().is_empty() {
                format!("Claim {}", c.id)
            } else {
                c.label.clone()
            };
            (LaneKey(format!("claim:{}", c.id)), label)
        }
        None => (LaneKey(MISSING_KEY.to_owned()), "(no claim)".to_owned()),
    }
}

/// The lane of an event reported by several sources (the `index`-th group of
/// [`crate::story::groups::EventGroups`]); entries in no group share the "(reported once)" lane.
pub fn event_lane(group: Option<(usize, &crate::story::groups::EventGroup)>) -> (LaneKey, String) {
    match group {
        Some((index, g)) => (
            LaneKey(format!("event:{}:{index:06}", g.day)),
            format!(
                "{} · {} · {} sources",
                g.day.format("%-d %b %Y"),
                g.label.trim(),
                g.sources.len()
            ),
        ),
        None => (
            LaneKey(MISSING_KEY.to_owned()),
            "(reported once)".to_owned(),
        ),
    }
}

/// Stable identity of a lane (e.g. `speaker:experts`, `source:s12`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LaneKey(pub String);

/// Key for entries without the grouped field; the lane sorts last.
pub const MISSING_KEY: &str = "\u{10FFFF}none";

/// The lane key and human label of `entry` under `group_by`.
pub fn lane_of(project: &Project, entry: &Entry, group_by: GroupBy) -> (LaneKey, String) {
    lane_of_with(project, &|id| project.source(id), entry, group_by)
}

/// [`lane_of`] with a source look-up of the caller's (the index passes a map, since
/// [`Project::source`] searches linearly and the index asks once per entry).
pub fn lane_of_with<'p>(
    project: &'p Project,
    source: &dyn Fn(crate::model::SourceId) -> Option<&'p crate::model::Source>,
    entry: &Entry,
    group_by: GroupBy,
) -> (LaneKey, String) {
    let missing = |what: &str| (LaneKey(MISSING_KEY.to_owned()), format!("(no {what})"));
    let keyed = |prefix: &str, key: &str, label: &str| {
        (LaneKey(format!("{prefix}:{key}")), label.to_owned())
    };
    match group_by {
        GroupBy::None => (LaneKey(String::new()), String::from("All entries")),
        GroupBy::Source => match entry.sources().next() {
            Some(id) => {
                let title = source(id).map_or("(missing source)", |s| &s.title);
                keyed("source", &id.to_string(), title)
            }
            None => missing("source"),
        },
        GroupBy::Speaker => match entry.speaker() {
            Some(s) if !s.trim().is_empty() => keyed("speaker", s, s),
            _ => missing("speaker"),
        },
        GroupBy::Outlet => {
            let outlet = entry
                .attribution
                .as_ref()
                .and_then(|a| a.outlet.as_deref())
                .or_else(|| {
                    let id = entry.sources().next()?;
                    source(id)?.outlet.as_deref()
                });
            match outlet {
                Some(o) if !o.trim().is_empty() => keyed("outlet", o, o),
                _ => missing("outlet"),
            }
        }
        GroupBy::Kind => match entry.kind {
            EntryKind::Event => keyed("kind", "event", "Events"),
            EntryKind::Statement => keyed("kind", "statement", "Statements"),
        },
        GroupBy::Tag => match entry.tags.first() {
            Some(t) => keyed("tag", t, t),
            None => missing("tag"),
        },
        GroupBy::Claim => claim_lane(project.claim_of(entry.id)),
        // Groups span the project: [`super::index`] computes them once and asks
        // [`event_lane`]; one entry alone has no group.
        GroupBy::Event => event_lane(None),
        GroupBy::Lane => match entry.lane.as_deref() {
            Some(l) if !l.trim().is_empty() => keyed("lane", l, l),
            _ => missing("lane"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_gets_a_lane_and_missing_fields_share_one() {
        let p = crate::demo::project(50, 3);
        let mut speakers = std::collections::BTreeSet::new();
        for e in &p.entries {
            let (key, label) = lane_of(&p, e, GroupBy::Speaker);
            match e.speaker() {
                Some(s) => assert_eq!(label, s),
                None => assert_eq!(key.0, MISSING_KEY),
            }
            speakers.insert(key);
        }
        assert!(speakers.len() > 2);
        let (k, _) = lane_of(&p, &p.entries[0], GroupBy::None);
        assert_eq!(k, LaneKey(String::new()));
        let (k, l) = lane_of(&p, &p.entries[0], GroupBy::Source);
        assert!(k.0.starts_with("source:s"), "{k:?}");
        assert!(l.starts_with("Report"));
    }
}
