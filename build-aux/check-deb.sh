#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: build-aux/check-deb.sh PACKAGE.deb
#
# Checks the Debian package without installing it (TAP on standard output): lintian has no
# error and no warning, `dpkg-deb --contents` lists every file in its place and nothing
# outside /usr, and the program of an unpacked copy (`dpkg -x`) runs and holds no test hook. `build-aux/pkio-dev.sh
# deb` and .ci/run run it; build-aux/check-deb-install.sh installs and purges it in a
# throwaway overlay.
set -uo pipefail
deb="${1:?usage: $0 PACKAGE.deb}"
srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app=io.github.pkioorders.PkioOrders
work="$(mktemp -d -t pkio-orders-check-deb.XXXXXX)"
trap 'rm -rf "$work"' EXIT

i=0
failed=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
not_ok() { i=$((i + 1)); echo "not ok $i - $1"; failed=$((failed + 1)); }
show() { sed 's/^/# /' "$1"; }

# lintian: every tag it has (informational and pedantic ones too) is shown; errors and
# warnings fail. Overrides, each with its reason, are in debian/pkio-orders.lintian-overrides.
if lintian --fail-on error,warning --info --pedantic "$deb" >"$work/lintian" 2>&1; then
  ok "lintian: no error, no warning"
else
  not_ok "lintian: no error, no warning"
fi
grep -v '^running with root privileges' "$work/lintian" | show /dev/stdin

dpkg-deb --contents "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/contents"
for path in \
  /usr/bin/pkio-orders \
  "/usr/share/applications/$app.desktop" \
  "/usr/share/metainfo/$app.metainfo.xml" \
  "/usr/share/glib-2.0/schemas/$app.gschema.xml" \
  "/usr/share/icons/hicolor/scalable/apps/$app.svg" \
  "/usr/share/icons/hicolor/symbolic/apps/$app-symbolic.svg" \
  /usr/share/locale/nl/LC_MESSAGES/pkio-orders.mo \
  "/usr/share/dbus-1/services/$app.service" \
  "/usr/share/licenses/$app/COPYING" \
  /usr/share/man/man1/pkio-orders.1.gz \
  /usr/share/doc/pkio-orders/copyright; do
  if grep -qxF "$path" "$work/contents"; then
    ok "dpkg-deb --contents: $path"
  else
    not_ok "dpkg-deb --contents: $path"
  fi
done
outside=$(grep -v -e '^/$' -e '^/usr/' -e '^/usr$' "$work/contents")
if [ -z "$outside" ]; then
  ok "dpkg-deb --contents: nothing outside /usr ($(grep -vc '/$' "$work/contents") files)"
else
  not_ok "dpkg-deb --contents: nothing outside /usr"
  echo "$outside" | sed 's/^/# /'
fi

# The unpacked copy runs as it is (no schema compiled, no settings: --version needs neither).
dpkg -x "$deb" "$work/root"
version=$(dpkg-deb --field "$deb" Version)
expected="PKIo Orders ${version%%-*}"
got=$(env -i PATH=/usr/bin:/bin HOME="$work" "$work/root/usr/bin/pkio-orders" --version 2>&1)
if [ "$got" = "$expected" ]; then
  ok "dpkg -x: usr/bin/pkio-orders --version says \"$expected\""
else
  not_ok "dpkg -x: usr/bin/pkio-orders --version says \"$expected\" (got: $got)"
fi
service_exec=$(sed -n 's/^Exec=//p' "$work/root/usr/share/dbus-1/services/$app.service")
if [ "$service_exec" = "/usr/bin/pkio-orders --gapplication-service" ]; then
  ok "dpkg -x: the D-Bus service runs /usr/bin/pkio-orders"
else
  not_ok "dpkg -x: the D-Bus service runs /usr/bin/pkio-orders (got: $service_exec)"
fi
# No test hooks in what people install (-Dtest_hooks=false in debian/rules).
for hook in PKIO_ORDER_SENDER_TEST_CRASH_POINT PKIO_ORDERS_BENCH_FIRST_FRAME; do
  if grep -q -a -F "$hook" "$work/root/usr/bin/pkio-orders"; then
    not_ok "dpkg -x: usr/bin/pkio-orders does not hold the test hook $hook"
  else
    ok "dpkg -x: usr/bin/pkio-orders does not hold the test hook $hook"
  fi
done
if cmp -s "$srcdir/COPYING" "$work/root/usr/share/licenses/$app/COPYING"; then
  ok "dpkg -x: the licence is the project's COPYING"
else
  not_ok "dpkg -x: the licence is the project's COPYING"
fi

echo "1..$i"
exit $((failed > 0))
