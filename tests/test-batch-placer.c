/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "batch-test-util.h"
#include "history-test-util.h"
#include "pkio-batch-placer.h"

/* PkioBatchPlacer against the practice simulator (in this process, so that a fault can be put
 * on one row: it is injected when the row before it is done): one POST per row, and what
 * becomes of each row, then the same file run again, and once more as a new batch. */

#define POST_PATH "order/certificate/pkio_burger"
#define N_PEOPLE  30

static char *data_home;

/* The rows (0-based) that meet a fault, and the fault. */
static const struct
{
  guint              index;
  PkioSimulatorFault fault;
  guint              count;
} faults[] = {
  { 4, PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1 },   /* handled, no answer: found by the check */
  { 11, PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1 },     /* 500: nothing handled, outcome unknown */
  { 19, PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1 },       /* 429: never left, not placed */
};

typedef struct
{
  PkioSimulator *sim;
  GString       *done;   /* the rows in the order "row-done" came: "0 1 2 …" */
} Run;

static PkioWorkspace *
load_practice_workspace (void)
{
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (NULL, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (pkio_workspace_get_simulator (workspace));
  /* Enough for every order here (the default pays for 50). */
  pkio_simulator_set_balance (pkio_workspace_get_simulator (workspace), 100 * 1000 * 1000);
  return g_steal_pointer (&workspace);
}

static void
inject_for (PkioSimulator *sim,
            guint          index)
{
  for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
    if (faults[f].index == index)
      pkio_simulator_inject_fault (sim, "POST", POST_PATH, faults[f].fault, faults[f].count);
}

static void
row_done_cb (PkioBatchPlacer *placer,
             guint            index,
             gpointer         user_data)
{
  Run *run = user_data;

  g_string_append_printf (run->done, "%u ", index);
  /* The next row's POST is the next one sent: this row's is answered and recorded. */
  inject_for (run->sim, index + 1);
}

static PkioBatchPlacer *
place (PkioWorkspace *workspace,
       PkioBatch     *batch,
       gboolean       new_batch,
       gboolean       with_faults,
       GCancellable  *cancellable)
{
  g_autoptr(PkioBatchPlacer) placer = pkio_batch_placer_new (workspace, batch, "people.csv",
                                                             new_batch);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { pkio_workspace_get_simulator (workspace), g_string_new (NULL) };
  g_autoptr(GString) expected = g_string_new (NULL);

  pkio_simulator_clear_faults (run.sim);
  if (with_faults)
    {
      g_signal_connect (placer, "row-done", G_CALLBACK (row_done_cb), &run);
      inject_for (run.sim, 0);
    }
  pkio_batch_placer_run_async (placer, cancellable, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_batch_placer_run_finish (placer, result, &error));
  g_assert_no_error (error);
  if (with_faults)
    {
      /* Every row once, in file order. */
      for (guint i = 0; i < N_PEOPLE; i++)
        g_string_append_printf (expected, "%u ", i);
      g_assert_cmpstr (run.done->str, ==, expected->str);
    }
  g_string_free (run.done, TRUE);
  pkio_simulator_clear_faults (run.sim);
  return g_steal_pointer (&placer);
}

static guint
posts (PkioWorkspace *workspace)
{
  return pkio_simulator_count_requests (pkio_workspace_get_simulator (workspace), "POST",
                                        POST_PATH);
}

static guint
count_state (PkioBatchPlacer   *placer,
             PkioBatchRowState  state)
{
  guint n = 0;

  for (guint i = 0; i < N_PEOPLE; i++)
    if (pkio_batch_placer_get_outcome (placer, i)->state == state)
      n++;
  return n;
}

/* History: every order of the batch is there, marked with the file's name. */
static guint
count_batch_records (PkioWorkspace *workspace,
                     PkioRecordState state)
{
  GListModel *model = G_LIST_MODEL (pkio_workspace_get_store (workspace));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (pkio_history_record_get_batch_file (record), "people.csv") == 0
          && pkio_history_record_get_state (record) == state)
        n++;
    }
  return n;
}

static void
test_faults_and_again (void)
{
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autofree char *text = batch_test_people_table (N_PEOPLE, ',');
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  g_autoptr(PkioBatchPlacer) first = NULL;
  g_autoptr(PkioBatchPlacer) again = NULL;
  g_autoptr(PkioBatchPlacer) anew = NULL;
  const PkioBatchRowOutcome *outcome;
  guint before = posts (workspace);

  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, N_PEOPLE);
  g_assert_cmpuint (pkio_batch_count_problems (batch), ==, 0);

  /* 1. The batch, with a drop after the body, a 500 and a 429: one POST per row. */
  first = place (workspace, batch, FALSE, TRUE, NULL);
  g_assert_cmpuint (posts (workspace) - before, ==, N_PEOPLE);
  /* The drop: CertCentral has it, and the check at once finds it. */
  outcome = pkio_batch_placer_get_outcome (first, 4);
  g_assert_cmpint (outcome->state, ==, PKIO_BATCH_ROW_PLACED);
  g_assert_cmpint (outcome->order_id, >, 0);
  /* The 500: nothing there, so unknown (never sent again). */
  g_assert_cmpint (pkio_batch_placer_get_outcome (first, 11)->state, ==, PKIO_BATCH_ROW_UNKNOWN);
  g_assert_nonnull (pkio_batch_placer_get_outcome (first, 11)->message);
  /* The 429: not placed. */
  outcome = pkio_batch_placer_get_outcome (first, 19);
  g_assert_cmpint (outcome->state, ==, PKIO_BATCH_ROW_NOT_PLACED);
  g_assert_cmpint (outcome->order_id, ==, 0);
  g_assert_cmpuint (count_state (first, PKIO_BATCH_ROW_PLACED), ==, N_PEOPLE - 2);
  g_assert_cmpuint (pkio_batch_placer_count_placed (first), ==, N_PEOPLE - 2);
  g_assert_cmpint (pkio_batch_placer_get_worst (first), ==, PKIO_BATCH_ROW_UNKNOWN);
  g_assert_cmpuint (count_batch_records (workspace, PKIO_RECORD_STATE_PLACED), ==, N_PEOPLE - 2);
  g_assert_cmpuint (count_batch_records (workspace, PKIO_RECORD_STATE_UNKNOWN), ==, 1);
  g_assert_cmpuint (count_batch_records (workspace, PKIO_RECORD_STATE_REJECTED), ==, 1);

  /* 2. The same file again: the placed rows are reported, the unknown one is checked (and not
   * sent), only the rate-limited one is sent. */
  again = place (workspace, batch, FALSE, FALSE, NULL);
  g_assert_cmpuint (posts (workspace) - before, ==, N_PEOPLE + 1);
  g_assert_cmpuint (count_state (again, PKIO_BATCH_ROW_ALREADY_PLACED), ==, N_PEOPLE - 2);
  outcome = pkio_batch_placer_get_outcome (again, 4);
  g_assert_cmpint (outcome->state, ==, PKIO_BATCH_ROW_ALREADY_PLACED);
  g_assert_cmpint (outcome->order_id, ==, pkio_batch_placer_get_outcome (first, 4)->order_id);
  g_assert_nonnull (strstr (outcome->message, "already placed as order "));
  g_assert_cmpint (pkio_batch_placer_get_outcome (again, 11)->state, ==, PKIO_BATCH_ROW_UNKNOWN);
  g_assert_cmpint (pkio_batch_placer_get_outcome (again, 19)->state, ==, PKIO_BATCH_ROW_PLACED);
  g_assert_cmpuint (count_batch_records (workspace, PKIO_RECORD_STATE_PLACED), ==, N_PEOPLE - 1);

  /* 3. On purpose, as a new batch: every row is sent again. */
  anew = place (workspace, batch, TRUE, FALSE, NULL);
  g_assert_cmpuint (posts (workspace) - before, ==, 2 * N_PEOPLE + 1);
  g_assert_cmpuint (count_state (anew, PKIO_BATCH_ROW_PLACED), ==, N_PEOPLE);
  g_assert_cmpint (pkio_batch_placer_get_worst (anew), ==, PKIO_BATCH_ROW_PLACED);
  g_assert_cmpuint (count_batch_records (workspace, PKIO_RECORD_STATE_PLACED), ==,
                    2 * N_PEOPLE - 1);
}

static void
cancel_after_third (PkioBatchPlacer *placer,
                    guint            index,
                    gpointer         user_data)
{
  if (index == 2)
    g_cancellable_cancel (user_data);
}

/* Cancel stops after the order in flight: the rows after it are not sent. */
static void
test_cancel (void)
{
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autofree char *text = batch_test_people_table (6, ';');
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(PkioBatchPlacer) placer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before = posts (workspace);

  batch = batch_test_read (text, -1);
  placer = pkio_batch_placer_new (workspace, batch, "six.csv", FALSE);
  g_signal_connect (placer, "row-done", G_CALLBACK (cancel_after_third), cancellable);
  pkio_batch_placer_run_async (placer, cancellable, test_result_cb, NULL);
  /* Cancelled while the third order is on its way: it is still placed. */
  result = test_wait ();
  g_assert_true (pkio_batch_placer_run_finish (placer, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (posts (workspace) - before, ==, 3);
  g_assert_cmpuint (pkio_batch_placer_count_placed (placer), ==, 3);
  for (guint i = 3; i < 6; i++)
    g_assert_cmpint (pkio_batch_placer_get_outcome (placer, i)->state, ==,
                     PKIO_BATCH_ROW_NOT_PLACED);
  g_assert_cmpint (pkio_batch_placer_get_worst (placer), ==, PKIO_BATCH_ROW_NOT_PLACED);
}

/* A batch with a problem sends nothing. */
static void
test_invalid_sends_nothing (void)
{
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autofree char *text = batch_test_people_table (3, ',');
  g_autoptr(GString) bad = g_string_new (text);
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(PkioBatchPlacer) placer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before = posts (workspace);

  g_assert_cmpuint (g_string_replace (bad, "1013 AA", "ABCDE", 1), ==, 1);
  batch = batch_test_read (bad->str, -1);
  g_assert_cmpuint (pkio_batch_count_problems (batch), >, 0);
  placer = pkio_batch_placer_new (workspace, batch, "bad.csv", FALSE);
  pkio_batch_placer_run_async (placer, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_false (pkio_batch_placer_run_finish (placer, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (posts (workspace), ==, before);
  g_assert_cmpint (pkio_batch_placer_get_outcome (placer, 0)->state, ==, PKIO_BATCH_ROW_WAITING);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("pkio-batch-placer-XXXXXX", NULL);

  /* Before GLib reads XDG_DATA_HOME (it caches it). */
  data_home = g_build_filename (tmp, "data", NULL);
  g_mkdir_with_parents (data_home, 0700);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/batch-placer/faults-and-again", test_faults_and_again);
  g_test_add_func ("/batch-placer/cancel", test_cancel);
  g_test_add_func ("/batch-placer/invalid-sends-nothing", test_invalid_sends_nothing);
  return g_test_run ();
}
