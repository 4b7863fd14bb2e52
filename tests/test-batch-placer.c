/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "batch-test-util.h"
#include "history-test-util.h"
#include "pkio-batch-placer-private.h"

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

typedef gboolean (*PlacerFinish) (PkioBatchPlacer  *placer,
                                  GAsyncResult     *result,
                                  GError          **error);

/* Waits for the check or the run of @placer (@finish says which), which must succeed. */
static void
wait_for_success (PkioBatchPlacer *placer,
                  PlacerFinish     finish)
{
  g_autoptr(GAsyncResult) result = test_wait ();
  g_autoptr(GError) error = NULL;

  g_assert_true (finish (placer, result, &error));
  g_assert_no_error (error);
}

static void
check (PkioBatchPlacer *placer)
{
  pkio_batch_placer_check_async (placer, NULL, test_result_cb, NULL);
  wait_for_success (placer, pkio_batch_placer_check_finish);
}

static void
run (PkioBatchPlacer *placer,
     GCancellable    *cancellable)
{
  pkio_batch_placer_run_async (placer, cancellable, test_result_cb, NULL);
  wait_for_success (placer, pkio_batch_placer_run_finish);
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

/* @new_batch also allows existing orders: every person of the batch has one by then. */
static PkioBatchPlacer *
place (PkioWorkspace *workspace,
       PkioBatch     *batch,
       gboolean       new_batch,
       gboolean       with_faults,
       GCancellable  *cancellable)
{
  g_autoptr(PkioBatchPlacer) placer = pkio_batch_placer_new (workspace, batch, "people.csv",
                                                             new_batch);
  Run seen = { pkio_workspace_get_simulator (workspace), g_string_new (NULL) };
  g_autoptr(GString) expected = g_string_new (NULL);

  pkio_simulator_clear_faults (seen.sim);
  pkio_batch_placer_set_allow_existing (placer, new_batch);
  if (with_faults)
    {
      g_signal_connect (placer, "row-done", G_CALLBACK (row_done_cb), &seen);
      inject_for (seen.sim, 0);
    }
  run (placer, cancellable);
  if (with_faults)
    {
      /* Every row once, in file order. */
      for (guint i = 0; i < N_PEOPLE; i++)
        g_string_append_printf (expected, "%u ", i);
      g_assert_cmpstr (seen.done->str, ==, expected->str);
    }
  g_string_free (seen.done, TRUE);
  pkio_simulator_clear_faults (seen.sim);
  return g_steal_pointer (&placer);
}

static guint
posts (PkioWorkspace *workspace)
{
  return pkio_simulator_count_requests (pkio_workspace_get_simulator (workspace), "POST",
                                        POST_PATH);
}

static guint
count_state_of (PkioBatchPlacer   *placer,
                guint              n_rows,
                PkioBatchRowState  state)
{
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    if (pkio_batch_placer_get_outcome (placer, i)->state == state)
      n++;
  return n;
}

static guint
count_state (PkioBatchPlacer   *placer,
             PkioBatchRowState  state)
{
  return count_state_of (placer, N_PEOPLE, state);
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

  /* 3. On purpose, as a new batch, with existing orders allowed: every row is sent again. */
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
  guint before = posts (workspace);

  batch = batch_test_read (text, -1);
  placer = pkio_batch_placer_new (workspace, batch, "six.csv", FALSE);
  /* These people have orders from the test before (the practice account is kept): this test
   * is about stopping, not about the duplicate check. */
  pkio_batch_placer_set_allow_existing (placer, TRUE);
  g_signal_connect (placer, "row-done", G_CALLBACK (cancel_after_third), cancellable);
  /* Cancelled while the third order is on its way: it is still placed. */
  run (placer, cancellable);
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


/* ---- the duplicate check of every row (issue 20) ---- */

/* @n_rows people of a domain of their own, so that the orders of the other tests (the practice
 * account is kept between them) are not theirs. */
static PkioBatch *
read_people (guint       n_rows,
             const char *domain)
{
  g_autofree char *text = batch_test_people_table_at (n_rows, ',', domain);

  return batch_test_read (text, -1);
}

static char *
person (guint       n,
        const char *domain)
{
  return g_strdup_printf ("person%02u@%s", n, domain);
}

/* An order placed elsewhere for person @n of @domain, of @profile, pending. */
static gint64
add_elsewhere (PkioWorkspace *workspace,
               guint          n,
               const char    *domain,
               const char    *profile)
{
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autofree char *email = person (n, domain);
  gint64 id = pkio_simulator_add_remote_order (sim, email, "John", "Doe", "pending", NULL);

  g_assert_true (pkio_simulator_set_order_profile (sim, id, profile));
  return id;
}

static void
count_checked_cb (PkioBatchPlacer *placer,
                  guint            index,
                  gpointer         user_data)
{
  GString *checked = user_data;

  g_assert_nonnull (pkio_batch_placer_get_duplicate (placer, index));
  g_string_append_printf (checked, "%u ", index);
}

/* Five people: the second and the fourth already have an encryption certificate on its way
 * (ordered elsewhere), the third an authentication one (another kind: does not count). The
 * check marks rows 1 and 3; the person includes row 3; row 1 is left out, the rest placed. */
static void
test_duplicates_left_out (void)
{
  const char *domain = "left-out.example.org";
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autoptr(PkioBatch) batch = read_people (5, domain);
  g_autoptr(PkioBatchPlacer) placer = pkio_batch_placer_new (workspace, batch, "five.csv",
                                                             FALSE);
  g_autoptr(PkioBatchPlacer) again = NULL;
  g_autoptr(GString) checked = g_string_new (NULL);
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  const PkioDuplicate *duplicate;
  const PkioBatchRowOutcome *outcome;
  g_autofree char *id_text = NULL;
  guint before = posts (workspace);
  gint64 second = add_elsewhere (workspace, 2, domain, "encryption");
  gint64 fourth = add_elsewhere (workspace, 4, domain, "encryption");

  add_elsewhere (workspace, 3, domain, "authentication");
  g_signal_connect (placer, "row-checked", G_CALLBACK (count_checked_cb), checked);
  pkio_simulator_clear_requests (sim);
  before = posts (workspace);
  check (placer);
  /* Every row, in file order, each asked by its holder's email; nothing sent. */
  g_assert_cmpstr (checked->str, ==, "0 1 2 3 4 ");
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "GET", "order/certificate"), >=, 5);
  g_assert_cmpuint (posts (workspace), ==, before);
  g_assert_cmpuint (pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_FOUND), ==, 2);
  g_assert_cmpuint (pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_NONE), ==, 3);
  duplicate = pkio_batch_placer_get_duplicate (placer, 1);
  g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_FOUND);
  g_assert_cmpint (duplicate->existing->order_id, ==, second);
  g_assert_cmpint (pkio_batch_placer_get_duplicate (placer, 3)->existing->order_id, ==, fourth);
  g_assert_cmpint (pkio_batch_placer_get_duplicate (placer, 2)->outcome, ==,
                   PKIO_DUPLICATE_NONE);
  /* Nothing is included unless the person says so. */
  g_assert_false (pkio_batch_placer_get_included (placer, 1));
  pkio_batch_placer_set_included (placer, 3, TRUE);
  g_assert_true (pkio_batch_placer_get_included (placer, 3));

  run (placer, NULL);
  /* Four POSTs: row 1 is left out, row 3 was included. */
  g_assert_cmpuint (posts (workspace) - before, ==, 4);
  outcome = pkio_batch_placer_get_outcome (placer, 1);
  g_assert_cmpint (outcome->state, ==, PKIO_BATCH_ROW_LEFT_OUT);
  g_assert_cmpint (outcome->order_id, ==, 0);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, second);
  g_assert_nonnull (strstr (outcome->message, id_text));
  g_assert_cmpint (pkio_batch_placer_get_outcome (placer, 3)->state, ==, PKIO_BATCH_ROW_PLACED);
  g_assert_cmpuint (pkio_batch_placer_count_placed (placer), ==, 4);
  g_assert_cmpuint (pkio_batch_placer_count_left_out (placer), ==, 1);
  g_assert_cmpint (pkio_batch_placer_get_worst (placer), ==, PKIO_BATCH_ROW_LEFT_OUT);
  g_assert_cmpstr (pkio_batch_row_state_to_string (PKIO_BATCH_ROW_LEFT_OUT), ==, "left-out");

  /* The same file again: the placed rows are not checked (their own orders are no
   * duplicates) and not sent; the row left out is checked again and left out again. */
  again = pkio_batch_placer_new (workspace, batch, "five.csv", FALSE);
  run (again, NULL);
  g_assert_cmpuint (posts (workspace) - before, ==, 4);
  g_assert_cmpuint (count_state_of (again, 5, PKIO_BATCH_ROW_ALREADY_PLACED), ==, 4);
  g_assert_null (pkio_batch_placer_get_duplicate (again, 0));
  g_assert_cmpint (pkio_batch_placer_get_outcome (again, 1)->state, ==,
                   PKIO_BATCH_ROW_LEFT_OUT);
  g_assert_cmpint (pkio_batch_placer_get_duplicate (again, 1)->outcome, ==,
                   PKIO_DUPLICATE_FOUND);
}

/* Run without a check first: the run checks every row before the first POST. With existing
 * orders allowed, nothing is asked and every row is sent. */
static void
test_run_checks_first (void)
{
  const char *domain = "run-checks.example.org";
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autoptr(PkioBatch) batch = read_people (3, domain);
  g_autoptr(PkioBatchPlacer) placer = pkio_batch_placer_new (workspace, batch, "three.csv",
                                                             FALSE);
  g_autoptr(PkioBatchPlacer) allowed = NULL;
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  guint before = posts (workspace);

  add_elsewhere (workspace, 1, domain, "encryption");
  run (placer, NULL);
  g_assert_cmpuint (posts (workspace) - before, ==, 2);
  g_assert_cmpint (pkio_batch_placer_get_outcome (placer, 0)->state, ==,
                   PKIO_BATCH_ROW_LEFT_OUT);
  g_assert_cmpuint (pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_FOUND), ==, 1);

  /* The same people as a new batch, existing orders allowed: no list asked, three POSTs. */
  allowed = pkio_batch_placer_new (workspace, batch, "three.csv", TRUE);
  pkio_batch_placer_set_allow_existing (allowed, TRUE);
  g_assert_true (pkio_batch_placer_get_included (allowed, 0));
  pkio_simulator_clear_requests (sim);
  run (allowed, NULL);
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "GET", "order/certificate"), ==, 0);
  g_assert_cmpuint (posts (workspace), ==, 3);
  g_assert_cmpuint (pkio_batch_placer_count_placed (allowed), ==, 3);
  g_assert_null (pkio_batch_placer_get_duplicate (allowed, 0));
}

/* CertCentral answers the check with an error: each row says it could not be checked, and
 * nothing is concluded (the front end says so and decides). */
static void
test_check_unreachable (void)
{
  const char *domain = "unreachable.example.org";
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autoptr(PkioBatch) batch = read_people (2, domain);
  g_autoptr(PkioBatchPlacer) placer = pkio_batch_placer_new (workspace, batch, "two.csv",
                                                             FALSE);
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  guint before = posts (workspace);

  add_elsewhere (workspace, 1, domain, "encryption");
  pkio_simulator_inject_fault (sim, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 100);
  check (placer);
  pkio_simulator_clear_faults (sim);
  g_assert_cmpuint (pkio_batch_placer_count_duplicates (placer, PKIO_DUPLICATE_UNCHECKED), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const PkioDuplicate *duplicate = pkio_batch_placer_get_duplicate (placer, i);
      g_autofree char *text = pkio_duplicate_dup_text (duplicate);

      g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_UNCHECKED);
      g_assert_nonnull (duplicate->error);
      g_assert_true (g_str_has_prefix (text, "Could not check whether this person already has"));
    }
  g_assert_cmpuint (posts (workspace), ==, before);

  /* Checked again once CertCentral answers: the match is found. */
  check (placer);
  g_assert_cmpint (pkio_batch_placer_get_duplicate (placer, 0)->outcome, ==,
                   PKIO_DUPLICATE_FOUND);
  g_assert_cmpint (pkio_batch_placer_get_duplicate (placer, 1)->outcome, ==,
                   PKIO_DUPLICATE_NONE);
}

/* A check made and shown, then the window left open while an order is placed elsewhere for a
 * row that was clear. Placing within a few minutes of the check trusts it (nothing is asked
 * again); placing later checks every row again before the first POST, and that row is left
 * out. Fails without the check's freshness: the stale check let the row be sent. */
static void
test_stale_check_made_again (void)
{
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  g_autoptr(PkioBatch) batch = read_people (3, "fresh-check.example.org");
  g_autoptr(PkioBatch) later_batch = read_people (3, "stale-check.example.org");
  g_autoptr(PkioBatchPlacer) fresh = pkio_batch_placer_new (workspace, batch, "fresh.csv", FALSE);
  g_autoptr(PkioBatchPlacer) later = pkio_batch_placer_new (workspace, later_batch, "later.csv",
                                                            FALSE);
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  gint64 elsewhere;
  guint before;

  check (fresh);
  g_assert_cmpuint (pkio_batch_placer_count_duplicates (fresh, PKIO_DUPLICATE_NONE), ==, 3);
  pkio_simulator_clear_requests (sim);
  before = posts (workspace);
  run (fresh, NULL);
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "GET", "order/certificate"), ==, 0);
  g_assert_cmpuint (posts (workspace) - before, ==, 3);

  check (later);
  g_assert_cmpuint (pkio_batch_placer_count_duplicates (later, PKIO_DUPLICATE_NONE), ==, 3);
  /* Person 2 of the file is its row 1. */
  elsewhere = add_elsewhere (workspace, 2, "stale-check.example.org", "encryption");
  /* The window stayed open past the check's freshness. */
  later->checked_at -= (gint64) (PKIO_BATCH_CHECK_FRESH_SECONDS + 1) * G_USEC_PER_SEC;
  pkio_simulator_clear_requests (sim);
  before = posts (workspace);
  run (later, NULL);
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "GET", "order/certificate"), >=, 3);
  g_assert_cmpuint (posts (workspace) - before, ==, 2);
  g_assert_cmpint (pkio_batch_placer_get_outcome (later, 1)->state, ==, PKIO_BATCH_ROW_LEFT_OUT);
  g_assert_cmpint (pkio_batch_placer_get_duplicate (later, 1)->existing->order_id, ==,
                   elsewhere);
  g_assert_cmpint (pkio_batch_placer_get_outcome (later, 0)->state, ==, PKIO_BATCH_ROW_PLACED);
}

/* The number of sockets this process has open (the simulator's and the client's ends). */
static guint
count_open_sockets (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

/* "Memory stays flat while placing" (issue 22): a batch keeps nothing per row but what it must
 * (the order in History, the practice account's copy of it). Each order's POST goes on a
 * connection of its own (never a pooled one); libsoup 3.2's server kept every such connection
 * the client had closed, with its socket and file descriptor, for as long as the practice
 * simulator ran (a socket per order: 1,000 rows, 1,000 descriptors). Also: once the placer and
 * the workspace go, so do the history, the client and the simulator. */
static void
test_nothing_kept_per_row (void)
{
  PkioWorkspace *workspace = load_practice_workspace ();
  g_autofree char *text = batch_test_people_table (N_PEOPLE, ',');
  g_autoptr(PkioBatch) batch = batch_test_read (text, -1);
  PkioBatchPlacer *placer = pkio_batch_placer_new (workspace, batch, "kept.csv", TRUE);
  gpointer alive[] = { placer, workspace, pkio_workspace_get_store (workspace),
                       pkio_workspace_get_client (workspace),
                       pkio_workspace_get_simulator (workspace) };
  guint before, after;

  /* A warm connection first, as a placing batch has after its first order. */
  pkio_batch_placer_set_allow_existing (placer, TRUE);
  before = count_open_sockets ();
  run (placer, NULL);
  g_assert_cmpuint (pkio_batch_placer_count_placed (placer), ==, N_PEOPLE);
  after = count_open_sockets ();
  /* At most the connections one order uses: not one per row. */
  g_test_message ("sockets open: %u before the batch, %u after %u orders", before, after,
                  N_PEOPLE);
  g_assert_cmpuint (after, <=, before + 4);

  for (guint i = 0; i < G_N_ELEMENTS (alive); i++)
    g_object_add_weak_pointer (alive[i], &alive[i]);
  g_object_unref (placer);
  g_object_unref (workspace);
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  for (guint i = 0; i < G_N_ELEMENTS (alive); i++)
    g_assert_null (alive[i]);
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
  g_test_add_func ("/batch-placer/duplicates-left-out", test_duplicates_left_out);
  g_test_add_func ("/batch-placer/run-checks-first", test_run_checks_first);
  g_test_add_func ("/batch-placer/stale-check-made-again", test_stale_check_made_again);
  g_test_add_func ("/batch-placer/check-unreachable", test_check_unreachable);
  g_test_add_func ("/batch-placer/nothing-kept-per-row", test_nothing_kept_per_row);
  return g_test_run ();
}
