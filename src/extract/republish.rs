//! A source's publication date changed: re-resolve the relative times of its entries.
//!
//! Relative expressions ("yesterday", "last month") were resolved against the old date and
//! keep their words in `TimeSpan::text`; they are tagged again against the new date. Times
//! the user set by hand, absolute dates and times anchored to another date in the text stay.

use crate::model::{Command, Entry, Project, Resolution, SourceId, TimeSpan};

/// What changing the publication date did.
#[derive(Clone, Debug, PartialEq)]
pub struct Republished {
    /// One undoable edit: the source and every changed entry.
    pub command: Command,
    /// Times placed again against the new date.
    pub reresolved: usize,
    /// Entries whose reported time followed the publication date.
    pub reported: usize,
}

/// Sets `source`'s publication date to `published` and re-resolves what depended on it.
/// `None` if there is no such source.
pub fn republish(
    project: &Project,
    source: SourceId,
    published: Option<TimeSpan>,
    published_from: Option<String>,
) -> Option<Republished> {
    let old = project.source(source)?;
    let mut edited_source = old.clone();
    edited_source.published = published.clone();
    edited_source.published_from = published_from;
    let new_anchor = published.as_ref().map(|p| p.start.date());
    let mut commands = vec![Command::ReplaceSource(Box::new(edited_source))];
    let (mut reresolved, mut reported) = (0, 0);
    let now = chrono::Utc::now();
    for entry in project.entries_of_source(source) {
        let mut e: Entry = entry.clone();
        let mut changed = false;
        for t in [&mut e.event_time, &mut e.said_time].into_iter() {
            if let Some(span) = t
                && let Some(new) = reresolve(span, new_anchor)
                && new != *span
            {
                *span = new;
                reresolved += 1;
                changed = true;
            }
        }
        // The reported time is the publication date unless the user set another.
        if e.reported_time == old.published && e.reported_time != published {
            e.reported_time = published.clone();
            reported += 1;
            changed = true;
        }
        if changed {
            e.modified = now;
            commands.push(Command::ReplaceEntry(Box::new(e)));
        }
    }
    Some(Republished {
        command: Command::Batch(commands),
        reresolved,
        reported,
    })
}

/// The span re-tagged against `anchor`, when it was resolved against the publication date.
fn reresolve(span: &TimeSpan, anchor: Option<chrono::NaiveDate>) -> Option<TimeSpan> {
    if !matches!(span.resolution, Resolution::Publication { .. }) {
        return None;
    }
    let anchor = anchor?;
    let words = span.text.as_deref()?;
    let tagged = super::timex::tag(
        words,
        &super::timex::TagOptions {
            anchor: Some(anchor),
            day_first: false,
        },
    );
    let mut new = tagged.into_iter().find_map(|t| t.span)?;
    // Keep what the extractor decided beyond the words themselves (open sides, approximation).
    new.open = span.open;
    new.approximate |= span.approximate;
    if new.text.is_none() {
        new.text = Some(words.to_owned());
    }
    Some(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryId, EntryKind, Evidence, Source};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> TimeSpan {
        TimeSpan::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn relative_times_follow_the_new_publication_date() {
        let now = chrono::DateTime::UNIX_EPOCH;
        let mut p = Project::new("t", now);
        let mut s = Source::from_text(p.new_source_id(), "a", "Yesterday it rained in 2023.");
        s.published = Some(day(2025, 8, 21));
        let sid = s.id;
        p.sources.push(s.clone());
        let found = crate::extract::extract(&s, &Default::default());
        let yesterday = found
            .timexes
            .iter()
            .find(|t| t.text.eq_ignore_ascii_case("yesterday"))
            .and_then(|t| t.span.clone())
            .expect("yesterday is tagged");
        assert_eq!(yesterday.value.to_string(), "2025-08-20");
        let year = found
            .timexes
            .iter()
            .find_map(|t| (t.text == "2023").then(|| t.span.clone()).flatten());
        let mut rel = Entry::new(EntryId(p.next_id), EntryKind::Event, "rain", now);
        p.next_id += 1;
        rel.event_time = Some(yesterday);
        rel.reported_time = Some(day(2025, 8, 21));
        rel.evidence.push(Evidence {
            source: sid,
            range: crate::model::CharRange::new(0, 9),
            role: "content".into(),
        });
        let mut abs = rel.clone();
        abs.id = EntryId(p.next_id);
        abs.event_time = year;
        // A hand-set reported time does not follow the publication date.
        abs.reported_time = Some(day(2025, 1, 1));
        p.entries = vec![rel, abs];

        let r = republish(&p, sid, Some(day(2025, 9, 1)), Some("manual".into())).unwrap();
        assert_eq!(r.reresolved, 1, "only the relative time moves");
        assert_eq!(r.reported, 1);
        let mut q = p.clone();
        let undo = q.apply(r.command).unwrap();
        assert_eq!(q.sources[0].published, Some(day(2025, 9, 1)));
        assert_eq!(q.sources[0].published_from.as_deref(), Some("manual"));
        let moved = q.entries[0].event_time.as_ref().unwrap();
        assert_eq!(moved.value.to_string(), "2025-08-31");
        assert_eq!(moved.text.as_deref(), Some("Yesterday"));
        assert_eq!(q.entries[0].reported_time, Some(day(2025, 9, 1)));
        assert_eq!(q.entries[1].event_time, p.entries[1].event_time);
        assert_eq!(q.entries[1].reported_time, Some(day(2025, 1, 1)));
        q.apply(undo).unwrap();
        assert_eq!(q, p, "one undo restores everything");
    }
}
