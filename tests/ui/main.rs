//! egui_kittest tests of the desktop app (`cargo test --features ui-tests --test ui`).
//!
//! One binary for all UI tests: each links the GUI stack, so one link instead of three.

#[path = "../common/story.rs"]
mod story;

mod chronology;
mod cpu_renderer;
mod fit;
mod import;
mod review;
mod selection;
mod shell;
mod snapshots;
mod timeline;
