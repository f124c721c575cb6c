//! Renders the seed article's timeline (tests/fixtures/orikhiv-desertions.txt, extracted with
//! the library, candidates accepted) to `docs/timeline-seed.svg` and `docs/timeline-seed.png`.
//!
//! Run: `cargo run --release --no-default-features --example render_seed [OUT_DIR]`

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone as _, Utc};
use claimline::export::png::render_png;
use claimline::export::svg::{ImageOptions, ImageSize, render_svg};
use claimline::extract;
use claimline::model::{Entry, Project, Source, Status, TimeSpan};
use claimline::timeline::GroupBy;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out: PathBuf = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("docs"), PathBuf::from);
    let text = std::fs::read_to_string(root.join("tests/fixtures/orikhiv-desertions.txt"))?;
    // A fixed clock so the committed files only change when the output really changes.
    let now = Utc.with_ymd_and_hms(2025, 8, 21, 12, 0, 0).unwrap();
    let mut project = Project::new("Orikhiv desertions (seed article)", now);
    let id = project.new_source_id();
    let mut source = Source::from_text(id, "Orikhiv desertions", text);
    source.outlet = Some("The Daily Digest".into());
    source.published = NaiveDate::from_ymd_opt(2025, 8, 21).map(TimeSpan::day);
    let extraction = extract::extract(&source, &extract::Options::default());
    let mut entries = extraction.to_entries(&source, &mut project);
    for e in &mut entries {
        e.status = Status::Accepted;
        e.created = now;
        e.modified = now;
    }
    project.sources.push(source);
    project.entries = entries;
    let selected: Vec<&Entry> = project.entries.iter().collect();
    let options = ImageOptions {
        size: ImageSize::Pixels {
            width: 1200,
            height: None,
        },
        group_by: GroupBy::Speaker,
        scale: 1.0,
        ..ImageOptions::default()
    };
    let svg = render_svg(&project, &selected, &options);
    let png = render_png(&project, &selected, &options)?;
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("timeline-seed.svg"), &svg)?;
    std::fs::write(out.join("timeline-seed.png"), &png)?;
    println!(
        "{} entries → {} ({} bytes), {} ({} bytes)",
        project.entries.len(),
        out.join("timeline-seed.svg").display(),
        svg.len(),
        out.join("timeline-seed.png").display(),
        png.len()
    );
    Ok(())
}
