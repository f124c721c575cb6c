//! Extraction: article text → time expressions, attributed statements and dated events,
//! each with char offsets into the source text.
//!
//! The output types here are the stable contract of `claimline extract --format json`
//! (see `docs/CLI.md`); the extractors behind them improve without changing it.

pub mod corrections;
pub mod eval;
pub mod events;
pub mod republish;
pub mod sentences;
pub mod statements;
pub mod timex;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{
    Attribution, CharRange, Entry, EntryKind, Evidence, Precision, Project, Source, TimeSpan,
    TimexValue,
};

/// TimeML's four kinds of temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// Where a value sits on the calendar, when it can be placed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interval {
    pub start: chrono::NaiveDateTime,
    pub end: chrono::NaiveDateTime,
    pub precision: Precision,
}

/// One temporal expression found in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timex {
    pub text: String,
    /// Char offsets into the source text, end-exclusive.
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: TimexValue,
    /// The interval the value denotes, if it can be placed.
    pub interval: Option<Interval>,
    /// The time it resolves to, with how it was anchored.
    #[serde(skip)]
    pub span: Option<TimeSpan>,
}

/// One attributed statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    pub speaker: String,
    pub cue: String,
    pub outlet: Option<String>,
    pub relay: Vec<String>,
    pub direct: bool,
    pub content: String,
    pub content_span: CharRange,
    pub said_time: Option<TimeSpan>,
    pub event_time: Option<TimeSpan>,
    pub confidence: f32,
    /// Which rule fired.
    pub reason: String,
    /// The source as written ("He", "the spokesperson"); `speaker` is what it resolves to.
    pub speaker_mention: String,
    pub speaker_span: Option<CharRange>,
    /// "South Defense Forces spokesperson", "a Ukrainian broadcaster".
    pub speaker_role: Option<String>,
    pub cue_span: Option<CharRange>,
    /// The stance the cue signals (neutral, hedged, denial …).
    pub cue_class: Option<statements::CueClass>,
    /// Numbers in the content ("4,500 soldiers").
    pub quantities: Vec<events::Quantity>,
    /// Comparisons in or right after the content ("three times higher than … 2021").
    pub comparisons: Vec<events::Comparison>,
}

/// One dated event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub text: String,
    pub time: Option<TimeSpan>,
    pub evidence: CharRange,
    pub confidence: f32,
    pub reason: String,
    /// The time expression that dates the event.
    pub time_span: Option<CharRange>,
    pub quantities: Vec<events::Quantity>,
    /// The speaker whose statement reports the event, if it is reported speech.
    pub according_to: Option<String>,
    /// Tags the entry starts with: `correction` or `retraction` for notices (see
    /// [`corrections`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// What the source's metadata says, as echoed in the output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceSummary {
    pub title: String,
    pub published: Option<String>,
    pub published_from: Option<String>,
    pub chars: usize,
    pub content_hash: String,
    /// Live-blog updates and embedded posts with their own times.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<crate::model::TextAnchor>,
}

/// Everything extracted from one source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extraction {
    pub source: SourceSummary,
    pub timexes: Vec<Timex>,
    pub statements: Vec<Statement>,
    pub events: Vec<Event>,
}

/// The latest day the text names outright (absolute dates of day precision or finer): a
/// lower bound for an undated article's publication, offered when it has none.
pub fn latest_absolute_date(timexes: &[Timex]) -> Option<NaiveDate> {
    timexes
        .iter()
        .filter_map(|t| t.span.as_ref())
        .filter(|s| {
            s.resolution == crate::model::Resolution::Absolute
                && s.precision >= crate::model::Precision::Day
                && !s.approximate
        })
        .map(|s| s.start.date())
        .max()
}

/// What could date an article that gives no publication date, as phrases for messages:
/// "the file was last modified on 2025-08-21", "the latest date in the text is 2025-08-20
/// (a lower bound)".
pub fn date_suggestions(
    latest_in_text: Option<NaiveDate>,
    file_modified: Option<NaiveDate>,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = file_modified {
        out.push(format!("the file was last modified on {d}"));
    }
    if let Some(d) = latest_in_text {
        out.push(format!(
            "the latest date in the text is {d} (a lower bound)"
        ));
    }
    out
}

/// Options for extraction.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Anchor for relative times when the source has no publication date.
    pub anchor: Option<NaiveDate>,
    /// Read `05/08/2025` as 5 August (day first) rather than May 8.
    pub day_first: bool,
    /// How ranges are reported in [`Extraction::timexes`]. Statements and events always see
    /// joined ranges ("from 2019 to 2021" dates one event), whatever this says.
    pub ranges: timex::RangeStyle,
}

/// Runs every extractor over `source`.
pub fn extract(source: &Source, options: &Options) -> Extraction {
    let anchor = source.published_date().or(options.anchor);
    let tag_options = timex::TagOptions {
        anchor,
        day_first: options.day_first,
    };
    let timexes = timex::tag(&source.text, &tag_options);
    let mut doc = sentences::Document::new(&source.text, &timexes, anchor);
    doc.anchors = source
        .anchors
        .iter()
        .map(|a| {
            let bytes = (
                doc.index.byte_at(a.range.start.min(doc.index.chars())),
                doc.index.byte_at(a.range.end.min(doc.index.chars())),
            );
            (bytes, a.time.clone())
        })
        .collect();
    let mut posts = statements::find_posts(&source.text);
    // An embed's permalink or `datetime` dates its post to the minute; the signature only
    // to the day.
    for post in &mut posts {
        let at = doc.index.char_at(post.body.0);
        if let Some(a) = source
            .anchor_at(at)
            .filter(|a| a.kind == crate::model::AnchorKind::Post)
        {
            post.time = Some(a.time.clone());
        }
    }
    // An embed whose markup names its author but whose text has no signature (Facebook,
    // TikTok, Threads) is a post all the same.
    for (a, &(range, _)) in source.anchors.iter().zip(&doc.anchors) {
        if a.kind != crate::model::AnchorKind::Post
            || posts
                .iter()
                .any(|p| range.0 <= p.body.0 && p.body.0 < range.1)
        {
            continue;
        }
        if let Some(post) = statements::post_of_anchor(&source.text, range, a) {
            posts.push(post);
        }
    }
    posts.sort_by_key(|p| p.body.0);
    statements::anchor_posts(&mut doc, &posts, options.day_first);
    // Innermost first: a post inside an update keeps its own day.
    let mut order: Vec<usize> = (0..source.anchors.len()).collect();
    order.sort_by_key(|&i| source.anchors[i].range.len());
    for i in order {
        let a = &source.anchors[i];
        // A post dated only "no later than the page" has no day to resolve against.
        if a.time.open != crate::model::Openness::Closed {
            continue;
        }
        let range = doc.anchors[i].0;
        let label = if a.label.is_empty() {
            a.time.value.to_string()
        } else {
            a.label.clone()
        };
        statements::reanchor(
            &mut doc,
            range,
            a.time.start.date(),
            &label,
            options.day_first,
        );
    }
    let statements = statements::extract(&doc, &posts);
    let mut events = events::extract(&doc, &statements);
    let notices = corrections::extract(&doc, source.published.as_ref());
    // A notice replaces the plain events found in its sentence: "withdrew his statement on
    // Thursday" is one retraction, not also an undated-reason event.
    events.retain(|e| {
        !notices
            .iter()
            .any(|n| n.evidence.start <= e.evidence.start && e.evidence.end <= n.evidence.end)
    });
    events.extend(notices);
    events.sort_by_key(|e| e.evidence.start);
    // What was re-anchored (in posts and updates) is reported with its new value too.
    let reanchored: std::collections::HashMap<(usize, usize), &sentences::PlacedTimex> = doc
        .timexes
        .iter()
        .filter(|t| {
            t.span
                .as_ref()
                .is_some_and(|s| matches!(s.resolution, crate::model::Resolution::Anchor { .. }))
        })
        .map(|t| {
            let r = doc.chars(t.start, t.end);
            ((r.start, r.end), t)
        })
        .collect();
    let with_anchors = |mut list: Vec<Timex>| {
        if !reanchored.is_empty() {
            for t in &mut list {
                if let Some(p) = reanchored.get(&(t.start, t.end)) {
                    t.value = p.value.clone();
                    t.span = p.span.clone();
                    t.interval = p.span.as_ref().map(|s| Interval {
                        start: s.start,
                        end: s.end,
                        precision: s.precision,
                    });
                }
            }
        }
        list
    };
    Extraction {
        source: SourceSummary {
            title: source.title.clone(),
            published: source.published.as_ref().map(|p| p.value.to_string()),
            published_from: source.published_from.clone(),
            chars: source.text.chars().count(),
            content_hash: source.content_hash.clone(),
            anchors: source.anchors.clone(),
        },
        timexes: with_anchors(match options.ranges {
            timex::RangeStyle::Joined => timexes,
            // A second pass is cheaper than splitting after the fact: each end keeps its
            // own extent and value (the tagger is ~20 MB/s).
            timex::RangeStyle::Split => {
                timex::tag_with(&source.text, &tag_options, timex::RangeStyle::Split)
            }
        }),
        statements,
        events,
    }
}

impl Extraction {
    /// Candidate entries for `source`, with ids taken from `project`.
    pub fn to_entries(&self, source: &Source, project: &mut Project) -> Vec<Entry> {
        let now = chrono::Utc::now();
        // What a live-blog update says is reported when the update went up.
        let reported_at = |at: usize| {
            source
                .anchors
                .iter()
                .filter(|a| {
                    a.kind == crate::model::AnchorKind::Update
                        && a.range.start <= at
                        && at < a.range.end
                })
                .min_by_key(|a| a.range.len())
                .map(|a| a.time.clone())
                .or_else(|| source.published.clone())
        };
        let mut entries = Vec::new();
        for s in &self.statements {
            let mut e = Entry::new(
                project.new_entry_id(),
                EntryKind::Statement,
                label_of(&s.content),
                now,
            );
            e.said_time = s.said_time.clone();
            e.event_time = s.event_time.clone();
            e.reported_time = reported_at(s.content_span.start);
            e.attribution = Some(Attribution {
                speaker: s.speaker.clone(),
                speaker_role: s.speaker_role.clone(),
                cue: s.cue.clone(),
                outlet: s.outlet.clone(),
                relay: s.relay.clone(),
                direct: s.direct,
                quote: s.content.clone(),
                stance: s.cue_class.map(statements::CueClass::stance),
            });
            e.evidence.push(Evidence {
                source: source.id,
                range: s.content_span,
                role: "content".into(),
            });
            for (range, role) in [(s.speaker_span, "speaker"), (s.cue_span, "cue")] {
                if let Some(range) = range {
                    e.evidence.push(Evidence {
                        source: source.id,
                        range,
                        role: role.into(),
                    });
                }
            }
            e.confidence = s.confidence;
            e.reason = s.reason.clone();
            crate::model::record_proposal(&mut e, now);
            entries.push(e);
        }
        for ev in &self.events {
            let mut e = Entry::new(
                project.new_entry_id(),
                EntryKind::Event,
                label_of(&ev.text),
                now,
            );
            e.event_time = ev.time.clone();
            e.reported_time = reported_at(ev.evidence.start);
            e.evidence.push(Evidence {
                source: source.id,
                range: ev.evidence,
                role: "content".into(),
            });
            if let Some(range) = ev.time_span {
                e.evidence.push(Evidence {
                    source: source.id,
                    range,
                    role: "time".into(),
                });
            }
            e.confidence = ev.confidence;
            e.reason = ev.reason.clone();
            e.tags.clone_from(&ev.tags);
            crate::model::record_proposal(&mut e, now);
            entries.push(e);
        }
        entries
    }
}

/// The commands that add `source` and its candidate `entries` to a project (the CLI, the app
/// and the example story all import this way; apply them as one batch for one undo step).
pub fn insert_commands(source: Source, entries: Vec<Entry>) -> Vec<crate::model::Command> {
    use crate::model::Command;
    let mut commands = Vec::with_capacity(entries.len() + 1);
    commands.push(Command::InsertSource {
        index: None,
        source: Box::new(source),
    });
    commands.extend(entries.into_iter().map(|e| Command::InsertEntry {
        index: None,
        entry: Box::new(e),
    }));
    commands
}

/// A headline from a longer text: the first words, cut at a word boundary.
pub fn label_of(text: &str) -> String {
    const MAX_CHARS: usize = 80;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}
