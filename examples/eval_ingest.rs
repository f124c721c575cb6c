//! Scores page import on folders of saved pages with gold files beside them:
//! `NAME.body.txt` (word precision/recall/F1 of the imported text), `NAME.updates.tsv` (the
//! wall-clock time of each live-blog update: update recall) and `NAME.posts.tsv` (speaker and
//! said time of statements that must come out: post recall; a said time matches when the
//! extracted value starts with the gold one).
//!
//! cargo run --release --no-default-features --example eval_ingest -- DIR...

use std::path::Path;

use claimline::extract;
use claimline::ingest::{eval, read_path};
use claimline::model::{AnchorKind, SourceId};

#[derive(Default)]
struct Tally {
    words: eval::WordScore,
    updates: (usize, usize),
    posts: (usize, usize),
}

fn ratio((n, d): (usize, usize)) -> String {
    if d == 0 {
        "—".into()
    } else {
        format!("{n}/{d} = {:.3}", n as f64 / d as f64)
    }
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: eval_ingest DIR...");
        std::process::exit(2);
    }
    let mut total = Tally::default();
    for dir in &dirs {
        let mut pages: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        pages.sort();
        for page in pages {
            score_page(&page, &mut total);
        }
    }
    println!(
        "\nTOTAL  word P {:.3} R {:.3} F1 {:.3}  updates {}  posts {}",
        total.words.precision(),
        total.words.recall(),
        total.words.f1(),
        ratio(total.updates),
        ratio(total.posts)
    );
}

fn gold_lines(page: &Path, ext: &str) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(page.with_extension(ext)).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

fn score_page(page: &Path, total: &mut Tally) {
    let name = page.file_name().unwrap_or_default().to_string_lossy();
    let doc = match read_path(page) {
        Ok(mut docs) if !docs.is_empty() => docs.remove(0),
        Ok(_) => {
            println!("{name}: no document");
            return;
        }
        Err(e) => {
            println!("{name}: {e}");
            return;
        }
    };
    let mut line = format!("{name:<28}");
    if let Ok(gold) = std::fs::read_to_string(page.with_extension("body.txt")) {
        let s = eval::score(&doc.text, &gold);
        line.push_str(&format!(" word F1 {:.3}", s.f1()));
        total.words.add(s);
    }
    let source = doc.into_source(SourceId(1));
    if let Some(gold) = gold_lines(page, "updates.tsv") {
        let mut found: Vec<String> = source
            .anchors
            .iter()
            .filter(|a| a.kind == AnchorKind::Update)
            .map(|a| a.time.value.to_string())
            .collect();
        let mut hit = 0;
        for g in &gold {
            if let Some(i) = found.iter().position(|f| f == g) {
                found.remove(i);
                hit += 1;
            }
        }
        line.push_str(&format!("  updates {}", ratio((hit, gold.len()))));
        total.updates.0 += hit;
        total.updates.1 += gold.len();
    }
    if let Some(gold) = gold_lines(page, "posts.tsv") {
        let x = extract::extract(&source, &extract::Options::default());
        let mut hit = 0;
        for g in &gold {
            let (speaker, time) = g.split_once('\t').unwrap_or((g.as_str(), ""));
            let ok = x.statements.iter().any(|s| {
                s.speaker == speaker
                    && s.said_time
                        .as_ref()
                        .is_some_and(|t| t.value.to_string().starts_with(time))
            });
            if ok {
                hit += 1;
            } else {
                line.push_str(&format!("\n    missed: {speaker} @ {time}"));
            }
        }
        total.posts.0 += hit;
        total.posts.1 += gold.len();
        line = line.replacen('\n', &format!("  posts {}\n", ratio((hit, gold.len()))), 1);
        if !line.contains("posts ") {
            line.push_str(&format!("  posts {}", ratio((hit, gold.len()))));
        }
    }
    println!("{line}");
}
