//! Which of an entry's times places it on the axis: when it happened, when it was said, or
//! when it was reported. Switching shows the same story as events, as statements, or as the
//! order in which the press carried it.

use crate::model::{Entry, TimeSpan};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Placement {
    /// When it happened (else when it was said, else reported): the default chronology.
    #[default]
    Event,
    /// When it was said (entries without a said time keep their event time).
    Said,
    /// When it was reported, i.e. published (else said, else happened).
    Reported,
}

impl Placement {
    pub const ALL: [Self; 3] = [Self::Event, Self::Said, Self::Reported];

    pub fn name(self) -> &'static str {
        match self {
            Self::Event => "event time",
            Self::Said => "said time",
            Self::Reported => "reported time",
        }
    }

    /// The span that places `entry`, falling back so that no dated entry disappears when
    /// the axis changes.
    pub fn time_of(self, entry: &Entry) -> Option<&TimeSpan> {
        match self {
            Self::Event => entry.primary_time(),
            Self::Said => entry.said_time.as_ref().or(entry.primary_time()),
            Self::Reported => entry
                .reported_time
                .as_ref()
                .or(entry.said_time.as_ref())
                .or(entry.primary_time()),
        }
    }

    /// The field [`Self::time_of`] reads, to write a moved span back to the same place.
    pub fn time_mut(self, entry: &mut Entry) -> Option<&mut TimeSpan> {
        let Entry {
            event_time,
            said_time,
            reported_time,
            ..
        } = entry;
        let order = match self {
            Self::Event => [event_time, said_time, reported_time],
            Self::Said => [said_time, event_time, reported_time],
            Self::Reported => [reported_time, said_time, event_time],
        };
        order.into_iter().find_map(Option::as_mut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, EntryKind};

    #[test]
    fn each_axis_picks_its_time_and_falls_back() {
        let t = |v: &str| Some(TimeSpan::parse(v, None).unwrap());
        let mut e = Entry::new(EntryId(1), EntryKind::Statement, "x", chrono::Utc::now());
        e.event_time = t("2023-H1");
        e.said_time = t("2025-08-20");
        e.reported_time = t("2025-08-21");
        let value = |p: Placement, e: &Entry| p.time_of(e).unwrap().value.to_string();
        assert_eq!(value(Placement::Event, &e), "2023-H1");
        assert_eq!(value(Placement::Said, &e), "2025-08-20");
        assert_eq!(value(Placement::Reported, &e), "2025-08-21");
        for p in Placement::ALL {
            let mut moved = e.clone();
            let span = p.time_mut(&mut moved).unwrap();
            *span = span.shifted(crate::model::Precision::Year, 1).unwrap();
            let span = span.clone();
            assert_eq!(p.time_of(&moved), Some(&span), "{p:?} writes what it reads");
            assert_ne!(p.time_of(&moved), p.time_of(&e));
        }
        e.said_time = None;
        e.reported_time = None;
        for p in Placement::ALL {
            assert_eq!(
                value(p, &e),
                "2023-H1",
                "{p:?} falls back to the event time"
            );
        }
    }
}
