//! Edits as values. Every change to a [`Project`] goes through a [`Command`]; applying one
//! returns its inverse, which is all undo/redo needs ([`History`]).

use std::collections::HashSet;

use super::{Claim, ClaimId, Entry, EntryId, KeyDateMark, Project, Source, SourceId, TagDef};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Inserts at `index` (clamped), or appends.
    InsertSource {
        index: Option<usize>,
        source: Box<Source>,
    },
    RemoveSource(SourceId),
    /// Replaces the source with the same id.
    ReplaceSource(Box<Source>),
    InsertEntry {
        index: Option<usize>,
        entry: Box<Entry>,
    },
    RemoveEntry(EntryId),
    /// Replaces the entry with the same id.
    ReplaceEntry(Box<Entry>),
    InsertClaim {
        index: Option<usize>,
        claim: Box<Claim>,
    },
    RemoveClaim(ClaimId),
    /// Replaces the claim with the same id.
    ReplaceClaim(Box<Claim>),
    SetTitle(String),
    SetTags(Vec<TagDef>),
    /// Replaces the pinned and dismissed key dates (see [`super::key_date::marks`]).
    SetKeyDates(Vec<KeyDateMark>),
    /// Applied in order, undone in reverse.
    Batch(Vec<Command>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("no source {0}")]
    NoSuchSource(SourceId),
    #[error("no entry {0}")]
    NoSuchEntry(EntryId),
    #[error("no claim {0}")]
    NoSuchClaim(ClaimId),
    #[error("id {0} is already in use")]
    DuplicateId(u64),
}

impl Project {
    /// Applies `command` and returns the command that undoes it. On error the project is
    /// unchanged (a failing batch rolls back what it had applied).
    pub fn apply(&mut self, command: Command) -> Result<Command, CommandError> {
        Ok(match command {
            Command::InsertSource { index, source } => {
                if self.source(source.id).is_some() || self.entry(EntryId(source.id.0)).is_some() {
                    return Err(CommandError::DuplicateId(source.id.0));
                }
                let id = source.id;
                let at = index.unwrap_or(self.sources.len()).min(self.sources.len());
                self.sources.insert(at, *source);
                self.repair_next_id();
                Command::RemoveSource(id)
            }
            Command::RemoveSource(id) => {
                let at = self
                    .source_index(id)
                    .ok_or(CommandError::NoSuchSource(id))?;
                let source = self.sources.remove(at);
                Command::InsertSource {
                    index: Some(at),
                    source: Box::new(source),
                }
            }
            Command::ReplaceSource(source) => {
                let at = self
                    .source_index(source.id)
                    .ok_or(CommandError::NoSuchSource(source.id))?;
                let old = std::mem::replace(&mut self.sources[at], *source);
                Command::ReplaceSource(Box::new(old))
            }
            Command::InsertEntry { index, entry } => {
                if self.entry(entry.id).is_some() || self.source(SourceId(entry.id.0)).is_some() {
                    return Err(CommandError::DuplicateId(entry.id.0));
                }
                let id = entry.id;
                let at = index.unwrap_or(self.entries.len()).min(self.entries.len());
                self.entries.insert(at, *entry);
                self.repair_next_id();
                Command::RemoveEntry(id)
            }
            Command::RemoveEntry(id) => {
                let at = self.entry_index(id).ok_or(CommandError::NoSuchEntry(id))?;
                let entry = self.entries.remove(at);
                Command::InsertEntry {
                    index: Some(at),
                    entry: Box::new(entry),
                }
            }
            Command::ReplaceEntry(entry) => {
                let at = self
                    .entry_index(entry.id)
                    .ok_or(CommandError::NoSuchEntry(entry.id))?;
                let old = std::mem::replace(&mut self.entries[at], *entry);
                Command::ReplaceEntry(Box::new(old))
            }
            Command::InsertClaim { index, claim } => {
                let id = claim.id.0;
                if self.claim(claim.id).is_some()
                    || self.entry(EntryId(id)).is_some()
                    || self.source(SourceId(id)).is_some()
                {
                    return Err(CommandError::DuplicateId(id));
                }
                let at = index.unwrap_or(self.claims.len()).min(self.claims.len());
                self.claims.insert(at, *claim);
                self.repair_next_id();
                Command::RemoveClaim(ClaimId(id))
            }
            Command::RemoveClaim(id) => {
                let at = self.claim_index(id).ok_or(CommandError::NoSuchClaim(id))?;
                let claim = self.claims.remove(at);
                Command::InsertClaim {
                    index: Some(at),
                    claim: Box::new(claim),
                }
            }
            Command::ReplaceClaim(claim) => {
                let at = self
                    .claim_index(claim.id)
                    .ok_or(CommandError::NoSuchClaim(claim.id))?;
                let old = std::mem::replace(&mut self.claims[at], *claim);
                Command::ReplaceClaim(Box::new(old))
            }
            Command::SetTitle(title) => {
                Command::SetTitle(std::mem::replace(&mut self.title, title))
            }
            Command::SetTags(tags) => Command::SetTags(std::mem::replace(&mut self.tags, tags)),
            Command::SetKeyDates(marks) => {
                Command::SetKeyDates(std::mem::replace(&mut self.key_dates, marks))
            }
            Command::Batch(commands) if commands.iter().all(is_append) => {
                self.apply_appends(commands)?
            }
            Command::Batch(commands) if commands.len() >= BULK_MIN => {
                match self.apply_bulk(commands) {
                    Ok(inverse) => inverse,
                    Err(Bulk::Failed(e)) => return Err(e),
                    Err(Bulk::NotBulk(commands)) => self.apply_in_order(commands)?,
                }
            }
            Command::Batch(commands) => self.apply_in_order(commands)?,
        })
    }

    fn apply_in_order(&mut self, commands: Vec<Command>) -> Result<Command, CommandError> {
        let mut inverses = Vec::with_capacity(commands.len());
        for c in commands {
            match self.apply(c) {
                Ok(inv) => inverses.push(inv),
                Err(e) => {
                    for inv in inverses.into_iter().rev() {
                        // Inverses of commands that just succeeded cannot fail.
                        let _ = self.apply(inv);
                    }
                    return Err(e);
                }
            }
        }
        inverses.reverse();
        Ok(Command::Batch(inverses))
    }

    /// Sources and entries added at the end (an import): one pass over the project for the
    /// ids in use instead of one per command, so that importing stays linear in the articles.
    fn apply_appends(&mut self, commands: Vec<Command>) -> Result<Command, CommandError> {
        let id_of = |c: &Command| match c {
            Command::InsertSource { source, .. } => source.id.0,
            Command::InsertEntry { entry, .. } => entry.id.0,
            _ => unreachable!("only appends"),
        };
        let max_in_use = self
            .sources
            .iter()
            .map(|s| s.id.0)
            .chain(self.entries.iter().map(|e| e.id.0))
            .chain(self.claims.iter().map(|c| c.id.0))
            .max();
        let mut fresh = HashSet::with_capacity(commands.len());
        for c in &commands {
            let id = id_of(c);
            // Above every id in use, an id is new unless the batch repeats it; below, it is
            // looked up (rare: ids come from `new_entry_id`).
            let taken = if max_in_use.is_some_and(|m| id <= m) {
                self.source(SourceId(id)).is_some()
                    || self.entry(EntryId(id)).is_some()
                    || self.claim(ClaimId(id)).is_some()
            } else {
                false
            };
            if taken || !fresh.insert(id) {
                return Err(CommandError::DuplicateId(id));
            }
        }
        let mut inverses = Vec::with_capacity(commands.len());
        let mut max_new = 0;
        for c in commands {
            max_new = max_new.max(id_of(&c));
            match c {
                Command::InsertSource { source, .. } => {
                    inverses.push(Command::RemoveSource(source.id));
                    self.sources.push(*source);
                }
                Command::InsertEntry { entry, .. } => {
                    inverses.push(Command::RemoveEntry(entry.id));
                    self.entries.push(*entry);
                }
                _ => unreachable!("only appends"),
            }
        }
        self.next_id = self
            .next_id
            .max(max_new + 1)
            .max(max_in_use.unwrap_or(0) + 1);
        inverses.reverse();
        Ok(Command::Batch(inverses))
    }

    /// Large batches of one kind of entry edit (accepting, moving or deleting a box
    /// selection, and undoing that) in one pass over the entries instead of one per command,
    /// with the same result and an equivalent inverse as applying them in order.
    fn apply_bulk(&mut self, commands: Vec<Command>) -> Result<Command, Bulk> {
        let kind = |c: &Command| match c {
            Command::ReplaceEntry(_) => 1,
            Command::RemoveEntry(_) => 2,
            Command::InsertEntry { index: Some(_), .. } => 3,
            _ => 0,
        };
        let first = commands.first().map_or(0, kind);
        if first == 0 || commands.iter().any(|c| kind(c) != first) {
            return Err(Bulk::NotBulk(commands));
        }
        match first {
            1 => self.replace_entries(commands),
            2 => self.remove_entries(commands),
            _ => self.insert_entries(commands),
        }
    }

    fn replace_entries(&mut self, commands: Vec<Command>) -> Result<Command, Bulk> {
        let at = self.entry_positions();
        let entries: Vec<Box<Entry>> = commands
            .into_iter()
            .filter_map(|c| match c {
                Command::ReplaceEntry(e) => Some(e),
                _ => None,
            })
            .collect();
        if let Some(e) = entries.iter().find(|e| !at.contains_key(&e.id)) {
            return Err(Bulk::Failed(CommandError::NoSuchEntry(e.id)));
        }
        let mut inverses: Vec<Command> = entries
            .into_iter()
            .map(|e| {
                let i = at[&e.id];
                Command::ReplaceEntry(Box::new(std::mem::replace(&mut self.entries[i], *e)))
            })
            .collect();
        inverses.reverse();
        Ok(Command::Batch(inverses))
    }

    fn remove_entries(&mut self, commands: Vec<Command>) -> Result<Command, Bulk> {
        let ids: Vec<EntryId> = commands
            .iter()
            .filter_map(|c| match c {
                Command::RemoveEntry(id) => Some(*id),
                _ => None,
            })
            .collect();
        let unique: HashSet<EntryId> = ids.iter().copied().collect();
        if unique.len() != ids.len() {
            // Removing one entry twice fails in order; let the ordinary path say so.
            return Err(Bulk::NotBulk(commands));
        }
        let at = self.entry_positions();
        if let Some(id) = ids.iter().find(|id| !at.contains_key(id)) {
            return Err(Bulk::Failed(CommandError::NoSuchEntry(*id)));
        }
        let mut kept = Vec::with_capacity(self.entries.len() - ids.len());
        let mut inverses = Vec::with_capacity(ids.len());
        for (i, e) in std::mem::take(&mut self.entries).into_iter().enumerate() {
            if unique.contains(&e.id) {
                // Re-inserting in ascending order of the old positions restores the order.
                inverses.push(Command::InsertEntry {
                    index: Some(i),
                    entry: Box::new(e),
                });
            } else {
                kept.push(e);
            }
        }
        self.entries = kept;
        Ok(Command::Batch(inverses))
    }

    /// Inserts at strictly ascending final positions (what undoing a bulk removal gives).
    fn insert_entries(&mut self, commands: Vec<Command>) -> Result<Command, Bulk> {
        let ascending = commands.iter().enumerate().all(|(k, c)| match c {
            Command::InsertEntry { index: Some(i), .. } => *i <= self.entries.len() + k,
            _ => false,
        }) && commands.windows(2).all(|w| match (&w[0], &w[1]) {
            (
                Command::InsertEntry { index: Some(a), .. },
                Command::InsertEntry { index: Some(b), .. },
            ) => a < b,
            _ => false,
        });
        if !ascending {
            return Err(Bulk::NotBulk(commands));
        }
        let mut taken: HashSet<u64> = self.entries.iter().map(|e| e.id.0).collect();
        taken.extend(self.sources.iter().map(|s| s.id.0));
        for c in &commands {
            if let Command::InsertEntry { entry, .. } = c
                && !taken.insert(entry.id.0)
            {
                return Err(Bulk::Failed(CommandError::DuplicateId(entry.id.0)));
            }
        }
        let mut inserts = commands
            .into_iter()
            .filter_map(|c| match c {
                Command::InsertEntry {
                    index: Some(i),
                    entry,
                } => Some((i, entry)),
                _ => None,
            })
            .peekable();
        let old = std::mem::take(&mut self.entries);
        let mut inverses = Vec::new();
        let mut merged = Vec::with_capacity(old.len() + inserts.size_hint().0);
        let mut old = old.into_iter();
        loop {
            if let Some((_, entry)) = inserts.next_if(|(i, _)| *i == merged.len()) {
                inverses.push(Command::RemoveEntry(entry.id));
                merged.push(*entry);
            } else if let Some(e) = old.next() {
                merged.push(e);
            } else if let Some((_, entry)) = inserts.next() {
                // Past the end: appended, as a single insert clamps its index.
                inverses.push(Command::RemoveEntry(entry.id));
                merged.push(*entry);
            } else {
                break;
            }
        }
        self.entries = merged;
        self.repair_next_id();
        inverses.reverse();
        Ok(Command::Batch(inverses))
    }
}

/// Batches at least this long try the one-pass paths; shorter ones are cheap in order.
const BULK_MIN: usize = 8;

/// A command that adds a source or an entry at the end.
fn is_append(c: &Command) -> bool {
    matches!(
        c,
        Command::InsertSource { index: None, .. } | Command::InsertEntry { index: None, .. }
    )
}

/// Why a bulk path did not apply a batch.
enum Bulk {
    /// Not one kind of edit: apply in order.
    NotBulk(Vec<Command>),
    /// A command in it would fail: nothing was changed.
    Failed(CommandError),
}

/// One undoable step, with a name for the Edit menu ("Undo Accept entry").
#[derive(Clone, Debug, PartialEq)]
struct Step {
    label: String,
    command: Command,
}

/// Undo/redo stacks of inverse commands, plus the point at which the project was saved.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Depth of the undo stack when last saved; `None` if that state can no longer be reached.
    saved_depth: Option<usize>,
}

/// Keeps memory bounded on long sessions.
const HISTORY_LIMIT: usize = 1_000;

impl History {
    pub fn new() -> Self {
        Self {
            saved_depth: Some(0),
            ..Self::default()
        }
    }

    /// A history whose project was never saved in this state (restored from an autosave).
    pub fn unsaved() -> Self {
        Self {
            saved_depth: None,
            ..Self::default()
        }
    }

    /// Applies `command` to `project` as one undoable step named `label`.
    pub fn apply(
        &mut self,
        project: &mut Project,
        label: impl Into<String>,
        command: Command,
    ) -> Result<(), CommandError> {
        let inverse = project.apply(command)?;
        if self.saved_depth.is_some_and(|d| d > self.undo.len()) {
            self.saved_depth = None;
        }
        self.redo.clear();
        self.undo.push(Step {
            label: label.into(),
            command: inverse,
        });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
            self.saved_depth = self.saved_depth.and_then(|d| d.checked_sub(1));
        }
        project.modified = chrono::Utc::now();
        Ok(())
    }

    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, CommandError> {
        Self::step(project, &mut self.undo, &mut self.redo)
    }

    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, CommandError> {
        Self::step(project, &mut self.redo, &mut self.undo)
    }

    fn step(
        project: &mut Project,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
    ) -> Result<Option<String>, CommandError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        match project.apply(step.command.clone()) {
            Ok(inverse) => {
                let label = step.label.clone();
                to.push(Step {
                    label: step.label,
                    command: inverse,
                });
                Ok(Some(label))
            }
            Err(e) => {
                from.push(step);
                Err(e)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn mark_saved(&mut self) {
        self.saved_depth = Some(self.undo.len());
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_depth != Some(self.undo.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryKind, Status};
    use chrono::Utc;

    fn project_with_entry() -> (Project, EntryId) {
        let mut p = Project::new("t", Utc::now());
        let id = p.new_entry_id();
        let e = Entry::new(id, EntryKind::Event, "first", Utc::now());
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(e),
        })
        .unwrap();
        (p, id)
    }

    fn project_with(n: usize) -> Project {
        let now = Utc::now();
        let mut p = Project::new("t", now);
        for i in 0..n {
            let id = p.new_entry_id();
            let e = Entry::new(id, EntryKind::Event, format!("e{i}"), now);
            p.apply(Command::InsertEntry {
                index: None,
                entry: Box::new(e),
            })
            .unwrap();
        }
        p
    }

    #[test]
    fn bulk_batches_match_applying_in_order_and_undo_exactly() {
        let base = project_with(60);
        let pick: Vec<EntryId> = base.entries.iter().step_by(3).map(|e| e.id).collect();
        let accept = Command::Batch(
            pick.iter()
                .map(|&id| {
                    let mut e = base.entry(id).unwrap().clone();
                    e.status = Status::Accepted;
                    Command::ReplaceEntry(Box::new(e))
                })
                .collect(),
        );
        let remove = Command::Batch(
            pick.iter()
                .rev()
                .map(|&id| Command::RemoveEntry(id))
                .collect(),
        );
        for batch in [accept, remove] {
            let (mut fast, mut slow) = (base.clone(), base.clone());
            let undo_fast = fast.apply(batch.clone()).unwrap();
            let Command::Batch(commands) = batch else {
                unreachable!()
            };
            let undo_slow = slow.apply_in_order(commands).unwrap();
            assert_eq!(fast.entries, slow.entries);
            let redo = fast.apply(undo_fast).unwrap();
            assert_eq!(
                fast.entries, base.entries,
                "undo restores order and content"
            );
            slow.apply(undo_slow).unwrap();
            assert_eq!(slow.entries, base.entries);
            fast.apply(redo).unwrap();
            assert_ne!(fast.entries, base.entries, "redo applies again");
        }
    }

    #[test]
    fn bulk_batches_with_a_bad_command_change_nothing() {
        let base = project_with(20);
        let mut p = base.clone();
        let mut commands: Vec<Command> = base.entries[..10]
            .iter()
            .map(|e| Command::RemoveEntry(e.id))
            .collect();
        commands.push(Command::RemoveEntry(EntryId(9_999)));
        assert_eq!(
            p.apply(Command::Batch(commands)),
            Err(CommandError::NoSuchEntry(EntryId(9_999)))
        );
        assert_eq!(p.entries, base.entries);
        // Removing the same entry twice fails as it does one by one.
        let twice = vec![Command::RemoveEntry(base.entries[0].id); 9];
        assert!(p.apply(Command::Batch(twice)).is_err());
        assert_eq!(p.entries, base.entries);
        // Inserting an id in use fails without a change.
        let dup: Vec<Command> = (0..9)
            .map(|i| Command::InsertEntry {
                index: Some(i),
                entry: Box::new(base.entries[0].clone()),
            })
            .collect();
        assert!(matches!(
            p.apply(Command::Batch(dup)),
            Err(CommandError::DuplicateId(_))
        ));
        assert_eq!(p.entries, base.entries);
    }

    #[test]
    fn undo_redo_restore_exact_states() {
        let (mut p, id) = project_with_entry();
        let before = p.clone();
        let mut h = History::new();
        let mut edited = p.entry(id).unwrap().clone();
        edited.status = Status::Accepted;
        h.apply(&mut p, "Accept", Command::ReplaceEntry(Box::new(edited)))
            .unwrap();
        assert_eq!(p.entry(id).unwrap().status, Status::Accepted);
        assert!(h.is_dirty());
        assert_eq!(h.undo(&mut p).unwrap().as_deref(), Some("Accept"));
        assert_eq!(p.entries, before.entries);
        assert!(!h.is_dirty());
        assert_eq!(h.redo(&mut p).unwrap().as_deref(), Some("Accept"));
        assert_eq!(p.entry(id).unwrap().status, Status::Accepted);
        assert_eq!(h.redo(&mut p).unwrap(), None);
    }

    #[test]
    fn failing_batch_leaves_project_unchanged() {
        let (mut p, id) = project_with_entry();
        let before = p.clone();
        let err = p
            .apply(Command::Batch(vec![
                Command::RemoveEntry(id),
                Command::RemoveEntry(EntryId(999)),
            ]))
            .unwrap_err();
        assert_eq!(err, CommandError::NoSuchEntry(EntryId(999)));
        assert_eq!(p, before);
    }

    #[test]
    fn removal_reinserts_at_same_position() {
        let (mut p, first) = project_with_entry();
        let second = p.new_entry_id();
        p.apply(Command::InsertEntry {
            index: None,
            entry: Box::new(Entry::new(second, EntryKind::Statement, "b", Utc::now())),
        })
        .unwrap();
        let before = p.clone();
        let inv = p.apply(Command::RemoveEntry(first)).unwrap();
        assert_eq!(p.entries.len(), 1);
        p.apply(inv).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn saved_state_lost_after_branching_is_dirty_forever() {
        let (mut p, _) = project_with_entry();
        let mut h = History::new();
        h.apply(&mut p, "t1", Command::SetTitle("a".into()))
            .unwrap();
        h.mark_saved();
        h.undo(&mut p).unwrap();
        h.apply(&mut p, "t2", Command::SetTitle("b".into()))
            .unwrap();
        assert!(h.is_dirty());
        h.undo(&mut p).unwrap();
        assert!(h.is_dirty(), "the saved state (title a) is unreachable now");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let (mut p, id) = project_with_entry();
        let err = p
            .apply(Command::InsertEntry {
                index: None,
                entry: Box::new(Entry::new(id, EntryKind::Event, "dup", Utc::now())),
            })
            .unwrap_err();
        assert_eq!(err, CommandError::DuplicateId(id.0));
    }
}
