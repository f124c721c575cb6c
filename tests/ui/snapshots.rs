//! Snapshot images of the fixture timeline at three zoom levels (years, months, hours),
//! rendered on the CPU (`cpu_renderer.rs`). Update them after an intended change with
//! `UPDATE_SNAPSHOTS=1 cargo test --features ui-tests --test ui snapshots` and look at the
//! new PNGs in `tests/ui/snapshots/` before committing.

use claimline::model::TimeSpan;
use claimline::timeline::TimeView;
use egui_kittest::SnapshotOptions;

use super::timeline::{harness, view};

fn options() -> SnapshotOptions {
    SnapshotOptions::new().output_path("tests/ui/snapshots")
}

#[test]
fn the_fixture_timeline_at_three_zoom_levels() {
    let mut h = harness();
    // The status bar names the temporary file the fixture was opened from.
    h.state_mut().notice = None;
    // The "today" line would move the images with the clock.
    h.state_mut().timeline.show_today = false;
    h.set_size(egui::vec2(1400.0, 760.0));
    h.run();
    let years = view(&h);
    h.snapshot_options("timeline_years", &options());

    let t = |v: &str| TimeSpan::parse(v, None).unwrap();
    h.state_mut().timeline.view = Some(TimeView::fit(
        t("2025-03").start_seconds(),
        t("2025-10").end_seconds(),
    ));
    h.run();
    assert!(view(&h).span < years.span / 5.0);
    h.snapshot_options("timeline_months", &options());

    let day = t("2025-08-20");
    h.state_mut().timeline.view = Some(TimeView::fit(
        day.start_seconds() - 6.0 * 3600.0,
        day.end_seconds() + 6.0 * 3600.0,
    ));
    h.run();
    let ticks = &h.state().timeline.last_layout.as_ref().unwrap().ticks;
    assert!(
        matches!(ticks.step, Some(claimline::timeline::TickStep::Seconds(s)) if s < 86_400),
        "hour ticks: {:?}",
        ticks.step
    );
    h.snapshot_options("timeline_hours", &options());
}
