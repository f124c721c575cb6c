//! Project file throughput: serialize and parse synthetic projects.
//! Run: `cargo bench --no-default-features --bench model`

use claimline::model::{Command, Status, file, stamp};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

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

/// Bulk edits from a box selection: 5,000 of 100,000 entries accepted or deleted in one step,
/// stamped into their histories the way the app applies them, then undone.
fn bulk_edits(c: &mut Criterion) {
    let mut group = c.benchmark_group("bulk_edit");
    group.sample_size(10);
    let project = claimline::demo::project(100_000, 42);
    let now = chrono::Utc::now();
    let chosen: Vec<_> = project.entries.iter().step_by(20).collect();
    let accept = Command::Batch(
        chosen
            .iter()
            .map(|e| {
                let mut e = (*e).clone();
                e.status = Status::Accepted;
                Command::ReplaceEntry(Box::new(e))
            })
            .collect(),
    );
    let delete = Command::Batch(chosen.iter().map(|e| Command::RemoveEntry(e.id)).collect());
    for (name, command) in [
        ("accept_5000_of_100000", accept),
        ("delete_5000_of_100000", delete),
    ] {
        group.bench_function(format!("{name}/apply_and_undo"), |b| {
            b.iter_batched(
                || project.clone(),
                |mut p| {
                    let stamped = stamp(&p, command.clone(), "bench", now);
                    let undo = p.apply(stamped).unwrap();
                    p.apply(undo).unwrap();
                    p
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, project_file, bulk_edits);
criterion_main!(benches);
