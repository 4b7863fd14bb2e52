#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the application icon (data/icons/hicolor/scalable/apps/…svg) to the PNG the welcome
# page shows (src/ui/account/pkio-welcome-icon.png, 256 px: 128 px at scale 2). Run it again
# when the icon changes:  /usr/bin/python3 build-aux/render-welcome-icon.py
# Why a PNG: GTK 4.8 draws an SVG through gdk-pixbuf and librsvg, and the welcome page's icon
# was the only SVG a first start drew; loading librsvg for it cost 6-7 MiB (README, Performance).
import os
import gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
svg = os.path.join(top, 'data/icons/hicolor/scalable/apps/io.github.pkioorders.PkioOrders.svg')
png = os.path.join(top, 'src/ui/account/pkio-welcome-icon.png')
GdkPixbuf.Pixbuf.new_from_file_at_size(svg, 256, 256).savev(png, 'png', ['compression'], ['9'])
