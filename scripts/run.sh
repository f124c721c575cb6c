#!/usr/bin/env bash
# Builds Claimline (release) and runs it. Without arguments it opens the desktop app;
# with arguments it runs the command line, e.g.
#   scripts/run.sh extract assets/examples/orikhiv-desertions.txt --published 2025-08-21
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 0 ] && export CLAIMLINE_GUI_LIBS=1
source scripts/setup.sh
exec cargo run --release --quiet -- "$@"
