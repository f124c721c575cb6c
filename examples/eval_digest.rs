//! Scores `claimline digest` and two baselines against journalists' timelines (Timeline17).
//!
//! ```text
//! cargo run --profile eval --no-default-features --example eval_digest -- \
//!     [DATA_DIR] [--bin PATH_TO_CLAIMLINE] [--only NAME] [--dump DIR]
//! ```
//!
//! `DATA_DIR` (default `/work/shared/data/timeline17-dev`) is either one story folder or a
//! folder of them. A story folder holds `articles/` (`articles/YYYY-MM-DD/N.txt`, one sentence
//! a line, the folder name the publication date; or flat files whose names start with the
//! date) and its gold timelines (`timelines/*.txt`, or `timeline.txt`), in Timeline17 format.
//! `--only NAME` keeps the stories of that folder name.
//!
//! For each gold timeline, N = its number of dates and K = its sentences per date (rounded).
//! The systems: "busiest days" (the N days with the most articles, the first K sentences of
//! their first articles), "most-mentioned days" (the N days most often named with day
//! precision in the articles, the first K sentences naming each), and `BIN digest
//! STORY/articles --dates N --sentences K --format json` (default BIN: `claimline` in the
//! profile folder this example was built into). If the binary is missing or fails, only the
//! baselines are scored. Scores: `claimline::story::eval` (tilse's definitions). `--dump DIR`
//! writes every predicted timeline to DIR in Timeline17 format (e.g. to score with tilse).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use claimline::story::eval::{
    Article, Prf, Timeline, busiest_days, date_f1, day_mentions, digest_size, most_mentioned_days,
    parse_timeline, rouge_align_m1, rouge_concat,
};

const DEFAULT_DATA: &str = "/work/shared/data/timeline17-dev";
const SYSTEMS: [&str; 3] = ["busiest days", "most-mentioned days", "claimline digest"];

struct Args {
    data: PathBuf,
    bin: PathBuf,
    only: Option<String>,
    dump: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut data = None;
    let mut bin = None;
    let mut only = None;
    let mut dump = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--bin" => bin = Some(PathBuf::from(value("--bin")?)),
            "--only" => only = Some(value("--only")?),
            "--dump" => dump = Some(PathBuf::from(value("--dump")?)),
            "-h" | "--help" => {
                return Err(
                    "usage: eval_digest [DATA_DIR] [--bin CLAIMLINE] [--only NAME] [--dump DIR]"
                        .into(),
                );
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s if data.is_none() => data = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    let bin = bin.unwrap_or_else(|| {
        // target/<profile>/examples/eval_digest → target/<profile>/claimline
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.join("claimline")))
            .unwrap_or_else(|| PathBuf::from("target/eval/claimline"))
    });
    Ok(Args {
        data: data.unwrap_or_else(|| PathBuf::from(DEFAULT_DATA)),
        bin,
        only,
        dump,
    })
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The story folders: `data` itself if it has `articles/`, else its subfolders that do.
fn stories(data: &Path) -> Vec<PathBuf> {
    if data.join("articles").is_dir() {
        return vec![data.to_path_buf()];
    }
    sorted_entries(data)
        .into_iter()
        .filter(|p| p.join("articles").is_dir())
        .collect()
}

fn leading_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Article files in order: by date folder, then by number (`2.txt` before `10.txt`).
fn article_files(dir: &Path) -> Vec<(Option<NaiveDate>, PathBuf)> {
    let key = |p: &PathBuf| {
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let num = stem.as_deref().and_then(|s| s.parse::<u64>().ok());
        (num.is_none(), num, name(p))
    };
    let mut out = Vec::new();
    let mut flat = Vec::new();
    for p in sorted_entries(dir) {
        if p.is_dir() {
            let day = leading_date(&name(&p));
            let mut files: Vec<PathBuf> = sorted_entries(&p)
                .into_iter()
                .filter(|f| f.is_file())
                .collect();
            files.sort_by_key(key);
            out.extend(files.into_iter().map(|f| (day, f)));
        } else if p.is_file() {
            flat.push((leading_date(&name(&p)), p));
        }
    }
    out.extend(flat);
    out
}

fn load_articles(dir: &Path) -> Vec<Article> {
    article_files(dir)
        .into_iter()
        .filter_map(|(published, p)| {
            let bytes = std::fs::read(&p).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            let sentences = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            Some(Article {
                published,
                sentences,
            })
        })
        .collect()
}

fn gold_files(story: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = sorted_entries(&story.join("timelines"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    if story.join("timeline.txt").is_file() {
        v.push(story.join("timeline.txt"));
    }
    v
}

/// `claimline digest --format json`: a list ordered by date of `{"date", "sentences", …}`.
fn parse_digest_json(stdout: &str) -> Result<Timeline, String> {
    let v: serde_json::Value =
        serde_json::from_str(stdout).map_err(|e| format!("output is not JSON: {e}"))?;
    let items = v
        .as_array()
        .or_else(|| {
            ["dates", "key_dates", "days", "timeline"]
                .iter()
                .find_map(|k| v[k].as_array())
        })
        .ok_or("output is not a list of dates")?;
    let mut tl = Timeline::new();
    for item in items {
        let date = item["date"]
            .as_str()
            .and_then(leading_date)
            .ok_or_else(|| format!("no YYYY-MM-DD \"date\" in {item}"))?;
        let sentences = item["sentences"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().or_else(|| s["text"].as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        tl.push((date, sentences));
    }
    tl.sort_by_key(|(d, _)| *d);
    Ok(tl)
}

fn run_digest(
    bin: &Path,
    articles: &Path,
    n: usize,
    k: usize,
) -> Result<(Timeline, Duration), String> {
    if !bin.is_file() {
        return Err(format!("{} not found", bin.display()));
    }
    let start = Instant::now();
    let out = Command::new(bin)
        .arg("digest")
        .arg(articles)
        .args([
            "--dates",
            &n.to_string(),
            "--sentences",
            &k.to_string(),
            "--format",
            "json",
        ])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let took = start.elapsed();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(format!("digest failed ({}): {first}", out.status));
    }
    Ok((
        parse_digest_json(&String::from_utf8_lossy(&out.stdout))?,
        took,
    ))
}

#[derive(Clone, Copy, Default)]
struct Scores {
    date: Prf,
    concat1: Prf,
    concat2: Prf,
    align1: Prf,
    align2: Prf,
}

impl Scores {
    fn of(pred: &Timeline, gold: &Timeline) -> Self {
        let dates = |t: &Timeline| t.iter().map(|(d, _)| *d).collect::<Vec<_>>();
        Scores {
            date: date_f1(&dates(pred), &dates(gold)),
            concat1: rouge_concat(pred, gold, 1),
            concat2: rouge_concat(pred, gold, 2),
            align1: rouge_align_m1(pred, gold, 1),
            align2: rouge_align_m1(pred, gold, 2),
        }
    }

    fn f1s(&self) -> [f64; 5] {
        [
            self.date.f1,
            self.concat1.f1,
            self.concat2.f1,
            self.align1.f1,
            self.align2.f1,
        ]
    }
}

fn header() {
    println!(
        "| system | date F1 | concat R1 F | concat R2 F | align+ m:1 R1 F | align+ m:1 R2 F | digest time |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
}

fn row(system: &str, f1s: Option<[f64; 5]>, time: &str) {
    let cells: Vec<String> = match f1s {
        Some(f) => f.iter().map(|x| format!("{x:.3}")).collect(),
        None => vec!["—".to_string(); 5],
    };
    println!("| {system} | {} | {time} |", cells.join(" | "));
}

fn dump(dir: &Path, story: &str, gold: &str, system: &str, tl: &Timeline) {
    let mut text = String::new();
    for (d, sents) in tl {
        text.push_str(&format!("{d}\n"));
        for s in sents {
            text.push_str(s.trim());
            text.push('\n');
        }
        text.push_str("--------------------------------\n");
    }
    let file = dir.join(format!("{story}--{gold}--{}.txt", system.replace(' ', "-")));
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&file, text)) {
        eprintln!("cannot write {}: {e}", file.display());
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let stories: Vec<PathBuf> = stories(&args.data)
        .into_iter()
        .filter(|s| args.only.as_ref().is_none_or(|o| name(s) == *o))
        .collect();
    if stories.is_empty() {
        eprintln!(
            "no story folder (with articles/) in {}",
            args.data.display()
        );
        std::process::exit(1);
    }
    println!("# Digest evaluation: {}\n", args.data.display());
    println!(
        "Binary: `{}`. F1 of dates; ROUGE F (tilse: stemmed, stop words removed).\n",
        args.bin.display()
    );

    // Per system, the scores of every gold timeline it was run on.
    let mut all: [Vec<[f64; 5]>; 3] = Default::default();
    let mut times = Vec::new();
    let mut timelines = 0;
    for story in &stories {
        let articles = load_articles(&story.join("articles"));
        let mentions: Vec<_> = articles.iter().map(day_mentions).collect();
        let golds = gold_files(story);
        if golds.is_empty() {
            println!(
                "## {}\n\nNo gold timeline (timelines/*.txt or timeline.txt): skipped.\n",
                name(story)
            );
        }
        for gold_path in golds {
            let Ok(text) = std::fs::read_to_string(&gold_path) else {
                eprintln!("cannot read {}", gold_path.display());
                continue;
            };
            let gold = parse_timeline(&text);
            if gold.is_empty() {
                eprintln!("{}: no dated blocks", gold_path.display());
                continue;
            }
            timelines += 1;
            let (n, k) = digest_size(&gold);
            let (story_name, gold_name) = (name(story), name(&gold_path));
            println!(
                "## {story_name} — {gold_name}\n\n{} articles; gold: N = {n} dates, K = {k} sentences a date.\n",
                articles.len()
            );
            let digest = run_digest(&args.bin, &story.join("articles"), n, k);
            if let Err(e) = &digest {
                println!("claimline digest not scored: {e}\n");
            }
            let preds: [Option<Timeline>; 3] = [
                Some(busiest_days(&articles, n, k)),
                Some(most_mentioned_days(&articles, &mentions, n, k)),
                digest.as_ref().ok().map(|(tl, _)| tl.clone()),
            ];
            header();
            for (s, pred) in preds.iter().enumerate() {
                let f1s = pred.as_ref().map(|p| Scores::of(p, &gold).f1s());
                let time = match (s, &digest) {
                    (2, Ok((_, t))) => {
                        times.push(t.as_secs_f64());
                        format!("{:.1} s", t.as_secs_f64())
                    }
                    _ => "—".to_string(),
                };
                row(SYSTEMS[s], f1s, &time);
                if let Some(f) = f1s {
                    all[s].push(f);
                }
                if let (Some(dir), Some(p)) = (&args.dump, pred) {
                    dump(
                        dir,
                        &story_name,
                        gold_name.trim_end_matches(".txt"),
                        SYSTEMS[s],
                        p,
                    );
                }
            }
            println!();
        }
    }

    let plural = if timelines == 1 { "" } else { "s" };
    println!("## Mean over {timelines} timeline{plural}\n");
    header();
    for (s, scores) in all.iter().enumerate() {
        let mean = (!scores.is_empty()).then(|| {
            let mut m = [0.0; 5];
            for f in scores {
                for (a, x) in m.iter_mut().zip(f) {
                    *a += x / scores.len() as f64;
                }
            }
            m
        });
        let label = if scores.len() == timelines {
            SYSTEMS[s].to_string()
        } else {
            format!("{} (on {} of {timelines})", SYSTEMS[s], scores.len())
        };
        let time = if s == 2 && !times.is_empty() {
            format!("{:.1} s", times.iter().sum::<f64>() / times.len() as f64)
        } else {
            "—".to_string()
        };
        row(&label, mean, &time);
    }
}
