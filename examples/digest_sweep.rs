//! Development only: weights of the digest swept on the Timeline17 development stories and
//! the blind story, each variant scored on both (a change that helps one only is suspect).
//!
//! ```text
//! cargo run --profile eval --no-default-features --example digest_sweep -- [DATA_DIR...]
//! SWEEP='later=1,3 adjacent=0.5' cargo run ... --example digest_sweep
//! ```
//!
//! `DATA_DIR` defaults to `../shared/data/timeline17-dev` and `tests/fixtures/story-blind`;
//! each is a story folder (with `articles/`) or a folder of them. `SWEEP` lists the weights
//! to vary, `NAME=V1,V2,…` separated by spaces, each varied alone from the defaults; a group
//! `a=1+b=2` sets several at once.

use std::path::{Path, PathBuf};

use claimline::model::{Project, TimeSpan};
use claimline::story::{batch, digest, eval};

struct Story {
    set: String,
    name: String,
    project: Project,
    gold: eval::Timeline,
}

fn story_dirs(data: &Path) -> Vec<PathBuf> {
    if data.join("articles").is_dir() {
        return vec![data.to_path_buf()];
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(data)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.retain(|p| p.join("articles").is_dir());
    dirs.sort();
    dirs
}

fn load(data: &Path) -> Vec<Story> {
    let set = data
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut out = Vec::new();
    for dir in story_dirs(data) {
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
        let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("timelines"))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        golds.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        golds.sort();
        if dir.join("timeline.txt").is_file() {
            golds.push(dir.join("timeline.txt"));
        }
        for tl in golds {
            let gold = eval::parse_timeline(&String::from_utf8_lossy(&std::fs::read(tl).unwrap()));
            out.push(Story {
                set: set.clone(),
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                project: project.clone(),
                gold,
            });
        }
    }
    out
}

fn set_weight(w: &mut digest::Weights, name: &str, v: f64) {
    match name {
        "mention" => w.mention = v,
        "later" => w.later = v,
        "published" => w.published = v,
        "published_next" => w.published_next = v,
        "adjacent" => w.adjacent = v,
        "lead_in_days" => w.lead_in_days = v as i64,
        "later_after_days" => w.later_after_days = v as i64,
        "sentence" => w.sentence = v,
        "later_log" => w.later_log = v,
        other => panic!("unknown weight {other}"),
    }
}

fn variants() -> Vec<(String, digest::Weights)> {
    let base = digest::Weights::default();
    let mut out = vec![("default".to_owned(), base)];
    let Ok(spec) = std::env::var("SWEEP") else {
        return out;
    };
    for item in spec.split_whitespace() {
        if item.contains('+') {
            let mut w = base;
            for part in item.split('+') {
                let (k, v) = part.split_once('=').expect("NAME=V");
                set_weight(&mut w, k, v.parse().expect("a number"));
            }
            out.push((item.to_owned(), w));
            continue;
        }
        let (k, vs) = item.split_once('=').expect("NAME=V1,V2");
        for v in vs.split(',') {
            let mut w = base;
            set_weight(&mut w, k, v.parse().expect("a number"));
            out.push((format!("{k}={v}"), w));
        }
    }
    out
}

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = vec![
            "../shared/data/timeline17-dev".into(),
            "tests/fixtures/story-blind".into(),
        ];
    }
    let stories: Vec<Story> = dirs.iter().flat_map(|d| load(d)).collect();
    let mut sets: Vec<String> = stories.iter().map(|s| s.set.clone()).collect();
    sets.dedup();
    for (name, w) in variants() {
        let mut line = String::new();
        let mut totals: Vec<(String, [f64; 3], usize)> =
            sets.iter().map(|s| (s.clone(), [0.0; 3], 0)).collect();
        for st in &stories {
            let (n, k) = eval::digest_size(&st.gold);
            let d = digest::digest(
                &st.project,
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
            let golds: Vec<_> = st.gold.iter().map(|g| g.0).collect();
            let df = eval::date_f1(&dates, &golds).f1;
            let a1 = eval::rouge_align_m1(&pred, &st.gold, 1).f1;
            let a2 = eval::rouge_align_m1(&pred, &st.gold, 2).f1;
            line.push_str(&format!(" {}={:.2}", &st.name[..st.name.len().min(9)], df));
            let t = totals.iter_mut().find(|t| t.0 == st.set).unwrap();
            t.1[0] += df;
            t.1[1] += a1;
            t.1[2] += a2;
            t.2 += 1;
        }
        let mut head = String::new();
        for (set, s, n) in &totals {
            let n = *n as f64;
            head.push_str(&format!(
                "{}: F {:.3} R1 {:.3} R2 {:.3}  ",
                &set[..set.len().min(11)],
                s[0] / n,
                s[1] / n,
                s[2] / n
            ));
        }
        println!("{name:32} {head}|{line}");
    }
}
