#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: build-aux/check-deb-install.sh PACKAGE.deb
#
# Installs the package, uses it, removes it and purges it, and shows that nothing is left, all
# without touching this system: it runs in a mount namespace of its own where /usr, /etc and
# /var are overlays whose changes go to a temporary folder, dropped at the end. Needs root
# (for the namespace and the mounts) and the package's dependencies already installed (nothing
# is downloaded). Run by hand (README, "Debian package"); CI checks the package without
# installing it.
set -euo pipefail

if [ "${1:-}" = --inside ]; then
  deb="$2"
  work="$3"
  for dir in usr etc var; do
    mkdir -p "$work/$dir.upper" "$work/$dir.work"
    mount -t overlay overlay \
      -o "lowerdir=/$dir,upperdir=$work/$dir.upper,workdir=$work/$dir.work" "/$dir"
  done
  status=0
  check() {
    local what="$1"
    shift
    if "$@" >"$work/out" 2>&1; then
      echo "ok - $what"
    else
      echo "not ok - $what"
      sed 's/^/    /' "$work/out"
      status=1
    fi
  }
  export DEBIAN_FRONTEND=noninteractive
  check "dpkg -i installs it" dpkg -i "$deb"
  check "pkio-orders --version runs" sh -c '/usr/bin/pkio-orders --version | grep -q "^PKIo Orders "'
  check "the schema is compiled where GSettings finds it" \
    sh -c 'GSETTINGS_BACKEND=memory gsettings list-keys io.github.pkioorders.PkioOrders | grep -qx api-base-url'
  check "the D-Bus service starts the installed binary" \
    grep -qx 'Exec=/usr/bin/pkio-orders --gapplication-service' \
      /usr/share/dbus-1/services/io.github.pkioorders.PkioOrders.service
  check "the desktop file validates" \
    desktop-file-validate /usr/share/applications/io.github.pkioorders.PkioOrders.desktop
  check "man finds pkio-orders(1)" man -w pkio-orders
  check "the Dutch catalogue is in place" test -s /usr/share/locale/nl/LC_MESSAGES/pkio-orders.mo
  check "the icon is in the hicolor theme" \
    test -s /usr/share/icons/hicolor/scalable/apps/io.github.pkioorders.PkioOrders.svg
  installed=$(dpkg -L pkio-orders | wc -l)
  echo "# dpkg -L pkio-orders: $installed paths"

  check "dpkg -r removes it" dpkg -r pkio-orders
  check "no file of it is left after remove" \
    sh -c '! ls /usr/bin/pkio-orders /usr/share/glib-2.0/schemas/io.github.pkioorders.PkioOrders.gschema.xml 2>/dev/null'
  check "dpkg -P purges it" dpkg -P pkio-orders
  check "dpkg no longer knows it" sh -c '! dpkg -s pkio-orders 2>/dev/null | grep -q ^Status'

  # What the whole round wrote: every file and folder in an overlay's upper folder (a
  # character device there is a file deleted). Compared with the system's own outside this namespace.
  for dir in usr etc var; do
    (cd "$work/$dir.upper" && find . -mindepth 1 \( -type f -o -type c -o -type d \) -printf "/$dir/%P %y\n")
  done >"$work/written"
  exit $status
fi

deb="$(realpath "${1:?usage: $0 PACKAGE.deb}")"
if [ "$(id -u)" -ne 0 ]; then
  echo "check-deb-install: needs root (a mount namespace with overlays)" >&2
  exit 77
fi
work="$(mktemp -d -t pkio-orders-deb-install.XXXXXX)"
trap 'rm -rf "$work"' EXIT
status=0
unshare --mount --propagation private "$0" --inside "$deb" "$work" || status=$?
# Outside the namespace the overlays are gone: a file written with the content it had before
# (a cache a trigger regenerated) and dpkg's own books are fine; anything else is left behind.
left=0
while read -r file kind; do
  case "$file" in
    /var/lib/dpkg/*|/var/log/*|/var/cache/man/*|/var/cache/debconf/*|/var/cache/ldconfig/*)
      continue ;;
  esac
  dir="${file#/}"
  dir="${dir%%/*}"
  if [ "$kind" = d ]; then
    # A folder in the upper layer is new, or only holds what was written inside it.
    if [ ! -d "$file" ]; then
      echo "# folder left behind: $file"
      left=1
    fi
  elif [ "$kind" = c ]; then
    echo "# deleted: $file"
    left=1
  elif ! cmp -s "$work/$dir.upper/${file#/"$dir"/}" "$file"; then
    echo "# left behind or changed: $file"
    left=1
  fi
done <"$work/written"
if [ $left -eq 0 ]; then
  echo "ok - after purge nothing is left ($(grep -vc ' d$' "$work/written") files written in all: dpkg's books, and caches rewritten as they were)"
else
  echo "not ok - after purge something is left (above)"
  status=1
fi
exit $status
