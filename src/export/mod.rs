//! Exporters: the front door every output format goes through.
//!
//! ```text
//! Project ──► selected_entries(options) ──► format writer ──► bytes ──► write_file (atomic,
//!                                                                       never overwrites
//!                                                                       unless forced)
//! ```
//!
//! [`export_bytes`] turns a project into the bytes of one [`ExportFormat`]; [`write_file`]
//! puts them on disk. The entry selection ([`Selection`], [`selected_entries`]) is shared by
//! every format, so an image, a briefing and a CSV of "accepted only" hold the same entries.
//! TimelineJS and CSV can also be read back ([`timelinejs::import`], [`csv::import`]).

pub mod briefing;
pub mod claimreview;
pub mod csv;
pub mod digest;
pub mod fonts;
pub mod json;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod timelinejs;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, Utc};

use crate::model::{
    Entry, EntryId, EntryKind, Evidence, Project, Source, SourceFormat, SourceId, Stance, Status,
    TimeSpan, TimexValue, file,
};

/// Every format `claimline export` and the app's Export dialog offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// The native project file (or a filtered selection of it).
    Json,
    /// TimelineJS3 JSON.
    TimelineJs,
    /// One row per entry, RFC 4180.
    Csv,
    /// Briefing as Markdown.
    Markdown,
    /// Self-contained HTML briefing.
    Html,
    Svg,
    Png,
    Pdf,
    /// schema.org `ClaimReview` objects (JSON-LD) for the claims that have a verdict.
    ClaimReview,
}

/// What a format is called and how its files are named: one row per format, so adding a
/// format is one line here plus its writer in [`export_bytes`].
struct FormatInfo {
    format: ExportFormat,
    /// The name used on the command line (`--format NAME`).
    name: &'static str,
    /// A name for menus and dialogs.
    description: &'static str,
    extension: &'static str,
}

const FORMATS: [FormatInfo; 9] = [
    FormatInfo {
        format: ExportFormat::Json,
        name: "json",
        description: "Claimline project JSON",
        extension: "json",
    },
    FormatInfo {
        format: ExportFormat::TimelineJs,
        name: "timelinejs",
        description: "TimelineJS3 JSON",
        extension: "json",
    },
    FormatInfo {
        format: ExportFormat::Csv,
        name: "csv",
        description: "CSV spreadsheet",
        extension: "csv",
    },
    FormatInfo {
        format: ExportFormat::Markdown,
        name: "md",
        description: "Markdown briefing",
        extension: "md",
    },
    FormatInfo {
        format: ExportFormat::Html,
        name: "html",
        description: "HTML briefing",
        extension: "html",
    },
    FormatInfo {
        format: ExportFormat::Svg,
        name: "svg",
        description: "SVG image",
        extension: "svg",
    },
    FormatInfo {
        format: ExportFormat::Png,
        name: "png",
        description: "PNG image",
        extension: "png",
    },
    FormatInfo {
        format: ExportFormat::Pdf,
        name: "pdf",
        description: "PDF document",
        extension: "pdf",
    },
    FormatInfo {
        format: ExportFormat::ClaimReview,
        name: "claimreview",
        description: "ClaimReview JSON-LD (rated claims)",
        extension: "jsonld",
    },
];

impl ExportFormat {
    pub const ALL: [Self; 9] = [
        Self::Json,
        Self::TimelineJs,
        Self::Csv,
        Self::Markdown,
        Self::Html,
        Self::Svg,
        Self::Png,
        Self::Pdf,
        Self::ClaimReview,
    ];

    fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .expect("every format has a row in FORMATS")
    }

    /// The name used on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Whether the output is headed with a title (briefings and images).
    pub fn has_title(self) -> bool {
        matches!(
            self,
            Self::Markdown | Self::Html | Self::Svg | Self::Png | Self::Pdf
        )
    }

    /// A name for menus and dialogs.
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// File name extension without the dot. TimelineJS files are JSON too; the suggested
    /// file name (`story.timeline.json`) tells them apart, see [`ExportFormat::file_name`].
    pub fn extension(self) -> &'static str {
        self.info().extension
    }

    /// Suggested output file name for a project named `stem`.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            Self::TimelineJs => format!("{stem}.timeline.json"),
            other => format!("{stem}.{}", other.extension()),
        }
    }

    /// Text formats can go to standard output; binary ones should not.
    pub fn is_text(self) -> bool {
        !matches!(self, Self::Png | Self::Pdf)
    }

    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .or(match name.as_str() {
                "markdown" => Some(Self::Markdown),
                "timeline" | "tljs" => Some(Self::TimelineJs),
                "htm" => Some(Self::Html),
                "jsonld" | "claim-review" => Some(Self::ClaimReview),
                _ => None,
            })
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Which entries an export holds. Empty lists mean "no restriction"; the conditions combine
/// with AND (an entry must pass each one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Review states to keep; empty keeps all.
    pub statuses: Vec<Status>,
    /// Kinds to keep; empty keeps both.
    pub kinds: Vec<EntryKind>,
    /// Statements with one of these stances ([`Entry::stance`]); empty keeps all entries,
    /// otherwise events are left out.
    pub stances: Vec<Stance>,
    /// Keep entries carrying at least one of these tags; empty keeps all.
    pub tags: Vec<String>,
    /// Keep entries whose placing time ([`Entry::primary_time`]) overlaps `[start, end)`.
    /// Entries without any time are left out when a range is set.
    pub time_range: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Exactly these entries (e.g. the app's current selection); `None` keeps all.
    pub ids: Option<Vec<EntryId>>,
    /// "As known on DATE": leave out entries that became public after the end of that day
    /// (UTC), see [`known_on`]. Claims then show the verdict as it stood that day, and
    /// briefings and images say so in their subtitle. `None`: as known now.
    pub known_on: Option<NaiveDate>,
}

impl Selection {
    /// Everything in the project.
    pub fn all() -> Self {
        Self::default()
    }

    /// Candidates and accepted entries: what is still or already believed.
    pub fn hide_rejected() -> Self {
        Self {
            statuses: vec![Status::Candidate, Status::Accepted],
            ..Self::default()
        }
    }

    pub fn accepted_only() -> Self {
        Self {
            statuses: vec![Status::Accepted],
            ..Self::default()
        }
    }

    pub fn is_all(&self) -> bool {
        *self == Self::default()
    }

    pub fn matches(&self, entry: &Entry) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&entry.status))
            && (self.kinds.is_empty() || self.kinds.contains(&entry.kind))
            && (self.stances.is_empty()
                || entry.stance().is_some_and(|s| self.stances.contains(&s)))
            && (self.tags.is_empty() || entry.tags.iter().any(|t| self.tags.contains(t)))
            && self.time_range.is_none_or(|(start, end)| {
                entry
                    .primary_time()
                    .is_some_and(|t| t.start < end && start < t.end)
            })
            && self.ids.as_ref().is_none_or(|ids| ids.contains(&entry.id))
            && self.known_on.is_none_or(|day| known_on(entry, day))
    }
}

/// Whether `entry` was public by the end of `day` (UTC, inclusive): its [`Entry::known_from`]
/// (reported, else said time) starts before the next midnight. Entries with neither time
/// cannot be dated and count as known.
pub fn known_on(entry: &Entry, day: NaiveDate) -> bool {
    entry
        .known_from()
        .is_none_or(|t| t < end_of_day_seconds(day))
}

/// The first instant after `day`, in timeline seconds.
fn end_of_day_seconds(day: NaiveDate) -> f64 {
    let next = day
        .succ_opt()
        .map_or(NaiveDateTime::MAX, crate::model::midnight);
    crate::model::seconds_from_datetime(next)
}

/// "as known on 4 Mar 2026", the phrase briefings and images add to their subtitle.
pub fn as_known_on_label(day: NaiveDate) -> String {
    use chrono::Datelike as _;
    format!(
        "as known on {} {} {}",
        day.day(),
        crate::model::month_abbrev(day.month()),
        crate::model::year_label(day.year())
    )
}

/// Options shared by the data formats. The image and briefing exporters take their own
/// layout options next to these and use [`ExportOptions::selection`] through
/// [`selected_entries`].
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub selection: Selection,
    /// Indented JSON (the default) or one line.
    pub pretty: bool,
    /// Start CSV files with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    pub bom: bool,
    /// Size, theme, lanes, title, legend and notes of SVG/PNG/PDF images and of the image
    /// embedded in the HTML briefing.
    pub image: svg::ImageOptions,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            selection: Selection::all(),
            pretty: true,
            bom: false,
            image: svg::ImageOptions::default(),
        }
    }
}

/// The entries `selection` selects, in project order (the order of the file and of the list
/// view). Every format takes its entries from here, so filters such as "as known on" apply
/// to all of them alike. Use [`sort_chronologically`] for timeline order.
pub fn selected_entries<'p>(project: &'p Project, selection: &Selection) -> Vec<&'p Entry> {
    project
        .entries
        .iter()
        .filter(|e| selection.matches(e))
        .collect()
}

/// Timeline order: by placing time (start, then the shorter span first); entries without a
/// time go last; ties keep their order.
pub fn sort_chronologically(entries: &mut [&Entry]) {
    entries.sort_by(|a, b| match (a.primary_time(), b.primary_time()) {
        (Some(x), Some(y)) => x.cmp_chronological(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

/// Sources by id, for exporters that look one up per entry.
pub fn source_index(project: &Project) -> HashMap<SourceId, &Source> {
    project.sources.iter().map(|s| (s.id, s)).collect()
}

/// The sources the given entries cite, in project order.
pub fn cited_sources<'p>(project: &'p Project, entries: &[&Entry]) -> Vec<&'p Source> {
    let mut ids: Vec<SourceId> = entries.iter().flat_map(|e| e.sources()).collect();
    ids.sort_unstable();
    ids.dedup();
    project
        .sources
        .iter()
        .filter(|s| ids.binary_search(&s.id).is_ok())
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path} exists; choose another name or allow replacing it (--force)")]
    Exists { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("nothing to export: {0}")]
    Empty(String),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot draw the timeline: {0}")]
    Image(#[from] svg::ImageError),
}

/// What an export produced, with anything the user should know (entries that a format could
/// not hold, for example).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// The bytes of `project` in `format`.
pub fn export_bytes(
    project: &Project,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    match format {
        ExportFormat::Json => Ok(Exported {
            bytes: json::to_json(project, options).into_bytes(),
            notes: Vec::new(),
        }),
        ExportFormat::TimelineJs => timelinejs::export(project, options),
        ExportFormat::ClaimReview => claimreview::export(project, options),
        ExportFormat::Csv => Ok(Exported {
            bytes: csv::export(project, options)?,
            notes: Vec::new(),
        }),
        ExportFormat::Markdown
        | ExportFormat::Html
        | ExportFormat::Svg
        | ExportFormat::Png
        | ExportFormat::Pdf => {
            let entries = selected_entries(project, &options.selection);
            // The selection decides what is shown: rejected entries appear (faint) only when
            // it asks for them.
            let mut image = options.image.clone();
            image.include_rejected = options.selection.statuses.contains(&Status::Rejected);
            image.known_on = options.selection.known_on;
            let briefing = briefing::BriefingOptions {
                title: image.title.clone().filter(|t| !t.is_empty()),
                include_rejected: image.include_rejected,
                known_on: options.selection.known_on,
                image: Some(image.clone()),
            };
            let bytes = match format {
                ExportFormat::Markdown => {
                    briefing::briefing_markdown(project, &entries, &briefing).into_bytes()
                }
                ExportFormat::Html => {
                    briefing::briefing_html(project, &entries, &briefing).into_bytes()
                }
                ExportFormat::Svg => svg::render_svg(project, &entries, &image).into_bytes(),
                ExportFormat::Png => png::render_png(project, &entries, &image)?,
                _ => pdf::render_pdf(project, &entries, &image)?,
            };
            Ok(Exported {
                bytes,
                notes: Vec::new(),
            })
        }
    }
}

/// Writes `bytes` to `path` atomically (temporary file + rename). An existing file is only
/// replaced when `force` is set; it is then replaced whole or not at all.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    if !force && path.exists() {
        return Err(ExportError::Exists {
            path: path.to_owned(),
        });
    }
    file::write_atomic(path, bytes, false).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// [`export_bytes`] then [`write_file`]: the whole export of the Export dialog. The overwrite
/// check comes first, so nothing is computed for a refused export.
pub fn export_to_file(
    project: &Project,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
    force: bool,
) -> Result<Exported, ExportError> {
    if !force && path.exists() {
        return Err(ExportError::Exists {
            path: path.to_owned(),
        });
    }
    let exported = export_bytes(project, format, options)?;
    write_file(path, &exported.bytes, force)?;
    Ok(exported)
}

// ---------------------------------------------------------------------------------------------
// Import of the entry formats (TimelineJS, CSV).

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not valid JSON at line {line}, column {column}: {reason}")]
    Json {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("not a TimelineJS file: {0}")]
    NotTimelineJs(String),
    #[error("not a Claimline CSV file: {0}")]
    NotClaimlineCsv(String),
    #[error("CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    #[error("{0} is too large to import (limit {MAX_IMPORT_BYTES} bytes)")]
    TooLarge(PathBuf),
}

/// Entry files larger than this are refused rather than read into memory.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

/// A project read from an entry format, with what had to be skipped or changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub project: Project,
    /// One line per skipped item or lost detail ("event 4: no start_date; skipped").
    pub warnings: Vec<String>,
}

/// The entry formats [`import_file`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    TimelineJs,
    Csv,
}

impl ImportFormat {
    /// By extension (`.json`, `.csv`), else by content: JSON starts with `{`.
    pub fn detect(path: &Path, text: &str) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Self::TimelineJs,
            Some("csv") | Some("tsv") => Self::Csv,
            _ if text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{') =>
            {
                Self::TimelineJs
            }
            _ => Self::Csv,
        }
    }
}

/// Reads a TimelineJS JSON or Claimline CSV file into a new project titled after the file
/// (TimelineJS files bring their own title).
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let read = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(read)?.len();
    if len > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(path.to_owned()));
    }
    let bytes = std::fs::read(path).map_err(read)?;
    let text = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let title = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim_end_matches(".timeline").to_owned())
        .unwrap_or_default();
    match ImportFormat::detect(path, &text) {
        ImportFormat::TimelineJs => timelinejs::import(&text, &title),
        ImportFormat::Csv => csv::import(&text, &title),
    }
}

/// Adds the sources and entries of `imported` to `target` under fresh ids (links follow
/// their entries). Sources already in `target` with the same title and URL are reused.
/// Returns the number of entries added.
pub fn append_project(target: &mut Project, imported: Project) -> usize {
    // Maps, not scans: imports can hold 100,000 entries.
    let mut known: HashMap<(Option<String>, String, String), SourceId> = target
        .sources
        .iter()
        .map(|s| {
            (
                (s.url.clone(), s.title.clone(), s.content_hash.clone()),
                s.id,
            )
        })
        .collect();
    let mut source_map: HashMap<SourceId, SourceId> = HashMap::new();
    for mut source in imported.sources {
        let key = (
            source.url.clone(),
            source.title.clone(),
            source.content_hash.clone(),
        );
        let old = source.id;
        let new_id = match known.get(&key) {
            Some(id) => *id,
            None => {
                let id = target.new_source_id();
                source.id = id;
                target.sources.push(source);
                known.insert(key, id);
                id
            }
        };
        source_map.insert(old, new_id);
    }
    let entry_map: HashMap<EntryId, EntryId> = imported
        .entries
        .iter()
        .map(|e| (e.id, target.new_entry_id()))
        .collect();
    let n = imported.entries.len();
    target.entries.reserve(n);
    for mut entry in imported.entries {
        entry.id = entry_map.get(&entry.id).copied().unwrap_or(entry.id);
        for ev in &mut entry.evidence {
            ev.source = source_map.get(&ev.source).copied().unwrap_or(ev.source);
        }
        entry.links.retain_mut(|l| match entry_map.get(&l.target) {
            Some(t) => {
                l.target = *t;
                true
            }
            None => false,
        });
        target.entries.push(entry);
    }
    for tag in imported.tags {
        if !target.tags.iter().any(|t| t.name == tag.name) {
            target.tags.push(tag);
        }
    }
    target.modified = Utc::now();
    n
}

/// Sources that imported entries cite by title, outlet and URL only (the formats do not
/// carry article text). Each distinct (title, URL) becomes one source with empty text;
/// entries point at it with an empty evidence range of role `"source"`.
#[derive(Default)]
pub(crate) struct SourceBook {
    sources: Vec<Source>,
    by_citation: HashMap<(String, Option<String>), SourceId>,
}

impl SourceBook {
    /// Evidence pointing at the source with this citation, creating the source if new.
    /// `None` when there is nothing to cite.
    pub(crate) fn cite(
        &mut self,
        project: &mut Project,
        title: &str,
        outlet: &str,
        url: &str,
    ) -> Option<Evidence> {
        let (title, outlet, url) = (title.trim(), outlet.trim(), url.trim());
        if title.is_empty() && url.is_empty() && outlet.is_empty() {
            return None;
        }
        let url = (!url.is_empty()).then(|| url.to_owned());
        let title = if title.is_empty() {
            url.clone().unwrap_or_else(|| outlet.to_owned())
        } else {
            title.to_owned()
        };
        let key = (title, url);
        let id = match self.by_citation.get(&key) {
            Some(id) => *id,
            None => {
                let (title, url) = key.clone();
                let mut s = Source::from_text(project.new_source_id(), title, "");
                s.url = url;
                s.outlet = (!outlet.is_empty()).then(|| outlet.to_owned());
                s.format = if s.url.is_some() {
                    SourceFormat::Url
                } else {
                    SourceFormat::Pasted
                };
                let id = s.id;
                self.sources.push(s);
                self.by_citation.insert(key, id);
                id
            }
        };
        Some(Evidence {
            source: id,
            range: crate::model::CharRange::new(0, 0),
            role: "source".into(),
        })
    }

    pub(crate) fn finish(self, project: &mut Project) {
        project.sources.extend(self.sources);
    }
}

/// How a time is named in exports: [`TimeSpan::label`], which names the four open spans
/// apart so importers can rebuild them exactly ("before 2021", "no later than 21 Aug 2025",
/// "since 2014", "after 2014").
pub fn display_label(span: &TimeSpan) -> String {
    span.label()
}

/// The open side a display label names, and whether the reference itself is inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpenMark {
    Closed,
    /// "before X": ends where X starts.
    Before,
    /// "no later than X": ends where X ends.
    NoLaterThan,
    /// "since X": starts where X starts.
    Since,
    /// "after X": starts where X ends.
    After,
}

/// The markers a [`display_label`] adds for hedged and open times: `c. `, `before `,
/// `no later than `, `since `, `after `.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LabelMarks {
    pub approximate: bool,
    pub open: OpenMark,
}

pub(crate) fn label_marks(label: &str) -> LabelMarks {
    split_marks(label).0
}

/// The marks of a display label and the label of the reference after them
/// ("c. before 2021" → marks, "2021").
pub(crate) fn split_marks(label: &str) -> (LabelMarks, &str) {
    let (approximate, rest) = match label.strip_prefix("c. ") {
        Some(r) => (true, r),
        None => (false, label),
    };
    let (open, rest) = [
        ("before ", OpenMark::Before),
        ("no later than ", OpenMark::NoLaterThan),
        ("since ", OpenMark::Since),
        ("after ", OpenMark::After),
    ]
    .into_iter()
    .find_map(|(prefix, m)| rest.strip_prefix(prefix).map(|r| (m, r)))
    .unwrap_or((OpenMark::Closed, rest));
    (LabelMarks { approximate, open }, rest)
}

/// Places `value` and applies the hedge/open marks. Vague references (`PAST_REF` …) take
/// their anchor from where they were placed, `[start, end)`, inverting
/// [`TimexValue::interval`].
pub(crate) fn span_from_parts(
    value: TimexValue,
    placed: Option<(NaiveDateTime, NaiveDateTime)>,
    marks: &LabelMarks,
) -> Result<TimeSpan, String> {
    use crate::model::Reference;
    let anchor = match (&value, placed) {
        (TimexValue::Reference(r), Some((start, end))) => Some(match r {
            Reference::Past => end.date(),
            Reference::Present => start.date(),
            Reference::Future => start.date() - chrono::Days::new(1),
        }),
        (v, Some((start, _))) if v.needs_anchor() => Some(start.date()),
        _ => None,
    };
    let reference = TimeSpan::from_value(value, anchor).map_err(|e| e.to_string())?;
    let err = |e: crate::model::TimeSpanError| e.to_string();
    let mut span = match marks.open {
        OpenMark::Closed => reference,
        OpenMark::Before => TimeSpan::before(&reference).map_err(err)?,
        OpenMark::NoLaterThan => TimeSpan {
            end: reference.end,
            ..TimeSpan::before(&reference).map_err(err)?
        },
        OpenMark::Since => TimeSpan::after(&reference).map_err(err)?,
        OpenMark::After => TimeSpan {
            start: reference.end,
            ..TimeSpan::after(&reference).map_err(err)?
        },
    };
    span.approximate |= marks.approximate;
    Ok(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_have_names_and_extensions() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(f.name()), Some(f));
            assert!(!f.extension().is_empty());
        }
        assert_eq!(ExportFormat::TimelineJs.file_name("x"), "x.timeline.json");
        assert_eq!(ExportFormat::Csv.file_name("x"), "x.csv");
        assert_eq!(ExportFormat::from_name("nope"), None);
    }

    #[test]
    fn selection_filters_combine() {
        let p = crate::demo::project(400, 3);
        let all = selected_entries(&p, &Selection::all());
        assert_eq!(all.len(), 400);
        let accepted = selected_entries(&p, &Selection::accepted_only());
        assert!(!accepted.is_empty() && accepted.len() < 400);
        assert!(accepted.iter().all(|e| e.status == Status::Accepted));
        let visible = selected_entries(&p, &Selection::hide_rejected());
        assert!(visible.iter().all(|e| e.status != Status::Rejected));
        assert_eq!(
            visible.len()
                + p.entries
                    .iter()
                    .filter(|e| e.status == Status::Rejected)
                    .count(),
            400
        );

        let y2000 = TimeSpan::parse("2000", None).unwrap();
        let sel = Selection {
            kinds: vec![EntryKind::Statement],
            tags: vec!["disputed".into()],
            time_range: Some((y2000.start, y2000.end)),
            ..Selection::default()
        };
        let picked = selected_entries(&p, &sel);
        let expected = p
            .entries
            .iter()
            .filter(|e| {
                e.kind == EntryKind::Statement
                    && e.tags.iter().any(|t| t == "disputed")
                    && e.event_time.as_ref().unwrap().overlaps(&y2000)
            })
            .count();
        assert_eq!(picked.len(), expected);

        let ids = vec![p.entries[5].id, p.entries[9].id];
        let sel = Selection {
            ids: Some(ids.clone()),
            ..Selection::default()
        };
        let picked: Vec<EntryId> = selected_entries(&p, &sel).iter().map(|e| e.id).collect();
        assert_eq!(picked, ids);
    }

    #[test]
    fn chronological_sort_puts_untimed_last() {
        let mut p = crate::demo::project(50, 1);
        p.entries[3].event_time = None;
        p.entries[3].reported_time = None;
        p.entries[3].said_time = None;
        let mut v = selected_entries(&p, &Selection::all());
        sort_chronologically(&mut v);
        assert_eq!(v.last().unwrap().id, p.entries[3].id);
        for w in v[..49].windows(2) {
            let (a, b) = (w[0].primary_time().unwrap(), w[1].primary_time().unwrap());
            assert!(a.start <= b.start);
        }
    }

    #[test]
    fn write_file_refuses_to_overwrite_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_file(&path, b"one", false).unwrap();
        let err = write_file(&path, b"two", false).unwrap_err();
        assert!(matches!(err, ExportError::Exists { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let err = write_file(&dir.path().join("missing/dir/out.txt"), b"x", false).unwrap_err();
        assert!(err.to_string().contains("missing/dir/out.txt"), "{err}");
    }

    #[test]
    fn images_and_briefings_come_through_the_front_door() {
        let p = crate::demo::project(30, 1);
        let options = ExportOptions::default();
        let md = export_bytes(&p, ExportFormat::Markdown, &options)
            .unwrap()
            .bytes;
        assert!(String::from_utf8(md).unwrap().starts_with("# "));
        let svg = export_bytes(&p, ExportFormat::Svg, &options).unwrap().bytes;
        assert!(String::from_utf8(svg).unwrap().contains("<svg"));
        let png = export_bytes(&p, ExportFormat::Png, &options).unwrap().bytes;
        assert!(png.starts_with(b"\x89PNG"));
        let pdf = export_bytes(&p, ExportFormat::Pdf, &options).unwrap().bytes;
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn append_renumbers_and_keeps_links() {
        let mut target = crate::demo::project(10, 1);
        let mut other = crate::demo::project(5, 2);
        let b = other.entries[1].id;
        other.entries[0].links.push(crate::model::Link {
            kind: crate::model::LinkKind::Supports,
            target: b,
        });
        let added = append_project(&mut target, other);
        assert_eq!(added, 5);
        assert_eq!(target.entries.len(), 15);
        assert!(target.structural_problems().is_empty());
        let first_new = &target.entries[10];
        assert_eq!(first_new.links[0].target, target.entries[11].id);
        for e in &target.entries[10..] {
            for ev in &e.evidence {
                assert!(target.source(ev.source).is_some());
            }
        }
    }
}
