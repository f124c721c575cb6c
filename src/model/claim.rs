//! A [`Claim`]: one assertion as it travelled through the reporting — the entries (from
//! different sources, or relayed) that make it — with its verification state.
//!
//! Entries say *who said what, where*; a claim says *these are the same thing said*, so the
//! app can show who reported it first, how it spread, and whether it held up.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ClaimId, EntryId, Project, TimeSpan};

/// Where a claim stands after checking. Ordered from "no verdict" to the strongest negative
/// verdicts, which is also the order the UI lists them in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    #[default]
    Unverified,
    /// Independent sources or documents confirm it.
    Corroborated,
    /// Credible sources contradict it; not settled.
    Disputed,
    /// Shown to be wrong.
    False,
    /// Withdrawn by whoever made or published it.
    Retracted,
}

impl Verification {
    pub const ALL: [Self; 5] = [
        Self::Unverified,
        Self::Corroborated,
        Self::Disputed,
        Self::False,
        Self::Retracted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Corroborated => "corroborated",
            Self::Disputed => "disputed",
            Self::False => "false",
            Self::Retracted => "retracted",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|v| v.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The schema.org ClaimReview rating a verdict maps to when the reviewer gave none:
    /// `(ratingValue, alternateName)` on a 1 (false) … 5 (true) scale. `None` for
    /// [`Verification::Unverified`], which is not a verdict.
    pub fn default_rating(self) -> Option<(u8, &'static str)> {
        match self {
            Self::Unverified => None,
            Self::Corroborated => Some((5, "True")),
            Self::Disputed => Some((3, "Disputed")),
            Self::False => Some((1, "False")),
            Self::Retracted => Some((1, "Retracted")),
        }
    }
}

/// The reviewer's verdict on a claim, compatible with schema.org `ClaimReview`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default)]
    pub state: Verification,
    /// `reviewRating.ratingValue` on the 1 (false) … 5 (true) scale; `None` uses
    /// [`Verification::default_rating`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// `reviewRating.alternateName`, the verdict in words ("Mostly false", "Misleading").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rating_label: String,
    /// The reviewer's reasoning (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// When the verdict was reached; "as known on" a date before it shows the claim unverified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The correction or retraction (an entry of its own) that settled the verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_by: Option<EntryId>,
}

impl Review {
    /// `(ratingValue, alternateName)` as exported; `None` while unverified.
    pub fn effective_rating(&self) -> Option<(u8, String)> {
        let (value, label) = self.state.default_rating()?;
        let value = self.rating.filter(|r| (1..=5).contains(r)).unwrap_or(value);
        let label = if self.rating_label.trim().is_empty() {
            label.to_owned()
        } else {
            self.rating_label.trim().to_owned()
        };
        Some((value, label))
    }

    /// The verdict as it stood on `day`: verdicts dated later had not been reached yet.
    pub fn state_on(&self, day: Option<NaiveDate>) -> Verification {
        match (day, self.date) {
            (Some(day), Some(date)) if date > day => Verification::Unverified,
            _ => self.state,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: ClaimId,
    /// The claim in a few words ("About 4,500 soldiers deserted in H1 2023").
    #[serde(default)]
    pub label: String,
    /// The entries that make this claim, in no particular order; see [`Claim::appearances`].
    #[serde(default)]
    pub entries: Vec<EntryId>,
    #[serde(default)]
    pub review: Review,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// Fields written by newer versions of Claimline, kept as they were (filled on load by
    /// [`super::file`], as for entries and sources).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl super::extra::KnownFields for Claim {
    const FIELDS: &'static [&'static str] =
        &["id", "label", "entries", "review", "created", "modified"];
}

/// One appearance of a claim: an entry and when it became public.
#[derive(Clone, Debug, PartialEq)]
pub struct Appearance {
    pub entry: EntryId,
    /// Reported time (else said time) of the entry; `None` sorts last.
    pub known_from: Option<f64>,
    /// The outlet that published it: the source's outlet, else its title.
    pub outlet: String,
}

impl Claim {
    pub fn new(id: ClaimId, label: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            id,
            label: label.into(),
            entries: Vec::new(),
            review: Review::default(),
            created: now,
            modified: now,
            extra: serde_json::Map::new(),
        }
    }

    /// The claim's entries that `lookup` finds, in publication order: earliest
    /// [`Entry::known_from`](super::Entry::known_from) first, entries never published last, ties
    /// in the claim's own order. Callers pass a cheap look-up (a map, the drawn items) where
    /// [`Project::entry`]'s linear search would be too slow.
    pub fn in_publication_order<'p>(
        &self,
        lookup: impl Fn(EntryId) -> Option<&'p super::Entry>,
    ) -> Vec<&'p super::Entry> {
        let mut out: Vec<(Option<f64>, &super::Entry)> = self
            .entries
            .iter()
            .filter_map(|&id| lookup(id))
            .map(|e| (e.known_from(), e))
            .collect();
        // Stable: equal times keep the claim's order.
        out.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (x, y) => x.is_none().cmp(&y.is_none()),
        });
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// The claim's entries in order of appearance (earliest publication first), skipping
    /// entries that no longer exist. Ties keep the stored order.
    pub fn appearances(&self, project: &Project) -> Vec<Appearance> {
        self.in_publication_order(|id| project.entry(id))
            .into_iter()
            .map(|e| Appearance {
                entry: e.id,
                known_from: e.known_from(),
                outlet: e
                    .sources()
                    .next()
                    .and_then(|s| project.source(s))
                    .map(|s| s.outlet.clone().unwrap_or_else(|| s.title.clone()))
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// The entry that reported the claim first, if any entry has a publication time.
    pub fn first_appearance(&self, project: &Project) -> Option<EntryId> {
        self.appearances(project)
            .into_iter()
            .find(|a| a.known_from.is_some())
            .map(|a| a.entry)
    }
}

impl super::Entry {
    /// When this entry became public knowledge: the start of its reported time (the
    /// source's publication), else of its said time. Entries with neither are timeless for
    /// "as known on" purposes and always shown.
    pub fn known_from(&self) -> Option<f64> {
        self.reported_time
            .as_ref()
            .or(self.said_time.as_ref())
            .map(TimeSpan::start_seconds)
    }

    /// Whether the entry was public by `cursor` (timeline seconds, see [`TimeSpan`]).
    pub fn known_by(&self, cursor: f64) -> bool {
        self.known_from().is_none_or(|t| t <= cursor)
    }
}

impl Project {
    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn claim_index(&self, id: ClaimId) -> Option<usize> {
        self.claims.iter().position(|c| c.id == id)
    }

    /// The claim an entry belongs to. An entry belongs to at most one claim; the app keeps
    /// it so by moving an entry when it joins another claim.
    pub fn claim_of(&self, entry: EntryId) -> Option<&Claim> {
        self.claims.iter().find(|c| c.entries.contains(&entry))
    }

    /// The edit that makes `entries` (those that exist) one new claim named `label`: they
    /// leave the claims they were in, and a claim left with no entries and no verdict goes.
    pub fn new_claim_command(&mut self, label: String, entries: &[EntryId]) -> super::Command {
        use super::Command;
        let now = Utc::now();
        let mut claim = Claim::new(self.new_claim_id(), label, now);
        claim.entries = entries
            .iter()
            .copied()
            .filter(|id| self.entry(*id).is_some())
            .collect();
        let mut batch = Vec::new();
        for old in &self.claims {
            if !old.entries.iter().any(|id| claim.entries.contains(id)) {
                continue;
            }
            let mut kept = old.clone();
            kept.entries.retain(|id| !claim.entries.contains(id));
            kept.modified = now;
            if kept.entries.is_empty() && kept.review == Review::default() {
                batch.push(Command::RemoveClaim(old.id));
            } else {
                batch.push(Command::ReplaceClaim(Box::new(kept)));
            }
        }
        let insert = Command::InsertClaim {
            index: None,
            claim: Box::new(claim),
        };
        if batch.is_empty() {
            insert
        } else {
            batch.push(insert);
            Command::Batch(batch)
        }
    }

    pub fn new_claim_id(&mut self) -> ClaimId {
        ClaimId(self.take_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Command, Entry, EntryKind, Evidence, Source, SourceId};

    fn entry(p: &mut Project, source: SourceId, reported: &str) -> EntryId {
        let id = p.new_entry_id();
        let mut e = Entry::new(id, EntryKind::Statement, "x", Utc::now());
        e.reported_time = Some(TimeSpan::parse(reported, None).unwrap());
        e.evidence.push(Evidence {
            source,
            range: crate::model::CharRange::new(0, 1),
            role: "content".into(),
        });
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e),
        })
        .unwrap();
        id
    }

    #[test]
    fn appearances_are_in_publication_order_and_name_the_outlet() {
        let mut p = Project::new("t", Utc::now());
        let mut sources = Vec::new();
        for outlet in ["Wire", "Daily"] {
            let id = p.new_source_id();
            let mut s = Source::from_text(id, "title", "text");
            s.outlet = Some(outlet.into());
            p.apply(Command::InsertSource {
                index: None,
                source: Box::new(s),
            })
            .unwrap();
            sources.push(id);
        }
        let later = entry(&mut p, sources[1], "2026-03-04");
        let first = entry(&mut p, sources[0], "2026-03-02");
        let mut c = Claim::new(p.new_claim_id(), "claim", Utc::now());
        c.entries = vec![later, first, EntryId(999)];
        let apps = c.appearances(&p);
        assert_eq!(apps.len(), 2, "missing entries are skipped");
        assert_eq!(apps[0].entry, first);
        assert_eq!(apps[0].outlet, "Wire");
        assert_eq!(apps[1].outlet, "Daily");
        assert_eq!(c.first_appearance(&p), Some(first));
    }

    #[test]
    fn a_later_verdict_is_not_known_earlier() {
        let review = Review {
            state: Verification::False,
            date: NaiveDate::from_ymd_opt(2026, 3, 6),
            ..Review::default()
        };
        let before = NaiveDate::from_ymd_opt(2026, 3, 5);
        let on = NaiveDate::from_ymd_opt(2026, 3, 6);
        assert_eq!(review.state_on(before), Verification::Unverified);
        assert_eq!(review.state_on(on), Verification::False);
        assert_eq!(review.state_on(None), Verification::False);
    }

    #[test]
    fn ratings_default_from_the_state_and_stay_on_the_scale() {
        let mut r = Review::default();
        assert_eq!(r.effective_rating(), None);
        r.state = Verification::False;
        assert_eq!(r.effective_rating(), Some((1, "False".into())));
        r.rating = Some(9);
        assert_eq!(
            r.effective_rating().unwrap().0,
            1,
            "out of range falls back"
        );
        r.rating = Some(2);
        r.rating_label = "Mostly false".into();
        assert_eq!(r.effective_rating(), Some((2, "Mostly false".into())));
        for v in Verification::ALL {
            assert_eq!(Verification::parse(v.name()), Some(v));
        }
    }
}
