/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "history-test-util.h"
#include "fault-matrix-util.h"
#include "pkio-cli.h"
#include "pkio-credentials.h"
#include "pkio-order-json.h"
#include "pkio-problem.h"

Matrix m;

const FaultCase faults[N_FAULTS] = {
  { "connection refused", PKIO_SIMULATOR_FAULT_NONE, 0, TRUE },
  { "delay past the timeout", PKIO_SIMULATOR_FAULT_DELAY, 100, TRUE },
  { "dropped before the body", PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY, 100, FALSE },
  { "dropped after the body", PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 100, TRUE },
  { "429, no Retry-After", PKIO_SIMULATOR_FAULT_RATE_LIMIT, 100, TRUE },
  { "429, Retry-After: 1 (once)", PKIO_SIMULATOR_FAULT_RATE_LIMIT_RETRY_AFTER, 1, FALSE },
  { "500", PKIO_SIMULATOR_FAULT_SERVER_ERROR, 100, TRUE },
  { "502 with an HTML page", PKIO_SIMULATOR_FAULT_BAD_GATEWAY_HTML, 100, FALSE },
  { "200, empty body", PKIO_SIMULATOR_FAULT_EMPTY_BODY, 100, FALSE },
  { "200, truncated JSON", PKIO_SIMULATOR_FAULT_MALFORMED_JSON, 100, TRUE },
  { "200, wrong types", PKIO_SIMULATOR_FAULT_WRONG_TYPES, 100, FALSE },
  { "200, nested 10,000 deep", PKIO_SIMULATOR_FAULT_DEEP_NESTING, 100, FALSE },
  { "200, 50 MiB body", PKIO_SIMULATOR_FAULT_HUGE_STREAM, 100, FALSE },
  { "1 byte per second", PKIO_SIMULATOR_FAULT_SLOW_DRIP, 100, FALSE },
};

const OperationCase ops[N_OPS] = {
  { "place an order", "POST", "order" },
  { "check the key", "GET", "set-api-key" },
  { "sync: list", "GET", "history" },
  { "sync: status changes", "GET", "history" },
  { "sync: order info", "GET", "history" },
  { "status of one order", "GET", "status" },
  { "cancel", "PUT", NULL },
  { "revoke", "PUT", NULL },
};

void
store_key (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_credentials_store_async (url, KEY, NULL, test_result_cb, NULL);
  result = test_wait ();
  m.keyring = pkio_credentials_store_finish (result, &error);
  if (!m.keyring)
    g_test_message ("no keyring: %s", error->message);
}

void
clear_key (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_clear_async (url, NULL, test_result_cb, NULL);
  result = test_wait ();
  pkio_credentials_clear_finish (result, NULL);
}

void
spin_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

PkioWorkspace *
open_workspace (gboolean refused)
{
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("PKIO_ORDERS_API_URL", refused ? m.refused_url : pkio_simulator_get_base_url (m.sim),
            TRUE);
  workspace = pkio_workspace_new (NULL, FALSE);
  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pkio_workspace_get_state (workspace), ==, PKIO_WORKSPACE_STATE_READY);
  return g_steal_pointer (&workspace);
}

void
set_last_sync (PkioWorkspace *workspace,
               gint64         when)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_history_store_set_last_sync_async (pkio_workspace_get_store (workspace), when,
                                          test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_set_last_sync_finish (pkio_workspace_get_store (workspace),
                                                          result, NULL));
}

gboolean
sync_history (PkioWorkspace  *workspace,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_workspace_sync_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_workspace_sync_finish (workspace, result, error);
}

char *
order_file (const char *email)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "fixtures", "seed-details.json",
                                                 NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) body = NULL;
  char *path = g_build_filename (m.dir, "order.json", NULL);

  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  body = g_string_new (text);
  g_assert_cmpuint (g_string_replace (body, "john.doe@example.com", email, 0), ==, 1);
  g_assert_true (g_file_set_contents (path, body->str, -1, NULL));
  return path;
}

PkioOrder *
make_order (const char *email)
{
  g_autofree char *path = order_file (email);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  PkioOrder *order;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  order = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_nonnull (order);
  return order;
}

char *
next_email (void)
{
  return g_strdup_printf ("holder%u@example.com", ++m.attempt);
}

/* The path each operation's faults go to. */
char *
fault_path (Op op)
{
  switch (op)
    {
    case OP_PLACE: return g_strdup ("order/certificate/pkio_burger");
    case OP_CHECK_KEY: return g_strdup ("user/me");
    case OP_SYNC_LIST: return g_strdup ("order/certificate");
    case OP_SYNC_CHANGES: return g_strdup ("order/certificate/status-changes");
    case OP_SYNC_ORDER_INFO:
    case OP_STATUS: return g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, m.order_id);
    case OP_CANCEL: return g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT "/status",
                                            m.order_id);
    case OP_REVOKE: return g_strdup_printf ("certificate/%" G_GINT64_FORMAT "/revoke",
                                            m.certificate_id);
    case N_OPS:
    default: g_assert_not_reached ();
    }
}

void
inject (Op    op,
        Fault fault)
{
  g_autofree char *path = fault_path (op);

  pkio_simulator_clear_faults (m.sim);
  if (fault != F_REFUSED)
    pkio_simulator_inject_fault (m.sim, ops[op].method, path, faults[fault].fault,
                                 faults[fault].count);
}

void
wait_for_new_order (guint before)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (pkio_simulator_get_n_orders (m.sim) == before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* ---- the CLI, in this process ---- */

static GString *printed;

static void
capture_cb (const char *text)
{
  g_string_append (printed, text);
}

/* Runs `pkio-orders ARGS…` as main () would, with @stdin_text as standard input; returns the
 * exit code and what it wrote to standard error (and output) in @out. */
static int
run_cli (const char  *stdin_text,
         char       **out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GPrintFunc old_print, old_printerr;
  const char *arg;
  int saved_stdin = -1;
  int status;
  va_list args;

  g_ptr_array_add (argv, (char *) "pkio-orders");
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (stdin_text != NULL)
    {
      int fds[2];

      g_assert_cmpint (pipe (fds), ==, 0);
      g_assert_cmpint (write (fds[1], stdin_text, strlen (stdin_text)), ==, strlen (stdin_text));
      close (fds[1]);
      saved_stdin = dup (STDIN_FILENO);
      dup2 (fds[0], STDIN_FILENO);
      close (fds[0]);
    }
  printed = g_string_new (NULL);
  old_print = g_set_print_handler (capture_cb);
  old_printerr = g_set_printerr_handler (capture_cb);
  status = pkio_cli_run ((int) argv->len - 1, (char **) argv->pdata);
  g_set_print_handler (old_print);
  g_set_printerr_handler (old_printerr);
  if (saved_stdin >= 0)
    {
      dup2 (saved_stdin, STDIN_FILENO);
      close (saved_stdin);
    }
  g_set_prgname ("test-fault-matrix");
  g_test_message ("pkio-orders %s → %d:\n%s", (char *) argv->pdata[1], status, printed->str);
  *out = g_string_free (g_steal_pointer (&printed), FALSE);
  return status;
}

int
cli_cell (Op          op,
          Fault       fault,
          const char *message,
          gboolean    order_exists)
{
  g_autofree char *out = NULL;
  g_autofree char *email = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m.order_id);
  guint posts = pkio_simulator_count_requests (m.sim, "POST", NULL);
  guint orders;
  guint puts;
  int status;

  g_setenv ("PKIO_ORDERS_API_URL", fault == F_REFUSED ? m.refused_url
                                                      : pkio_simulator_get_base_url (m.sim), TRUE);
  inject (op, fault);
  switch (op)
    {
    case OP_PLACE:
      email = next_email ();
      path = order_file (email);
      orders = pkio_simulator_get_n_orders (m.sim);
      /* The duplicate check (issue 20) asks CertCentral first; this cell is about the POST. */
      status = run_cli (NULL, &out, "order", "--allow-existing", path, NULL);
      /* A held order arrives later: not in the next cell. */
      if (order_exists)
        wait_for_new_order (orders);
      /* One POST, or none when nothing listens. */
      g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "POST", NULL), ==,
                        posts + (fault == F_REFUSED ? 0 : 1));
      if (status == 4)
        g_assert_nonnull (strstr (out, "Do NOT send it again"));
      else
        g_assert_nonnull (strstr (out, "The order was not placed: "));
      break;
    case OP_CHECK_KEY:
      status = run_cli (KEY "\n", &out, "set-api-key", NULL);
      g_assert_nonnull (strstr (out, "Could not check the key with CertCentral: "));
      g_assert_nonnull (strstr (out, "Nothing was stored."));
      break;
    case OP_SYNC_LIST:
    case OP_SYNC_CHANGES:
    case OP_SYNC_ORDER_INFO:
      status = run_cli (NULL, &out, "history", NULL);
      /* The history is still shown, from this computer. */
      g_assert_nonnull (strstr (out, "Could not update from CertCentral. Showing what "));
      break;
    case OP_STATUS:
      status = run_cli (NULL, &out, "status", id, NULL);
      g_assert_nonnull (strstr (out, "Could not get the order from CertCentral: "));
      break;
    case OP_REVOKE:
      puts = pkio_simulator_count_requests (m.sim, "PUT", NULL);
      /* Order info first (GET), then the one PUT; nothing listens: neither. */
      status = run_cli (NULL, &out, "revoke", id, "--reason", "lost", "--yes", NULL);
      g_assert_cmpuint (pkio_simulator_count_requests (m.sim, "PUT", NULL), ==,
                        puts + (fault == F_REFUSED ? 0 : 1));
      if (status == 4)
        g_assert_nonnull (strstr (out, "Do NOT ask again blindly"));
      break;
    case OP_CANCEL:
    case N_OPS:
    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (strstr (out, message));
  pkio_simulator_clear_faults (m.sim);
  return status;
}
