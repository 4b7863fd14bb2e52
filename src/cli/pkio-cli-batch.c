/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A batch file before anything is sent: read, printed row by row with its problems, and put to
 * the duplicate check, for `order --batch --dry-run` here and for `order --batch`
 * (pkio-cli-batch-place.c, which places what this has checked: pkio-cli-batch-private.h); and
 * `order --batch-template`. Nothing in this file sends an order. */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "pkio-batch-values.h"
#include "pkio-cli-batch-private.h"
#include "pkio-cli-batch.h"
#include "pkio-cli-common.h"
#include "pkio-cli-workspace.h"

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

char *
pkio_cli_batch_holder_text (const PkioOrder *order)
{
  return pkio_batch_row_dup_holder (order, SHOWN_MAX_CHARS);
}

/* One line per row on standard output, its problems after it on standard error. */
static void
print_row (const char         *path,
           const PkioBatchRow *row)
{
  PkioBatchLanguage language = pkio_batch_language_current ();
  const PkioOrder *order = row->order;
  g_autofree char *holder = pkio_cli_batch_holder_text (order);
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

GPtrArray *
pkio_cli_batch_account_fields (PkioWorkspace  *workspace,
                               GError        **why_not)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (workspace == NULL || !pkio_cli_can_ask_certcentral (workspace, NULL))
    return NULL;
  pkio_workspace_get_custom_fields_async (workspace, NULL, pkio_cli_async_cb, &result);
  return pkio_workspace_get_custom_fields_finish (workspace, pkio_cli_wait (&result), why_not);
}

void
pkio_cli_batch_explain_unknown_columns (const char   *path,
                                        PkioBatch    *batch,
                                        const GError *why_not)
{
  GPtrArray *problems = pkio_batch_get_header_problems (batch);

  if (why_not == NULL)
    return;
  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (((PkioBatchProblem *) g_ptr_array_index (problems, i))->code,
                   "unknown_column") == 0)
      {
        /* TRANSLATORS: %s is the file; the second line says why the fields could not be read */
        g_printerr (_("%s: a column named by one of your organisation’s own order fields is "
                      "known only when CertCentral lists them, and it could not be asked:\n%s\n"),
                    path, why_not->message);
        return;
      }
}

int
pkio_cli_batch_read (const char  *file,
                     GPtrArray   *fields,
                     PkioBatch  **out_batch)
{
  const char *path = pkio_cli_file_display_name (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  guint64 size = 0;

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

  *out_batch = pkio_batch_read_for_fields (bytes, fields, now, &error);
  if (*out_batch == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return PKIO_CLI_EXIT_INVALID;
    }
  return PKIO_CLI_EXIT_OK;
}

gboolean
pkio_cli_batch_print_checked (const char *path,
                              PkioBatch  *batch,
                              gboolean    valid_rows_too)
{
  GPtrArray *header_problems = pkio_batch_get_header_problems (batch);
  guint n_rows = pkio_batch_get_n_rows (batch);
  guint n_problems;

  for (guint i = 0; i < header_problems->len; i++)
    print_problem (path, g_ptr_array_index (header_problems, i));
  for (guint r = 0; r < n_rows; r++)
    if (valid_rows_too || pkio_batch_get_row (batch, r)->problems->len > 0)
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
      return FALSE;
    }
  return TRUE;
}

/* ---- does a row's holder already have one (issue 20) ---- */

guint
pkio_cli_batch_print_duplicates (const char       *path,
                                 PkioBatch        *batch,
                                 PkioBatchPlacer  *placer,
                                 const GError    **out_error)
{
  guint n_rows = pkio_batch_get_n_rows (batch);
  guint n_failed = 0;

  *out_error = NULL;
  for (guint r = 0; r < n_rows; r++)
    {
      const PkioDuplicate *duplicate = pkio_batch_placer_get_duplicate (placer, r);
      const PkioBatchRow *row = pkio_batch_get_row (batch, r);
      g_autofree char *holder = NULL;
      g_autofree char *line = NULL;
      g_autofree char *text = NULL;

      if (duplicate == NULL || duplicate->outcome == PKIO_DUPLICATE_NONE)
        continue;
      /* No key, or one CertCentral does not accept: said once, by the caller. */
      if (duplicate->outcome == PKIO_DUPLICATE_UNCHECKED
          && pkio_api_error_get_meaning (duplicate->error) == PKIO_ERROR_MEANING_FIX_KEY)
        {
          if (*out_error == NULL)
            *out_error = duplicate->error;
          n_failed++;
          continue;
        }
      holder = pkio_cli_batch_holder_text (row->order);
      line = pkio_duplicate_dup_script_line (duplicate);
      text = pkio_duplicate_dup_text (duplicate);
      if (line != NULL)
        g_print ("%s:%u: %s: %s\n", path, row->number, holder, line);
      fflush (stdout);
      g_printerr ("%s:%u: %s\n", path, row->number, text);
      if (duplicate->outcome == PKIO_DUPLICATE_UNCHECKED
          && !g_error_matches (duplicate->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          if (*out_error == NULL)
            *out_error = duplicate->error;
          n_failed++;
        }
    }
  fflush (stdout);
  return n_failed;
}

static gboolean
check_interrupted_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

PkioCliCheckEnd
pkio_cli_batch_check_rows (const char      *path,
                           PkioBatchPlacer *placer)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint interrupt_source;
  gboolean checked;

  interrupt_source = g_unix_signal_add (SIGINT, check_interrupted_cb, cancellable);
  pkio_batch_placer_check_async (placer, cancellable, pkio_cli_async_cb, &result);
  checked = pkio_batch_placer_check_finish (placer, pkio_cli_wait (&result), &error);
  /* Ctrl+C ends the program again from here (the question before placing, for one). */
  g_source_remove (interrupt_source);
  /* Also when the check ended anyway (a row it did not need to ask about): the person asked
   * to stop. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_printerr (_("%s: stopped (Ctrl+C) while checking whether these people already have a "
                    "certificate of this kind. Nothing was sent.\n"), path);
      return PKIO_CLI_CHECK_INTERRUPTED;
    }
  if (checked)
    return PKIO_CLI_CHECK_DONE;
  g_printerr ("%s: %s %s\n", path,
              _("Could not check whether these people already have a certificate of this "
                "kind:"), error->message);
  return PKIO_CLI_CHECK_FAILED;
}

/* --dry-run: the duplicate check too, when it can be made; the exit code stays the file's
 * (FALSE only when the person stopped the check with Ctrl+C). */
static gboolean
dry_run_check (const char    *path,
               PkioBatch     *batch,
               PkioWorkspace *workspace)
{
  g_autoptr(PkioBatchPlacer) placer = NULL;
  const GError *failure = NULL;

  if (workspace == NULL)
    {
      g_printerr ("%s: %s\n", path,
                  _("Could not check whether these people already have a certificate of this "
                    "kind."));
      return TRUE;
    }
  placer = pkio_batch_placer_new (workspace, batch, NULL, FALSE);
  switch (pkio_cli_batch_check_rows (path, placer))
    {
    case PKIO_CLI_CHECK_INTERRUPTED:
      return FALSE;
    case PKIO_CLI_CHECK_FAILED:
      return TRUE;
    case PKIO_CLI_CHECK_DONE:
    default:
      break;
    }
  pkio_cli_batch_print_duplicates (path, batch, placer, &failure);
  if (failure != NULL && pkio_api_error_get_meaning (failure) == PKIO_ERROR_MEANING_FIX_KEY)
    /* TRANSLATORS: %s says why, e.g. that there is no API key */
    g_printerr ("%s: %s %s\n", path,
                _("Could not check whether these people already have a certificate of this "
                  "kind:"), failure->message);
  else if (pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_FOUND) == 0
      && pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_UNCHECKED) == 0)
    g_printerr (_("%s: CertCentral shows no certificate of the same kind for any of these "
                  "people.\n"), path);
  return TRUE;
}

int
pkio_cli_batch_check (const char *file,
                      gboolean    practice)
{
  const char *path = pkio_cli_file_display_name (file);
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) why_not = NULL;
  int exit_code;
  guint n_rows;

  /* Neither a key nor the history is needed to check a file; with a key, the account's own
   * order fields are known too. */
  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_LOADED, &exit_code);
  fields = pkio_cli_batch_account_fields (workspace, &why_not);
  exit_code = pkio_cli_batch_read (file, fields, &batch);
  if (exit_code != PKIO_CLI_EXIT_OK)
    return exit_code;
  if (!pkio_cli_batch_print_checked (path, batch, TRUE))
    {
      pkio_cli_batch_explain_unknown_columns (path, batch, why_not);
      return PKIO_CLI_EXIT_INVALID;
    }

  n_rows = pkio_batch_get_n_rows (batch);
  if (n_rows > 0 && !dry_run_check (path, batch, workspace))
    return PKIO_CLI_EXIT_FAILURE;
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%s: %u order, valid. Nothing was sent: --dry-run only checks the "
                           "file.\n",
                           "%s: %u orders, all valid. Nothing was sent: --dry-run only checks "
                           "the file.\n", n_rows),
              path, n_rows);
  return PKIO_CLI_EXIT_OK;
}

int
pkio_cli_batch_template (gboolean practice)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) why_not = NULL;
  int exit_code;

  /* With a key (or in practice mode), the account's own order fields are columns too. */
  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_LOADED, &exit_code);
  fields = pkio_cli_batch_account_fields (workspace, &why_not);
  pkio_batch_write_template (out, pkio_batch_language_current (), fields);
  /* Bytes, not g_print (): the template is a file, in UTF-8 whatever the terminal's locale. */
  if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      g_printerr (_("The template could not be written: %s\n"), g_strerror (errno));
      return PKIO_CLI_EXIT_FAILURE;
    }
  /* Written all the same, as `history` shows what is stored when it cannot update: a file
   * without those columns is still of use, and exit 1 tells a script it is not the whole. */
  if (why_not != NULL)
    {
      /* TRANSLATORS: %s says why, e.g. that CertCentral could not be reached */
      g_printerr (_("The template has no columns for your organisation’s own order fields: "
                    "they could not be asked from CertCentral:\n%s\n"), why_not->message);
      return PKIO_CLI_EXIT_FAILURE;
    }
  return PKIO_CLI_EXIT_OK;
}
