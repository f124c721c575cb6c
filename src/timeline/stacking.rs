//! Greedy first-fit stacking of horizontal extents into rows.
//!
//! Each row remembers the right edge of what it holds; an extent goes in the first row whose
//! right edge plus the gap is left of the extent's start. Feeding extents sorted by start
//! gives the classic interval-graph greedy (few rows); any order is still *safe*: a row only
//! accepts an extent that starts after everything already in it, so nothing overlaps.
//!
//! ```text
//!   row 0  [==== a ====]  [= c =]   [== e ==]
//!   row 1      [====== b ======]  [= d =]
//! ```
//!
//! An extent covers the mark *and* its label, so labels never overlap either. When no row is
//! free within `max_rows`, a row blocked only by its last item's label takes the new item and
//! that label is culled (marks win over labels); when marks block every row, the caller folds
//! the item into a cluster.

#[derive(Clone, Copy, Debug)]
struct Row {
    /// Right edge of everything in the row, labels included.
    right: f32,
    /// Right edge of the last item's mark alone.
    mark_right: f32,
    /// Caller's token for the last item, reported when its label is culled.
    last: usize,
}

/// Where an extent went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub row: usize,
    /// The token of an earlier item whose label had to go to make room (label culling).
    pub culled: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Stacker {
    rows: Vec<Row>,
    max_rows: usize,
    gap: f32,
}

impl Stacker {
    pub fn new(max_rows: usize, gap: f32) -> Self {
        Self {
            rows: Vec::new(),
            max_rows: max_rows.max(1),
            gap: if gap.is_finite() { gap.max(0.0) } else { 0.0 },
        }
    }

    /// Places an item whose mark spans `[x0, mark_right]` and whose label (if any) ends at
    /// `label_right`. Preference: a row with room, then a new row, then a row where only
    /// the previous item's *label* is in the way (that label is culled: marks beat labels).
    /// `None` when all `max_rows` rows are blocked by marks.
    pub fn place(
        &mut self,
        x0: f32,
        mark_right: f32,
        label_right: f32,
        token: usize,
    ) -> Option<Placement> {
        if x0.is_nan() {
            return None;
        }
        let mark_right = if mark_right >= x0 { mark_right } else { x0 };
        let right = if label_right >= mark_right {
            label_right
        } else {
            mark_right
        };
        let row = Row {
            right,
            mark_right,
            last: token,
        };
        if let Some(r) = self.rows.iter().position(|r| r.right + self.gap <= x0) {
            self.rows[r] = row;
            return Some(Placement {
                row: r,
                culled: None,
            });
        }
        if self.rows.len() < self.max_rows {
            self.rows.push(row);
            return Some(Placement {
                row: self.rows.len() - 1,
                culled: None,
            });
        }
        let r = self
            .rows
            .iter()
            .position(|r| r.mark_right + self.gap <= x0)?;
        let culled = self.rows[r].last;
        self.rows[r] = row;
        Some(Placement {
            row: r,
            culled: Some(culled),
        })
    }

    pub fn rows_used(&self) -> usize {
        self.rows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_extents_go_to_different_rows_and_labels_yield_to_marks() {
        let mut s = Stacker::new(2, 2.0);
        let row = |p: Option<Placement>| p.map(|p| (p.row, p.culled));
        assert_eq!(row(s.place(0.0, 10.0, 10.0, 0)), Some((0, None)));
        assert_eq!(row(s.place(5.0, 15.0, 15.0, 1)), Some((1, None)));
        // 10 + 2 > 11 and 15 + 2 > 11: both rows blocked by marks.
        assert_eq!(row(s.place(11.0, 20.0, 20.0, 2)), None);
        assert_eq!(row(s.place(12.0, 14.0, 100.0, 3)), Some((0, None)));
        // Row 0 is blocked only by item 3's label (mark ends at 14): the label goes.
        assert_eq!(row(s.place(30.0, 32.0, 40.0, 4)), Some((1, None)));
        assert_eq!(row(s.place(20.0, 22.0, 22.0, 5)), Some((0, Some(3))));
        assert_eq!(s.place(f32::NAN, 1.0, 1.0, 6), None);
        assert_eq!(s.rows_used(), 2);
    }
}
