//! egui_kittest tests of the desktop app (`cargo test --features ui-tests --test ui`).
//!
//! One binary for all UI tests: each links the GUI stack, so one link instead of three.

#[path = "../common/story.rs"]
mod story;

mod chronology;
mod cpu_renderer;
mod fit;
mod import;
mod key_dates;
mod review;
mod same_event;
mod selection;
mod shell;
mod snapshots;
mod timeline;

/// Steps the app until background imports finish (bounded, so a hang fails the test).
fn wait_for_imports(h: &mut egui_kittest::Harness<'static, claimline::app::ClaimlineApp>) {
    for _ in 0..1000 {
        h.step();
        if !h.state().imports_busy() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("import did not finish");
}
