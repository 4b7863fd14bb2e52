#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The manifest must parse, and the app must not talk to the keyring over D-Bus directly:
# inside Flatpak libsecret uses the Secret portal.
manifest="$1"
echo "1..3"
if flatpak-builder --show-manifest "$manifest" >/dev/null 2>&1; then
  echo "ok 1 - flatpak-builder parses the manifest"
else
  echo "not ok 1 - flatpak-builder parses the manifest"; fail=1
fi
if grep -q 'org.freedesktop.secrets' "$manifest"; then
  echo "not ok 2 - no talk-name to org.freedesktop.secrets"; fail=1
else
  echo "ok 2 - no talk-name to org.freedesktop.secrets"
fi
expected='--device=dri,--share=ipc,--share=network,--socket=fallback-x11,--socket=wayland'
got=$(flatpak-builder --show-manifest "$manifest" 2>/dev/null | tr -d ' \n' | sed -n 's/.*"finish-args":\[\([^]]*\)\].*/\1/p' | tr -d '"' | tr ',' '\n' | sort | paste -sd, -)
if [ "$got" = "$expected" ]; then
  echo "ok 3 - finish-args are exactly: $expected"
else
  echo "not ok 3 - finish-args are exactly: $expected (got: $got)"; fail=1
fi
exit ${fail:-0}
