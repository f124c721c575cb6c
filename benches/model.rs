//! Project file throughput: serialize and parse synthetic projects.
//! Run: `cargo bench --no-default-features --bench model`

use claimline::model::file;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn project_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("project_file");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let project = claimline::demo::project(n, 42);
        let text = file::to_json(&project, false);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("to_json/{n}"), |b| {
            b.iter(|| file::to_json(std::hint::black_box(&project), false))
        });
        group.bench_function(format!("from_json/{n}"), |b| {
            b.iter(|| {
                file::from_json(std::hint::black_box(&text), std::path::Path::new("bench")).unwrap()
            })
        });
        // Saved files are pretty-printed (readable, diff-friendly): the case users open.
        let pretty = file::to_json(&project, true);
        group.throughput(Throughput::Bytes(pretty.len() as u64));
        group.bench_function(format!("from_json_pretty/{n}"), |b| {
            b.iter(|| {
                file::from_json(std::hint::black_box(&pretty), std::path::Path::new("bench"))
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, project_file);
criterion_main!(benches);
