/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PKIO_TYPE_COUNTRY_ROW (pkio_country_row_get_type ())
G_DECLARE_FINAL_TYPE (PkioCountryRow, pkio_country_row, PKIO, COUNTRY_ROW, AdwActionRow)

/* A row to choose a country by its localized name (iso-codes), with a search in its list; the
 * Netherlands and Belgium come first, the rest follow alphabetically; the list (with its search)
 * opens from the row and is built when first opened. Property "code": the
 * lower-case ISO 3166-1 alpha-2 code ("nl"), or NULL when none is chosen. The list is shared by
 * every row and built when the first row is. */
GtkWidget  *pkio_country_row_new      (void);
const char *pkio_country_row_get_code (PkioCountryRow *self);
/* NULL, "" or an unknown code chooses nothing. Any case. */
void        pkio_country_row_set_code (PkioCountryRow *self,
                                       const char     *code);

G_END_DECLS
