/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fault-matrix-util.h"
#include "history-test-util.h"
#include "pkio-client-private.h"
#include "pkio-history-sync.h"
#include "pkio-workspace.h"

/* The fault matrix (issue 11): every fault against every operation, through the workspace
 * (the one door of the CLI and the window), and for a fault of each kind also the real
 * subcommand, run in this process by pkio_cli_run () with what it prints captured. A cell
 * asserts the error class and what it means, the person's words, the POSTs (never more than
 * one per order) and what the journal knows once the outcome was checked, and the requests
 * (bounded, each one through the rate limiter: nothing is resent behind the client's back).
 * What the cells found is the table in tests/README.md; the test fails when the two differ
 * (PKIO_FAULT_MATRIX_WRITE=1 writes the table instead). Needs the session's keyring. */

#define README_BEGIN "<!-- fault-matrix:begin -->\n"
#define README_END   "<!-- fault-matrix:end -->\n"

#define OK (-1)

/* The reads (every GET row): the error, how many requests, words of its message. */
static const struct
{
  int         code;
  guint       attempts;
  const char *says;
} read_expect[N_FAULTS] = {
  [F_REFUSED]         = { PKIO_API_ERROR_NETWORK, 4, "Could not reach CertCentral." },
  [F_DELAY]           = { PKIO_API_ERROR_TIMEOUT, 1, "did not answer in time" },
  [F_DROP_BEFORE]     = { PKIO_API_ERROR_NETWORK, 4, "Could not reach CertCentral." },
  [F_DROP_AFTER]      = { PKIO_API_ERROR_NETWORK, 4, "Could not reach CertCentral." },
  [F_429]             = { PKIO_API_ERROR_RATE_LIMITED, 4, "too many requests" },
  [F_429_RETRY_AFTER] = { OK, 2, NULL },
  [F_500]             = { PKIO_API_ERROR_SERVER_ERROR, 4, "has a problem at the moment" },
  [F_502]             = { PKIO_API_ERROR_SERVER_ERROR, 4, "a web page instead of data" },
  [F_EMPTY]           = { PKIO_API_ERROR_BAD_ANSWER, 1, "an empty answer" },
  [F_TRUNCATED]       = { PKIO_API_ERROR_BAD_ANSWER, 1, "damaged data" },
  [F_WRONG_TYPES]     = { PKIO_API_ERROR_BAD_ANSWER, 1, "unexpected form" },
  [F_DEEP]            = { PKIO_API_ERROR_BAD_ANSWER, 1, "nested too deeply" },
  [F_HUGE]            = { PKIO_API_ERROR_BAD_ANSWER, 1, "far too large" },
  [F_DRIP]            = { PKIO_API_ERROR_TIMEOUT, 1, "did not answer in time" },
};

/* The order: the error, whether CertCentral has it, what the journal says once checked. */
static const struct
{
  int              code;
  gboolean         exists;
  PkioRecordState  checked;
  const char      *says;
} order_expect[N_FAULTS] = {
  [F_REFUSED]         = { PKIO_API_ERROR_NETWORK, FALSE, PKIO_RECORD_STATE_REJECTED,
                          "the order was not sent" },
  [F_DELAY]           = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "did not answer in time. Your order may or may not" },
  [F_DROP_BEFORE]     = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE, PKIO_RECORD_STATE_UNKNOWN,
                          "ended before it answered. Your order may or may not" },
  [F_DROP_AFTER]      = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "ended before it answered. Your order may or may not" },
  [F_429]             = { PKIO_API_ERROR_RATE_LIMITED, FALSE, PKIO_RECORD_STATE_REJECTED,
                          "the order was not placed" },
  [F_429_RETRY_AFTER] = { PKIO_API_ERROR_RATE_LIMITED, FALSE, PKIO_RECORD_STATE_REJECTED,
                          "the order was not placed" },
  [F_500]             = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE, PKIO_RECORD_STATE_UNKNOWN,
                          "problem while handling the order" },
  [F_502]             = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE, PKIO_RECORD_STATE_UNKNOWN,
                          "problem while handling the order" },
  [F_EMPTY]           = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "could not be read" },
  [F_TRUNCATED]       = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "could not be read" },
  [F_WRONG_TYPES]     = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "without an order number" },
  [F_DEEP]            = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "could not be read" },
  [F_HUGE]            = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "could not be read" },
  [F_DRIP]            = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE, PKIO_RECORD_STATE_PLACED,
                          "did not answer in time. Your order may or may not" },
};

/* The cancel: the error, and whether CertCentral canceled it by the time it is answered. */
static const struct
{
  int         code;
  gboolean    canceled;
  const char *says;
} cancel_expect[N_FAULTS] = {
  [F_REFUSED]         = { PKIO_API_ERROR_NETWORK, FALSE, "Could not reach CertCentral." },
  [F_DELAY]           = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "did not answer in time, so the order may or may not have been canceled" },
  [F_DROP_BEFORE]     = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "ended before it answered, so the order may or may not have been canceled" },
  [F_DROP_AFTER]      = { OK, TRUE, NULL },
  [F_429]             = { PKIO_API_ERROR_RATE_LIMITED, FALSE, "too many requests" },
  [F_429_RETRY_AFTER] = { PKIO_API_ERROR_RATE_LIMITED, FALSE, "too many requests" },
  [F_500]             = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "problem while canceling the order, so it may or may not" },
  [F_502]             = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "problem while canceling the order, so it may or may not" },
  [F_EMPTY]           = { OK, TRUE, NULL },
  [F_TRUNCATED]       = { OK, TRUE, NULL },
  [F_WRONG_TYPES]     = { OK, TRUE, NULL },
  [F_DEEP]            = { OK, TRUE, NULL },
  [F_HUGE]            = { OK, TRUE, NULL },
  [F_DRIP]            = { OK, TRUE, NULL },
};

/* The revoke: the error (OK: CertCentral took it), and whether CertCentral has the request once
 * it is answered (a delayed one arrives a little later); an unknown one is checked against
 * order info: "requested" when it has it, "not found" (may be asked again) when not. */
static const struct
{
  int         code;
  gboolean    requested;
  const char *says;
} revoke_expect[N_FAULTS] = {
  [F_REFUSED]         = { PKIO_API_ERROR_NETWORK, FALSE, "Could not reach CertCentral." },
  [F_DELAY]           = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE,
                          "did not answer in time, so it is not known whether it took the request to revoke" },
  [F_DROP_BEFORE]     = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "ended before it answered, so it is not known whether it took the request to revoke" },
  [F_DROP_AFTER]      = { PKIO_API_ERROR_OUTCOME_UNKNOWN, TRUE,
                          "ended before it answered, so it is not known whether it took the request to revoke" },
  [F_429]             = { PKIO_API_ERROR_RATE_LIMITED, FALSE, "too many requests" },
  [F_429_RETRY_AFTER] = { PKIO_API_ERROR_RATE_LIMITED, FALSE, "too many requests" },
  [F_500]             = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "problem while taking the request to revoke the certificate" },
  [F_502]             = { PKIO_API_ERROR_OUTCOME_UNKNOWN, FALSE,
                          "problem while taking the request to revoke the certificate" },
  [F_EMPTY]           = { OK, TRUE, NULL },
  [F_TRUNCATED]       = { OK, TRUE, NULL },
  [F_WRONG_TYPES]     = { OK, TRUE, NULL },
  [F_DEEP]            = { OK, TRUE, NULL },
  [F_HUGE]            = { OK, TRUE, NULL },
  [F_DRIP]            = { OK, TRUE, NULL },
};

/* ---- the operations ---- */

static char *
place_cell (Fault fault)
{
  g_autoptr(PkioWorkspace) workspace = open_workspace (fault == F_REFUSED);
  g_autofree char *email = next_email ();
  g_autoptr(PkioOrder) order = make_order (email);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;
  guint posts = pkio_simulator_count_requests (m.sim, "POST", NULL);
  guint orders = pkio_simulator_get_n_orders (m.sim);
  PkioRecordState journal;
  gint64 found = 0;

  inject (OP_PLACE, fault);
  pkio_workspace_place_order_async (workspace, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  sent = pkio_workspace_place_order_finish (workspace, result);
  pkio_simulator_clear_faults (m.sim);

  g_assert_error (sent->error, PKIO_API_ERROR, order_expect[fault].code);
  g_assert_nonnull (strstr (sent->error->message, order_expect[fault].says));
  /* Never a second POST: one, or none when nothing listens. */
  g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "POST", NULL) - posts, ==,
                    fault == F_REFUSED ? 0 : 1);
  g_assert_nonnull (sent->record);
  journal = pkio_history_record_get_state (sent->record);
  if (pkio_api_error_is_not_placed (sent->error))
    {
      g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_REJECTED);
      g_assert_cmpint (journal, ==, PKIO_RECORD_STATE_REJECTED);
    }
  else
    {
      g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_UNKNOWN);
      g_assert_cmpint (journal, ==, PKIO_RECORD_STATE_UNKNOWN);
      g_assert_cmpint (pkio_api_error_get_meaning (sent->error), ==, PKIO_ERROR_MEANING_UNKNOWN);
    }

  /* CertCentral has the order, or not (a delayed one arrives a little later). */
  if (order_expect[fault].exists)
    wait_for_new_order (orders);
  else
    spin_ms (50);
  g_assert_cmpuint (pkio_simulator_get_n_orders (m.sim), ==,
                    orders + (order_expect[fault].exists ? 1 : 0));

  if (journal == PKIO_RECORD_STATE_UNKNOWN)
    {
      g_autoptr(PkioWorkspace) again = open_workspace (FALSE);
      PkioHistoryRecord *record = pkio_history_store_find_by_local_id (
        pkio_workspace_get_store (again), pkio_history_record_get_local_id (sent->record));
      g_autoptr(GError) error = NULL;

      g_clear_object (&result);
      g_assert_nonnull (record);
      pkio_workspace_check_outcome_async (again, record, NULL, test_result_cb, NULL);
      result = test_wait ();
      found = pkio_workspace_check_outcome_finish (again, result, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pkio_history_record_get_state (record), ==, order_expect[fault].checked);
      if (found > 0)
        g_assert_cmpint (found, ==, pkio_simulator_get_last_order_id (m.sim));
    }
  else
    g_assert_cmpint (journal, ==, order_expect[fault].checked);
  /* Checking sent nothing. */
  g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "POST", NULL) - posts, <=, 1);

  if (faults[fault].cli)
    {
      int exit_code = cli_cell (OP_PLACE, fault, sent->error->message,
                                order_expect[fault].exists);

      g_assert_cmpint (exit_code, ==, journal == PKIO_RECORD_STATE_UNKNOWN ? 4 : 1);
      return g_strdup_printf ("`%s`, %s · %s · exit %d",
                              pkio_api_error_code_to_string (sent->error->code),
                              journal == PKIO_RECORD_STATE_UNKNOWN
                              ? (found > 0 ? "checked: placed" : "checked: not found")
                              : "not placed",
                              fault == F_REFUSED ? "0 POSTs" : "1 POST", exit_code);
    }
  return g_strdup_printf ("`%s`, %s · %s", pkio_api_error_code_to_string (sent->error->code),
                          journal == PKIO_RECORD_STATE_UNKNOWN
                          ? (found > 0 ? "checked: placed" : "checked: not found")
                          : "not placed",
                          fault == F_REFUSED ? "0 POSTs" : "1 POST");
}

/* One GET row's operation; the error it failed with, or NULL. */
static GError *
read_operation (Op             op,
                PkioWorkspace *workspace)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  switch (op)
    {
    case OP_CHECK_KEY:
      {
        g_autoptr(PkioApiUser) user = NULL;

        pkio_workspace_check_key_async (workspace, KEY, NULL, test_result_cb, NULL);
        result = test_wait ();
        user = pkio_workspace_check_key_finish (workspace, result, &error);
        g_assert_true ((user != NULL) == (error == NULL));
      }
      break;
    case OP_SYNC_LIST:
    case OP_SYNC_CHANGES:
    case OP_SYNC_ORDER_INFO:
      sync_history (workspace, &error);
      break;
    case OP_STATUS:
      {
        g_autoptr(PkioRemoteOrder) order = NULL;

        pkio_workspace_fetch_order_async (workspace, m.order_id, NULL, test_result_cb, NULL);
        result = test_wait ();
        order = pkio_workspace_fetch_order_finish (workspace, result, NULL, &error);
        g_assert_true ((order != NULL) == (error == NULL));
      }
      break;
    case OP_PLACE:
    case OP_CANCEL:
    case OP_REVOKE:
    case N_OPS:
    default:
      g_assert_not_reached ();
    }
  return error;
}

static void
prepare_read (Op             op,
              PkioWorkspace *workspace)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The list on a first sync; status changes (and order info) on a later one. */
  if (op == OP_SYNC_LIST)
    set_last_sync (workspace, 0);
  else if (op == OP_SYNC_CHANGES || op == OP_SYNC_ORDER_INFO)
    set_last_sync (workspace, now - 60);
}

static char *
read_cell (Op    op,
           Fault fault)
{
  g_autoptr(PkioWorkspace) workspace = open_workspace (fault == F_REFUSED);
  g_autofree char *path = fault_path (op);
  g_autoptr(GError) error = NULL;
  guint64 granted = pkio_rate_limiter_get_n_granted (m.limiter);
  guint64 streamed = pkio_simulator_get_streamed_bytes (m.sim);
  guint on_path = pkio_simulator_count_requests (m.sim, "GET", path);
  guint all = pkio_simulator_count_requests (m.sim, NULL, NULL);
  guint attempts;
  gint64 start;
  gint64 elapsed_ms;
  int exit_code = -1;

  prepare_read (op, workspace);
  inject (op, fault);
  start = g_get_monotonic_time ();
  error = read_operation (op, workspace);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  pkio_simulator_clear_faults (m.sim);

  /* Every request went through the limiter (so within CertCentral's limits), and the
   * simulator saw no request the client did not count: nothing was resent behind its back. */
  if (fault == F_REFUSED)
    attempts = (guint) (pkio_rate_limiter_get_n_granted (m.limiter) - granted);
  else
    {
      g_assert_cmpuint (pkio_simulator_count_requests (m.sim, NULL, NULL) - all, ==,
                        pkio_rate_limiter_get_n_granted (m.limiter) - granted);
      attempts = pkio_simulator_count_requests (m.sim, "GET", path) - on_path;
    }
  g_assert_cmpuint (attempts, ==, read_expect[fault].attempts);
  g_assert_cmpuint (attempts, <=, PKIO_CLIENT_MAX_ATTEMPTS);
  if (fault == F_HUGE)
    g_test_message ("50 MiB body: %" G_GUINT64_FORMAT " bytes left the simulator",
                    pkio_simulator_get_streamed_bytes (m.sim) - streamed);
  /* The reader stopped at its cap: most of the 50 MiB was never sent. */
  g_assert_cmpuint (pkio_simulator_get_streamed_bytes (m.sim) - streamed, <, 20 * 1024 * 1024);

  if (read_expect[fault].code == OK)
    {
      g_assert_no_error (error);
      /* Retry-After was honoured: a second at least before the second try. */
      g_assert_cmpint (elapsed_ms, >=, 1000);
      return g_strdup_printf ("ok after %u GETs, waited 1 s", attempts);
    }
  g_assert_error (error, PKIO_API_ERROR, read_expect[fault].code);
  g_assert_nonnull (strstr (error->message, read_expect[fault].says));
  if (read_expect[fault].code == PKIO_API_ERROR_TIMEOUT)
    g_assert_cmpint (elapsed_ms, <, TIMEOUT_MS + 1000);

  if (faults[fault].cli)
    {
      /* Every read that failed exits 1, `history` too: it shows what is stored, but a script
       * must be able to tell a stale list from a good one (issue 21). */
      exit_code = cli_cell (op, fault, error->message, FALSE);
      g_assert_cmpint (exit_code, ==, 1);
      return g_strdup_printf ("`%s` · %u GET%s · exit %d",
                              pkio_api_error_code_to_string (error->code), attempts,
                              attempts == 1 ? "" : "s", exit_code);
    }
  return g_strdup_printf ("`%s` · %u GET%s", pkio_api_error_code_to_string (error->code),
                          attempts, attempts == 1 ? "" : "s");
}

/* A pending order of the row's account, known to the history. */
static PkioHistoryRecord *
new_pending_order (PkioWorkspace *workspace)
{
  g_autofree char *email = next_email ();
  g_autoptr(GError) error = NULL;

  m.order_id = pkio_simulator_add_remote_order (m.sim, email, "Anna", "Annema", "pending", NULL);
  set_last_sync (workspace, 0);
  g_assert_true (sync_history (workspace, &error));
  return pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace), m.order_id);
}

static char *
cancel_cell (Fault fault)
{
  g_autoptr(PkioWorkspace) setup = open_workspace (FALSE);
  PkioHistoryRecord *known = new_pending_order (setup);
  g_autoptr(PkioWorkspace) workspace = open_workspace (fault == F_REFUSED);
  PkioHistoryRecord *record = pkio_history_store_find_by_order_id (
    pkio_workspace_get_store (workspace), pkio_history_record_get_order_id (known));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint puts = pkio_simulator_count_requests (m.sim, "PUT", NULL);
  guint gets;
  gboolean canceled;

  g_assert_nonnull (record);
  g_assert_true (pkio_history_record_can_cancel (record));
  path = fault_path (OP_CANCEL);
  gets = pkio_simulator_count_requests (m.sim, "GET", NULL);
  inject (OP_CANCEL, fault);
  pkio_workspace_cancel_order_async (workspace, record, "Ordered twice", NULL, test_result_cb,
                                     NULL);
  result = test_wait ();
  pkio_workspace_cancel_order_finish (workspace, result, &error);
  pkio_simulator_clear_faults (m.sim);

  /* The PUT is never repeated. */
  g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "PUT", NULL) - puts, ==,
                    fault == F_REFUSED ? 0 : 1);
  canceled = g_strcmp0 (pkio_simulator_get_order_status (m.sim, m.order_id), "canceled") == 0;
  g_assert_cmpint (canceled, ==, cancel_expect[fault].canceled);
  if (cancel_expect[fault].code == OK)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "canceled");
      return g_strdup ("canceled · 1 PUT");
    }
  g_assert_error (error, PKIO_API_ERROR, cancel_expect[fault].code);
  g_assert_nonnull (strstr (error->message, cancel_expect[fault].says));
  /* Only what CertCentral says is recorded: still pending here. */
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");
  if (cancel_expect[fault].code == PKIO_API_ERROR_OUTCOME_UNKNOWN)
    {
      /* Asked once what became of it. */
      g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "GET", NULL) - gets, ==, 1);
      return g_strdup ("`outcome-unknown`, asked: pending · 1 PUT");
    }
  return g_strdup_printf ("`%s`, not canceled · %s", pkio_api_error_code_to_string (error->code),
                          fault == F_REFUSED ? "0 PUTs" : "1 PUT");
}

/* An issued certificate of the row's account, known to the history. */
static PkioHistoryRecord *
new_issued_certificate (PkioWorkspace *workspace)
{
  g_autofree char *email = next_email ();
  g_autoptr(GError) error = NULL;
  PkioHistoryRecord *record;

  m.order_id = pkio_simulator_add_remote_order (m.sim, email, "Iris", "Issued", "issued", NULL);
  set_last_sync (workspace, 0);
  g_assert_true (sync_history (workspace, &error));
  record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace),
                                                m.order_id);
  g_assert_nonnull (record);
  m.certificate_id = pkio_history_record_get_certificate_id (record);
  g_assert_cmpint (m.certificate_id, >, 0);
  return record;
}

static void
wait_for_revoke_request (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (pkio_simulator_get_revoke_request (m.sim, m.order_id, NULL) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static char *revoke_workspace_cell (Fault fault);

/* The workspace's cell, and for a fault of each kind `pkio-orders revoke ORDER_ID --reason lost
 * --yes` on another issued certificate: one PUT (none when nothing listens), the person's
 * words, and the exit codes of `order` (0 requested, 4 outcome unknown, 1 anything else here). */
static char *
revoke_cell (Fault fault)
{
  g_autofree char *cell = revoke_workspace_cell (fault);
  g_autoptr(PkioWorkspace) setup = NULL;
  int expected_exit;
  int exit_code;

  if (!faults[fault].cli)
    return g_steal_pointer (&cell);
  setup = open_workspace (FALSE);
  new_issued_certificate (setup);
  g_clear_object (&setup);
  expected_exit = revoke_expect[fault].code == OK ? 0
                  : revoke_expect[fault].code == PKIO_API_ERROR_OUTCOME_UNKNOWN ? 4 : 1;
  exit_code = cli_cell (OP_REVOKE, fault,
                        revoke_expect[fault].code == OK ? "Revocation requested"
                                                        : revoke_expect[fault].says,
                        FALSE);
  g_assert_cmpint (exit_code, ==, expected_exit);
  return g_strdup_printf ("%s · exit %d", cell, exit_code);
}

static char *
revoke_workspace_cell (Fault fault)
{
  g_autoptr(PkioWorkspace) setup = open_workspace (FALSE);
  PkioHistoryRecord *known = new_issued_certificate (setup);
  g_autoptr(PkioWorkspace) workspace = open_workspace (fault == F_REFUSED);
  PkioHistoryRecord *record = pkio_history_store_find_by_order_id (
    pkio_workspace_get_store (workspace), pkio_history_record_get_order_id (known));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioRevokeResult) revoked = NULL;
  guint puts = pkio_simulator_count_requests (m.sim, "PUT", NULL);
  gboolean requested;

  g_assert_nonnull (record);
  g_assert_true (pkio_history_record_can_revoke (record));
  inject (OP_REVOKE, fault);
  pkio_workspace_revoke_async (workspace, record, PKIO_REVOKE_REASON_LOST, NULL, NULL,
                               test_result_cb, NULL);
  result = test_wait ();
  revoked = pkio_workspace_revoke_finish (workspace, result);
  pkio_simulator_clear_faults (m.sim);

  /* Once, or not at all when nothing listens (user/me, asked first, did not get through). */
  g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "PUT", NULL) - puts, ==,
                    fault == F_REFUSED ? 0 : 1);
  if (revoke_expect[fault].requested)
    wait_for_revoke_request ();
  else
    spin_ms (50);
  requested = pkio_simulator_get_revoke_request (m.sim, m.order_id, NULL) > 0;
  g_assert_cmpint (requested, ==, revoke_expect[fault].requested);

  if (revoke_expect[fault].code == OK)
    {
      g_assert_no_error (revoked->error);
      g_assert_cmpint (revoked->state, ==, PKIO_REVOKE_RESULT_REQUESTED);
      g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_REQUESTED);
      /* The request id when the answer could be read, else none (never a wrong one). */
      g_assert_true (revoked->request_id == 0
                     || revoked->request_id
                        == pkio_simulator_get_revoke_request (m.sim, m.order_id, NULL));
      return g_strdup_printf ("requested%s · 1 PUT",
                              revoked->request_id > 0 ? "" : " (no request id)");
    }
  g_assert_error (revoked->error, PKIO_API_ERROR, revoke_expect[fault].code);
  g_assert_nonnull (strstr (revoked->error->message, revoke_expect[fault].says));
  if (revoke_expect[fault].code == PKIO_API_ERROR_OUTCOME_UNKNOWN)
    {
      g_autoptr(PkioWorkspace) again = open_workspace (FALSE);
      PkioHistoryRecord *unknown = pkio_history_store_find_by_local_id (
        pkio_workspace_get_store (again), pkio_history_record_get_local_id (record));
      g_autoptr(PkioRevokeResult) refused = NULL;
      g_autoptr(GError) error = NULL;
      PkioRevokeState checked;

      g_assert_cmpint (revoked->state, ==, PKIO_REVOKE_RESULT_UNKNOWN);
      g_assert_nonnull (unknown);
      g_assert_cmpint (pkio_history_record_get_revoke_state (unknown), ==, PKIO_REVOKE_UNKNOWN);
      /* Not sent again before it is checked. */
      g_clear_object (&result);
      pkio_workspace_revoke_async (again, unknown, PKIO_REVOKE_REASON_LOST, NULL, NULL,
                                   test_result_cb, NULL);
      result = test_wait ();
      refused = pkio_workspace_revoke_finish (again, result);
      g_assert_cmpint (refused->state, ==, PKIO_REVOKE_RESULT_INVALID);
      /* Checked against order info (a GET), as the window and the CLI do. */
      g_clear_object (&result);
      pkio_workspace_check_revoke_async (again, unknown, NULL, test_result_cb, NULL);
      result = test_wait ();
      checked = pkio_workspace_check_revoke_finish (again, result, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (checked, ==, requested ? PKIO_REVOKE_REQUESTED : PKIO_REVOKE_NONE);
      g_assert_cmpint (pkio_history_record_get_revoke_state (unknown), ==, checked);
      g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "PUT", NULL) - puts, ==, 1);
      return g_strdup_printf ("`outcome-unknown`, checked: %s · 1 PUT",
                              requested ? "requested" : "not found");
    }
  /* Refused or never sent: nothing pending, it may be asked again. */
  g_assert_cmpint (revoked->state, ==,
                   fault == F_REFUSED ? PKIO_REVOKE_RESULT_NOT_SENT : PKIO_REVOKE_RESULT_REFUSED);
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_NONE);
  g_assert_true (pkio_history_record_can_revoke (record));
  return g_strdup_printf ("`%s`, not requested · %s",
                          pkio_api_error_code_to_string (revoked->error->code),
                          fault == F_REFUSED ? "0 PUTs" : "1 PUT");
}

/* ---- rows ---- */

static void
remove_history (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, NULL);

  test_rm_rf (dir);
}

/* A fresh CertCentral and history for each operation. */
static void
begin_row (Op op)
{
  g_autoptr(GError) error = NULL;

  if (m.sim != NULL)
    clear_key (pkio_simulator_get_base_url (m.sim));
  g_clear_object (&m.sim);
  remove_history ();
  m.sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (m.sim, KEY);
  pkio_simulator_set_issue_delay (m.sim, PKIO_SIMULATOR_ISSUE_NEVER);
  pkio_simulator_set_fault_delay (m.sim, DELAY_MS);
  g_assert_true (pkio_simulator_start (m.sim, &error));
  store_key (pkio_simulator_get_base_url (m.sim));

  if (op == OP_STATUS || op == OP_SYNC_ORDER_INFO)
    {
      /* Placed two days ago and still pending: not among the last minutes' status changes,
       * so a sync asks for its order info. */
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) created = g_date_time_add_days (now, -2);
      g_autoptr(PkioWorkspace) workspace = NULL;

      m.order_id = pkio_simulator_add_remote_order (m.sim, "old@example.com", "Oud", "Oudeman",
                                                    "pending", created);
      workspace = open_workspace (FALSE);
      g_assert_true (sync_history (workspace, &error));
    }
}

static void
test_operation (gconstpointer data)
{
  Op op = GPOINTER_TO_INT (data);

  if (!m.keyring)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  begin_row (op);
  for (Fault fault = 0; fault < N_FAULTS; fault++)
    {
      g_test_message ("%s × %s", ops[op].title, faults[fault].title);
      /* The clients of this cell. The 50 MiB body is read up to the client's cap, which under
       * ASan on a loaded machine took longer than the short timeout that keeps the delay
       * cells quick; it then ended as a timeout instead of "far too large". */
      _pkio_client_set_test_defaults (fault == F_HUGE ? HUGE_TIMEOUT_MS : TIMEOUT_MS, 5,
                                      m.limiter);
      if (op == OP_PLACE)
        m.cells[fault][op] = place_cell (fault);
      else if (op == OP_CANCEL)
        m.cells[fault][op] = cancel_cell (fault);
      else if (op == OP_REVOKE)
        m.cells[fault][op] = revoke_cell (fault);
      else
        m.cells[fault][op] = read_cell (op, fault);
    }
}

/* ---- the table in tests/README.md ---- */

static char *
table (void)
{
  GString *text = g_string_new (README_BEGIN "| fault |");

  for (Op op = 0; op < N_OPS; op++)
    g_string_append_printf (text, " %s |", ops[op].title);
  g_string_append (text, "\n|---|");
  for (Op op = 0; op < N_OPS; op++)
    g_string_append (text, "---|");
  g_string_append (text, "\n");
  for (Fault fault = 0; fault < N_FAULTS; fault++)
    {
      g_string_append_printf (text, "| %s |", faults[fault].title);
      for (Op op = 0; op < N_OPS; op++)
        g_string_append_printf (text, " %s |", m.cells[fault][op]);
      g_string_append (text, "\n");
    }
  g_string_append (text, README_END);
  return g_string_free (text, FALSE);
}

static void
test_readme_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autofree char *generated = NULL;
  const char *begin;
  const char *end;

  if (!m.keyring)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  for (Op op = 0; op < N_OPS; op++)
    for (Fault fault = 0; fault < N_FAULTS; fault++)
      g_assert_nonnull (m.cells[fault][op]);
  generated = table ();
  g_assert_true (g_file_get_contents (path, &readme, NULL, NULL));
  begin = strstr (readme, README_BEGIN);
  end = begin != NULL ? strstr (begin, README_END) : NULL;
  g_assert_nonnull (end);
  end += strlen (README_END);

  if (g_strcmp0 (g_getenv ("PKIO_FAULT_MATRIX_WRITE"), "1") == 0)
    {
      g_autoptr(GString) updated = g_string_new_len (readme, begin - readme);

      g_string_append (updated, generated);
      g_string_append (updated, end);
      g_assert_true (g_file_set_contents (path, updated->str, -1, NULL));
      return;
    }
  {
    g_autofree char *shown = g_strndup (begin, end - begin);

    /* The README says what the cells found. */
    g_assert_cmpstr (shown, ==, generated);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;
  int status;

  /* Before GLib reads XDG_DATA_HOME (it caches it). */
  m.dir = g_dir_make_tmp ("pkio-fault-matrix-XXXXXX", NULL);
  data_home = g_build_filename (m.dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("PKIO_ORDER_SENDER_TEST_CRASH_POINT");
  g_test_init (&argc, &argv, NULL);

  /* A port that was free a moment ago: nothing listens there (connection refused). */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  m.refused_url = g_strdup_printf ("http://127.0.0.1:%u/services/v2/", port);

  /* Every client of this process (the CLI's and the workspaces' too): short timeouts and
   * retry delays, and one limiter that counts the requests. */
  m.limiter = pkio_rate_limiter_new ();
  _pkio_client_set_test_defaults (TIMEOUT_MS, 5, m.limiter);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    store_key (m.refused_url);

  for (Op op = 0; op < N_OPS; op++)
    {
      g_autofree char *name = g_strdup_printf ("/fault-matrix/%d-%s", op, ops[op].title);

      g_strdelimit (name + strlen ("/fault-matrix/"), " :", '-');
      g_test_add_data_func (name, GINT_TO_POINTER (op), test_operation);
    }
  g_test_add_func ("/fault-matrix/readme-table", test_readme_table);
  status = g_test_run ();

  if (m.keyring)
    {
      clear_key (m.refused_url);
      if (m.sim != NULL)
        clear_key (pkio_simulator_get_base_url (m.sim));
    }
  g_clear_object (&m.sim);
  _pkio_client_set_test_defaults (0, 0, NULL);
  g_clear_object (&m.limiter);
  for (Op op = 0; op < N_OPS; op++)
    for (Fault fault = 0; fault < N_FAULTS; fault++)
      g_free (m.cells[fault][op]);
  test_rm_rf (m.dir);
  g_free (m.dir);
  g_free (m.refused_url);
  return status;
}
