/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_date_time_format(), but %b and %B are month names from the app's own catalogue, so a date
 * reads "7 okt 2026" whenever the app speaks Dutch: also when the language was chosen in
 * Preferences and the C library's locale is English or C (then strftime's names would be
 * English). Everything else in @format is as g_date_time_format() has it. Free with g_free(). */
char *pkio_date_text_format (GDateTime  *date,
                             const char *format);

G_END_DECLS
