/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PKIO_TYPE_COUNTRY_POPOVER (pkio_country_popover_get_type ())
G_DECLARE_FINAL_TYPE (PkioCountryPopover, pkio_country_popover, PKIO, COUNTRY_POPOVER,
                      GtkPopover)

/* The list of a PkioCountryRow: the country names of @countries (a GListModel of
 * GtkStringObject, shared by every row) with a search that narrows them; a click, Enter on
 * one, or Enter in the search (the first match) chooses. Keys typed in the list go on into the
 * search. Signal "chosen" (const char *name). @label names the list for a screen reader. */
PkioCountryPopover *pkio_country_popover_new (GListModel *countries,
                                              const char *label);

G_END_DECLS
