#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the New order view's screenshots (English and Dutch) into data/screenshots/, the way
# the tests run the app: Xvfb, a private session bus, a temporary home, practice mode.
#   build-aux/order-screenshots.sh [BUILDDIR] [WIDTH HEIGHT [OUTDIR]]
set -euo pipefail
srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builddir="${1:-$srcdir/_build}"
width="${2:-1200}"
height="${3:-720}"
outdir="${4:-$srcdir/data/screenshots}"
tool="$builddir/tests/pkio-order-screenshots"
mkdir -p "$outdir"

for lang in en nl; do
  for scenario in empty errors review result duplicate; do
    tmp="$(mktemp -d -t pkio-shots.XXXXXX)"
    mkdir -p "$tmp/home" "$tmp/runtime" "$tmp/data" && chmod 700 "$tmp/runtime"
    suffix=""
    [ "$lang" = nl ] && suffix="-nl"
    env HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" XDG_DATA_HOME="$tmp/data" \
        XDG_CONFIG_HOME="$tmp/home/.config" GSETTINGS_BACKEND=memory \
        GSETTINGS_SCHEMA_DIR="$builddir/data" PKIO_ORDERS_LOCALEDIR="$builddir/po" \
        LANGUAGE="$lang" LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 \
        xvfb-run -a -s "-screen 0 $((width + 40))x$((height + 40))x24" \
        dbus-run-session -- "$tool" "$scenario" "$width" "$height" \
        "$outdir/new-order-$scenario$suffix.png" 2>/dev/null
    rm -rf "$tmp" 2>/dev/null || true   # the document portal may leave its mount behind
  done
done
ls -l "$outdir"/new-order-*.png
