/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "pkio-batch-values.h"
#include "pkio-batch.h"
#include "pkio-cli-batch.h"
#include "pkio-cli-common.h"
#include "pkio-field-rules.h"

/* What a file may show of itself in a terminal: no control codes, not endless. */
#define SHOWN_MAX_CHARS 64

static void
print_problem (const char             *path,
               const PkioBatchProblem *problem)
{
  if (problem->column != NULL)
    g_printerr ("%s:%u: %s: %s\n", path, problem->row, problem->column, problem->message);
  else
    g_printerr ("%s:%u: %s\n", path, problem->row, problem->message);
}

/* "John Doe <john.doe@example.com>", or "CertCentral number 21". */
static char *
holder_text (const PkioOrder *order)
{
  const PkioIndividual *i = &order->individual;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (i->use_id)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, i->id);

      /* TRANSLATORS: a certificate holder known by number, as in "CertCentral number 21" */
      return g_strdup_printf (_("CertCentral number %s"), number);
    }

  first = pkio_field_trim (i->first_name);
  last = pkio_field_trim (i->last_name);
  email = pkio_field_trim (i->email);
  name = g_strstrip (g_strdup_printf ("%s %s", first, last));
  if (*email != '\0')
    text = *name != '\0' ? g_strdup_printf ("%s <%s>", name, email) : g_strdup (email);
  else
    text = *name != '\0' ? g_strdup (name) : g_strdup (_("(no name)"));
  return pkio_field_printable (text, SHOWN_MAX_CHARS);
}

/* One line per row on standard output, its problems after it on standard error. */
static void
print_row (const char         *path,
           const PkioBatchRow *row)
{
  PkioBatchLanguage language = pkio_batch_language_current ();
  const PkioOrder *order = row->order;
  g_autofree char *holder = holder_text (order);
  g_autofree char *validity = NULL;

  if (row->problems->len > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s:%u: %s: %u problem\n",
                            "%s:%u: %s: %u problems\n", row->problems->len),
               path, row->number, holder, row->problems->len);
      /* Standard output first, so that in a terminal the problems follow their row. */
      fflush (stdout);
      for (guint i = 0; i < row->problems->len; i++)
        print_problem (path, g_ptr_array_index (row->problems, i));
      return;
    }

  validity = pkio_batch_validity_text (&order->validity, language);
  /* TRANSLATORS: a row of a batch file: the file and row, the holder, then the kind of
   * certificate, the validity, the shipping and the payment in the words of a batch file,
   * as in "people.csv:2: John Doe <john@example.com>: encryption, 1 year, shipping standard,
   * payment balance" */
  g_print (_("%s:%u: %s: %s, %s, shipping %s, payment %s\n"), path, row->number, holder,
           pkio_batch_profile_word (order->profile, language), validity,
           pkio_batch_ship_method_word (order->ship_info.method, language),
           pkio_batch_payment_word (order->payment_method, language));
}

static int
refuse_too_big (const char *path,
                guint64     size)
{
  g_autoptr(GError) error = NULL;

  if (size > 0 && !pkio_batch_check_size (size, &error))
    g_printerr ("%s: %s\n", path, error->message);
  else
    g_printerr (_("%s: the file is more than 5 MB; a batch file may be at most 5 MB. Split it "
                  "into smaller files.\n"), path);
  return PKIO_CLI_EXIT_INVALID;
}

int
pkio_cli_batch_check (const char *file)
{
  const char *path = pkio_cli_file_display_name (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  GPtrArray *header_problems;
  guint64 size = 0;
  guint n_rows;
  guint n_problems;

  switch (pkio_cli_read_file (file, PKIO_BATCH_MAX_BYTES, &bytes, &size))
    {
    case PKIO_CLI_READ_FAILED:
      return PKIO_CLI_EXIT_INVALID;
    case PKIO_CLI_READ_TOO_BIG:
      return refuse_too_big (path, size);
    case PKIO_CLI_READ_OK:
    default:
      break;
    }

  batch = pkio_batch_read (bytes, NULL, now, &error);
  if (batch == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return PKIO_CLI_EXIT_INVALID;
    }

  header_problems = pkio_batch_get_header_problems (batch);
  for (guint i = 0; i < header_problems->len; i++)
    print_problem (path, g_ptr_array_index (header_problems, i));
  n_rows = pkio_batch_get_n_rows (batch);
  for (guint r = 0; r < n_rows; r++)
    print_row (path, pkio_batch_get_row (batch, r));
  fflush (stdout);

  if (pkio_batch_get_encoding (batch) == PKIO_BATCH_ENCODING_WINDOWS_1252)
    g_printerr (_("%s: this file is not in UTF-8, so it was read as Windows-1252 (Excel’s "
                  "plain CSV). Check that names with accents, such as é or ë, look right "
                  "above.\n"), path);

  n_problems = pkio_batch_count_problems (batch);
  if (n_problems > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u problem in %s: nothing was sent. Correct it and try again.\n",
                               "%u problems in %s: nothing was sent. Correct them and try "
                               "again.\n",
                               n_problems),
                  n_problems, path);
      return PKIO_CLI_EXIT_INVALID;
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%s: %u order, valid. Nothing was sent: --dry-run only checks the "
                           "file.\n",
                           "%s: %u orders, all valid. Nothing was sent: --dry-run only checks "
                           "the file.\n", n_rows),
              path, n_rows);
  return PKIO_CLI_EXIT_OK;
}

int
pkio_cli_batch_template (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  pkio_batch_write_template (out, pkio_batch_language_current (), NULL);
  /* Bytes, not g_print (): the template is a file, in UTF-8 whatever the terminal's locale. */
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      g_printerr (_("The template could not be written: %s\n"), g_strerror (errno));
      return PKIO_CLI_EXIT_FAILURE;
    }
  return PKIO_CLI_EXIT_OK;
}
