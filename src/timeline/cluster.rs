//! Level of detail: time buckets that turn dense stretches of a lane into count badges.
//!
//! Buckets are aligned to multiples of a power-of-two number of seconds, the smallest one at
//! least [`CLUSTER_BUCKET_PX`] wide on screen. Because edges sit at fixed *times*, panning
//! does not reshuffle counts, and zooming in past the next power of two splits every bucket
//! exactly in half — clusters visibly break apart as you zoom:
//!
//! ```text
//!   zoomed out   |    12    |     7    |          bucket = 2^k s
//!   zoomed in    |  5  |  7 |  4  | 3  |          bucket = 2^(k-1) s
//! ```
//!
//! An entry belongs to the bucket holding the midpoint of its span (clamped to the visible
//! buckets). A bucket with more than `max_rows` entries in a lane becomes a cluster; so does
//! anything that does not fit the lane's rows, and everything in a collapsed lane (which then
//! reads as a density strip). Every visible entry is thus exactly one item or one count.

use std::ops::Range;

use super::geometry::Rect;

/// Least on-screen width of a bucket (and so of a cluster badge), pixels. Wide enough for a
/// three-digit count at 12 px.
pub const CLUSTER_BUCKET_PX: f64 = 24.0;

/// Bucket length in seconds for a zoom level: the smallest power of two ≥ 24 px of time.
pub fn bucket_seconds(seconds_per_pixel: f64) -> f64 {
    let want = CLUSTER_BUCKET_PX * seconds_per_pixel;
    if !want.is_finite() || want <= 1.0 {
        return 1.0;
    }
    // 2^62 s is far beyond any view span, so the exponent stays in range.
    2f64.powi((want.log2().ceil() as i32).clamp(0, 62))
}

/// Visible buckets for `[t0, t1]`: the first bucket number and how many there are.
pub fn bucket_range(t0: f64, t1: f64, bucket: f64) -> (i64, usize) {
    let first = (t0 / bucket).floor();
    let last = (t1 / bucket).floor();
    let count = (last - first + 1.0).clamp(1.0, 1.0e6) as usize;
    (first as i64, count)
}

/// A count badge standing for several entries of one lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub lane: u32,
    /// The bucket's time range, UTC seconds (zoom here to split the cluster).
    pub t0: f64,
    pub t1: f64,
    pub rect: Rect,
    pub count: usize,
    /// Where the member ids are; read them with
    /// [`TimelineLayout::members`](super::TimelineLayout::members).
    pub members: Members,
}

/// Where a cluster's entry ids are. A dense bucket's entries are ranges of the index's
/// midpoint order, so a frame showing a million entries in clusters copies none of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Members {
    /// Range of [`TimelineLayout::shared_members`](super::TimelineLayout::shared_members).
    pub shared: Range<usize>,
    /// Range of [`TimelineLayout::listed_members`](super::TimelineLayout::listed_members):
    /// what the layout visited itself (with filters on, spans reaching in from beyond the
    /// view, items that found no row).
    pub listed: Range<usize>,
}

impl Cluster {
    /// The badge text: exact up to 9,999, then "12k".
    pub fn count_label(&self) -> String {
        if self.count < 10_000 {
            self.count.to_string()
        } else {
            format!("{}k", self.count / 1_000)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_powers_of_two_at_least_24_px_and_halve_when_zooming_in() {
        for spp in [0.01, 1.0, 3.7, 86_400.0, 3.0e7] {
            let b = bucket_seconds(spp);
            assert!(
                b / spp >= CLUSTER_BUCKET_PX && b / spp < 2.0 * CLUSTER_BUCKET_PX + 1e-9
                    || b == 1.0
            );
            assert_eq!(b.log2().fract(), 0.0);
        }
        assert_eq!(bucket_seconds(1000.0) / 2.0, bucket_seconds(500.0));
        assert_eq!(bucket_seconds(f64::NAN), 1.0);
        assert_eq!(bucket_range(0.0, 99.0, 10.0), (0, 10));
        assert_eq!(bucket_range(-5.0, 5.0, 10.0), (-1, 2));
    }
}
