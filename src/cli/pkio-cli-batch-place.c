/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `order --batch`: placing the rows of a file one after another, once the file is read and
 * checked as --dry-run does (pkio-cli-batch.c, pkio-cli-batch-private.h) and the person has
 * said yes; one line per row while they go, Ctrl+C finishing the order in flight, the results
 * file, and an exit code for the worst row. */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "pkio-batch-values.h"
#include "pkio-cli-batch-private.h"
#include "pkio-cli-batch.h"
#include "pkio-cli-common.h"
#include "pkio-cli-request.h"
#include "pkio-cli-workspace.h"
#include "pkio-field-rules.h"

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
  g_autofree char *holder = pkio_cli_batch_holder_text (row->order);
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

  switch (pkio_cli_batch_check_rows (path, placer))
    {
    case PKIO_CLI_CHECK_INTERRUPTED:
      return PKIO_CLI_EXIT_FAILURE;
    case PKIO_CLI_CHECK_FAILED:
      g_printerr ("%s\n", _("Nothing was sent. Try again later, or add --allow-existing to "
                            "place the orders without this check."));
      return PKIO_CLI_EXIT_FAILURE;
    case PKIO_CLI_CHECK_DONE:
    default:
      break;
    }
  n_failed = pkio_cli_batch_print_duplicates (path, batch, placer, &failure);
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
  fields = pkio_cli_batch_account_fields (workspace, &why_not);
  exit_code = pkio_cli_batch_read (file, fields, &batch);
  if (exit_code != PKIO_CLI_EXIT_OK)
    return exit_code;
  /* One line per row is what became of it: the rows are listed while they are placed. */
  if (!pkio_cli_batch_print_checked (path, batch, FALSE))
    {
      pkio_cli_batch_explain_unknown_columns (path, batch, why_not);
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
