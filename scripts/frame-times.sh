#!/usr/bin/env bash
# Measures frame times of the real app on a large project under Xvfb (software GL):
# opens a demo project, zooms with the wheel and pans by dragging for a while, quits, and
# prints the histogram the app writes (CLAIMLINE_FRAME_STATS; src/app/frame_stats.rs).
#
#   scripts/frame-times.sh [ENTRIES|PROJECT.claimline] [BINARY]
#       e.g. scripts/frame-times.sh 100000, or a real project:
#       scripts/frame-times.sh big.claimline target/eval/claimline
#
# Needs: xvfb xdotool (apt-get install -y xvfb xdotool mesa-utils libgl1-mesa-dri).
set -euo pipefail
entries="${1:-100000}"
bin="${2:-target/release/claimline}"
work="$(mktemp -d)"
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
if [[ "$entries" == *.claimline ]]; then
    cp "$entries" "$work/demo.claimline"
else
    "$bin" demo --entries "$entries" -o "$work/demo.claimline" >/dev/null
fi
Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:97
sleep 1
CLAIMLINE_FRAME_STATS="$work/frames.txt" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" \
    "$bin" "$work/demo.claimline" >/dev/null 2>&1 &
app=$!
# Wait for the window (loading 100k entries takes a few seconds).
for _ in $(seq 60); do
    xdotool search --onlyvisible --name Claimline >/dev/null 2>&1 && break
    sleep 1
done
sleep 3
window="$(xdotool search --onlyvisible --name Claimline | head -n 1)"
xdotool windowfocus "$window" 2>/dev/null || true
x=610 y=330 # inside the timeline
xdotool mousemove "$x" "$y"
for round in 1 2 3; do
    for _ in $(seq 12); do xdotool click 4; sleep 0.03; done   # wheel: zoom in
    for _ in 1 2; do                                          # drag: pan both ways
        xdotool mousedown 1
        for dx in $(seq 0 15 300); do xdotool mousemove $((x - dx)) "$y"; sleep 0.016; done
        for dx in $(seq 300 -15 -300); do xdotool mousemove $((x - dx)) "$y"; sleep 0.016; done
        xdotool mouseup 1
        xdotool mousemove "$x" "$y"
    done
    for _ in $(seq 12); do xdotool click 5; sleep 0.03; done   # wheel: zoom out
    xdotool key Home; sleep 0.5
done
xdotool key ctrl+q
for _ in $(seq 30); do kill -0 "$app" 2>/dev/null || break; sleep 1; done
echo "$entries entries, $(basename "$bin"), Xvfb 1280x800 (software GL)"
cat "$work/frames.txt"
