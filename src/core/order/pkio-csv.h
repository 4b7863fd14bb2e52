/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV as spreadsheets write it (batch files, history exports), read from decoded UTF-8 text:
 * - the separator is ',', ';' or tab: given by Excel's "sep=X" first line when there is one,
 *   otherwise the one of the three that occurs most often outside quotes in the first line
 *   that is not blank (ties: tab, then ';', then ',');
 * - records end at CR LF, LF or a lone CR (old Mac Excel);
 * - a cell whose first character (after spaces) is '"' is quoted: separators, line breaks
 *   and doubled quotes "" inside are part of it; spaces after the closing quote are dropped,
 *   anything else there is kept as text. A quote inside an unquoted cell is just a quote;
 * - formula protection is undone: a cell that is one or more ' followed by = + - @ tab or CR
 *   loses its first ' (pkio_csv_append_cell() adds it), so "'+31 20 254 7999" reads
 *   "+31 20 254 7999" and "'s-Gravenhage" stays as it is.
 * Records are numbered as a spreadsheet numbers its rows: 1 for the first record after any
 * "sep=" line, blank records included; a cell with a line break does not start a new row. */

#define PKIO_CSV_MAX_COLUMNS 256

#define PKIO_CSV_ERROR (pkio_csv_error_quark ())

typedef enum
{
  PKIO_CSV_ERROR_UNCLOSED_QUOTE,    /* a quoted cell that never ends */
  PKIO_CSV_ERROR_TOO_MANY_COLUMNS,  /* a record of over PKIO_CSV_MAX_COLUMNS cells */
} PkioCsvError;

GQuark      pkio_csv_error_quark        (void);

typedef struct _PkioCsv PkioCsv;

/* Reads @text (@length bytes, UTF-8, no NUL) with @separator, or the detected one when it is
 * 0. Blank records (only spaces in every cell) are counted as rows but not kept. At most
 * @max_stored other records keep their cells; the ones after are counted only
 * (pkio_csv_get_n_filled()), so that a file of far too many rows costs no memory. NULL with
 * PKIO_CSV_ERROR_UNCLOSED_QUOTE (the row where the quote opened) or _TOO_MANY_COLUMNS when
 * refused; the messages say what to do. */
PkioCsv    *pkio_csv_parse              (const char *text,
                                         gsize       length,
                                         char        separator,
                                         guint       max_stored,
                                         GError    **error);
void        pkio_csv_free               (PkioCsv    *csv);

char        pkio_csv_get_separator      (PkioCsv    *csv);
/* The records kept: not blank, in file order. */
guint       pkio_csv_get_n_records      (PkioCsv    *csv);
/* Records that are not blank, kept or not. */
guint       pkio_csv_get_n_filled       (PkioCsv    *csv);
/* The row number of a kept record (see above). */
guint       pkio_csv_record_number      (PkioCsv    *csv,
                                         guint       record);
guint       pkio_csv_record_n_cells     (PkioCsv    *csv,
                                         guint       record);
/* The cell's text; "" past the record's last cell. */
const char *pkio_csv_get_cell           (PkioCsv    *csv,
                                         guint       record,
                                         guint       column);

/* Only spaces, tabs, CR and LF (or nothing). */
gboolean    pkio_csv_is_blank           (const char *text);
/* "A", "B", … "Z", "AA": how a spreadsheet names the column with index @column (0 = A). */
char       *pkio_csv_column_letters     (guint       column);

/* Appends @value as one cell. CSV injection (OWASP): when it would start with = + - @ tab or
 * CR after its own leading quotes, a spreadsheet would run it as a formula, so it gets a ' in
 * front and is quoted (a negative whole number such as "-15" excepted: it is a number). Also
 * quoted when it holds a separator (, ; or tab, whichever @separator is: a reader detects it
 * by counting them), a quote or a line break, has spaces at either end, or starts with
 * "sep=". */
void        pkio_csv_append_cell        (GString    *out,
                                         const char *value,
                                         char        separator);
/* @n_values cells separated by @separator, then CR LF. */
void        pkio_csv_append_record      (GString           *out,
                                         const char * const *values,
                                         guint              n_values,
                                         char               separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioCsv, pkio_csv_free)

G_END_DECLS
