//! The data model: what a project *is*, independent of any UI.
//!
//! ```text
//! Project ─┬─ Source*  (clean text + metadata; evidence points into its text)
//!          ├─ Entry*   (Event | Statement; event/said/reported TimeSpans; Attribution;
//!          │            Evidence → Source; status, tags, note, links → Entry; audit history)
//!          └─ Claim*   (the entries that make one claim, and its verification review)
//! ```

mod audit;
mod claim;
mod command;
mod entry;
mod extra;
pub mod file;
mod ids;
mod key_date;
mod merge;
mod project;
mod query;
mod source;
mod time;
mod timex;
pub mod writer;

pub use audit::{AuditRecord, EXTRACTOR, describe_changes, local_user, record_proposal, stamp};
pub use claim::{Appearance, Claim, Review, Verification};
pub use command::{Command, CommandError, History};
pub use entry::{Attribution, Color, Entry, EntryKind, Evidence, Link, LinkKind, Stance, Status};
pub use ids::{ClaimId, EntryId, SourceId};
pub use key_date::{KeyDateKind, KeyDateMark, marks as key_date_marks};
pub use merge::merge_entries;
pub use project::{Project, TagDef};
pub use query::{EntryFilter, Facets};
pub use source::{
    AnchorKind, CharRange, Source, SourceFormat, TextAnchor, char_slice, content_hash,
    innermost_anchor, paragraph_ranges,
};
pub use time::{
    MONTH_NAMES, Openness, Resolution, TimeSpan, TimeSpanError, datetime_from_seconds, midnight,
    month_abbrev, seconds_from_datetime, year_label,
};
pub use timex::{
    CalendarValue, DayPart, OPEN_SIDE_PLACEMENT_UNITS, ParseTimexError, Precision, Reference,
    Season, TimexValue, VAGUE_REFERENCE_WINDOW_DAYS, YearPart,
};
