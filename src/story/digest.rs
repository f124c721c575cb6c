//! Key dates of a story: the days that matter, ranked, each told in a few sentences taken
//! from the sources, as a newsroom's "Timeline: how the crisis unfolded" does.
//!
//! Built from the coverage itself, deterministically and without a model:
//!
//! 1. **Facts per article** (in parallel): sentences, the days each sentence names (time
//!    expressions of day precision, resolved against the article's publication date), and
//!    content words.
//! 2. **Which days.** A day scores by how many articles name it, how many name it *later*
//!    (a day still referred back to weeks on is a turning point; each naming article also
//!    adds ln(1 + days from the day to its publication), so a reference from months on
//!    weighs more than one from the next week), and how many articles were
//!    published on it or the day after (coverage peaks follow events). Only days inside the
//!    story's period count (from a little before its first article to its last), so "1918"
//!    is context, not a key date. A day next to one already chosen is discounted: the report
//!    of Tuesday's event published on Wednesday is the same key date.
//! 3. **Which sentences.** A day's candidates are the sentences that name it, and the leads
//!    of articles published that day or the next that name no other day. Each is scored by
//!    its closeness to the candidates' TF-IDF centroid (what most reports of the day share),
//!    favouring sentences that name the day; near-duplicates of a sentence already chosen
//!    are skipped.
//!
//! Every sentence keeps its source and char range; every key date lists the entries dated
//! on it and the sources behind it. Scores on journalists' timelines: docs/EXTRACTION.md.
//!
//! The user's decisions saved in the project ([`Project::key_dates`]) come last: a pinned
//! day is a key date whatever its score (with the user's words, if any), listed first in the
//! user's order; a dismissed day never is.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash as _, Hasher as _};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::batch::par_map;
use crate::extract::sentences::{self, CharIndex};
use crate::extract::timex::{self, TagOptions};
use crate::model::{CharRange, EntryId, KeyDateKind, Precision, Project, Source, SourceId, Status};

/// Days before a story's first article that still belong to it (its key dates, and the
/// period the timeline opens on).
pub const STORY_LEAD_IN_DAYS: i64 = 31;

/// How the days are weighed; [`Weights::default`] is what was measured best on the
/// development stories (docs/EXTRACTION.md).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Per article naming the day.
    pub mention: f64,
    /// Per article naming the day two or more days after it.
    pub later: f64,
    /// Per article published on the day.
    pub published: f64,
    /// Per article published the day after.
    pub published_next: f64,
    /// Score kept by a day next to a chosen one (0–1).
    pub adjacent: f64,
    /// Days before the first article that still belong to the story.
    pub lead_in_days: i64,
    /// An article names a day "later" when published at least this many days after it.
    pub later_after_days: i64,
    /// Per sentence naming the day (log-damped: ln(1 + n)).
    pub sentence: f64,
    /// Per article naming the day, times ln(1 + days from the day to the article's
    /// publication): the further on a day is still referred back to, the more it weighs.
    pub later_log: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            mention: 0.5,
            later: 2.0,
            published: 1.0,
            published_next: 0.5,
            adjacent: 1.0,
            lead_in_days: STORY_LEAD_IN_DAYS,
            later_after_days: 4,
            sentence: 0.0,
            later_log: 0.25,
        }
    }
}

/// What the digest is asked for.
#[derive(Clone, Debug)]
pub struct Options {
    /// How many key dates; `None` chooses (see [`choose_count`]).
    pub dates: Option<usize>,
    /// Sentences per key date, at most.
    pub sentences: usize,
    pub weights: Weights,
    /// Worker threads for the per-article pass.
    pub jobs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            dates: None,
            sentences: 2,
            weights: Weights::default(),
            jobs: super::batch::default_jobs(),
        }
    }
}

/// One sentence of a key date, with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DigestSentence {
    pub text: String,
    pub source: SourceId,
    /// Char range in the source's text.
    pub range: CharRange,
}

/// One key date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyDate {
    pub date: NaiveDate,
    pub sentences: Vec<DigestSentence>,
    /// Sources that name the day, tell it in their lead (published that day or the next
    /// without naming another day), or were published on it; first published first.
    pub sources: Vec<SourceId>,
    /// Entries dated on the day, and entries found in the chosen sentences.
    pub entries: Vec<EntryId>,
    pub score: f64,
    /// Articles that name the day.
    pub mentions: usize,
    /// Of those, articles published two or more days later.
    pub later_mentions: usize,
    /// Articles published on the day.
    pub published: usize,
    /// The user pinned the day.
    pub pinned: bool,
    /// The user's words for the day (empty: its sentences tell it).
    pub text: String,
}

/// The digest of a story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Digest {
    /// The pinned days in the user's order, then the others by date.
    pub key_dates: Vec<KeyDate>,
    /// The story's period: first and last publication day of its sources.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// How the number of dates was chosen, for messages.
    pub count_reason: String,
}

/// One sentence's facts.
struct Sent {
    range: CharRange,
    /// Index among the article's sentences.
    position: usize,
    days: Vec<NaiveDate>,
    /// Content-word hashes, sorted, with counts.
    terms: Vec<(u64, u32)>,
    /// Fit to stand in a digest (length, not page furniture).
    usable: bool,
}

struct Article {
    source: SourceId,
    published: Option<NaiveDate>,
    sentences: Vec<Sent>,
}

/// Sparse unit vector over term hashes, sorted by term.
type Vector = Vec<(u64, f32)>;

/// The key dates of `project`'s sources.
pub fn digest(project: &Project, options: &Options) -> Digest {
    digest_from(project, &StoryFacts::read(project, options.jobs), options)
}

/// What the digest reads from each source (sentences, the days they name, their words): the
/// costly part, kept by the app while the sources stay the same, so that pinning or
/// dismissing a key date does not read every article again.
pub struct StoryFacts {
    articles: Vec<Article>,
    fingerprint: u64,
}

impl StoryFacts {
    /// Reads every source of `project` on `jobs` threads.
    pub fn read(project: &Project, jobs: usize) -> Self {
        let sources: Vec<&Source> = project.sources.iter().collect();
        Self {
            articles: par_map(&sources, jobs, |s| article_facts(s)),
            fingerprint: sources_fingerprint(project),
        }
    }

    /// These facts were read from `project`'s sources as they are now.
    pub fn matches(&self, project: &Project) -> bool {
        self.fingerprint == sources_fingerprint(project)
    }
}

/// A hash of everything [`article_facts`] reads: each source's id, publication and text.
fn sources_fingerprint(project: &Project) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for s in &project.sources {
        s.id.hash(&mut h);
        s.published_date().hash(&mut h);
        s.text.hash(&mut h);
    }
    h.finish()
}

/// The key dates of `project` from facts already read (see [`StoryFacts`]).
pub fn digest_from(project: &Project, facts: &StoryFacts, options: &Options) -> Digest {
    digest_articles(project, &facts.articles, options)
}

fn digest_articles(project: &Project, articles: &[Article], options: &Options) -> Digest {
    let w = options.weights;
    let pinned: Vec<(NaiveDate, &str)> = project
        .key_dates
        .iter()
        .filter(|m| m.kind == KeyDateKind::Pinned)
        .map(|m| (m.date, m.text.as_str()))
        .collect();
    // A file edited by hand may pin a day twice: the first pin counts.
    let mut seen = HashSet::new();
    let pinned: Vec<(NaiveDate, &str)> = pinned
        .into_iter()
        .filter(|(d, _)| seen.insert(*d))
        .collect();
    let dismissed: HashSet<NaiveDate> = project
        .key_dates
        .iter()
        .filter(|m| m.kind == KeyDateKind::Dismissed)
        .map(|m| m.date)
        .collect();
    let pubs: Vec<NaiveDate> = articles.iter().filter_map(|a| a.published).collect();
    let period = pubs
        .iter()
        .min()
        .zip(pubs.iter().max())
        .map(|(a, b)| (*a, *b));
    let in_period = |d: NaiveDate| match period {
        Some((first, last)) => d >= first - Duration::days(w.lead_in_days) && d <= last,
        None => true,
    };

    // Day statistics.
    #[derive(Default, Clone, Copy)]
    struct DayStats {
        mentions: usize,
        later: usize,
        published: usize,
        sentences: usize,
        /// Sum over the articles naming the day of ln(1 + days to their publication).
        distance: f64,
    }
    let mut stats: HashMap<NaiveDate, DayStats> = HashMap::new();
    for a in articles {
        if let Some(p) = a.published {
            stats.entry(p).or_default().published += 1;
        }
        let mut named: HashSet<NaiveDate> = HashSet::new();
        for d in a.sentences.iter().flat_map(|s| s.days.iter().copied()) {
            if in_period(d) {
                stats.entry(d).or_default().sentences += 1;
                named.insert(d);
            }
        }
        for d in named {
            let st = stats.entry(d).or_default();
            st.mentions += 1;
            if let Some(p) = a.published {
                if p - d >= Duration::days(w.later_after_days) {
                    st.later += 1;
                }
                st.distance += ((p - d).num_days().max(0) as f64).ln_1p();
            }
        }
    }
    let published_on = |d: NaiveDate| stats.get(&d).map_or(0, |s| s.published);
    let mut scored: Vec<(NaiveDate, f64)> = stats
        .iter()
        .filter(|(d, _)| in_period(**d))
        .map(|(&d, s)| {
            let score = w.mention * s.mentions as f64
                + w.later * s.later as f64
                + w.later_log * s.distance
                + w.published * s.published as f64
                + w.published_next * published_on(d + Duration::days(1)) as f64
                + w.sentence * (s.sentences as f64).ln_1p();
            (d, score)
        })
        .filter(|(_, s)| *s > 0.0)
        .filter(|(d, _)| !dismissed.contains(d))
        .collect();
    // Deterministic: by score, then earlier first.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let (count, count_reason) = match options.dates {
        Some(n) => (n, format!("{n} dates, as asked")),
        None => choose_count(&scored),
    };
    // A few spare days: a day no usable sentence tells (a busy publication day whose
    // articles are about other days) gives way to the next.
    let spare = count + count / 2 + 5;
    let mut chosen = choose_days(&scored, spare.min(scored.len()), w.adjacent);

    // Sentence selection needs document frequencies over every sentence.
    let mut df: HashMap<u64, u32> = HashMap::new();
    let mut n_sent = 0u32;
    for s in articles.iter().flat_map(|a| &a.sentences) {
        n_sent += 1;
        for &(t, _) in &s.terms {
            *df.entry(t).or_default() += 1;
        }
    }
    let idf =
        |t: u64| ((1.0 + n_sent as f64) / (1.0 + *df.get(&t).unwrap_or(&0) as f64)).ln() as f32;
    let vector = |s: &Sent| -> Vector {
        let mut v: Vector = s
            .terms
            .iter()
            .map(|&(t, c)| (t, (1.0 + (c as f32).ln()) * idf(t)))
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        v
    };

    // Candidate sentences per chosen or pinned day.
    let chosen_set: HashSet<NaiveDate> = chosen
        .iter()
        .map(|(d, _)| *d)
        .chain(pinned.iter().map(|(d, _)| *d))
        .collect();
    let mut candidates: HashMap<NaiveDate, Vec<(usize, usize, bool)>> = HashMap::new();
    for (ai, a) in articles.iter().enumerate() {
        for (si, s) in a.sentences.iter().enumerate() {
            let mut named = false;
            // A sentence naming many days is a list (a fact box), not a day's news.
            let list = s.days.len() > MAX_DAYS_IN_SENTENCE;
            for d in &s.days {
                if chosen_set.contains(d) {
                    named = true;
                    if s.usable && !list {
                        candidates.entry(*d).or_default().push((ai, si, true));
                    }
                }
            }
            // A lead that names no day reports the day of publication or the one before.
            if !named
                && s.days.is_empty()
                && s.usable
                && s.position < LEAD_SENTENCES
                && let Some(p) = a.published
            {
                for d in [p, p - Duration::days(1)] {
                    if chosen_set.contains(&d) {
                        candidates.entry(d).or_default().push((ai, si, false));
                    }
                }
            }
        }
    }

    chosen.retain(|(d, _)| candidates.contains_key(d));
    chosen.truncate(count);
    let count_reason = if chosen.len() < count {
        format!(
            "{count_reason}; {} of them told by a sentence of the sources",
            chosen.len()
        )
    } else {
        count_reason
    };
    // Pinned days come on top of the chosen ones, first, in the user's order.
    // A pinned day keeps its score (zero when the sources do not name it).
    let score_of: HashMap<NaiveDate, f64> = scored.iter().copied().collect();
    chosen.retain(|(d, _)| !pinned.iter().any(|(p, _)| p == d));
    let chosen: Vec<(NaiveDate, f64)> = pinned
        .iter()
        .map(|(d, _)| (*d, score_of.get(d).copied().unwrap_or(0.0)))
        .chain(chosen)
        .collect();

    let by_source = entries_by_source_and_day(project);
    let source_index: HashMap<SourceId, &Source> =
        project.sources.iter().map(|s| (s.id, s)).collect();
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    let mut key_dates: Vec<KeyDate> = chosen
        .iter()
        .map(|&(date, score)| {
            let cands = candidates.get(&date).map(Vec::as_slice).unwrap_or(&[]);
            let vectors: Vec<Vector> = cands
                .iter()
                .map(|&(ai, si, _)| vector(&articles[ai].sentences[si]))
                .collect();
            let picked = pick_sentences(cands, &vectors, articles, options.sentences, &used);
            used.extend(picked.iter().map(|&k| (cands[k].0, cands[k].1)));
            let sentences: Vec<DigestSentence> = picked
                .iter()
                .filter_map(|&k| {
                    let (ai, si, _) = cands[k];
                    let a = &articles[ai];
                    let s = &a.sentences[si];
                    let src = source_index.get(&a.source)?;
                    Some(DigestSentence {
                        text: clean_sentence(src.slice(s.range).unwrap_or_default()),
                        source: a.source,
                        range: s.range,
                    })
                })
                .collect();
            // Sources: those naming or reporting the day, first published first.
            let mut sources: Vec<(Option<NaiveDate>, SourceId)> = cands
                .iter()
                .map(|&(ai, _, _)| (articles[ai].published, articles[ai].source))
                .chain(
                    articles
                        .iter()
                        .filter(|a| a.published == Some(date))
                        .map(|a| (a.published, a.source)),
                )
                .collect();
            sources.sort();
            let mut seen = HashSet::new();
            let sources: Vec<SourceId> = sources
                .into_iter()
                .map(|x| x.1)
                .filter(|s| seen.insert(*s))
                .collect();
            let mut entries: Vec<EntryId> =
                by_source.on_day.get(&date).cloned().unwrap_or_default();
            for s in &sentences {
                entries.extend(by_source.within(s.source, s.range));
            }
            entries.sort();
            entries.dedup();
            let st = stats.get(&date).copied().unwrap_or_default();
            KeyDate {
                date,
                sentences,
                sources,
                entries,
                score: (score * 1000.0).round() / 1000.0,
                mentions: st.mentions,
                later_mentions: st.later,
                published: st.published,
                pinned: false,
                text: String::new(),
            }
        })
        .collect();
    for (k, (_, text)) in key_dates.iter_mut().zip(&pinned) {
        k.pinned = true;
        k.text = text.to_string();
    }
    key_dates[pinned.len()..].sort_by_key(|k| k.date);
    Digest {
        key_dates,
        period,
        count_reason,
    }
}

/// The digest as `claimline digest --format json` prints it: a list ordered by date, each
/// key date with its sentences (and their evidence), sources, entries and score.
pub fn to_json(project: &Project, digest: &Digest) -> serde_json::Value {
    use serde_json::json;
    let sources: HashMap<SourceId, &Source> = project.sources.iter().map(|s| (s.id, s)).collect();
    let source_json = |id: &SourceId| {
        let s = sources.get(id);
        json!({
            "id": id.0,
            "title": s.map(|s| s.title.as_str()),
            "outlet": s.and_then(|s| s.outlet.as_deref()),
            "published": s.and_then(|s| s.published_date()).map(|d| d.to_string()),
        })
    };
    serde_json::Value::Array(
        digest
            .key_dates
            .iter()
            .map(|k| {
                json!({
                    "date": k.date.to_string(),
                    "sentences": k.sentences.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
                    "evidence": k.sentences.iter().map(|s| json!({
                        "source": s.source.0, "start": s.range.start, "end": s.range.end,
                    })).collect::<Vec<_>>(),
                    "sources": k.sources.iter().map(source_json).collect::<Vec<_>>(),
                    "entries": k.entries.iter().map(|e| e.0).collect::<Vec<_>>(),
                    "score": k.score,
                    "mentions": k.mentions,
                    "later_mentions": k.later_mentions,
                    "published": k.published,
                    "pinned": k.pinned,
                    "text": (!k.text.is_empty()).then_some(k.text.as_str()),
                })
            })
            .collect(),
    )
}

/// A sentence naming more days than this is a list of dates, not one day's news.
const MAX_DAYS_IN_SENTENCE: usize = 2;

/// Sentences from the top of an article that may report the day without naming it.
const LEAD_SENTENCES: usize = 4;

/// Without a number from the user: the days that stand out, where a day stands out when it
/// scores at least a quarter of the third-best day (one outlier day does not set the bar),
/// between [`MIN_DATES`] and [`MAX_DATES`].
pub fn choose_count(scored: &[(NaiveDate, f64)]) -> (usize, String) {
    let Some(&(_, bar)) = scored.get(2).or(scored.last()) else {
        return (0, "no dated material".into());
    };
    let bar = bar / 4.0;
    let standing_out = scored.iter().filter(|(_, s)| *s >= bar).count();
    let n = standing_out.clamp(MIN_DATES.min(scored.len()), MAX_DATES);
    (
        n,
        format!(
            "{n} dates: the days scoring at least a quarter of the third-best day ({standing_out}), \
             kept between {MIN_DATES} and {MAX_DATES}"
        ),
    )
}

const MIN_DATES: usize = 5;
const MAX_DATES: usize = 30;

/// The `count` best days, discounting a day next to one already chosen.
fn choose_days(scored: &[(NaiveDate, f64)], count: usize, adjacent: f64) -> Vec<(NaiveDate, f64)> {
    let mut left: Vec<(NaiveDate, f64)> = scored.to_vec();
    let mut chosen: Vec<(NaiveDate, f64)> = Vec::new();
    let mut discounted: HashSet<NaiveDate> = HashSet::new();
    while chosen.len() < count && !left.is_empty() {
        // The best remaining, with discounts applied lazily.
        let (i, _) = left
            .iter()
            .enumerate()
            .map(|(i, (d, s))| {
                (
                    i,
                    if discounted.contains(d) {
                        s * adjacent
                    } else {
                        *s
                    },
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(left[b.0].0.cmp(&left[a.0].0)))
            .expect("not empty");
        let (d, s) = left.swap_remove(i);
        discounted.insert(d - Duration::days(1));
        discounted.insert(d + Duration::days(1));
        chosen.push((d, s));
    }
    chosen
}

/// Up to `k` sentences of one day: closest to the candidates' centroid, naming the day
/// preferred, no near-duplicates, no two from one source while others are left.
fn pick_sentences(
    cands: &[(usize, usize, bool)],
    vectors: &[Vector],
    articles: &[Article],
    k: usize,
    used: &HashSet<(usize, usize)>,
) -> Vec<usize> {
    if cands.is_empty() || k == 0 {
        return Vec::new();
    }
    let mut centroid: HashMap<u64, f32> = HashMap::new();
    for v in vectors {
        for &(t, x) in v {
            *centroid.entry(t).or_default() += x;
        }
    }
    let norm = centroid
        .values()
        .map(|x| x * x)
        .sum::<f32>()
        .sqrt()
        .max(1e-6);
    let mut order: Vec<(usize, f32)> = cands
        .iter()
        .enumerate()
        .map(|(i, &(ai, si, named))| {
            let sim = vectors[i]
                .iter()
                .map(|(t, x)| x * centroid.get(t).copied().unwrap_or(0.0))
                .sum::<f32>()
                / norm;
            let s = &articles[ai].sentences[si];
            let prior = if named { 1.0 } else { 0.8 };
            // Earlier sentences of an article carry its news.
            let position = 1.0 / (1.0 + s.position as f32 / 10.0);
            (i, sim * prior * (0.5 + 0.5 * position))
        })
        .collect();
    // A sentence that already tells a better-ranked day comes last: two days told by the
    // same words read as one.
    let is_used = |i: usize| used.contains(&(cands[i].0, cands[i].1));
    order.sort_by(|a, b| {
        is_used(a.0)
            .cmp(&is_used(b.0))
            .then(b.1.total_cmp(&a.1))
            .then(a.0.cmp(&b.0))
    });
    let mut picked: Vec<usize> = Vec::new();
    // Two passes: one sentence per source first, then any source.
    for one_per_source in [true, false] {
        for &(i, _) in &order {
            if picked.len() == k {
                break;
            }
            let source = articles[cands[i].0].source;
            let clash = picked.iter().any(|&j| {
                j == i
                    || cosine(&vectors[i], &vectors[j]) > MAX_OVERLAP
                    || (one_per_source && articles[cands[j].0].source == source)
            });
            if !clash {
                picked.push(i);
            }
        }
    }
    picked
}

/// Cosine above which two sentences say the same thing.
const MAX_OVERLAP: f32 = 0.5;

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Entries by source (with their content ranges) and by the day they are dated on.
struct EntryIndex {
    by_source: HashMap<SourceId, Vec<(CharRange, EntryId)>>,
    on_day: HashMap<NaiveDate, Vec<EntryId>>,
}

impl EntryIndex {
    fn within(&self, source: SourceId, range: CharRange) -> impl Iterator<Item = EntryId> + '_ {
        self.by_source
            .get(&source)
            .into_iter()
            .flatten()
            .filter(move |(r, _)| r.start >= range.start && r.end <= range.end)
            .map(|(_, id)| *id)
    }
}

fn entries_by_source_and_day(project: &Project) -> EntryIndex {
    let mut by_source: HashMap<SourceId, Vec<(CharRange, EntryId)>> = HashMap::new();
    let mut on_day: HashMap<NaiveDate, Vec<EntryId>> = HashMap::new();
    for e in project
        .entries
        .iter()
        .filter(|e| e.status != Status::Rejected)
    {
        for ev in e.evidence.iter().filter(|ev| ev.role == "content") {
            by_source
                .entry(ev.source)
                .or_default()
                .push((ev.range, e.id));
        }
        if let Some(t) = e.event_time.as_ref().or(e.said_time.as_ref())
            && t.precision >= Precision::Day
            && !t.approximate
        {
            on_day.entry(t.start.date()).or_default().push(e.id);
        }
    }
    EntryIndex { by_source, on_day }
}

/// Sentences, the days they name and their content words.
fn article_facts(source: &Source) -> Article {
    let published = source.published_date();
    let text = source.text.as_str();
    let timexes = timex::tag(
        text,
        &TagOptions {
            anchor: published,
            day_first: false,
        },
    );
    let index = CharIndex::new(text);
    let split = sentences::split(text);
    let mut days_by_sentence: Vec<Vec<NaiveDate>> = vec![Vec::new(); split.len()];
    for t in &timexes {
        let Some(span) = &t.span else { continue };
        if span.precision != Precision::Day || span.approximate {
            continue;
        }
        let byte = index.byte_at(t.start);
        let i = split.partition_point(|s| s.start <= byte);
        if let Some(i) = i.checked_sub(1) {
            let d = span.start.date();
            if !days_by_sentence[i].contains(&d) {
                days_by_sentence[i].push(d);
            }
        }
    }
    let sentences = split
        .iter()
        .zip(days_by_sentence)
        .enumerate()
        .map(|(position, (s, days))| {
            let raw = &text[s.start..s.end];
            let terms = terms_of(raw);
            Sent {
                range: index.range(s.start, s.end),
                position,
                days,
                usable: usable(raw),
                terms,
            }
        })
        .collect();
    Article {
        source: source.id,
        published,
        sentences,
    }
}

/// Whether a sentence can stand in a digest: a sentence's length, not page furniture.
fn usable(s: &str) -> bool {
    let words = s.split_whitespace().count();
    if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
        return false;
    }
    let lower = s.to_lowercase();
    const FURNITURE: &[&str] = &[
        "wrote:",
        "http",
        "www.",
        "click ",
        "share this",
        "copyright",
        "all rights reserved",
        "subscribe",
        "sign up",
        "newsletter",
        "read more",
        "related:",
        "e-mail",
        "email us",
        "comments",
        "follow us",
        "photo:",
        "getty images",
        "advertisement",
    ];
    !FURNITURE.iter().any(|f| lower.contains(f))
        && s.chars().next().is_some_and(|c| !c.is_lowercase())
}

const MIN_WORDS: usize = 6;
const MAX_WORDS: usize = 55;

/// Content words (lower case, no stop words), hashed and counted.
fn terms_of(s: &str) -> Vec<(u64, u32)> {
    let mut terms: Vec<u64> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    terms.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(terms.len());
    for t in terms {
        match out.last_mut() {
            Some((last, c)) if *last == t => *c += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

const STOP_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "was",
    "are", "were", "be", "been", "has", "have", "had", "it", "its", "that", "this", "these",
    "those", "he", "she", "they", "we", "you", "his", "her", "their", "our", "an", "or", "but",
    "not", "no", "will", "would", "could", "should", "can", "may", "said", "says", "say", "after",
    "before", "about", "into", "over", "more", "than", "also", "which", "who", "what", "when",
    "there", "one", "two", "up", "out", "all", "so", "if", "mr", "ms", "mrs", "do", "did",
];

/// One line of text: white space joined.
fn clean_sentence(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeSpan;

    fn source(id: u64, published: &str, text: &str) -> Source {
        let mut s = Source::from_text(SourceId(id), format!("Article {id}"), text);
        s.published = Some(TimeSpan::parse(published, None).unwrap());
        s
    }

    fn story() -> Project {
        Project {
            sources: vec![
                source(
                    1,
                    "2024-03-04",
                    "The Harlow dam cracked on Sunday, engineers said today.\nResidents were told to leave their homes near the river.\n",
                ),
                source(
                    2,
                    "2024-03-04",
                    "Engineers found a crack in the Harlow dam on 3 March.\nThe weather was mild in the valley this weekend.\n",
                ),
                source(
                    3,
                    "2024-03-12",
                    "The inquiry opened on Monday into the Harlow dam crack of 3 March.\nThe minister promised a full account of the failure.\n",
                ),
                source(
                    4,
                    "2024-03-20",
                    "A week after the inquiry opened on 11 March, the Harlow dam crack of 3 March still worries residents.\n",
                ),
                source(
                    5,
                    "2024-03-20",
                    "Divers found no new damage at the dam wall this week, officials reported.\n",
                ),
            ],
            ..Project::default()
        }
    }

    #[test]
    fn the_most_named_day_comes_first_with_its_sentences_and_sources() {
        let p = story();
        let d = digest(
            &p,
            &Options {
                dates: Some(2),
                sentences: 1,
                ..Options::default()
            },
        );
        let days: Vec<String> = d.key_dates.iter().map(|k| k.date.to_string()).collect();
        assert_eq!(days, ["2024-03-03", "2024-03-11"]);
        let first = &d.key_dates[0];
        assert_eq!(first.mentions, 4);
        assert_eq!(first.later_mentions, 2);
        assert_eq!(first.sentences.len(), 1);
        assert!(
            first.sentences[0].text.contains("Harlow dam"),
            "{:?}",
            first.sentences
        );
        // Sources first published first, each once.
        assert_eq!(
            first.sources,
            [SourceId(1), SourceId(2), SourceId(3), SourceId(4)]
        );
        // The evidence range gives back the sentence.
        let s = &first.sentences[0];
        let src = p.source(s.source).unwrap();
        assert_eq!(src.slice(s.range).unwrap(), s.text);
        assert_eq!(d.period.unwrap().0.to_string(), "2024-03-04");
    }

    #[test]
    fn every_key_date_is_told_by_a_sentence() {
        // Busy publication days (the 4th, the 20th) whose articles are about other days have
        // no sentence of their own: they are not key dates, however many are asked for.
        let p = Project {
            sources: vec![
                source(
                    1,
                    "2024-03-04",
                    "Engineers found a crack in the Harlow dam on 3 March, officials said.\n",
                ),
                source(
                    2,
                    "2024-03-20",
                    "The inquiry of 11 March heard engineers on the crack of 3 March.\n",
                ),
                source(
                    3,
                    "2024-03-20",
                    "Residents recalled the crack of 3 March at a meeting on 11 March.\n",
                ),
            ],
            ..Project::default()
        };
        let d = digest(
            &p,
            &Options {
                dates: Some(10),
                ..Options::default()
            },
        );
        let days: Vec<String> = d.key_dates.iter().map(|k| k.date.to_string()).collect();
        assert_eq!(days, ["2024-03-03", "2024-03-11"]);
        for k in &d.key_dates {
            assert!(!k.sentences.is_empty(), "{} has no sentence", k.date);
            assert!(!k.sources.is_empty(), "{} has no source", k.date);
        }
    }

    #[test]
    fn distant_past_is_context_not_a_key_date() {
        let mut p = story();
        p.sources.push(source(
            6,
            "2024-03-05",
            "The dam was built on 1 May 1918 and last failed on 2 June 1987, records show.\n",
        ));
        p.sources.push(source(
            7,
            "2024-03-06",
            "Historians recall the flood of 1 May 1918 at the Harlow dam site today.\n",
        ));
        let d = digest(
            &p,
            &Options {
                dates: Some(10),
                ..Options::default()
            },
        );
        assert!(
            d.key_dates
                .iter()
                .all(|k| k.date.to_string().as_str() > "2024-01-01")
        );
    }

    #[test]
    fn a_day_next_to_a_chosen_one_is_discounted() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let scored = vec![
            (day("2024-03-03"), 10.0),
            (day("2024-03-04"), 8.0),
            (day("2024-03-09"), 5.0),
        ];
        let chosen = choose_days(&scored, 2, 0.5);
        assert_eq!(
            chosen.iter().map(|c| c.0).collect::<Vec<_>>(),
            [day("2024-03-03"), day("2024-03-09")]
        );
        let chosen = choose_days(&scored, 2, 1.0);
        assert_eq!(chosen[1].0, day("2024-03-04"));
    }

    #[test]
    fn count_is_chosen_from_the_scores_and_explained() {
        let day = |i: i64| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Duration::days(i);
        let scored: Vec<(NaiveDate, f64)> = (0..50)
            .map(|i| (day(i), if i < 12 { 40.0 - i as f64 } else { 1.0 }))
            .collect();
        let (n, why) = choose_count(&scored);
        assert_eq!(n, 12);
        assert!(why.contains("third-best"), "{why}");
        assert_eq!(choose_count(&[]).0, 0);
    }

    #[test]
    fn furniture_and_fragments_are_not_digest_sentences() {
        assert!(usable(
            "Engineers found a crack in the Harlow dam on 3 March."
        ));
        assert!(!usable(
            "At 09:12 6th Mar 2024, riverwatcher wrote: this is a disgrace."
        ));
        assert!(!usable(
            "Share this article on Facebook and Twitter now please."
        ));
        assert!(!usable("Too short."));
    }
}
