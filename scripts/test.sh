#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the headless core, then the app's UI tests.
# Works on a fresh Debian/Ubuntu machine (installs what is missing) and is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (headless core, no GUI)"
cargo clippy --no-default-features --all-targets -- -D warnings
step "clippy (with GUI)"
cargo clippy --all-targets --features ui-tests -- -D warnings

step "tests (headless core, no GUI)"
cargo test --no-default-features
step "tests (with GUI: egui_kittest UI tests)"
cargo test --features ui-tests
# Benches are compiled (not run) by clippy --all-targets above; figures: docs/PERFORMANCE.md.
