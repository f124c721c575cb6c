#!/usr/bin/env bash
# macOS only. Assembles Claimline.app and a compressed .dmg (drag the app onto Applications):
#
#   packaging/macos/make-dmg.sh                      build for this Mac's architecture
#   packaging/macos/make-dmg.sh BIN_X86_64 BIN_ARM64 one universal app from two release
#                                                    binaries (lipo), as the release workflow does
#
# Output in target/macos/ (or $OUT_DIR): Claimline.app and Claimline-<version>-<arch>.dmg.
# Bundle layout:
#   Claimline.app/Contents/Info.plist              packaging/macos/Info.plist, version filled in
#   Claimline.app/Contents/PkgInfo
#   Claimline.app/Contents/MacOS/claimline         the app; also the CLI when given arguments
#   Claimline.app/Contents/Resources/claimline.icns
#   Claimline.app/Contents/Resources/examples/orikhiv-desertions.txt
# Signing: ad hoc by default (enough to run locally; Gatekeeper warns on other Macs). Set
# MACOS_SIGN_IDENTITY to a "Developer ID Application: ..." identity in the keychain to sign for
# distribution with the hardened runtime; notarise the .dmg afterwards (docs/RELEASING.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ "$(uname -s)" = Darwin ] || { echo "make-dmg.sh: needs macOS (hdiutil, lipo, codesign)" >&2; exit 1; }
version=$(awk '/^\[/{pkg = ($0 == "[package]")} pkg && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' Cargo.toml)
[ -n "$version" ] || { echo "make-dmg.sh: no version in Cargo.toml [package]" >&2; exit 1; }
out=${OUT_DIR:-target/macos}

binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
  cargo build --release --locked
  binaries=("${CARGO_TARGET_DIR:-target}/release/claimline")
fi

app="$out/Claimline.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources/examples"
if [ ${#binaries[@]} -gt 1 ]; then
  lipo -create -output "$app/Contents/MacOS/claimline" "${binaries[@]}"
  arch=universal
else
  cp "${binaries[0]}" "$app/Contents/MacOS/claimline"
  arch=$(lipo -archs "$app/Contents/MacOS/claimline" | tr ' ' '-')
fi
chmod 755 "$app/Contents/MacOS/claimline"
sed "s/@VERSION@/$version/g" packaging/macos/Info.plist >"$app/Contents/Info.plist"
plutil -lint "$app/Contents/Info.plist"
printf 'APPL????' >"$app/Contents/PkgInfo"
cp packaging/icons/claimline.icns "$app/Contents/Resources/"
cp assets/examples/orikhiv-desertions.txt "$app/Contents/Resources/examples/"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" "$app"
else
  # Apple silicon refuses unsigned code; lipo's output needs a fresh signature too.
  codesign --force --sign - "$app"
fi
codesign --verify --strict --verbose=2 "$app"

dmg="$out/Claimline-$version-$arch.dmg"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Claimline $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
hdiutil verify "$dmg"
echo "$dmg"
