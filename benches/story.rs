//! The layer across sources: same-event groups of a story's coverage.
//! Run: `cargo bench --no-default-features --bench story`

use claimline::story::groups::event_groups;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn groups(c: &mut Criterion) {
    let mut group = c.benchmark_group("event_groups");
    group.sample_size(10);
    for n in [5_000usize, 25_000, 100_000] {
        let project = claimline::demo::coverage_project(n, 7);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| event_groups(std::hint::black_box(&project)))
        });
    }
    group.finish();
}

criterion_group!(benches, groups);
criterion_main!(benches);
