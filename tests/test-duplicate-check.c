/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The duplicate check before an order (pkio-duplicate-check.h, issue 20): every branch of the
 * rule against the simulator, which lists rows without the holder's email as CertCentral does,
 * and CertCentral out of reach. Today is fixed, so nothing depends on the day the test runs. */
#include "config.h"

#include <string.h>

#include "history-test-util.h"
#include "pkio-calendar.h"
#include "pkio-duplicate-check.h"
#include "pkio-simulator.h"

#define KEY "duplicate-test-key"
#define WARNING_DAYS 60

typedef struct
{
  char             *dir;
  PkioSimulator    *sim;
  PkioClient       *client;
  PkioHistoryStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = test_make_dir ();
  path = g_build_filename (fixture->dir, "history.sqlite", NULL);
  fixture->sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (fixture->sim, KEY);
  pkio_simulator_set_issue_delay (fixture->sim, PKIO_SIMULATOR_ISSUE_NEVER);
  g_assert_true (pkio_simulator_start (fixture->sim, &error));
  fixture->client = pkio_client_new (pkio_simulator_get_base_url (fixture->sim), KEY, &error);
  g_assert_no_error (error);
  pkio_client_set_retry_base_delay (fixture->client, 10);
  fixture->store = test_open_store (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
  test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static PkioDuplicate *
check (Fixture    *fixture,
       PkioClient *client,
       const char *email,
       gint64      individual_id,
       const char *profile,
       gint64      ignore_order_id)
{
  PkioDuplicateQuery query = {
    .email = email,
    .individual_id = individual_id,
    .profile = profile,
    .warning_days = WARNING_DAYS,
    .ignore_order_id = ignore_order_id,
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioDuplicate *duplicate;

  pkio_duplicate_check_async (client != NULL ? client : fixture->client, fixture->store, &query,
                              NULL, test_result_cb, NULL);
  result = test_wait ();
  duplicate = pkio_duplicate_check_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (duplicate);
  return duplicate;
}

/* An order of Anna's placed elsewhere, of @profile, in @status; issued ones end @days_left
 * days after today. */
static gint64
add_anna (Fixture    *fixture,
          const char *status,
          const char *profile,
          int         days_left)
{
  gint64 id = pkio_simulator_add_remote_order (fixture->sim, "anna@example.nl", "Anna",
                                               "de Vries", status, NULL);

  g_assert_true (pkio_simulator_set_order_profile (fixture->sim, id, profile));
  if (g_str_equal (status, "issued"))
    {
      PkioDay today = pkio_calendar_today (NULL);

      g_assert_true (pkio_simulator_set_order_validity (fixture->sim, id, today - 300,
                                                        today + days_left));
    }
  return id;
}

/* GET order/certificate (the list, not one order's info), each asking by @email for this
 * product only. */
static guint
count_lists (Fixture    *fixture,
             const char *email)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fixture->sim);
  g_autofree char *by_email = g_strdup_printf ("filters[email]=%s", email);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);
      g_autofree char *query = NULL;

      if (!g_str_equal (request->method, "GET") || !g_str_equal (request->path,
                                                                  "order/certificate"))
        continue;
      g_assert_nonnull (request->query);
      query = g_uri_unescape_string (request->query, NULL);
      g_assert_nonnull (strstr (query, by_email));
      g_assert_nonnull (strstr (query, "filters[product_name_id]=pkio_burger"));
      n++;
    }
  return n;
}

static void
assert_none (PkioDuplicate *duplicate)
{
  g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_NONE);
  g_assert_null (duplicate->existing);
  g_assert_null (duplicate->error);
}

/* The issue's four: pending elsewhere and issued-and-valid block; ending within the warning
 * period and another profile do not. */
static void
test_pending_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;
  gint64 id = add_anna (fixture, "pending", "authentication", 0);

  duplicate = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_FOUND);
  g_assert_cmpint (duplicate->existing->order_id, ==, id);
  g_assert_cmpstr (duplicate->existing->status, ==, "pending");
  g_assert_cmpstr (duplicate->existing->profile_option, ==, "authentication");
  g_assert_nonnull (duplicate->existing->date_created);
  g_assert_false (duplicate->placed_here);
  /* Asked by email, for this product only; a pending row says its profile: no order info. */
  g_assert_cmpuint (count_lists (fixture, "anna@example.nl"), ==, 1);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET",
                                                   "order/certificate/"), ==, 0);
}

static void
test_issued_valid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;
  gint64 id = add_anna (fixture, "issued", "authentication", WARNING_DAYS + 1);

  duplicate = check (fixture, NULL, "ANNA@example.nl", 0, "authentication", 0);
  g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_FOUND);
  g_assert_cmpint (duplicate->existing->order_id, ==, id);
  g_assert_cmpstr (duplicate->existing->status, ==, "issued");
  /* Its order info was read for its revocation requests. */
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET",
                                                   "order/certificate/"), ==, 1);
}

static void
test_issued_ends_soon (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;

  /* The last day of the warning period still "ends soon" (pkio-history-record-expiry.c). */
  add_anna (fixture, "issued", "authentication", WARNING_DAYS);
  add_anna (fixture, "issued", "authentication", 3);
  duplicate = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  assert_none (duplicate);
}

static void
test_other_profile (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;
  g_autoptr(PkioDuplicate) same = NULL;

  add_anna (fixture, "pending", "encryption", 0);
  add_anna (fixture, "issued", "nonrepudiation", 365);
  duplicate = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  assert_none (duplicate);
  /* The same orders block their own profile. */
  same = check (fixture, NULL, "anna@example.nl", 0, "encryption", 0);
  g_assert_cmpint (same->outcome, ==, PKIO_DUPLICATE_FOUND);
}

/* Someone else's orders, and what is over, never count. */
static void
test_others_and_finished (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;
  const char *finished[] = { "rejected", "canceled", "revoked", "expired" };

  pkio_simulator_add_remote_order (fixture->sim, "kees@example.nl", "Kees", "Bakker", "pending",
                                   NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (finished); i++)
    add_anna (fixture, finished[i], "authentication", 0);
  duplicate = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  assert_none (duplicate);
}

/* Each in-progress status blocks. */
static void
test_in_progress_statuses (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *statuses[] = { "pending", "needs_approval", "processing", "waiting_pickup",
                             "reissue_pending" };

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *email = g_strdup_printf ("p%zu@example.nl", i);
      g_autoptr(PkioDuplicate) duplicate = NULL;
      gint64 id = pkio_simulator_add_remote_order (fixture->sim, email, "P", "Q", statuses[i],
                                                   NULL);

      duplicate = check (fixture, NULL, email, 0, "authentication", 0);
      g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_FOUND);
      g_assert_cmpint (duplicate->existing->order_id, ==, id);
    }
}

/* Issued and valid, but a revocation was asked for, or a newer order renewed it. */
static void
test_revoked_or_renewed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PkioDuplicate) revoking = NULL;
  g_autoptr(PkioDuplicate) renewed = NULL;
  g_autoptr(PkioDuplicate) replaced = NULL;
  gint64 id = add_anna (fixture, "issued", "authentication", 365);
  gint64 newer;

  g_assert_true (pkio_simulator_request_revocation (fixture->sim, id));
  revoking = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  assert_none (revoking);

  id = pkio_simulator_add_remote_order (fixture->sim, "bob@example.nl", "Bob", "Bos", "issued",
                                        NULL);
  g_assert_true (pkio_simulator_set_order_renewed (fixture->sim, id, TRUE));
  renewed = check (fixture, NULL, "bob@example.nl", 0, "authentication", 0);
  assert_none (renewed);

  /* A newer issued order replaces an older one: the newer is what blocks. */
  g_assert_true (pkio_simulator_set_order_renewed (fixture->sim, id, FALSE));
  newer = pkio_simulator_add_remote_order (fixture->sim, "bob@example.nl", "Bob", "Bos",
                                           "issued", NULL);
  replaced = check (fixture, NULL, "bob@example.nl", 0, "authentication", 0);
  g_assert_cmpint (replaced->outcome, ==, PKIO_DUPLICATE_FOUND);
  g_assert_cmpint (replaced->existing->order_id, ==, newer);
}

/* A renewal does not count its own predecessor. */
static void
test_ignore_predecessor (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;
  gint64 id = add_anna (fixture, "issued", "authentication", 365);

  duplicate = check (fixture, NULL, "anna@example.nl", 0, "authentication", id);
  assert_none (duplicate);
}

/* CertCentral out of reach, or answering with an error: "could not check", said apart. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioDuplicate) duplicate = NULL;
  g_autoptr(PkioDuplicate) erroring = NULL;
  g_autoptr(PkioDuplicate) info_failing = NULL;
  g_autofree char *url = g_strdup (pkio_simulator_get_base_url (fixture->sim));
  g_autoptr(PkioClient) gone = NULL;

  add_anna (fixture, "issued", "authentication", 365);

  pkio_simulator_inject_fault (fixture->sim, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 10);
  erroring = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  g_assert_cmpint (erroring->outcome, ==, PKIO_DUPLICATE_UNCHECKED);
  g_assert_nonnull (erroring->error);
  g_assert_null (erroring->existing);
  pkio_simulator_clear_faults (fixture->sim);

  /* The list answers, the order info does not. */
  pkio_simulator_inject_fault (fixture->sim, "GET", "order/certificate/",
                               PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY, 10);
  info_failing = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  g_assert_cmpint (info_failing->outcome, ==, PKIO_DUPLICATE_UNCHECKED);
  pkio_simulator_clear_faults (fixture->sim);

  /* Nobody listening any more. */
  g_clear_object (&fixture->sim);
  gone = pkio_client_new (url, KEY, &error);
  g_assert_no_error (error);
  pkio_client_set_retry_base_delay (gone, 10);
  duplicate = check (fixture, gone, "anna@example.nl", 0, "authentication", 0);
  g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_UNCHECKED);
  g_assert_nonnull (duplicate->error);
  g_assert_cmpstr (duplicate->error->message, !=, "");
}

/* A known individual: asked by the email of an earlier order of that id; none known: could
 * not check, and CertCentral is not asked. */
static void
test_known_individual (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioDuplicate) unknown = NULL;
  g_autoptr(PkioDuplicate) known = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                pkio_remote_order_free);
  g_autoptr(PkioRemoteOrder) earlier = pkio_remote_order_new ();
  gint64 id = add_anna (fixture, "pending", "authentication", 0);

  unknown = check (fixture, NULL, NULL, 21, "authentication", 0);
  g_assert_cmpint (unknown->outcome, ==, PKIO_DUPLICATE_UNCHECKED);
  g_assert_nonnull (strstr (unknown->error->message, "21"));
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET", ""), ==, 0);

  /* This computer's history knows individual 21 as anna@example.nl from an earlier order. */
  earlier->order_id = id;
  earlier->status = g_strdup ("pending");
  earlier->email = g_strdup ("anna@example.nl");
  earlier->individual_id = 21;
  earlier->profile_option = g_strdup ("authentication");
  earlier->date_created = g_date_time_new_now_utc ();
  g_ptr_array_add (orders, g_steal_pointer (&earlier));
  pkio_history_store_merge_remote_async (fixture->store, orders, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_store_merge_remote_finish (fixture->store, result, NULL, &error));
  g_assert_no_error (error);

  known = check (fixture, NULL, NULL, 21, "authentication", 0);
  g_assert_cmpint (known->outcome, ==, PKIO_DUPLICATE_FOUND);
  g_assert_cmpint (known->existing->order_id, ==, id);
}

/* This computer's own knowledge (issue 19's columns): a revocation asked for here, which
 * CertCentral shows only once an administrator approved it, and a renewal placed here for an
 * order whose holder's email changed, so that CertCentral's list by the old email does not show
 * the new order. Neither old order counts any more. */
static void
test_local_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PkioDuplicate) before_revoke = NULL;
  g_autoptr(PkioDuplicate) revoking = NULL;
  g_autoptr(PkioDuplicate) before_renewal = NULL;
  g_autoptr(PkioDuplicate) renewed = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                pkio_remote_order_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) asked = NULL;
  g_autoptr(PkioHistoryRecord) renewal = NULL;
  PkioHistoryRecord *record;
  gint64 anna = add_anna (fixture, "issued", "authentication", 365);
  gint64 bob = pkio_simulator_add_remote_order (fixture->sim, "bob@old.example.nl", "Bob", "Bos",
                                                "issued", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  PkioRemoteOrder *order;

  /* Both orders are in this computer's history, as a sync brings them. */
  order = test_remote_order (anna, "issued", "Anna de Vries", "anna@example.nl", now - 86400);
  order->certificate_id = 7001;
  order->profile_option = g_strdup ("authentication");
  g_ptr_array_add (orders, order);
  order = test_remote_order (bob, "issued", "Bob Bos", "bob@old.example.nl", now - 86400);
  order->profile_option = g_strdup ("authentication");
  g_ptr_array_add (orders, order);
  test_merge (fixture->store, orders);

  /* Without the local state, both count. */
  before_revoke = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  g_assert_cmpint (before_revoke->outcome, ==, PKIO_DUPLICATE_FOUND);
  before_renewal = check (fixture, NULL, "bob@old.example.nl", 0, "authentication", 0);
  g_assert_cmpint (before_renewal->outcome, ==, PKIO_DUPLICATE_FOUND);

  /* A revocation journaled here (the request may not even have left yet). */
  record = pkio_history_store_find_by_order_id (fixture->store, anna);
  g_assert_nonnull (record);
  pkio_history_store_revoke_begin_async (fixture->store, record, "lost", "Ada Admin", "{}",
                                         test_result_cb, NULL);
  result = test_wait ();
  asked = pkio_history_store_revoke_begin_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pkio_history_record_get_revoke_state (asked), !=, PKIO_REVOKE_NONE);
  g_clear_object (&result);
  pkio_simulator_clear_requests (fixture->sim);
  revoking = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  assert_none (revoking);
  /* Known here: its order info is not read for it. */
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, "GET",
                                                   "order/certificate/"), ==, 0);

  /* Bob's renewal, placed here under his new email. */
  pkio_history_store_journal_begin_renewal_async (fixture->store, "http://127.0.0.1/services/v2/",
                                                  TEST_REQUEST_JSON ("Bob", "Bos",
                                                                     "bob@new.example.nl"),
                                                  bob, NULL, test_result_cb, NULL);
  result = test_wait ();
  renewal = pkio_history_store_journal_begin_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  test_mark_placed (fixture->store, renewal,
                    pkio_simulator_add_remote_order (fixture->sim, "bob@new.example.nl", "Bob",
                                                     "Bos", "pending", NULL), 0);
  renewed = check (fixture, NULL, "bob@old.example.nl", 0, "authentication", 0);
  assert_none (renewed);
}

/* An order this computer placed is said to be so. */
static void
test_placed_here (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PkioHistoryRecord) mine = NULL;
  g_autoptr(PkioDuplicate) duplicate = NULL;
  gint64 id = add_anna (fixture, "pending", "authentication", 0);

  mine = test_journal (fixture->store,
                       TEST_REQUEST_JSON ("Anna", "de Vries", "anna@example.nl"), NULL);
  test_mark_placed (fixture->store, mine, id, 0);
  duplicate = check (fixture, NULL, "anna@example.nl", 0, "authentication", 0);
  g_assert_cmpint (duplicate->outcome, ==, PKIO_DUPLICATE_FOUND);
  g_assert_true (duplicate->placed_here);
}

/* The rule alone, on orders as CertCentral may describe them. */
static void
test_rule (void)
{
  g_autoptr(PkioRemoteOrder) order = pkio_remote_order_new ();
  PkioExpiryWindow window = { .today = 800000, .warning_days = 30 };

  order->order_id = 1;
  order->status = g_strdup ("issued");
  /* No profile said: nothing is concluded. */
  g_assert_false (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  order->profile_option = g_strdup ("authentication");
  /* Issued without an end date: someone holds it. */
  g_assert_true (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  g_assert_false (pkio_duplicate_counts (order, "encryption", &window, FALSE));
  order->valid_till = window.today + 31;
  g_assert_true (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  g_assert_false (pkio_duplicate_counts (order, "authentication", &window, TRUE));
  order->valid_till = window.today + 30;
  g_assert_false (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  order->valid_till = window.today - 1;
  g_assert_false (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  order->valid_till = window.today + 400;
  order->revocation_requested = TRUE;
  g_assert_false (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  order->revocation_requested = FALSE;
  order->is_renewed = TRUE;
  g_assert_false (pkio_duplicate_counts (order, "authentication", &window, FALSE));
  /* In progress counts whatever else is said. */
  g_free (order->status);
  order->status = g_strdup ("needs_approval");
  g_assert_true (pkio_duplicate_counts (order, "authentication", &window, TRUE));
  g_assert_false (pkio_duplicate_status_in_progress ("issued"));
  g_assert_false (pkio_duplicate_status_in_progress (NULL));
}

/* What is said: for people (the window's review, the command line) and for scripts. */
static void
test_text (void)
{
  g_autoptr(PkioDuplicate) found = g_new0 (PkioDuplicate, 1);
  g_autoptr(PkioDuplicate) unchecked = g_new0 (PkioDuplicate, 1);
  g_autoptr(PkioDuplicate) none = g_new0 (PkioDuplicate, 1);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  PkioRemoteOrder *order;

  found->outcome = PKIO_DUPLICATE_FOUND;
  found->existing = order = pkio_remote_order_new ();
  order->order_id = 843668399;
  order->status = g_strdup ("pending");
  order->profile_option = g_strdup ("authentication");
  order->common_name = g_strdup ("Anna de Vries");
  /* Noon UTC: the same day wherever the test runs. */
  order->date_created = g_date_time_new (utc, 2026, 12, 3, 12, 0, 0);
  text = pkio_duplicate_dup_text (found);
  g_assert_cmpstr (text, ==, "Anna de Vries already has an authentication certificate on order "
                             "843668399, pending since 3 December, placed on another computer.");
  line = pkio_duplicate_dup_script_line (found);
  g_assert_cmpstr (line, ==, "already-ordered: order 843668399, authentication, pending since "
                             "2026-12-03");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&line, g_free);

  /* Issued: until when; another year says its year; placed here. */
  g_free (order->status);
  order->status = g_strdup ("issued");
  g_free (order->profile_option);
  order->profile_option = g_strdup ("nonrepudiation");
  order->valid_till = pkio_calendar_day_from_iso ("2029-12-03");
  found->placed_here = TRUE;
  text = pkio_duplicate_dup_text (found);
  g_assert_cmpstr (text, ==, "Anna de Vries already has a signing certificate on order "
                             "843668399, valid until 3 December 2029, placed on this computer.");
  line = pkio_duplicate_dup_script_line (found);
  g_assert_cmpstr (line, ==, "already-ordered: order 843668399, nonrepudiation, issued, valid "
                             "until 2029-12-03");

  unchecked->outcome = PKIO_DUPLICATE_UNCHECKED;
  unchecked->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "No connection.");
  g_clear_pointer (&text, g_free);
  text = pkio_duplicate_dup_text (unchecked);
  g_assert_cmpstr (text, ==, "Could not check whether this person already has a certificate of "
                             "this kind: No connection.");
  g_assert_null (pkio_duplicate_dup_script_line (unchecked));
  none->outcome = PKIO_DUPLICATE_NONE;
  g_assert_null (pkio_duplicate_dup_text (none));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 12, 3, 10, 0, 0);

  g_test_init (&argc, &argv, NULL);
  pkio_calendar_set_now (now);

#define ADD(name, fn) \
  g_test_add ("/duplicate-check/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/duplicate-check/rule", test_rule);
  g_test_add_func ("/duplicate-check/text", test_text);
  ADD ("pending-elsewhere", test_pending_elsewhere);
  ADD ("issued-valid", test_issued_valid);
  ADD ("issued-ends-soon", test_issued_ends_soon);
  ADD ("other-profile", test_other_profile);
  ADD ("others-and-finished", test_others_and_finished);
  ADD ("in-progress-statuses", test_in_progress_statuses);
  ADD ("revoked-or-renewed", test_revoked_or_renewed);
  ADD ("ignore-predecessor", test_ignore_predecessor);
  ADD ("unreachable", test_unreachable);
  ADD ("known-individual", test_known_individual);
  ADD ("placed-here", test_placed_here);
  ADD ("local-state", test_local_state);
#undef ADD

  return g_test_run ();
}
