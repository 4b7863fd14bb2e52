/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The field rules of docs/decisions.md#field-rules as pure functions, shared by validation,
 * the form and the simulator. Every function takes NULL as "" . */

#define PKIO_FIELD_MAX_CHARS       128
#define PKIO_FIELD_MAX_EMAIL_CHARS 254

/* Leading and trailing whitespace removed; never NULL. */
char     *pkio_field_trim                (const char *text);
gboolean  pkio_field_is_blank            (const char *text);
/* TRUE for C0/C1 control characters, DEL, line and paragraph separators, invisible format
 * characters (zero-width space, bidi controls, BOM), or text that is not UTF-8. */
gboolean  pkio_field_has_control_chars   (const char *text);
gboolean  pkio_field_is_too_long         (const char *text,
                                          guint       max_chars);
/* @text as a message may show it, whatever a file held: invalid UTF-8 made valid, control
 * and other characters that do not print written as \uXXXX, cut at @max_chars with "…". */
char     *pkio_field_printable           (const char *text,
                                          guint       max_chars);
/* A leading title or prefix such as "Dr.", "Prof." or "Mevr." */
gboolean  pkio_field_has_title_prefix    (const char *name);
gboolean  pkio_field_is_valid_email      (const char *email);
gboolean  pkio_field_is_valid_telephone  (const char *telephone);
/* The normalized postal code for @country (alpha-2, any case; "1013aa" -> "1013 AA" for nl),
 * or NULL when @zip is not valid there. */
char     *pkio_field_normalize_zip       (const char *zip,
                                          const char *country);
/* ISO 3166-1 alpha-2 in any case. */
gboolean  pkio_field_is_valid_country    (const char *country);
/* Card number without spaces and dashes; NULL when anything else but digits remains. */
char     *pkio_field_card_digits         (const char *number);
gboolean  pkio_field_luhn_valid          (const char *digits);
/* Month "01".."12" -> 1..12, else 0. */
guint     pkio_field_parse_card_month    (const char *month);
/* Year "YYYY" -> YYYY, else 0. */
guint     pkio_field_parse_card_year     (const char *year);
/* TRUE when the card stopped working before the month of @now. */
gboolean  pkio_field_card_expired        (guint       month,
                                          guint       year,
                                          GDateTime  *now);
/* 3 digits; 4 for card numbers starting with 34 or 37 (American Express). */
gboolean  pkio_field_is_valid_cvv        (const char *cvv,
                                          const char *card_digits);
gboolean  pkio_field_is_valid_individual_id (gint64   id);

G_END_DECLS
