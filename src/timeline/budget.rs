//! How many rows each lane may stack before its entries fold into count badges.
//!
//! Level of detail exists to keep *dense* timelines readable; it must never hide entries
//! that fit. So:
//!
//! - a view with few entries (at most [`LayoutOptions::full_detail_below`]) is drawn in full:
//!   every lane may take as many rows as it needs, and lanes scroll;
//! - otherwise, on screen ([`LayoutOptions::share_height`]) the lanes share the height below
//!   the axis: lanes that need little get what they need, the others split the rest equally
//!   (never fewer than [`LayoutOptions::min_rows`]); rows left over go to every lane, so that
//!   labels wider than their bucket still find room;
//! - exports (no fixed height to share) give every lane up to [`LayoutOptions::max_rows`].
//!
//! ```text
//!   demand   [ 2 ][ 9 ][ 30 ][ 1 ]      rows available: 24
//!   level L: 2 + 9 + L + 1 ≤ 24  →  L = 12
//!   budget   [ 2 ][ 9 ][ 12 ][ 1 ]
//! ```
//!
//! [`LayoutOptions::full_detail_below`]: super::LayoutOptions::full_detail_below
//! [`LayoutOptions::share_height`]: super::LayoutOptions::share_height
//! [`LayoutOptions::min_rows`]: super::LayoutOptions::min_rows
//! [`LayoutOptions::max_rows`]: super::LayoutOptions::max_rows

/// Row budgets for lanes whose estimated `demand` (rows they would use unconstrained; 0 for
/// empty or collapsed lanes) must share `available` rows. Each budget is at least
/// `min(demand, min_rows)` and at most `max_rows`; with room to spare every lane with
/// entries gets an equal share of the spare rows on top of its demand.
pub fn share_rows(
    demand: &[usize],
    available: usize,
    min_rows: usize,
    max_rows: usize,
) -> Vec<usize> {
    let max_rows = max_rows.max(1);
    let min_rows = min_rows.clamp(1, max_rows);
    let capped: Vec<usize> = demand.iter().map(|&d| d.min(max_rows)).collect();
    let total: usize = capped.iter().sum();
    let active = capped.iter().filter(|&&d| d > 0).count();
    if total <= available {
        let bonus = (available - total).checked_div(active).unwrap_or(0);
        return capped
            .iter()
            .map(|&d| if d == 0 { 0 } else { (d + bonus).min(max_rows) })
            .collect();
    }
    // Water level: the largest L with Σ min(d, L) ≤ available (binary search on L).
    let fill = |level: usize| -> usize { capped.iter().map(|&d| d.min(level)).sum() };
    let (mut lo, mut hi) = (0usize, max_rows);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fill(mid) <= available {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let level = lo.max(min_rows);
    capped.iter().map(|&d| d.min(level)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_lanes_get_what_they_need_and_big_ones_share_the_rest() {
        assert_eq!(share_rows(&[2, 9, 30, 1], 24, 3, 100), vec![2, 9, 12, 1]);
        // Room to spare: every lane with entries gets an equal bonus, empty lanes none.
        assert_eq!(share_rows(&[2, 0, 3], 11, 3, 100), vec![5, 0, 6]);
        // Bonus capped by max_rows.
        assert_eq!(share_rows(&[2, 3], 100, 3, 10), vec![10, 10]);
        // Too many lanes for the height: each keeps the minimum (the lanes scroll).
        assert_eq!(share_rows(&[50, 50, 50], 6, 4, 100), vec![4, 4, 4]);
        // ... but never more than it needs.
        assert_eq!(share_rows(&[1, 50, 50], 6, 4, 100), vec![1, 4, 4]);
        assert_eq!(share_rows(&[], 6, 4, 100), Vec::<usize>::new());
    }

    #[test]
    fn budgets_never_exceed_the_height_unless_the_minimum_forces_it() {
        for available in [0usize, 1, 7, 20, 64] {
            for demand in [vec![3, 8, 1, 40], vec![0, 0], vec![10; 12], vec![1; 30]] {
                let b = share_rows(&demand, available, 2, 30);
                assert_eq!(b.len(), demand.len());
                let forced: usize = demand.iter().map(|&d| d.min(2)).sum();
                let used: usize = b.iter().sum();
                assert!(
                    used <= available.max(forced),
                    "{demand:?} in {available}: {b:?}"
                );
                for (d, b) in demand.iter().zip(&b) {
                    assert!(*b >= (*d).min(2) && *b <= 30);
                }
            }
        }
    }
}
