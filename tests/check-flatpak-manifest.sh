#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-flatpak-manifest.sh VERSION RELEASE_MANIFEST DEVEL_MANIFEST
# Both manifests must parse, carry exactly the same five finish-args, and not talk to the keyring
# over D-Bus directly (inside Flatpak libsecret uses the Secret portal). The release manifest
# builds the tag v$VERSION pinned to a commit, as Flathub wants; the Devel one builds the local
# tree with -Dprofile=development under its own id. Neither turns the test hooks on.
version="$1"
release="$2"
devel="$3"
expected='--device=dri,--share=ipc,--share=network,--socket=fallback-x11,--socket=wayland'
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }
check() { if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3 (expected: $2, got: $1)"; fi; }

# Prints one fact of the parsed manifest (read from stdin), chosen by $1.
fact() {
  python3 -c '
import json, sys
try:
    m = json.load(sys.stdin)
except ValueError:
    sys.exit(0)  # did not parse: the parse check has said so
module = m["modules"][-1]
source = module["sources"][0]
what = sys.argv[1]
if what == "finish-args":
    print(",".join(sorted(m.get("finish-args", []))))
elif what == "source":
    print(source.get("type", ""))
elif what == "config-opts":
    print(" ".join(module.get("config-opts", [])))
else:
    print(m.get(what, source.get(what, "")))
' "$1"
}

echo "1..18"
for manifest in "$release" "$devel"; do
  name=$(basename "$manifest")
  id=${name%.json}
  if parsed=$(flatpak-builder --show-manifest "$manifest" 2>/dev/null) && [ -n "$parsed" ]; then
    ok "$name: flatpak-builder parses it"
  else
    not_ok "$name: flatpak-builder parses it"
  fi
  check "$(echo "$parsed" | fact id)" "$id" "$name: id matches the file name"
  check "$(echo "$parsed" | fact runtime)/$(echo "$parsed" | fact runtime-version)" \
        "org.gnome.Platform/51" "$name: GNOME 51 runtime"
  check "$(echo "$parsed" | fact finish-args)" "$expected" "$name: finish-args are exactly the five"
  # The test hooks (meson.options) are off by default and stay off in what people install.
  case " $(echo "$parsed" | fact config-opts) " in
    *"-Dtest_hooks=true"*|*"-Dtest_hooks=1"*) not_ok "$name: builds without test hooks" ;;
    *) ok "$name: builds without test hooks" ;;
  esac
  if grep -q 'org.freedesktop.secrets' "$manifest"; then
    not_ok "$name: no talk-name to org.freedesktop.secrets"
  else
    ok "$name: no talk-name to org.freedesktop.secrets"
  fi
done

parsed=$(flatpak-builder --show-manifest "$release" 2>/dev/null)
check "$(echo "$parsed" | fact source)" "git" "release manifest builds from git"
check "$(echo "$parsed" | fact tag)" "v$version" "release manifest builds tag v$version"
if echo "$parsed" | fact commit | grep -Eq '^[0-9a-f]{40}$'; then
  ok "release manifest pins the tag to a full commit hash"
else
  not_ok "release manifest pins the tag to a full commit hash"
fi

parsed=$(flatpak-builder --show-manifest "$devel" 2>/dev/null)
check "$(echo "$parsed" | fact source)" "dir" "Devel manifest builds the local tree"
case " $(echo "$parsed" | fact config-opts) " in
  *" -Dprofile=development "*) ok "Devel manifest configures -Dprofile=development" ;;
  *) not_ok "Devel manifest configures -Dprofile=development" ;;
esac
check "$(echo "$parsed" | fact id)" "$(flatpak-builder --show-manifest "$release" 2>/dev/null | fact id).Devel" \
      "Devel id is the release id with .Devel"
exit ${fail:-0}
