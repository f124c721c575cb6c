//! Groups a project's entries that report the same event across sources and prints what it
//! found and how long it took (see docs/PERFORMANCE.md).
//!
//! ```text
//! cargo run --profile eval --no-default-features --example event_groups -- PROJECT.claimline [TOP]
//! ```

use std::time::Instant;

use claimline::model::file;
use claimline::story::groups::{event_groups, reported_by};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: event_groups PROJECT [TOP]"))?;
    let top: usize = args.next().map_or(Ok(10), |s| s.parse())?;
    let project = file::load(std::path::Path::new(&path))?;
    let start = Instant::now();
    let groups = event_groups(&project);
    let took = start.elapsed();
    let grouped: usize = groups.groups.iter().map(|g| g.entries.len()).sum();
    println!(
        "{} entries, {} sources: {} groups holding {grouped} entries; {} pairs scored; {:.0} ms",
        project.entries.len(),
        project.sources.len(),
        groups.groups.len(),
        groups.pairs_scored,
        took.as_secs_f64() * 1000.0
    );
    let mut sizes = std::collections::BTreeMap::new();
    for g in &groups.groups {
        *sizes.entry(g.sources.len()).or_insert(0usize) += 1;
    }
    println!("groups by number of sources: {sizes:?}");
    let mut biggest: Vec<_> = groups.groups.iter().collect();
    biggest.sort_by_key(|g| std::cmp::Reverse(g.sources.len()));
    for g in biggest.into_iter().take(top) {
        println!("{}  {}  — {}", g.day, g.label, reported_by(&project, g));
        println!("    {}", g.reasons.join("; "));
        for id in g.entries.iter().take(6) {
            if let Some(e) = project.entry(*id) {
                println!("      · {}", e.label);
            }
        }
    }
    Ok(())
}
