#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README:
#   build-aux/pkio-dev.sh run    install what is missing, build, start the app
#   build-aux/pkio-dev.sh test   install what is missing, build, run every test
# and the checks of tests/README.md:
#   build-aux/pkio-dev.sh test-sanitize   every test built with ASan + UBSan (_build-sanitize)
#   build-aux/pkio-dev.sh build-sanitize  only that build (.ci/run makes it while the normal
#                                         half's tests run)
#   build-aux/pkio-dev.sh test-only / test-sanitize-only
#                                         the tests (as test / test-sanitize run them) on the
#                                         build in BUILDDIR as it is: no package install, no
#                                         build, so that several sessions can test one build
#                                         at once (.ci/run)
#   build-aux/pkio-dev.sh test-valgrind   the core, CLI and fuzz-corpus tests under memcheck
# and for packaging:
#   build-aux/pkio-dev.sh test-headless   the suites that need no display (core, cli, fuzz,
#                                         data) on the build in BUILDDIR as it is: no package
#                                         install, no build, no Xvfb (debian/rules runs it)
#   build-aux/pkio-dev.sh deb             the Debian package (dpkg-buildpackage -us -uc -b),
#                                         into _deb/, checked by build-aux/check-deb.sh
# Extra arguments after "run" go to the app (e.g. --practice); after "test*" to meson test.
# BUILDDIR (default: _build, or _build-sanitize for *-sanitize) chooses the build folder;
# WERROR=1 treats warnings as errors.
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
  # orca: the screen reader that tests/test-orca.py runs (speech off) to hear every view
  at-spi2-core python3 python3-gi gir1.2-atspi-2.0 xdotool orca
  flatpak-builder sqlite3 imagemagick libglib2.0-bin x11-utils dconf-cli
  # libgtk-4-bin: gtk4-encode-symbolic-svg, for build-aux/render-symbolic-icons.sh
  libgtk-4-bin
  valgrind clang llvm
  debhelper dpkg-dev fakeroot lintian
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

# Extra arguments are meson options for a new build folder (e.g. -Db_sanitize=…). The build
# is for tests and benchmarks, so it has their hooks (-Dtest_hooks=true, meson.options); a
# release build (the default, Flatpak, Debian) does not.
configure_and_build() {
  local werror=false
  if [ "${WERROR:-0}" = 1 ]; then
    werror=true
  fi
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$srcdir" -Dwerror="$werror" -Dtest_hooks=true "$@" >&2
  elif ! meson configure "$builddir" -Dwerror="$werror" -Dtest_hooks=true "$@" >/dev/null 2>&1
  then
    # A build folder older than an option it is given (meson configure does not know it yet).
    meson setup --reconfigure "$builddir" "$srcdir" -Dwerror="$werror" -Dtest_hooks=true "$@" >&2
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

# test_display=none (test-headless) runs without Xvfb, and no test can reach a display.
test_display=xvfb

run_tests() {
  # Tests never see the real home, keyring, settings or session bus: everything lives in a
  # temp folder that is set *before* dbus-run-session, so services started on the bus
  # inherit it.
  tmp="$(mktemp -d -t pkio-orders-test.XXXXXX)"
  trap cleanup_test_dir EXIT
  mkdir -p "$tmp/home" "$tmp/runtime" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/state"
  chmod 700 "$tmp/runtime"
  local session=(dbus-run-session -- "$srcdir/build-aux/test-session.sh" "$builddir" "$@")
  if [ "$test_display" = xvfb ]; then
    # -noreset: Xvfb resets when its last client leaves, and then refuses the next one for a
    # moment; with the accessibility bus's helpers coming and going, an app started right
    # then failed with "cannot open display".
    session=(xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "${session[@]}")
  fi
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u DCONF_PROFILE \
      HOME="$tmp/home" \
      XDG_RUNTIME_DIR="$tmp/runtime" \
      XDG_DATA_HOME="$tmp/data" \
      XDG_CONFIG_HOME="$tmp/config" \
      XDG_CACHE_HOME="$tmp/cache" \
      XDG_STATE_HOME="$tmp/state" \
      "${session[@]}"
}

# The Debian package's build runs this on its own build folder: the suites that need no
# display, in the same temporary home and private bus as every other test run.
run_headless_tests() {
  if [ ! -f "$builddir/build.ninja" ]; then
    echo "test-headless: no build in $builddir (set BUILDDIR)" >&2
    exit 1
  fi
  test_display=none
  local arg
  for arg in "$@"; do
    case "$arg" in --suite|--suite=*) run_tests "$@"; return ;; esac
  done
  run_tests --suite core --suite cli --suite fuzz --suite data "$@"
}

# For test-only and test-sanitize-only: those run beside each other on one build (.ci/run), and
# two meson configure or ninja runs in one build folder at once could break it.
require_build() {
  if [ ! -f "$builddir/build.ninja" ]; then
    echo "$1: no build in $builddir (set BUILDDIR, or run build or build-sanitize first)" >&2
    exit 1
  fi
}

# The Debian package, built from this tree as it is (committed or not) in a copy, so the
# package build's files never mix with the tree's. Extra arguments go to dpkg-buildpackage
# (e.g. -Pnocheck, as .ci/run builds it). The .deb and .buildinfo land in $DEB_OUT
# (default: _deb/).
build_deb() {
  local out="${DEB_OUT:-$srcdir/_deb}"
  local work
  work="$(mktemp -d -t pkio-orders-deb.XXXXXX)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  mkdir -p "$out" "$work/pkio-orders"
  # Only what git knows about (tracked or new, not ignored, not deleted): no build folders.
  git -C "$srcdir" ls-files -z --cached --others --exclude-standard \
    | (cd "$srcdir" && while IFS= read -r -d '' f; do
         if [ -e "$f" ]; then printf '%s\0' "$f"; fi
       done) \
    | tar -C "$srcdir" --null -T - -cf - | tar -C "$work/pkio-orders" -xf -
  (cd "$work/pkio-orders" && dpkg-buildpackage -us -uc -b "$@") >&2
  rm -f "$out"/pkio-orders*.deb "$out"/pkio-orders*.buildinfo "$out"/pkio-orders*.changes
  cp "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$out"/
  # Checked without installing it: lintian, its contents, an unpacked copy.
  "$srcdir/build-aux/check-deb.sh" "$out"/pkio-orders_*.deb
}

# ASan + UBSan: any error aborts the test that hit it. Leaks fail a test too (with full stacks,
# so the slow unwinder), except what tests/lsan.supp lists of other libraries; the UI suites
# run without leak detection (tests/meson.build says why).
run_sanitized_tests() {
  export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:halt_on_error=1:print_summary=1:strict_string_checks=1:detect_stack_use_after_return=1"
  export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_summary=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$srcdir/tests/lsan.supp:print_suppressions=0"
  # GLib 2.74's slice allocator would hide use-after-free and leaks from ASan.
  export G_SLICE=always-malloc
  run_tests --timeout-multiplier 3 "$@"
}

# memcheck on the headless suites (core, cli, fuzz corpus), following the CLI tests into the
# pkio-orders and simulator processes they start. One log per process in
# $builddir/meson-logs/valgrind/; a test fails when its process has an error or a definite
# leak. tests/valgrind.supp lists what libsoup, libsecret and GDBus lose, each with why.
run_valgrind_tests() {
  local logdir="$builddir/meson-logs/valgrind"
  rm -rf "$logdir"
  mkdir -p "$logdir"
  export G_SLICE=always-malloc
  local wrapper="valgrind --quiet --error-exitcode=99 --leak-check=full"
  wrapper+=" --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=yes"
  wrapper+=" --suppressions=$srcdir/tests/valgrind.supp --gen-suppressions=all"
  wrapper+=" --trace-children=yes --trace-children-skip=/usr/*,/bin/*,*/sh,*/python3"
  wrapper+=" --log-file=$logdir/%p.log"
  local status=0
  if [ $# -eq 0 ]; then
    set -- --suite core --suite cli --suite fuzz
  fi
  run_tests --wrapper "$wrapper" --timeout-multiplier 10 "$@" || status=$?
  # Every process's verdict, so a child's error is seen even when its test still passed.
  python3 - "$logdir" <<'PY' || status=1
import glob, re, sys
bad = []
logs = glob.glob(sys.argv[1] + '/*.log')
for log in logs:
    text = open(log, errors='replace').read()
    if re.search(r'^==\d+== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|'
                 r'Syscall param|Mismatched free|Source and destination overlap)', text, re.M) \
       or re.search(r'are definitely lost in loss record', text):
        bad.append(log)
print(f'valgrind: {len(logs)} processes checked, {len(bad)} with errors', file=sys.stderr)
for log in bad:
    print('  ' + log, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
  return $status
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
  test-sanitize)
    shift
    builddir="${BUILDDIR:-$srcdir/_build-sanitize}"
    install_missing_packages
    configure_and_build -Db_sanitize=address,undefined
    run_sanitized_tests "$@"
    ;;
  build-sanitize)
    builddir="${BUILDDIR:-$srcdir/_build-sanitize}"
    install_missing_packages
    configure_and_build -Db_sanitize=address,undefined
    ;;
  test-only)
    shift
    require_build test-only
    run_tests --no-rebuild "$@"
    ;;
  test-sanitize-only)
    shift
    builddir="${BUILDDIR:-$srcdir/_build-sanitize}"
    require_build test-sanitize-only
    run_sanitized_tests --no-rebuild "$@"
    ;;
  test-valgrind)
    shift
    install_missing_packages
    configure_and_build
    run_valgrind_tests "$@"
    ;;
  deps)
    install_missing_packages
    ;;
  test-headless)
    shift
    run_headless_tests "$@"
    ;;
  deb)
    shift
    install_missing_packages
    build_deb "$@"
    ;;
  build)
    install_missing_packages
    configure_and_build
    ;;
  *)
    echo "usage: $0 run|test|test-sanitize|build-sanitize|test-valgrind|test-headless|deb|build|deps [ARGS…]" >&2
    exit 64
    ;;
esac
