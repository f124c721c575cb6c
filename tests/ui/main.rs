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

/// `project` saved to a temporary file and opened in the app at 1280 × 800, as a user opens it.
fn open_at_1280(
    project: &claimline::model::Project,
) -> egui_kittest::Harness<'static, claimline::app::ClaimlineApp> {
    use claimline::app::{ClaimlineApp, Settings};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.claimline");
    claimline::model::file::save(project, &path).unwrap();
    let mut app = ClaimlineApp::new(Settings::default());
    app.native_dialogs = false;
    app.open(&path);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(claimline::app::install_fonts)
        .with_max_steps(64)
        .with_step_dt(0.25)
        // The View menu's theme buttons use "💻", which the bundled fonts lack (tofu).
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut ClaimlineApp| app.show(ui), app);
    h.run();
    h
}

/// Steps the app until `done` holds (background work: the digest, the groups), bounded so a
/// hang fails the test.
fn step_until(
    h: &mut egui_kittest::Harness<'static, claimline::app::ClaimlineApp>,
    what: &str,
    done: impl Fn(&claimline::app::ClaimlineApp) -> bool,
) {
    for _ in 0..1000 {
        h.step();
        if done(h.state()) {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{what} did not finish");
}
