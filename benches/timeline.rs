//! Timeline layout for one frame, index already built (the per-frame cost of pan and zoom).
//! Run: `cargo bench --no-default-features --bench timeline`
//!
//! Viewports on a 1600 × 900 px timeline, lanes by speaker (7 lanes):
//! - `fit_all`: all 36 years of the demo data on screen, every entry visible (worst case,
//!   everything clustered);
//! - `one_year`: the year 2008, mixed items and clusters;
//! - `one_week`: a week, mostly individual items plus the year/half-year spans overlapping it;
//! - `fit_all_hide_rejected`: `fit_all` with rejected entries hidden, as the app does by default.

use claimline::model::{Project, seconds_from_datetime};
use claimline::timeline::{
    CharWidthEstimate, GroupBy, LayoutOptions, Rect, RejectedMode, TimeView, TimelineIndex, layout,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn at(y: i32, m: u32, d: u32) -> f64 {
    seconds_from_datetime(
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
}

fn bench_project(c: &mut Criterion, n: usize, project: &Project) {
    let mut group = c.benchmark_group("timeline");
    group.sample_size(if n >= 1_000_000 { 10 } else { 30 });
    group.bench_function(format!("index_build/{n}"), |b| {
        b.iter(|| TimelineIndex::build(black_box(project), GroupBy::Speaker))
    });
    let index = TimelineIndex::build(project, GroupBy::Speaker);
    let (a, z) = index.bounds().expect("demo entries have times");
    let rect = Rect::new(0.0, 0.0, 1600.0, 900.0);
    let options = LayoutOptions::default();
    let measure = CharWidthEstimate::default();
    let views = [
        ("fit_all", TimeView::fit(a, z)),
        (
            "one_year",
            TimeView::new(at(2008, 1, 1), at(2009, 1, 1) - at(2008, 1, 1)),
        ),
        ("one_week", TimeView::new(at(2008, 6, 2), 7.0 * 86_400.0)),
    ];
    for (name, view) in views {
        group.bench_function(format!("layout/{n}/{name}"), |b| {
            b.iter(|| layout(project, &index, black_box(view), rect, &options, &measure))
        });
    }
    // The app's default: rejected entries hidden (the demo rejects some).
    let hide = LayoutOptions {
        rejected: RejectedMode::Hide,
        ..LayoutOptions::default()
    };
    group.bench_function(format!("layout/{n}/fit_all_hide_rejected"), |b| {
        b.iter(|| {
            layout(
                project,
                &index,
                black_box(views[0].1),
                rect,
                &hide,
                &measure,
            )
        })
    });
    group.finish();
}

/// `n` entries of which `claims × 3` are grouped into claims (the chronology view's case).
fn with_claims(n: usize, claims: usize) -> Project {
    let mut project = claimline::demo::project(n, 42);
    let now = chrono::Utc::now();
    let step = n / (claims * 3);
    let ids: Vec<_> = project.entries.iter().step_by(step).map(|e| e.id).collect();
    for chunk in ids.chunks(3).take(claims) {
        let id = project.new_claim_id();
        let mut claim = claimline::model::Claim::new(id, "bench claim", now);
        claim.entries = chunk.to_vec();
        project.claims.push(claim);
    }
    project
}

fn timeline(c: &mut Criterion) {
    for n in [100_000usize, 1_000_000] {
        let project = claimline::demo::project(n, 42);
        bench_project(c, n, &project);
    }
    // Claims cost the index a map from entry to claim and each claim's first report.
    let project = with_claims(100_000, 2_000);
    let mut group = c.benchmark_group("timeline");
    group.sample_size(30);
    group.bench_function("index_build/100000_with_2000_claims", |b| {
        b.iter(|| TimelineIndex::build(black_box(&project), GroupBy::Claim))
    });
    // Lanes by source: 2,001 lanes, a screenful of them visible (the app culls the rest).
    let index = TimelineIndex::build(&project, GroupBy::Source);
    let (a, z) = index.bounds().expect("demo entries have times");
    let rect = Rect::new(0.0, 0.0, 1600.0, 900.0);
    let measure = CharWidthEstimate::default();
    for (name, cull) in [("all_lanes", false), ("culled", true)] {
        let options = LayoutOptions {
            cull_offscreen_lanes: cull,
            ..LayoutOptions::default()
        };
        group.bench_function(format!("layout/100000/by_source_fit_all/{name}"), |b| {
            b.iter(|| {
                layout(
                    &project,
                    &index,
                    black_box(TimeView::fit(a, z)),
                    rect,
                    &options,
                    &measure,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
