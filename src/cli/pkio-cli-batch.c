/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "pkio-batch-placer.h"
#include "pkio-batch-values.h"
#include "pkio-batch.h"
#include "pkio-cli-batch.h"
#include "pkio-cli-common.h"
#include "pkio-cli-request.h"
#include "pkio-cli-workspace.h"
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

static char *
holder_text (const PkioOrder *order)
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

/* The account's own order fields (GET account/metadata), for the columns named by their
 * labels; NULL when there is no key to ask with (a file is then read without them), or when
 * CertCentral could not say (@why_not gets why, for people). */
static GPtrArray *
account_fields (PkioWorkspace  *workspace,
                GError        **why_not)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (workspace == NULL || !pkio_cli_can_ask_certcentral (workspace, NULL))
    return NULL;
  pkio_workspace_get_custom_fields_async (workspace, NULL, pkio_cli_async_cb, &result);
  return pkio_workspace_get_custom_fields_finish (workspace, pkio_cli_wait (&result), why_not);
}

/* A column the file names that is not known may be one of the account's own order fields,
 * which could not be read: say so once, after the column's own problem. */
static void
explain_unknown_columns (const char   *path,
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

/* Reads @file (a batch file, "-": standard input) into *@out_batch, with the columns of the
 * account's own order fields @fields (NULL: none). Returns the exit code to give up with after
 * saying why, or PKIO_CLI_EXIT_OK. */
static int
read_batch (const char  *file,
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

/* Every problem, and every row (@valid_rows_too) or the rows with problems only; FALSE when
 * there are problems (said, with their count). */
static gboolean
print_checked_batch (const char *path,
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

/* What the duplicate check found, row by row: a match as "FILE:ROW: holder: already-ordered:
 * order N, …" on standard output (for scripts) with the sentence on standard error; a row that
 * could not be checked on standard error. Returns the rows that could not be checked because
 * CertCentral could not be asked (not the known individuals without an email here, which are
 * said but do not stop anything: docs/decisions.md#duplicate-orders); *@out_error: the first
 * such row's reason. */
static guint
print_duplicates (const char       *path,
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
      holder = holder_text (row->order);
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

typedef enum
{
  CHECK_DONE,
  CHECK_FAILED,       /* the history could not be read: said */
  CHECK_INTERRUPTED,  /* Ctrl+C: said */
} CheckEnd;

static gboolean
check_interrupted_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* Runs the check of every row. It sends nothing, so Ctrl+C stops it at once (the question in
 * flight is cancelled), said, instead of killing the program without a word. */
static CheckEnd
check_rows (const char      *path,
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
      return CHECK_INTERRUPTED;
    }
  if (checked)
    return CHECK_DONE;
  g_printerr ("%s: %s %s\n", path,
              _("Could not check whether these people already have a certificate of this "
                "kind:"), error->message);
  return CHECK_FAILED;
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
  switch (check_rows (path, placer))
    {
    case CHECK_INTERRUPTED:
      return FALSE;
    case CHECK_FAILED:
      return TRUE;
    case CHECK_DONE:
    default:
      break;
    }
  print_duplicates (path, batch, placer, &failure);
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
  fields = account_fields (workspace, &why_not);
  exit_code = read_batch (file, fields, &batch);
  if (exit_code != PKIO_CLI_EXIT_OK)
    return exit_code;
  if (!print_checked_batch (path, batch, TRUE))
    {
      explain_unknown_columns (path, batch, why_not);
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
  fields = account_fields (workspace, &why_not);
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

/* ---- placing a batch ---- */

typedef struct
{
  const char      *path;
  PkioBatch       *batch;
  PkioBatchPlacer *placer;
} PlaceProgress;

/* One line per row on standard output, "12 of 30 placed" on standard error. */
static void
row_done_cb (PkioBatchPlacer *placer,
             guint            index,
             gpointer         user_data)
{
  PlaceProgress *progress = user_data;
  const PkioBatchRow *row = pkio_batch_get_row (progress->batch, index);
  const PkioBatchRowOutcome *outcome = pkio_batch_placer_get_outcome (placer, index);
  g_autofree char *holder = holder_text (row->order);
  guint n_rows = pkio_batch_get_n_rows (progress->batch);

  if (outcome->state == PKIO_BATCH_ROW_PLACED)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, outcome->order_id);

      /* TRANSLATORS: file:row: holder: placed as order 1234 */
      g_print (_("%s:%u: %s: placed as order %s\n"), progress->path, row->number, holder, number);
    }
  else if (outcome->state == PKIO_BATCH_ROW_ALREADY_PLACED)
    /* The message says it: "already placed as order 1234". */
    g_print ("%s:%u: %s: %s\n", progress->path, row->number, holder, outcome->message);
  else
    {
      g_autofree char *message = pkio_field_printable (outcome->message != NULL
                                                       ? outcome->message : "", 400);

      /* TRANSLATORS: file:row: holder: what became of it (“rejected”): why */
      g_print (_("%s:%u: %s: %s: %s\n"), progress->path, row->number, holder,
               pkio_batch_row_state_label (outcome->state), message);
    }
  fflush (stdout);
  /* TRANSLATORS: progress of a batch, as in "12 of 30 placed" */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u of %u placed\n", "%u of %u placed\n", n_rows),
              pkio_batch_placer_count_placed (placer), n_rows);
}

/* "Place 30 orders … ? [y/N]" on a terminal; FALSE when the person says no. */
static gboolean
confirm (const char *path,
         guint       n_rows)
{
  char answer[16] = "";

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Place %u order from %s with CertCentral? Each order costs money. "
                           "Type “yes” to place it: ",
                           "Place %u orders from %s with CertCentral? Each order costs money. "
                           "Type “yes” to place them: ", n_rows),
              n_rows, path);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  /* TRANSLATORS: what the person types to confirm; also accepted: "yes", "y" */
  return g_ascii_strcasecmp (answer, "yes") == 0 || g_ascii_strcasecmp (answer, "y") == 0
         || g_utf8_collate (answer, C_("confirm", "yes")) == 0;
}

static gboolean
interrupted_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  if (!g_cancellable_is_cancelled (cancellable))
    g_printerr ("%s\n", _("Stopping after the order being sent now…"));
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
write_results (const char      *results_path,
               PkioBatch       *batch,
               PkioBatchPlacer *placer)
{
  guint n_rows = pkio_batch_get_n_rows (batch);
  g_autofree PkioBatchResult *results = g_new0 (PkioBatchResult, MAX (n_rows, 1));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint r = 0; r < n_rows; r++)
    {
      const PkioBatchRowOutcome *outcome = pkio_batch_placer_get_outcome (placer, r);

      results[r].order_id = outcome->order_id;
      results[r].status = pkio_batch_row_state_label (outcome->state);
      results[r].message = outcome->message;
    }
  pkio_batch_write_results (batch, results, out);
  if (!g_file_set_contents (results_path, out->str, out->len, &error))
    {
      g_printerr (_("The results could not be saved in %s: %s\n"), results_path,
                  error->message);
      return FALSE;
    }
  return TRUE;
}

/* Before anything is sent: every row checked (PKIO_CLI_EXIT_OK to go on), else the exit code
 * after saying why, as for a single order (pkio-cli-order.c): a key CertCentral no longer
 * accepts, or a row CertCentral could not be asked about, sends nothing (1). Rows with a match
 * are left out (*@out_left_out), said with how to include them. */
static int
refuse_unchecked (const char      *path,
                  PkioBatch       *batch,
                  PkioBatchPlacer *placer,
                  guint           *out_left_out)
{
  const GError *failure = NULL;
  guint n_failed;

  switch (check_rows (path, placer))
    {
    case CHECK_INTERRUPTED:
      return PKIO_CLI_EXIT_FAILURE;
    case CHECK_FAILED:
      g_printerr ("%s\n", _("Nothing was sent. Try again later, or add --allow-existing to "
                            "place the orders without this check."));
      return PKIO_CLI_EXIT_FAILURE;
    case CHECK_DONE:
    default:
      break;
    }
  n_failed = print_duplicates (path, batch, placer, &failure);
  if (failure != NULL && pkio_cli_explain_key_rejected (failure, _("Nothing was sent.")))
    return PKIO_CLI_EXIT_FAILURE;
  if (n_failed > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u row could not be checked. Nothing was sent. Try again "
                               "later, or add --allow-existing to place the orders without "
                               "this check.\n",
                               "%s: %u rows could not be checked. Nothing was sent. Try again "
                               "later, or add --allow-existing to place the orders without "
                               "this check.\n", n_failed),
                  path, n_failed);
      return PKIO_CLI_EXIT_FAILURE;
    }
  *out_left_out = pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_FOUND);
  if (*out_left_out > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%s: %u row is left out: its holder already has a certificate of "
                             "this kind. To place it anyway, run the command again with "
                             "--allow-existing.\n",
                             "%s: %u rows are left out: their holders already have a "
                             "certificate of this kind. To place them anyway, run the command "
                             "again with --allow-existing.\n", *out_left_out),
                path, *out_left_out);
  return PKIO_CLI_EXIT_OK;
}

int
pkio_cli_batch_place (const char *file,
                      gboolean    practice,
                      gboolean    yes,
                      gboolean    new_batch,
                      gboolean    allow_existing,
                      const char *results_path)
{
  const char *path = pkio_cli_file_display_name (file);
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) why_not = NULL;
  g_autoptr(PkioBatchPlacer) placer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  PlaceProgress progress = { path, NULL, NULL };
  int exit_code;
  guint interrupt_source;
  guint n_rows;
  guint n_left_out = 0;

  /* Before anything is read: without a terminal there is no one to ask. */
  if (!yes && (g_strcmp0 (file, "-") == 0 || !isatty (STDIN_FILENO)))
    {
      g_printerr ("%s\n", _("Placing orders costs money: add --yes to place them without "
                             "a question (there is no terminal to ask on)."));
      return PKIO_CLI_EXIT_INVALID;
    }
  /* The account first: its own order fields decide which columns the file may have. */
  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_KEY | PKIO_CLI_NEED_HISTORY,
                                       &exit_code);
  if (workspace == NULL)
    {
      g_printerr ("%s\n", _("Nothing was sent."));
      return exit_code;
    }
  fields = account_fields (workspace, &why_not);
  exit_code = read_batch (file, fields, &batch);
  if (exit_code != PKIO_CLI_EXIT_OK)
    return exit_code;
  /* One line per row is what became of it: the rows are listed while they are placed. */
  if (!print_checked_batch (path, batch, FALSE))
    {
      explain_unknown_columns (path, batch, why_not);
      return PKIO_CLI_EXIT_INVALID;
    }
  n_rows = pkio_batch_get_n_rows (batch);
  if (n_rows == 0)
    {
      g_printerr (_("%s: there are no orders in the file: nothing was sent.\n"), path);
      return PKIO_CLI_EXIT_INVALID;
    }

  file_name = g_strcmp0 (file, "-") == 0 ? NULL : g_path_get_basename (file);
  placer = pkio_batch_placer_new (workspace, batch, file_name, new_batch);
  /* --allow-existing: every row would go whatever the check found; so it is not asked. */
  pkio_batch_placer_set_allow_existing (placer, allow_existing);
  if (!allow_existing)
    {
      exit_code = refuse_unchecked (path, batch, placer, &n_left_out);
      if (exit_code != PKIO_CLI_EXIT_OK)
        return exit_code;
    }

  if (!yes && n_rows > n_left_out && !confirm (path, n_rows - n_left_out))
    {
      g_printerr ("%s\n", _("Nothing was sent."));
      return PKIO_CLI_EXIT_FAILURE;
    }
  progress.batch = batch;
  progress.placer = placer;
  g_signal_connect (placer, "row-done", G_CALLBACK (row_done_cb), &progress);
  interrupt_source = g_unix_signal_add (SIGINT, interrupted_cb, cancellable);
  pkio_batch_placer_run_async (placer, cancellable, pkio_cli_async_cb, &result);
  pkio_batch_placer_run_finish (placer, pkio_cli_wait (&result), &error);
  g_source_remove (interrupt_source);
  if (error != NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return PKIO_CLI_EXIT_FAILURE;
    }

  /* A key CertCentral no longer accepts: said as such, with how to replace it (exit 1, as the
   * rows are not placed). */
  if (pkio_batch_placer_get_key_rejection (placer) != NULL)
    pkio_cli_explain_key_rejected (pkio_batch_placer_get_key_rejection (placer), NULL);
  /* TRANSLATORS: the end of a batch, as in "people.csv: 28 of 30 placed." */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u placed.\n", "%s: %u of %u placed.\n",
                           n_rows),
              path, pkio_batch_placer_count_placed (placer), n_rows);

  if (results_path != NULL && !write_results (results_path, batch, placer))
    exit_code = PKIO_CLI_EXIT_FAILURE;
  else
    exit_code = PKIO_CLI_EXIT_OK;

  switch (pkio_batch_placer_get_worst (placer))
    {
    case PKIO_BATCH_ROW_UNKNOWN:
      g_printerr ("%s\n", _("Run “pkio-orders history” later to see whether the orders whose "
                             "outcome is unknown went through. Running this batch again asks "
                             "CertCentral first and never sends them twice."));
      return PKIO_CLI_EXIT_UNKNOWN;
    case PKIO_BATCH_ROW_REJECTED:
      return PKIO_CLI_EXIT_REJECTED;
    case PKIO_BATCH_ROW_NOT_PLACED:
    case PKIO_BATCH_ROW_WAITING:
      return PKIO_CLI_EXIT_FAILURE;
    case PKIO_BATCH_ROW_LEFT_OUT:
      /* As a single order the holder already has (already-ordered: exit 2). */
      return exit_code != PKIO_CLI_EXIT_OK ? exit_code : PKIO_CLI_EXIT_INVALID;
    case PKIO_BATCH_ROW_PLACED:
    case PKIO_BATCH_ROW_ALREADY_PLACED:
    default:
      return exit_code;
    }
}
