#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the headless core, then the app's UI tests.
# Works on a fresh Debian/Ubuntu machine (installs what is missing) and is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# A one-off build gains nothing from incremental state, which only costs disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

# One clippy pass over every target with the GUI on: it lints the core as well, and a second,
# headless pass cost CI ten minutes for the few `cfg(not(feature = "gui"))` lines.
step "clippy (all targets, with GUI)"
cargo clippy --all-targets --features ui-tests -- -D warnings

step "tests (headless core, no GUI): unit, tests/core, doc tests"
cargo test --no-default-features
step "tests (with GUI): the app's unit tests and the egui_kittest UI tests (tests/ui)"
# tests/core already ran above; only what the GUI feature adds runs again.
cargo test --features ui-tests --lib --test ui
# Benches are compiled (not run) by clippy --all-targets above; figures: docs/PERFORMANCE.md.
