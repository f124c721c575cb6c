//! Claim lineage on the Drevna story (tests/fixtures/story): the three articles are imported
//! as `claimline import` does, same-claim suggestions are scored against hand-made gold as
//! pairwise precision/recall, and correction/retraction notices are checked.
//!
//! Reproduce the numbers: `cargo test --no-default-features --test core lineage -- --nocapture`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use claimline::demo::import_article;
use claimline::extract::eval::{f1, ratio};
use claimline::model::{EntryId, Project, SourceId, TimeSpan};
use claimline::story::lineage::suggest_claims;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/story")
}

fn json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir().join(name)).expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// The story imported from the manifest, with each file's source.
fn story() -> (Project, HashMap<String, SourceId>) {
    let manifest = json("story.json");
    let mut project = Project::new("story", chrono::Utc::now());
    let mut files = HashMap::new();
    for a in manifest["articles"].as_array().expect("articles") {
        let file = a["file"].as_str().expect("file");
        let bytes = std::fs::read(dir().join(file)).expect("article readable");
        let published = TimeSpan::parse(a["published"].as_str().expect("published"), None).ok();
        let id = import_article(&mut project, file, &bytes, published, a["outlet"].as_str())
            .expect("article imports");
        files.insert(file.to_owned(), id);
    }
    (project, files)
}

/// A gold appearance: the entries whose content evidence overlaps the quote in its file.
fn entries_at(project: &Project, source: SourceId, quote: &str) -> Vec<EntryId> {
    let s = project.source(source).expect("source");
    let byte = s
        .text
        .find(quote)
        .unwrap_or_else(|| panic!("gold quote {quote:?} not in {}", s.title));
    let start = s.text[..byte].chars().count();
    let end = start + quote.chars().count();
    project
        .entries_of_source(source)
        .filter(|e| {
            e.evidence
                .iter()
                .any(|ev| ev.role == "content" && ev.range.start < end && start < ev.range.end)
        })
        .map(|e| e.id)
        .collect()
}

struct Gold {
    /// Per appearance: its group, its entries, and its notice kind.
    appearances: Vec<(usize, Vec<EntryId>, Option<String>)>,
}

fn gold(project: &Project, files: &HashMap<String, SourceId>) -> Gold {
    let mut appearances = Vec::new();
    for (g, group) in json("lineage_gold.json")["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .enumerate()
    {
        for a in group["appearances"].as_array().expect("appearances") {
            let source = files[a["file"].as_str().expect("file")];
            let entries = entries_at(project, source, a["quote"].as_str().expect("quote"));
            let notice = a["notice"].as_str().map(str::to_owned);
            appearances.push((g, entries, notice));
        }
    }
    Gold { appearances }
}

#[test]
fn lineage_suggestions_match_the_gold_groups() {
    let (project, files) = story();
    let gold = gold(&project, &files);
    let suggestions = suggest_claims(&project);
    let cluster: HashMap<EntryId, usize> = suggestions
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.entries.iter().map(move |e| (*e, i)))
        .collect();
    let (mut tp, mut predicted, mut actual) = (0, 0, 0);
    let n = gold.appearances.len();
    for i in 0..n {
        for j in i + 1..n {
            let (gi, ei, _) = &gold.appearances[i];
            let (gj, ej, _) = &gold.appearances[j];
            let same_gold = gi == gj;
            let same_pred = ei.iter().any(|a| {
                ej.iter()
                    .any(|b| cluster.get(a).is_some_and(|c| cluster.get(b) == Some(c)))
            });
            actual += usize::from(same_gold);
            predicted += usize::from(same_pred);
            tp += usize::from(same_gold && same_pred);
        }
    }
    let mapped = gold.appearances.iter().filter(|a| !a.1.is_empty()).count();
    let (p, r) = (ratio(tp, predicted), ratio(tp, actual));
    println!(
        "claim lineage on the story: {} suggestions; gold appearances with an entry {mapped}/{n}; \
         same-claim pairs: precision {p:.2} ({tp}/{predicted}), recall {r:.2} ({tp}/{actual}), F1 {:.2}",
        suggestions.len(),
        f1(p, r)
    );
    for s in &suggestions {
        println!("  {:.2} {:?} {:?}", s.score, s.label, s.reasons);
    }
    assert!(
        mapped * 10 >= n * 9,
        "extraction finds the gold appearances"
    );
    assert!(p >= 0.8, "precision {p:.2}");
    assert!(r >= 0.6, "recall {r:.2}");
}

#[test]
fn corrections_and_retractions_are_found_only_where_they_are() {
    let (project, files) = story();
    let gold = gold(&project, &files);
    let tagged = |id: &EntryId| {
        project
            .entry(*id)
            .map(|e| e.tags.clone())
            .unwrap_or_default()
    };
    // The two notice sentences carry an event with the matching tag.
    for quote in [
        "said about 1,200 residents had been evacuated",
        "withdrew his statement",
    ] {
        let source = files["3-meridian-correction.txt"];
        let kind = if quote.starts_with("withdrew") {
            "retraction"
        } else {
            "correction"
        };
        let hits = entries_at(&project, source, quote);
        assert!(
            hits.iter().any(|e| tagged(e).iter().any(|t| t == kind)),
            "{kind} notice at {quote:?}"
        );
    }
    // Nothing in the report and the follow-up is a notice.
    for file in ["1-meridian-evacuation.txt", "2-courier-follow-up.txt"] {
        let false_notices: Vec<String> = project
            .entries_of_source(files[file])
            .filter(|e| {
                e.tags
                    .iter()
                    .any(|t| t == "correction" || t == "retraction")
            })
            .map(|e| e.label.clone())
            .collect();
        assert!(false_notices.is_empty(), "{file}: {false_notices:?}");
    }
    let notices = project
        .entries
        .iter()
        .filter(|e| {
            e.tags
                .iter()
                .any(|t| t == "correction" || t == "retraction")
        })
        .count();
    let gold_notices = gold.appearances.iter().filter(|a| a.2.is_some()).count();
    println!(
        "notices found in the story: {notices} (gold appearances marked as notices: {gold_notices})"
    );
}

#[test]
fn the_demo_story_is_reviewed_and_settled_by_its_notices() {
    use claimline::model::Verification;
    let p = claimline::demo::story_project();
    assert_eq!(p.sources.len(), 3);
    assert!(p.structural_problems().is_empty());
    let settled: Vec<_> = p
        .claims
        .iter()
        .filter(|c| c.review.settled_by.is_some())
        .collect();
    let states: Vec<Verification> = settled.iter().map(|c| c.review.state).collect();
    assert!(states.contains(&Verification::False), "{states:?}");
    assert!(states.contains(&Verification::Retracted), "{states:?}");
    for c in settled {
        let notice = p
            .entry(c.review.settled_by.unwrap())
            .expect("notice exists");
        assert!(c.entries.contains(&notice.id));
        // The first appearance is the agency's report, before the notice.
        let first = p.entry(c.first_appearance(&p).expect("dated")).unwrap();
        assert!(first.known_from() < notice.known_from());
        assert!(c.review.date.is_some());
    }
}
