#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs inside dbus-run-session (and xvfb-run, except for test-headless; see pkio-dev.sh):
# starts a real gnome-keyring, unlocked without a prompt, then the meson test suite.
set -euo pipefail
builddir="$1"
shift

# A fresh login keyring in the temp HOME, unlocked with a throwaway password. Without
# gnome-keyring (a Debian package build), the tests that need a keyring skip and say why.
if command -v gnome-keyring-daemon >/dev/null; then
  eval "$(printf 'pkio-test' | gnome-keyring-daemon --replace --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
fi

# Screen readers and UI drivers (AT-SPI) need this on; harmless otherwise.
gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true

status=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
exit $status
