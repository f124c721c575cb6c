//! Image export of a large project: SVG and PNG of 10,000 entries (target < 2 s together).
//! Run: `cargo bench --no-default-features --bench export`
//!
//! `claimline::demo::project(10_000, 42)`, every entry selected, lanes by speaker, 1600 px
//! wide, height fitted to the content, legend on. `svg` is layout + SVG text (including the
//! selection copy and index build); `png` is SVG + parse + rasterise + PNG encoding.

use claimline::export::png::render_png;
use claimline::export::svg::{ImageOptions, render_svg};
use claimline::model::Entry;
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
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
