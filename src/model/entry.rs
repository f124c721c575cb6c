//! An [`Entry`]: an event (something happened) or a statement (someone said something),
//! with its times, its attribution and the evidence it came from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AuditRecord, CharRange, EntryId, SourceId, TimeSpan};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    #[default]
    Event,
    Statement,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Statement => "statement",
        }
    }
}

/// Where an entry stands in review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proposed by extraction, not yet reviewed.
    #[default]
    Candidate,
    Accepted,
    Rejected,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }
}

/// Who said it, how, to whom, and through whom it reached this source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// "Vladyslav Voloshyn", "a spokesperson", "experts", "Astraia Intel (@astraiaintel)".
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_role: Option<String>,
    /// The cue as written: "told", "according to", "added".
    #[serde(default)]
    pub cue: String,
    /// Whom the speaker spoke to ("told Ukrinform").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Intermediaries between the speaker and this source, nearest the speaker first
    /// (spokesperson → Ukrinform → The Daily Digest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relay: Vec<String>,
    /// A direct (quoted) statement rather than reported speech.
    #[serde(default)]
    pub direct: bool,
    /// The words attributed to the speaker.
    #[serde(default)]
    pub quote: String,
    /// What the cue says the speaker does with the content: said it, believes it, wants it…
    /// Absent in files written before it existed (and for hand-made entries): read as "said".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
}

/// The stance class of an attribution, from its cue: speech ("said", "told", "announced")
/// or something a fact-checker reads differently ("believes", "wants", "denies").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// said, told, announced, according to, posted.
    Said,
    /// claimed, alleged, suggested: the writer keeps a distance.
    Claims,
    /// denied, rejected, disputed.
    Denies,
    /// warned, cautioned, threatened.
    Warns,
    /// believes, thinks, expects, fears.
    Believes,
    /// wants, plans, intends, refused to.
    Wants,
    /// promised, pledged, vowed.
    Promises,
    /// urged, called for, demanded.
    Urges,
    /// accused, criticised, attacked.
    Criticises,
    /// backed, praised, called it X, opposes.
    Evaluates,
    /// asked, questioned, wondered.
    Asks,
    /// a study, poll or report found / showed.
    Finds,
}

impl Stance {
    pub const ALL: [Stance; 12] = [
        Self::Said,
        Self::Claims,
        Self::Denies,
        Self::Warns,
        Self::Believes,
        Self::Wants,
        Self::Promises,
        Self::Urges,
        Self::Criticises,
        Self::Evaluates,
        Self::Asks,
        Self::Finds,
    ];

    /// The verb a briefing writes after the speaker: "believes", "wants".
    pub fn verb(self) -> &'static str {
        match self {
            Self::Said => "said",
            Self::Claims => "claims",
            Self::Denies => "denies",
            Self::Warns => "warns",
            Self::Believes => "believes",
            Self::Wants => "wants",
            Self::Promises => "promises",
            Self::Urges => "urges",
            Self::Criticises => "criticises",
            Self::Evaluates => "evaluates",
            Self::Asks => "asks",
            Self::Finds => "finds",
        }
    }

    /// The stance whose [`verb`](Self::verb) this is.
    pub fn from_verb(verb: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.verb() == verb)
    }

    /// Speech proper (said, claims, denies, warns): the content is words the speaker uttered.
    pub fn is_speech(self) -> bool {
        matches!(self, Self::Said | Self::Claims | Self::Denies | Self::Warns)
    }
}

/// A piece of source text an entry rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "EvidenceRepr", into = "EvidenceRepr")]
pub struct Evidence {
    pub source: SourceId,
    pub range: CharRange,
    /// What the evidence is for: "content", "speaker", "cue", "time".
    pub role: String,
}

/// Evidence as written in files: the range's ends inline (`{source, start, end, role}`).
/// A plain struct rather than `#[serde(flatten)]`, which would buffer every evidence object.
#[derive(Serialize, Deserialize)]
struct EvidenceRepr {
    source: SourceId,
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    role: String,
}

impl From<EvidenceRepr> for Evidence {
    fn from(r: EvidenceRepr) -> Self {
        Self {
            source: r.source,
            range: CharRange::new(r.start, r.end),
            role: r.role,
        }
    }
}

impl From<Evidence> for EvidenceRepr {
    fn from(e: Evidence) -> Self {
        Self {
            source: e.source,
            start: e.range.start,
            end: e.range.end,
            role: e.role,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Supports,
    Contradicts,
    SameAs,
    Updates,
}

impl LinkKind {
    pub const ALL: [Self; 4] = [
        Self::Supports,
        Self::Contradicts,
        Self::SameAs,
        Self::Updates,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Supports => "supports",
            Self::Contradicts => "contradicts",
            Self::SameAs => "same as",
            Self::Updates => "updates",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub target: EntryId,
}

/// An sRGB colour written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color(pub [u8; 3]);

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl std::str::FromStr for Color {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(format!("not a #rrggbb colour: {s:?}"));
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16);
        match (byte(0), byte(2), byte(4)) {
            (Ok(r), Ok(g), Ok(b)) => Ok(Self([r, g, b])),
            _ => Err(format!("not a #rrggbb colour: {s:?}")),
        }
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub kind: EntryKind,
    /// Short headline shown on the timeline.
    #[serde(default)]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// When it happened (for a statement: when what it is about happened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_time: Option<TimeSpan>,
    /// When it was said (statements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_time: Option<TimeSpan>,
    /// When it was reported: the publication of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_time: Option<TimeSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub status: Status,
    /// 0..=1, from extraction; 1 for entries the user made.
    #[serde(default = "one")]
    pub confidence: f32,
    /// Which rule proposed the entry ("cue 'told' + direct quote").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// Machine proposals and human edits, oldest first (see [`super::stamp`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<AuditRecord>,
    /// Fields written by newer versions of Claimline, kept as they were. Filled on load by
    /// [`super::file`], which reads them in a separate fast pass.
    #[serde(flatten, skip_deserializing)]
    pub extra: Map<String, Value>,
}

impl super::extra::KnownFields for Entry {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "kind",
        "label",
        "summary",
        "event_time",
        "said_time",
        "reported_time",
        "attribution",
        "evidence",
        "status",
        "confidence",
        "reason",
        "lane",
        "tags",
        "color",
        "note",
        "links",
        "created",
        "modified",
        "history",
    ];
}

fn one() -> f32 {
    1.0
}

impl Entry {
    pub fn new(id: EntryId, kind: EntryKind, label: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            id,
            kind,
            label: label.into(),
            summary: String::new(),
            event_time: None,
            said_time: None,
            reported_time: None,
            attribution: None,
            evidence: Vec::new(),
            status: Status::Candidate,
            confidence: 1.0,
            reason: String::new(),
            lane: None,
            tags: Vec::new(),
            color: None,
            note: String::new(),
            links: Vec::new(),
            created: now,
            modified: now,
            history: Vec::new(),
            extra: Map::new(),
        }
    }

    /// The time that places the entry on the timeline by default: when it happened, else
    /// when it was said, else when it was reported.
    pub fn primary_time(&self) -> Option<&TimeSpan> {
        self.event_time
            .as_ref()
            .or(self.said_time.as_ref())
            .or(self.reported_time.as_ref())
    }

    pub fn speaker(&self) -> Option<&str> {
        self.attribution.as_ref().map(|a| a.speaker.as_str())
    }

    /// A statement's stance ("said" when none was recorded); None for events.
    pub fn stance(&self) -> Option<Stance> {
        (self.kind == EntryKind::Statement).then(|| {
            self.attribution
                .as_ref()
                .and_then(|a| a.stance)
                .unwrap_or(Stance::Said)
        })
    }

    /// The sources this entry draws evidence from, without repeats.
    pub fn sources(&self) -> impl Iterator<Item = SourceId> + '_ {
        let mut seen = Vec::new();
        self.evidence.iter().map(|e| e.source).filter(move |id| {
            let first = !seen.contains(id);
            if first {
                seen.push(*id);
            }
            first
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_and_reject_junk() {
        let c: Color = "#1a2B3c".parse().unwrap();
        assert_eq!(c.0, [0x1a, 0x2b, 0x3c]);
        assert_eq!(c.to_string(), "#1a2b3c");
        for bad in ["", "#12345", "#12345g", "#ééé", "#1234567"] {
            assert!(bad.parse::<Color>().is_err(), "{bad}");
        }
    }

    #[test]
    fn primary_time_prefers_event_time() {
        let now = Utc::now();
        let mut e = Entry::new(EntryId(1), EntryKind::Statement, "x", now);
        assert!(e.primary_time().is_none());
        let reported = TimeSpan::parse("2025-08-21", None).unwrap();
        let event = TimeSpan::parse("2023-H1", None).unwrap();
        e.reported_time = Some(reported.clone());
        assert_eq!(e.primary_time(), Some(&reported));
        e.event_time = Some(event.clone());
        assert_eq!(e.primary_time(), Some(&event));
    }
}
