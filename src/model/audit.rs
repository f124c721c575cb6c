//! The edit history of an entry: who proposed or changed what, and when.
//!
//! Records live in the entry itself ([`super::Entry::history`]), so they travel with it in the
//! project file and undo takes them back with the edit they describe. [`stamp`] writes them:
//! every command the app applies passes through it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use super::{Command, Entry, EntryId, Project, TimeSpan};

/// Who did what to an entry, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    /// The local user's name, or `claimline extract` for machine proposals.
    pub by: String,
    /// What changed, in words: "status: candidate → accepted; tags: + army".
    pub action: String,
}

/// The actor recorded for machine proposals.
pub const EXTRACTOR: &str = "claimline extract";

/// The name recorded for edits made on this machine: the login name.
pub fn local_user() -> String {
    ["CLAIMLINE_USER", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "local user".to_owned())
}

/// Records `command`'s changes to entries in their histories: each replaced entry gets one
/// record listing what changed; each inserted entry without a history gets "created".
/// Commands that change no entry field pass unchanged.
pub fn stamp(project: &Project, command: Command, by: &str, now: DateTime<Utc>) -> Command {
    // A bulk edit looks its entries up in a map built once, not one linear search each.
    let map: Option<HashMap<EntryId, &Entry>> = match &command {
        Command::Batch(c) if c.len() > 8 => {
            Some(project.entries.iter().map(|e| (e.id, e)).collect())
        }
        _ => None,
    };
    let old = |id: EntryId| match &map {
        Some(map) => map.get(&id).copied(),
        None => project.entry(id),
    };
    stamp_with(&old, command, by, now)
}

fn stamp_with<'p>(
    old: &dyn Fn(EntryId) -> Option<&'p Entry>,
    command: Command,
    by: &str,
    now: DateTime<Utc>,
) -> Command {
    match command {
        Command::ReplaceEntry(mut new) => {
            if let Some(old) = old(new.id) {
                let changes = describe_changes(old, &new);
                if !changes.is_empty() {
                    new.history.push(AuditRecord {
                        at: now,
                        by: by.to_owned(),
                        action: changes.join("; "),
                    });
                    new.modified = now;
                }
            }
            Command::ReplaceEntry(new)
        }
        Command::InsertEntry { index, mut entry } => {
            if entry.history.is_empty() {
                entry.history.push(AuditRecord {
                    at: now,
                    by: by.to_owned(),
                    action: format!("created {}", entry.kind.name()),
                });
            }
            Command::InsertEntry { index, entry }
        }
        Command::Batch(commands) => Command::Batch(
            commands
                .into_iter()
                .map(|c| stamp_with(old, c, by, now))
                .collect(),
        ),
        other => other,
    }
}

/// Records that extraction proposed `entry` (its rule and confidence).
pub fn record_proposal(entry: &mut Entry, now: DateTime<Utc>) {
    let mut action = format!("proposed {}", entry.kind.name());
    if !entry.reason.is_empty() {
        action.push_str(&format!(" ({})", entry.reason));
    }
    action.push_str(&format!(", confidence {:.2}", entry.confidence));
    entry.history.push(AuditRecord {
        at: now,
        by: EXTRACTOR.to_owned(),
        action,
    });
}

/// What differs between two versions of an entry, one phrase per field, in field order.
/// `modified` and `history` are bookkeeping and not reported.
pub fn describe_changes(old: &Entry, new: &Entry) -> Vec<String> {
    let mut out = Vec::new();
    let text = |out: &mut Vec<String>, name: &str, a: &str, b: &str| {
        if a != b {
            out.push(format!("{name}: {} → {}", quoted(a), quoted(b)));
        }
    };
    text(&mut out, "kind", old.kind.name(), new.kind.name());
    text(&mut out, "status", old.status.name(), new.status.name());
    text(&mut out, "label", &old.label, &new.label);
    text(&mut out, "summary", &old.summary, &new.summary);
    for (name, a, b) in [
        ("event time", &old.event_time, &new.event_time),
        ("said time", &old.said_time, &new.said_time),
        ("reported time", &old.reported_time, &new.reported_time),
    ] {
        text(&mut out, name, &time_text(a), &time_text(b));
    }
    let (a, b) = (
        old.attribution.clone().unwrap_or_default(),
        new.attribution.clone().unwrap_or_default(),
    );
    text(&mut out, "speaker", &a.speaker, &b.speaker);
    text(
        &mut out,
        "speaker role",
        a.speaker_role.as_deref().unwrap_or(""),
        b.speaker_role.as_deref().unwrap_or(""),
    );
    text(&mut out, "cue", &a.cue, &b.cue);
    text(
        &mut out,
        "outlet",
        a.outlet.as_deref().unwrap_or(""),
        b.outlet.as_deref().unwrap_or(""),
    );
    text(
        &mut out,
        "relay",
        &a.relay.join(" → "),
        &b.relay.join(" → "),
    );
    text(&mut out, "quote", &a.quote, &b.quote);
    if a.direct != b.direct {
        out.push(format!("direct quote: {} → {}", a.direct, b.direct));
    }
    text(
        &mut out,
        "lane",
        old.lane.as_deref().unwrap_or(""),
        new.lane.as_deref().unwrap_or(""),
    );
    text(
        &mut out,
        "colour",
        &old.color.map(|c| c.to_string()).unwrap_or_default(),
        &new.color.map(|c| c.to_string()).unwrap_or_default(),
    );
    let list = |name: &str, a: Vec<String>, b: Vec<String>, out: &mut Vec<String>| {
        let added: Vec<String> = b.iter().filter(|x| !a.contains(x)).cloned().collect();
        let removed: Vec<String> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
        if added.is_empty() && removed.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        parts.extend(added.iter().map(|x| format!("+ {x}")));
        parts.extend(removed.iter().map(|x| format!("− {x}")));
        out.push(format!("{name}: {}", parts.join(", ")));
    };
    list("tags", old.tags.clone(), new.tags.clone(), &mut out);
    let links = |e: &Entry| -> Vec<String> {
        e.links
            .iter()
            .map(|l| format!("{} {}", l.kind.name(), l.target))
            .collect()
    };
    list("links", links(old), links(new), &mut out);
    if old.note != new.note {
        out.push(if old.note.is_empty() {
            "note added".to_owned()
        } else if new.note.is_empty() {
            "note removed".to_owned()
        } else {
            "note edited".to_owned()
        });
    }
    if old.evidence != new.evidence {
        out.push(format!(
            "evidence: {} → {} spans",
            old.evidence.len(),
            new.evidence.len()
        ));
    }
    if old.confidence != new.confidence {
        out.push(format!(
            "confidence: {:.2} → {:.2}",
            old.confidence, new.confidence
        ));
    }
    if old.reason != new.reason {
        out.push("reason changed".to_owned());
    }
    out
}

fn time_text(t: &Option<TimeSpan>) -> String {
    t.as_ref().map(|t| t.value.to_string()).unwrap_or_default()
}

/// Long values are cut so one record stays one line.
fn quoted(s: &str) -> String {
    if s.is_empty() {
        return "(none)".to_owned();
    }
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        return format!("“{s}”");
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    format!("“{cut}…”")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, EntryKind, Status};

    fn project() -> (Project, Entry) {
        let mut p = Project::new("t", Utc::now());
        let id = p.new_entry_id();
        let mut e = Entry::new(id, EntryKind::Statement, "Figure", Utc::now());
        e.reason = "cue 'told'".into();
        e.confidence = 0.8;
        record_proposal(&mut e, Utc::now());
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e.clone()),
        })
        .unwrap();
        (p, e)
    }

    #[test]
    fn an_edit_is_recorded_with_each_changed_field() {
        let (mut p, mut e) = project();
        e.status = Status::Accepted;
        e.tags.push("army".into());
        e.event_time = Some(TimeSpan::parse("2023-H1", None).unwrap());
        e.note = "check".into();
        let now = Utc::now();
        let cmd = stamp(&p, Command::ReplaceEntry(Box::new(e)), "ana", now);
        p.apply(cmd).unwrap();
        let h = &p.entries[0].history;
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].by, EXTRACTOR);
        assert!(h[0].action.contains("cue 'told'"), "{}", h[0].action);
        assert_eq!(h[1].by, "ana");
        assert_eq!(h[1].at, now);
        assert_eq!(
            h[1].action,
            "status: “candidate” → “accepted”; event time: (none) → “2023-H1”; tags: + army; note added"
        );
        assert_eq!(p.entries[0].modified, now);
    }

    #[test]
    fn no_change_no_record_and_batches_are_stamped() {
        let (mut p, e) = project();
        let same = stamp(
            &p,
            Command::ReplaceEntry(Box::new(e.clone())),
            "ana",
            Utc::now(),
        );
        p.apply(same).unwrap();
        assert_eq!(p.entries[0].history.len(), 1);

        let new = Entry::new(EntryId(50), EntryKind::Event, "made by hand", Utc::now());
        let mut rejected = e;
        rejected.status = Status::Rejected;
        let cmd = stamp(
            &p,
            Command::Batch(vec![
                Command::InsertEntry {
                    index: None,
                    entry: Box::new(new),
                },
                Command::ReplaceEntry(Box::new(rejected)),
            ]),
            "ana",
            Utc::now(),
        );
        let undo = p.apply(cmd).unwrap();
        assert_eq!(p.entries[1].history[0].action, "created event");
        assert!(p.entries[0].history[1].action.starts_with("status:"));
        p.apply(undo).unwrap();
        assert_eq!(p.entries.len(), 1);
        assert_eq!(p.entries[0].history.len(), 1, "undo takes the record back");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(200);
        assert_eq!(quoted(&long).chars().count(), 62);
    }
}
