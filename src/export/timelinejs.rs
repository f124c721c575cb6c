//! TimelineJS3 JSON, written and read (format v3.9; see docs/EXPORT.md for the mapping).
//!
//! TimelineJS has no field for uncertainty: precision is implied by which date parts are
//! present (a `start_date` with only a `year` is that year). So:
//!
//! ```text
//! value               start_date                 end_date                  display_date
//! 2021                {year:2021}                -                         -
//! 2025-08-20T14:30    {…, hour:14, minute:30}    -                         -
//! 2019/2021           {year:2019}                {year:2021}               -
//! 2023-H1             {year:2023, month:1}       {year:2023, month:6}      "H1 2023"
//! 202                 {year:2020}                {year:2029}               "the 2020s"
//! PAST_REF (vague)    {…day a−365}               {…day a−1}                "recently (vague)"
//! before 2021 (open)  {year:2021}                -                         "before 2021"
//! c. 2021             {year:2021}                -                         "c. 2021"
//! ```
//!
//! End dates are inclusive at the precision shown (H1 ends in June), as a reader expects.
//! Import inverts this: the date parts give the precision back, a month range that is
//! exactly a quarter, half or season becomes that value, a year range that is exactly a
//! decade, century or millennium becomes that, a Monday–Sunday range an ISO week, and the
//! `display_date` marks (`c. `, `before `, `since `, the vague labels) restore hedges, open
//! sides and vague references.
//!
//! BCE: TimelineJS takes a negative `year` and shows it as "N BCE" (its formatter prints the
//! absolute value with a BCE suffix), so 44 BCE is written `-44`. Claimline years are
//! astronomical (44 BCE is −43), hence the shift by one for years ≤ 0. A TimelineJS year 0
//! (which it would show as "0") is read as 1 BCE.

use chrono::{Datelike as _, NaiveDateTime, Timelike as _};
use serde::Serialize;
use serde_json::Value;

use super::{
    ExportError, ExportOptions, Exported, ImportError, Imported, SourceBook, display_label,
    selected_entries, sort_chronologically, source_index, span_from_parts, split_marks,
};
use crate::model::{
    CalendarValue, DayPart, Entry, EntryKind, Precision, Project, Season, Status, TimeSpan,
    TimexValue, YearPart,
};

#[derive(Serialize)]
struct Document {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Slide>,
    events: Vec<Slide>,
    scale: &'static str,
}

#[derive(Serialize, Default)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<Media>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

/// A TimelineJS date object: the parts present set the precision.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
struct TlDate {
    /// Historical year: −44 is 44 BCE.
    year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second: Option<u32>,
}

#[derive(Serialize, Default)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Media {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
}

/// TimelineJS year from an astronomical one (0 → −1, −43 → −44).
fn tl_year(astronomical: i32) -> i64 {
    let y = i64::from(astronomical);
    if y <= 0 { y - 1 } else { y }
}

/// Astronomical year from a TimelineJS one (−44 → −43; 0 is taken as 1 BCE).
fn astronomical_year(tl: i64) -> i64 {
    if tl < 0 { tl + 1 } else { tl }
}

impl TlDate {
    fn from_calendar(c: &CalendarValue) -> Self {
        Self {
            year: tl_year(c.year),
            month: c.month,
            day: c.day,
            hour: c.hour,
            minute: c.minute,
            second: c.second,
        }
    }

    /// `t` cut down to what TimelineJS can show of precision `p`.
    fn at_precision(t: NaiveDateTime, p: Precision) -> Self {
        use Precision as P;
        let depth = match p {
            P::Millennium | P::Century | P::Decade | P::Year => 0,
            P::Half | P::Quarter | P::Season | P::Month => 1,
            P::Week | P::Day => 2,
            P::PartOfDay | P::Hour => 3,
            P::Minute => 4,
            P::Second => 5,
        };
        Self {
            year: tl_year(t.year()),
            month: (depth >= 1).then(|| t.month()),
            day: (depth >= 2).then(|| t.day()),
            hour: (depth >= 3).then(|| t.hour()),
            minute: (depth >= 4).then(|| t.minute()),
            second: (depth >= 5).then(|| t.second()),
        }
    }

    fn calendar(&self) -> Result<CalendarValue, String> {
        let year = i32::try_from(astronomical_year(self.year))
            .map_err(|_| format!("year {} is out of range", self.year))?;
        Ok(CalendarValue {
            year,
            month: self.month,
            day: self.day,
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            utc: false,
        })
    }
}

/// The first and last instants of `value` as TimelineJS dates (the last inclusive), or
/// `None` if the value has no structure of its own to show (then the span's placement is
/// used).
fn value_dates(value: &TimexValue, span: &TimeSpan) -> (TlDate, Option<TlDate>) {
    let last = |end: NaiveDateTime| end - chrono::TimeDelta::seconds(1);
    let side = |v: &TimexValue, first: bool| -> Option<TlDate> {
        match v {
            TimexValue::Calendar(c) => Some(TlDate::from_calendar(c)),
            other => {
                let (s, e) = other.interval(span.anchor())?;
                // A vague reference is placed by days around its anchor.
                let p = match other {
                    TimexValue::Reference(_) => Precision::Day,
                    _ => other.precision()?,
                };
                Some(if first {
                    TlDate::at_precision(s, p)
                } else {
                    TlDate::at_precision(last(e), p)
                })
            }
        }
    };
    let (start, end) = match value {
        TimexValue::Calendar(c) => (Some(TlDate::from_calendar(c)), None),
        TimexValue::Range(a, b) => (side(a, true), side(b, false)),
        other => (side(other, true), side(other, false)),
    };
    match start {
        Some(start) => (start, end.filter(|e| *e != start)),
        // Not placeable from its value alone: show where the span was placed.
        None => {
            let s = TlDate::at_precision(span.start, span.precision);
            let e = TlDate::at_precision(last(span.end), span.precision);
            (s, (e != s).then_some(e))
        }
    }
}

/// Dates and display label of a span. Open spans are dated by their reference ("before
/// 2021" sits at 2021 and says so); the label carries what the dates cannot.
fn span_dates(span: &TimeSpan) -> (TlDate, Option<TlDate>, Option<String>) {
    let (start, end) = value_dates(&span.value, span);
    let plain_calendar = match &span.value {
        TimexValue::Calendar(_) => true,
        TimexValue::Range(a, b) => {
            matches!(**a, TimexValue::Calendar(_)) && matches!(**b, TimexValue::Calendar(_))
        }
        _ => false,
    };
    let needs_label =
        !plain_calendar || span.approximate || span.open != crate::model::Openness::Closed;
    (start, end, needs_label.then(|| display_label(span)))
}

/// Minimal HTML escaping for text placed in TimelineJS's HTML fields.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text from TimelineJS HTML: tags dropped, `<br>` and block ends as line breaks,
/// entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&decode_entities(&rest[lt..]));
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        if name == "br" || (closing && matches!(name, "p" | "div" | "li" | "blockquote")) {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(&decode_entities(rest));
    // Collapse the blank lines that adjacent blocks leave.
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut text = String::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }
    text
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let code = if let Some(hex) =
                        name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                    {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

type Sources<'p> = std::collections::HashMap<crate::model::SourceId, &'p crate::model::Source>;

/// The slide body: who said it and how, the quote, the other times, note, tags, source.
/// The verdict on an entry's claim as the slide shows it: "disputed — Disputed (3/5)".
type Verdicts = std::collections::HashMap<crate::model::EntryId, String>;

fn verdicts(project: &Project, known_on: Option<chrono::NaiveDate>) -> Verdicts {
    let mut out = Verdicts::new();
    for c in &project.claims {
        let state = c.review.state_on(known_on);
        let mut text = state.name().to_owned();
        if state == c.review.state
            && let Some((value, label)) = c.review.effective_rating()
        {
            text.push_str(&format!(" — {label} ({value}/5)"));
        }
        for id in &c.entries {
            out.insert(*id, text.clone());
        }
    }
    out
}

fn body_html(sources: &Sources, verdicts: &Verdicts, e: &Entry) -> String {
    let mut html = String::new();
    if let Some(a) = &e.attribution {
        let mut who = format!("<strong>{}</strong>", escape_html(&a.speaker));
        if let Some(role) = &a.speaker_role {
            who.push_str(&format!(" ({})", escape_html(role)));
        }
        if !a.cue.is_empty() {
            who.push(' ');
            who.push_str(&escape_html(&a.cue));
        }
        if let Some(o) = &a.outlet {
            who.push(' ');
            who.push_str(&escape_html(o));
        }
        if !a.relay.is_empty() {
            let chain: Vec<String> = a.relay.iter().map(|r| escape_html(r)).collect();
            who.push_str(&format!(", via {}", chain.join(" → ")));
        }
        html.push_str(&format!("<p>{who}</p>"));
        if !a.quote.is_empty() {
            let q = escape_html(&a.quote);
            if a.direct {
                html.push_str(&format!("<blockquote>“{q}”</blockquote>"));
            } else {
                html.push_str(&format!("<p>{q}</p>"));
            }
        }
    }
    if !e.summary.is_empty() {
        html.push_str(&format!("<p>{}</p>", escape_html(&e.summary)));
    }
    let mut times = Vec::new();
    let primary = e.primary_time();
    for (name, t) in [
        ("happened", &e.event_time),
        ("said", &e.said_time),
        ("reported", &e.reported_time),
    ] {
        if let Some(t) = t
            && (primary != Some(t) || name != "happened")
        {
            times.push(format!("{name} {}", escape_html(&display_label(t))));
        }
    }
    if !times.is_empty() {
        html.push_str(&format!("<p><em>{}</em></p>", times.join(" · ")));
    }
    if !e.note.is_empty() {
        let lines: Vec<String> = e.note.lines().map(escape_html).collect();
        html.push_str(&format!("<p>{}</p>", lines.join("<br>")));
    }
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| escape_html(t)).collect();
        html.push_str(&format!("<p>Tags: {}</p>", tags.join(", ")));
    }
    for sid in e.sources() {
        let Some(s) = sources.get(&sid) else {
            continue;
        };
        let title = escape_html(&s.title);
        let mut cite = match &s.url {
            Some(url) => format!("<a href=\"{}\">{title}</a>", escape_html(url)),
            None => title,
        };
        if let Some(o) = &s.outlet {
            cite.push_str(&format!(", {}", escape_html(o)));
        }
        if let Some(p) = &s.published {
            cite.push_str(&format!(", {}", escape_html(&display_label(p))));
        }
        html.push_str(&format!("<p>Source: {cite}</p>"));
    }
    if e.status != Status::Accepted {
        html.push_str(&format!("<p><small>{}</small></p>", e.status.name()));
    }
    if let Some(v) = verdicts.get(&e.id) {
        html.push_str(&format!("<p>Verification: {}</p>", escape_html(v)));
    }
    html
}

fn slide(sources: &Sources, verdicts: &Verdicts, e: &Entry, time: &TimeSpan) -> Slide {
    let (start, end, display) = span_dates(time);
    let group = e
        .lane
        .clone()
        .or_else(|| e.speaker().filter(|s| !s.is_empty()).map(str::to_owned));
    let media = e.sources().filter_map(|id| sources.get(&id)).find_map(|s| {
        s.url.as_ref().map(|url| Media {
            url: url.clone(),
            caption: (!s.title.is_empty()).then(|| escape_html(&s.title)),
            credit: s.outlet.as_deref().map(escape_html),
        })
    });
    Slide {
        start_date: Some(start),
        end_date: end,
        display_date: display,
        text: Text {
            headline: escape_html(&e.label),
            text: body_html(sources, verdicts, e),
        },
        media,
        group,
        unique_id: Some(e.id.to_string()),
    }
}

/// TimelineJS3 JSON of the selected entries that have a time, in chronological order.
pub fn export(project: &Project, options: &ExportOptions) -> Result<Exported, ExportError> {
    let mut entries = selected_entries(project, &options.selection);
    sort_chronologically(&mut entries);
    let sources = source_index(project);
    let verdicts = verdicts(project, options.selection.known_on);
    let mut events = Vec::with_capacity(entries.len());
    let mut untimed = 0;
    for e in &entries {
        match e.primary_time() {
            Some(t) => events.push(slide(&sources, &verdicts, e, t)),
            None => untimed += 1,
        }
    }
    let mut notes = Vec::new();
    if untimed > 0 {
        notes.push(format!(
            "{untimed} entr{} without a time left out (TimelineJS needs a start date)",
            if untimed == 1 { "y" } else { "ies" }
        ));
    }
    if events.is_empty() {
        return Err(ExportError::Empty(
            "no selected entry has a time, and TimelineJS needs at least one event".into(),
        ));
    }
    let span = match (
        entries.first().and_then(|e| e.primary_time()),
        entries
            .iter()
            .filter_map(|e| e.primary_time())
            .max_by_key(|t| t.end),
    ) {
        (Some(first), Some(last)) if first.label() != last.label() => {
            format!(", {} to {}", first.label(), last.label())
        }
        (Some(first), _) => format!(", {}", first.label()),
        _ => String::new(),
    };
    let span = match options.selection.known_on {
        Some(day) => format!("{span} ({})", super::as_known_on_label(day)),
        None => span,
    };
    let title = Slide {
        text: Text {
            headline: escape_html(&project.title),
            text: format!(
                "<p>{} entr{}{}</p>",
                events.len(),
                if events.len() == 1 { "y" } else { "ies" },
                escape_html(&span)
            ),
        },
        ..Slide::default()
    };
    let doc = Document {
        title: Some(title),
        events,
        scale: "human",
    };
    let text = if options.pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    }
    .expect("plain data serializes");
    let mut bytes = text.into_bytes();
    bytes.push(b'\n');
    Ok(Exported { bytes, notes })
}

// ---------------------------------------------------------------------------------------------
// Import

/// A date part: a number or a numeric string (TimelineJS accepts both); blank is absent.
fn part(obj: &serde_json::Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Ok(Some(i)),
            None => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(f as i64)),
                _ => Err(format!("{key} {n} is not a whole number")),
            },
        },
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{key} {s:?} is not a number")),
        Some(other) => Err(format!("{key} is {other}, not a number")),
    }
}

fn read_date(v: &Value) -> Result<TlDate, String> {
    let obj = v.as_object().ok_or("a date must be an object")?;
    let year = part(obj, "year")?.ok_or("the date has no year")?;
    let small = |key: &str, range: std::ops::RangeInclusive<i64>| -> Result<Option<u32>, String> {
        match part(obj, key)? {
            None => Ok(None),
            Some(x) if range.contains(&x) => Ok(Some(x as u32)),
            Some(x) => Err(format!("{key} {x} is out of range")),
        }
    };
    let d = TlDate {
        year,
        month: small("month", 1..=12)?,
        day: small("day", 1..=31)?,
        hour: small("hour", 0..=23)?,
        minute: small("minute", 0..=59)?,
        second: small("second", 0..=59)?,
    };
    // Parts must nest: a day needs a month, a time needs a day (TimelineJS refuses a time
    // without a date too).
    let present = [
        d.month.is_some(),
        d.day.is_some(),
        d.hour.is_some(),
        d.minute.is_some(),
        d.second.is_some(),
    ];
    if present.windows(2).any(|w| !w[0] && w[1]) {
        return Err(
            "the date has a smaller part without the larger one (e.g. a day without a month)"
                .into(),
        );
    }
    Ok(d)
}

/// The value a start (and end) date denote, recognising named periods.
fn value_from_dates(start: &TlDate, end: Option<&TlDate>) -> Result<TimexValue, String> {
    let s = start.calendar()?;
    let sv = TimexValue::Calendar(s);
    sv.interval(None)
        .ok_or_else(|| format!("{} is not a real date", sv))?;
    let Some(end) = end else {
        return Ok(sv);
    };
    let e = end.calendar()?;
    if e == s {
        return Ok(sv);
    }
    let ev = TimexValue::Calendar(e);
    ev.interval(None)
        .ok_or_else(|| format!("end {} is not a real date", ev))?;
    let range = TimexValue::Range(Box::new(sv.clone()), Box::new(ev.clone()));
    let Some(interval) = range.interval(None) else {
        // End before start: keep the start, which TimelineJS shows too.
        return Ok(sv);
    };
    let candidates: Vec<TimexValue> = match (s.precision(), e.precision()) {
        (Precision::Month, Precision::Month) => {
            let mut v = Vec::new();
            for q in 1..=4 {
                v.push(YearPart::Quarter(q));
            }
            v.push(YearPart::Half(1));
            v.push(YearPart::Half(2));
            for season in [Season::Spring, Season::Summer, Season::Fall, Season::Winter] {
                v.push(YearPart::Season(season));
            }
            v.into_iter()
                .map(|part| TimexValue::YearPart { year: s.year, part })
                .collect()
        }
        (Precision::Year, Precision::Year) => {
            let mut v = Vec::new();
            // Year 0 (1 BCE) starts both `0` (years 0–999) and nothing BCE, so try both eras.
            let eras = [(false, i64::from(s.year)), (true, 1 - i64::from(s.year))];
            for digits in [3u8, 2, 1] {
                let width = 10_i64.pow(4 - u32::from(digits));
                for (bce, base) in eras {
                    if let Ok(prefix) = u32::try_from(base / width)
                        && base >= 0
                        && prefix < 10_u32.pow(u32::from(digits))
                    {
                        v.push(TimexValue::YearPrefix {
                            bce,
                            prefix,
                            digits,
                        });
                    }
                }
            }
            v
        }
        (Precision::Day, Precision::Day) => {
            let date = interval.0.date();
            let week = date.iso_week();
            vec![TimexValue::YearPart {
                year: week.year(),
                part: YearPart::Week(week.week()),
            }]
        }
        (Precision::Hour, Precision::Hour) => {
            let (y, m, d) = (s.year, s.month.unwrap_or(1), s.day.unwrap_or(1));
            [
                DayPart::Morning,
                DayPart::Afternoon,
                DayPart::Evening,
                DayPart::Night,
            ]
            .into_iter()
            .map(|part| TimexValue::PartOfDay {
                year: y,
                month: m,
                day: d,
                part,
            })
            .collect()
        }
        _ => Vec::new(),
    };
    Ok(candidates
        .into_iter()
        .find(|c| c.interval(None) == Some(interval))
        .unwrap_or(range))
}

/// The span a slide's dates and display date denote.
fn span_from_slide(
    start: &TlDate,
    end: Option<&TlDate>,
    display: Option<&str>,
) -> Result<TimeSpan, String> {
    use crate::model::Reference;
    let (marks, reference_label) = split_marks(display.unwrap_or("").trim());
    let vague = match reference_label {
        "recently (vague)" => Some(Reference::Past),
        "now (vague)" => Some(Reference::Present),
        "in future (vague)" => Some(Reference::Future),
        _ => None,
    };
    let dated = value_from_dates(start, end)?;
    let (value, placed) = match vague {
        Some(r) => {
            let (s, _) = TimexValue::Calendar(start.calendar()?)
                .interval(None)
                .ok_or("bad start")?;
            let (_, e) = match end {
                Some(end) => TimexValue::Calendar(end.calendar()?)
                    .interval(None)
                    .ok_or("bad end")?,
                None => dated.interval(None).ok_or("bad start")?,
            };
            (TimexValue::Reference(r), Some((s, e)))
        }
        None => (dated, None),
    };
    let mut span = span_from_parts(value, placed, &marks)?;
    if let Some(d) = display.map(str::trim).filter(|d| !d.is_empty())
        && d != display_label(&span)
    {
        // Someone's own wording ("Spring 1865, roughly"): keep it as the time's text.
        span.text = Some(d.to_owned());
    }
    Ok(span)
}

fn text_field(slide: &serde_json::Map<String, Value>, key: &str) -> String {
    slide
        .get("text")
        .and_then(|t| t.get(key))
        .and_then(Value::as_str)
        .map(html_to_text)
        .unwrap_or_default()
}

fn str_field<'v>(obj: Option<&'v Value>, key: &str) -> &'v str {
    obj.and_then(|o| o.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// A project from TimelineJS3 JSON: one event entry per slide with a usable start date
/// (headline → label, text → note, group → lane, `media.url` → a cited source). Slides
/// that cannot be placed are skipped with a warning; eras are not entries and are skipped.
pub fn import(text: &str, default_title: &str) -> Result<Imported, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let doc: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    })?;
    let obj = doc
        .as_object()
        .ok_or_else(|| ImportError::NotTimelineJs("the JSON is not an object".into()))?;
    if obj.get("format").and_then(Value::as_str) == Some(crate::model::file::FORMAT_NAME) {
        return Err(ImportError::NotTimelineJs(
            "this is a Claimline project; open it instead of importing it".into(),
        ));
    }
    let events = obj
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| ImportError::NotTimelineJs("no \"events\" array".into()))?;
    let now = chrono::Utc::now();
    let title = obj
        .get("title")
        .and_then(|t| t.as_object())
        .map(|t| text_field(t, "headline"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| default_title.to_owned());
    let mut project = Project::new(title, now);
    let mut warnings = Vec::new();
    let mut book = SourceBook::default();
    for (i, ev) in events.iter().enumerate() {
        let Some(slide) = ev.as_object() else {
            warnings.push(format!("event {}: not an object; skipped", i + 1));
            continue;
        };
        let headline = text_field(slide, "headline");
        let name = if headline.is_empty() {
            format!("event {}", i + 1)
        } else {
            format!("event {} ({headline:?})", i + 1)
        };
        let Some(start) = slide.get("start_date") else {
            warnings.push(format!("{name}: no start_date; skipped"));
            continue;
        };
        let dates = read_date(start).and_then(|s| {
            let end = match slide.get("end_date") {
                None | Some(Value::Null) => None,
                Some(e) => Some(read_date(e)?),
            };
            let display = slide
                .get("display_date")
                .or_else(|| start.get("display_date"))
                .and_then(Value::as_str);
            span_from_slide(&s, end.as_ref(), display)
        });
        let span = match dates {
            Ok(s) => s,
            Err(reason) => {
                warnings.push(format!("{name}: {reason}; skipped"));
                continue;
            }
        };
        let id = project.new_entry_id();
        let mut entry = Entry::new(id, EntryKind::Event, headline, now);
        entry.event_time = Some(span);
        entry.note = text_field(slide, "text");
        entry.lane = slide
            .get("group")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned);
        let media = slide.get("media");
        let url = str_field(media, "url");
        // Embedded markup (`<iframe …>`, `<blockquote …>`) is not a link to cite.
        if !url.trim_start().starts_with('<') {
            let caption = html_to_text(str_field(media, "caption"));
            let credit = html_to_text(str_field(media, "credit"));
            if let Some(ev) = book.cite(&mut project, &caption, &credit, url) {
                entry.evidence.push(ev);
            }
        }
        project.entries.push(entry);
    }
    book.finish(&mut project);
    if let Some(eras) = obj.get("eras").and_then(Value::as_array)
        && !eras.is_empty()
    {
        warnings.push(format!(
            "{} era(s) skipped: eras are periods, not entries",
            eras.len()
        ));
    }
    Ok(Imported { project, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(v: &str) -> TimeSpan {
        TimeSpan::parse(v, None).unwrap()
    }

    fn dates(v: &TimeSpan) -> Value {
        let (s, e, d) = span_dates(v);
        serde_json::json!({"start": s, "end": e, "display": d})
    }

    #[test]
    fn dates_carry_exactly_the_precision() {
        let j = dates(&span("2021"));
        assert_eq!(j["start"], serde_json::json!({"year": 2021}));
        assert!(j["end"].is_null() && j["display"].is_null());
        let j = dates(&span("2025-08"));
        assert_eq!(j["start"], serde_json::json!({"year": 2025, "month": 8}));
        let j = dates(&span("2025-08-20T14:30"));
        assert_eq!(
            j["start"],
            serde_json::json!({"year": 2025, "month": 8, "day": 20, "hour": 14, "minute": 30})
        );
        let j = dates(&span("2023-H1"));
        assert_eq!(j["start"], serde_json::json!({"year": 2023, "month": 1}));
        assert_eq!(j["end"], serde_json::json!({"year": 2023, "month": 6}));
        assert_eq!(j["display"], "H1 2023");
        let j = dates(&span("202"));
        assert_eq!(j["start"], serde_json::json!({"year": 2020}));
        assert_eq!(j["end"], serde_json::json!({"year": 2029}));
        let j = dates(&span("2019/2021"));
        assert_eq!(j["end"], serde_json::json!({"year": 2021}));
        assert!(j["display"].is_null());
        let j = dates(&TimeSpan::before(&span("2021")).unwrap());
        assert_eq!(j["start"], serde_json::json!({"year": 2021}));
        assert_eq!(j["display"], "before 2021");
    }

    #[test]
    fn bce_years_follow_timelinejs_numbering() {
        // 44 BCE is astronomical −43 and TimelineJS −44 (shown "44 BCE").
        let j = dates(&span("BC0044-03-15"));
        assert_eq!(
            j["start"],
            serde_json::json!({"year": -44, "month": 3, "day": 15})
        );
        let j = dates(&span("BC0001"));
        assert_eq!(j["start"], serde_json::json!({"year": -1}));
        let back = span_from_slide(
            &TlDate {
                year: -44,
                month: Some(3),
                day: Some(15),
                hour: None,
                minute: None,
                second: None,
            },
            None,
            None,
        )
        .unwrap();
        assert_eq!(back.value.to_string(), "BC0044-03-15");
    }

    /// Every kind of value survives export → import with its value, precision, interval,
    /// hedge and open side.
    #[test]
    fn every_value_kind_round_trips_through_slide_dates() {
        let anchor = chrono::NaiveDate::from_ymd_opt(2025, 8, 21);
        let mut spans: Vec<TimeSpan> = [
            "2021",
            "2025-08",
            "2025-08-20",
            "2025-08-20T14",
            "2025-08-20T14:30",
            "2025-08-20T14:30:15",
            "2025-08-20TMO",
            "2025-08-20TNI",
            "2025-W34",
            "2025-Q3",
            "2023-H1",
            "2023-H2",
            "2024-WI",
            "2025-SP",
            "202",
            "19",
            "2",
            "BC0044",
            "BC0044-03-15",
            "BC04",
            "BC0001",
            "0001",
            "2019/2021",
            "2025-08-18/2025-08-20",
        ]
        .iter()
        .map(|v| span(v))
        .collect();
        for r in ["PAST_REF", "PRESENT_REF", "FUTURE_REF"] {
            spans.push(TimeSpan::parse(r, anchor).unwrap());
        }
        spans.push(TimeSpan::before(&span("2021")).unwrap());
        spans.push(TimeSpan::after(&span("2014-05")).unwrap());
        // The two open spans a plain label cannot tell from "before"/"since": the
        // publication bound (includes its day) and "after" (starts when its day ends).
        let day = span("2025-08-21");
        spans.push(TimeSpan {
            start: Precision::Day.shift(day.start, -5).unwrap(),
            open: crate::model::Openness::OpenStart,
            approximate: true,
            ..day.clone()
        });
        spans.push(TimeSpan {
            start: day.end,
            end: Precision::Day.shift(day.end, 5).unwrap(),
            open: crate::model::Openness::OpenEnd,
            ..day
        });
        let mut hedged = span("2024-Q1");
        hedged.approximate = true;
        spans.push(hedged);
        for original in spans {
            let (s, e, d) = span_dates(&original);
            let back = span_from_slide(&s, e.as_ref(), d.as_deref())
                .unwrap_or_else(|err| panic!("{}: {err}", original.value));
            let what = original.value.to_string();
            assert_eq!(back.value, original.value, "{what}");
            assert_eq!(back.precision, original.precision, "{what}");
            assert_eq!(
                (back.start, back.end),
                (original.start, original.end),
                "{what}"
            );
            assert_eq!(back.approximate, original.approximate, "{what}");
            assert_eq!(back.open, original.open, "{what}");
            assert_eq!(back.text, None, "{what}: label read back as it was written");
        }
    }

    #[test]
    fn html_escapes_and_unescapes() {
        let nasty = "Tom & \"Jerry\" <script>alert('x')</script>";
        let esc = escape_html(nasty);
        assert!(!esc.contains('<') && !esc.contains('"'));
        assert_eq!(html_to_text(&esc), nasty);
        assert_eq!(
            html_to_text("<p>One<br>two</p><p>three &#233; &#x41; &bogus; &</p>"),
            "One\ntwo\nthree é A &bogus; &"
        );
    }

    #[test]
    fn import_reads_a_hand_written_file_and_reports_bad_slides() {
        let json = r#"{
          "title": {"text": {"headline": "Civil &amp; war", "text": "x"}},
          "events": [
            {"start_date": {"year": "1865", "month": "4", "day": "9"},
             "text": {"headline": "Surrender", "text": "<p>At <b>Appomattox</b></p>"},
             "group": "East", "media": {"url": "https://example.org/a", "credit": "LoC"}},
            {"start_date": {"year": 1861}, "end_date": {"year": 1865},
             "display_date": "Spring 1861 to 1865", "text": {"headline": "War"}},
            {"text": {"headline": "No date"}},
            {"start_date": {"year": 1863, "day": 4}, "text": {"headline": "Day without month"}},
            {"start_date": {"year": 1863, "month": 13}, "text": {"headline": "Bad month"}},
            {"start_date": {"year": 1863, "month": 2, "day": 30}, "text": {"headline": "Feb 30"}},
            {"start_date": {"year": -500}, "text": {"headline": "BCE"},
             "media": {"url": "<iframe src='x'></iframe>"}}
          ],
          "eras": [{"start_date": {"year": 1861}, "end_date": {"year": 1865}, "text": {"headline": "War"}}]
        }"#;
        let imp = import(json, "fallback").unwrap();
        let p = &imp.project;
        assert_eq!(p.title, "Civil & war");
        let labels: Vec<&str> = p.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["Surrender", "War", "BCE"]);
        assert_eq!(imp.warnings.len(), 5, "{:?}", imp.warnings);
        assert!(imp.warnings.iter().any(|w| w.contains("Feb 30")));
        assert!(imp.warnings.iter().any(|w| w.contains("era")));
        let surrender = &p.entries[0];
        assert_eq!(
            surrender.event_time.as_ref().unwrap().value.to_string(),
            "1865-04-09"
        );
        assert_eq!(surrender.note, "At Appomattox");
        assert_eq!(surrender.lane.as_deref(), Some("East"));
        let src = p.source(surrender.evidence[0].source).unwrap();
        assert_eq!(src.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(src.outlet.as_deref(), Some("LoC"));
        let war = p.entries[1].event_time.as_ref().unwrap();
        assert_eq!(war.value.to_string(), "1861/1865");
        assert_eq!(war.text.as_deref(), Some("Spring 1861 to 1865"));
        let bce = p.entries[2].event_time.as_ref().unwrap();
        assert_eq!(bce.value.to_string(), "BC0500");
        assert!(p.entries[2].evidence.is_empty());
        assert!(p.structural_problems().is_empty());
    }

    #[test]
    fn import_refuses_what_is_not_timelinejs() {
        for (text, expect) in [
            ("[1, 2]", "not an object"),
            ("{\"title\": {}}", "events"),
            ("{\"events\": [", "line"),
            (
                "{\"format\": \"claimline\", \"events\": []}",
                "Claimline project",
            ),
        ] {
            let err = import(text, "x").unwrap_err().to_string();
            assert!(err.contains(expect), "{text}: {err}");
        }
    }
}
