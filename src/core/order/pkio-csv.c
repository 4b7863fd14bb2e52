/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-csv.h"

typedef struct
{
  guint number;
  guint first_cell;
  guint n_cells;
} Record;

struct _PkioCsv
{
  char     separator;
  GString *text;      /* every kept cell, each ending in a NUL */
  GArray  *offsets;   /* guint: where each kept cell starts in text */
  GArray  *records;   /* Record */
  guint    n_filled;
};

G_DEFINE_QUARK (pkio-csv-error-quark, pkio_csv_error)

/* What pkio_csv_append_cell() protects with a leading ' (OWASP's list). */
static const char formula_starts[] = "=+-@\t\r";

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
  char        separator;
} Reader;

static gboolean
at_end (const Reader *r)
{
  return r->pos >= r->length;
}

static char
peek (const Reader *r)
{
  return r->pos < r->length ? r->text[r->pos] : '\0';
}

static gboolean
is_space (const Reader *r,
          char          c)
{
  return c == ' ' || (c == '\t' && r->separator != '\t');
}

static gboolean
at_cell_end (const Reader *r)
{
  char c = peek (r);

  return at_end (r) || c == r->separator || c == '\r' || c == '\n';
}

/* Excel's hint line: "sep=;" alone on the first line. */
static gboolean
read_sep_line (Reader *r)
{
  char c;
  gsize end;

  if (r->length < 5 || g_ascii_strncasecmp (r->text, "sep=", 4) != 0)
    return FALSE;
  c = r->text[4];
  if (c != ',' && c != ';' && c != '\t')
    return FALSE;
  end = 5;
  if (end < r->length && r->text[end] != '\r' && r->text[end] != '\n')
    return FALSE;
  if (end < r->length && r->text[end] == '\r')
    end++;
  if (end < r->length && r->text[end] == '\n')
    end++;
  r->separator = c;
  r->pos = end;
  return TRUE;
}

/* Counts , ; and tab outside quotes in the first line that holds anything else. */
static char
detect_separator (const char *text,
                  gsize       length,
                  gsize       pos)
{
  static const char candidates[] = { '\t', ';', ',' };
  guint counts[3] = { 0, 0, 0 };
  gboolean in_quotes = FALSE;
  gboolean has_text = FALSE;
  guint best = 2;

  for (; pos < length; pos++)
    {
      char c = text[pos];

      if (c == '"')
        {
          in_quotes = !in_quotes;
          has_text = TRUE;
          continue;
        }
      if (in_quotes)
        continue;
      if (c == '\r' || c == '\n')
        {
          if (has_text)
            break;
          memset (counts, 0, sizeof counts);
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        if (c == candidates[k])
          counts[k]++;
      if (c != ' ' && c != '\t' && c != ';' && c != ',')
        has_text = TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

/* Drops the one ' that pkio_csv_append_cell() put before a formula character. */
static void
unprotect (GString *text,
           gsize    start)
{
  gsize k = start;

  if (start >= text->len || text->str[start] != '\'')
    return;
  while (k < text->len && text->str[k] == '\'')
    k++;
  if (k < text->len && strchr (formula_starts, text->str[k]) != NULL)
    g_string_erase (text, (gssize) start, 1);
}

/* Reads one cell at r->pos into csv->text. FALSE when a quote is never closed. */
static gboolean
read_cell (Reader  *r,
           GString *out)
{
  gsize start = r->pos;

  while (!at_end (r) && is_space (r, peek (r)))
    r->pos++;
  if (peek (r) != '"')
    {
      r->pos = start;
      while (!at_cell_end (r))
        r->pos++;
      g_string_append_len (out, r->text + start, (gssize) (r->pos - start));
      return TRUE;
    }

  r->pos++;
  for (;;)
    {
      const char *quote;

      if (at_end (r))
        return FALSE;
      quote = memchr (r->text + r->pos, '"', r->length - r->pos);
      if (quote == NULL)
        return FALSE;
      g_string_append_len (out, r->text + r->pos, quote - (r->text + r->pos));
      r->pos = (gsize) (quote - r->text) + 1;
      if (peek (r) != '"')
        break;
      g_string_append_c (out, '"');
      r->pos++;
    }

  /* After the closing quote: spaces are dropped, anything else is kept as written. */
  start = r->pos;
  while (!at_end (r) && is_space (r, peek (r)))
    r->pos++;
  if (!at_cell_end (r))
    {
      while (!at_cell_end (r))
        r->pos++;
      g_string_append_len (out, r->text + start, (gssize) (r->pos - start));
    }
  return TRUE;
}

gboolean
pkio_csv_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
      return FALSE;
  return TRUE;
}

PkioCsv *
pkio_csv_parse (const char *text,
                gsize       length,
                char        separator,
                guint       max_stored,
                GError    **error)
{
  g_autoptr(PkioCsv) csv = g_new0 (PkioCsv, 1);
  Reader r = { text, length, 0, separator };
  guint number = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (separator == '\0' || separator == ',' || separator == ';'
                        || separator == '\t', NULL);

  csv->text = g_string_sized_new (MIN (length, 1024 * 1024) + 64);
  csv->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  csv->records = g_array_new (FALSE, FALSE, sizeof (Record));

  if (r.separator == '\0' && !read_sep_line (&r))
    r.separator = detect_separator (text, length, 0);
  csv->separator = r.separator;

  while (!at_end (&r))
    {
      Record record = { ++number, csv->offsets->len, 0 };
      gsize text_start = csv->text->len;
      gboolean blank = TRUE;

      for (;;)
        {
          guint offset = (guint) csv->text->len;

          if (record.n_cells == PKIO_CSV_MAX_COLUMNS)
            {
              g_set_error (error, PKIO_CSV_ERROR, PKIO_CSV_ERROR_TOO_MANY_COLUMNS,
                           /* TRANSLATORS: %u: a row number, then the most columns allowed */
                           _("Row %u has more than %u columns. Remove the columns that "
                             "are not needed."),
                           number, PKIO_CSV_MAX_COLUMNS);
              return NULL;
            }
          if (!read_cell (&r, csv->text))
            {
              g_set_error (error, PKIO_CSV_ERROR, PKIO_CSV_ERROR_UNCLOSED_QUOTE,
                           /* TRANSLATORS: %u is a row number */
                           _("A quote (\") in row %u opens a cell that is never closed. Close "
                             "it with a second quote, or remove it."), number);
              return NULL;
            }
          unprotect (csv->text, offset);
          blank = blank && pkio_csv_is_blank (csv->text->str + offset);
          g_string_append_c (csv->text, '\0');
          g_array_append_val (csv->offsets, offset);
          record.n_cells++;

          if (peek (&r) == r.separator)
            {
              r.pos++;
              continue;
            }
          if (peek (&r) == '\r')
            r.pos++;
          if (peek (&r) == '\n')
            r.pos++;
          break;
        }

      if (!blank)
        csv->n_filled++;
      if (blank || csv->records->len >= max_stored)
        {
          g_string_truncate (csv->text, text_start);
          g_array_set_size (csv->offsets, record.first_cell);
          continue;
        }
      g_array_append_val (csv->records, record);
    }

  return g_steal_pointer (&csv);
}

void
pkio_csv_free (PkioCsv *csv)
{
  if (csv == NULL)
    return;
  if (csv->text != NULL)
    g_string_free (csv->text, TRUE);
  g_clear_pointer (&csv->offsets, g_array_unref);
  g_clear_pointer (&csv->records, g_array_unref);
  g_free (csv);
}

char
pkio_csv_get_separator (PkioCsv *csv)
{
  g_return_val_if_fail (csv != NULL, ',');
  return csv->separator;
}

guint
pkio_csv_get_n_records (PkioCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->records->len;
}

guint
pkio_csv_get_n_filled (PkioCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->n_filled;
}

static const Record *
get_record (PkioCsv *csv,
            guint    record)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (record < csv->records->len, NULL);
  return &g_array_index (csv->records, Record, record);
}

guint
pkio_csv_record_number (PkioCsv *csv,
                        guint    record)
{
  const Record *r = get_record (csv, record);

  return r != NULL ? r->number : 0;
}

guint
pkio_csv_record_n_cells (PkioCsv *csv,
                         guint    record)
{
  const Record *r = get_record (csv, record);

  return r != NULL ? r->n_cells : 0;
}

const char *
pkio_csv_get_cell (PkioCsv *csv,
                   guint    record,
                   guint    column)
{
  const Record *r = get_record (csv, record);

  if (r == NULL || column >= r->n_cells)
    return "";
  return csv->text->str + g_array_index (csv->offsets, guint, r->first_cell + column);
}

char *
pkio_csv_column_letters (guint column)
{
  char letters[8];
  guint i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  do
    {
      letters[--i] = (char) ('A' + column % 26);
      column = column / 26;
    }
  while (column-- > 0 && i > 0);
  return g_strdup (letters + i);
}

static gboolean
is_negative_number (const char *value)
{
  if (value[0] != '-' || value[1] == '\0')
    return FALSE;
  for (value++; *value != '\0'; value++)
    if (!g_ascii_isdigit (*value))
      return FALSE;
  return TRUE;
}

void
pkio_csv_append_cell (GString    *out,
                      const char *value,
                      char        separator)
{
  const char *after_quotes = value;
  gboolean protect;
  gboolean quote;
  gsize len = strlen (value);

  while (*after_quotes == '\'')
    after_quotes++;
  /* "-15" (days since a certificate ended) is a number to a spreadsheet, not a formula. */
  protect = *after_quotes != '\0' && strchr (formula_starts, *after_quotes) != NULL
            && !(after_quotes == value && is_negative_number (value));
  /* Any of the three separators, not only @separator: a reader that detects the separator
   * counts them outside quotes. */
  quote = protect || strchr (value, separator) != NULL || strpbrk (value, "\",;\t\r\n") != NULL
          || (len > 0 && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1])))
          || g_ascii_strncasecmp (value, "sep=", 4) == 0;

  if (quote)
    g_string_append_c (out, '"');
  if (protect)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

void
pkio_csv_append_record (GString            *out,
                        const char * const *values,
                        guint               n_values,
                        char                separator)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      pkio_csv_append_cell (out, values[i] != NULL ? values[i] : "", separator);
    }
  g_string_append (out, "\r\n");
}
