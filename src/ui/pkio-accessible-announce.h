/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Says @text to a screen reader now, without moving the focus (a change on screen that a
 * person who cannot see it must hear: a batch's progress). @focus is the widget that has the
 * focus, and has no description of its own: @text becomes it. See the .c for why. */
void pkio_accessible_announce (GtkWidget  *focus,
                               const char *text);

G_END_DECLS
