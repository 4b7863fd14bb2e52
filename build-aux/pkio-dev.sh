#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README:
#   build-aux/pkio-dev.sh run    install what is missing, build, start the app
#   build-aux/pkio-dev.sh test   install what is missing, build, run every test
# Extra arguments after "run" go to the app (e.g. --practice); after "test" to meson test.
# BUILDDIR (default: _build) chooses the build folder; WERROR=1 treats warnings as errors.
set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builddir="${BUILDDIR:-$srcdir/_build}"

# Debian 12 / Ubuntu package names. Keep this list the one place that says what we need.
packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libsqlite3-dev iso-codes
  appstream desktop-file-utils
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  at-spi2-core python3 python3-gi gir1.2-atspi-2.0 xdotool
  flatpak-builder sqlite3 imagemagick libglib2.0-bin x11-utils
)

install_missing_packages() {
  local missing=()
  local pkg
  for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  echo "Installing missing packages: ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    "${missing[@]}" >&2
}

configure_and_build() {
  local werror=false
  if [ "${WERROR:-0}" = 1 ]; then
    werror=true
  fi
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$srcdir" -Dwerror="$werror" >&2
  else
    meson configure "$builddir" -Dwerror="$werror" >/dev/null
  fi
  ninja -C "$builddir" >&2
}

run_app() {
  # Run from the build tree: schema, translations and resources come from there.
  export GSETTINGS_SCHEMA_DIR="$builddir/data"
  export PKIO_ORDERS_LOCALEDIR="$builddir/po"
  exec "$builddir/src/pkio-orders" "$@"
}

# The document portal, started on the test bus by GTK, may leave its FUSE mount in the
# runtime folder behind; rm cannot remove a mount point. Cleaning up never decides the exit
# status: the tests do.
cleanup_test_dir() {
  local status=$?
  if mountpoint -q "$tmp/runtime/doc" 2>/dev/null; then
    fusermount -u -z "$tmp/runtime/doc" 2>/dev/null \
      || umount -l "$tmp/runtime/doc" 2>/dev/null || true
  fi
  rm -rf "$tmp" 2>/dev/null || echo "warning: could not remove $tmp" >&2
  exit $status
}

run_tests() {
  # Tests never see the real home, keyring or settings: everything lives in a temp folder
  # that is set *before* dbus-run-session, so services started on the bus inherit it.
  tmp="$(mktemp -d -t pkio-orders-test.XXXXXX)"
  trap cleanup_test_dir EXIT
  mkdir -p "$tmp/home" "$tmp/runtime" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/state"
  chmod 700 "$tmp/runtime"
  # -noreset: Xvfb resets when its last client leaves, and then refuses the next one for a
  # moment; with the accessibility bus's helpers coming and going, an app started right then
  # failed with "cannot open display".
  env HOME="$tmp/home" \
      XDG_RUNTIME_DIR="$tmp/runtime" \
      XDG_DATA_HOME="$tmp/data" \
      XDG_CONFIG_HOME="$tmp/config" \
      XDG_CACHE_HOME="$tmp/cache" \
      XDG_STATE_HOME="$tmp/state" \
      xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
      dbus-run-session -- "$srcdir/build-aux/test-session.sh" "$builddir" "$@"
}

case "${1:-}" in
  run)
    shift
    install_missing_packages
    configure_and_build
    run_app "$@"
    ;;
  test)
    shift
    install_missing_packages
    configure_and_build
    run_tests "$@"
    ;;
  deps)
    install_missing_packages
    ;;
  build)
    install_missing_packages
    configure_and_build
    ;;
  *)
    echo "usage: $0 run|test|build|deps [ARGS…]" >&2
    exit 64
    ;;
esac
