#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install` puts every file in its standard place (into a DESTDIR, not the system).
builddir="$1"
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT
meson install -C "$builddir" --no-rebuild --quiet --destdir "$destdir" >/dev/null 2>&1
prefix=$(meson introspect "$builddir" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$destdir$prefix"
app=io.github.pkioorders.PkioOrders
set -- \
  "bin/pkio-orders" \
  "share/applications/$app.desktop" \
  "share/metainfo/$app.metainfo.xml" \
  "share/glib-2.0/schemas/$app.gschema.xml" \
  "share/icons/hicolor/scalable/apps/$app.svg" \
  "share/icons/hicolor/symbolic/apps/$app-symbolic.svg" \
  "share/locale/nl/LC_MESSAGES/pkio-orders.mo"
echo "1..$#"
i=0
for f in "$@"; do
  i=$((i + 1))
  if [ -f "$root/$f" ]; then echo "ok $i - installs $f"; else echo "not ok $i - installs $f"; fail=1; fi
done
exit ${fail:-0}
