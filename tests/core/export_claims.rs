//! Claims and "as known on" in every export format.
//!
//! The fixture is one story in three articles: an agency report (2 Mar 2026), a paper
//! relaying it (4 Mar), and the agency's retraction (6 Mar, reviewed that day). A second
//! claim was corroborated on 3 Mar; a third is unverified; one entry has no publication time.

use chrono::{NaiveDate, TimeZone, Utc};
use claimline::export::{self, ExportFormat, ExportOptions, Selection};
use claimline::model::{
    Attribution, CharRange, Claim, ClaimId, Entry, EntryId, EntryKind, Evidence, Project, Review,
    Source, SourceId, Status, TimeSpan, Verification,
};
use serde_json::Value;

const AGENCY_LABEL: &str = "Agency reports 4,500 desertions";
const RELAY_LABEL: &str = "Digest relays the desertion figure";
const RETRACTION_LABEL: &str = "Agency retracts the desertion figure";
const BRIEFING_LABEL: &str = "Ministry briefing on rotations";
const UNTIMED_LABEL: &str = "Rotation schedule (undated)";
const CLAIM_LABEL: &str = "About 4,500 soldiers deserted in H1 2023";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn fixture() -> Project {
    let now = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
    let mut p = Project::new("Desertion figure", now);
    let source = |id: u64, title: &str, outlet: &str, url: &str, published: u32| {
        let mut s = Source::from_text(SourceId(id), title, "Article text.");
        s.outlet = Some(outlet.into());
        s.url = Some(url.into());
        s.published = Some(TimeSpan::day(day(published)));
        s
    };
    p.sources = vec![
        source(
            1,
            "Thousands deserted, spokesperson says",
            "Ukrinform",
            "https://example.org/agency/1",
            2,
        ),
        source(
            2,
            "Desertions: what we know",
            "The Daily Digest",
            "https://example.org/digest/2",
            4,
        ),
        source(
            3,
            "Correction: desertion figure",
            "Ukrinform",
            "https://example.org/agency/correction",
            6,
        ),
    ];
    let entry = |id: u64, kind: EntryKind, label: &str, source: u64, reported: Option<u32>| {
        let mut e = Entry::new(EntryId(id), kind, label, now);
        e.reported_time = reported.map(|d| TimeSpan::day(day(d)));
        e.event_time = Some(TimeSpan::parse("2023-H1", None).unwrap());
        e.status = Status::Accepted;
        e.evidence.push(Evidence {
            source: SourceId(source),
            range: CharRange::new(0, 7),
            role: "content".into(),
        });
        e
    };
    let mut agency = entry(10, EntryKind::Statement, AGENCY_LABEL, 1, Some(2));
    agency.attribution = Some(Attribution {
        speaker: "Vladyslav Voloshyn".into(),
        cue: "told".into(),
        quote: "about 4,500 soldiers left their units".into(),
        ..Attribution::default()
    });
    let relay = entry(11, EntryKind::Statement, RELAY_LABEL, 2, Some(4));
    let mut retraction = entry(12, EntryKind::Event, RETRACTION_LABEL, 3, Some(6));
    retraction.event_time = Some(TimeSpan::day(day(6)));
    let briefing = entry(13, EntryKind::Statement, BRIEFING_LABEL, 1, Some(2));
    let untimed = entry(14, EntryKind::Event, UNTIMED_LABEL, 1, None);
    p.entries = vec![agency, relay, retraction, briefing, untimed];

    let mut retracted = Claim::new(ClaimId(20), CLAIM_LABEL, now);
    retracted.entries = vec![EntryId(11), EntryId(10)];
    retracted.review = Review {
        state: Verification::Retracted,
        rating: None,
        rating_label: String::new(),
        note: "The agency withdrew the figure.".into(),
        reviewer: "Ana Kovalenko".into(),
        date: Some(day(6)),
        settled_by: Some(EntryId(12)),
    };
    let mut corroborated = Claim::new(ClaimId(21), "Rotations resume in March", now);
    corroborated.entries = vec![EntryId(13)];
    corroborated.review = Review {
        state: Verification::Corroborated,
        rating: Some(4),
        rating_label: "Mostly true".into(),
        reviewer: "Claimline Fact-Check Desk".into(),
        date: Some(day(3)),
        ..Review::default()
    };
    let mut unverified = Claim::new(ClaimId(22), "A schedule exists", now);
    unverified.entries = vec![EntryId(14)];
    p.claims = vec![retracted, corroborated, unverified];
    p.next_id = 30;
    assert!(p.structural_problems().is_empty());
    p
}

fn options(known_on: Option<NaiveDate>) -> ExportOptions {
    ExportOptions {
        selection: Selection {
            known_on,
            ..Selection::all()
        },
        ..ExportOptions::default()
    }
}

fn text(p: &Project, format: ExportFormat, known_on: Option<NaiveDate>) -> String {
    let bytes = export::export_bytes(p, format, &options(known_on))
        .unwrap_or_else(|e| panic!("{format}: {e}"))
        .bytes;
    String::from_utf8(bytes).unwrap()
}

fn claim_reviews(p: &Project, known_on: Option<NaiveDate>) -> Vec<Value> {
    let v: Value = serde_json::from_str(&text(p, ExportFormat::ClaimReview, known_on)).unwrap();
    v.as_array().expect("a JSON array").clone()
}

#[test]
fn an_entry_reported_later_is_left_out_of_every_format() {
    let p = fixture();
    let on = Some(day(3));
    for format in ExportFormat::ALL {
        let full = export::export_bytes(&p, format, &options(None))
            .unwrap()
            .bytes;
        let then = export::export_bytes(&p, format, &options(on))
            .unwrap()
            .bytes;
        assert_ne!(full, then, "{format}: the snapshot differs from today");
        if !format.is_text() {
            // PNG and PDF are drawn from the SVG checked below; here: still a valid file.
            assert!(
                then.starts_with(b"\x89PNG") || then.starts_with(b"%PDF"),
                "{format}"
            );
            continue;
        }
        let full = String::from_utf8(full).unwrap();
        let then = String::from_utf8(then).unwrap();
        if format == ExportFormat::ClaimReview {
            // Labels are not in it; the relay's article is an appearance.
            assert!(full.contains("https://example.org/digest/2"));
            assert!(!then.contains("https://example.org/digest/2"), "{then}");
            continue;
        }
        for later in [RELAY_LABEL, RETRACTION_LABEL] {
            assert!(full.contains(later), "{format}: {later} in the full export");
            assert!(!then.contains(later), "{format}: {later} was not known yet");
        }
        if format == ExportFormat::Svg {
            // The chart may hide a label that collides with another; the count cannot hide.
            assert!(
                then.contains("3 entries · as known on 3 Mar 2026"),
                "{then}"
            );
            assert!(full.contains("5 entries"));
            continue;
        }
        assert!(then.contains(AGENCY_LABEL), "{format}");
        if format != ExportFormat::TimelineJs {
            // No publication time: cannot be dated, so it stays (TimelineJS drops untimed).
            assert!(then.contains(UNTIMED_LABEL), "{format}");
        }
    }
}

#[test]
fn the_day_is_inclusive_to_its_last_minute() {
    let mut p = fixture();
    p.entries[1].reported_time = Some(TimeSpan::parse("2026-03-04T23:59", None).unwrap());
    let known = |d: u32| {
        export::selected_entries(
            &p,
            &Selection {
                known_on: Some(day(d)),
                ..Selection::all()
            },
        )
        .iter()
        .map(|e| e.id)
        .collect::<Vec<_>>()
    };
    assert!(known(4).contains(&EntryId(11)));
    assert!(!known(3).contains(&EntryId(11)));
    assert!(
        known(1).contains(&EntryId(14)),
        "undated entries always stay"
    );
    assert_eq!(known(1), vec![EntryId(14)]);
}

#[test]
fn a_claim_reviewed_after_the_day_shows_unverified() {
    let p = fixture();
    // 5 Mar: the relay is out, the retraction (6 Mar) is not.
    let on = Some(day(5));
    let md = text(&p, ExportFormat::Markdown, on);
    assert!(md.contains("· \\[unverified\\]"), "{md}");
    assert!(!md.contains("retracted\\]"), "{md}");
    assert!(!md.contains("Settled by"), "{md}");
    assert!(
        !md.contains("Ana Kovalenko"),
        "a later verdict's reviewer: {md}"
    );
    let full = text(&p, ExportFormat::Markdown, None);
    assert!(
        full.contains(&format!("### {CLAIM_LABEL} \\[retracted\\]")),
        "{full}"
    );
    assert!(
        full.contains("Settled by: Agency retracts the desertion figure (Ukrinform, 6 Mar 2026)"),
        "{full}"
    );

    let html = text(&p, ExportFormat::Html, on);
    assert!(html.contains("<span class=\"badge unverified\">unverified</span>"));
    assert!(!html.contains("badge retracted"));

    let csv = export::csv::import(&text(&p, ExportFormat::Csv, on), "x")
        .unwrap()
        .project;
    let claim = csv.claims.iter().find(|c| c.label == CLAIM_LABEL).unwrap();
    assert_eq!(claim.review.state, Verification::Unverified);

    let tljs = text(&p, ExportFormat::TimelineJs, on);
    assert!(tljs.contains("Verification: unverified"), "{tljs}");
    assert!(!tljs.contains("Verification: retracted"));
    assert!(tljs.contains("as known on 5 Mar 2026"));

    let json = claimline::model::file::from_json(
        &text(&p, ExportFormat::Json, on),
        std::path::Path::new("x"),
    )
    .unwrap();
    let claim = json.claim(ClaimId(20)).unwrap();
    assert_eq!(
        claim.review,
        Review::default(),
        "no trace of the later verdict"
    );
    assert_eq!(
        claim.entries,
        vec![EntryId(11), EntryId(10)],
        "the relay of 4 Mar is known"
    );
    // The corroboration of 3 Mar stands.
    let c = json.claim(ClaimId(21)).unwrap();
    assert_eq!(c.review.state, Verification::Corroborated);
}

#[test]
fn briefings_and_images_say_as_known_on_in_the_subtitle() {
    let p = fixture();
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Svg,
    ] {
        let then = text(&p, format, Some(day(4)));
        assert!(then.contains("as known on 4 Mar 2026"), "{format}");
        assert!(!text(&p, format, None).contains("as known on"), "{format}");
    }
}

#[test]
fn the_briefing_lists_claims_with_lineage_and_verdict() {
    let p = fixture();
    let md = text(&p, ExportFormat::Markdown, None);
    assert!(md.contains("## Claims"), "{md}");
    assert!(
        md.contains(
            "First reported by Ukrinform on 2 Mar 2026, then The Daily Digest (4 Mar 2026)."
        ),
        "{md}"
    );
    assert!(
        md.contains("Verification: **retracted** — Retracted (1/5) — by Ana Kovalenko, 6 Mar 2026"),
        "{md}"
    );
    assert!(md.contains("> The agency withdrew the figure."), "{md}");
    assert!(md.contains("Mostly true (4/5)"), "{md}");
    // Each entry of a claim carries a badge; entries without a claim do not.
    let badges = md.matches("· \\[").count();
    assert_eq!(badges, 4, "entries 10, 11, 13, 14 are in claims: {md}");
    // Claims section comes before the sources.
    assert!(md.find("## Claims").unwrap() < md.find("## Sources").unwrap());
    let html = text(&p, ExportFormat::Html, None);
    assert!(html.contains("<h2>Claims</h2>"));
    assert!(html.contains("First reported by Ukrinform on 2 Mar 2026"));
}

#[test]
fn claim_review_json_ld_has_the_fields_and_leaves_out_unverified_claims() {
    let p = fixture();
    let reviews = claim_reviews(&p, None);
    assert_eq!(reviews.len(), 2, "the unverified claim is not a review");
    for r in &reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        let value = rating["ratingValue"].as_u64().unwrap();
        assert!((1..=5).contains(&value), "{value}");
        assert_eq!(rating["bestRating"], 5);
        assert_eq!(rating["worstRating"], 1);
        assert!(rating["alternateName"].as_str().is_some());
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
    }
    let r = &reviews[0];
    assert_eq!(r["claimReviewed"], CLAIM_LABEL);
    assert_eq!(r["datePublished"], "2026-03-06");
    assert_eq!(r["author"]["@type"], "Person");
    assert_eq!(r["author"]["name"], "Ana Kovalenko");
    assert_eq!(r["reviewRating"]["ratingValue"], 1);
    assert_eq!(r["reviewRating"]["alternateName"], "Retracted");
    assert_eq!(r["url"], "https://example.org/agency/correction");
    let item = &r["itemReviewed"];
    assert_eq!(item["author"]["name"], "Vladyslav Voloshyn");
    assert_eq!(item["datePublished"], "2026-03-02");
    let appearances = item["appearance"].as_array().unwrap();
    assert_eq!(appearances.len(), 2);
    assert_eq!(appearances[0]["publisher"]["name"], "Ukrinform");
    assert_eq!(appearances[1]["publisher"]["name"], "The Daily Digest");
    assert_eq!(appearances[1]["datePublished"], "2026-03-04");
    assert_eq!(appearances[1]["url"], "https://example.org/digest/2");
    assert_eq!(item["firstAppearance"], appearances[0]);

    let r = &reviews[1];
    assert_eq!(r["author"]["@type"], "Organization");
    assert_eq!(r["reviewRating"]["ratingValue"], 4);
    assert_eq!(r["reviewRating"]["alternateName"], "Mostly true");
    assert!(r.get("url").is_none(), "no settling document, no url");
    assert!(r["itemReviewed"].get("author").is_none(), "no speaker");
}

#[test]
fn claim_review_honours_as_known_on() {
    let p = fixture();
    let before = claim_reviews(&p, Some(day(2)));
    assert!(
        before.is_empty(),
        "nothing was reviewed by 2 Mar: {before:?}"
    );
    let on3 = claim_reviews(&p, Some(day(3)));
    assert_eq!(on3.len(), 1);
    assert_eq!(on3[0]["claimReviewed"], "Rotations resume in March");
    // An empty result is still a valid file, with a note saying why.
    let out = export::export_bytes(&p, ExportFormat::ClaimReview, &options(Some(day(1)))).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.bytes).unwrap(),
        Value::Array(vec![])
    );
    assert!(
        out.notes.iter().any(|n| n.contains("no selected claim")),
        "{:?}",
        out.notes
    );
}

#[test]
fn csv_round_trip_restores_claim_labels_and_states() {
    let p = fixture();
    let csv = text(&p, ExportFormat::Csv, None);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",claim,verification"), "{header}");
    let imported = export::csv::import(&csv, "x").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let back = imported.project;
    assert!(back.structural_problems().is_empty());
    assert_eq!(back.claims.len(), 3);
    for original in &p.claims {
        let c = back
            .claims
            .iter()
            .find(|c| c.label == original.label)
            .unwrap();
        assert_eq!(c.review.state, original.review.state, "{}", c.label);
        let mut a = c.entries.clone();
        let mut b = original.entries.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "ids are kept, so the same entries: {}", c.label);
    }
    // Unknown verdicts warn rather than fail.
    let bad = "label,claim,verification\nx,Some claim,maybe\n";
    let imp = export::csv::import(bad, "t").unwrap();
    assert_eq!(imp.project.claims[0].review.state, Verification::Unverified);
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
}

#[test]
fn json_selection_keeps_claims_restricted_to_selected_entries() {
    let p = fixture();
    let selection = Selection {
        ids: Some(vec![EntryId(10), EntryId(14)]),
        ..Selection::all()
    };
    let sub = export::json::selected_project(&p, &selection);
    assert_eq!(
        sub.claims.len(),
        2,
        "the corroborated claim has no selected entry"
    );
    let c = sub.claim(ClaimId(20)).unwrap();
    assert_eq!(c.entries, vec![EntryId(10)]);
    assert_eq!(
        c.review.state,
        Verification::Retracted,
        "no date given: the verdict stands"
    );
    assert_eq!(
        c.review.settled_by, None,
        "the correction is not in the selection"
    );
    assert!(sub.structural_problems().is_empty());
    // History travels with the entries.
    let mut p = p;
    claimline::model::record_proposal(&mut p.entries[0], Utc::now());
    let sub = export::json::selected_project(&p, &selection);
    assert_eq!(sub.entries[0].history.len(), 1);
}

#[test]
fn claimreview_is_a_format_like_the_others() {
    let f = ExportFormat::from_name("claimreview").unwrap();
    assert_eq!(f, ExportFormat::ClaimReview);
    assert_eq!(f.extension(), "jsonld");
    assert_eq!(f.file_name("story"), "story.jsonld");
    assert!(f.is_text());
    assert!(ExportFormat::ALL.contains(&f));
    let names: std::collections::HashSet<_> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(names.len(), ExportFormat::ALL.len(), "names are unique");
}

#[test]
fn cli_exports_claimreview_as_known_on() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("story.claimline");
    claimline::model::file::save(&fixture(), &project).unwrap();
    let out = dir.path().join("story.jsonld");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args([
            "export",
            project.to_str().unwrap(),
            "--format",
            "claimreview",
            "--as-known-on",
            "2026-03-03",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args([
            "export",
            project.to_str().unwrap(),
            "--format",
            "md",
            "--as-known-on",
            "3 March",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("YYYY-MM-DD"));
}

/// `docs/project.schema.json` describes every field of claims, reviews and history records.
#[test]
fn json_schema_covers_claims_and_history() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/project.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut p = fixture();
    claimline::model::record_proposal(&mut p.entries[0], Utc::now());
    let written: Value = serde_json::from_str(&claimline::model::file::to_json(&p, false)).unwrap();
    let check = |obj: &Value, path: &str| {
        let known = schema
            .pointer(path)
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("schema has {path}"));
        let obj = obj.as_object().unwrap();
        assert!(!obj.is_empty());
        for key in obj.keys() {
            assert!(
                known.contains_key(key),
                "{key} is written but not in {path}"
            );
        }
    };
    assert!(schema.pointer("/properties/claims").is_some());
    for c in written["claims"].as_array().unwrap() {
        check(c, "/$defs/claim/properties");
        check(&c["review"], "/$defs/review/properties");
    }
    check(
        &written["entries"][0]["history"][0],
        "/$defs/audit_record/properties",
    );
    let states = schema
        .pointer("/$defs/verification/enum")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(states.len(), Verification::ALL.len());
    for v in Verification::ALL {
        assert!(states.contains(&Value::from(v.name())));
    }
}
