//! Same-claim suggestions: entries from different sources that likely make the same claim
//! ("about 1,200 residents were evacuated" in the wire report, the follow-up that relays it,
//! and the correction that fixes it), for the user to confirm as a [`Claim`].
//!
//! Each entry is reduced to features — normalized numbers, speaker, key content terms,
//! event time, and the outlets its relay chain names — and pairs are scored 0..1 with the
//! reasons that contributed. Pairs above [`THRESHOLD`] are joined by union-find into
//! clusters, one suggestion per cluster.
//!
//! Cost: features are O(total text). Candidate pairs come from blocking — entries sharing a
//! distinctive number, a key term or a speaker surname — and a key shared by more than
//! [`MAX_POSTING`] entries is too common to block on, so the pair count is at most
//! O(keys × MAX_POSTING²) rather than O(n²); scoring a pair is O(terms).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Claim, ClaimId, Command, Entry, EntryId, EntryKind, MONTH_NAMES, Project, Source, SourceId,
    Status, TimeSpan,
};

/// Pairs scoring at least this are suggested as the same claim.
pub const THRESHOLD: f32 = 0.55;

/// Keys (numbers, terms, surnames) shared by more entries than this do not propose pairs.
pub const MAX_POSTING: usize = 64;

/// Reasons kept per suggestion, from the strongest pairs.
const MAX_REASONS: usize = 6;

/// Entries that likely make one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimSuggestion {
    /// Earliest appearance first (see [`Entry::known_from`]).
    pub entries: Vec<EntryId>,
    /// Mean score of the pairs that joined the cluster, 0..1.
    pub score: f32,
    /// Why, in words: "same number 1,200", "same speaker Varnholt" …, strongest pair first.
    pub reasons: Vec<String>,
    /// A label for the claim: the earliest appearance's label.
    pub label: String,
}

/// One scored pair, for callers that want to inspect the evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct PairScore {
    pub a: EntryId,
    pub b: EntryId,
    pub score: f32,
    pub reasons: Vec<String>,
}

/// What one entry contributes to the comparison.
#[derive(Debug)]
pub(super) struct Features {
    pub(super) id: EntryId,
    pub(super) source: Option<SourceId>,
    /// Numbers ≥ 10 (small ones are too common: "three hours", "two districts"), as
    /// hundredths so 1,200 = 1200 = 1.2 thousand, with the text first seen.
    pub(super) numbers: Vec<(i64, String)>,
    pub(super) terms: BTreeSet<String>,
    pub(super) surname: Option<String>,
    /// Words of the speaker and role when the speaker is not a named person.
    descriptor: BTreeSet<String>,
    speaker: String,
    /// Capitalized words of an unattributed entry ("Mayor Oskar Lindqvar withdrew his
    /// statement"), matched against other entries' speakers.
    mentions: BTreeSet<String>,
    event_time: Option<TimeSpan>,
    /// Lowercased outlets the entry says it came through ("told Meridian", "as Meridian
    /// reported").
    via: Vec<String>,
    /// The publishing source's outlet, lowercased.
    outlet: String,
    published: Option<f64>,
    correction: bool,
}

/// Suggested claims for `project`, best first. Rejected entries, pairs from one source, and
/// pairs already in one claim are left out.
pub fn suggest_claims(project: &Project) -> Vec<ClaimSuggestion> {
    let pairs = score_pairs(project);
    let index = project.entry_positions();
    let mut uf = UnionFind::new(project.entries.len());
    for p in pairs.iter().filter(|p| p.score >= THRESHOLD) {
        uf.union(index[&p.a], index[&p.b]);
    }
    let mut clusters: HashMap<usize, Vec<&PairScore>> = HashMap::new();
    for p in pairs.iter().filter(|p| p.score >= THRESHOLD) {
        clusters.entry(uf.find(index[&p.a])).or_default().push(p);
    }
    let mut out: Vec<ClaimSuggestion> = clusters
        .into_values()
        .filter_map(|mut edges| {
            edges.sort_by(|x, y| y.score.total_cmp(&x.score));
            let mut ids: Vec<EntryId> = edges.iter().flat_map(|p| [p.a, p.b]).collect();
            ids.sort_unstable();
            ids.dedup();
            // Already one claim: nothing to suggest.
            if let Some(c) = project.claim_of(ids[0])
                && ids.iter().all(|id| c.entries.contains(id))
            {
                return None;
            }
            let mut claim = Claim::new(ClaimId(0), "", chrono::Utc::now());
            claim.entries = ids;
            let entries: Vec<EntryId> = claim
                .appearances(project)
                .into_iter()
                .map(|a| a.entry)
                .collect();
            let label = entries
                .first()
                .and_then(|id| project.entry(*id))
                .map(|e| e.label.clone())
                .unwrap_or_default();
            let score = edges.iter().map(|p| p.score).sum::<f32>() / edges.len() as f32;
            let mut reasons: Vec<String> = Vec::new();
            for r in edges.iter().flat_map(|p| &p.reasons) {
                if reasons.len() < MAX_REASONS && !reasons.contains(r) {
                    reasons.push(r.clone());
                }
            }
            Some(ClaimSuggestion {
                entries,
                score,
                reasons,
                label,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entries.cmp(&b.entries))
    });
    out
}

/// Every candidate pair (from blocking) with its score, including those below
/// [`THRESHOLD`]; pairs scoring 0 are dropped.
pub fn score_pairs(project: &Project) -> Vec<PairScore> {
    let sources: HashMap<SourceId, &Source> = project.sources.iter().map(|s| (s.id, s)).collect();
    let features: Vec<Features> = project
        .entries
        .iter()
        .filter(|e| e.status != Status::Rejected)
        .map(|e| features(e, &sources))
        .collect();
    let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in features.iter().enumerate() {
        let keys = f
            .numbers
            .iter()
            .map(|(n, _)| format!("n:{n}"))
            .chain(f.terms.iter().map(|t| format!("t:{t}")))
            .chain(f.surname.iter().map(|s| format!("s:{s}")));
        for k in keys {
            postings.entry(k).or_default().push(i);
        }
    }
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut out = Vec::new();
    let mut keys: Vec<&String> = postings.keys().collect();
    keys.sort_unstable(); // deterministic output order
    for key in keys {
        let list = &postings[key];
        if list.len() < 2 || list.len() > MAX_POSTING {
            continue;
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                if !seen.insert((i.min(j), i.max(j))) {
                    continue;
                }
                let (a, b) = (&features[i], &features[j]);
                if !comparable(project, a, b) {
                    continue;
                }
                let (score, reasons) = score(a, b);
                if score > 0.0 {
                    out.push(PairScore {
                        a: a.id,
                        b: b.id,
                        score,
                        reasons,
                    });
                }
            }
        }
    }
    out
}

/// Pairs worth scoring: different sources, not already in one claim.
fn comparable(project: &Project, a: &Features, b: &Features) -> bool {
    if a.source.is_none() || a.source == b.source {
        return false;
    }
    !project
        .claim_of(a.id)
        .is_some_and(|c| c.entries.contains(&b.id))
}

pub(super) fn score(a: &Features, b: &Features) -> (f32, Vec<String>) {
    let mut s = 0.0f32;
    let mut reasons = Vec::new();
    let shared: Vec<&String> = a
        .numbers
        .iter()
        .filter(|(n, _)| b.numbers.iter().any(|(m, _)| m == n))
        .map(|(_, text)| text)
        .collect();
    if let Some(first) = shared.first() {
        s += 0.4;
        reasons.push(format!("same number {first}"));
    } else if !a.numbers.is_empty() && !b.numbers.is_empty() && !a.correction && !b.correction {
        // Different figures about the same topic are usually different claims.
        s -= 0.15;
    }
    let common: Vec<&String> = a.terms.intersection(&b.terms).collect();
    if !common.is_empty() {
        let cosine = common.len() as f32 / ((a.terms.len() * b.terms.len()) as f32).sqrt();
        s += 0.45 * cosine;
        if common.len() >= 2 {
            let shown: Vec<&str> = common.iter().take(5).map(|t| t.as_str()).collect();
            reasons.push(format!("key terms: {}", shown.join(", ")));
        }
    }
    if let Some(who) = same_speaker(a, b) {
        s += 0.2;
        reasons.push(format!("same speaker {who}"));
    }
    if let (Some(x), Some(y)) = (&a.event_time, &b.event_time)
        && !a.correction
        && !b.correction
    {
        if x.overlaps(y) {
            s += 0.1;
            reasons.push("event times overlap".into());
        } else {
            s -= 0.2;
        }
    }
    for (later, earlier) in [(a, b), (b, a)] {
        if relays(later, earlier) {
            s += 0.15;
            reasons.push(format!("relays {}", earlier.outlet));
            break;
        }
        if later.correction
            && !later.outlet.is_empty()
            && later.outlet == earlier.outlet
            && matches!((later.published, earlier.published), (Some(l), Some(e)) if e < l)
        {
            s += 0.2;
            reasons.push(format!("notice from {}", earlier.outlet));
            break;
        }
    }
    (s.clamp(0.0, 1.0), reasons)
}

/// Whether `later` says it came through `earlier`'s outlet and was published after it.
fn relays(later: &Features, earlier: &Features) -> bool {
    if earlier.outlet.is_empty() || later.outlet == earlier.outlet {
        return false;
    }
    if let (Some(l), Some(e)) = (later.published, earlier.published)
        && l < e
    {
        return false;
    }
    let head = earlier.outlet.split_whitespace().find(|w| !is_stopword(w));
    later.via.iter().any(|v| {
        v == &earlier.outlet
            || earlier.outlet.contains(v.as_str())
            || head.is_some_and(|h| v.split_whitespace().any(|w| w == h))
    })
}

fn same_speaker(a: &Features, b: &Features) -> Option<String> {
    if let (Some(x), Some(y)) = (&a.surname, &b.surname)
        && x == y
    {
        return Some(title_case(x));
    }
    for (named, other) in [(a, b), (b, a)] {
        if let Some(x) = &named.surname
            && other.mentions.contains(x)
        {
            return Some(title_case(x));
        }
    }
    // A named speaker's role ("spokesperson for the Lessa Regional Emergency Service")
    // against an unnamed one ("a spokesperson for the regional emergency service").
    let shared = a.descriptor.intersection(&b.descriptor).count();
    let smaller = a.descriptor.len().min(b.descriptor.len());
    if shared >= 2 && shared * 2 >= smaller {
        let who = if a.surname.is_some() {
            &a.speaker
        } else {
            &b.speaker
        };
        return Some(who.clone());
    }
    None
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub(super) fn features(e: &Entry, sources: &HashMap<SourceId, &Source>) -> Features {
    let source_id = e.sources().next();
    let source = source_id.and_then(|id| sources.get(&id).copied());
    let content = e
        .evidence
        .iter()
        .find(|ev| ev.role == "content")
        .and_then(|ev| source.and_then(|s| s.slice(ev.range)));
    let text = match (&e.attribution, e.kind) {
        (Some(a), EntryKind::Statement) if !a.quote.is_empty() => a.quote.as_str(),
        _ => content.unwrap_or(&e.label),
    };
    let (mut surname, mut descriptor, mut speaker, mut via) =
        (None, BTreeSet::new(), String::new(), Vec::new());
    if let Some(a) = &e.attribution {
        speaker = a.speaker.clone();
        surname = surname_of(&a.speaker);
        if surname.is_none() {
            descriptor.extend(terms(&a.speaker));
        }
        if let Some(role) = &a.speaker_role {
            descriptor.extend(terms(role));
        }
        via.extend(a.outlet.iter().chain(&a.relay).map(|o| o.to_lowercase()));
        // "Meridian reported on Tuesday": the speaker can be the outlet itself.
        if a.speaker.chars().next().is_some_and(char::is_uppercase) {
            via.push(a.speaker.to_lowercase());
        }
    }
    let outlet = source
        .map(|s| s.outlet.clone().unwrap_or_default().to_lowercase())
        .unwrap_or_default();
    let mentions = if e.attribution.is_none() {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .filter(|w| !is_stopword(w))
            .collect()
    } else {
        BTreeSet::new()
    };
    let terms = terms(text)
        .filter(|t| !descriptor.contains(t) || e.attribution.is_none())
        .collect();
    Features {
        id: e.id,
        source: source_id,
        numbers: numbers(text),
        terms,
        surname,
        descriptor,
        speaker,
        mentions,
        event_time: e.event_time.clone(),
        via,
        outlet,
        published: e.reported_time.as_ref().map(TimeSpan::start_seconds),
        correction: e
            .tags
            .iter()
            .any(|t| t == "correction" || t == "retraction"),
    }
}

/// The surname of a named person ("Mayor Oskar Lindqvar" → "lindqvar"), or a named
/// organisation's last word; `None` for roles and groups ("a spokesperson", "the ministry").
fn surname_of(speaker: &str) -> Option<String> {
    const TITLES: [&str; 12] = [
        "mayor",
        "dr",
        "dr.",
        "mr",
        "mr.",
        "ms",
        "ms.",
        "mrs",
        "mrs.",
        "president",
        "minister",
        "professor",
    ];
    let name = speaker.split('(').next().unwrap_or(speaker);
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !TITLES.contains(&w.to_lowercase().as_str()))
        .collect();
    // One capitalized word is a surname as written later in an article ("Lindqvar said").
    let named = !words.is_empty()
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    named.then(|| {
        words[words.len() - 1]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    })
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|bn|k)\b)?|\b(eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|a hundred|a thousand)\b")
        .expect("number regex compiles")
});

/// Numbers ≥ 10 in `text`, normalized, without years, clock times and days of the month.
fn numbers(text: &str) -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = Vec::new();
    for c in NUMBER.captures_iter(text) {
        let m = c.get(0).expect("match");
        let value = if let Some(digits) = c.get(1) {
            let Ok(v) = digits.as_str().replace(',', "").parse::<f64>() else {
                continue;
            };
            let scale = match c.get(2).map(|s| s.as_str().to_lowercase()).as_deref() {
                Some("thousand" | "k") => 1e3,
                Some("million") => 1e6,
                Some("billion" | "bn") => 1e9,
                _ => {
                    if is_date_or_clock(text, m.start(), m.end(), digits.as_str()) {
                        continue;
                    }
                    1.0
                }
            };
            v * scale
        } else {
            match c.get(3).map(|w| w.as_str().to_lowercase()).as_deref() {
                Some("eleven") => 11.0,
                Some("twelve" | "a dozen") => 12.0,
                Some("thirteen") => 13.0,
                Some("fourteen") => 14.0,
                Some("fifteen") => 15.0,
                Some("sixteen") => 16.0,
                Some("seventeen") => 17.0,
                Some("eighteen") => 18.0,
                Some("nineteen") => 19.0,
                Some("twenty") => 20.0,
                Some("thirty") => 30.0,
                Some("forty") => 40.0,
                Some("fifty") => 50.0,
                Some("sixty") => 60.0,
                Some("seventy") => 70.0,
                Some("eighty") => 80.0,
                Some("ninety") => 90.0,
                Some("a hundred") => 100.0,
                Some("a thousand") => 1000.0,
                _ => continue,
            }
        };
        if value < 10.0 || !value.is_finite() || value > 1e15 {
            continue;
        }
        let key = (value * 100.0).round() as i64;
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, m.as_str().trim().to_owned()));
        }
    }
    out
}

/// "2026", "March 3", "3 March", "2 p.m.", "14:30".
fn is_date_or_clock(text: &str, start: usize, end: usize, digits: &str) -> bool {
    let before = text[..start].trim_end().to_lowercase();
    let after = text[end..].trim_start().to_lowercase();
    let plain: Option<u32> = digits.parse().ok();
    if plain.is_some_and(|y| (1800..=2100).contains(&y)) && !digits.contains(',') {
        return true;
    }
    let day = plain.is_some_and(|d| (1..=31).contains(&d));
    (day && MONTH_NAMES
        .iter()
        .any(|m| before.ends_with(m) || after.starts_with(m)))
        || after.starts_with("a.m")
        || after.starts_with("p.m")
        || after.starts_with("am ")
        || after.starts_with("pm ")
        || text[end..].starts_with(':')
        || text[..start].ends_with(':')
}

/// Content words, lowercased and crudely stemmed ("evacuated", "evacuation" → "evacuat").
fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .map(|w| {
            w.trim_matches(|c| c == '\'' || c == '’')
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .filter(|w| w.chars().count() >= 3 && !is_stopword(w))
        .map(|w| stem(&w))
}

fn stem(w: &str) -> String {
    for suffix in ["ions", "ion", "ing", "ed", "es", "s", "ly"] {
        if let Some(root) = w.strip_suffix(suffix)
            && root.chars().count() >= 4
        {
            return root.to_owned();
        }
    }
    w.to_owned()
}

fn is_stopword(w: &str) -> bool {
    const STOP: &[&str] = &[
        "the",
        "and",
        "for",
        "that",
        "this",
        "with",
        "from",
        "was",
        "were",
        "are",
        "been",
        "has",
        "have",
        "had",
        "its",
        "his",
        "her",
        "their",
        "they",
        "them",
        "she",
        "him",
        "who",
        "which",
        "what",
        "when",
        "where",
        "will",
        "would",
        "could",
        "should",
        "can",
        "not",
        "but",
        "about",
        "after",
        "before",
        "into",
        "out",
        "over",
        "than",
        "then",
        "there",
        "these",
        "those",
        "our",
        "all",
        "any",
        "some",
        "more",
        "most",
        "also",
        "just",
        "only",
        "very",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "reported",
        "report",
        "quoted",
        "added",
        "stated",
        "statement",
        "you",
        "your",
        "nobody",
        "everyone",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "hundred",
        "thousand",
        "million",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "month",
        "year",
        "earlier",
        "later",
        "now",
        "still",
        "such",
        "other",
        "within",
        "until",
        "while",
        "because",
        "being",
        "did",
        "does",
        "how",
        "why",
        "yet",
        "per",
        "cent",
        "percent",
    ];
    STOP.contains(&w) || MONTH_NAMES.contains(&w)
}

/// The command that confirms `suggestion` as a claim labelled `label` (the suggestion's
/// own label when `None`). Entries already in another claim move: the old claim is
/// replaced without them (or removed, if it is left empty and unreviewed), in one batch so
/// it undoes as one step.
pub fn apply_suggestion(
    project: &mut Project,
    suggestion: &ClaimSuggestion,
    label: Option<&str>,
) -> Command {
    let label = label
        .map(str::to_owned)
        .unwrap_or_else(|| suggestion.label.clone());
    project.new_claim_command(label, &suggestion.entries)
}

pub(super) struct UnionFind(Vec<usize>);

impl UnionFind {
    pub(super) fn new(n: usize) -> Self {
        Self((0..n).collect())
    }

    pub(super) fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, CharRange, Evidence};

    #[test]
    fn numbers_normalize_and_skip_dates() {
        let n = |t: &str| {
            numbers(t)
                .into_iter()
                .map(|(k, _)| k / 100)
                .collect::<Vec<_>>()
        };
        assert_eq!(n("about 1,200 residents"), vec![1200]);
        assert_eq!(n("1200 people"), vec![1200]);
        assert_eq!(n("1.2 thousand people"), vec![1200]);
        assert_eq!(n("Fourteen people"), vec![14]);
        assert_eq!(n("on March 3, 2026 at 2 p.m. and 14:30"), Vec::<i64>::new());
        assert_eq!(
            n("three hours, 5 people"),
            Vec::<i64>::new(),
            "small numbers are noise"
        );
    }

    #[test]
    fn terms_stem_and_drop_stopwords() {
        let t: BTreeSet<String> =
            terms("Residents were evacuated; the evacuation said Monday").collect();
        assert_eq!(
            t.into_iter().collect::<Vec<_>>(),
            vec!["evacuat".to_owned(), "resident".to_owned()]
        );
    }

    #[test]
    fn surnames_only_for_named_people() {
        assert_eq!(
            surname_of("Mayor Oskar Lindqvar").as_deref(),
            Some("lindqvar")
        );
        assert_eq!(surname_of("Ilse Varnholt").as_deref(), Some("varnholt"));
        assert_eq!(surname_of("a spokesperson"), None);
        assert_eq!(surname_of("Lindqvar").as_deref(), Some("lindqvar"));
        assert_eq!(surname_of("the ministry"), None);
    }

    fn project_with(statements: &[(&str, &str, &str)]) -> Project {
        let mut p = Project::new("t", chrono::Utc::now());
        for (i, (outlet, speaker, quote)) in statements.iter().enumerate() {
            let sid = p.new_source_id();
            let mut s = Source::from_text(sid, format!("s{i}"), *quote);
            s.outlet = Some((*outlet).into());
            s.published = TimeSpan::parse(&format!("2026-03-0{}", i + 2), None).ok();
            p.sources.push(s);
            let id = p.new_entry_id();
            let mut e = Entry::new(id, EntryKind::Statement, *quote, chrono::Utc::now());
            e.reported_time = p.sources.last().unwrap().published.clone();
            e.attribution = Some(Attribution {
                speaker: (*speaker).into(),
                quote: (*quote).into(),
                ..Attribution::default()
            });
            e.evidence.push(Evidence {
                source: sid,
                range: CharRange::new(0, quote.chars().count()),
                role: "content".into(),
            });
            p.entries.push(e);
        }
        p
    }

    #[test]
    fn same_figure_and_speaker_across_sources_is_suggested() {
        let mut p = project_with(&[
            (
                "Wire",
                "Ilse Varnholt",
                "About 1,200 residents were evacuated from the east",
            ),
            ("Daily", "Varnholt", "1200 residents evacuated"),
            ("Daily", "Kai Brenner", "The bridge will reopen in 30 days"),
        ]);
        let s = suggest_claims(&p);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].entries, vec![p.entries[0].id, p.entries[1].id]);
        assert!(
            s[0].reasons.iter().any(|r| r.contains("1,200")),
            "{:?}",
            s[0].reasons
        );
        assert!(s[0].reasons.iter().any(|r| r.contains("Varnholt")));
        let cmd = apply_suggestion(&mut p, &s[0], None);
        p.apply(cmd).unwrap();
        assert_eq!(p.claims.len(), 1);
        assert!(
            suggest_claims(&p).is_empty(),
            "a confirmed claim is not suggested again"
        );
    }

    #[test]
    fn one_source_is_never_paired_with_itself() {
        let mut p = project_with(&[
            (
                "Wire",
                "Ilse Varnholt",
                "About 1,200 residents were evacuated",
            ),
            (
                "Wire2",
                "Ilse Varnholt",
                "About 1,200 residents were evacuated",
            ),
        ]);
        let first = p.entries[0].evidence[0].source;
        p.entries[1].evidence[0].source = first;
        assert!(suggest_claims(&p).is_empty());
    }

    #[test]
    fn applying_moves_an_entry_out_of_its_old_claim() {
        let mut p = project_with(&[
            (
                "Wire",
                "Ilse Varnholt",
                "About 1,200 residents were evacuated",
            ),
            (
                "Daily",
                "Ilse Varnholt",
                "About 1,200 residents were evacuated",
            ),
            ("Post", "Kai Brenner", "The bridge will reopen in 30 days"),
        ]);
        let (a, b, c) = (p.entries[0].id, p.entries[1].id, p.entries[2].id);
        let mut old = Claim::new(p.new_claim_id(), "old", chrono::Utc::now());
        old.entries = vec![b, c];
        let old_id = old.id;
        p.claims.push(old);
        let s = suggest_claims(&p);
        assert_eq!(s.len(), 1);
        let cmd = apply_suggestion(&mut p, &s[0], Some("evacuation"));
        assert!(matches!(cmd, Command::Batch(_)));
        let undo = p.apply(cmd).unwrap();
        assert_eq!(p.claim(old_id).unwrap().entries, vec![c]);
        let new = p.claim_of(a).unwrap();
        assert_eq!(new.label, "evacuation");
        assert_eq!(p.claim_of(b).unwrap().id, new.id);
        p.apply(undo).unwrap();
        assert_eq!(p.claims.len(), 1);
        assert_eq!(p.claim(old_id).unwrap().entries, vec![b, c]);
    }
}
