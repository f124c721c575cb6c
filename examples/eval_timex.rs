//! Scores the temporal tagger against gold annotations and prints a TempEval-3 style table.
//!
//! ```text
//! cargo run --release --no-default-features --example eval_timex -- \
//!     [--timeml DIR]... [--meantime DIR]... [--errors N] | --dump FILE [YYYY-MM-DD]
//! ```
//!
//! Always scores the seed article (`tests/fixtures/orikhiv-desertions.*`). `--timeml` takes
//! a directory searched recursively for `.tml` files (TimeBank, AQUAINT), `--meantime` one
//! with MEANTIME CAT `.xml` files. `--errors N` lists up to N mismatches per corpus.

use std::path::{Path, PathBuf};

use claimline::extract::eval::timex::{
    EvalError, GoldDoc, Mismatch, Report, parse_gold_json, parse_meantime, parse_timeml, score_doc,
};
use claimline::extract::timex::{RangeStyle, TagOptions, tag_with};

/// Every gold document under `dir` with extension `ext`; files that fail to parse are
/// reported and skipped.
fn load_docs(
    dir: &Path,
    ext: &str,
    parse: fn(&str, &str) -> Result<GoldDoc, EvalError>,
) -> Vec<GoldDoc> {
    let mut paths = Vec::new();
    files(dir, ext, &mut paths);
    paths
        .iter()
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).ok()?;
            parse(&name, &text)
                .map_err(|e| eprintln!("{}: {e}", p.display()))
                .ok()
        })
        .collect()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("cannot read {}", dir.display());
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

fn run(title: &str, docs: &[GoldDoc], split_ranges: bool, errors: usize) {
    let mut report = Report::default();
    for d in docs {
        let options = TagOptions {
            anchor: d.anchor,
            ..TagOptions::default()
        };
        let style = if split_ranges {
            RangeStyle::Split
        } else {
            RangeStyle::Joined
        };
        let predicted = tag_with(&d.text, &options, style);
        report.add(&d.name, score_doc(d, &predicted));
    }
    println!("{}", report.table(title));
    if errors == 0 {
        return;
    }
    let mut shown = 0;
    for (name, s) in &report.per_doc {
        for m in &s.mismatches {
            if shown >= errors {
                return;
            }
            shown += 1;
            match m {
                Mismatch::Missed { gold } => {
                    println!("  {name}: MISSED   {:?} {}", gold.text, gold.value)
                }
                Mismatch::Spurious { text, value, .. } => {
                    println!("  {name}: SPURIOUS {text:?} {value}")
                }
                Mismatch::Extent { gold, text } => {
                    println!("  {name}: EXTENT   gold {:?} got {text:?}", gold.text)
                }
                Mismatch::Value { gold, value } => println!(
                    "  {name}: VALUE    {:?} gold {} got {value}",
                    gold.text, gold.value
                ),
                Mismatch::Type { gold, kind } => println!(
                    "  {name}: TYPE     {:?} gold {:?} got {kind:?}",
                    gold.text, gold.kind
                ),
            }
        }
    }
}

fn main() {
    let mut timeml = Vec::new();
    let mut meantime = Vec::new();
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--timeml" => timeml.extend(args.next().map(PathBuf::from)),
            "--meantime" => meantime.extend(args.next().map(PathBuf::from)),
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(50),
            // `--dump FILE [YYYY-MM-DD]`: print what is tagged in any text file.
            "--dump" => {
                let path = args.next().unwrap_or_default();
                let anchor = args
                    .next()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    eprintln!("{path}: {e}");
                    std::process::exit(2)
                });
                let options = TagOptions {
                    anchor,
                    ..TagOptions::default()
                };
                for t in tag_with(&text, &options, RangeStyle::Split) {
                    println!(
                        "{:>7} {:<8} {:<22} {:?}",
                        t.start,
                        format!("{:?}", t.kind),
                        t.value.to_string(),
                        t.text
                    );
                }
                return;
            }
            other => {
                eprintln!("unknown argument {other:?}");
                std::process::exit(2);
            }
        }
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seed = std::fs::read_to_string(root.join("orikhiv-desertions.txt"))
        .and_then(|text| {
            std::fs::read_to_string(root.join("orikhiv-desertions.json")).map(|g| (text, g))
        })
        .map_err(|e| e.to_string())
        .and_then(|(text, g)| {
            parse_gold_json("orikhiv-desertions", &g, &text).map_err(|e| e.to_string())
        });
    match seed {
        Ok(doc) => run("seed article", &[doc], false, errors),
        Err(e) => eprintln!("seed article: {e}"),
    }

    let mut all_timeml = Vec::new();
    for dir in &timeml {
        let docs = load_docs(dir, "tml", parse_timeml);
        run(&format!("TimeML {}", dir.display()), &docs, true, errors);
        all_timeml.extend(docs);
    }
    if timeml.len() > 1 {
        run("TimeML, all directories", &all_timeml, true, 0);
    }
    for dir in &meantime {
        let docs = load_docs(dir, "xml", parse_meantime);
        run(&format!("MEANTIME {}", dir.display()), &docs, true, errors);
    }
}
