//! Calendar-aware ticks from a ladder of steps, with non-overlapping labels.
//!
//! The ladder runs from seconds to ten millennia. Each frame we walk it from fine to coarse
//! and take the first step whose labelled ticks are at least [`MIN_LABEL_SPACING_PX`] apart
//! *and* whose measured labels do not touch. A finer step (≥ [`MIN_MINOR_SPACING_PX`]) gives
//! unlabelled minor ticks with a strength in 0..1 so the painter can fade them in as they
//! spread out. A coarser *context* row names the period the major ticks sit in:
//!
//! ```text
//!   | Jan      | Feb      | Mar      | Apr         ← major: months (labels right of tick)
//!   |2024 (sticky at the left edge)   |2025         ← context: years
//! ```
//!
//! Ticks are generated only inside the visible range (the off-screen part of the timeline is
//! never walked), in *local* time (`UTC + offset`), then converted back to UTC seconds.
//!
//! Years: there is no year 0 in labels. CE ticks are at astronomical multiples of the step;
//! BCE ticks are placed so their *labels* are multiples of the step ("200 BCE", "100 BCE"),
//! which makes the gap across the era boundary a little wider than one step, never narrower:
//!
//! ```text
//!   200 BCE     100 BCE           100       200
//!   (−199)      (−99)             (100)     (200)      ← astronomical year of the tick
//! ```

use chrono::{Datelike as _, NaiveDate, Timelike as _};

use super::measure::MeasureText;
use super::view::TimeAxis;
use crate::model::{
    datetime_from_seconds, midnight, month_abbrev, seconds_from_datetime, year_label,
};

/// Labelled ticks are at least this far apart (rerun uses about the same).
pub const MIN_LABEL_SPACING_PX: f32 = 60.0;
/// Minor ticks closer than this are not generated at all.
pub const MIN_MINOR_SPACING_PX: f32 = 6.0;
/// Gap between a tick line and the start of its label.
pub const LABEL_PAD_PX: f32 = 3.0;
/// Least empty space between the end of one label and the start of the next.
pub const LABEL_GAP_PX: f32 = 6.0;
/// Safety cap on ticks per row; the spacing rules keep real counts far below it.
const MAX_TICKS: usize = 10_000;

const DAY: i64 = 86_400;

/// One rung of the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Multiples of `n` seconds since local midnight (also hours and whole days).
    Seconds(i64),
    /// Mondays.
    Weeks,
    /// 1 (months), 3 (quarters) or 6 (halves), aligned on January.
    Months(u32),
    /// Years; see the module docs for BCE alignment.
    Years(i64),
}

/// Fine to coarse. Minutes, hours, days, weeks, months, quarters, halves, years … millennia.
pub const LADDER: [TickStep; 35] = [
    TickStep::Seconds(1),
    TickStep::Seconds(5),
    TickStep::Seconds(10),
    TickStep::Seconds(15),
    TickStep::Seconds(30),
    TickStep::Seconds(60),
    TickStep::Seconds(5 * 60),
    TickStep::Seconds(10 * 60),
    TickStep::Seconds(15 * 60),
    TickStep::Seconds(30 * 60),
    TickStep::Seconds(3_600),
    TickStep::Seconds(3 * 3_600),
    TickStep::Seconds(6 * 3_600),
    TickStep::Seconds(12 * 3_600),
    TickStep::Seconds(DAY),
    TickStep::Weeks,
    TickStep::Months(1),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Years(1),
    TickStep::Years(2),
    TickStep::Years(5),
    TickStep::Years(10),
    TickStep::Years(20),
    TickStep::Years(50),
    TickStep::Years(100),
    TickStep::Years(200),
    TickStep::Years(500),
    TickStep::Years(1_000),
    TickStep::Years(2_000),
    TickStep::Years(5_000),
    TickStep::Years(10_000),
    TickStep::Years(20_000),
    TickStep::Years(50_000),
    TickStep::Years(100_000),
];

impl TickStep {
    /// The *shortest* distance between two ticks of this step, so a spacing check on it
    /// holds for every pair (February is 28 days, a quarter at least 90).
    pub fn min_seconds(self) -> f64 {
        let days = |d: i64| (d * DAY) as f64;
        match self {
            Self::Seconds(n) => n as f64,
            Self::Weeks => days(7),
            Self::Months(1) => days(28),
            Self::Months(3) => days(90),
            Self::Months(m) => days(i64::from(m) * 30),
            Self::Years(n) => days(365 * n),
        }
    }

    /// The coarser period named in the context row, if any.
    pub fn context(self) -> Option<TickStep> {
        match self {
            Self::Seconds(n) if n < DAY => Some(Self::Seconds(DAY)),
            Self::Seconds(_) | Self::Weeks => Some(Self::Months(1)),
            Self::Months(_) => Some(Self::Years(1)),
            Self::Years(_) => None,
        }
    }
}

/// A labelled (major) tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// UTC seconds.
    pub time: f64,
    pub x: f32,
    /// `None` only when no step could fit labels (e.g. a measurer returning huge widths).
    pub label: Option<TickLabel>,
}

/// Text with its left edge and measured width, in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct TickLabel {
    pub text: String,
    pub x: f32,
    pub width: f32,
}

/// An unlabelled tick between majors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinorTick {
    pub time: f64,
    pub x: f32,
}

/// The axis rows for one frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ticks {
    pub step: Option<TickStep>,
    /// Strictly increasing in time and x.
    pub major: Vec<Tick>,
    pub minor_step: Option<TickStep>,
    pub minor: Vec<MinorTick>,
    /// 0 when minor ticks are just at [`MIN_MINOR_SPACING_PX`], 1 at label spacing: the
    /// painter multiplies its minor-tick alpha by this so ticks fade in while zooming.
    pub minor_strength: f32,
    /// Coarser period labels; the first one sticks to the left edge.
    pub context: Vec<TickLabel>,
}

/// Local-time tick instants of `step` from the tick at or before `t0` up to `t1` (seconds,
/// already shifted by the UTC offset), with the calendar label of each.
fn walk(step: TickStep, t0: f64, t1: f64, context_labels: bool) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let Some(first) = datetime_from_seconds(t0) else {
        return out;
    };
    let label_at = |t: f64| -> String {
        let Some(dt) = datetime_from_seconds(t) else {
            return String::new();
        };
        if context_labels {
            return match step {
                TickStep::Seconds(_) => format!(
                    "{} {} {}",
                    dt.day(),
                    month_abbrev(dt.month()),
                    year_label(dt.year())
                ),
                TickStep::Weeks | TickStep::Months(_) => {
                    format!("{} {}", month_abbrev(dt.month()), year_label(dt.year()))
                }
                TickStep::Years(_) => year_label(dt.year()),
            };
        }
        match step {
            TickStep::Seconds(n) if n < 60 => {
                format!("{:02}:{:02}:{:02}", dt.hour(), dt.minute(), dt.second())
            }
            TickStep::Seconds(n) if n < DAY => format!("{:02}:{:02}", dt.hour(), dt.minute()),
            TickStep::Seconds(_) => dt.day().to_string(),
            TickStep::Weeks => format!("{} {}", dt.day(), month_abbrev(dt.month())),
            TickStep::Months(3) => format!("Q{}", (dt.month() - 1) / 3 + 1),
            TickStep::Months(6) => format!("H{}", (dt.month() - 1) / 6 + 1),
            TickStep::Months(_) => month_abbrev(dt.month()).to_owned(),
            TickStep::Years(_) => year_label(dt.year()),
        }
    };
    match step {
        TickStep::Seconds(_) | TickStep::Weeks => {
            // Mondays: the epoch (1970-01-01) was a Thursday, so weeks start 4 days later.
            let (n, phase) = match step {
                TickStep::Seconds(n) => (n.max(1) as f64, 0.0),
                _ => ((7 * DAY) as f64, (4 * DAY) as f64),
            };
            let mut t = ((t0 - phase) / n).floor() * n + phase;
            while t <= t1 && out.len() < MAX_TICKS {
                out.push((t, label_at(t)));
                t += n;
            }
        }
        TickStep::Months(n) => {
            let n = i64::from(n.max(1));
            let mut m =
                (i64::from(first.year()) * 12 + i64::from(first.month0())).div_euclid(n) * n;
            while out.len() < MAX_TICKS {
                let Some(t) = month_start(m) else { break };
                if t > t1 {
                    break;
                }
                out.push((t, label_at(t)));
                m += n;
            }
        }
        TickStep::Years(n) => {
            let n = n.max(1);
            let mut y = prev_year_tick(i64::from(first.year()), n);
            while out.len() < MAX_TICKS {
                let Some(t) = month_start(y * 12) else { break };
                if t > t1 {
                    break;
                }
                out.push((t, label_at(t)));
                y = next_year_tick(y, n);
            }
        }
    }
    out
}

/// Local seconds at the start of month index `m` (= astronomical year × 12 + month0).
fn month_start(m: i64) -> Option<f64> {
    let year = i32::try_from(m.div_euclid(12)).ok()?;
    let month = u32::try_from(m.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1).map(|d| seconds_from_datetime(midnight(d)))
}

/// The largest year tick ≤ `y` (astronomical years) for a step of `n` years.
pub fn prev_year_tick(y: i64, n: i64) -> i64 {
    if y > 0 {
        let a = y.div_euclid(n) * n;
        if a > 0 { a } else { 1 - n }
    } else {
        // BCE label of year y is 1 - y; round it *up* to a multiple of n (earlier in time).
        let label = 1 - y;
        let k = (label + n - 1) / n;
        1 - k * n
    }
}

/// The smallest year tick > `a`.
pub fn next_year_tick(a: i64, n: i64) -> i64 {
    if a < 0 {
        // Largest BCE label ≤ -a that is a multiple of n; if none, the first CE tick.
        let label = (-a).div_euclid(n) * n;
        if label >= n { 1 - label } else { n }
    } else {
        (a + 1 + n - 1).div_euclid(n) * n
    }
}

/// The axis rows for `axis`; labels are measured with `measure`; `utc_offset_seconds` shifts
/// the calendar used for tick placement and labels (layout stays in UTC).
pub fn ticks(axis: &TimeAxis, utc_offset_seconds: i64, measure: &dyn MeasureText) -> Ticks {
    // ±18 h covers every real time zone; clamping keeps wild input harmless.
    let offset = utc_offset_seconds.clamp(-18 * 3_600, 18 * 3_600) as f64;
    let spp = axis.seconds_per_pixel();
    let t0 = axis.view.min + offset;
    let x_of = |local: f64| axis.x_from_time(local - offset) as f32;
    let mut out = Ticks::default();

    // A broken axis is walked segment by segment (never through a skipped stretch), in local
    // time like the rest.
    let segments: Vec<(f64, f64)> = axis
        .segments()
        .into_iter()
        .map(|(a, b)| (a + offset, b + offset))
        .collect();
    let walk_segments = |step: TickStep, sticky: bool| -> Vec<(f64, String)> {
        let mut out = Vec::new();
        for &(a, b) in &segments {
            out.extend(
                walk(step, a, b, sticky)
                    .into_iter()
                    .filter(|(t, _)| sticky || *t >= a),
            );
            if out.len() > MAX_TICKS {
                break;
            }
        }
        out
    };
    let segment_of = |t: f64| segments.iter().position(|&(_, b)| t <= b).unwrap_or(0);
    let mut chosen = None;
    for (rung, &step) in LADDER.iter().enumerate() {
        if (step.min_seconds() / spp) < f64::from(MIN_LABEL_SPACING_PX) {
            continue;
        }
        let mut major: Vec<Tick> = walk_segments(step, false)
            .into_iter()
            .filter(|(t, _)| *t >= t0)
            .map(|(t, text)| {
                let x = x_of(t);
                let width = measure.width(&text);
                Tick {
                    time: t - offset,
                    x,
                    label: Some(TickLabel {
                        text,
                        x: x + LABEL_PAD_PX,
                        width,
                    }),
                }
            })
            .collect();
        let fits = major.windows(2).all(|w| {
            let (a, b) = (&w[0], &w[1]);
            let (la, lb) = (a.label.as_ref(), b.label.as_ref());
            let end = la.map_or(a.x, |l| l.x + l.width);
            let next = lb.map_or(b.x, |l| l.x);
            // Across a break ticks may be close: the later one's label gives way below.
            let across = segment_of(a.time + offset) != segment_of(b.time + offset);
            b.time > a.time
                && (across || b.x - a.x >= MIN_LABEL_SPACING_PX && end + LABEL_GAP_PX <= next)
        });
        if fits {
            drop_colliding_labels(&mut major);
            chosen = Some((rung, step, major));
            break;
        }
    }
    let (rung, step, major) = match chosen {
        Some(c) => c,
        None => {
            // Nothing fits labels: coarsest rung, unlabelled, still increasing.
            let step = LADDER[LADDER.len() - 1];
            let major = walk_segments(step, false)
                .into_iter()
                .filter(|(t, _)| *t >= t0)
                .map(|(t, _)| Tick {
                    time: t - offset,
                    x: x_of(t),
                    label: None,
                })
                .collect();
            (LADDER.len() - 1, step, major)
        }
    };
    out.step = Some(step);
    out.major = major;

    // Minor ticks: the finest rung below the major one that is not too dense.
    if let Some(&minor) = LADDER[..rung]
        .iter()
        .find(|s| s.min_seconds() / spp >= f64::from(MIN_MINOR_SPACING_PX))
    {
        let px = (minor.min_seconds() / spp) as f32;
        out.minor_step = Some(minor);
        out.minor_strength = ((px - MIN_MINOR_SPACING_PX)
            / (MIN_LABEL_SPACING_PX - MIN_MINOR_SPACING_PX))
            .clamp(0.0, 1.0);
        out.minor = walk_segments(minor, false)
            .into_iter()
            .filter(|(t, _)| *t >= t0)
            .map(|(t, _)| MinorTick {
                time: t - offset,
                x: x_of(t),
            })
            .collect();
    }

    if let Some(context) = step.context() {
        let mut labels: Vec<TickLabel> = Vec::new();
        for (k, &(a, b)) in segments.iter().enumerate() {
            // Each segment names the period it starts in at its left end (sticky), so the
            // far side of a break says where it is.
            let seg_x = x_of(a);
            let first = labels.len();
            for (t, text) in walk(context, a, b, true) {
                let x = x_of(t).max(if k == 0 { axis.x_min } else { seg_x }) + LABEL_PAD_PX;
                let width = measure.width(&text);
                if let Some(last) = labels.last()
                    && last.x + last.width + LABEL_GAP_PX > x
                {
                    // Normally only a sticky label can collide (periods are coarser than the
                    // ≥ 60 px major step): the real period start wins over the sticky one.
                    if labels.len() == first + 1 {
                        labels.pop();
                    } else if labels.len() > first {
                        continue;
                    } else {
                        // The previous segment's last label runs into this one: it goes.
                        labels.pop();
                    }
                }
                labels.push(TickLabel { text, x, width });
            }
        }
        out.context = labels;
    }
    out
}

/// Drops the labels of ticks that would touch the previous label (only ever across a break,
/// where two segments meet); the tick lines stay.
fn drop_colliding_labels(major: &mut [Tick]) {
    let mut end = f32::NEG_INFINITY;
    for tick in major.iter_mut() {
        if let Some(l) = &tick.label {
            if l.x < end + LABEL_GAP_PX {
                tick.label = None;
            } else {
                end = l.x + l.width;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::measure::CharWidthEstimate;
    use crate::timeline::view::{SECONDS_PER_YEAR, TimeView};

    fn year_start(y: i32) -> f64 {
        seconds_from_datetime(midnight(NaiveDate::from_ymd_opt(y, 1, 1).unwrap()))
    }

    #[test]
    fn year_ticks_skip_year_zero_in_labels() {
        // Step 100: ... 200 BCE (-199), 100 BCE (-99), 100, 200.
        assert_eq!(next_year_tick(-199, 100), -99);
        assert_eq!(next_year_tick(-99, 100), 100);
        assert_eq!(next_year_tick(100, 100), 200);
        assert_eq!(prev_year_tick(50, 100), -99);
        assert_eq!(prev_year_tick(-150, 100), -199);
        // Step 1 visits every year, including astronomical 0 (= 1 BCE).
        assert_eq!(next_year_tick(-1, 1), 0);
        assert_eq!(next_year_tick(0, 1), 1);
        let axis = TimeAxis::new(
            TimeView::new(year_start(-450), 900.0 * SECONDS_PER_YEAR),
            0.0,
            1000.0,
        );
        let t = ticks(&axis, 0, &CharWidthEstimate::default());
        let labels: Vec<_> = t
            .major
            .iter()
            .map(|t| t.label.as_ref().unwrap().text.clone())
            .collect();
        assert_eq!(t.step, Some(TickStep::Years(100)));
        assert!(labels.contains(&"100 BCE".to_owned()), "{labels:?}");
        assert!(labels.contains(&"100".to_owned()), "{labels:?}");
        assert!(
            !labels.iter().any(|l| l == "0" || l == "1 BCE"),
            "{labels:?}"
        );
    }

    #[test]
    fn months_have_the_year_as_context_and_offset_moves_ticks() {
        let start = year_start(2024) + 10.0 * 86_400.0;
        let axis = TimeAxis::new(TimeView::new(start, 365.0 * 86_400.0), 0.0, 1200.0);
        let t = ticks(&axis, 0, &CharWidthEstimate::default());
        assert_eq!(t.step, Some(TickStep::Months(1)));
        assert_eq!(t.major[0].label.as_ref().unwrap().text, "Feb");
        let context: Vec<_> = t.context.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(context, ["2024", "2025"]);
        assert_eq!(t.context[0].x, LABEL_PAD_PX, "sticky at the left edge");
        // UTC+2: local midnight of 1 Feb is 22:00 UTC the day before.
        let shifted = ticks(&axis, 7_200, &CharWidthEstimate::default());
        assert_eq!(shifted.major[0].time, t.major[0].time - 7_200.0);
    }

    #[test]
    fn minutes_zoom_uses_clock_labels_with_the_day_as_context() {
        let axis = TimeAxis::new(
            TimeView::new(year_start(2025) + 3_600.0, 600.0),
            0.0,
            1000.0,
        );
        let t = ticks(&axis, 0, &CharWidthEstimate::default());
        assert_eq!(t.major[0].label.as_ref().unwrap().text, "01:00");
        assert_eq!(t.context[0].text, "1 Jan 2025");
        assert!(t.minor.len() > t.major.len());
        assert!((0.0..=1.0).contains(&t.minor_strength));
    }
}
