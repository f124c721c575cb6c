//! Scores the temporal tagger against gold annotations and prints a TempEval-3 style table.
//!
//! ```text
//! cargo run --release --no-default-features --example eval_timex -- \
//!     [--timeml DIR]... [--meantime DIR]... [--errors N] [--cli BIN] | --dump FILE [YYYY-MM-DD]
//! ```
//!
//! Always scores the seed article (`tests/fixtures/orikhiv-desertions.*`). `--timeml` takes
//! a directory searched recursively for `.tml` files (TimeBank, AQUAINT), `--meantime` one
//! with MEANTIME CAT `.xml` files. `--errors N` lists up to N mismatches per corpus.
//! `--cli BIN` scores what the command line writes instead of calling the library: each
//! document goes through `BIN extract FILE --published DCT --ranges split` and its JSON
//! `timexes` are scored by the same scorer.

use std::path::{Path, PathBuf};

use claimline::extract::Timex;
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

/// The `timexes` that `cli extract` writes for a document, as the scorer reads them.
fn tag_by_cli(cli: &Path, d: &GoldDoc, split_ranges: bool) -> Vec<Timex> {
    let dir = std::env::temp_dir().join(format!("eval_timex_{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("doc.txt");
    if let Err(e) = std::fs::write(&file, &d.text) {
        eprintln!("{}: {e}", file.display());
        return Vec::new();
    }
    let mut cmd = std::process::Command::new(cli);
    cmd.arg("extract").arg(&file).arg("--ranges");
    cmd.arg(if split_ranges { "split" } else { "joined" });
    if let Some(a) = d.anchor {
        cmd.arg("--published").arg(a.to_string());
    }
    let out = match cmd.output() {
        Ok(o) if o.status.success() => o.stdout,
        Ok(o) => {
            eprintln!("{}: {}", d.name, String::from_utf8_lossy(&o.stderr));
            return Vec::new();
        }
        Err(e) => {
            eprintln!("{}: {e}", cli.display());
            std::process::exit(2);
        }
    };
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    let field =
        |t: &serde_json::Value, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    json.get("timexes")
        .and_then(|t| t.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|t| {
                    Some(Timex {
                        text: field(t, "text")?,
                        start: t.get("start")?.as_u64()? as usize,
                        end: t.get("end")?.as_u64()? as usize,
                        kind: serde_json::from_value(t.get("type")?.clone()).ok()?,
                        value: field(t, "value")?.parse().ok()?,
                        interval: None,
                        span: None,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn run(title: &str, docs: &[GoldDoc], split_ranges: bool, errors: usize, cli: Option<&Path>) {
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
        let predicted = match cli {
            Some(cli) => tag_by_cli(cli, d, split_ranges),
            None => tag_with(&d.text, &options, style),
        };
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
    let mut cli: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--timeml" => timeml.extend(args.next().map(PathBuf::from)),
            "--meantime" => meantime.extend(args.next().map(PathBuf::from)),
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or(50),
            "--cli" => cli = args.next().map(PathBuf::from),
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
        Ok(doc) => run("seed article", &[doc], false, errors, cli.as_deref()),
        Err(e) => eprintln!("seed article: {e}"),
    }

    let mut all_timeml = Vec::new();
    for dir in &timeml {
        let docs = load_docs(dir, "tml", parse_timeml);
        run(
            &format!("TimeML {}", dir.display()),
            &docs,
            true,
            errors,
            cli.as_deref(),
        );
        all_timeml.extend(docs);
    }
    if timeml.len() > 1 {
        run(
            "TimeML, all directories",
            &all_timeml,
            true,
            0,
            cli.as_deref(),
        );
    }
    for dir in &meantime {
        let docs = load_docs(dir, "xml", parse_meantime);
        run(
            &format!("MEANTIME {}", dir.display()),
            &docs,
            true,
            errors,
            cli.as_deref(),
        );
    }
}
