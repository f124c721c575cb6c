//! Throughput of the full extraction pipeline (sentences, temporal tagger, statements,
//! events) in bytes of article text per second, on one core.
//!
//! `cargo bench --no-default-features --bench extract`
//!
//! Inputs are the repository's fixtures: the seed article and the paragraphs of
//! tests/fixtures/statements_gold.json, extracted one article at a time ("articles"), and
//! the same texts joined into one long document ("long_document", which shows whether cost
//! grows faster than the text).
use std::hint::black_box;
use std::path::Path;

use claimline::extract;
use claimline::model::{Source, SourceId, TimeSpan};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn articles() -> Vec<Source> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let published = chrono::NaiveDate::from_ymd_opt(2025, 8, 21).map(TimeSpan::day);
    let mut texts = vec![read("orikhiv-desertions.txt")];
    let gold: serde_json::Value =
        serde_json::from_str(&read("statements_gold.json")).unwrap_or_default();
    if let Some(docs) = gold.get("docs").and_then(|d| d.as_array()) {
        texts.extend(
            docs.iter()
                .filter_map(|d| d.get("text").and_then(|t| t.as_str()).map(str::to_owned)),
        );
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let mut s = Source::from_text(SourceId(i as u64), "", t);
            s.published = published.clone();
            s
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let sources = articles();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let options = extract::Options::default();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("articles", |b| {
        b.iter(|| {
            for s in &sources {
                black_box(extract::extract(black_box(s), &options));
            }
        })
    });
    // About 1 MB: the fixtures repeated as paragraphs of one document.
    let joined: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    let one = joined.join("\n\n");
    let reps = (1_000_000 / one.len().max(1)).max(1);
    let long_text = vec![one.as_str(); reps].join("\n\n");
    let mut long = Source::from_text(SourceId(999), "", long_text);
    long.published = sources.first().and_then(|s| s.published.clone());
    g.throughput(Throughput::Bytes(long.text.len() as u64));
    g.sample_size(10);
    g.bench_function("long_document", |b| {
        b.iter(|| black_box(extract::extract(black_box(&long), &options)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
