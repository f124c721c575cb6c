//! Briefings: the timeline as a document to read — Markdown, or self-contained HTML with the
//! timeline image inline and its own CSS (no external resources; prints well).
//!
//! Both formats render one [`Briefing`] model, built once:
//!
//! ```text
//!  # Title
//!  H1 2023 – 21 Aug 2025 · 7 entries                       (date range, count)
//!  ## 2023                                  year → month, or day by day for short ranges
//!  - H1 2023 (half-year) · statement · Voloshyn → Ukrinform → The Daily Digest
//!    quote, note, tags, [1]
//!  ## Sources
//!  1. Title — Outlet, 21 Aug 2025. URL
//! ```
//!
//! Entries within a year that are not tied to one month (a whole year, a half, a span across
//! months) are listed under the year before its months. Rejected entries are left out unless
//! asked for. Nothing depends on the current time, so the same project gives the same text.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike as _, NaiveDate};

use super::svg::{ImageOptions, escape, render_svg, selection_project, subtitle};
use crate::model::{
    Claim, Entry, EntryId, EntryKind, Precision, Project, SourceId, TimeSpan, Verification,
    month_abbrev,
};
use crate::timeline;

/// Entries spanning at most this many days are grouped day by day, longer ranges by year and
/// month.
pub const DAY_GROUPING_MAX_DAYS: i64 = 31;

#[derive(Clone, Debug, PartialEq)]
pub struct BriefingOptions {
    /// `None`: the project title.
    pub title: Option<String>,
    pub include_rejected: bool,
    /// "As known on DATE": said in the subtitle, and claims show the verdict as it stood
    /// then. The entries given are already filtered (see [`super::Selection::known_on`]).
    pub known_on: Option<NaiveDate>,
    /// HTML only: the timeline image embedded at the top (`None`: no image).
    pub image: Option<ImageOptions>,
}

impl Default for BriefingOptions {
    fn default() -> Self {
        Self {
            title: None,
            include_rejected: false,
            known_on: None,
            image: Some(ImageOptions {
                size: super::svg::ImageSize::Pixels {
                    width: 1000,
                    height: None,
                },
                title: Some(String::new()),
                ..ImageOptions::default()
            }),
        }
    }
}

/// The briefing as data: what both renderers show.
#[derive(Clone, Debug, PartialEq)]
pub struct Briefing {
    pub title: String,
    /// "H1 2023 – 21 Aug 2025 · 7 entries".
    pub range: String,
    pub groups: Vec<Group>,
    /// Numbered from 1 in order of first citation.
    pub sources: Vec<Citation>,
    /// Claims with at least one entry in the briefing, in project order.
    pub claims: Vec<ClaimItem>,
}

/// A claim and how it spread: who reported it first, who followed, and its verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimItem {
    pub label: String,
    /// The verdict as it stood on the briefing's "as known on" day (else now).
    pub verification: Verification,
    /// Appearances in order of publication: (outlet, date label).
    pub lineage: Vec<(String, Option<String>)>,
    /// The verdict's details; `None` while unverified.
    pub verdict: Option<Verdict>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// "Disputed", "Mostly false": the rating's words.
    pub rating_label: String,
    /// On the 1 (false) … 5 (true) scale.
    pub rating: u8,
    pub reviewer: Option<String>,
    pub date: Option<String>,
    /// Markdown.
    pub note: String,
    /// The correction or retraction: "label (Outlet, 6 Mar 2026)".
    pub settled_by: Option<String>,
}

/// A heading and the items under it. `level` 2 is a year (or a day), 3 a month.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub level: u8,
    pub heading: String,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// "H1 2023 (half-year)", "recently (vague)", "undated".
    pub when: String,
    /// The source's own words for the time, when they say more ("Earlier today").
    pub words: Option<String>,
    pub kind: EntryKind,
    pub label: String,
    pub speaker: Option<String>,
    pub speaker_role: Option<String>,
    /// The verb for a stance that is not speech ("believes", "wants"); None for "said".
    pub stance: Option<&'static str>,
    /// Speaker → whom they told → relays → the citing outlet, when there is more than one step.
    pub chain: Vec<String>,
    pub quote: Option<String>,
    /// Markdown.
    pub note: String,
    pub tags: Vec<String>,
    /// Citation numbers (1-based).
    pub citations: Vec<usize>,
    /// The verdict on the claim this entry makes, if it belongs to one.
    pub verification: Option<Verification>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    pub number: usize,
    pub title: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2023 (year)"; vague labels already say so ("recently (vague)").
pub fn time_label(t: &TimeSpan) -> String {
    let label = t.label();
    if label.ends_with(')') {
        label
    } else {
        format!("{label} ({})", t.precision.name())
    }
}

/// Builds the briefing model for `entries` (any order; sorted here).
pub fn briefing(project: &Project, entries: &[&Entry], options: &BriefingOptions) -> Briefing {
    let sub = selection_project(project, entries, options.include_rejected);
    let ordered = timeline::chronological(&sub);
    let placed: Vec<&TimeSpan> = ordered.iter().filter_map(|e| e.primary_time()).collect();
    let by_day = match (placed.first(), placed.last()) {
        (Some(a), Some(b)) => (b.start - a.start).num_days() <= DAY_GROUPING_MAX_DAYS,
        _ => false,
    };

    let mut cited: Vec<SourceId> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    // Per year: (coarse items, month groups) so whole-year items come before the months.
    let mut year: Option<(String, Vec<Item>, Vec<Group>)> = None;
    let flush_year = |year: &mut Option<(String, Vec<Item>, Vec<Group>)>, out: &mut Vec<Group>| {
        if let Some((heading, coarse, months)) = year.take() {
            out.push(Group {
                level: 2,
                heading,
                items: coarse,
            });
            out.extend(months);
        }
    };
    let mut undated = Vec::new();
    // A map, not `claim_of` per entry: large projects hold thousands of claims.
    let verdicts: HashMap<EntryId, Verification> = sub
        .claims
        .iter()
        .flat_map(|c| {
            let state = c.review.state_on(options.known_on);
            c.entries.iter().map(move |id| (*id, state))
        })
        .collect();
    for e in &ordered {
        let item = item(&sub, e, verdicts.get(&e.id).copied(), &mut cited);
        let Some(t) = e.primary_time() else {
            undated.push(item);
            continue;
        };
        if by_day {
            let heading = if t.precision >= Precision::Day && !t.approximate {
                format!(
                    "{} {} {}",
                    t.start.day(),
                    month_abbrev(t.start.month()),
                    crate::model::year_label(t.start.year())
                )
            } else {
                t.label()
            };
            match groups.last_mut() {
                Some(g) if g.heading == heading => g.items.push(item),
                _ => groups.push(Group {
                    level: 2,
                    heading,
                    items: vec![item],
                }),
            }
            continue;
        }
        let y = crate::model::year_label(t.start.year());
        if year.as_ref().is_none_or(|(h, ..)| *h != y) {
            flush_year(&mut year, &mut groups);
            year = Some((y.clone(), Vec::new(), Vec::new()));
        }
        let (_, coarse, months) = year.as_mut().expect("set above");
        let last = t.end - chrono::TimeDelta::seconds(1);
        let one_month = t.precision >= Precision::Month
            && last.year() == t.start.year()
            && last.month() == t.start.month();
        if one_month {
            let heading = format!("{} {y}", MONTH_NAMES[t.start.month0() as usize]);
            match months.last_mut() {
                Some(g) if g.heading == heading => g.items.push(item),
                _ => months.push(Group {
                    level: 3,
                    heading,
                    items: vec![item],
                }),
            }
        } else {
            coarse.push(item);
        }
    }
    flush_year(&mut year, &mut groups);
    if !undated.is_empty() {
        groups.push(Group {
            level: 2,
            heading: "Undated".into(),
            items: undated,
        });
    }

    let sources = cited
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let s = sub.source(*id);
            Citation {
                number: i + 1,
                title: s.map_or_else(|| format!("(missing source {id})"), |s| s.title.clone()),
                outlet: s.and_then(|s| s.outlet.clone()),
                date: s.and_then(|s| s.published.as_ref()).map(TimeSpan::label),
                url: s.and_then(|s| s.url.clone()),
            }
        })
        .collect();
    Briefing {
        title: options
            .title
            .clone()
            .unwrap_or_else(|| project.title.clone()),
        range: subtitle(&sub, options.known_on),
        groups,
        sources,
        claims: sub
            .claims
            .iter()
            .filter_map(|c| claim_item(&sub, c, options.known_on))
            .collect(),
    }
}

/// "4 Mar 2026" for a day, else the span's own label ("March 2026").
fn day_label(t: &TimeSpan) -> String {
    t.label()
}

/// The label of the time an entry became public (reported, else said).
fn published_label(e: &Entry) -> Option<String> {
    e.reported_time
        .as_ref()
        .or(e.said_time.as_ref())
        .map(day_label)
}

fn outlet_of(project: &Project, e: &Entry) -> Option<String> {
    e.sources()
        .next()
        .and_then(|id| project.source(id))
        .map(|s| s.outlet.clone().unwrap_or_else(|| s.title.clone()))
        .filter(|o| !o.trim().is_empty())
}

/// `None` when none of the claim's entries is in the briefing.
fn claim_item(project: &Project, c: &Claim, known_on: Option<NaiveDate>) -> Option<ClaimItem> {
    let appearances = c.appearances(project);
    if appearances.is_empty() {
        return None;
    }
    let lineage = appearances
        .iter()
        .map(|a| {
            let outlet = if a.outlet.trim().is_empty() {
                "an unnamed source".to_owned()
            } else {
                a.outlet.clone()
            };
            (outlet, project.entry(a.entry).and_then(published_label))
        })
        .collect();
    let verification = c.review.state_on(known_on);
    let verdict = (verification != Verification::Unverified)
        .then(|| c.review.effective_rating())
        .flatten()
        .map(|(rating, rating_label)| {
            let settled_by = c
                .review
                .settled_by
                .and_then(|id| project.entry(id))
                .map(|e| {
                    let mut s = e.label.trim().to_owned();
                    let detail: Vec<String> = outlet_of(project, e)
                        .into_iter()
                        .chain(published_label(e))
                        .collect();
                    if !detail.is_empty() {
                        s.push_str(&format!(" ({})", detail.join(", ")));
                    }
                    s
                });
            Verdict {
                rating_label,
                rating,
                reviewer: Some(c.review.reviewer.trim().to_owned()).filter(|r| !r.is_empty()),
                date: c.review.date.map(|d| day_label(&TimeSpan::day(d))),
                note: c.review.note.trim().to_owned(),
                settled_by,
            }
        });
    let label = if c.label.trim().is_empty() {
        project
            .entry(appearances[0].entry)
            .map(|e| e.label.clone())
            .unwrap_or_default()
    } else {
        c.label.trim().to_owned()
    };
    Some(ClaimItem {
        label,
        verification,
        lineage,
        verdict,
    })
}

/// "First reported by Ukrinform on 2 Mar 2026, then The Daily Digest (3 Mar 2026)."
pub fn lineage_text(lineage: &[(String, Option<String>)]) -> String {
    let mut out = String::new();
    for (i, (outlet, date)) in lineage.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("First reported by {outlet}"));
            if let Some(d) = date {
                out.push_str(&format!(" on {d}"));
            }
        } else {
            out.push_str(if i == 1 { ", then " } else { ", " });
            out.push_str(outlet);
            if let Some(d) = date {
                out.push_str(&format!(" ({d})"));
            }
        }
    }
    out.push('.');
    out
}

/// "Disputed (3/5) — by Ana Reviewer, 5 Mar 2026".
fn verdict_text(v: &Verdict) -> String {
    let mut out = format!("{} ({}/5)", v.rating_label, v.rating);
    let by: Vec<String> = v
        .reviewer
        .iter()
        .map(|r| format!("by {r}"))
        .chain(v.date.clone())
        .collect();
    if !by.is_empty() {
        out.push_str(&format!(" — {}", by.join(", ")));
    }
    out
}

fn item(
    project: &Project,
    e: &Entry,
    verification: Option<Verification>,
    cited: &mut Vec<SourceId>,
) -> Item {
    let t = e.primary_time();
    let words = t
        .and_then(|t| t.text.as_deref())
        .map(str::trim)
        .filter(|w| !w.is_empty() && t.is_some_and(|t| !t.label().eq_ignore_ascii_case(w)))
        .map(str::to_owned);
    let a = e.attribution.as_ref();
    let speaker = a.map(|a| a.speaker.trim()).filter(|s| !s.is_empty());
    let source_outlet = e
        .sources()
        .next()
        .and_then(|id| project.source(id))
        .and_then(|s| s.outlet.clone());
    let mut chain: Vec<String> = Vec::new();
    if let Some(a) = a {
        let steps = speaker
            .map(str::to_owned)
            .into_iter()
            .chain(a.outlet.clone())
            .chain(a.relay.iter().cloned())
            .chain(source_outlet);
        for step in steps {
            let step = step.trim().to_owned();
            if !step.is_empty() && !chain.iter().any(|c| c.eq_ignore_ascii_case(&step)) {
                chain.push(step);
            }
        }
    }
    if chain.len() < 2 {
        chain.clear();
    }
    let quote = a
        .map(|a| a.quote.trim())
        .filter(|q| !q.is_empty() && *q != e.label.trim_end_matches('…'))
        .map(str::to_owned);
    let citations = e
        .sources()
        .map(|id| match cited.iter().position(|c| *c == id) {
            Some(i) => i + 1,
            None => {
                cited.push(id);
                cited.len()
            }
        })
        .collect();
    Item {
        when: t.map_or_else(|| "undated".to_owned(), time_label),
        words,
        kind: e.kind,
        label: e.label.clone(),
        speaker: speaker.map(str::to_owned),
        speaker_role: a.and_then(|a| a.speaker_role.clone()),
        stance: a
            .and_then(|a| a.stance)
            .filter(|s| !s.is_speech())
            .map(|s| s.verb()),
        chain,
        quote,
        note: e.note.trim().to_owned(),
        tags: e.tags.clone(),
        citations,
        verification,
    }
}

/// Backslash-escapes the characters that would turn plain text into Markdown markup.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The briefing as Markdown (CommonMark). Notes stay Markdown, with `<` escaped so raw HTML
/// in a note cannot become markup.
pub fn briefing_markdown(
    project: &Project,
    entries: &[&Entry],
    options: &BriefingOptions,
) -> String {
    let b = briefing(project, entries, options);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_text(&b.title));
    let _ = writeln!(out, "*{}*\n", md_text(&b.range));
    for g in &b.groups {
        let _ = writeln!(
            out,
            "{} {}\n",
            "#".repeat(usize::from(g.level)),
            md_text(&g.heading)
        );
        for i in &g.items {
            write_md_item(&mut out, i);
        }
    }
    if !b.claims.is_empty() {
        out.push_str("## Claims\n\n");
        for c in &b.claims {
            write_md_claim(&mut out, c);
        }
    }
    if !b.sources.is_empty() {
        out.push_str("## Sources\n\n");
        for c in &b.sources {
            let _ = write!(out, "{}. {}", c.number, md_text(&c.title));
            if let Some(o) = &c.outlet {
                let _ = write!(out, " — *{}*", md_text(o));
            }
            if let Some(d) = &c.date {
                let _ = write!(out, ", {}", md_text(d));
            }
            out.push('.');
            if let Some(u) = c.url.as_deref().filter(|u| is_web_url(u)) {
                let _ = write!(out, " <{}>", u.replace(['<', '>', ' '], ""));
            }
            out.push('\n');
        }
    }
    out
}

fn write_md_claim(out: &mut String, c: &ClaimItem) {
    let _ = writeln!(
        out,
        "### {} \\[{}\\]\n",
        md_text(&c.label),
        c.verification.name()
    );
    let _ = writeln!(out, "{}\n", md_text(&lineage_text(&c.lineage)));
    let Some(v) = &c.verdict else {
        return;
    };
    let _ = writeln!(
        out,
        "Verification: **{}** — {}\n",
        c.verification.name(),
        md_text(&verdict_text(v))
    );
    if !v.note.is_empty() {
        for line in v.note.lines() {
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "> {}", line.replace('<', "\\<"));
            }
        }
        out.push('\n');
    }
    if let Some(s) = &v.settled_by {
        let _ = writeln!(out, "Settled by: {}\n", md_text(s));
    }
}

fn write_md_item(out: &mut String, i: &Item) {
    let _ = write!(out, "- **{}**", md_text(&i.when));
    if let Some(w) = &i.words {
        let _ = write!(out, " “{}”", md_text(w));
    }
    let _ = write!(out, " · {}", i.kind.name());
    if let Some(v) = i.verification {
        let _ = write!(out, " · \\[{}\\]", v.name());
    }
    out.push_str("  \n");
    let _ = writeln!(out, "  {}", md_text(&i.label));
    if let Some(s) = &i.speaker {
        out.push_str("\n  **");
        out.push_str(&md_text(s));
        out.push_str("**");
        if let Some(r) = &i.speaker_role {
            let _ = write!(out, " ({})", md_text(r));
        }
        if let Some(v) = i.stance {
            let _ = write!(out, " *{v}*");
        }
        if !i.chain.is_empty() {
            let chain: Vec<String> = i.chain.iter().map(|c| md_text(c)).collect();
            let _ = write!(out, " — via {}", chain.join(" → "));
        }
        out.push('\n');
    }
    if let Some(q) = &i.quote {
        let _ = writeln!(out, "\n  > {}", md_text(q));
    }
    if !i.note.is_empty() {
        out.push('\n');
        for line in i.note.lines() {
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                // Raw HTML stays text in any Markdown renderer the file is opened with.
                let _ = writeln!(out, "  {}", line.replace('<', "\\<"));
            }
        }
    }
    let mut meta = Vec::new();
    if !i.tags.is_empty() {
        let tags: Vec<String> = i
            .tags
            .iter()
            .map(|t| format!("`{}`", t.replace('`', "'")))
            .collect();
        meta.push(format!("Tags: {}", tags.join(", ")));
    }
    if !i.citations.is_empty() {
        let refs: Vec<String> = i.citations.iter().map(|n| format!("\\[{n}\\]")).collect();
        meta.push(format!("Sources: {}", refs.join(" ")));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "\n  {}", meta.join(" · "));
    }
    out.push('\n');
}

fn is_web_url(u: &str) -> bool {
    let lower = u.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A note's Markdown as HTML, safely: raw HTML is shown as text, links other than
/// http(s)/mailto/fragments are neutralised, and images become links (a briefing loads
/// nothing from outside).
pub fn note_html(markdown: &str) -> String {
    use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
    let safe = |u: &str| {
        let l = u.trim().to_ascii_lowercase();
        is_web_url(&l) || l.starts_with("mailto:") || l.starts_with('#')
    };
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|ev| match ev {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if safe(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            },
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; }
.range { color: #666; margin-top: 0; }
figure.timeline { margin: 1.5rem 0; overflow-x: auto; }
figure.timeline svg { max-width: 100%; height: auto; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { color: #444; }
article { border-left: 3px solid #4e79a7; padding: 0.1rem 0 0.1rem 0.8rem; margin: 0.9rem 0; }
article.statement { border-left-color: #f28e2b; }
.when { font-weight: bold; margin: 0; }
.when .precision, .when .kind { font-weight: normal; color: #666; }
.when .words { font-weight: normal; font-style: italic; color: #444; }
.label { margin: 0.2rem 0; }
.who { margin: 0.2rem 0; }
.chain { color: #555; }
blockquote { margin: 0.4rem 0; padding-left: 0.8rem; border-left: 2px solid #ccc; color: #333; }
.note { background: #f7f7f2; padding: 0.2rem 0.6rem; border-radius: 3px; }
.meta { font-size: 0.9em; color: #555; margin: 0.3rem 0; }
.tag { background: #eee; border-radius: 3px; padding: 0 0.3rem; margin-right: 0.2rem; }
.badge { font-weight: normal; font-size: 0.85em; border-radius: 3px; padding: 0 0.3rem;
  background: #eee; color: #333; }
.badge.corroborated { background: #d8ecd4; color: #1d5a17; }
.badge.disputed { background: #fbe8c8; color: #7a4a00; }
.badge.false, .badge.retracted { background: #f6d4d4; color: #8a1c1c; }
section.claim { border-left: 3px solid #999; padding: 0.1rem 0 0.1rem 0.8rem; margin: 0.9rem 0; }
.lineage { margin: 0.2rem 0; }
ol.sources li { margin: 0.3rem 0; word-break: break-word; }
@media print {
  body { margin: 0; max-width: none; }
  article, figure.timeline { break-inside: avoid; }
  a { color: inherit; }
}
"#;

/// The briefing as one self-contained HTML document (inline CSS and SVG).
pub fn briefing_html(project: &Project, entries: &[&Entry], options: &BriefingOptions) -> String {
    let b = briefing(project, entries, options);
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&b.title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&b.title));
    let _ = writeln!(out, "<p class=\"range\">{}</p>", escape(&b.range));
    if let Some(image) = &options.image {
        let image = ImageOptions {
            include_rejected: options.include_rejected,
            known_on: options.known_on,
            ..image.clone()
        };
        let svg = render_svg(project, entries, &image);
        let _ = writeln!(
            out,
            "<figure class=\"timeline\">{}</figure>",
            svg.trim_end()
        );
    }
    for g in &b.groups {
        let _ = writeln!(out, "<h{l}>{}</h{l}>", escape(&g.heading), l = g.level);
        for i in &g.items {
            write_html_item(&mut out, i);
        }
    }
    if !b.claims.is_empty() {
        out.push_str("<h2>Claims</h2>\n");
        for c in &b.claims {
            write_html_claim(&mut out, c);
        }
    }
    if !b.sources.is_empty() {
        out.push_str("<h2>Sources</h2>\n<ol class=\"sources\">\n");
        for c in &b.sources {
            let _ = write!(out, "<li id=\"src-{}\">{}", c.number, escape(&c.title));
            if let Some(o) = &c.outlet {
                let _ = write!(out, " — <em>{}</em>", escape(o));
            }
            if let Some(d) = &c.date {
                let _ = write!(out, ", {}", escape(d));
            }
            out.push('.');
            if let Some(u) = c.url.as_deref().filter(|u| is_web_url(u)) {
                let _ = write!(out, " <a href=\"{0}\">{0}</a>", escape(u.trim()));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn badge_html(v: Verification) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", v.name())
}

fn write_html_claim(out: &mut String, c: &ClaimItem) {
    let _ = writeln!(
        out,
        "<section class=\"claim\">\n<h3>{} {}</h3>",
        escape(&c.label),
        badge_html(c.verification)
    );
    let _ = writeln!(
        out,
        "<p class=\"lineage\">{}</p>",
        escape(&lineage_text(&c.lineage))
    );
    if let Some(v) = &c.verdict {
        let _ = writeln!(
            out,
            "<p class=\"verdict\">Verification: <strong>{}</strong> — {}</p>",
            c.verification.name(),
            escape(&verdict_text(v))
        );
        if !v.note.is_empty() {
            let _ = writeln!(
                out,
                "<div class=\"note\">{}</div>",
                note_html(&v.note).trim_end()
            );
        }
        if let Some(s) = &v.settled_by {
            let _ = writeln!(out, "<p class=\"settled\">Settled by: {}</p>", escape(s));
        }
    }
    out.push_str("</section>\n");
}

fn write_html_item(out: &mut String, i: &Item) {
    let _ = write!(
        out,
        "<article class=\"{}\">\n<p class=\"when\">",
        i.kind.name()
    );
    // "2023 (year)": the label in bold, the precision after it.
    match i.when.rsplit_once(" (") {
        Some((label, precision)) => {
            let _ = write!(
                out,
                "{} <span class=\"precision\">({}</span>",
                escape(label),
                escape(precision)
            );
        }
        None => out.push_str(&escape(&i.when)),
    }
    if let Some(w) = &i.words {
        let _ = write!(out, " <span class=\"words\">“{}”</span>", escape(w));
    }
    let _ = write!(out, " <span class=\"kind\">· {}</span>", i.kind.name());
    if let Some(v) = i.verification {
        let _ = write!(out, " {}", badge_html(v));
    }
    out.push_str("</p>\n");
    let _ = writeln!(out, "<p class=\"label\">{}</p>", escape(&i.label));
    if let Some(s) = &i.speaker {
        let _ = write!(out, "<p class=\"who\"><strong>{}</strong>", escape(s));
        if let Some(r) = &i.speaker_role {
            let _ = write!(out, " ({})", escape(r));
        }
        if let Some(v) = i.stance {
            let _ = write!(out, " <em class=\"stance\">{v}</em>");
        }
        if !i.chain.is_empty() {
            let chain: Vec<String> = i.chain.iter().map(|c| escape(c)).collect();
            let _ = write!(
                out,
                " <span class=\"chain\">via {}</span>",
                chain.join(" → ")
            );
        }
        out.push_str("</p>\n");
    }
    if let Some(q) = &i.quote {
        let _ = writeln!(out, "<blockquote>{}</blockquote>", escape(q));
    }
    if !i.note.is_empty() {
        let _ = writeln!(
            out,
            "<div class=\"note\">{}</div>",
            note_html(&i.note).trim_end()
        );
    }
    if !i.tags.is_empty() || !i.citations.is_empty() {
        out.push_str("<p class=\"meta\">");
        for t in &i.tags {
            let _ = write!(out, "<span class=\"tag\">{}</span>", escape(t));
        }
        for n in &i.citations {
            let _ = write!(out, " <a href=\"#src-{n}\">[{n}]</a>");
        }
        out.push_str("</p>\n");
    }
    out.push_str("</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_html_escapes_raw_html_and_neutralises_scripts() {
        let html = note_html(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) ![img](http://e.x/i.png) **b**",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("<strong>b</strong>"), "{html}");
    }

    #[test]
    fn markdown_text_is_escaped() {
        assert_eq!(md_text("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }

    #[test]
    fn time_labels_show_precision_once() {
        let y = TimeSpan::parse("2023", None).unwrap();
        assert_eq!(time_label(&y), "2023 (year)");
        let vague =
            TimeSpan::parse("PAST_REF", chrono::NaiveDate::from_ymd_opt(2025, 8, 21)).unwrap();
        assert_eq!(time_label(&vague), "recently (vague)");
    }
}
