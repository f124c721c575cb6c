//! Development only: weights of the digest swept on the Timeline17 development stories.
//! `cargo run --profile eval --no-default-features --example digest_sweep -- [DATA_DIR]`

use std::path::{Path, PathBuf};

use claimline::model::{Project, TimeSpan};
use claimline::story::{batch, digest, eval};

fn main() {
    let data = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/timeline17-dev".into());
    let mut stories = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("articles").is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let (files, _) = batch::expand_inputs(&[dir.join("articles")]).unwrap();
        let read = batch::read_and_extract(&files, None, 2, &|_| {});
        let mut project = Project::default();
        for r in read {
            let folder_day = r
                .path
                .parent()
                .and_then(Path::file_name)
                .and_then(|n| TimeSpan::parse(&n.to_string_lossy(), None).ok());
            for (mut s, x) in r.result.unwrap_or_default() {
                if s.published.is_none() {
                    s.published = folder_day.clone();
                }
                s.id = project.new_source_id();
                let entries = x.to_entries(&s, &mut project);
                project.sources.push(s);
                project.entries.extend(entries);
            }
        }
        for tl in std::fs::read_dir(dir.join("timelines")).unwrap().flatten() {
            if tl.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let gold =
                eval::parse_timeline(&String::from_utf8_lossy(&std::fs::read(tl.path()).unwrap()));
            stories.push((
                dir.file_name().unwrap().to_string_lossy().into_owned(),
                project.clone(),
                gold,
            ));
        }
    }
    let variants: Vec<(String, digest::Weights)> = std::env::var("SWEEP")
        .ok()
        .map(|_| sweep())
        .unwrap_or_else(|| vec![("default".into(), digest::Weights::default())]);
    for (name, w) in variants {
        let (mut f, mut r1, mut r2) = (0.0, 0.0, 0.0);
        let mut line = String::new();
        for (story, project, gold) in &stories {
            let (n, k) = eval::digest_size(gold);
            let d = digest::digest(
                project,
                &digest::Options {
                    dates: Some(n),
                    sentences: k,
                    weights: w,
                    ..Default::default()
                },
            );
            let pred: eval::Timeline = d
                .key_dates
                .iter()
                .map(|k| (k.date, k.sentences.iter().map(|s| s.text.clone()).collect()))
                .collect();
            let dates: Vec<_> = pred.iter().map(|p| p.0).collect();
            let golds: Vec<_> = gold.iter().map(|g| g.0).collect();
            let df = eval::date_f1(&dates, &golds).f1;
            let a1 = eval::rouge_align_m1(&pred, gold, 1).f1;
            let a2 = eval::rouge_align_m1(&pred, gold, 2).f1;
            line.push_str(&format!(
                " {}={:.2}/{:.3}",
                &story[..story.len().min(8)],
                df,
                a1
            ));
            f += df;
            r1 += a1;
            r2 += a2;
        }
        let n = stories.len() as f64;
        println!(
            "{name:40} dateF1 {:.3} alignR1 {:.3} alignR2 {:.3} |{line}",
            f / n,
            r1 / n,
            r2 / n
        );
    }
}

fn sweep() -> Vec<(String, digest::Weights)> {
    let base = digest::Weights::default();
    let mut out = vec![("default".to_owned(), base)];
    for later in [1.0, 3.0] {
        out.push((format!("later{later}"), digest::Weights { later, ..base }));
    }
    out
}
