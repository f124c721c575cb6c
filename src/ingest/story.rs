//! One story, several copies: how a new article relates to the sources already in a project.
//!
//! The same text again is a duplicate (not imported twice). The same story in another format
//! or another edition — the PDF, the feed item and the newsletter of one article, or the
//! article after a correction — is a *version*: imported, and tied to the story's first
//! source ([`Source::version_of`]), so the app can show the versions together and merge them.
//!
//! Versions are found by the canonical URL, by near-identical text (word 5-gram shingles,
//! one in four kept by hash, as in Broder's mod-sampling: the share of the shorter text's
//! shingles found in the other), or by the same headline from the same outlet on the same day.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};

use super::url::comparable_url;
use crate::model::{Command, Project, Source, SourceId};

/// Shingles of this many words.
const SHINGLE_WORDS: usize = 5;
/// Keep a shingle when its hash is 0 modulo this (a fixed sample, so two texts keep the same
/// shingles of the words they share).
const SAMPLE_MOD: u64 = 4;
/// A shorter text with fewer sampled shingles than this is not compared by text.
const MIN_SHINGLES: usize = 6;
/// Share of the shorter text's sampled shingles the other must hold.
pub const SIMILAR_CONTAINMENT: f32 = 0.6;

/// Why a new source is tied to one already there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Relation {
    /// Same normalized text: a duplicate, not imported.
    SameText,
    /// Same canonical URL, other text (another copy or an update of the page).
    SameUrl,
    /// Near-identical text; the share of shared shingles.
    SimilarText(f32),
    /// Same headline, outlet and day of publication.
    SameHeadline,
}

impl Relation {
    /// Whether the new source is imported (as a version) rather than skipped.
    pub fn is_version(self) -> bool {
        self != Self::SameText
    }

    /// For messages: "same text", "92 % of the text in common" …
    pub fn reason(self) -> String {
        match self {
            Self::SameText => "same text".into(),
            Self::SameUrl => "same URL".into(),
            Self::SimilarText(share) => {
                format!("{:.0} % of the text in common", (share * 100.0).floor())
            }
            Self::SameHeadline => "same headline, outlet and day".into(),
        }
    }
}

/// A found relation: `to` is the existing source it was found with, `lead` the first source
/// of that source's story (what a new version points at).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Related {
    pub to: SourceId,
    pub lead: SourceId,
    pub relation: Relation,
}

struct Known {
    id: SourceId,
    lead: SourceId,
    content_hash: String,
    url: Option<String>,
    headline: Option<Headline>,
    shingles: usize,
}

/// A headline's words, its outlet's words and its day of publication.
#[derive(Clone, Debug, PartialEq)]
struct Headline {
    title: String,
    outlet: String,
    day: chrono::NaiveDate,
}

impl Headline {
    /// Same words, same day, and one outlet name holds the other ("The Meridian Review" and
    /// "The Meridian Review – World", a feed's title).
    fn matches(&self, other: &Headline) -> bool {
        self.title == other.title
            && self.day == other.day
            && (self.outlet.contains(&other.outlet) || other.outlet.contains(&self.outlet))
    }
}

/// What the project's sources look like for comparison, built once per import batch.
#[derive(Default)]
pub struct StoryIndex {
    known: Vec<Known>,
    /// Sampled shingle → positions in `known`.
    postings: HashMap<u64, Vec<u32>>,
}

impl StoryIndex {
    pub fn new<'a>(sources: impl IntoIterator<Item = &'a Source>) -> Self {
        let mut index = Self::default();
        for s in sources {
            index.insert(s);
        }
        index
    }

    /// Adds a source (one imported earlier in the same batch, say).
    pub fn insert(&mut self, s: &Source) {
        let at = self.known.len() as u32;
        let shingles = shingles(&s.text);
        for &h in &shingles {
            self.postings.entry(h).or_default().push(at);
        }
        self.known.push(Known {
            id: s.id,
            lead: s.version_of.unwrap_or(s.id),
            content_hash: s.content_hash.clone(),
            url: s.url.as_deref().map(comparable_url),
            headline: headline_key(s),
            shingles: shingles.len(),
        });
    }

    /// How `new` relates to a known source, the strongest relation first: same text, same
    /// URL, similar text, same headline.
    pub fn relate(&self, new: &Source) -> Option<Related> {
        let found = |k: &Known, relation| {
            Some(Related {
                to: k.id,
                lead: k.lead,
                relation,
            })
        };
        if let Some(k) = self
            .known
            .iter()
            .find(|k| k.content_hash == new.content_hash)
        {
            return found(k, Relation::SameText);
        }
        if let Some(url) = new.url.as_deref().map(comparable_url)
            && let Some(k) = self.known.iter().find(|k| k.url.as_ref() == Some(&url))
        {
            return found(k, Relation::SameUrl);
        }
        if let Some(r) = self.most_similar(new) {
            return Some(r);
        }
        let headline = headline_key(new)?;
        let k = self
            .known
            .iter()
            .find(|k| k.headline.as_ref().is_some_and(|h| h.matches(&headline)))?;
        found(k, Relation::SameHeadline)
    }

    fn most_similar(&self, new: &Source) -> Option<Related> {
        let mine = shingles(&new.text);
        if mine.len() < MIN_SHINGLES {
            return None;
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for h in &mine {
            for &at in self.postings.get(h).map_or(&[][..], Vec::as_slice) {
                *shared.entry(at).or_default() += 1;
            }
        }
        shared
            .into_iter()
            .filter_map(|(at, n)| {
                let k = &self.known[at as usize];
                let smaller = k.shingles.min(mine.len());
                (smaller >= MIN_SHINGLES).then(|| (k, n as f32 / smaller as f32))
            })
            .filter(|&(_, share)| share >= SIMILAR_CONTAINMENT)
            // The highest share; the earliest source on ties.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.id.cmp(&a.0.id)))
            .map(|(k, share)| Related {
                to: k.id,
                lead: k.lead,
                relation: Relation::SimilarText(share.min(1.0)),
            })
    }
}

/// The sampled, de-duplicated shingle hashes of a text (case and punctuation ignored).
fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .filter(|h| h % SAMPLE_MOD == 0)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Only when all three are known and the headline has at least three words (short ones
/// repeat: "Live updates").
fn headline_key(s: &Source) -> Option<Headline> {
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let title = words(&s.title);
    let outlet = words(s.outlet.as_deref()?);
    let day = crate::model::datetime_from_seconds(s.published.as_ref()?.start_seconds())?.date();
    (title.len() >= 3 && !outlet.is_empty()).then(|| Headline {
        title: title.join(" "),
        outlet: outlet.join(" "),
        day,
    })
}

/// The first source of the story `id` belongs to (itself if it is not a version).
pub fn lead_of(project: &Project, id: SourceId) -> SourceId {
    project
        .source(id)
        .and_then(|s| s.version_of)
        .filter(|lead| project.source(*lead).is_some())
        .unwrap_or(id)
}

/// The versions tied to `lead`, in project order.
pub fn versions_of(project: &Project, lead: SourceId) -> Vec<SourceId> {
    project
        .sources
        .iter()
        .filter(|s| s.version_of == Some(lead) && s.id != lead)
        .map(|s| s.id)
        .collect()
}

/// The project's stories, by position in `project.sources`: computed in one pass, so that a
/// list of thousands of sources can show them every frame (the app keeps one per revision).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stories {
    /// Positions in the order a story list shows them: each lead followed by its versions.
    pub order: Vec<usize>,
    /// For each position: the position of its lead when it is a version.
    pub lead: Vec<Option<usize>>,
    /// For each position: how many versions it leads.
    pub versions: Vec<usize>,
}

impl Stories {
    pub fn new(project: &Project) -> Self {
        let n = project.sources.len();
        let at: HashMap<SourceId, usize> = project
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let lead: Vec<Option<usize>> = project
            .sources
            .iter()
            .map(|s| {
                s.version_of
                    .filter(|l| *l != s.id)
                    .and_then(|l| at.get(&l).copied())
            })
            .collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, l) in lead.iter().enumerate() {
            if let Some(l) = l {
                members[*l].push(i);
            }
        }
        let versions = members.iter().map(Vec::len).collect();
        let mut order = Vec::with_capacity(n);
        for i in 0..n {
            if lead[i].is_none() {
                order.push(i);
                order.extend(members[i].iter().copied());
            }
        }
        Self {
            order,
            lead,
            versions,
        }
    }
}

/// Removing a source removes the entries that rest on it alone (entries with evidence in
/// other sources too keep that evidence); if it leads a story, its first version leads the
/// others. One undoable step.
pub fn remove_source(project: &Project, id: SourceId) -> Command {
    let mut commands = Vec::new();
    for e in project.entries_of_source(id) {
        if e.evidence.iter().all(|ev| ev.source == id) {
            commands.push(Command::RemoveEntry(e.id));
        } else {
            let mut kept = e.clone();
            kept.evidence.retain(|ev| ev.source != id);
            commands.push(Command::ReplaceEntry(Box::new(kept)));
        }
    }
    let versions = versions_of(project, id);
    if let Some((&first, rest)) = versions.split_first() {
        for (v, lead) in
            std::iter::once((first, None)).chain(rest.iter().map(|&v| (v, Some(first))))
        {
            if let Some(s) = project.source(v) {
                let mut s = s.clone();
                s.version_of = lead;
                commands.push(Command::ReplaceSource(Box::new(s)));
            }
        }
    }
    commands.push(Command::RemoveSource(id));
    Command::Batch(commands)
}

/// Merges a version into its story's lead: the lead takes what it lacks of the version's
/// metadata (outlet, URL, authors, publication date), and the version goes with its entries
/// as [`remove_source`] removes them. `None` if `version` is not a version.
pub fn merge_into_lead(project: &Project, version: SourceId) -> Option<Command> {
    let v = project.source(version)?;
    let lead = project.source(v.version_of?)?;
    let mut merged = lead.clone();
    if merged.outlet.is_none() {
        merged.outlet = v.outlet.clone();
    }
    if merged.url.is_none() {
        merged.url = v.url.clone();
    }
    if merged.authors.is_empty() {
        merged.authors = v.authors.clone();
    }
    if merged.published.is_none() {
        merged.published = v.published.clone();
        merged.published_from = v.published_from.clone();
    }
    let mut commands = Vec::new();
    if merged != *lead {
        commands.push(Command::ReplaceSource(Box::new(merged)));
    }
    let Command::Batch(removal) = remove_source(project, version) else {
        return None;
    };
    commands.extend(removal);
    Some(Command::Batch(commands))
}

/// Unties a version from its story: it becomes a source of its own.
pub fn detach(project: &Project, version: SourceId) -> Option<Command> {
    let mut s = project.source(version)?.clone();
    s.version_of.take()?;
    Some(Command::ReplaceSource(Box::new(s)))
}

/// How many of `version`'s entries have no entry of the same kind and label in its lead
/// (what a merge would lose, to be said before it).
pub fn entries_only_in(project: &Project, version: SourceId) -> usize {
    let lead = lead_of(project, version);
    let norm = |l: &str| l.trim().to_lowercase();
    let in_lead: std::collections::HashSet<(crate::model::EntryKind, String)> = project
        .entries_of_source(lead)
        .map(|e| (e.kind, norm(&e.label)))
        .collect();
    project
        .entries_of_source(version)
        .filter(|e| e.evidence.iter().all(|ev| ev.source == version))
        .filter(|e| !in_lead.contains(&(e.kind, norm(&e.label))))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeSpan;

    const ARTICLE: &str = "Grain corridor talks resume in Istanbul. Officials from Ukraine, \
        Turkey and the United Nations met on Tuesday to discuss the safe passage of cargo \
        ships through the Black Sea. The delegations said the talks would continue on \
        Wednesday and that a joint statement was expected by the end of the week. Shipping \
        insurers welcomed the news, saying premiums had risen sharply since July.";

    fn source(id: u64, title: &str, text: &str) -> Source {
        Source::from_text(SourceId(id), title, text)
    }

    #[test]
    fn the_same_text_is_a_duplicate_and_a_reformatted_copy_a_version() {
        let index = StoryIndex::new([&source(1, "Talks", ARTICLE)]);
        let same = source(2, "Talks", ARTICLE);
        assert_eq!(
            index.relate(&same).map(|r| r.relation),
            Some(Relation::SameText)
        );
        // The feed item: other line breaks, a byline and a footer around the same words.
        let feed = format!(
            "By Anna Kovalenko\n\n{}\n\nRead more at meridian.example",
            ARTICLE.replace(". ", ".\n\n")
        );
        let r = index.relate(&source(3, "Talks", &feed)).unwrap();
        assert_eq!(r.to, SourceId(1));
        assert!(
            matches!(r.relation, Relation::SimilarText(s) if s > 0.9),
            "{r:?}"
        );
        assert!(r.relation.is_version());
    }

    #[test]
    fn an_unrelated_article_is_not_a_version() {
        let index = StoryIndex::new([&source(1, "Talks", ARTICLE)]);
        let other = "The city council voted on Monday to extend the night bus network to \
            three new districts, a spokesperson for the mayor said. The first routes will \
            open in October, and fares will stay the same, the transport office added.";
        assert_eq!(index.relate(&source(2, "Buses", other)), None);
        assert_eq!(index.relate(&source(3, "Short", "Talks resume.")), None);
    }

    #[test]
    fn same_url_and_same_headline_outlet_and_day_tie_versions() {
        let mut first = source(1, "Grain corridor talks resume in Istanbul", ARTICLE);
        first.url = Some("https://meridian.example/talks?utm_source=x".into());
        first.outlet = Some("The Meridian Review".into());
        first.published = Some(TimeSpan::parse("2025-08-21T09:30", None).unwrap());
        let index = StoryIndex::new([&first]);

        let mut updated = source(2, "Talks resume", "A short update: talks were postponed.");
        updated.url = Some("http://meridian.example/talks".into());
        assert_eq!(
            index.relate(&updated).map(|r| r.relation),
            Some(Relation::SameUrl)
        );

        let mut rewritten = source(3, "Grain Corridor Talks Resume in Istanbul", "Rewritten.");
        rewritten.outlet = Some("the Meridian Review".into());
        rewritten.published = Some(TimeSpan::parse("2025-08-21T18:00", None).unwrap());
        assert_eq!(
            index.relate(&rewritten).map(|r| r.relation),
            Some(Relation::SameHeadline)
        );
        rewritten.published = Some(TimeSpan::parse("2025-08-22", None).unwrap());
        assert_eq!(index.relate(&rewritten), None, "another day");
    }

    fn project_with_story() -> Project {
        let mut p = Project::new("Story", chrono::Utc::now());
        for (id, version_of) in [(1, None), (2, None), (3, Some(1)), (4, Some(1))] {
            let mut s = source(id, &format!("S{id}"), &format!("Text {id}"));
            s.version_of = version_of.map(SourceId);
            p.apply(Command::InsertSource {
                index: None,
                source: Box::new(s),
            })
            .unwrap();
        }
        p
    }

    #[test]
    fn versions_follow_their_lead_and_outlive_it() {
        let mut p = project_with_story();
        let order: Vec<u64> = Stories::new(&p)
            .order
            .iter()
            .map(|&i| p.sources[i].id.0)
            .collect();
        assert_eq!(order, [1, 3, 4, 2]);
        assert_eq!(lead_of(&p, SourceId(4)), SourceId(1));
        assert_eq!(versions_of(&p, SourceId(1)), [SourceId(3), SourceId(4)]);

        p.apply(remove_source(&p, SourceId(1))).unwrap();
        assert_eq!(p.source(SourceId(3)).unwrap().version_of, None, "new lead");
        assert_eq!(p.source(SourceId(4)).unwrap().version_of, Some(SourceId(3)));
    }

    #[test]
    fn merging_fills_the_leads_gaps_and_removes_the_version_undoably() {
        let mut p = project_with_story();
        let mut v = p.source(SourceId(3)).unwrap().clone();
        v.url = Some("https://example.org/a".into());
        v.authors = vec!["Anna Kovalenko".into()];
        p.apply(Command::ReplaceSource(Box::new(v))).unwrap();
        let before = p.clone();
        let cmd = merge_into_lead(&p, SourceId(3)).unwrap();
        let undo = p.apply(cmd).unwrap();
        assert!(p.source(SourceId(3)).is_none());
        let lead = p.source(SourceId(1)).unwrap();
        assert_eq!(lead.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(lead.authors, ["Anna Kovalenko"]);
        p.apply(undo).unwrap();
        assert_eq!(p.sources, before.sources, "undo restores both");
        assert!(merge_into_lead(&p, SourceId(2)).is_none(), "not a version");
        assert!(detach(&p, SourceId(2)).is_none());
        p.apply(detach(&p, SourceId(4)).unwrap()).unwrap();
        assert_eq!(versions_of(&p, SourceId(1)), [SourceId(3)]);
    }
}
