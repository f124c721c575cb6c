//! Frame-time recording for performance checks: `CLAIMLINE_FRAME_STATS=report.txt claimline`
//! records how long every frame took and writes a histogram there on exit.
//!
//! Two clocks per frame: the app's own work (layout and painting shapes, measured around
//! [`super::ClaimlineApp::show`]) and eframe's `cpu_usage` of the frame before, which adds
//! tessellation and the GL calls. Frames are bucketed against the 60 Hz budget (16.7 ms).

use std::path::PathBuf;
use std::time::Duration;

/// Upper bounds of the histogram buckets, in milliseconds.
const BUCKETS_MS: [f64; 7] = [2.0, 4.0, 8.0, 16.7, 33.3, 66.7, f64::INFINITY];

#[derive(Debug, Default)]
pub struct FrameStats {
    /// Where the report goes; `None` when recording is off.
    path: Option<PathBuf>,
    /// Milliseconds of the app's own work per frame.
    ui_ms: Vec<f64>,
    /// eframe's whole-frame CPU time, in milliseconds.
    frame_ms: Vec<f64>,
}

impl FrameStats {
    /// Recording is on when `CLAIMLINE_FRAME_STATS` names a file.
    pub fn from_env() -> Self {
        Self {
            path: std::env::var_os("CLAIMLINE_FRAME_STATS")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
            ..Self::default()
        }
    }

    pub fn enabled(&self) -> bool {
        self.path.is_some()
    }

    pub fn record(&mut self, ui: Duration, frame_cpu_seconds: Option<f32>) {
        if !self.enabled() {
            return;
        }
        self.ui_ms.push(ui.as_secs_f64() * 1e3);
        if let Some(s) = frame_cpu_seconds {
            self.frame_ms.push(f64::from(s) * 1e3);
        }
    }

    /// Writes the report, if recording; errors go to stderr (the app is closing).
    pub fn write(&self) {
        if let Some(path) = &self.path
            && let Err(e) = std::fs::write(path, self.report())
        {
            eprintln!(
                "claimline: cannot write frame stats to {}: {e}",
                path.display()
            );
        }
    }

    pub fn report(&self) -> String {
        let mut out = String::new();
        for (name, samples) in [
            ("app (layout + shapes)", &self.ui_ms),
            ("whole frame (eframe cpu_usage)", &self.frame_ms),
        ] {
            out.push_str(&summary(name, samples));
        }
        out
    }
}

/// Count, percentiles and a histogram of `samples` (milliseconds).
fn summary(name: &str, samples: &[f64]) -> String {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let pct = |p: f64| {
        if n == 0 {
            0.0
        } else {
            sorted[((p / 100.0) * (n - 1) as f64).round() as usize]
        }
    };
    let mean = if n == 0 {
        0.0
    } else {
        sorted.iter().sum::<f64>() / n as f64
    };
    let mut out = format!(
        "{name}: {n} frames, mean {mean:.2} ms, p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}\n",
        pct(50.0),
        pct(90.0),
        pct(99.0),
        pct(100.0)
    );
    let mut lower = 0.0;
    for upper in BUCKETS_MS {
        let count = sorted.iter().filter(|&&v| v >= lower && v < upper).count();
        let share = if n == 0 { 0.0 } else { count as f64 / n as f64 };
        let label = if upper.is_finite() {
            format!("{lower:>5.1}–{upper:<5.1} ms")
        } else {
            format!("{lower:>5.1}+       ms")
        };
        let bar = "#".repeat((share * 50.0).round() as usize);
        out.push_str(&format!(
            "  {label} {count:>6} {:>5.1}% {bar}\n",
            share * 100.0
        ));
        lower = upper;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_counts_frames_into_buckets_and_percentiles() {
        let mut s = FrameStats {
            path: Some(PathBuf::from("unused")),
            ..FrameStats::default()
        };
        for ms in [1.0, 1.5, 3.0, 10.0, 20.0, 100.0] {
            s.record(
                Duration::from_secs_f64(ms / 1e3),
                Some((ms * 2.0 / 1e3) as f32),
            );
        }
        let r = s.report();
        assert!(r.starts_with("app (layout + shapes): 6 frames"), "{r}");
        assert!(r.contains("max 100.00"), "{r}");
        let first = r.lines().nth(1).unwrap();
        assert!(
            first.contains("  0.0–2.0") && first.contains("     2  33.3%"),
            "{first}"
        );
        let last = r.lines().nth(7).unwrap();
        assert!(
            last.contains("66.7+") && last.contains("     1  16.7%"),
            "{last}"
        );
        assert!(r.contains("whole frame (eframe cpu_usage): 6 frames"));
        let mut off = FrameStats::default();
        off.record(Duration::from_millis(5), None);
        assert!(
            off.ui_ms.is_empty(),
            "nothing is kept when recording is off"
        );
    }
}
