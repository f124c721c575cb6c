//! Temporal tagger throughput on article-like text.
//! Run: `cargo bench --no-default-features --bench timex`

use claimline::extract::timex::{TagOptions, tag};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The seed article repeated (it has the usual mix: few times, many other numbers), plus a
/// paragraph dense in dates, to about 1 MB.
fn corpus() -> String {
    let seed = include_str!("../tests/fixtures/orikhiv-desertions.txt");
    let dense = "On Tuesday, Aug. 19, officials said that in the first six months of 2023 \
                 more than 2,076 cases were recorded, three times more than in 2021. \
                 Talks will resume next week, at 3:30 p.m. EDT, and last for 72 hours.\n";
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(seed);
        text.push('\n');
        text.push_str(dense);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let options = TagOptions {
        anchor: chrono::NaiveDate::from_ymd_opt(2025, 8, 21),
        day_first: false,
    };
    let mut group = c.benchmark_group("timex");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("tag/articles_1MB", |b| {
        b.iter(|| tag(std::hint::black_box(&text), &options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
