#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes History's screenshots after the order (English and Dutch, 360 px and wide: "Ends soon"
# and the revoke dialog) into
# data/screenshots/, the way the tests run the app: Xvfb, a private session bus, a temporary
# home, practice mode with its examples (one certificate ends in 20 days, one has ended).
#   build-aux/history-screenshots.sh [BUILDDIR [OUTDIR]]
set -euo pipefail
srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builddir="${1:-$srcdir/_build}"
outdir="${2:-$srcdir/data/screenshots}"
tool="$builddir/tests/pkio-history-screenshots"
mkdir -p "$outdir"

for lang in en nl; do
  for size in 360x720 1200x720; do
    for scenario in ends-soon revoke-dialog; do
      width="${size%x*}"
      height="${size#*x}"
      tmp="$(mktemp -d -t pkio-shots.XXXXXX)"
      mkdir -p "$tmp/home" "$tmp/runtime" "$tmp/data" && chmod 700 "$tmp/runtime"
      suffix="-$width"
      [ "$lang" = nl ] && suffix="$suffix-nl"
      env HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" XDG_DATA_HOME="$tmp/data" \
          XDG_CONFIG_HOME="$tmp/home/.config" GSETTINGS_BACKEND=memory \
          GSETTINGS_SCHEMA_DIR="$builddir/data" PKIO_ORDERS_LOCALEDIR="$builddir/po" \
          LANGUAGE="$lang" LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 \
          xvfb-run -a -s "-screen 0 $((width + 40))x$((height + 40))x24" \
          dbus-run-session -- "$tool" "$scenario" "$width" "$height" \
          "$outdir/history-$scenario$suffix.png" >/dev/null 2>&1
      rm -rf "$tmp" 2>/dev/null || true
    done
  done
done
ls -l "$outdir"/history-*.png
