/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fixed table of a batch file's columns: English and Dutch names and a few aliases each,
 * not gettext (which knows one language at a time, and a file's language need not be the
 * app's). A header matches a name when both are equal after folding: case, spaces and
 * punctuation do not count, nor a part in parentheses ("E-mail" = "email", "Address line 2
 * (optional)" = "addressline2"). */

typedef enum
{
  PKIO_BATCH_ENGLISH,
  PKIO_BATCH_DUTCH,
  PKIO_BATCH_N_LANGUAGES,
} PkioBatchLanguage;

typedef enum
{
  PKIO_BATCH_COLUMN_PROFILE,
  PKIO_BATCH_COLUMN_SIGNATURE,
  PKIO_BATCH_COLUMN_INDIVIDUAL_ID,
  PKIO_BATCH_COLUMN_FIRST_NAME,
  PKIO_BATCH_COLUMN_LAST_NAME,
  PKIO_BATCH_COLUMN_EMAIL,
  PKIO_BATCH_COLUMN_TELEPHONE,
  PKIO_BATCH_COLUMN_COUNTRY,
  PKIO_BATCH_COLUMN_STATE,
  PKIO_BATCH_COLUMN_CITY,
  PKIO_BATCH_COLUMN_ZIP,
  PKIO_BATCH_COLUMN_SHIP_NAME,
  PKIO_BATCH_COLUMN_SHIP_ADDR1,
  PKIO_BATCH_COLUMN_SHIP_ADDR2,
  PKIO_BATCH_COLUMN_SHIP_ZIP,
  PKIO_BATCH_COLUMN_SHIP_CITY,
  PKIO_BATCH_COLUMN_SHIP_STATE,
  PKIO_BATCH_COLUMN_SHIP_COUNTRY,
  PKIO_BATCH_COLUMN_SHIP_METHOD,
  PKIO_BATCH_COLUMN_VALIDITY,
  PKIO_BATCH_COLUMN_PAYMENT,
  PKIO_BATCH_COLUMN_AGREEMENT,
  /* What the results file adds; read back as input, they are left alone. */
  PKIO_BATCH_COLUMN_RESULT_ORDER,
  PKIO_BATCH_COLUMN_RESULT_STATUS,
  PKIO_BATCH_COLUMN_RESULT_MESSAGE,
  PKIO_BATCH_N_COLUMNS,
} PkioBatchColumn;

/* The columns of an order, in the template's order: PROFILE to AGREEMENT. */
#define PKIO_BATCH_N_ORDER_COLUMNS (PKIO_BATCH_COLUMN_AGREEMENT + 1)

typedef enum
{
  PKIO_BATCH_COLUMN_OPTIONAL = 0,
  PKIO_BATCH_COLUMN_REQUIRED = 1 << 0,  /* every file has it */
  PKIO_BATCH_COLUMN_HOLDER   = 1 << 1,  /* the person's details: all of them, or the id */
  PKIO_BATCH_COLUMN_RESULT   = 1 << 2,
} PkioBatchColumnFlags;

/* The language the app speaks now (its catalogue's, so a language chosen in Preferences
 * counts): the template's headers and the words of messages are in it. */
PkioBatchLanguage    pkio_batch_language_current   (void);

/* The column's name in @language, as the template writes it. */
const char          *pkio_batch_column_name        (PkioBatchColumn   column,
                                                    PkioBatchLanguage language);
PkioBatchColumnFlags pkio_batch_column_flags       (PkioBatchColumn   column);
/* The field path of the order (as PkioProblem has it) that the column fills; NULL for the
 * result columns. */
const char          *pkio_batch_column_path        (PkioBatchColumn   column);
/* The column a problem at @path (pkio_order_validate()) belongs to, or -1. */
int                  pkio_batch_column_for_path    (const char       *path);

/* The column @header names, or -1. *@out_language: the language whose name it is, or -1 for
 * an alias or a name both languages share. */
int                  pkio_batch_column_find        (const char       *header,
                                                    int              *out_language);
/* A header that asks for card data (card number, expiry, CVV, billing address), which a file
 * never gives. */
gboolean             pkio_batch_header_is_card_data (const char      *header);
/* The folded form headers are compared in; for custom field labels too. */
char                *pkio_batch_header_fold        (const char       *header);

/* The column of the account's own order field @label, as the template writes it: the label
 * itself, or "<label> (own field)" ("(eigen veld)" in Dutch) when the label is also the name
 * of a fixed column ("Email", "Postcode"), which that name keeps meaning. */
char                *pkio_batch_custom_column_name (const char       *label,
                                                    PkioBatchLanguage language);
/* For a header marked as an own field ("Email (own field)", "E-mail (eigen veld)", also
 * "(custom field)", in either language): the label part, trimmed; else NULL. */
char                *pkio_batch_custom_column_label (const char      *header);

G_END_DECLS
