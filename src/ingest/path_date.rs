//! A publication date in a file's path: coverage saved into dated folders or dated file names.
//!
//! [`super::read_path`] uses it for documents that name no date of their own
//! (`published_from` = `path`), and as the year of a dateline that names none.

use std::path::{Component, Path};
use std::sync::LazyLock;

use chrono::{Datelike as _, NaiveDate};
use regex::Regex;

/// The years a path date may name: folder and file names carry many other numbers.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The date a path names, looking from the file name up through its folders (the nearest
/// wins). A name holds a date when it contains `2009-04-25`, `2009_04_25` or `20090425` with no
/// digit on either side (`2009-04-25/`, `2009-04-25-name.txt`, `IMG_20090425_1200.txt`); three
/// nested folders `2009/04/25/` also name one. Only real dates between 1900 and 2100 count,
/// so `123456789.txt`, `2009-13-45/` and `v2.0.1/` name none.
pub fn date_from_path(path: &Path) -> Option<NaiveDate> {
    let names: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    (0..names.len()).rev().find_map(|i| {
        date_in_name(&names[i]).or_else(|| {
            // `2009/04/25/`: this folder is the day, its parents the month and the year.
            let last_folder = i + 1 < names.len();
            (last_folder && i >= 2)
                .then(|| nested_date(&names[i - 2], &names[i - 1], &names[i]))
                .flatten()
        })
    })
}

/// A date inside one file or folder name, delimited by non-digits.
fn date_in_name(name: &str) -> Option<NaiveDate> {
    // The separator, when there is one, is the same between year, month and day.
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\D)(\d{4})(?:-(\d{2})-|_(\d{2})_|(\d{2}))(\d{2})(?:\D|$)").unwrap()
    });
    // Overlapping candidates ("x20090425_2010_01_02") are rare; trying each start is enough.
    let mut from = 0;
    while let Some(c) = DATE.captures_at(name, from) {
        let month = c.get(2).or(c.get(3)).or(c.get(4))?.as_str();
        if let Some(date) = valid(&c[1], month, &c[5]) {
            return Some(date);
        }
        from = c.get(1)?.start() + 1;
    }
    None
}

/// `2009` / `04` / `25`: three folder names that are the year, month and day.
fn nested_date(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (digits(year, 4) && digits(month, 2) && digits(day, 2))
        .then(|| valid(year, month, day))
        .flatten()
}

fn valid(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    YEARS.contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(path: &str) -> Option<String> {
        date_from_path(Path::new(path)).map(|d| d.to_string())
    }

    #[test]
    fn a_dated_folder_dates_the_files_below_it() {
        assert_eq!(
            date("coverage/2009-04-25/1.txt").as_deref(),
            Some("2009-04-25")
        );
        assert_eq!(
            date("/home/ann/2009-04-25/bbc/1.txt").as_deref(),
            Some("2009-04-25")
        );
        // The nearest folder wins over one further up.
        assert_eq!(
            date("2009-04-01/2009-04-25/1.txt").as_deref(),
            Some("2009-04-25")
        );
    }

    #[test]
    fn dated_file_names() {
        assert_eq!(
            date("in/2009-04-25-council-vote.txt").as_deref(),
            Some("2009-04-25")
        );
        assert_eq!(date("2009_04_25.txt").as_deref(), Some("2009-04-25"));
        assert_eq!(date("20090425.txt").as_deref(), Some("2009-04-25"));
        assert_eq!(date("scan_20090425_1200.md").as_deref(), Some("2009-04-25"));
        // The file's own name is nearer than its folder.
        assert_eq!(
            date("2010-01-01/2009-04-25-vote.txt").as_deref(),
            Some("2009-04-25")
        );
    }

    #[test]
    fn three_nested_folders() {
        assert_eq!(
            date("archive/2009/04/25/vote.txt").as_deref(),
            Some("2009-04-25")
        );
        // The day folder must hold the file (or a folder holding it), not be the file.
        assert_eq!(date("archive/2009/04/25"), None);
        assert_eq!(date("archive/2009/04/notes.txt"), None);
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for path in [
            "123456789.txt",
            "2009-13-45/1.txt",
            "v2.0.1/notes.txt",
            "2009-04-25123.txt",
            "report-1850-01-01.txt",
            "2009-04_25.txt",
            "2009/13/01/a.txt",
            "2009/2/5/a.txt",
            "00000000.txt",
        ] {
            assert_eq!(date(path), None, "{path}");
        }
        // The first candidate is not a date, a later one is.
        assert_eq!(
            date("ids-99999999-2009-04-25.txt").as_deref(),
            Some("2009-04-25")
        );
    }
}
