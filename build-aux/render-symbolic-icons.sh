#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders libadwaita's own symbolic icons that the New order form shows (the expander rows'
# arrow, the agreement's external link) to the 16 px symbolic PNGs in src/ui/icons/, which the
# app's resource puts in the icon theme's 16x16 folder. Run it again after a libadwaita update:
#   build-aux/render-symbolic-icons.sh
# Why: libadwaita 1.2 ships these icons as SVG only, and GTK 4.8 draws an SVG through
# gdk-pixbuf and librsvg; two 16 px arrows loaded librsvg (6 MiB) into every start with a key
# (README, Performance). GTK prefers an icon of the exact size to a scalable one, and recolours
# a .symbolic.png as it does the SVG. At scale 2 GTK still takes the SVG.
# Needs libgtk-4-bin (gtk4-encode-symbolic-svg) and libglib2.0-bin (gresource).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
lib="$(ldconfig -p | awk '/libadwaita-1\.so\.0 / { print $NF; exit }')"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for name in adw-expander-arrow-symbolic adw-external-link-symbolic; do
  gresource extract "$lib" "/org/gnome/Adwaita/icons/scalable/actions/$name.svg" > "$tmp/$name.svg"
  gtk4-encode-symbolic-svg -o "$tmp" "$tmp/$name.svg" 16x16
  cp "$tmp/$name.symbolic.png" "$top/src/ui/icons/"
done
