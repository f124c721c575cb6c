//! The user's [`Project`]: sources, entries and annotations, as saved in a `.claimline` file.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Claim, Color, Entry, EntryId, KeyDateMark, Source, SourceId};

/// A tag the user defined, with its colour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagDef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    #[serde(default)]
    pub title: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagDef>,
    /// Entries grouped into claims, with their verification (see [`Claim`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Key dates the user pinned (in the user's order) or dismissed (see [`KeyDateMark`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_dates: Vec<KeyDateMark>,
    /// The next id to hand out, shared by sources and entries.
    #[serde(default)]
    pub next_id: u64,
    /// Fields written by newer versions of Claimline, kept as they were (see [`super::file`]).
    #[serde(flatten, skip_deserializing)]
    pub extra: Map<String, Value>,
}

impl super::extra::KnownFields for Project {
    /// Includes the file header (`format`, `version`), which is not a project field but must
    /// not be mistaken for an unknown one.
    const FIELDS: &'static [&'static str] = &[
        "format",
        "version",
        "title",
        "created",
        "modified",
        "sources",
        "entries",
        "tags",
        "claims",
        "key_dates",
        "next_id",
    ];
}

impl Default for Project {
    fn default() -> Self {
        Self::new(Self::UNTITLED, Utc::now())
    }
}

impl Project {
    /// The title of a new project before it has one of its own.
    pub const UNTITLED: &'static str = "Untitled";

    pub fn new(title: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            title: title.into(),
            created: now,
            modified: now,
            sources: Vec::new(),
            entries: Vec::new(),
            tags: Vec::new(),
            claims: Vec::new(),
            key_dates: Vec::new(),
            next_id: 1,
            extra: Map::new(),
        }
    }

    pub(super) fn take_id(&mut self) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        id
    }

    pub fn new_source_id(&mut self) -> SourceId {
        SourceId(self.take_id())
    }

    pub fn new_entry_id(&mut self) -> EntryId {
        EntryId(self.take_id())
    }

    pub fn source(&self, id: SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn entry_index(&self, id: EntryId) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// Every entry's position in `entries`, for callers that look up many entries at once
    /// ([`Self::entry_index`] searches linearly).
    pub fn entry_positions(&self) -> std::collections::HashMap<EntryId, usize> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect()
    }

    pub fn source_index(&self, id: SourceId) -> Option<usize> {
        self.sources.iter().position(|s| s.id == id)
    }

    /// Entries with evidence in `source`.
    pub fn entries_of_source(&self, source: SourceId) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| e.evidence.iter().any(|ev| ev.source == source))
    }

    /// Makes `next_id` larger than every id in use (files edited by hand may lag behind).
    pub fn repair_next_id(&mut self) {
        let max = self
            .sources
            .iter()
            .map(|s| s.id.0)
            .chain(self.entries.iter().map(|e| e.id.0))
            .chain(self.claims.iter().map(|c| c.id.0))
            .max()
            .unwrap_or(0);
        self.next_id = self.next_id.max(max + 1);
    }

    /// Problems that make a project unusable, such as two entries with one id.
    pub fn structural_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: Vec<(u64, &str)> = self
            .sources
            .iter()
            .map(|s| (s.id.0, "source"))
            .chain(self.entries.iter().map(|e| (e.id.0, "entry")))
            .chain(self.claims.iter().map(|c| (c.id.0, "claim")))
            .collect();
        ids.sort_unstable();
        for w in ids.windows(2) {
            if w[0].0 == w[1].0 {
                problems.push(format!("id {} is used by more than one {}", w[0].0, w[1].1));
            }
        }
        problems.dedup();
        problems
    }
}
