//! A three-article story with one claim, shared by the core and UI tests: a wire report
//! (2 March), a follow-up relaying it (4 March) and the wire's correction (6 March) that
//! settles the claim as false.

use chrono::{NaiveDate, Utc};
use claimline::model::{
    Attribution, CharRange, Claim, Command, Entry, EntryId, EntryKind, Evidence, Project, Review,
    Source, SourceId, TimeSpan, Verification,
};

pub struct Story {
    pub project: Project,
    pub wire: EntryId,
    pub daily: EntryId,
    pub correction: EntryId,
}

impl Story {
    /// When the wire's report was published (its reported time).
    pub fn wire_reported(&self) -> TimeSpan {
        let wire = self.project.entry(self.wire).expect("the wire's entry");
        wire.reported_time.clone().expect("the wire is dated")
    }
}

pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

pub fn story() -> Story {
    let now = Utc::now();
    let mut p = Project::new("Dam story", now);
    let source = |p: &mut Project, outlet: &str, published: &str| -> SourceId {
        let id = p.new_source_id();
        let mut s = Source::from_text(id, format!("{outlet} report"), "text of the report");
        s.outlet = Some(outlet.into());
        s.published = Some(TimeSpan::parse(published, None).unwrap());
        p.apply(Command::InsertSource {
            index: None,
            source: Box::new(s),
        })
        .unwrap();
        id
    };
    let wire_src = source(&mut p, "Northwire", "2026-03-02");
    let daily_src = source(&mut p, "Daily Ledger", "2026-03-04");
    let fix_src = source(&mut p, "Northwire", "2026-03-06");
    let entry = |p: &mut Project, kind, label: &str, src, event: Option<&str>, rep: &str| {
        let id = p.new_entry_id();
        let mut e = Entry::new(id, kind, label, now);
        e.event_time = event.map(|v| TimeSpan::parse(v, None).unwrap());
        e.reported_time = Some(TimeSpan::parse(rep, None).unwrap());
        if kind == EntryKind::Statement {
            e.said_time = e.reported_time.clone();
            e.attribution = Some(Attribution {
                speaker: "Marta Kovalenko".into(),
                ..Attribution::default()
            });
        }
        e.evidence.push(Evidence {
            source: src,
            range: CharRange::new(0, 4),
            role: "content".into(),
        });
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e),
        })
        .unwrap();
        id
    };
    let wire = entry(
        &mut p,
        EntryKind::Statement,
        "1,200 residents evacuated",
        wire_src,
        Some("2025-06"),
        "2026-03-02",
    );
    let daily = entry(
        &mut p,
        EntryKind::Statement,
        "About 1,200 people evacuated",
        daily_src,
        Some("2025-06"),
        "2026-03-04",
    );
    let correction = entry(
        &mut p,
        EntryKind::Event,
        "Correction: the figure was 700",
        fix_src,
        Some("2026-03-06"),
        "2026-03-06",
    );
    let mut claim = Claim::new(p.new_claim_id(), "1,200 residents evacuated", now);
    claim.entries = vec![daily, wire];
    claim.review = Review {
        state: Verification::False,
        date: Some(day(6)),
        settled_by: Some(correction),
        ..Review::default()
    };
    p.apply(Command::InsertClaim {
        index: None,
        claim: Box::new(claim),
    })
    .unwrap();
    Story {
        project: p,
        wire,
        daily,
        correction,
    }
}
