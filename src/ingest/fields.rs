//! Metadata fields as the PDF, DOCX, feed and mail readers find them: dates and author lists.
//!
//! Publication times keep the **wall-clock time the publisher wrote** and drop the UTC offset
//! rather than applying it: "yesterday" in an article means the day before the date printed on
//! it, and converting 00:30+03:00 to UTC would move that date back a day.

use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::model::{CalendarValue, TimeSpan, TimexValue};

/// A span for a calendar value given down to some field; `None` when the fields do not form
/// a real date (month 13, 30 February).
pub(crate) fn calendar_span(
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    hour_minute: Option<(u32, u32)>,
) -> Option<TimeSpan> {
    let mut value = CalendarValue::year(year);
    value.month = month;
    value.day = month.and(day);
    if let (Some(_), Some((hour, minute))) = (value.day, hour_minute) {
        value.hour = Some(hour);
        value.minute = Some(minute);
    }
    TimeSpan::from_value(TimexValue::Calendar(value), None).ok()
}

/// A minute-precision span for a wall-clock date-time.
pub(crate) fn minute_span(t: NaiveDateTime) -> Option<TimeSpan> {
    calendar_span(
        t.year(),
        Some(t.month()),
        Some(t.day()),
        Some((t.hour(), t.minute())),
    )
}

/// Splits an author field into names: "A; B", "A & B", "A and B", and "A, B" when every
/// comma-separated part has two or more words (so "Kovalenko, Anna" stays one name).
pub(crate) fn split_authors(field: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in field.split([';', '&', '\n']) {
        for part in part.split(" and ") {
            let commas: Vec<&str> = part.split(',').map(str::trim).collect();
            let all_full_names =
                commas.len() > 1 && commas.iter().all(|c| c.split_whitespace().count() >= 2);
            if all_full_names {
                names.extend(commas.iter().map(|c| (*c).to_owned()));
            } else {
                names.push(part.trim().to_owned());
            }
        }
    }
    names.retain(|n| !n.is_empty());
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    #[test]
    fn spans_keep_the_precision_given() {
        let day = calendar_span(2025, Some(8), Some(21), None).unwrap();
        assert_eq!(day.precision, Precision::Day);
        assert_eq!(day.value.to_string(), "2025-08-21");
        let minute = calendar_span(2025, Some(8), Some(21), Some((9, 30))).unwrap();
        assert_eq!(minute.value.to_string(), "2025-08-21T09:30");
        let month = calendar_span(2025, Some(8), None, Some((9, 30))).unwrap();
        assert_eq!(month.precision, Precision::Month);
        assert!(calendar_span(2025, Some(13), Some(1), None).is_none());
        assert!(calendar_span(2025, Some(2), Some(30), None).is_none());
    }

    #[test]
    fn author_fields_split_into_names() {
        assert_eq!(
            split_authors("Anna Kovalenko; Mark Ellis"),
            ["Anna Kovalenko", "Mark Ellis"]
        );
        assert_eq!(
            split_authors("Anna Kovalenko and Mark Ellis & Li Wei"),
            ["Anna Kovalenko", "Mark Ellis", "Li Wei"]
        );
        assert_eq!(
            split_authors("Anna Kovalenko, Mark Ellis"),
            ["Anna Kovalenko", "Mark Ellis"]
        );
        assert_eq!(split_authors("Kovalenko, Anna"), ["Kovalenko, Anna"]);
        assert!(split_authors("  ").is_empty());
    }
}
