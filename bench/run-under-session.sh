#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a benchmark the way the tests run: Xvfb, a private session bus, HOME and XDG_* in a temp
# folder (so nothing touches your real home or keyring) and, as build-aux/test-session.sh does,
# a fresh gnome-keyring in that home, unlocked with a throwaway password (bench-startup keeps
# its made-up key for the practice simulator there), e.g.
#   bench/run-under-session.sh _build/bench/bench-startup 9
set -euo pipefail
tmp="$(mktemp -d -t pkio-bench.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/runtime" && chmod 700 "$tmp/runtime"
# shellcheck disable=SC2016  # expanded by the inner shell, inside the session
inner='if command -v gnome-keyring-daemon >/dev/null; then
         eval "$(printf pkio-bench | gnome-keyring-daemon --replace --unlock --components=secrets)"
         export GNOME_KEYRING_CONTROL 2>/dev/null || true
       fi
       exec "$@"'
env HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" XDG_DATA_HOME="$tmp/home/.local/share" \
    XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
    xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash -c "$inner" bash "$@"
