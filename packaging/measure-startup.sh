#!/usr/bin/env bash
# Measures how long the desktop app takes from launch to its first frame on screen, under Xvfb
# (software OpenGL via Mesa llvmpipe: a pessimistic stand-in for a real GPU). eframe keeps the
# window hidden until the first frame is painted, so "window became visible" = first frame.
#
#   packaging/measure-startup.sh [BINARY] [RUNS]
#
# Default BINARY: the release build in ${CARGO_TARGET_DIR:-target}/release/claimline. Cases: no
# project, the seed article imported, and a 10,000-entry demo project. Prints the median of RUNS
# (default 5) for each. Needs xvfb and xdotool (apt-get install xvfb xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/release/claimline}
runs=${2:-5}
[ -x "$bin" ] || { echo "measure-startup.sh: no binary at $bin (cargo build --release)" >&2; exit 1; }
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "measure-startup.sh: needs $tool" >&2; exit 1; }
done

work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=$display
# A fresh config dir per run: no remembered window state or recent files.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

"$bin" import assets/examples/orikhiv-desertions.txt --published 2025-08-21 -o "$work/seed.claimline" >/dev/null
"$bin" demo --entries 10000 -o "$work/demo10k.claimline" >/dev/null

# Milliseconds from exec to the app's window being visible.
first_frame_ms() {
  rm -rf "$work/config" "$work/data"
  local start end pid
  start=$(date +%s%N)
  "$bin" "$@" >/dev/null 2>&1 &
  pid=$!
  if ! timeout 60 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1; then
    kill "$pid" 2>/dev/null || true
    echo "measure-startup.sh: no visible window within 60 s" >&2
    return 1
  fi
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for case in "no project:" "seed article:$work/seed.claimline" "10,000 entries:$work/demo10k.claimline"; do
  name=${case%%:*} project=${case#*:}
  times=()
  for _ in $(seq "$runs"); do
    if [ -n "$project" ]; then times+=("$(first_frame_ms "$project")"); else times+=("$(first_frame_ms)"); fi
  done
  printf '%-16s median %5s ms   (runs: %s)\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
done
