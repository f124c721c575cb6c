#!/usr/bin/env bash
# Builds the Debian package (release build with the GUI, via cargo-deb), installs it, and checks
# the installed files and the installed binary:
#   - dpkg -L lists the binary, desktop entry, MIME type, metainfo, hicolor icons, example, docs;
#   - Depends carries the run-time libraries the window stack dlopens;
#   - /usr/bin/claimline --version prints Cargo.toml's version;
#   - /usr/bin/claimline extract on /usr/share/claimline/examples/... finds the seed article's
#     Voloshyn statement; import + export make a project from it;
#   - desktop-file-validate / appstreamcli accept the installed desktop entry and metainfo;
# then removes the package. Installs in a clean Debian container when Docker works and has
# (or can pull) the image, otherwise on this machine with dpkg -i (+ apt-get -f install for the
# dependencies): run it as root or with sudo. .ci/run calls it after scripts/test.sh.
#
#   packaging/test-deb.sh            build, install, check, remove
#   KEEP_INSTALLED=1 packaging/...   leave the package installed afterwards
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0   # builds on Rust 1.85+; bump deliberately
DEBIAN_IMAGE=debian:bookworm-slim
EXAMPLE=/usr/share/claimline/examples/orikhiv-desertions.txt

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

source scripts/setup.sh
# The version is written once, in Cargo.toml's [package] table.
version=$(awk '/^\[/{pkg = ($0 == "[package]")} pkg && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' Cargo.toml)
[ -n "$version" ] || fail "no version in Cargo.toml [package]"

step "tools: cargo-deb $CARGO_DEB_VERSION, dpkg-shlibdeps"
started=$SECONDS
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
  # cargo-deb uses it to fill $auto (libc6, libgcc-s1 versions) in Depends.
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev
fi
if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
  cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked --quiet
fi
echo "tools ready in $((SECONDS - started)) s"

# CLAIMLINE_DEB_PROFILE=dev packages the debug build (.ci/run: the tests built most of it
# already, and the checks are about the package, not the optimiser); releases use `release`.
profile="${CLAIMLINE_DEB_PROFILE:-release}"
step "cargo deb (profile $profile, default features: the desktop app)"
started=$SECONDS
cargo deb --quiet --profile "$profile" >/tmp/claimline-cargo-deb.out
deb=$(tail -n 1 /tmp/claimline-cargo-deb.out)
[ -f "$deb" ] || fail "cargo deb made no package (said: $(cat /tmp/claimline-cargo-deb.out))"
echo "built $deb in $((SECONDS - started)) s ($(du -h "$deb" | cut -f1))"

step "package metadata"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
[ "$(dpkg-deb --field "$deb" Version)" = "$version-1" ] \
  || fail "package version $(dpkg-deb --field "$deb" Version), Cargo.toml says $version"
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libc6 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libx11-6 libxcursor1 libxrandr2 libxi6; do
  [[ ", $depends," == *", $lib"[\ ,]* ]] || fail "Depends lacks $lib: $depends"
done
[[ "$(dpkg-deb --field "$deb" Recommends)" == *libwayland-client0* ]] || fail "Recommends lacks libwayland-client0"

# The checks run where the package is installed: in the container or on this machine.
# Arguments: the Cargo.toml version.
read -r -d '' CHECKS <<'CHECKS_EOF' || true
set -euo pipefail
version=$1
example=/usr/share/claimline/examples/orikhiv-desertions.txt
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
echo "--- dpkg -L claimline"
listing=$(dpkg -L claimline)
for f in /usr/bin/claimline /usr/share/applications/claimline.desktop \
         /usr/share/mime/packages/claimline.xml \
         /usr/share/metainfo/io.github.claimline.Claimline.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/claimline.svg "$example" \
         /usr/share/doc/claimline/copyright /usr/share/doc/claimline/README.md \
         /usr/share/doc/claimline/INSTALL.md; do
  grep -qx "$f" <<<"$listing" || fail "package does not install $f"
  [ -e "$f" ] || fail "$f listed but missing"
done
for n in 16 24 32 48 64 128 256 512; do
  f=/usr/share/icons/hicolor/${n}x${n}/apps/claimline.png
  grep -qx "$f" <<<"$listing" || fail "package does not install $f"
done
echo "all expected files installed"
if missing=$(ldd /usr/bin/claimline | grep 'not found'); then fail "unresolved libraries: $missing"; fi

echo "--- claimline --version"
out=$(/usr/bin/claimline --version)
echo "$out"
[ "$out" = "claimline $version" ] || fail "--version printed '$out', expected 'claimline $version'"

echo "--- claimline extract (installed example)"
json=$(/usr/bin/claimline extract "$example" --published 2025-08-21)
grep -Eq '"speaker": *"Vladyslav Voloshyn"' <<<"$json" || fail "extract: no statement by Vladyslav Voloshyn"
grep -Eq '"outlet": *"Ukrinform"' <<<"$json" || fail "extract: outlet Ukrinform not found"
grep -Eq '"published": *"2025-08-21"' <<<"$json" || fail "extract: --published not applied"
echo "extract finds Voloshyn's statement to Ukrinform"

echo "--- claimline import + export"
work=$(mktemp -d)
/usr/bin/claimline import "$example" --published 2025-08-21 -o "$work/story.claimline"
exported=$(/usr/bin/claimline export "$work/story.claimline" --format json -o -)
grep -q 'Vladyslav Voloshyn' <<<"$exported" || fail "export of the imported project lacks Voloshyn"
rm -rf "$work"
echo "import and export work"

echo "--- desktop entry and metainfo"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate /usr/share/applications/claimline.desktop
  echo "desktop-file-validate: ok"
else
  echo "desktop-file-validate not installed: skipped"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net /usr/share/metainfo/io.github.claimline.Claimline.metainfo.xml
else
  echo "appstreamcli not installed: skipped"
fi
if [ -f /usr/share/mime/globs2 ]; then
  grep -q 'application/x-claimline:\*\.claimline' /usr/share/mime/globs2 \
    || fail "MIME database does not know *.claimline (shared-mime-info trigger did not run?)"
  echo "MIME database maps *.claimline to application/x-claimline"
fi
CHECKS_EOF

checks=$(mktemp --suffix=-claimline-checks.sh)
printf '%s\n' "$CHECKS" >"$checks"
trap 'rm -f "$checks"' EXIT
chmod 644 "$checks"

# The container needs the image: present already, or pulled now. Where no registry serves it
# (offline CI), the package is checked on this machine instead.
container_ready() {
  docker info >/dev/null 2>&1 || return 1
  docker image inspect "$DEBIAN_IMAGE" >/dev/null 2>&1 && return 0
  timeout 300 docker pull -q "$DEBIAN_IMAGE" >/dev/null 2>&1
}
if container_ready; then
  step "install in a clean $DEBIAN_IMAGE container"
  started=$SECONDS
  docker run --rm -v "$(realpath "$deb"):/tmp/claimline.deb:ro" -v "$checks:/tmp/checks.sh:ro" \
    "$DEBIAN_IMAGE" bash -c "
      set -euo pipefail
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/claimline.deb \
        desktop-file-utils appstream shared-mime-info >/dev/null
      bash /tmp/checks.sh '$version'
      apt-get purge -y -qq claimline >/dev/null
      [ ! -e /usr/bin/claimline ]"
  echo "container install + checks in $((SECONDS - started)) s"
else
  step "install on this machine (docker not available): dpkg -i + apt-get -f install"
  started=$SECONDS
  if dpkg-query -W -f='${Status}' claimline 2>/dev/null | grep -q 'install ok installed'; then
    echo "note: a claimline package was installed already; it is replaced and removed at the end"
  fi
  cleanup() {
    rm -f "$checks"
    if [ "${KEEP_INSTALLED:-0}" != 1 ]; then
      step "remove the package"
      $sudo_cmd dpkg --purge claimline >/dev/null
      [ ! -e /usr/bin/claimline ] || { echo "test-deb: FAIL: /usr/bin/claimline left after purge" >&2; exit 1; }
      echo "removed"
    fi
  }
  trap cleanup EXIT
  if ! $sudo_cmd dpkg -i "$deb"; then
    # dpkg leaves the package unconfigured when dependencies are missing; apt fetches them.
    $sudo_cmd apt-get update -qq
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq
  fi
  dpkg-query -W -f='${Status}' claimline | grep -q 'install ok installed' || fail "claimline did not install"
  echo "installed in $((SECONDS - started)) s"
  step "checks on the installed package"
  bash "$checks" "$version"
fi
echo
echo "test-deb: $(basename "$deb") installs and works"
