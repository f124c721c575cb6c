//! The view: which stretch of time is on screen, and the time ↔ pixel mapping.
//!
//! View state is two numbers ([`TimeView`]: `min` and `span`, UTC seconds from the Unix
//! epoch, f64). Everything else (ticks, lanes, items) is recomputed from it each frame.
//! [`TimeAxis`] pairs a view with the pixel range it is drawn into:
//!
//! ```text
//!   x_min                                   x_min + width
//!     |<------------------ width px ------------------>|
//!   view.min                                view.min + view.span      (seconds, f64)
//!
//!   x_from_time(t) = x_min + (t - min) / span * width
//!   time_from_x(x) = min + (x - x_min) / width * span
//! ```
//!
//! All operations are pure and return a new view. Every constructor clamps: NaN, infinite
//! or absurd values give a valid view instead of a panic, so a wild scroll delta can never
//! poison the state.

/// Seconds in a mean Gregorian year; only for sizing (limits, fit margins), never calendars.
pub const SECONDS_PER_YEAR: f64 = 365.2425 * 86_400.0;

/// Narrowest view: one minute across the whole timeline ("down to minutes").
pub const MIN_SPAN_SECONDS: f64 = 60.0;

/// Widest view: 20,000 years, so several millennia BCE–CE fit with room to spare.
pub const MAX_SPAN_SECONDS: f64 = 20_000.0 * SECONDS_PER_YEAR;

/// Earliest time the view may show: about year −50,000, well inside chrono's range
/// (±262,143 years) so every visible instant has a calendar date for tick labels.
pub const TIME_MIN: f64 = -50_000.0 * SECONDS_PER_YEAR;

/// Latest time the view may show: about year 50,000.
pub const TIME_MAX: f64 = 50_000.0 * SECONDS_PER_YEAR;

/// Fraction of the width left empty on each side by [`TimeView::fit`].
pub const FIT_MARGIN: f64 = 0.05;

/// The visible time range: `[min, min + span)`, UTC seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeView {
    pub min: f64,
    pub span: f64,
}

impl Default for TimeView {
    /// 1990–2030: a sensible empty-project view for news.
    fn default() -> Self {
        Self::new(20.0 * SECONDS_PER_YEAR, 40.0 * SECONDS_PER_YEAR)
    }
}

impl TimeView {
    /// A clamped view: span within [`MIN_SPAN_SECONDS`, `MAX_SPAN_SECONDS`], the whole view
    /// within [`TIME_MIN`, `TIME_MAX`]. Non-finite input falls back to defaults.
    pub fn new(min: f64, span: f64) -> Self {
        let span = if span.is_finite() {
            span.clamp(MIN_SPAN_SECONDS, MAX_SPAN_SECONDS)
        } else if span == f64::INFINITY {
            MAX_SPAN_SECONDS
        } else {
            40.0 * SECONDS_PER_YEAR
        };
        let min = if min.is_finite() {
            min
        } else if min == f64::NEG_INFINITY {
            TIME_MIN
        } else if min == f64::INFINITY {
            TIME_MAX
        } else {
            20.0 * SECONDS_PER_YEAR
        };
        Self {
            min: min.clamp(TIME_MIN, TIME_MAX - span),
            span,
        }
    }

    pub fn max(&self) -> f64 {
        self.min + self.span
    }

    /// Shows `[start, end]` with [`FIT_MARGIN`] on each side ("fit all", "zoom to
    /// selection"). An empty or reversed range is centred with the minimum span.
    pub fn fit(start: f64, end: f64) -> Self {
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        let span = (end - start) * (1.0 + 2.0 * FIT_MARGIN);
        let span = span.max(MIN_SPAN_SECONDS);
        let centre = start + (end - start) / 2.0;
        Self::new(centre - span / 2.0, span)
    }

    /// Moves the view by `seconds` (positive: later times come into view).
    pub fn pan_seconds(&self, seconds: f64) -> Self {
        if !seconds.is_finite() {
            return *self;
        }
        Self::new(self.min + seconds, self.span)
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `time` where it is on screen (unless a
    /// limit is hit). Non-finite or non-positive factors leave the view unchanged.
    pub fn zoom_around(&self, time: f64, factor: f64) -> Self {
        if !factor.is_finite() || factor <= 0.0 || !time.is_finite() {
            return *self;
        }
        let span = (self.span / factor).clamp(MIN_SPAN_SECONDS, MAX_SPAN_SECONDS);
        // Keep the cursor's fraction of the width: (time - min) / span is invariant.
        let fraction = (time - self.min) / self.span;
        Self::new(time - fraction * span, span)
    }

    /// The view a fraction `p` (0..=1) of the way from `self` to `to`, for animated jumps:
    /// the centre moves linearly and the span geometrically, so a zoom by 1000× spends as
    /// long on each factor of ten instead of rushing through the first one.
    pub fn towards(&self, to: &Self, p: f64) -> Self {
        let p = if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let centre = |v: &Self| v.min + v.span / 2.0;
        let span = self.span * (to.span / self.span).powf(p);
        let c = centre(self) + (centre(to) - centre(self)) * p;
        if p >= 1.0 {
            return *to;
        }
        Self::new(c - span / 2.0, span)
    }
}

/// An empty stretch of time the axis skips: drawn as a narrow break of [`BREAK_PX`]
/// ("⫽ 19 months") instead of its true width, so that the periods with entries on either
/// side get the room they need.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AxisBreak {
    pub t0: f64,
    pub t1: f64,
}

impl AxisBreak {
    pub fn seconds(&self) -> f64 {
        self.t1 - self.t0
    }
}

/// Width of a break on the axis, pixels.
pub const BREAK_PX: f32 = 52.0;
/// Most breaks one axis holds (kept inline so that the axis stays `Copy`).
pub const MAX_BREAKS: usize = 6;

/// A view drawn into the horizontal pixel range `[x_min, x_min + width]`, optionally with
/// breaks ([`AxisBreak`]): outside them time maps linearly at one scale, each break takes
/// [`BREAK_PX`] whatever its length.
///
/// ```text
///   x_min          break (BREAK_PX)                   x_min + width
///     |─── segment ───|⫽|────────── segment ──────────|
///   view.min        b.t0 b.t1                      view.max()
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeAxis {
    pub view: TimeView,
    pub x_min: f32,
    pub width: f32,
    breaks: [AxisBreak; MAX_BREAKS],
    n_breaks: usize,
    /// Pixels per second outside breaks.
    scale: f64,
}

impl TimeAxis {
    /// Clamps a degenerate width (NaN, ≤ 0) to 1 px so the mapping stays invertible.
    pub fn new(view: TimeView, x_min: f32, width: f32) -> Self {
        let width = if width.is_finite() && width >= 1.0 {
            width.min(1.0e6)
        } else {
            1.0
        };
        let x_min = if x_min.is_finite() { x_min } else { 0.0 };
        let view = TimeView::new(view.min, view.span);
        Self {
            view,
            x_min,
            width,
            breaks: [AxisBreak::default(); MAX_BREAKS],
            n_breaks: 0,
            scale: f64::from(width) / view.span,
        }
    }

    /// An axis with `breaks` (sorted or not; overlapping, out-of-view, too many or too
    /// wide ones are dropped, the longest kept, so the segments always keep most of the width).
    pub fn with_breaks(view: TimeView, x_min: f32, width: f32, breaks: &[AxisBreak]) -> Self {
        let mut axis = Self::new(view, x_min, width);
        let (lo, hi) = (axis.view.min, axis.view.max());
        let mut kept: Vec<AxisBreak> = breaks
            .iter()
            .filter(|b| b.t0.is_finite() && b.t1.is_finite() && b.t0 > lo && b.t1 < hi)
            .filter(|b| b.seconds() > 0.0)
            .copied()
            .collect();
        // Longest first, so that when the width runs short the most useful breaks stay.
        kept.sort_by(|a, b| b.seconds().total_cmp(&a.seconds()));
        let most = ((width * 0.5) / BREAK_PX).floor().max(0.0) as usize;
        let mut chosen: Vec<AxisBreak> = Vec::new();
        for b in kept {
            if chosen.len() >= MAX_BREAKS.min(most) {
                break;
            }
            if chosen.iter().all(|c| b.t1 < c.t0 || b.t0 > c.t1) {
                chosen.push(b);
            }
        }
        chosen.sort_by(|a, b| a.t0.total_cmp(&b.t0));
        let removed: f64 = chosen.iter().map(AxisBreak::seconds).sum();
        let usable = f64::from(axis.width) - chosen.len() as f64 * f64::from(BREAK_PX);
        let kept_seconds = axis.view.span - removed;
        if chosen.is_empty() || usable <= 0.0 || kept_seconds <= 0.0 {
            return axis;
        }
        for (slot, b) in axis.breaks.iter_mut().zip(&chosen) {
            *slot = *b;
        }
        axis.n_breaks = chosen.len();
        axis.scale = usable / kept_seconds;
        axis
    }

    /// The breaks, in time order.
    pub fn breaks(&self) -> &[AxisBreak] {
        &self.breaks[..self.n_breaks]
    }

    /// The view's time cut at the breaks: the stretches drawn at the axis's scale.
    pub fn segments(&self) -> Vec<(f64, f64)> {
        let mut out = Vec::with_capacity(self.n_breaks + 1);
        let mut from = self.view.min;
        for b in self.breaks() {
            out.push((from, b.t0));
            from = b.t1;
        }
        out.push((from, self.view.max()));
        out
    }

    pub fn x_max(&self) -> f32 {
        self.x_min + self.width
    }

    /// Seconds per pixel outside breaks.
    pub fn seconds_per_pixel(&self) -> f64 {
        if self.n_breaks == 0 {
            self.view.span / f64::from(self.width)
        } else {
            1.0 / self.scale
        }
    }

    pub fn x_from_time(&self, time: f64) -> f64 {
        if self.n_breaks == 0 {
            return f64::from(self.x_min)
                + (time - self.view.min) / self.view.span * f64::from(self.width);
        }
        let mut x = f64::from(self.x_min);
        let mut from = self.view.min;
        for b in self.breaks() {
            if time <= b.t0 {
                break;
            }
            x += (b.t0 - from) * self.scale;
            if time < b.t1 {
                return x + (time - b.t0) / b.seconds() * f64::from(BREAK_PX);
            }
            x += f64::from(BREAK_PX);
            from = b.t1;
        }
        x + (time - from) * self.scale
    }

    pub fn time_from_x(&self, x: f64) -> f64 {
        if self.n_breaks == 0 {
            return self.view.min
                + (x - f64::from(self.x_min)) / f64::from(self.width) * self.view.span;
        }
        let mut at = f64::from(self.x_min);
        let mut from = self.view.min;
        for b in self.breaks() {
            let seg_end = at + (b.t0 - from) * self.scale;
            if x <= seg_end {
                break;
            }
            if x < seg_end + f64::from(BREAK_PX) {
                return b.t0 + (x - seg_end) / f64::from(BREAK_PX) * b.seconds();
            }
            at = seg_end + f64::from(BREAK_PX);
            from = b.t1;
        }
        from + (x - at) / self.scale
    }

    /// The break drawn at pixel `x`, if any.
    pub fn break_at(&self, x: f64) -> Option<AxisBreak> {
        let t = self.time_from_x(x);
        self.breaks().iter().find(|b| t > b.t0 && t < b.t1).copied()
    }

    /// [`x_from_time`](Self::x_from_time) for painting: clamped to a few screens either side
    /// so that a far-off bar end never becomes an f32 the painter chokes on.
    pub fn x_from_time_f32(&self, time: f64) -> f32 {
        let margin = f64::from(self.width) * 4.0 + 1_000.0;
        let x = self.x_from_time(time);
        let lo = f64::from(self.x_min) - margin;
        let hi = f64::from(self.x_max()) + margin;
        if x.is_nan() {
            lo as f32
        } else {
            x.clamp(lo, hi) as f32
        }
    }

    /// Drag by `dx` pixels: content follows the pointer, so dragging right shows earlier times.
    pub fn pan(&self, dx: f32) -> TimeView {
        if self.n_breaks == 0 || !dx.is_finite() {
            return self
                .view
                .pan_seconds(-f64::from(dx) * self.seconds_per_pixel());
        }
        // The times that come to the edges; past the edges time runs at the axis's scale.
        let at = |x: f64| {
            let (lo, hi) = (f64::from(self.x_min), f64::from(self.x_max()));
            if x < lo {
                self.view.min + (x - lo) / self.scale
            } else if x > hi {
                self.view.max() + (x - hi) / self.scale
            } else {
                self.time_from_x(x)
            }
        };
        let dx = f64::from(dx);
        let min = at(f64::from(self.x_min) - dx);
        let max = at(f64::from(self.x_max()) - dx);
        TimeView::new(min, max - min)
    }

    /// Zoom by `factor` (> 1 zooms in) keeping the time under pixel `x` under `x`. On a
    /// broken axis the breaks keep their width and the rest scales.
    pub fn zoom_at(&self, x: f32, factor: f64) -> TimeView {
        if !x.is_finite() {
            return self.view;
        }
        let t = self.time_from_x(f64::from(x));
        let linear = self.view.zoom_around(t, factor);
        if self.n_breaks == 0 || !factor.is_finite() || factor <= 0.0 {
            return linear;
        }
        let scale = self.scale * factor;
        let (mut before, mut n_before, mut after, mut n_after) = (0.0, 0.0, 0.0, 0.0);
        for b in self.breaks() {
            if b.t1 <= t {
                before += b.seconds();
                n_before += 1.0;
            } else if b.t0 >= t {
                after += b.seconds();
                n_after += 1.0;
            }
        }
        let left_px = f64::from(x - self.x_min) - n_before * f64::from(BREAK_PX);
        let right_px = f64::from(self.x_max() - x) - n_after * f64::from(BREAK_PX);
        if left_px < 0.0 || right_px < 0.0 {
            return linear;
        }
        let min = t - before - left_px / scale;
        let max = t + after + right_px / scale;
        TimeView::new(min, max - min)
    }

    /// The view showing `[start, end]` in this axis (margins included).
    pub fn fit(&self, start: f64, end: f64) -> TimeView {
        TimeView::fit(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_input_is_clamped_not_propagated() {
        for (min, span) in [
            (f64::NAN, f64::NAN),
            (f64::INFINITY, f64::NEG_INFINITY),
            (1e300, 1e300),
            (-1e300, 0.0),
            (0.0, -5.0),
        ] {
            let v = TimeView::new(min, span);
            assert!(v.min.is_finite() && v.span.is_finite(), "{min} {span}");
            assert!((MIN_SPAN_SECONDS..=MAX_SPAN_SECONDS).contains(&v.span));
            assert!(v.min >= TIME_MIN && v.max() <= TIME_MAX + 1.0);
        }
        let v = TimeView::default();
        assert_eq!(v.zoom_around(0.0, f64::NAN), v);
        assert_eq!(v.zoom_around(0.0, -2.0), v);
        assert_eq!(v.pan_seconds(f64::INFINITY), v);
        let axis = TimeAxis::new(v, f32::NAN, -3.0);
        assert_eq!(axis.width, 1.0);
        assert!(axis.x_from_time_f32(f64::NAN).is_finite());
    }

    #[test]
    fn zoom_keeps_cursor_time_and_pan_moves_by_pixels() {
        let axis = TimeAxis::new(TimeView::default(), 100.0, 800.0);
        let t = axis.time_from_x(300.0);
        let zoomed = TimeAxis::new(axis.zoom_at(300.0, 3.0), 100.0, 800.0);
        assert!((zoomed.view.span - axis.view.span / 3.0).abs() < 1e-3);
        assert!((zoomed.x_from_time(t) - 300.0).abs() < 1e-6);
        let panned = TimeAxis::new(axis.pan(50.0), 100.0, 800.0);
        // The time that was at x = 300 is now at x = 350.
        assert!((panned.x_from_time(t) - 350.0).abs() < 1e-6);
    }

    #[test]
    fn animated_jumps_move_the_centre_linearly_and_the_span_geometrically() {
        let a = TimeView::new(0.0, 1_000.0);
        let b = TimeView::new(100_000.0, 100_000.0);
        assert_eq!(a.towards(&b, 0.0), a);
        assert_eq!(a.towards(&b, 1.0), b);
        assert_eq!(a.towards(&b, f64::NAN), b);
        let half = a.towards(&b, 0.5);
        assert!((half.span - 10_000.0).abs() < 1e-6, "{}", half.span);
        let centre = half.min + half.span / 2.0;
        assert!((centre - (500.0 + 150_000.0) / 2.0).abs() < 1e-6);
        let spans: Vec<f64> = (0..=10)
            .map(|i| a.towards(&b, f64::from(i) / 10.0).span)
            .collect();
        assert!(spans.windows(2).all(|w| w[1] > w[0]), "monotone zoom out");
    }

    #[test]
    fn fit_shows_the_range_with_margins() {
        let v = TimeView::fit(1000.0, 2000.0);
        assert!(v.min < 1000.0 && v.max() > 2000.0);
        assert!((v.span - 1100.0).abs() < 1e-9);
        // Reversed and empty ranges still give a usable view.
        assert_eq!(TimeView::fit(2000.0, 1000.0), v);
        assert_eq!(TimeView::fit(5.0, 5.0).span, MIN_SPAN_SECONDS);
    }
}
