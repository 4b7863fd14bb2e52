#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs inside xvfb-run + dbus-run-session (see pkio-dev.sh): starts a real gnome-keyring,
# unlocked without a prompt, then the whole meson test suite.
set -euo pipefail
builddir="$1"
shift

# A fresh login keyring in the temp HOME, unlocked with a throwaway password.
eval "$(printf 'pkio-test' | gnome-keyring-daemon --replace --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true

# Screen readers and UI drivers (AT-SPI) need this on; harmless otherwise.
gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true

status=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
exit $status
