//! Table-driven tests of the temporal tagger: `tests/fixtures/timex_cases.tsv`.
//!
//! Each row gives a text with the expected expression marked `[[…]]`, the anchor, and the
//! expected type, value and (optionally) interval. Rows of type `NONE` assert that nothing
//! is found. All failures are listed together, one per line.

use chrono::{NaiveDate, NaiveDateTime};
use claimline::extract::TimexType;
use claimline::extract::timex::{TagOptions, tag};

struct Case {
    line: usize,
    anchor: Option<NaiveDate>,
    day_first: bool,
    text: String,
    /// Char span of the marked expression.
    span: Option<(usize, usize)>,
    kind: Option<TimexType>,
    value: String,
    interval: Option<(NaiveDateTime, NaiveDateTime)>,
}

fn datetime(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(claimline::model::midnight)
        })
}

fn parse(line: usize, row: &str) -> Result<Case, String> {
    let cols: Vec<&str> = row.split('\t').collect();
    if cols.len() != 7 {
        return Err(format!(
            "line {line}: expected 7 columns, got {}",
            cols.len()
        ));
    }
    let anchor = match cols[0] {
        "-" => None,
        d => Some(
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|e| format!("line {line}: anchor {d:?}: {e}"))?,
        ),
    };
    let day_first = cols[1] == "day_first";
    let raw = cols[2];
    let (text, span) = match (raw.find("[["), raw.find("]]")) {
        (Some(a), Some(b)) if a < b => {
            let text = format!("{}{}{}", &raw[..a], &raw[a + 2..b], &raw[b + 2..]);
            let start = raw[..a].chars().count();
            let end = start + raw[a + 2..b].chars().count();
            (text, Some((start, end)))
        }
        _ => (raw.to_owned(), None),
    };
    let kind = match cols[3] {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        "NONE" => None,
        k => return Err(format!("line {line}: unknown type {k:?}")),
    };
    if kind.is_some() != span.is_some() {
        return Err(format!(
            "line {line}: a typed row needs one [[marked]] expression"
        ));
    }
    let interval = match (cols[5], cols[6]) {
        ("-", "-") => None,
        (s, e) => Some((
            datetime(s).ok_or_else(|| format!("line {line}: bad start {s:?}"))?,
            datetime(e).ok_or_else(|| format!("line {line}: bad end {e:?}"))?,
        )),
    };
    Ok(Case {
        line,
        anchor,
        day_first,
        text,
        span,
        kind,
        value: cols[4].to_owned(),
        interval,
    })
}

fn check(case: &Case) -> Result<(), String> {
    let options = TagOptions {
        anchor: case.anchor,
        day_first: case.day_first,
    };
    let found = tag(&case.text, &options);
    let listing = || {
        found
            .iter()
            .map(|t| format!("{:?}={}", t.text, t.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((start, end)) = case.span else {
        return if found.is_empty() {
            Ok(())
        } else {
            Err(format!("expected nothing, found [{}]", listing()))
        };
    };
    let expected: String = case.text.chars().skip(start).take(end - start).collect();
    let Some(t) = found.iter().find(|t| t.start == start && t.end == end) else {
        return Err(format!("{expected:?} not found; found [{}]", listing()));
    };
    let mut errors = Vec::new();
    if Some(t.kind) != case.kind {
        errors.push(format!("type {:?}, expected {:?}", t.kind, case.kind));
    }
    if t.value.to_string() != case.value {
        errors.push(format!("value {}, expected {}", t.value, case.value));
    }
    if let Some((s, e)) = case.interval {
        match &t.interval {
            Some(i) if i.start == s && i.end == e => {}
            other => errors.push(format!(
                "interval {:?}, expected {s} – {e}",
                other.as_ref().map(|i| (i.start, i.end))
            )),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{expected:?}: {}", errors.join("; ")))
    }
}

#[test]
fn timex_case_table() {
    let table = include_str!("../fixtures/timex_cases.tsv");
    let mut cases = Vec::new();
    let mut failures = Vec::new();
    for (k, row) in table.lines().enumerate() {
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        match parse(k + 1, row) {
            Ok(c) => cases.push(c),
            Err(e) => failures.push(e),
        }
    }
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    for c in &cases {
        if let Err(e) = check(c) {
            failures.push(format!("line {}: {}  [{}]", c.line, e, c.text));
        }
    }
    println!(
        "{} of {} cases pass",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
