//! Image export of a large project: SVG and PNG of 10,000 entries (target < 2 s together).
//! Run: `cargo bench --no-default-features --bench export`
//!
//! `claimline::demo::project(10_000, 42)`, every entry selected, lanes by speaker, 1600 px
//! wide, height fitted to the content, legend on. `svg` is layout + SVG text (including the
//! selection copy and index build); `png` is SVG + parse + rasterise + PNG encoding.
//! `export-claims`: the same project with 2,000 claims (half rated), exported as CSV, Markdown
//! and ClaimReview "as known on" the median publication day.

use claimline::export::png::render_png;
use claimline::export::svg::{ImageOptions, render_svg};
use claimline::export::{ExportFormat, ExportOptions, Selection, export_bytes};
use claimline::model::{Claim, ClaimId, Entry, Verification};
use claimline::timeline::GroupBy;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_export(c: &mut Criterion) {
    let project = claimline::demo::project(10_000, 42);
    let entries: Vec<&Entry> = project.entries.iter().collect();
    let options = ImageOptions {
        group_by: GroupBy::Speaker,
        ..ImageOptions::default()
    };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("svg/10000", |b| {
        b.iter(|| render_svg(black_box(&project), black_box(&entries), &options))
    });
    group.bench_function("png/10000", |b| {
        b.iter(|| render_png(black_box(&project), black_box(&entries), &options).expect("renders"))
    });
    group.finish();

    // Claims: 2,000 claims of 5 entries, every other one with a verdict; "as known on" the
    // middle of the demo's reporting.
    let mut project = project;
    let now = chrono::Utc::now();
    for (i, chunk) in project
        .entries
        .chunks(5)
        .map(|c| c.iter().map(|e| e.id).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
    {
        let mut claim = Claim::new(ClaimId(1_000_000 + i as u64), format!("claim {i}"), now);
        claim.entries = chunk;
        if i % 2 == 0 {
            claim.review.state = Verification::Disputed;
            claim.review.reviewer = "Desk".into();
        }
        project.claims.push(claim);
    }
    let mut known: Vec<f64> = project
        .entries
        .iter()
        .filter_map(|e| e.known_from())
        .collect();
    known.sort_by(f64::total_cmp);
    let middle = known.get(known.len() / 2).copied().unwrap_or(0.0);
    let day = claimline::model::datetime_from_seconds(middle).map(|t| t.date());
    let options = ExportOptions {
        selection: Selection {
            known_on: day,
            ..Selection::all()
        },
        ..ExportOptions::default()
    };
    let mut group = c.benchmark_group("export-claims");
    group.sample_size(10);
    for format in [
        ExportFormat::Csv,
        ExportFormat::Markdown,
        ExportFormat::ClaimReview,
    ] {
        group.bench_function(format!("{format}/10000-as-known-on"), |b| {
            b.iter(|| export_bytes(black_box(&project), format, &options).expect("exports"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
