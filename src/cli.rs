//! The `claimline` command line: parse what the user typed ([`Cli`]), then run a validated
//! plan. `claimline` with no subcommand opens the desktop app.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand, ValueEnum};

use claimline::export;
use claimline::extract::{self, Extraction};
use claimline::ingest;
use claimline::model::{Command, Project, Source, TimeSpan, TimexValue, file, writer};
use claimline::story;

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
    /// Extract time expressions, statements and events from one article and print them; with
    /// --jsonl, from many files and folders, one JSON line per article.
    Extract {
        /// The article; with --jsonl, any number of files and folders.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Publication date, anchor of relative times: YYYY-MM-DD or YYYY-MM-DDTHH:MM.
        #[arg(long, value_parser = parse_published)]
        published: Option<TimeSpan>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Read numeric dates like 05/08/2025 day first (5 August).
        #[arg(long)]
        day_first: bool,
        /// How ranges ("2014-2015", "from May to July") are written in `timexes`: `split`
        /// gives one expression per end, as TimeML and TempEval annotate them; `joined` one
        /// expression with a range value (`2014/2015`), as the app shows them.
        #[arg(long, value_enum, default_value_t = RangesArg::Split)]
        ranges: RangesArg,
        /// Batch mode: one JSON object per line and article (the `--format json` object with
        /// its `path`), in input order, streamed; a file that cannot be read is one
        /// `{"path", "error"}` line and the batch goes on.
        #[arg(long, conflicts_with = "format")]
        jsonl: bool,
        /// Worker threads for --jsonl (default: one per core).
        #[arg(long, requires = "jsonl", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// Import articles into a project (created if missing, added to otherwise). Files are read
    /// and extracted in parallel; the project is saved once, at the end.
    Import {
        /// Files, folders of articles (walked; dates from the path when a file has none), or
        /// http(s):// URLs to fetch.
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
        /// Worker threads (default: one per core).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// The key dates of a story: the days that matter, ranked from its coverage, each with a
    /// few sentences from the sources. Printed ordered by date.
    Digest {
        /// Article files, folders of them (dates from the path when a file has none, e.g.
        /// `2009-04-25/12.txt`), or one `.claimline` project.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// How many key dates (default: the days that stand out, between 5 and 30).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        dates: Option<u32>,
        /// Sentences per key date, at most.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=50))]
        sentences: u32,
        /// `json` (the contract below), `md` or `html` (a briefing of the key dates), or
        /// `svg`, `png`, `pdf` (the key dates as an image; PNG and PDF need `-o`).
        #[arg(long, value_enum, default_value_t = DigestFormat::Json)]
        format: DigestFormat,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace OUTPUT if it exists.
        #[arg(long)]
        force: bool,
        /// Worker threads (default: one per core).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
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
    /// Export a project (or a filtered selection of its entries).
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
        #[command(flatten)]
        filter: ExportFilter,
        /// JSON on one line instead of indented.
        #[arg(long)]
        compact: bool,
        /// Start a CSV with a UTF-8 byte order mark (for Excel).
        #[arg(long)]
        bom: bool,
        #[command(flatten)]
        image: ImageArgs,
    },
    /// Suggest claims: entries from different sources that likely say the same thing.
    Claims {
        project: PathBuf,
        /// Confirm every suggestion as a claim and save the project.
        #[arg(long)]
        apply: bool,
        /// Where --apply saves (default: PROJECT itself).
        #[arg(short, long, requires = "apply")]
        output: Option<PathBuf>,
    },
    /// Import entries from a TimelineJS JSON or Claimline CSV file into a project (created if
    /// missing, added to otherwise).
    ImportTimeline {
        /// A TimelineJS3 `.json` file or a `.csv` written by `export --format csv`.
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// How images (svg, png, pdf, and the one in an html briefing) look.
#[derive(clap::Args, Debug, Default)]
pub struct ImageArgs {
    /// Image width in pixels (height follows the content unless --height is given).
    #[arg(long)]
    pub width: Option<u32>,
    /// Fixed image height in pixels (content is scaled to fit).
    #[arg(long, requires = "width")]
    pub height: Option<u32>,
    /// A landscape page instead of a pixel size (PDF paginates on it).
    #[arg(long, value_enum, conflicts_with = "width")]
    pub paper: Option<PaperArg>,
    /// PNG pixels per point, e.g. 2 for high-DPI screens.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Title above the chart and the briefing (default: the project title; "" for none).
    #[arg(long)]
    pub title: Option<String>,
    /// Dark background.
    #[arg(long)]
    pub dark: bool,
    /// Leave out the legend band.
    #[arg(long)]
    pub no_legend: bool,
    /// Entry notes as numbered footnotes under the chart.
    #[arg(long)]
    pub notes: bool,
    /// Draw long empty stretches at their true width instead of as axis breaks ("⫽ 19 months").
    #[arg(long)]
    pub no_breaks: bool,
    /// Fit every entry's date. By default, when most entries lie in the sources' own weeks
    /// and some far beyond ("built in 1921"), the image shows those weeks and its subtitle
    /// says how many entries lie beyond.
    #[arg(long)]
    pub all_dates: bool,
    /// What picks an item's colour; the legend says what each colour means.
    #[arg(long, value_enum, default_value_t)]
    pub color_by: ColorByArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorByArg {
    /// One colour per lane.
    #[default]
    Lane,
    Tag,
    /// candidate / accepted / rejected.
    Status,
    /// event / statement.
    Kind,
    /// said, believes, denies, wants … (from the statement's cue).
    Stance,
}

impl From<ColorByArg> for claimline::timeline::ColorBy {
    fn from(c: ColorByArg) -> Self {
        match c {
            ColorByArg::Lane => Self::Lane,
            ColorByArg::Tag => Self::Tag,
            ColorByArg::Status => Self::Status,
            ColorByArg::Kind => Self::Kind,
            ColorByArg::Stance => Self::Stance,
        }
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum PaperArg {
    A4,
    Letter,
}

impl ImageArgs {
    fn options(&self) -> export::svg::ImageOptions {
        use export::svg::{ImageSize, Paper, Theme};
        let mut o = export::svg::ImageOptions::default();
        if let Some(width) = self.width {
            o.size = ImageSize::Pixels {
                width,
                height: self.height,
            };
        }
        if let Some(paper) = self.paper {
            o.size = ImageSize::Paper(match paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            });
        }
        o.scale = self.scale.clamp(0.25, 8.0);
        o.title.clone_from(&self.title);
        o.theme = if self.dark { Theme::Dark } else { Theme::Light };
        o.legend = !self.no_legend;
        o.include_notes = self.notes;
        o.compress_gaps = !self.no_breaks;
        o.story_period = !self.all_dates;
        o.color_by = self.color_by.into();
        o
    }
}

/// Which entries an export holds; the options combine (an entry must pass each).
#[derive(clap::Args, Debug, Default)]
pub struct ExportFilter {
    /// Only entries with these review states (repeat or comma-separate).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    /// Leave out rejected entries (same as --status candidate,accepted).
    #[arg(long, conflicts_with = "status")]
    pub hide_rejected: bool,
    /// Only events or only statements.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub kind: Vec<KindArg>,
    /// Only statements with these stances, e.g. `--stance denies,claims` (verbs as in
    /// briefings: said, claims, denies, warns, believes, wants, promises, urges, criticises,
    /// evaluates, asks, finds).
    #[arg(long, value_delimiter = ',', value_parser = parse_stance)]
    pub stance: Vec<claimline::model::Stance>,
    /// Only entries with at least one of these tags (repeat or comma-separate).
    #[arg(long, value_delimiter = ',')]
    pub tag: Vec<String>,
    /// Only entries whose time overlaps FROM or later: a TIMEX value such as 2021, 2025-08,
    /// 2025-08-20.
    #[arg(long, value_parser = checked_bound)]
    pub from: Option<String>,
    /// Only entries whose time overlaps TO or earlier (TO included).
    #[arg(long, value_parser = checked_bound)]
    pub to: Option<String>,
    /// The story as known at the end of this day (UTC), YYYY-MM-DD: entries reported later
    /// are left out and claims show the verdict they had then.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_known_on: Option<chrono::NaiveDate>,
}

/// A stance by its briefing verb ("believes").
fn parse_stance(s: &str) -> Result<claimline::model::Stance, String> {
    claimline::model::Stance::from_verb(s.trim().to_lowercase().as_str()).ok_or_else(|| {
        let verbs: Vec<&str> = claimline::model::Stance::ALL
            .iter()
            .map(|s| s.verb())
            .collect();
        format!("unknown stance {s:?}; one of {}", verbs.join(", "))
    })
}

/// A calendar day, `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a day as YYYY-MM-DD, got {s:?}"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Candidate,
    Accepted,
    Rejected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Event,
    Statement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RangesArg {
    Split,
    Joined,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    Json,
    Md,
    Html,
    Svg,
    Png,
    Pdf,
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
    /// schema.org ClaimReview JSON-LD of the claims that have a verdict.
    Claimreview,
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

/// A time range bound for `--from`/`--to`: any placeable TIMEX value without an anchor.
pub fn parse_bound(s: &str) -> Result<TimeSpan, String> {
    TimeSpan::parse(s.trim(), None)
        .map_err(|e| format!("expected a date such as 2021, 2025-08 or 2025-08-20: {e}"))
}

/// Checks a `--from`/`--to` value while parsing; kept as text so the command stays small.
fn checked_bound(s: &str) -> Result<String, String> {
    parse_bound(s).map(|_| s.trim().to_owned())
}

/// An error that maps to [`EXIT_UNSUPPORTED`].
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unsupported(pub String);

pub fn run(cmd: Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Extract {
            articles,
            published,
            format,
            day_first,
            ranges,
            jsonl,
            jobs,
        } => {
            let options = extract::Options {
                anchor: None,
                day_first,
                ranges: match ranges {
                    RangesArg::Split => extract::timex::RangeStyle::Split,
                    RangesArg::Joined => extract::timex::RangeStyle::Joined,
                },
            };
            if jsonl {
                let jobs = jobs.map_or_else(story::batch::default_jobs, usize::from);
                return extract_jsonl(&articles, published.as_ref(), &options, jobs);
            }
            let [article] = articles.as_slice() else {
                return Err(Unsupported(
                    "extract prints one article; for several, give --jsonl".into(),
                )
                .into());
            };
            let source = read_one(article, published)?;
            let extraction = extract::extract(&source, &options);
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
            jobs,
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
            let jobs = jobs.map_or_else(story::batch::default_jobs, usize::from);
            import(&inputs, &output, published, jobs)
        }
        Cmd::Digest {
            inputs,
            dates,
            sentences,
            format,
            output,
            force,
            jobs,
        } => {
            let options = story::digest::Options {
                dates: dates.map(|n| n as usize),
                sentences: sentences as usize,
                jobs: jobs.map_or_else(story::batch::default_jobs, usize::from),
                ..story::digest::Options::default()
            };
            digest_cmd(&inputs, &options, format, output.as_deref(), force)
        }
        Cmd::Export {
            project,
            format,
            output,
            force,
            filter,
            compact,
            bom,
            image,
        } => {
            let options = export::ExportOptions {
                selection: filter.selection()?,
                pretty: !compact,
                bom,
                image: image.options(),
            };
            export_cmd(&project, format.into(), &options, &output, force)
        }
        Cmd::ImportTimeline { file, output } => import_timeline(&file, &output),
        Cmd::Claims {
            project,
            apply,
            output,
        } => claims_cmd(&project, apply, output.as_deref()),
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
#[derive(Clone)]
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

    /// The day a file was last modified (local files only).
    fn modified_date(&self) -> Option<chrono::NaiveDate> {
        match self {
            Input::File(p) => {
                let t = std::fs::metadata(p).ok()?.modified().ok()?;
                Some(chrono::DateTime::<chrono::Utc>::from(t).date_naive())
            }
            Input::Url(_) => None,
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

/// What `import` says of a source with no publication date: how many of its entries stay
/// off the timeline, and the dates that could be given with `--published`.
pub fn undated_hint(
    title: &str,
    undated: usize,
    total: usize,
    latest_in_text: Option<chrono::NaiveDate>,
    file_modified: Option<chrono::NaiveDate>,
) -> String {
    let mut hint = format!(
        "claimline: {title:?} has no publication date: {undated} of its {total} entries have no date \
         and are listed apart from the timeline; give one with --published YYYY-MM-DD"
    );
    let options = extract::date_suggestions(latest_in_text, file_modified);
    if !options.is_empty() {
        hint.push_str(&format!(" ({})", options.join("; ")));
    }
    hint
}

fn import(
    articles: &[Input],
    output: &Path,
    published: Option<TimeSpan>,
    jobs: usize,
) -> anyhow::Result<()> {
    // Under the project's lock from load to save: a concurrent import waits, then adds to
    // what this one saved, instead of overwriting it.
    let new = || {
        let title = output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| Project::UNTITLED.into());
        Project::new(title, chrono::Utc::now())
    };
    if writer::open_elsewhere(output) {
        eprintln!(
            "claimline: {} is open in a Claimline window; that window will ask before saving over this import",
            output.display()
        );
    }
    let (counts, project) = writer::update(
        output,
        new,
        |project, new_project| {
            let counts = add_inputs(project, articles, published.as_ref(), jobs)?;
            // A new project is named after its first article, not its file ("s.claimline" → "s").
            if new_project && let Some(first) = project.sources.first() {
                let title = first.title.trim();
                if !title.is_empty() {
                    project.title = title.to_owned();
                }
            }
            if counts.added == 0 && counts.failures > 0 {
                // Nothing to add: the project file (and its backup) stay as they were.
                bail!(
                    "{} file(s) could not be imported; nothing saved",
                    counts.failures
                );
            }
            project.modified = chrono::Utc::now();
            Ok((counts, true))
        },
        || waiting_for(output),
    )?;
    eprintln!(
        "claimline: {} — {} source(s) added, {} in project, {} entries",
        output.display(),
        counts.added,
        project.sources.len(),
        project.entries.len()
    );
    if counts.failures > 0 {
        bail!("{} file(s) could not be imported", counts.failures);
    }
    Ok(())
}

/// What [`add_inputs`] did.
struct ImportCounts {
    added: usize,
    failures: usize,
}

/// Reads `inputs` (files, folders, URLs), extracts them on `jobs` threads and adds them to
/// `project` in input order: duplicates skipped, versions tied to their story, undated
/// sources reported. One bad file is reported and the rest go on.
fn add_inputs(
    project: &mut Project,
    inputs: &[Input],
    published: Option<&TimeSpan>,
    jobs: usize,
) -> anyhow::Result<ImportCounts> {
    // Folders become their article files; URLs are fetched one by one (rare, network-bound).
    let mut expanded: Vec<Input> = Vec::new();
    for input in inputs {
        match input {
            Input::File(p) if p.is_dir() => {
                let (files, more) = ingest::article_files_under(p)?;
                if more {
                    eprintln!(
                        "claimline: {}: only the first {} article files are imported",
                        p.display(),
                        ingest::MAX_FOLDER_FILES
                    );
                }
                if files.is_empty() {
                    eprintln!("claimline: {}: no article files in the folder", p.display());
                }
                expanded.extend(files.into_iter().map(Input::File));
            }
            other => expanded.push(other.clone()),
        }
    }
    let total = expanded.len();
    let progress = Progress::new(total);
    let read: Vec<anyhow::Result<Vec<(Source, Extraction)>>> =
        story::batch::par_map(&expanded, jobs, |input| {
            let r = sources_from_input(input, published).map(|sources| {
                sources
                    .into_iter()
                    .map(|s| {
                        let x = extract::extract(&s, &extract::Options::default());
                        (s, x)
                    })
                    .collect()
            });
            progress.tick();
            r
        });
    progress.finish();
    let mut counts = ImportCounts {
        added: 0,
        failures: 0,
    };
    let mut stories = ingest::story::StoryIndex::new(&project.sources);
    for (input, read) in expanded.iter().zip(read) {
        let sources = match read {
            Ok(s) => s,
            Err(e) => {
                eprintln!("claimline: skipped {}: {e:#}", input.shown());
                counts.failures += 1;
                continue;
            }
        };
        for (mut source, extraction) in sources {
            let related = stories.relate(&source);
            let existing = related.and_then(|r| project.source(r.to));
            if let (Some(r), Some(existing)) = (related, existing) {
                if !r.relation.is_version() {
                    eprintln!(
                        "claimline: skipped {}: {} as source {} ({:?})",
                        input.shown(),
                        r.relation.reason(),
                        existing.id,
                        existing.title
                    );
                    continue;
                }
                source.version_of = Some(r.lead);
                eprintln!(
                    "claimline: {} is a version of source {} ({:?}): {}",
                    input.shown(),
                    r.lead,
                    existing.title,
                    r.relation.reason()
                );
            }
            source.id = project.new_source_id();
            stories.insert(&source);
            if let Some(summary) = source.anchor_summary() {
                eprintln!("claimline: {}: {summary}", input.shown());
            }
            let entries = extraction.to_entries(&source, project);
            if source.published.is_none() {
                // Say so, with what could date it: the file's time and the text's own dates.
                let undated = entries
                    .iter()
                    .filter(|e| e.primary_time().is_none())
                    .count();
                let latest = extract::latest_absolute_date(&extraction.timexes);
                let modified = input.modified_date();
                eprintln!(
                    "{}",
                    undated_hint(&source.title, undated, entries.len(), latest, modified)
                );
            }
            project.apply(Command::Batch(extract::insert_commands(source, entries)))?;
            counts.added += 1;
        }
    }
    Ok(counts)
}

/// Files extracted between two writes of `extract --jsonl`: memory stays bounded by one
/// chunk's results however many files there are, and every core stays busy.
const JSONL_CHUNK: usize = 64;

/// `extract --jsonl`: every article under `inputs`, one JSON line each, in input order.
fn extract_jsonl(
    inputs: &[PathBuf],
    published: Option<&TimeSpan>,
    options: &extract::Options,
    jobs: usize,
) -> anyhow::Result<()> {
    let (files, truncated) = story::batch::expand_inputs(inputs)?;
    for folder in truncated {
        eprintln!(
            "claimline: {}: only the first {} article files are read",
            folder.display(),
            ingest::MAX_FOLDER_FILES
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failures = 0usize;
    for chunk in files.chunks(JSONL_CHUNK) {
        let lines = story::batch::par_map(chunk, jobs, |path| {
            let shown = path.display().to_string();
            match sources_from(path, published) {
                Ok(sources) if sources.is_empty() => Err(serde_json::json!({
                    "path": shown, "error": "no article found in the file",
                })),
                Ok(sources) => Ok(sources
                    .iter()
                    .map(|source| {
                        let x = extract::extract(source, options);
                        let mut line = serde_json::Map::new();
                        line.insert("path".into(), shown.clone().into());
                        if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(&x) {
                            line.extend(fields);
                        }
                        serde_json::Value::Object(line)
                    })
                    .collect::<Vec<_>>()),
                Err(e) => Err(serde_json::json!({"path": shown, "error": format!("{e:#}")})),
            }
        });
        for result in lines {
            let values = result.unwrap_or_else(|error| {
                failures += 1;
                vec![error]
            });
            for v in values {
                serde_json::to_writer(&mut out, &v)?;
                out.write_all(b"\n")?;
            }
        }
        out.flush()?;
    }
    if failures > 0 {
        bail!("{failures} of {} file(s) could not be read", files.len());
    }
    Ok(())
}

/// "reading 120/400 files" on stderr: rewritten in place on a terminal, every tenth
/// otherwise (logs stay short).
struct Progress {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    terminal: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        use std::io::IsTerminal as _;
        Self {
            total,
            done: 0.into(),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        // Small batches say nothing: the summary line is enough.
        if self.total < PROGRESS_FROM {
            return;
        }
        if self.terminal {
            eprint!("\rclaimline: read {done}/{} files", self.total);
        } else if done.is_multiple_of(self.total.div_ceil(10)) && done < self.total {
            eprintln!("claimline: read {done}/{} files", self.total);
        }
    }

    fn finish(&self) {
        if self.terminal && self.total >= PROGRESS_FROM {
            eprintln!();
        }
    }
}

/// Batches of at least this many files report progress.
const PROGRESS_FROM: usize = 20;

/// A digest of loose articles is named after the folder it came from ("bpoil_bbc" for
/// `bpoil_bbc/articles/`), else after the first file.
fn story_title(inputs: &[PathBuf]) -> String {
    let Some(first) = inputs.first() else {
        return Project::UNTITLED.into();
    };
    let name = |p: &Path| p.file_stem().map(|n| n.to_string_lossy().into_owned());
    let canonical = first.canonicalize().unwrap_or_else(|_| first.clone());
    match name(&canonical) {
        Some(n) if n.eq_ignore_ascii_case("articles") => {
            canonical.parent().and_then(name).unwrap_or(n)
        }
        Some(n) => n,
        None => Project::UNTITLED.into(),
    }
}

fn digest_cmd(
    inputs: &[PathBuf],
    options: &story::digest::Options,
    format: DigestFormat,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<()> {
    if let Some(out) = output {
        refuse_overwrite(out, force)?;
    } else if matches!(format, DigestFormat::Png | DigestFormat::Pdf) {
        let name = if format == DigestFormat::Png {
            "PNG"
        } else {
            "PDF"
        };
        bail!("{name} is binary; write it to a file with -o FILE");
    }
    let is_project = |p: &PathBuf| p.extension().is_some_and(|e| e == "claimline");
    let projects: Vec<&PathBuf> = inputs.iter().filter(|p| is_project(p)).collect();
    if projects.len() > 1 {
        return Err(Unsupported("digest reads one project at a time".into()).into());
    }
    let mut project = match projects.first() {
        Some(p) => file::load(p)?,
        None => Project::new(story_title(inputs), chrono::Utc::now()),
    };
    let articles: Vec<Input> = inputs
        .iter()
        .filter(|p| !is_project(p))
        .map(|p| Input::File(p.clone()))
        .collect();
    let counts = add_inputs(&mut project, &articles, None, options.jobs)?;
    if project.sources.is_empty() {
        bail!("no article could be read ({} failed)", counts.failures);
    }
    let digest = story::digest::digest(&project, options);
    eprintln!(
        "claimline: {} sources, {} entries; {}",
        project.sources.len(),
        project.entries.len(),
        digest.count_reason
    );
    let format = match format {
        DigestFormat::Json => export::ExportFormat::Json,
        DigestFormat::Md => export::ExportFormat::Markdown,
        DigestFormat::Html => export::ExportFormat::Html,
        DigestFormat::Svg => export::ExportFormat::Svg,
        DigestFormat::Png => export::ExportFormat::Png,
        DigestFormat::Pdf => export::ExportFormat::Pdf,
    };
    let bytes = export::digest::to_bytes(&project, &digest, format)?;
    match output {
        Some(out) => export::write_file(out, &bytes, force)?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}

impl From<ExportFormat> for export::ExportFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Json => Self::Json,
            ExportFormat::Timelinejs => Self::TimelineJs,
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Md => Self::Markdown,
            ExportFormat::Html => Self::Html,
            ExportFormat::Svg => Self::Svg,
            ExportFormat::Png => Self::Png,
            ExportFormat::Pdf => Self::Pdf,
            ExportFormat::Claimreview => Self::ClaimReview,
        }
    }
}

impl ExportFilter {
    /// The validated selection the options describe.
    pub fn selection(&self) -> anyhow::Result<export::Selection> {
        use claimline::model::{EntryKind, Status};
        let statuses = if self.hide_rejected {
            vec![Status::Candidate, Status::Accepted]
        } else {
            self.status
                .iter()
                .map(|s| match s {
                    StatusArg::Candidate => Status::Candidate,
                    StatusArg::Accepted => Status::Accepted,
                    StatusArg::Rejected => Status::Rejected,
                })
                .collect()
        };
        let bound = |b: &Option<String>| -> anyhow::Result<Option<TimeSpan>> {
            b.as_deref()
                .map(parse_bound)
                .transpose()
                .map_err(|e| Unsupported(e).into())
        };
        let (from, to) = (bound(&self.from)?, bound(&self.to)?);
        let time_range = match (&from, &to) {
            (None, None) => None,
            (from, to) => {
                let start = from
                    .as_ref()
                    .map_or(chrono::NaiveDateTime::MIN, |f| f.start);
                let end = to.as_ref().map_or(chrono::NaiveDateTime::MAX, |t| t.end);
                if start >= end {
                    return Err(Unsupported(format!(
                        "--from {} is after --to {}",
                        from.as_ref().map_or(String::new(), TimeSpan::label),
                        to.as_ref().map_or(String::new(), TimeSpan::label)
                    ))
                    .into());
                }
                Some((start, end))
            }
        };
        Ok(export::Selection {
            statuses,
            kinds: self
                .kind
                .iter()
                .map(|k| match k {
                    KindArg::Event => EntryKind::Event,
                    KindArg::Statement => EntryKind::Statement,
                })
                .collect(),
            stances: self.stance.clone(),
            tags: self.tag.clone(),
            time_range,
            ids: None,
            known_on: self.as_known_on,
        })
    }
}

fn export_cmd(
    project_path: &Path,
    format: export::ExportFormat,
    options: &export::ExportOptions,
    output: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let to_stdout = output == Path::new("-");
    if !to_stdout {
        // Before loading: a refused export should not cost a load.
        refuse_overwrite(output, force)?;
    }
    let project = file::load(project_path)?;
    // Images of a story's whole coverage have lanes by outlet, as the app shows it.
    let mut options = options.clone();
    options.image.group_by = claimline::timeline::default_group_by(&project);
    let exported = export::export_bytes(&project, format, &options)?;
    for note in &exported.notes {
        eprintln!("claimline: {note}");
    }
    if to_stdout {
        if !format.is_text() {
            bail!("{format} is binary; write it to a file with -o FILE");
        }
        std::io::stdout().lock().write_all(&exported.bytes)?;
        return Ok(());
    }
    export::write_file(output, &exported.bytes, force)?;
    Ok(())
}

fn import_timeline(path: &Path, output: &Path) -> anyhow::Result<()> {
    let imported = export::import_file(path).with_context(|| format!("{}", path.display()))?;
    for w in &imported.warnings {
        eprintln!("claimline: {}: {w}", path.display());
    }
    let (added, project) = writer::update(
        output,
        Project::default,
        move |project, new_project| -> anyhow::Result<(usize, bool)> {
            let added = if new_project {
                *project = imported.project;
                project.entries.len()
            } else {
                export::append_project(project, imported.project)
            };
            Ok((added, true))
        },
        || waiting_for(output),
    )?;
    eprintln!(
        "claimline: {} — {added} entries added, {} in project",
        output.display(),
        project.entries.len()
    );
    Ok(())
}

/// Said once when another Claimline holds the project's lock.
fn waiting_for(path: &Path) {
    eprintln!(
        "claimline: waiting for another Claimline that is writing {}…",
        path.display()
    );
}

fn claims_cmd(path: &Path, apply: bool, output: Option<&Path>) -> anyhow::Result<()> {
    use claimline::story::lineage;
    // Applying writes the project: hold its lock from load to save.
    let lock = if apply {
        let target = output.unwrap_or(path);
        Some(writer::ProjectLock::acquire(
            target,
            writer::CLI_WAIT,
            || waiting_for(target),
        )?)
    } else {
        None
    };
    let mut project = file::load(path)?;
    let suggestions = lineage::suggest_claims(&project);
    let mut out = std::io::stdout().lock();
    for (i, s) in suggestions.iter().enumerate() {
        writeln!(out, "{}. {} (score {:.2})", i + 1, s.label, s.score)?;
        for id in &s.entries {
            let Some(e) = project.entry(*id) else {
                continue;
            };
            let outlet = e
                .sources()
                .next()
                .and_then(|s| project.source(s))
                .map(|s| s.outlet.clone().unwrap_or_else(|| s.title.clone()))
                .unwrap_or_default();
            let when = e
                .reported_time
                .as_ref()
                .map_or("undated".into(), TimeSpan::label);
            let who = e.speaker().map(|s| format!("{s}: ")).unwrap_or_default();
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", e.tags.join(", "))
            };
            writeln!(out, "   {id} {when} {outlet}{tags} — {who}{}", e.label)?;
        }
        writeln!(out, "   because: {}", s.reasons.join("; "))?;
    }
    if suggestions.is_empty() {
        writeln!(out, "no same-claim suggestions")?;
    }
    if apply {
        for s in &suggestions {
            let cmd = lineage::apply_suggestion(&mut project, s, None);
            project.apply(cmd)?;
        }
        project.modified = chrono::Utc::now();
        let target = output.unwrap_or(path);
        lock.as_ref()
            .expect("--apply holds the lock")
            .save(&project, None)?;
        eprintln!(
            "claimline: {} — {} claim(s) added, {} in project",
            target.display(),
            suggestions.len(),
            project.claims.len()
        );
    }
    Ok(())
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
