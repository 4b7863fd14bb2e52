#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-release-build.sh SOURCE_ROOT BUILD_ROOT TEST_HOOKS
# What people install has no test hooks: a build with the default options (as the release,
# Flatpak and Debian build it) holds neither PKIO_ORDER_SENDER_TEST_CRASH_POINT (which can
# end or stop the process while it sends an order) nor PKIO_ORDERS_BENCH_FIRST_FRAME.
# - In a build without the hooks (TEST_HOOKS false, e.g. the Debian package's own build),
#   that build's pkio-orders is the one checked.
# - In a build with them (build-aux/pkio-dev.sh), a release build is set up beside it in
#   BUILD_ROOT/release-check (about 40 s the first time on two cores, then only what changed)
#   and its pkio-orders is checked; this build's own pkio-orders must hold both names, so the
#   same search is shown to find them where they are.
srcroot="$1"
buildroot="$2"
test_hooks="$3"
names="PKIO_ORDER_SENDER_TEST_CRASH_POINT PKIO_ORDERS_BENCH_FIRST_FRAME"
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
holds() { [ "$(grep -c -a -F "$2" "$1" 2>/dev/null)" != 0 ]; }
option_value() {
  meson introspect "$1" --buildoptions 2>/dev/null | python3 -c '
import json, sys
print([o["value"] for o in json.load(sys.stdin) if o["name"] == "test_hooks"][0])' 2>/dev/null
}

echo "1..7"
if [ "$test_hooks" = true ]; then
  release="$buildroot/release-check"
  if [ ! -f "$release/build.ninja" ]; then
    log=$(nice meson setup "$release" "$srcroot" --buildtype=release -Dtests=false 2>&1)
  else
    log=$(meson setup --reconfigure "$release" "$srcroot" 2>&1)
  fi
  if [ $? -eq 0 ]; then
    ok "a release build is configured with the default options"
  else
    not_ok "a release build is configured with the default options"
    echo "$log" | tail -20 | sed 's/^/# /'
  fi
  if log=$(nice ninja -C "$release" src/pkio-orders 2>&1); then
    ok "the release build builds pkio-orders"
  else
    not_ok "the release build builds pkio-orders"
    echo "$log" | tail -20 | sed 's/^/# /'
  fi
else
  release="$buildroot"
  skip "this build is itself one without test hooks"
  skip "this build is itself one without test hooks"
fi

value=$(option_value "$release")
if [ "$value" = "False" ]; then
  ok "test_hooks is off in the build checked"
else
  not_ok "test_hooks is off in the build checked (got: $value)"
fi
for name in $names; do
  if [ -f "$release/src/pkio-orders" ] && ! holds "$release/src/pkio-orders" "$name"; then
    ok "pkio-orders without test hooks does not hold $name"
  else
    not_ok "pkio-orders without test hooks does not hold $name"
  fi
done

for name in $names; do
  if [ "$test_hooks" != true ]; then
    skip "this build has no test hooks to find"
  elif holds "$buildroot/src/pkio-orders" "$name"; then
    ok "this build (-Dtest_hooks=true) holds $name"
  else
    not_ok "this build (-Dtest_hooks=true) holds $name"
  fi
done
exit $fail
