//! The same event across sources: entries from different articles that report the same thing
//! on the same day (the strike's start told by fourteen outlets, the minister's words quoted
//! by six), grouped, with every source kept as evidence: "reported by 14 sources, first by …".
//!
//! Entries are compared as same-claim suggestions compare them ([`super::lineage`]: numbers,
//! key terms, speaker, relays), but only within one day: candidate pairs come from postings
//! keyed by *(day, key)*, where a key is a distinctive number, a content term or a speaker's
//! surname. A key shared by more than [`MAX_POSTING`] entries on one day is too common to
//! propose pairs ("strike" on the strike's first day), so the pairs scored are at most
//! O(keys × MAX_POSTING²) and in practice a few per entry: grouping 25,000 entries takes well
//! under a second (docs/PERFORMANCE.md), not the hours all pairs would.
//!
//! Pairs scoring at least [`THRESHOLD`] are joined (union-find). Only entries with a day (or
//! finer) time are grouped: "in 2010" is not an event anyone reports the same way twice.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::lineage::{self, Features, UnionFind};
use crate::model::{Entry, EntryId, Precision, Project, Source, SourceId, Status};

/// Pairs scoring at least this report the same event (same scale as
/// [`lineage::THRESHOLD`]; the day is already shared, which the pair score does not count).
pub const THRESHOLD: f32 = 0.4;

/// A (day, key) posting longer than this proposes no pairs.
pub const MAX_POSTING: usize = 48;

/// Reasons kept per group.
const MAX_REASONS: usize = 4;

/// Entries from two or more sources that report one event.
#[derive(Clone, Debug, PartialEq)]
pub struct EventGroup {
    /// The day they place it on.
    pub day: NaiveDate,
    /// Earliest known first (reported, else said time), then by id.
    pub entries: Vec<EntryId>,
    /// The sources behind the entries, first published first.
    pub sources: Vec<SourceId>,
    /// The label of the entry most like the others.
    pub label: String,
    /// Why, in words ("same number 1,200", "key terms: …"), strongest pair first.
    pub reasons: Vec<String>,
}

/// Every group of a project, and which group each grouped entry is in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventGroups {
    /// By day, then most sources first.
    pub groups: Vec<EventGroup>,
    of: HashMap<EntryId, usize>,
    /// Pairs compared, for tests and benches of the blocking.
    pub pairs_scored: usize,
}

impl EventGroups {
    /// The group `entry` belongs to, if any.
    pub fn of(&self, entry: EntryId) -> Option<&EventGroup> {
        self.index_of(entry).map(|i| &self.groups[i])
    }

    /// The position in [`Self::groups`] of `entry`'s group.
    pub fn index_of(&self, entry: EntryId) -> Option<usize> {
        self.of.get(&entry).copied()
    }
}

/// One entry's day, source and comparison features.
struct Item<'p> {
    entry: &'p Entry,
    day: NaiveDate,
    features: Features,
    /// When its source was published (for "first by"), as seconds.
    published: f64,
}

/// The day an entry is placed on, when it is known to the day.
fn day_of(e: &Entry) -> Option<NaiveDate> {
    let t = e.primary_time()?;
    (t.precision >= Precision::Day && !t.approximate).then(|| t.start.date())
}

/// Groups `project`'s entries that report the same event in different sources.
pub fn event_groups(project: &Project) -> EventGroups {
    let sources: HashMap<SourceId, &Source> = project.sources.iter().map(|s| (s.id, s)).collect();
    let items: Vec<Item> = project
        .entries
        .iter()
        .filter(|e| e.status != Status::Rejected)
        .filter_map(|e| {
            let day = day_of(e)?;
            let features = lineage::features(e, &sources);
            let source = sources.get(&features.source?)?;
            let published = source
                .published
                .as_ref()
                .map_or(f64::INFINITY, |t| t.start_seconds());
            Some(Item {
                entry: e,
                day,
                features,
                published,
            })
        })
        .collect();

    // Postings by (day, key), keys hashed.
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let f = &item.features;
        let mut keys: Vec<u64> = f
            .numbers
            .iter()
            .map(|(n, _)| key_hash(item.day, 'n', &n.to_string()))
            .chain(f.terms.iter().map(|t| key_hash(item.day, 't', t)))
            .chain(f.surname.iter().map(|s| key_hash(item.day, 's', s)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            postings.entry(k).or_default().push(i as u32);
        }
    }
    let mut lists: Vec<&Vec<u32>> = postings
        .values()
        .filter(|l| l.len() >= 2 && l.len() <= MAX_POSTING)
        .collect();
    // Deterministic: postings in the order of their first entry.
    lists.sort_unstable();

    let mut seen: HashSet<(u32, u32)> = HashSet::new();
    let mut joined: Vec<(f32, u32, u32, Vec<String>)> = Vec::new();
    let mut pairs_scored = 0;
    for list in lists {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let (a, b) = (&items[i as usize].features, &items[j as usize].features);
                if a.source == b.source || !seen.insert((i.min(j), i.max(j))) {
                    continue;
                }
                pairs_scored += 1;
                let (score, reasons) = lineage::score(a, b);
                if score >= THRESHOLD {
                    joined.push((score, i.min(j), i.max(j), reasons));
                }
            }
        }
    }

    // Average linkage over the similar pairs, strongest first: two groups join only when
    // most of their cross pairs are similar, so a chain of look-alikes (the rig "burned",
    // then "burned for 36 hours", then "36 workers") does not swallow a whole day.
    joined.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let similar: HashSet<(u32, u32)> = joined.iter().map(|p| (p.1, p.2)).collect();
    let is_similar = |a: usize, b: usize| similar.contains(&((a.min(b)) as u32, (a.max(b)) as u32));
    let mut uf = UnionFind::new(items.len());
    let mut members: HashMap<usize, Vec<usize>> = (0..items.len()).map(|i| (i, vec![i])).collect();
    let mut reasons_of: HashMap<usize, Vec<(f32, Vec<String>)>> = HashMap::new();
    for (score, i, j, reasons) in joined {
        let (ra, rb) = (uf.find(i as usize), uf.find(j as usize));
        if ra != rb {
            let (ma, mb) = (&members[&ra], &members[&rb]);
            let links = ma
                .iter()
                .map(|&x| mb.iter().filter(|&&y| is_similar(x, y)).count())
                .sum::<usize>();
            if links * 2 < ma.len() * mb.len() {
                continue;
            }
            uf.union(ra, rb);
            let root = uf.find(ra);
            let (keep, gone) = if root == ra { (ra, rb) } else { (rb, ra) };
            let moved = members.remove(&gone).unwrap_or_default();
            members
                .get_mut(&keep)
                .expect("a root has members")
                .extend(moved);
            let moved = reasons_of.remove(&gone).unwrap_or_default();
            reasons_of.entry(keep).or_default().extend(moved);
        }
        reasons_of
            .entry(uf.find(i as usize))
            .or_default()
            .push((score, reasons));
    }

    // Groups of two or more sources.
    let mut groups: Vec<EventGroup> = members
        .into_iter()
        .filter(|(_, m)| m.len() >= 2)
        .map(|(root, mut m)| {
            let known = |i: usize| items[i].entry.known_from().unwrap_or(f64::INFINITY);
            m.sort_by(|&a, &b| {
                known(a)
                    .total_cmp(&known(b))
                    .then(items[a].entry.id.cmp(&items[b].entry.id))
            });
            let mut by_source: Vec<(f64, SourceId)> = m
                .iter()
                .filter_map(|&i| Some((items[i].published, items[i].features.source?)))
                .collect();
            by_source.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut seen = HashSet::new();
            let sources: Vec<SourceId> = by_source
                .into_iter()
                .map(|(_, s)| s)
                .filter(|s| seen.insert(*s))
                .collect();
            // The label of the member most like the others (the first such in time).
            let (_, central) = m
                .iter()
                .copied()
                .enumerate()
                .max_by_key(|&(pos, a)| {
                    let links = m.iter().filter(|&&b| b != a && is_similar(a, b)).count();
                    (links, std::cmp::Reverse(pos))
                })
                .expect("a group has members");
            let label = items[central].entry.label.clone();
            let mut pairs = reasons_of.remove(&root).unwrap_or_default();
            pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
            let mut reasons: Vec<String> = Vec::new();
            for r in pairs.into_iter().flat_map(|p| p.1) {
                if reasons.len() < MAX_REASONS && !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
            EventGroup {
                day: items[m[0]].day,
                entries: m.iter().map(|&i| items[i].entry.id).collect(),
                sources,
                label,
                reasons,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        a.day
            .cmp(&b.day)
            .then(b.sources.len().cmp(&a.sources.len()))
            .then(a.entries.cmp(&b.entries))
    });
    let of = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.entries.iter().map(move |&e| (e, g)))
        .collect();
    EventGroups {
        groups,
        of,
        pairs_scored,
    }
}

fn key_hash(day: NaiveDate, kind: char, key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    day.hash(&mut h);
    kind.hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// "Reported by 14 sources, first by Meridian (20 Apr 2010)".
pub fn reported_by(project: &Project, group: &EventGroup) -> String {
    let n = group.sources.len();
    let first = group.sources.first().and_then(|&id| project.source(id));
    let name = first.map(|s| match s.outlet.as_deref().map(str::trim) {
        Some(o) if !o.is_empty() => o.to_owned(),
        _ => format!("“{}”", s.title.trim()),
    });
    let date = first
        .and_then(Source::published_date)
        .map(|d| format!(" ({})", d.format("%-d %b %Y")));
    match name {
        Some(name) => format!(
            "Reported by {n} sources, first by {name}{}",
            date.unwrap_or_default()
        ),
        None => format!("Reported by {n} sources"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, CharRange, Command, EntryKind, Evidence, TimeSpan};

    /// A project of one entry per `(source, day, speaker, text)`, each source published on
    /// the day after its entry's day.
    fn project(rows: &[(&str, &str, &str, &str)]) -> Project {
        let mut p = Project::default();
        let mut ids: HashMap<&str, SourceId> = HashMap::new();
        for &(outlet, day, speaker, text) in rows {
            let sid = *ids.entry(outlet).or_insert_with(|| {
                let id = p.new_source_id();
                let mut s = Source::from_text(id, format!("{outlet} report"), text);
                s.outlet = Some(outlet.into());
                s.published = Some(TimeSpan::parse(day, None).unwrap());
                p.apply(Command::InsertSource {
                    index: None,
                    source: Box::new(s),
                })
                .unwrap();
                id
            });
            let id = p.new_entry_id();
            let kind = if speaker.is_empty() {
                EntryKind::Event
            } else {
                EntryKind::Statement
            };
            let mut e = Entry::new(id, kind, text, chrono::Utc::now());
            e.event_time = Some(TimeSpan::parse(day, None).unwrap());
            e.evidence.push(Evidence {
                source: sid,
                // Not "content": the comparison then reads the entry's own label, since
                // the source's text is only its first row.
                range: CharRange::new(0, 1),
                role: "sentence".into(),
            });
            if !speaker.is_empty() {
                e.attribution = Some(Attribution {
                    speaker: speaker.into(),
                    quote: text.into(),
                    ..Attribution::default()
                });
            }
            p.apply(Command::InsertEntry {
                index: None,
                entry: Box::new(e),
            })
            .unwrap();
        }
        p
    }

    #[test]
    fn one_event_told_by_three_outlets_is_one_group_with_every_source() {
        let p = project(&[
            (
                "Meridian",
                "2024-05-05",
                "",
                "Dockers at Port Aldine walked out over pay, halting 40 ships",
            ),
            (
                "Coastline",
                "2024-05-05",
                "",
                "Port Aldine dockers walked out on Sunday, leaving 40 ships waiting",
            ),
            (
                "Harbour Post",
                "2024-05-05",
                "",
                "Forty ships wait as Port Aldine dockers walk out over pay",
            ),
            // Another day, same words: another event.
            (
                "Harbour Post",
                "2024-05-13",
                "",
                "Port Aldine dockers walked back in after the pay vote",
            ),
            // Same day, other news.
            (
                "Coastline",
                "2024-05-05",
                "",
                "The county fair opened with a record crowd of visitors",
            ),
        ]);
        let g = event_groups(&p);
        assert_eq!(g.groups.len(), 1, "{:#?}", g.groups);
        let group = &g.groups[0];
        assert_eq!(group.entries.len(), 3);
        assert_eq!(group.sources.len(), 3);
        assert_eq!(group.day, NaiveDate::from_ymd_opt(2024, 5, 5).unwrap());
        assert!(
            group.reasons.iter().any(|r| r.contains("key terms")),
            "{:?}",
            group.reasons
        );
        for e in &p.entries[..3] {
            assert_eq!(g.of(e.id), Some(group));
        }
        assert!(g.of(p.entries[3].id).is_none());
        assert!(g.of(p.entries[4].id).is_none());
        let says = reported_by(&p, group);
        assert!(
            says.starts_with("Reported by 3 sources, first by "),
            "{says}"
        );
    }

    #[test]
    fn lanes_by_same_event_give_each_group_its_lane_in_date_order() {
        use crate::timeline::{GroupBy, TimelineIndex};
        let p = project(&[
            (
                "Meridian",
                "2024-05-07",
                "",
                "The transport minister appointed a mediator for the 12 berths",
            ),
            (
                "Coastline",
                "2024-05-07",
                "",
                "A mediator for the 12 berths was appointed by the transport minister",
            ),
            (
                "Meridian",
                "2024-05-05",
                "",
                "Dockers at Port Aldine walked out over pay, halting 40 ships",
            ),
            (
                "Coastline",
                "2024-05-05",
                "",
                "Port Aldine dockers walked out over pay; 40 ships wait",
            ),
            (
                "Harbour Post",
                "2024-05-06",
                "",
                "The county fair opened with a record crowd of visitors",
            ),
        ]);
        let index = TimelineIndex::build(&p, GroupBy::Event);
        let labels: Vec<&str> = index.lanes().iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels.len(), 3, "{labels:?}");
        assert!(labels[0].starts_with("5 May 2024 · "), "{labels:?}");
        assert!(labels[0].ends_with(" · 2 sources"), "{labels:?}");
        assert!(labels[1].starts_with("7 May 2024 · "), "{labels:?}");
        assert_eq!(labels[2], "(reported once)");
        assert_eq!(index.lanes()[2].entries, 1);
    }

    #[test]
    fn the_same_words_quoted_by_several_outlets_group_but_one_source_never_alone() {
        let p = project(&[
            (
                "Meridian",
                "2024-05-07",
                "Minister Ada Varnholt",
                "We will appoint a mediator within 48 hours",
            ),
            (
                "Coastline",
                "2024-05-07",
                "Ada Varnholt",
                "we will appoint a mediator within 48 hours",
            ),
            // Two entries of one source about the same thing: not a cross-source report.
            (
                "Harbour Post",
                "2024-05-09",
                "",
                "Talks resumed at the harbour office with 12 negotiators",
            ),
            (
                "Harbour Post",
                "2024-05-09",
                "",
                "12 negotiators resumed talks at the harbour office",
            ),
        ]);
        let g = event_groups(&p);
        assert_eq!(g.groups.len(), 1, "{:#?}", g.groups);
        assert_eq!(g.groups[0].entries, [p.entries[0].id, p.entries[1].id]);
        assert!(
            g.groups[0]
                .reasons
                .iter()
                .any(|r| r.contains("same number 48")),
            "{:?}",
            g.groups[0].reasons
        );
    }

    #[test]
    fn vague_or_year_times_and_rejected_entries_are_not_grouped() {
        let mut p = project(&[
            (
                "Meridian",
                "2010",
                "",
                "The spill poured 5,000 barrels a day into the gulf waters",
            ),
            (
                "Coastline",
                "2010",
                "",
                "5,000 barrels a day poured into the gulf waters from the spill",
            ),
            (
                "Meridian",
                "2010-04-22",
                "",
                "The Deepwater Horizon rig sank with 11 workers missing",
            ),
            (
                "Coastline",
                "2010-04-22",
                "",
                "Deepwater Horizon sank, 11 workers still missing",
            ),
        ]);
        assert_eq!(event_groups(&p).groups.len(), 1);
        let mut e = p.entries[3].clone();
        e.status = Status::Rejected;
        p.apply(Command::ReplaceEntry(Box::new(e))).unwrap();
        assert!(event_groups(&p).groups.is_empty());
    }

    #[test]
    fn pairs_scored_stay_proportional_to_entries_not_their_square() {
        // Many sources, each reporting 4 events a day over 60 days with shared vocabulary:
        // blocking by (day, key) must keep the comparisons near-linear.
        let outlets = ["A", "B", "C", "D", "E", "F", "G", "H"];
        let mut rows: Vec<(String, String, String)> = Vec::new();
        for day in 1..=60 {
            let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(day);
            for (o, outlet) in outlets.iter().enumerate() {
                for k in 0..4 {
                    rows.push((
                        outlet.to_string(),
                        date.to_string(),
                        format!(
                            "Crews reported {} barrels of oil recovered near site {k} by team {o}",
                            100 + k
                        ),
                    ));
                }
            }
        }
        let refs: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|(o, d, t)| (o.as_str(), d.as_str(), "", t.as_str()))
            .collect();
        let p = project(&refs);
        let n = p.entries.len();
        let g = event_groups(&p);
        assert_eq!(n, 60 * 8 * 4);
        assert!(
            g.pairs_scored <= 40 * n,
            "{} pairs for {n} entries (all pairs: {})",
            g.pairs_scored,
            n * (n - 1) / 2
        );
        // The same site's report on one day from the 8 outlets is one group.
        assert_eq!(g.groups.len(), 60 * 4, "{}", g.groups.len());
        assert!(g.groups.iter().all(|g| g.sources.len() == 8));
    }
}
