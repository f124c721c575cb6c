#!/usr/bin/env bash
# Renders the app icon from claimline.svg into every file a package needs:
#   png/claimline-<N>.png  (16…512; Linux hicolor sizes, AppImage, docs)
#   claimline.ico          (Windows: exe resource and MSI; 16, 24, 32, 48, 64, 256)
#   claimline.icns         (macOS .app bundle; 16, 32, 48, 128, 256, 512)
# The outputs are committed, so building a package never needs these tools; run this only
# after editing the SVG. Tools are Debian packages: librsvg2-bin (rsvg-convert),
# icoutils (icotool), icnsutils (png2icns). Installs them when missing and run as root.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
command -v icotool >/dev/null 2>&1 || need+=(icoutils)
command -v png2icns >/dev/null 2>&1 || need+=(icnsutils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "generate.sh: missing tools; install: apt-get install ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

sizes=(16 24 32 48 64 128 256 512)
mkdir -p png
for n in "${sizes[@]}"; do
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio claimline.svg -o "png/claimline-$n.png"
done

# ICO: the small sizes as BMP-style entries (best for old Explorer views), 256 as PNG (--raw)
# to keep the file small; Windows Vista and later read both.
icotool --create --output claimline.ico \
  png/claimline-16.png png/claimline-24.png png/claimline-32.png png/claimline-48.png \
  png/claimline-64.png --raw=png/claimline-256.png

# ICNS: png2icns picks the icon type from each image's size (is32/il32/ih32/it32/ic08/ic09).
png2icns claimline.icns \
  png/claimline-16.png png/claimline-32.png png/claimline-48.png png/claimline-128.png \
  png/claimline-256.png png/claimline-512.png >/dev/null

echo "generated: png/claimline-{$(IFS=,; echo "${sizes[*]}")}.png claimline.ico claimline.icns"
