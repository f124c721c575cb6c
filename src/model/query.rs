//! Search and filters over entries: the one definition of "which entries the user is looking
//! at", shared by the timeline, the list, the review queue and exports.

use chrono::NaiveDate;

use super::{
    Entry, EntryId, EntryKind, Project, Stance, Status, Verification, midnight,
    seconds_from_datetime,
};

/// What the user asked to see. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryFilter {
    /// Free text: every word must match a word of the entry, its speaker, quote, note, tags
    /// or the text of one of its sources (case-insensitive; prefixes and one typo allowed).
    pub text: String,
    pub kind: Option<EntryKind>,
    /// Empty = any status.
    pub statuses: Vec<Status>,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub tag: Option<String>,
    /// Entries whose primary time overlaps `[from, to]` (whole days, inclusive).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The verdict on the entry's claim; entries in no claim count as unverified.
    pub verification: Option<Verification>,
    /// Statements whose cue has this stance (a statement with no stance recorded counts as
    /// "said"); events never match.
    pub stance: Option<Stance>,
}

impl EntryFilter {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    pub fn matches(&self, project: &Project, e: &Entry) -> bool {
        self.matches_except_verdict(project, e)
            && (self.verification.is_none()
                || self.verdict_matches(project.claim_of(e.id).map(|c| c.review.state)))
    }

    fn verdict_matches(&self, state: Option<Verification>) -> bool {
        self.verification
            .is_none_or(|v| v == state.unwrap_or(Verification::Unverified))
    }

    fn matches_except_verdict(&self, project: &Project, e: &Entry) -> bool {
        if self.kind.is_some_and(|k| k != e.kind) {
            return false;
        }
        if self.stance.is_some() && self.stance != e.stance() {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&e.status) {
            return false;
        }
        if let Some(s) = &self.speaker
            && !e.speaker().is_some_and(|x| x.eq_ignore_ascii_case(s))
        {
            return false;
        }
        if let Some(o) = &self.outlet
            && !outlets_of(e).any(|x| x.eq_ignore_ascii_case(o))
        {
            return false;
        }
        if let Some(t) = &self.tag
            && !e.tags.iter().any(|x| x.eq_ignore_ascii_case(t))
        {
            return false;
        }
        if (self.from.is_some() || self.to.is_some()) && !self.in_range(e) {
            return false;
        }
        let words = words(&self.text);
        words.is_empty() || text_matches(project, e, &words)
    }

    fn in_range(&self, e: &Entry) -> bool {
        let Some(t) = e.primary_time() else {
            return false;
        };
        let from = self
            .from
            .map_or(f64::NEG_INFINITY, |d| seconds_from_datetime(midnight(d)));
        let to = self
            .to
            .and_then(|d| d.succ_opt())
            .map_or(f64::INFINITY, |d| seconds_from_datetime(midnight(d)));
        t.start_seconds() < to && t.end_seconds().max(t.start_seconds()) >= from
    }

    /// Positions (in `project.entries`) of the entries that match, as a mask.
    pub fn mask(&self, project: &Project) -> Vec<bool> {
        // Claims are looked up once for all entries, not searched per entry.
        let verdicts: std::collections::HashMap<EntryId, Verification> =
            if self.verification.is_some() {
                project
                    .claims
                    .iter()
                    .flat_map(|c| c.entries.iter().map(move |&e| (e, c.review.state)))
                    .collect()
            } else {
                Default::default()
            };
        project
            .entries
            .iter()
            .map(|e| {
                self.matches_except_verdict(project, e)
                    && self.verdict_matches(verdicts.get(&e.id).copied())
            })
            .collect()
    }
}

/// The outlets an entry passed through: whom it was told to, and the relay chain.
fn outlets_of(e: &Entry) -> impl Iterator<Item = &str> {
    e.attribution.iter().flat_map(|a| {
        a.outlet
            .iter()
            .map(String::as_str)
            .chain(a.relay.iter().map(String::as_str))
    })
}

/// Distinct values to offer in filter menus, sorted case-insensitively.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    pub speakers: Vec<String>,
    pub outlets: Vec<String>,
    pub tags: Vec<String>,
}

impl Facets {
    pub fn of(project: &Project) -> Self {
        let mut f = Self::default();
        for e in &project.entries {
            if let Some(s) = e.speaker() {
                push_distinct(&mut f.speakers, s);
            }
            for o in outlets_of(e) {
                push_distinct(&mut f.outlets, o);
            }
            for t in &e.tags {
                push_distinct(&mut f.tags, t);
            }
        }
        for t in &project.tags {
            push_distinct(&mut f.tags, &t.name);
        }
        for list in [&mut f.speakers, &mut f.outlets, &mut f.tags] {
            list.sort_by_key(|s| s.to_lowercase());
        }
        f
    }
}

fn push_distinct(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(value)) {
        list.push(value.to_owned());
    }
}

/// Lower-cased alphanumeric words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn text_matches(project: &Project, e: &Entry, query: &[String]) -> bool {
    let mut hay = String::new();
    hay.push_str(&e.label);
    hay.push(' ');
    hay.push_str(&e.summary);
    hay.push(' ');
    hay.push_str(&e.note);
    for t in &e.tags {
        hay.push(' ');
        hay.push_str(t);
    }
    if let Some(a) = &e.attribution {
        for part in [&a.speaker, &a.cue, &a.quote] {
            hay.push(' ');
            hay.push_str(part);
        }
        for o in outlets_of(e) {
            hay.push(' ');
            hay.push_str(o);
        }
    }
    for ev in &e.evidence {
        if let Some(s) = project.source(ev.source) {
            hay.push(' ');
            hay.push_str(&s.title);
            if let Some(q) = s.slice(ev.range) {
                hay.push(' ');
                hay.push_str(q);
            }
        }
    }
    let hay = words(&hay);
    query.iter().all(|q| hay.iter().any(|w| word_matches(q, w)))
}

/// A query word matches a text word when it is a prefix of it, or (for words of five
/// letters or more) when it is one edit away from the word or from its prefix of equal length.
fn word_matches(query: &str, word: &str) -> bool {
    if word.starts_with(query) {
        return true;
    }
    let q: Vec<char> = query.chars().collect();
    if q.len() < 5 {
        return false;
    }
    let w: Vec<char> = word.chars().collect();
    let whole = within_one_edit(&q, &w);
    whole || (w.len() > q.len() && within_one_edit(&q, &w[..q.len()]))
}

/// Levenshtein distance ≤ 1, in linear time.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true;
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, EntryId, TimeSpan};

    fn project() -> Project {
        let now = chrono::DateTime::UNIX_EPOCH;
        let mut p = Project::new("t", now);
        let mut a = Entry::new(EntryId(1), EntryKind::Statement, "Desertions rose", now);
        a.attribution = Some(Attribution {
            speaker: "Vladyslav Voloshyn".into(),
            outlet: Some("Ukrinform".into()),
            quote: "the number of desertions increased".into(),
            ..Default::default()
        });
        a.tags = vec!["casualties".into()];
        a.event_time = Some(TimeSpan::parse("2023", None).unwrap());
        let mut b = Entry::new(EntryId(2), EntryKind::Event, "Bridge destroyed", now);
        b.status = Status::Accepted;
        b.event_time = Some(TimeSpan::parse("2025-08-21", None).unwrap());
        p.entries = vec![a, b];
        p
    }

    fn hits(p: &Project, f: &EntryFilter) -> Vec<u64> {
        p.entries
            .iter()
            .filter(|e| f.matches(p, e))
            .map(|e| e.id.0)
            .collect()
    }

    #[test]
    fn text_search_matches_prefixes_typos_and_attribution() {
        let p = project();
        let by = |t: &str| {
            hits(
                &p,
                &EntryFilter {
                    text: t.into(),
                    ..Default::default()
                },
            )
        };
        assert_eq!(by("voloshyn"), [1]);
        assert_eq!(by("Volosyn"), [1], "one missing letter");
        assert_eq!(by("ukrin"), [1], "prefix of the outlet");
        assert_eq!(by("bridge destroy"), [2]);
        assert_eq!(
            by("bridge voloshyn"),
            Vec::<u64>::new(),
            "all words must match"
        );
        assert_eq!(
            by("cat"),
            Vec::<u64>::new(),
            "short words need a prefix match"
        );
        assert_eq!(by(""), [1, 2]);
    }

    #[test]
    fn verdict_filter_uses_the_claim_and_mask_agrees_with_matches() {
        let mut p = project();
        let mut claim = crate::model::Claim::new(crate::model::ClaimId(9), "c", p.created);
        claim.entries = vec![EntryId(1)];
        claim.review.state = Verification::Disputed;
        p.claims.push(claim);
        for (v, expected) in [
            (Verification::Disputed, vec![1]),
            (Verification::Unverified, vec![2]),
            (Verification::False, vec![]),
        ] {
            let f = EntryFilter {
                verification: Some(v),
                ..Default::default()
            };
            assert_eq!(hits(&p, &f), expected, "{v:?}");
            let from_mask: Vec<u64> = f
                .mask(&p)
                .iter()
                .zip(&p.entries)
                .filter(|(m, _)| **m)
                .map(|(_, e)| e.id.0)
                .collect();
            assert_eq!(from_mask, expected, "mask {v:?}");
        }
    }

    #[test]
    fn stance_filter_reads_a_missing_stance_as_said_and_skips_events() {
        let mut p = project();
        let mut c = Entry::new(EntryId(3), EntryKind::Statement, "Deal is fair", p.created);
        c.attribution = Some(Attribution {
            speaker: "Clinton".into(),
            stance: Some(Stance::Believes),
            ..Default::default()
        });
        p.entries.push(c);
        let by = |s: Stance| {
            hits(
                &p,
                &EntryFilter {
                    stance: Some(s),
                    ..Default::default()
                },
            )
        };
        assert_eq!(by(Stance::Said), [1], "no stance recorded = said");
        assert_eq!(by(Stance::Believes), [3]);
        assert_eq!(by(Stance::Denies), Vec::<u64>::new());
        assert_eq!(p.entries[1].stance(), None, "an event has no stance");
    }

    #[test]
    fn facets_and_structured_filters() {
        let p = project();
        let f = Facets::of(&p);
        assert_eq!(f.speakers, ["Vladyslav Voloshyn"]);
        assert_eq!(f.outlets, ["Ukrinform"]);
        assert_eq!(f.tags, ["casualties"]);
        let only = |f: EntryFilter| hits(&p, &f);
        assert_eq!(
            only(EntryFilter {
                kind: Some(EntryKind::Event),
                ..Default::default()
            }),
            [2]
        );
        assert_eq!(
            only(EntryFilter {
                statuses: vec![Status::Candidate],
                ..Default::default()
            }),
            [1]
        );
        assert_eq!(
            only(EntryFilter {
                outlet: Some("ukrinform".into()),
                ..Default::default()
            }),
            [1]
        );
        assert_eq!(
            only(EntryFilter {
                tag: Some("Casualties".into()),
                ..Default::default()
            }),
            [1]
        );
        // A year-long span overlaps a range that touches any day of it.
        assert_eq!(
            only(EntryFilter {
                from: NaiveDate::from_ymd_opt(2023, 12, 31),
                to: NaiveDate::from_ymd_opt(2024, 1, 5),
                ..Default::default()
            }),
            [1]
        );
        assert_eq!(
            only(EntryFilter {
                from: NaiveDate::from_ymd_opt(2025, 8, 21),
                ..Default::default()
            }),
            [2]
        );
    }

    #[test]
    fn one_edit() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("abcde"), &c("abxde")));
        assert!(within_one_edit(&c("abcde"), &c("abde")));
        assert!(within_one_edit(&c("abcde"), &c("abcdef")));
        assert!(!within_one_edit(&c("abcde"), &c("axcdy")));
        assert!(!within_one_edit(&c("abcde"), &c("abc")));
    }
}
