//! Scores statement extraction.
//!
//! ```text
//! cargo run --release --no-default-features --example eval_statements            # fixtures
//! cargo run --release --no-default-features --example eval_statements -- --polnear /work/shared/data/polnear
//! cargo run --release --no-default-features --example eval_statements -- --dump FILE [YYYY-MM-DD]
//! ```
//!
//! Without arguments: the seed article, tests/fixtures/statements_gold.json (the development
//! set), tests/fixtures/statements_heldout.json (written after tuning, scored once) and
//! tests/fixtures/statements_blind.json (issue #15: written before the recall work, its first
//! score recorded in docs/EXTRACTION.md; `-v` adds recall by construction class). With
//! `--polnear DIR`: PolNeAR's `attributions/*.ann` against `text/*.txt` (all attributions, and
//! the subset whose gold cue is a speech or reporting cue in our lexicon). `-v` lists misses
//! and false alarms. `--dump` prints the statements and events found in a text file.
//! `--throughput [DIR]` runs the full pipeline over the fixtures (or over the `*.txt` files
//! of DIR) for about five seconds and reports MB per CPU second of this process (Linux), which
//! stays meaningful on a busy machine where wall-clock benches do not.

use std::path::{Path, PathBuf};

use claimline::extract::eval::statements::{
    GoldStatement, Report, gold_docs, gold_statements, parse_brat, score,
};
use claimline::extract::statements::{CueClass, lexicon};
use claimline::extract::{self, Extraction};
use claimline::model::{Source, SourceId, TimeSpan};

fn run(text: &str, published: Option<chrono::NaiveDate>) -> Extraction {
    let mut source = Source::from_text(SourceId(1), "", text.to_owned());
    source.published = published.map(TimeSpan::day);
    extract::extract(&source, &extract::Options::default())
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| {
        eprintln!("{}: {e}", p.display());
        std::process::exit(2)
    })
}

fn print(name: &str, r: &Report, verbose: bool) {
    println!("== {name}\n{}", r.table());
    if verbose {
        for m in &r.misses {
            println!("  miss: {m}");
        }
        for w in &r.wrong {
            println!("  wrong: {w}");
        }
        for f in &r.false_alarms {
            println!("  false alarm: {f}");
        }
    }
}

fn fixtures(verbose: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seed_text = read(&dir.join("orikhiv-desertions.txt"));
    let seed_gold: serde_json::Value =
        serde_json::from_str(&read(&dir.join("orikhiv-desertions.json"))).unwrap_or_default();
    let ex = run(&seed_text, chrono::NaiveDate::from_ymd_opt(2025, 8, 21));
    let seed = score(
        "seed",
        &ex.statements,
        &gold_statements(&seed_gold, &seed_text),
    );
    print("seed article", &seed, verbose);
    for (file, what) in [
        ("statements_gold.json", "development set"),
        ("statements_heldout.json", "held-out set"),
        ("statements_blind.json", "blind set, issue #15"),
    ] {
        let set: serde_json::Value =
            serde_json::from_str(&read(&dir.join(file))).unwrap_or_default();
        let mut total = Report::default();
        for doc in gold_docs(&set) {
            let ex = run(&doc.text, doc.published);
            total.add(&score(&doc.id, &ex.statements, &doc.statements));
        }
        print(&format!("{file} ({what})"), &total, verbose);
        if verbose {
            println!("{}", total.class_table());
        }
    }
}

/// Whether a gold cue is speech or reporting (not a belief, finding or evaluation).
fn speech_cue(g: &GoldStatement) -> bool {
    let Some(cue) = g.cue.as_deref() else {
        return false;
    };
    let cue = cue.trim().trim_end_matches(':').to_lowercase();
    // "has said", "said Thursday morning": look the words up one by one.
    cue.split_whitespace()
        .chain(std::iter::once(cue.as_str()))
        .filter_map(lexicon::lookup)
        .any(|c| {
            !matches!(
                c.class,
                CueClass::Belief
                    | CueClass::Finding
                    | CueClass::Intention
                    | CueClass::Evaluation
                    | CueClass::Topic
            )
        })
}

fn polnear(dir: &Path, verbose: bool) {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    anns.sort();
    let mut all = Report::default();
    let mut speech = Report::default();
    let mut seen = std::collections::HashSet::new();
    let mut bytes = 0usize;
    let started = std::time::Instant::now();
    for ann in anns {
        let Some(stem) = ann.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        // NAME_ANNOTATOR.ann: score each article once (the first annotator's file).
        let Some((name, _)) = stem.rsplit_once('_') else {
            continue;
        };
        if !seen.insert(name.to_owned()) {
            continue;
        }
        let text = read(&dir.join("text").join(format!("{name}.txt")));
        bytes += text.len();
        let date = name
            .split('_')
            .nth(1)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let gold = parse_brat(&read(&ann), &text);
        let ex = run(&text, date);
        all.add(&score(name, &ex.statements, &gold));
        // Speech subset: gold restricted to speech cues; predictions matched to a non-speech
        // gold are left out rather than counted as false alarms.
        let speech_gold: Vec<GoldStatement> = gold
            .iter()
            .map(|g| GoldStatement {
                optional: !speech_cue(g),
                ..g.clone()
            })
            .collect();
        speech.add(&score(name, &ex.statements, &speech_gold));
    }
    print("PolNeAR dev, all attributions", &all, verbose);
    println!("{}", all.class_table());
    print("PolNeAR dev, speech/reporting cues only", &speech, false);
    eprintln!(
        "{} articles, {} bytes in {:.2?}",
        all.docs,
        bytes,
        started.elapsed()
    );
}

fn dump(path: &Path, date: Option<&String>) {
    let text = read(path);
    let published = date.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let ex = run(&text, published);
    for s in &ex.statements {
        println!(
            "[{}..{}] {} ({}) | {} | outlet {:?} relay {:?} direct {} | said {:?} event {:?}\n    {:?}\n    {}",
            s.content_span.start,
            s.content_span.end,
            s.speaker,
            s.speaker_mention,
            s.cue,
            s.outlet,
            s.relay,
            s.direct,
            s.said_time.as_ref().map(|t| t.value.to_string()),
            s.event_time.as_ref().map(|t| t.value.to_string()),
            s.content,
            s.reason
        );
    }
    for e in &ex.events {
        println!(
            "EVENT {:?} @ {:?} ({})",
            e.text,
            e.time.as_ref().map(|t| t.value.to_string()),
            e.reason
        );
    }
}

/// User + system CPU seconds of this process, from /proc (Linux; clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn throughput(dir: Option<&String>) {
    let texts: Vec<String> = match dir {
        Some(d) => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(d)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
            files.sort();
            files.iter().map(|p| read(p)).collect()
        }
        None => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let mut t = vec![read(&dir.join("orikhiv-desertions.txt"))];
            for f in [
                "statements_gold.json",
                "statements_heldout.json",
                "statements_blind.json",
            ] {
                let v: serde_json::Value =
                    serde_json::from_str(&read(&dir.join(f))).unwrap_or_default();
                t.extend(gold_docs(&v).into_iter().map(|d| d.text));
            }
            t
        }
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let published = chrono::NaiveDate::from_ymd_opt(2025, 8, 21);
    let wall = std::time::Instant::now();
    let cpu0 = cpu_seconds();
    let mut rounds = 0usize;
    while wall.elapsed().as_secs_f64() < 5.0 || rounds == 0 {
        for t in &texts {
            std::hint::black_box(run(t, published));
        }
        rounds += 1;
    }
    let total = (bytes * rounds) as f64 / 1e6;
    let w = wall.elapsed().as_secs_f64();
    match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => println!(
            "{} texts, {bytes} bytes × {rounds} rounds: {:.2} MB per CPU second ({:.2} MB/s wall)",
            texts.len(),
            total / (b - a),
            total / w
        ),
        _ => println!("{:.2} MB/s wall (no CPU clock)", total / w),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let pos = |flag: &str| args.iter().position(|a| a == flag);
    if let Some(i) = pos("--dump") {
        match args.get(i + 1) {
            Some(p) => dump(Path::new(p), args.get(i + 2)),
            None => eprintln!("--dump FILE [YYYY-MM-DD]"),
        }
        return;
    }
    if let Some(i) = pos("--throughput") {
        throughput(args.get(i + 1).filter(|a| !a.starts_with('-')));
        return;
    }
    if let Some(i) = pos("--polnear") {
        match args.get(i + 1) {
            Some(p) => polnear(Path::new(p), verbose),
            None => eprintln!("--polnear DIR"),
        }
        return;
    }
    fixtures(verbose);
}
