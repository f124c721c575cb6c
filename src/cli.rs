//! The `claimline` command line: parse what the user typed ([`Cli`]), then run a validated
//! plan. `claimline` with no subcommand opens the desktop app.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand, ValueEnum};

use claimline::extract::{self, Extraction};
use claimline::ingest;
use claimline::model::{Command, Project, Source, TimeSpan, TimexValue, file};

/// Exit code for "valid request, but this build cannot do it yet" and for usage errors.
pub const EXIT_UNSUPPORTED: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "claimline",
    version,
    about = "Build annotated claim timelines from news articles",
    long_about = "Claimline pulls dated events and attributed statements out of news articles and lays \
                  them on a zoomable timeline: when it happened, when it was said, when it was reported.\n\n\
                  Without a subcommand it opens the desktop app (optionally with PROJECT)."
)]
pub struct Cli {
    /// Project to open in the desktop app.
    pub project: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Extract time expressions, statements and events from one article and print them.
    Extract {
        /// The article (plain text for now).
        article: PathBuf,
        /// Publication date, anchor of relative times: YYYY-MM-DD or YYYY-MM-DDTHH:MM.
        #[arg(long, value_parser = parse_published)]
        published: Option<TimeSpan>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Read numeric dates like 05/08/2025 day first (5 August).
        #[arg(long)]
        day_first: bool,
    },
    /// Import articles into a project (created if missing, added to otherwise).
    Import {
        /// Files, or http(s):// URLs to fetch.
        #[arg(required_unless_present = "urls")]
        articles: Vec<PathBuf>,
        /// A web page to fetch and import (repeatable).
        #[arg(long = "url", value_name = "URL")]
        urls: Vec<String>,
        #[arg(short, long)]
        output: PathBuf,
        /// Publication date for every article that has none in its metadata.
        #[arg(long, value_parser = parse_published)]
        published: Option<TimeSpan>,
    },
    /// Write a synthetic project for trying the app at scale (deterministic for a given seed).
    Demo {
        /// Number of entries.
        #[arg(long, default_value_t = 1_000)]
        entries: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(short, long)]
        output: PathBuf,
        /// Replace OUTPUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export a project.
    Export {
        project: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file, or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace OUTPUT if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Timelinejs,
    Csv,
    Md,
    Html,
    Svg,
    Png,
    Pdf,
}

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` as a day- or minute-precision span.
pub fn parse_published(s: &str) -> Result<TimeSpan, String> {
    let shape = |pattern: &str| {
        s.len() == pattern.len()
            && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
                b'9' => c.is_ascii_digit(),
                _ => c == p,
            })
    };
    let ok_shape = shape("9999-99-99") || shape("9999-99-99T99:99");
    let value: Option<TimexValue> = ok_shape.then(|| s.parse().ok()).flatten();
    match value {
        Some(v) => TimeSpan::from_value(v, None).map_err(|e| e.to_string()),
        None => Err(format!(
            "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got {s:?}"
        )),
    }
}

/// An error that maps to [`EXIT_UNSUPPORTED`].
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unsupported(pub String);

pub fn run(cmd: Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Extract {
            article,
            published,
            format,
            day_first,
        } => {
            let source = read_one(&article, published)?;
            let extraction = extract::extract(
                &source,
                &extract::Options {
                    anchor: None,
                    day_first,
                },
            );
            let mut out = std::io::stdout().lock();
            match format {
                ExtractFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &extraction)?;
                    writeln!(out)?;
                }
                ExtractFormat::Text => write_text(&mut out, &extraction)?,
            }
            Ok(())
        }
        Cmd::Import {
            articles,
            urls,
            output,
            published,
        } => {
            // An argument that looks like a URL is fetched rather than opened.
            let mut inputs: Vec<Input> = articles
                .into_iter()
                .map(|a| match a.to_str() {
                    Some(s) if is_url(s) => Input::Url(s.to_owned()),
                    _ => Input::File(a),
                })
                .collect();
            inputs.extend(urls.into_iter().map(Input::Url));
            import(&inputs, &output, published)
        }
        Cmd::Export {
            project,
            format,
            output,
            force,
        } => export(&project, format, &output, force),
        Cmd::Demo {
            entries,
            seed,
            output,
            force,
        } => {
            refuse_overwrite(&output, force)?;
            let project = claimline::demo::project(entries, seed);
            file::save(&project, &output)?;
            eprintln!(
                "claimline: wrote {} ({} entries, {} sources)",
                output.display(),
                project.entries.len(),
                project.sources.len()
            );
            Ok(())
        }
    }
}

/// One thing to import.
enum Input {
    File(PathBuf),
    Url(String),
}

impl Input {
    fn shown(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Url(u) => u.clone(),
        }
    }
}

fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn sources_from(path: &Path, published: Option<&TimeSpan>) -> anyhow::Result<Vec<Source>> {
    sources_from_input(&Input::File(path.to_owned()), published)
}

fn sources_from_input(input: &Input, published: Option<&TimeSpan>) -> anyhow::Result<Vec<Source>> {
    let docs = match input {
        Input::File(path) => ingest::read_path(path),
        Input::Url(url) => ingest::fetch_url(url, &ingest::FetchOptions::default()),
    };
    let docs = docs.map_err(|e| match e {
        ingest::IngestError::Unsupported { .. } => anyhow::Error::new(Unsupported(e.to_string())),
        other => anyhow::Error::new(other),
    })?;
    let mut sources = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        let mut source = doc.into_source(claimline::model::SourceId(i as u64 + 1));
        if let Some(p) = published {
            // The command line wins over metadata: the user said so explicitly.
            source.published = Some(p.clone());
            source.published_from = Some("--published".into());
        }
        sources.push(source);
    }
    Ok(sources)
}

fn read_one(path: &Path, published: Option<TimeSpan>) -> anyhow::Result<Source> {
    let mut sources = sources_from(path, published.as_ref())?;
    if sources.is_empty() {
        bail!("{}: no article found in the file", path.display());
    }
    Ok(sources.swap_remove(0))
}

fn write_text(out: &mut impl std::io::Write, x: &Extraction) -> std::io::Result<()> {
    writeln!(out, "{}", x.source.title)?;
    if let Some(p) = &x.source.published {
        writeln!(out, "published {p}")?;
    }
    writeln!(out, "\nTimes ({}):", x.timexes.len())?;
    for t in &x.timexes {
        writeln!(
            out,
            "  {:>6}–{:<6} {:<9} {:<14} {:?}",
            t.start,
            t.end,
            format!("{:?}", t.kind).to_uppercase(),
            t.value.to_string(),
            t.text
        )?;
    }
    writeln!(out, "\nStatements ({}):", x.statements.len())?;
    for s in &x.statements {
        let mut via = String::new();
        if let Some(o) = &s.outlet {
            via.push_str(&format!(" to {o}"));
        }
        for r in &s.relay {
            via.push_str(&format!(" → {r}"));
        }
        writeln!(
            out,
            "  {} {}{}{}: {:?}",
            s.speaker,
            s.cue,
            via,
            if s.direct { " (direct)" } else { "" },
            s.content
        )?;
    }
    writeln!(out, "\nEvents ({}):", x.events.len())?;
    for e in &x.events {
        let when = e.time.as_ref().map_or("undated".into(), TimeSpan::label);
        writeln!(out, "  [{when}] {}", e.text)?;
    }
    Ok(())
}

fn import(articles: &[Input], output: &Path, published: Option<TimeSpan>) -> anyhow::Result<()> {
    let mut project = if output.exists() {
        file::load(output)?
    } else {
        let title = output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".into());
        Project::new(title, chrono::Utc::now())
    };
    let mut failures = 0;
    let mut added = 0;
    for input in articles {
        // One bad file is reported and the batch goes on.
        let sources = match sources_from_input(input, published.as_ref()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("claimline: skipped {}: {e:#}", input.shown());
                failures += 1;
                continue;
            }
        };
        for mut source in sources {
            if let Some(dup) = ingest::find_duplicate(&project.sources, &source) {
                eprintln!(
                    "claimline: skipped {}: {} as source {} ({:?})",
                    input.shown(),
                    dup.reason(),
                    dup.existing().id,
                    dup.existing().title
                );
                continue;
            }
            source.id = project.new_source_id();
            let extraction = extract::extract(&source, &extract::Options::default());
            let entries = extraction.to_entries(&source, &mut project);
            let mut batch = vec![Command::InsertSource {
                index: None,
                source: Box::new(source),
            }];
            batch.extend(entries.into_iter().map(|e| Command::InsertEntry {
                index: None,
                entry: Box::new(e),
            }));
            project.apply(Command::Batch(batch))?;
            added += 1;
        }
    }
    project.modified = chrono::Utc::now();
    file::save(&project, output)?;
    eprintln!(
        "claimline: {} — {added} source(s) added, {} in project, {} entries",
        output.display(),
        project.sources.len(),
        project.entries.len()
    );
    if failures > 0 {
        bail!("{failures} file(s) could not be imported");
    }
    Ok(())
}

fn export(
    project_path: &Path,
    format: ExportFormat,
    output: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let project = file::load(project_path)?;
    let text = match format {
        ExportFormat::Json => file::to_json(&project, true),
        other => {
            return Err(Unsupported(format!(
                "export as {} is not supported yet",
                other
                    .to_possible_value()
                    .map_or("?".into(), |v| v.get_name().to_owned())
            ))
            .into());
        }
    };
    if output == Path::new("-") {
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(());
    }
    refuse_overwrite(output, force)?;
    file::write_atomic(output, text.as_bytes(), false)
        .with_context(|| format!("cannot write {}", output.display()))
}

fn refuse_overwrite(output: &Path, force: bool) -> anyhow::Result<()> {
    if output.exists() && !force {
        bail!("{} exists; pass --force to replace it", output.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_accepts_day_and_minute_only() {
        assert_eq!(
            parse_published("2025-08-21").unwrap().value.to_string(),
            "2025-08-21"
        );
        assert_eq!(
            parse_published("2025-08-21T09:30")
                .unwrap()
                .value
                .to_string(),
            "2025-08-21T09:30"
        );
        for bad in ["2025-08", "21/08/2025", "2025-02-30", "2025-08-21T9:30", ""] {
            assert!(parse_published(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory as _;
        Cli::command().debug_assert();
    }
}
