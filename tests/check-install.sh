#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-install.sh BUILDDIR APP_ID SOURCE_ROOT
# `meson install` puts every file in its standard place (into a DESTDIR, not the system), and
# the D-Bus activation file starts the installed binary.
builddir="$1"
app="$2"
srcroot="$3"
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT
meson install -C "$builddir" --no-rebuild --quiet --destdir "$destdir" >/dev/null 2>&1
prefix=$(meson introspect "$builddir" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
bindir=$(meson introspect "$builddir" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="bindir"][0])')
case "$bindir" in /*) ;; *) bindir="$prefix/$bindir" ;; esac
root="$destdir$prefix"
service="share/dbus-1/services/$app.service"
licence="share/licenses/$app/COPYING"
set -- \
  "bin/pkio-orders" \
  "share/applications/$app.desktop" \
  "share/metainfo/$app.metainfo.xml" \
  "share/glib-2.0/schemas/$app.gschema.xml" \
  "share/icons/hicolor/scalable/apps/$app.svg" \
  "share/icons/hicolor/symbolic/apps/$app-symbolic.svg" \
  "share/locale/nl/LC_MESSAGES/pkio-orders.mo" \
  "share/man/man1/pkio-orders.1" \
  "$service" \
  "$licence"
echo "1..$(($# + 6))"
i=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
not_ok() { i=$((i + 1)); echo "not ok $i - $1"; fail=1; }
for f in "$@"; do
  if [ -f "$root/$f" ]; then ok "installs $f"; else not_ok "installs $f"; fi
done

# The licence is the full GPL v3 text the project ships.
if cmp -s "$srcroot/COPYING" "$root/$licence" \
   && grep -q 'GNU GENERAL PUBLIC LICENSE' "$root/$licence" \
   && grep -q 'Version 3, 29 June 2007' "$root/$licence" \
   && grep -q 'END OF TERMS AND CONDITIONS' "$root/$licence"; then
  ok "$licence is the full GPL-3.0 text of COPYING"
else
  not_ok "$licence is the full GPL-3.0 text of COPYING"
fi

# D-Bus activation: the service file names the app id and the installed binary, which exists.
name=$(sed -n 's/^Name=//p' "$root/$service" 2>/dev/null)
exec_line=$(sed -n 's/^Exec=//p' "$root/$service" 2>/dev/null)
if [ "$name" = "$app" ]; then ok "$service: Name=$app"; else not_ok "$service: Name=$app (got: $name)"; fi
expected_exec="$bindir/pkio-orders --gapplication-service"
if [ "$exec_line" = "$expected_exec" ]; then
  ok "$service: Exec=$expected_exec"
else
  not_ok "$service: Exec=$expected_exec (got: $exec_line)"
fi
exe=${exec_line%% *}
if [ -n "$exe" ] && [ -x "$destdir$exe" ] && [ -f "$destdir$exe" ]; then
  ok "the service's executable $exe is installed"
else
  not_ok "the service's executable $exe is installed"
fi
desktop="$root/share/applications/$app.desktop"
if grep -qx 'DBusActivatable=true' "$desktop" 2>/dev/null; then
  ok "$app.desktop is DBusActivatable"
else
  not_ok "$app.desktop is DBusActivatable"
fi
if grep -qx "Icon=$app" "$desktop" 2>/dev/null; then
  ok "$app.desktop names the icon $app"
else
  not_ok "$app.desktop names the icon $app"
fi
exit ${fail:-0}
