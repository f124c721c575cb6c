//! Deterministic synthetic projects for benchmarks, scale tests and demos, and the
//! three-article story ([`story_project`]) that shows how reporting unfolds.

use chrono::{TimeZone as _, Utc};

use crate::model::{
    Attribution, CharRange, Command, Entry, EntryId, EntryKind, Evidence, Project, Review, Source,
    SourceId, Status, TimeSpan, TimexValue, Verification, YearPart,
};

/// splitmix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SPEAKERS: [&str; 6] = [
    "Vladyslav Voloshyn",
    "a spokesperson",
    "Mediazone",
    "experts",
    "Astraia Intel (@astraiaintel)",
    "the ministry",
];

/// A project with `entries` entries spread over 1990–2025 across `entries / 50 + 1`
/// sources, in many precisions; the same `seed` gives the same project.
pub fn project(entries: usize, seed: u64) -> Project {
    let mut rng = Rng(seed);
    let now = Utc.with_ymd_and_hms(2025, 8, 21, 12, 0, 0).unwrap();
    let mut p = Project::new(format!("Demo ({entries} entries)"), now);
    let n_sources = entries / 50 + 1;
    let text =
        "Officials said the situation had changed. “We are ready,” a spokesperson told reporters.";
    for i in 0..n_sources {
        let id = p.new_source_id();
        let mut s = Source::from_text(id, format!("Report {}", i + 1), text);
        s.outlet = Some(["UATV", "Ukrinform", "Mediazone", "The Daily Digest"][i % 4].into());
        s.published = Some(TimeSpan::day(
            chrono::NaiveDate::from_ymd_opt(2025, 1 + (i % 12) as u32, 1 + (i % 28) as u32)
                .expect("valid date"),
        ));
        p.sources.push(s);
    }
    for i in 0..entries {
        let id = p.new_entry_id();
        let year = 1990 + rng.below(36) as i32;
        let value = match rng.below(6) {
            0 => TimexValue::year(year),
            1 => TimexValue::YearPart {
                year,
                part: YearPart::Half(1 + rng.below(2) as u8),
            },
            2 => TimexValue::Calendar(crate::model::CalendarValue::month(
                year,
                1 + rng.below(12) as u32,
            )),
            _ => TimexValue::day(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32),
        };
        let time = TimeSpan::from_value(value, None).expect("demo values are placeable");
        let kind = if rng.below(2) == 0 {
            EntryKind::Event
        } else {
            EntryKind::Statement
        };
        let mut e = Entry::new(id, kind, format!("Entry {i}: something happened"), now);
        e.event_time = Some(time);
        let source = &p.sources[i % n_sources];
        e.reported_time = source.published.clone();
        if kind == EntryKind::Statement {
            let speaker = SPEAKERS[rng.below(SPEAKERS.len() as u64) as usize];
            e.attribution = Some(Attribution {
                speaker: speaker.into(),
                cue: "said".into(),
                quote: "We are ready".into(),
                direct: true,
                ..Attribution::default()
            });
            e.said_time = source.published.clone();
        }
        e.evidence.push(Evidence {
            source: source.id,
            range: CharRange::new(0, 41),
            role: "content".into(),
        });
        e.status = match rng.below(4) {
            0 => Status::Accepted,
            1 => Status::Rejected,
            _ => Status::Candidate,
        };
        e.confidence = 0.5 + (rng.below(50) as f32) / 100.0;
        if rng.below(5) == 0 {
            e.tags.push("disputed".into());
        }
        p.entries.push(e);
    }
    p
}

/// One article of the story: `(file name, text, published, outlet)`.
pub const STORY: [(&str, &str, &str, &str); 3] = [
    (
        "1-meridian-evacuation.txt",
        include_str!("../tests/fixtures/story/1-meridian-evacuation.txt"),
        "2026-03-03",
        "Meridian News Agency",
    ),
    (
        "2-courier-follow-up.txt",
        include_str!("../tests/fixtures/story/2-courier-follow-up.txt"),
        "2026-03-05",
        "The Drevna Valley Courier",
    ),
    (
        "3-meridian-correction.txt",
        include_str!("../tests/fixtures/story/3-meridian-correction.txt"),
        "2026-03-06",
        "Meridian News Agency",
    ),
];

/// Reads `bytes` as the CLI's `import` does (ingest, then extraction), and adds the source
/// and its candidate entries to `project` in one command. `published` and `outlet` override
/// the article's metadata when given.
pub fn import_article(
    project: &mut Project,
    name: &str,
    bytes: &[u8],
    published: Option<TimeSpan>,
    outlet: Option<&str>,
) -> Result<SourceId, ImportError> {
    let doc = crate::ingest::read_bytes(bytes, name)?
        .into_iter()
        .next()
        .ok_or_else(|| ImportError::Empty(name.to_owned()))?;
    let mut source = doc.into_source(project.new_source_id());
    if let Some(p) = published {
        source.published = Some(p);
        source.published_from = Some("given".into());
    }
    if let Some(o) = outlet {
        source.outlet = Some(o.to_owned());
    }
    let id = source.id;
    let extraction = crate::extract::extract(&source, &crate::extract::Options::default());
    let entries = extraction.to_entries(&source, project);
    project.apply(Command::Batch(crate::extract::insert_commands(
        source, entries,
    )))?;
    Ok(id)
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Ingest(#[from] crate::ingest::IngestError),
    #[error("{0}: no article found")]
    Empty(String),
    #[error(transparent)]
    Command(#[from] crate::model::CommandError),
}

/// The Drevna chlorine-leak story (fictional): an agency report, a follow-up relaying it, and
/// the agency's correction, with extraction run, same-claim suggestions confirmed as claims,
/// and the corrected figure and the withdrawn statement reviewed as settled by the notices.
pub fn story_project() -> Project {
    let now = Utc.with_ymd_and_hms(2026, 3, 7, 9, 0, 0).unwrap();
    let mut p = Project::new("Drevna chlorine leak", now);
    for (name, text, published, outlet) in STORY {
        let published = TimeSpan::parse(published, None).expect("story dates are valid");
        import_article(&mut p, name, text.as_bytes(), Some(published), Some(outlet))
            .expect("the story articles import");
    }
    for s in crate::story::lineage::suggest_claims(&p) {
        let cmd = crate::story::lineage::apply_suggestion(&mut p, &s, None);
        p.apply(cmd)
            .expect("suggestions apply to the project they came from");
    }
    let notices: Vec<(EntryId, String, Option<chrono::NaiveDate>, String)> = p
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e
                .tags
                .iter()
                .find(|t| *t == "correction" || *t == "retraction")?;
            // The verdict dates from when the notice was public, not from the withdrawal
            // it reports ("on Thursday", published Friday).
            let day = e
                .known_from()
                .and_then(crate::model::datetime_from_seconds)
                .map(|t| t.date());
            Some((e.id, tag.clone(), day, e.label.clone()))
        })
        .collect();
    for (notice, tag, day, label) in notices {
        let Some(index) = p.claim_of(notice).and_then(|c| p.claim_index(c.id)) else {
            continue;
        };
        let claim = &mut p.claims[index];
        if claim.review.settled_by.is_some() {
            continue;
        }
        let (state, note) = if tag == "retraction" {
            (
                Verification::Retracted,
                format!("Withdrawn by the speaker: {label}"),
            )
        } else {
            (
                Verification::False,
                format!("Corrected by the publisher: {label}"),
            )
        };
        claim.review = Review {
            state,
            note,
            reviewer: "Claimline demo".into(),
            date: day,
            settled_by: Some(notice),
            ..Review::default()
        };
        claim.modified = now;
    }
    p
}

/// A story's coverage for benchmarks of the layer across sources ([`crate::story`]):
/// `entries` day-dated entries over 120 days in `entries / 20 + 1` articles from 12 outlets.
/// A quarter of the entries report an event that two to eight articles share (its key words
/// and figure, in their own filler words); the rest are reported once. The same `seed` gives
/// the same project.
pub fn coverage_project(entries: usize, seed: u64) -> Project {
    const OUTLETS: [&str; 12] = [
        "Northwire",
        "Meridian",
        "Coastline",
        "Harbour Post",
        "Radio Sarrow",
        "Estrel Herald",
        "The Ledger",
        "Valmora Today",
        "Daily Courier",
        "Signal",
        "Wirepoint",
        "The Observer",
    ];
    let mut rng = Rng(seed);
    let word = |rng: &mut Rng| -> String {
        // Pronounceable pseudo-words: a vocabulary of a few thousand.
        const SYL: [&str; 16] = [
            "ka", "lo", "mi", "ren", "sa", "tor", "vel", "du", "na", "pe", "ri", "gan", "bo", "te",
            "lis", "mar",
        ];
        (0..3).map(|_| SYL[rng.below(16) as usize]).collect()
    };
    let now = Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap();
    let mut p = Project::new(format!("Coverage ({entries} entries)"), now);
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    let n_sources = entries / 20 + 1;
    let mut sources = Vec::with_capacity(n_sources);
    for i in 0..n_sources {
        let id = p.new_source_id();
        let day = start + chrono::Duration::days(rng.below(120) as i64);
        let mut s = Source::from_text(id, format!("Article {}", i + 1), "");
        s.outlet = Some(OUTLETS[i % OUTLETS.len()].into());
        s.published = Some(TimeSpan::day(day));
        sources.push(id);
        p.sources.push(s);
    }
    let mut made = 0;
    while made < entries {
        let day = start + chrono::Duration::days(rng.below(120) as i64);
        let shared = rng.below(4) == 0;
        let reports = if shared { 2 + rng.below(7) as usize } else { 1 };
        let keys: Vec<String> = (0..3).map(|_| word(&mut rng)).collect();
        let figure = 10 + rng.below(5000);
        for _ in 0..reports.min(entries - made) {
            let mut words: Vec<String> = keys.clone();
            words.extend((0..6).map(|_| word(&mut rng)));
            words.push(figure.to_string());
            let label = words.join(" ");
            let id = p.new_entry_id();
            let mut e = Entry::new(id, EntryKind::Event, label, now);
            e.event_time = Some(TimeSpan::day(day));
            e.evidence.push(Evidence {
                source: sources[rng.below(n_sources as u64) as usize],
                range: CharRange::new(0, 0),
                role: String::new(),
            });
            p.entries.push(e);
            made += 1;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_seed_same_project() {
        let a = super::project(200, 7);
        let b = super::project(200, 7);
        assert_eq!(a.entries, b.entries);
        assert_eq!(a.entries.len(), 200);
        assert_eq!(a.sources.len(), 5);
        assert!(a.structural_problems().is_empty());
        assert_ne!(super::project(200, 8).entries, a.entries);
    }
}
