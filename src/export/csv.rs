//! CSV: one row per entry (RFC 4180, UTF-8, optional byte order mark for Excel), and the
//! same file read back into a project. The columns are listed in [`COLUMNS`] and documented
//! in docs/EXPORT.md; import finds columns by name, so reordered or extra columns are fine
//! and only `label` is required. The `claim` and `verification` columns come back as claims
//! (label and state only: a CSV row has no room for the reviewer's note, date or rating).

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::{
    ExportError, ExportOptions, ImportError, Imported, LabelMarks, OpenMark, SourceBook,
    display_label, label_marks, selected_entries, source_index, span_from_parts,
};
use crate::model::{
    Attribution, Claim, Color, Entry, EntryId, EntryKind, Openness, Project, Source, SourceId,
    Status, TimeSpan, TimexValue, Verification,
};

/// The three times of an entry, as column name prefixes.
const TIMES: [&str; 3] = ["event_time", "said_time", "reported_time"];
/// Per time: the TIMEX value (what import reads), where it was placed, and how.
const TIME_PARTS: [&str; 7] = [
    "value",
    "start",
    "end",
    "precision",
    "approximate",
    "open",
    "label",
];

/// Column names in file order.
pub static COLUMNS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut c: Vec<String> = ["id", "kind", "status", "label", "summary"]
        .map(String::from)
        .to_vec();
    for t in TIMES {
        for part in TIME_PARTS {
            c.push(format!("{t}_{part}"));
        }
    }
    c.extend(
        [
            "speaker",
            "speaker_role",
            "cue",
            "outlet",
            "relay",
            "direct",
            "quote",
            "stance",
            "evidence_text",
            "source_title",
            "source_outlet",
            "source_url",
            "lane",
            "tags",
            "color",
            "note",
            "confidence",
            "claim",
            "verification",
        ]
        .map(String::from),
    );
    c
});

/// Separates the relay chain in one cell (as the app shows it).
const RELAY_SEPARATOR: &str = " → ";
/// Separates tags in one cell.
const TAG_SEPARATOR: &str = "; ";
const DATETIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

fn open_name(o: Openness) -> &'static str {
    match o {
        Openness::Closed => "closed",
        Openness::OpenStart => "open_start",
        Openness::OpenEnd => "open_end",
    }
}

fn time_cells(t: Option<&TimeSpan>, row: &mut Vec<String>) {
    match t {
        Some(t) => row.extend([
            t.value.to_string(),
            t.start.format(DATETIME_FORMAT).to_string(),
            t.end.format(DATETIME_FORMAT).to_string(),
            t.precision.name().to_owned(),
            t.approximate.to_string(),
            open_name(t.open).to_owned(),
            display_label(t),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), TIME_PARTS.len())),
    }
}

/// The claim cell names a claim by its label, else by its id, so rows of one claim can be
/// grouped again on import.
fn claim_name(c: &Claim) -> String {
    if c.label.trim().is_empty() {
        format!("claim {}", c.id.0)
    } else {
        c.label.trim().to_owned()
    }
}

fn row_of(
    sources: &HashMap<SourceId, &Source>,
    claims: &HashMap<EntryId, (String, Verification)>,
    e: &Entry,
) -> Vec<String> {
    let mut row = Vec::with_capacity(COLUMNS.len());
    row.extend([
        e.id.0.to_string(),
        e.kind.name().to_owned(),
        e.status.name().to_owned(),
        e.label.clone(),
        e.summary.clone(),
    ]);
    for t in [&e.event_time, &e.said_time, &e.reported_time] {
        time_cells(t.as_ref(), &mut row);
    }
    let a = e.attribution.as_ref();
    row.extend([
        a.map(|a| a.speaker.clone()).unwrap_or_default(),
        a.and_then(|a| a.speaker_role.clone()).unwrap_or_default(),
        a.map(|a| a.cue.clone()).unwrap_or_default(),
        a.and_then(|a| a.outlet.clone()).unwrap_or_default(),
        a.map(|a| a.relay.join(RELAY_SEPARATOR)).unwrap_or_default(),
        a.map(|a| a.direct.to_string()).unwrap_or_default(),
        a.map(|a| a.quote.clone()).unwrap_or_default(),
        a.and_then(|a| a.stance)
            .map(|s| s.verb().to_owned())
            .unwrap_or_default(),
    ]);
    let evidence = e
        .evidence
        .iter()
        .find(|ev| ev.role == "content")
        .or(e.evidence.first());
    let evidence_text = evidence
        .and_then(|ev| sources.get(&ev.source)?.slice(ev.range))
        .unwrap_or("");
    let source = e.sources().find_map(|id| sources.get(&id).copied());
    row.extend([
        evidence_text.to_owned(),
        source.map(|s| s.title.clone()).unwrap_or_default(),
        source.and_then(|s| s.outlet.clone()).unwrap_or_default(),
        source.and_then(|s| s.url.clone()).unwrap_or_default(),
        e.lane.clone().unwrap_or_default(),
        e.tags.join(TAG_SEPARATOR),
        e.color.map(|c| c.to_string()).unwrap_or_default(),
        e.note.clone(),
        e.confidence.to_string(),
    ]);
    match claims.get(&e.id) {
        Some((name, state)) => row.extend([name.clone(), state.name().to_owned()]),
        None => row.extend([String::new(), String::new()]),
    }
    row
}

/// The selected entries as CSV, in project order.
pub fn export(project: &Project, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS.iter())?;
    let sources = source_index(project);
    // A map, not a scan per row: exports can hold 100,000 entries.
    let known_on = options.selection.known_on;
    let claims: HashMap<EntryId, (String, Verification)> = project
        .claims
        .iter()
        .flat_map(|c| {
            let cell = (claim_name(c), c.review.state_on(known_on));
            c.entries.iter().map(move |id| (*id, cell.clone()))
        })
        .collect();
    for e in selected_entries(project, &options.selection) {
        w.write_record(row_of(&sources, &claims, e))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(::csv::Error::from(e.into_error())))
}

/// Reads a cell as a boolean (`true`/`false`, `yes`/`no`, `1`/`0`).
fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "y" => Some(true),
        "false" | "no" | "0" | "n" => Some(false),
        _ => None,
    }
}

struct Header {
    index: Vec<(String, usize)>,
}

impl Header {
    fn get<'r>(&self, record: &'r ::csv::StringRecord, name: &str) -> &'r str {
        self.index
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, i)| record.get(*i))
            .unwrap_or("")
    }
}

fn read_time(
    header: &Header,
    record: &::csv::StringRecord,
    prefix: &str,
) -> Result<Option<TimeSpan>, String> {
    let cell = |part: &str| header.get(record, &format!("{prefix}_{part}")).trim();
    let value = cell("value");
    if value.is_empty() {
        return Ok(None);
    }
    let value: TimexValue = value
        .parse()
        .map_err(|e: crate::model::ParseTimexError| e.to_string())?;
    let placed = match (
        NaiveDateTime::parse_from_str(cell("start"), DATETIME_FORMAT),
        NaiveDateTime::parse_from_str(cell("end"), DATETIME_FORMAT),
    ) {
        (Ok(s), Ok(e)) => Some((s, e)),
        _ => None,
    };
    // Explicit columns win; without them the label's marks ("c. ", "before ") are read.
    let from_label = label_marks(cell("label"));
    let open = match (cell("open"), from_label.open) {
        ("closed", _) => OpenMark::Closed,
        ("open_start", m @ (OpenMark::Before | OpenMark::NoLaterThan)) => m,
        ("open_start", _) => OpenMark::Before,
        ("open_end", m @ (OpenMark::Since | OpenMark::After)) => m,
        ("open_end", _) => OpenMark::Since,
        (_, m) => m,
    };
    let marks = LabelMarks {
        approximate: parse_bool(cell("approximate")).unwrap_or(from_label.approximate),
        open,
    };
    let mut span = span_from_parts(value, placed, &marks)?;
    // An open side is a placement, not a bound: the file says where it was placed.
    if let Some((s, e)) = placed
        && span.open != Openness::Closed
        && s < e
    {
        (span.start, span.end) = (s, e);
    }
    Ok(Some(span))
}

/// A project from a Claimline CSV file. Rows keep their id when it is a positive number not
/// used before; bad cells are reported as warnings and left empty, so every row becomes an
/// entry. Entries cite a source made from `source_title`/`source_outlet`/`source_url`.
pub fn import(text: &str, title: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = Header {
        index: reader
            .headers()?
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect(),
    };
    if !header.index.iter().any(|(n, _)| n == "label") {
        return Err(ImportError::NotClaimlineCsv(format!(
            "no \"label\" column in the first row; expected columns such as {}",
            COLUMNS[..6].join(", ")
        )));
    }
    let records: Vec<::csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let now = chrono::Utc::now();
    let mut project = Project::new(title, now);
    let mut warnings = Vec::new();
    // Ids in the file are kept, so hand out new ones (and source ids) above them.
    let wanted: Vec<Option<u64>> = records
        .iter()
        .map(|r| {
            header
                .get(r, "id")
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|i| *i > 0)
        })
        .collect();
    project.next_id = wanted.iter().flatten().max().map_or(1, |m| m + 1);
    let mut used: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let mut book = SourceBook::default();
    // Rows naming the same claim become one claim, in order of first mention.
    let mut claims: Vec<Claim> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        // Row numbers as a spreadsheet shows them: the header is row 1.
        let row = i + 2;
        let mut warn = |what: String| warnings.push(format!("row {row}: {what}"));
        let id = match wanted[i] {
            Some(id) if used.insert(id) => EntryId(id),
            _ => project.new_entry_id(),
        };
        let kind = match header.get(r, "kind").trim() {
            "" | "event" => EntryKind::Event,
            "statement" => EntryKind::Statement,
            other => {
                warn(format!(
                    "kind {other:?} is not event or statement; event used"
                ));
                EntryKind::Event
            }
        };
        let mut e = Entry::new(id, kind, header.get(r, "label"), now);
        e.status = match header.get(r, "status").trim() {
            "" | "candidate" => Status::Candidate,
            "accepted" => Status::Accepted,
            "rejected" => Status::Rejected,
            other => {
                warn(format!("status {other:?} unknown; candidate used"));
                Status::Candidate
            }
        };
        e.summary = header.get(r, "summary").to_owned();
        for (prefix, slot) in
            TIMES
                .iter()
                .zip([&mut e.event_time, &mut e.said_time, &mut e.reported_time])
        {
            match read_time(&header, r, prefix) {
                Ok(t) => *slot = t,
                Err(reason) => warn(format!("{prefix}: {reason}; left empty")),
            }
        }
        let cell = |n: &str| header.get(r, n);
        let has_attribution = ["speaker", "speaker_role", "cue", "outlet", "relay", "quote"]
            .iter()
            .any(|n| !cell(n).is_empty());
        if has_attribution {
            let opt = |n: &str| (!cell(n).is_empty()).then(|| cell(n).to_owned());
            e.attribution = Some(Attribution {
                speaker: cell("speaker").to_owned(),
                speaker_role: opt("speaker_role"),
                cue: cell("cue").to_owned(),
                outlet: opt("outlet"),
                relay: cell("relay")
                    .split('→')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                direct: parse_bool(cell("direct")).unwrap_or(false),
                quote: cell("quote").to_owned(),
                stance: crate::model::Stance::from_verb(cell("stance").trim()),
            });
        }
        e.lane = (!cell("lane").trim().is_empty()).then(|| cell("lane").trim().to_owned());
        e.tags = cell("tags")
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        let color = cell("color").trim();
        if !color.is_empty() {
            match color.parse::<Color>() {
                Ok(c) => e.color = Some(c),
                Err(reason) => warn(reason),
            }
        }
        e.note = cell("note").to_owned();
        let confidence = cell("confidence").trim();
        if !confidence.is_empty() {
            match confidence.parse::<f32>() {
                Ok(c) if (0.0..=1.0).contains(&c) => e.confidence = c,
                _ => warn(format!(
                    "confidence {confidence:?} is not a number from 0 to 1"
                )),
            }
        }
        if let Some(ev) = book.cite(
            &mut project,
            cell("source_title"),
            cell("source_outlet"),
            cell("source_url"),
        ) {
            e.evidence.push(ev);
        }
        let claim = cell("claim").trim();
        if !claim.is_empty() {
            let state = match cell("verification").trim() {
                "" => None,
                v => match Verification::parse(v) {
                    Some(v) => Some(v),
                    None => {
                        warn(format!("verification {v:?} unknown; left unverified"));
                        None
                    }
                },
            };
            let i = match claims.iter().position(|c| c.label == claim) {
                Some(i) => i,
                None => {
                    claims.push(Claim::new(project.new_claim_id(), claim, now));
                    claims.len() - 1
                }
            };
            let c = &mut claims[i];
            c.entries.push(e.id);
            // The first row with a verdict gives the claim its state.
            if let Some(state) = state
                && c.review.state == Verification::Unverified
            {
                c.review.state = state;
            }
        }
        project.entries.push(e);
    }
    project.claims = claims;
    book.finish(&mut project);
    project.repair_next_id();
    Ok(Imported { project, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_rows_have_the_same_width() {
        let p = crate::demo::project(20, 4);
        let bytes = export(&p, &ExportOptions::default()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap().len(), COLUMNS.len());
        let rows: Vec<_> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 20);
        assert!(rows.iter().all(|row| row.len() == COLUMNS.len()));
        assert!(text.contains("\r\n"), "RFC 4180 line ends");
    }

    #[test]
    fn bom_only_when_asked_and_import_ignores_it() {
        let p = crate::demo::project(5, 4);
        let plain = export(&p, &ExportOptions::default()).unwrap();
        let bom = export(
            &p,
            &ExportOptions {
                bom: true,
                ..ExportOptions::default()
            },
        )
        .unwrap();
        assert!(!plain.starts_with(b"\xef\xbb\xbf"));
        assert!(bom.starts_with(b"\xef\xbb\xbf"));
        assert_eq!(&bom[3..], &plain[..]);
        let a = import(std::str::from_utf8(&bom).unwrap(), "x").unwrap();
        assert_eq!(a.project.entries.len(), 5);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn hand_made_csv_with_few_columns_and_bad_cells() {
        let csv = "Label,Kind,event_time_value,tags,confidence,color\n\
                   \"Fire, in \"\"town\"\"\",event,2021,a; b,0.5,#ff0000\n\
                   Second,oops,2025-13,,2,red\n";
        let imp = import(csv, "t").unwrap();
        let p = &imp.project;
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].label, "Fire, in \"town\"");
        assert_eq!(p.entries[0].tags, ["a", "b"]);
        assert_eq!(p.entries[0].confidence, 0.5);
        assert_eq!(
            p.entries[0].event_time.as_ref().unwrap().value.to_string(),
            "2021"
        );
        assert_eq!(p.entries[1].kind, EntryKind::Event);
        assert!(p.entries[1].event_time.is_none());
        // kind, time, confidence, colour: four problems in row 3.
        assert_eq!(imp.warnings.len(), 4, "{:?}", imp.warnings);
        assert!(imp.warnings.iter().all(|w| w.starts_with("row 3:")));
        assert!(p.structural_problems().is_empty());
    }

    #[test]
    fn a_file_without_a_label_column_is_refused() {
        let err = import("a,b\n1,2\n", "t").unwrap_err().to_string();
        assert!(err.contains("label"), "{err}");
    }

    #[test]
    fn duplicate_and_missing_ids_get_fresh_ones() {
        let csv = "id,label,source_title\n7,a,S\n7,b,S\n,c,T\n";
        let p = import(csv, "t").unwrap().project;
        let ids: Vec<u64> = p.entries.iter().map(|e| e.id.0).collect();
        assert_eq!(ids[0], 7);
        assert!(ids[1] > 7 && ids[2] > 7 && ids[1] != ids[2]);
        assert_eq!(p.sources.len(), 2);
        assert!(p.structural_problems().is_empty());
        assert!(p.next_id > *ids.iter().max().unwrap());
    }
}
