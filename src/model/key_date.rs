//! The user's decisions about a story's key dates: days pinned (in the user's order, with the
//! user's words for them) and days dismissed. The key dates themselves are computed from the
//! sources by [`crate::story::digest`]; only these decisions are saved in the project.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the user decided about one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyDateKind {
    /// Always a key date, whatever its score; pinned days come first, in the user's order.
    Pinned,
    /// Never a key date.
    Dismissed,
}

/// One day the user pinned or dismissed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyDateMark {
    pub date: NaiveDate,
    pub kind: KeyDateKind,
    /// The user's words for the day, shown and exported instead of the sources' sentences
    /// (which stay as its evidence). Empty: the sources' sentences.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl KeyDateMark {
    pub fn pinned(date: NaiveDate) -> Self {
        Self {
            date,
            kind: KeyDateKind::Pinned,
            text: String::new(),
        }
    }

    pub fn dismissed(date: NaiveDate) -> Self {
        Self {
            date,
            kind: KeyDateKind::Dismissed,
            text: String::new(),
        }
    }
}

/// Edits of a list of marks, each giving the new list (for one undoable
/// [`super::Command::SetKeyDates`]). A day has at most one mark: pinning a dismissed day
/// replaces its mark.
pub mod marks {
    use super::*;

    fn without(marks: &[KeyDateMark], date: NaiveDate) -> Vec<KeyDateMark> {
        marks.iter().filter(|m| m.date != date).cloned().collect()
    }

    /// Pins `date` at the end of the pinned days (no change if it is pinned already).
    pub fn pin(marks: &[KeyDateMark], date: NaiveDate) -> Vec<KeyDateMark> {
        if marks
            .iter()
            .any(|m| m.date == date && m.kind == KeyDateKind::Pinned)
        {
            return marks.to_vec();
        }
        let mut out = without(marks, date);
        out.push(KeyDateMark::pinned(date));
        out
    }

    /// Forgets any mark of `date`: the digest decides again.
    pub fn clear(marks: &[KeyDateMark], date: NaiveDate) -> Vec<KeyDateMark> {
        without(marks, date)
    }

    /// Dismisses `date` (its pin and words, if any, go).
    pub fn dismiss(marks: &[KeyDateMark], date: NaiveDate) -> Vec<KeyDateMark> {
        let mut out = without(marks, date);
        out.push(KeyDateMark::dismissed(date));
        out
    }

    /// Pins `date` with the user's words, moving it to `new_date` (a key date put on the
    /// wrong day). The pin keeps its place among the pinned days.
    pub fn edit(
        marks: &[KeyDateMark],
        date: NaiveDate,
        new_date: NaiveDate,
        text: &str,
    ) -> Vec<KeyDateMark> {
        let text = text.trim().to_string();
        let mut out: Vec<KeyDateMark> = marks
            .iter()
            .filter(|m| m.date != new_date || new_date == date)
            .cloned()
            .collect();
        match out
            .iter_mut()
            .find(|m| m.date == date && m.kind == KeyDateKind::Pinned)
        {
            Some(m) => {
                m.date = new_date;
                m.text = text;
            }
            None => {
                out.retain(|m| m.date != date);
                out.push(KeyDateMark {
                    date: new_date,
                    kind: KeyDateKind::Pinned,
                    text,
                });
            }
        }
        out
    }

    /// Moves the pinned `date` by `offset` places among the pinned days (clamped).
    pub fn move_pinned(marks: &[KeyDateMark], date: NaiveDate, offset: isize) -> Vec<KeyDateMark> {
        let pinned: Vec<usize> = marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == KeyDateKind::Pinned)
            .map(|(i, _)| i)
            .collect();
        let Some(from) = pinned.iter().position(|&i| marks[i].date == date) else {
            return marks.to_vec();
        };
        let to = (from as isize + offset).clamp(0, pinned.len() as isize - 1) as usize;
        let mut order: Vec<KeyDateMark> = pinned.iter().map(|&i| marks[i].clone()).collect();
        let moved = order.remove(from);
        order.insert(to, moved);
        order.extend(
            marks
                .iter()
                .filter(|m| m.kind != KeyDateKind::Pinned)
                .cloned(),
        );
        order
    }
}

#[cfg(test)]
mod tests {
    use super::marks::*;
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, day).unwrap()
    }

    fn pinned_days(m: &[KeyDateMark]) -> Vec<u32> {
        use chrono::Datelike;
        m.iter()
            .filter(|m| m.kind == KeyDateKind::Pinned)
            .map(|m| m.date.day())
            .collect()
    }

    #[test]
    fn pin_dismiss_and_clear_keep_one_mark_per_day() {
        let m = pin(&[], d(3));
        let m = pin(&m, d(1));
        assert_eq!(pinned_days(&m), [3, 1]);
        assert_eq!(pin(&m, d(3)), m, "pinning twice changes nothing");
        let m = dismiss(&m, d(3));
        assert_eq!(pinned_days(&m), [1]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].kind, KeyDateKind::Dismissed);
        let m = clear(&m, d(3));
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn edit_keeps_the_pin_in_place_and_moves_its_day() {
        let m = pin(&pin(&pin(&[], d(1)), d(2)), d(3));
        let m = edit(&m, d(2), d(9), "  Talks collapse ");
        assert_eq!(pinned_days(&m), [1, 9, 3]);
        assert_eq!(m[1].text, "Talks collapse");
        // Editing a day that is not pinned pins it.
        let m = edit(&m, d(5), d(5), "Strike begins");
        assert_eq!(pinned_days(&m), [1, 9, 3, 5]);
        // Moving onto a pinned day replaces that day's pin.
        let m = edit(&m, d(5), d(1), "x");
        assert_eq!(pinned_days(&m), [9, 3, 1]);
    }

    #[test]
    fn move_pinned_reorders_within_the_pinned_days_only() {
        let m = dismiss(&pin(&pin(&pin(&[], d(1)), d(2)), d(3)), d(7));
        assert_eq!(pinned_days(&move_pinned(&m, d(3), -1)), [1, 3, 2]);
        assert_eq!(pinned_days(&move_pinned(&m, d(1), -1)), [1, 2, 3]);
        assert_eq!(pinned_days(&move_pinned(&m, d(1), 10)), [2, 3, 1]);
        assert_eq!(move_pinned(&m, d(7), 1), m, "a dismissed day has no place");
        assert_eq!(move_pinned(&m, d(1), 1).len(), 4);
    }
}
