//! Merging duplicate entries: the same claim found twice (in two sources, or twice in one)
//! becomes one entry that keeps every piece of evidence.

use super::{Command, EntryId, Project};

/// One undoable command that folds `duplicate` into `keep`: evidence, tags and links are
/// united, notes joined, links that pointed at the duplicate now point at `keep`, and the
/// duplicate is removed. `None` if either entry is missing or they are the same.
pub fn merge_entries(project: &Project, keep: EntryId, duplicate: EntryId) -> Option<Command> {
    if keep == duplicate {
        return None;
    }
    let (a, b) = (project.entry(keep)?, project.entry(duplicate)?);
    let now = chrono::Utc::now();
    let mut merged = a.clone();
    for ev in &b.evidence {
        if !merged.evidence.contains(ev) {
            merged.evidence.push(ev.clone());
        }
    }
    for t in &b.tags {
        if !merged.tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            merged.tags.push(t.clone());
        }
    }
    if !b.note.trim().is_empty() && !merged.note.contains(b.note.trim()) {
        if !merged.note.is_empty() {
            merged.note.push_str("\n\n");
        }
        merged.note.push_str(b.note.trim());
    }
    for link in &b.links {
        if link.target != keep && !merged.links.contains(link) {
            merged.links.push(*link);
        }
    }
    merged.links.retain(|l| l.target != duplicate);
    // Keep the better-sourced times: fill only what the kept entry lacks.
    for (mine, theirs) in [
        (&mut merged.event_time, &b.event_time),
        (&mut merged.said_time, &b.said_time),
        (&mut merged.reported_time, &b.reported_time),
    ] {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
    if merged.attribution.is_none() {
        merged.attribution.clone_from(&b.attribution);
    }
    merged.confidence = merged.confidence.max(b.confidence);
    merged.modified = now;
    let mut commands = vec![Command::ReplaceEntry(Box::new(merged))];
    for other in &project.entries {
        if other.id == keep || other.id == duplicate {
            continue;
        }
        if other.links.iter().any(|l| l.target == duplicate) {
            let mut o = other.clone();
            for l in &mut o.links {
                if l.target == duplicate {
                    l.target = keep;
                }
            }
            let mut seen = Vec::new();
            o.links.retain(|l| {
                let first = !seen.contains(l);
                seen.push(*l);
                first
            });
            o.modified = now;
            commands.push(Command::ReplaceEntry(Box::new(o)));
        }
    }
    commands.push(Command::RemoveEntry(duplicate));
    Some(Command::Batch(commands))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, Entry, EntryKind, Evidence, Link, LinkKind, SourceId};

    #[test]
    fn merge_keeps_every_evidence_and_retargets_links() {
        let now = chrono::DateTime::UNIX_EPOCH;
        let mut p = Project::new("t", now);
        let ev = |s: u64, a: usize| Evidence {
            source: SourceId(s),
            range: CharRange::new(a, a + 5),
            role: "content".into(),
        };
        let mut a = Entry::new(EntryId(1), EntryKind::Statement, "claim", now);
        a.evidence = vec![ev(10, 0)];
        a.tags = vec!["x".into()];
        let mut b = Entry::new(EntryId(2), EntryKind::Statement, "claim again", now);
        b.evidence = vec![ev(11, 7), ev(10, 0)];
        b.tags = vec!["X".into(), "y".into()];
        b.note = "seen in the digest".into();
        b.links = vec![Link {
            kind: LinkKind::SameAs,
            target: EntryId(1),
        }];
        let mut c = Entry::new(EntryId(3), EntryKind::Event, "other", now);
        c.links = vec![
            Link {
                kind: LinkKind::Supports,
                target: EntryId(2),
            },
            Link {
                kind: LinkKind::Supports,
                target: EntryId(1),
            },
        ];
        p.entries = vec![a, b, c];
        p.repair_next_id();
        let before = p.clone();
        let cmd = merge_entries(&p, EntryId(1), EntryId(2)).unwrap();
        let undo = p.apply(cmd).unwrap();
        assert_eq!(p.entries.len(), 2);
        let kept = p.entry(EntryId(1)).unwrap();
        assert_eq!(kept.evidence, vec![ev(10, 0), ev(11, 7)]);
        assert_eq!(kept.tags, ["x", "y"]);
        assert_eq!(kept.note, "seen in the digest");
        assert!(kept.links.is_empty(), "no link to itself");
        let other = p.entry(EntryId(3)).unwrap();
        assert_eq!(
            other.links,
            vec![Link {
                kind: LinkKind::Supports,
                target: EntryId(1)
            }],
            "retargeted and deduplicated"
        );
        p.apply(undo).unwrap();
        assert_eq!(p, before);
        assert!(merge_entries(&p, EntryId(1), EntryId(1)).is_none());
    }
}
