/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ISO 3166-1 alpha-2 countries from iso-codes (a hard dependency), names localized through the
 * "iso_3166-1" gettext domain. Loaded once, thread-safe. */
gboolean    pkio_countries_is_valid         (const char *alpha2_any_case);
/* Localized name, or NULL for an unknown code. */
const char *pkio_countries_get_name         (const char *alpha2);
/* Lower-case codes ("nl") sorted by localized name, for a combo. The strings are static. */
GPtrArray  *pkio_countries_list_sorted      (void);

G_END_DECLS
