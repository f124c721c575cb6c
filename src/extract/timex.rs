//! Temporal expression tagger (rule-based, English). See issue "Temporal expression tagger".

use chrono::NaiveDate;

use super::Timex;

#[derive(Clone, Debug, Default)]
pub struct TagOptions {
    /// Date relative expressions resolve against (usually the publication date).
    pub anchor: Option<NaiveDate>,
    /// Read `05/08/2025` as 5 August rather than May 8.
    pub day_first: bool,
}

/// Finds the temporal expressions in `text`, in text order.
pub fn tag(_text: &str, _options: &TagOptions) -> Vec<Timex> {
    Vec::new()
}
