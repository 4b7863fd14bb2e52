/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the realize hook of pkio-accessible.c (which holds these) and the fixes a view asks
 * for by name in pkio-accessible-fields.c share: both name widgets after titles with a
 * mnemonic, look for a widget inside another, and must not undo each other's names. Not for
 * the rest of the app: pkio-accessible.h is. */

/* @title as a screen reader should read it: with @use_underline, without its mnemonic ("API
 * _key" is read "API key"; "__" is a real underscore). Free the result; NULL for a NULL title
 * without @use_underline. */
char      *pkio_accessible_title_text      (const char *title,
                                            gboolean    use_underline);

/* The first widget inside @widget (depth first, @widget itself not included) that @match
 * accepts, or NULL. */
GtkWidget *pkio_accessible_find_descendant (GtkWidget *widget,
                                            gboolean (*match) (GtkWidget *));

/* A widget marked fixed has been named once and for all (by the hook or by a view's own call):
 * the realize hook leaves it alone, so a name a view gave is not undone. */
gboolean   pkio_accessible_is_fixed        (GtkWidget *widget);
void       pkio_accessible_mark_fixed      (GtkWidget *widget);

G_END_DECLS
