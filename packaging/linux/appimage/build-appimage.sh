#!/usr/bin/env bash
# Builds Claimline-<version>-x86_64.AppImage: one file that runs on most Linux desktops.
#
#   packaging/linux/appimage/build-appimage.sh              release build, AppDir, AppImage
#   packaging/linux/appimage/build-appimage.sh --appdir-only  stop after the AppDir (offline)
#   BINARY=path/to/claimline ...build-appimage.sh           package an existing release binary
#
# Output in target/appimage/ (or $OUT_DIR). The last step runs appimagetool, which is not a
# Debian package: it is downloaded from the AppImage project's GitHub releases (APPIMAGETOOL
# may name a local copy instead), and it fetches the AppImage runtime itself. So only the
# AppDir step works on an offline machine; the release workflow runs the whole script.
#
# Why no linuxdeploy: the binary links only glibc and libgcc_s; everything else (OpenGL/EGL,
# X11, xkbcommon, Wayland) is dlopened at run time and is on the AppImage exclude list anyway —
# those must come from the host's graphics stack. So the AppDir is just the binary, desktop
# entry, icons and metainfo. The AppImage needs a glibc at least as new as the build machine's:
# build on the oldest distribution you support (the workflow uses ubuntu-22.04, glibc 2.35).
set -euo pipefail
cd "$(dirname "$0")/../../.."

version=$(awk '/^\[/{pkg = ($0 == "[package]")} pkg && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' Cargo.toml)
[ -n "$version" ] || { echo "build-appimage.sh: no version in Cargo.toml [package]" >&2; exit 1; }
arch=$(uname -m)
out=${OUT_DIR:-target/appimage}
appdir="$out/Claimline.AppDir"

binary=${BINARY:-}
if [ -z "$binary" ]; then
  cargo build --release --locked
  binary="${CARGO_TARGET_DIR:-target}/release/claimline"
fi

rm -rf "$appdir"
install -Dm755 "$binary" "$appdir/usr/bin/claimline"
install -Dm644 packaging/linux/claimline.desktop "$appdir/usr/share/applications/claimline.desktop"
install -Dm644 packaging/linux/claimline-mime.xml "$appdir/usr/share/mime/packages/claimline.xml"
install -Dm644 packaging/linux/io.github.claimline.Claimline.metainfo.xml \
  "$appdir/usr/share/metainfo/io.github.claimline.Claimline.metainfo.xml"
install -Dm644 packaging/icons/claimline.svg "$appdir/usr/share/icons/hicolor/scalable/apps/claimline.svg"
for png in packaging/icons/png/claimline-*.png; do
  n=${png##*-}; n=${n%.png}
  install -Dm644 "$png" "$appdir/usr/share/icons/hicolor/${n}x${n}/apps/claimline.png"
done
install -Dm644 assets/examples/orikhiv-desertions.txt "$appdir/usr/share/claimline/examples/orikhiv-desertions.txt"
# The AppImage spec wants the desktop entry, an icon and AppRun at the top of the AppDir.
ln -s usr/share/applications/claimline.desktop "$appdir/claimline.desktop"
cp packaging/icons/png/claimline-256.png "$appdir/claimline.png"
ln -s claimline.png "$appdir/.DirIcon"
cat >"$appdir/AppRun" <<'APPRUN'
#!/bin/sh
# Runs the bundled binary with the user's arguments (no arguments: the desktop app).
here=$(dirname "$(readlink -f "$0")")
exec "$here/usr/bin/claimline" "$@"
APPRUN
chmod 755 "$appdir/AppRun"
"$appdir/AppRun" --version >/dev/null
echo "AppDir ready: $appdir"

[ "${1:-}" = --appdir-only ] && exit 0

tool=${APPIMAGETOOL:-}
if [ -z "$tool" ]; then
  tool="$out/appimagetool-$arch.AppImage"
  if [ ! -x "$tool" ]; then
    curl -fsSL -o "$tool" \
      "https://github.com/AppImage/appimagetool/releases/download/continuous/appimagetool-$arch.AppImage"
    chmod 755 "$tool"
  fi
fi
image="$out/Claimline-$version-$arch.AppImage"
# Extract-and-run: CI runners often have no FUSE to mount the tool's own AppImage.
# --no-appstream: the metainfo is validated by packaging/test-deb.sh (appstreamcli); appimagetool
# would look for it under the desktop file's name instead of the component id.
APPIMAGE_EXTRACT_AND_RUN=1 ARCH=$arch VERSION=$version "$tool" --no-appstream "$appdir" "$image"
"$image" --appimage-extract-and-run --version
echo "$image"
