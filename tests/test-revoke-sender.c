/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "history-test-util.h"
#include "pkio-history-sync.h"
#include "pkio-revoke-sender.h"
#include "pkio-simulator.h"
#include "test-hooks.h"

/* The revoke sender (issue 19): PUT certificate/{id}/revoke through the journal, "comments"
 * only, never sent twice by itself, and what a process killed on the way leaves behind. The
 * faults of the network are the fault matrix's revoke column (test-fault-matrix.c). */

#define KEY "revoke-test-key"

typedef struct
{
  char             *dir;
  char             *path;
  char             *state_file;
  PkioSimulator    *sim;
  PkioClient       *client;
  PkioHistoryStore *store;
  gint64            order_id;
} Fixture;

static void
start_simulator (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->sim = pkio_simulator_new ();
  pkio_simulator_set_api_key (fixture->sim, KEY);
  pkio_simulator_set_revoke_delay (fixture->sim, PKIO_SIMULATOR_ISSUE_NEVER);
  pkio_simulator_set_state_file (fixture->sim, fixture->state_file);
  g_assert_true (pkio_simulator_start (fixture->sim, &error));
  g_assert_no_error (error);
  fixture->client = pkio_client_new (pkio_simulator_get_base_url (fixture->sim), KEY, &error);
  g_assert_no_error (error);
  pkio_client_set_retry_base_delay (fixture->client, 10);
}

static void
stop_simulator (Fixture *fixture)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sim);
}

static void
sync_store (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_history_sync_async (fixture->store, fixture->client, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_history_sync_finish (fixture->store, result, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* A crash subprocess works in its parent's folder, on its parent's history. */
  const char *parent_dir = g_test_subprocess () ? g_getenv ("PKIO_TEST_DIR") : NULL;

  fixture->dir = parent_dir ? g_strdup (parent_dir) : test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "pkio-orders", "history.sqlite", NULL);
  fixture->state_file = g_build_filename (fixture->dir, "simulator.json", NULL);
  start_simulator (fixture);
  fixture->store = test_open_store (fixture->path);
  if (parent_dir == NULL)
    {
      /* An issued certificate the history knows (from a sync, as the app learns of it). */
      fixture->order_id = pkio_simulator_add_remote_order (fixture->sim, "ada@example.com", "Ada",
                                                           "Lovelace", "issued", NULL);
      sync_store (fixture);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  stop_simulator (fixture);
  if (!g_test_subprocess ())
    test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->state_file);
}

static PkioHistoryRecord *
the_record (Fixture *fixture)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  return test_item (fixture->store, 0);
}

static PkioRevokeResult *
send_revoke (Fixture           *fixture,
        PkioHistoryRecord *record,
        PkioRevokeReason   reason,
        const char        *comment)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_revoke_sender_send_async (NULL, fixture->store, fixture->client, record, reason, comment,
                                 NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_revoke_sender_send_finish (result);
}

static guint
count_puts (Fixture *fixture)
{
  return pkio_simulator_count_requests (fixture->sim, "PUT", "certificate/");
}

static GPtrArray *
timeline (Fixture           *fixture,
          PkioHistoryRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;

  pkio_history_store_get_timeline_async (fixture->store, record, NULL, test_result_cb, NULL);
  result = test_wait ();
  events = pkio_history_store_get_timeline_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  return events;
}

static const PkioHistoryEvent *
find_event (GPtrArray            *events,
            PkioHistoryEventKind  kind)
{
  for (guint i = 0; i < events->len; i++)
    {
      const PkioHistoryEvent *event = g_ptr_array_index (events, i);

      if (event->kind == kind)
        return event;
    }
  return NULL;
}

/* The PUT as CertCentral received it: "comments" and nothing else. */
static void
assert_put_body (Fixture    *fixture,
                 const char *comments)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (fixture->sim);
  PkioSimulatorRequest *put = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "PUT"))
        put = request;
    }
  g_assert_nonnull (put);
  g_assert_true (g_str_has_suffix (put->path, "/revoke"));
  body = pkio_simulator_request_dup_json (put);
  g_assert_nonnull (body);
  object = json_node_get_object (body);
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  g_assert_false (json_object_has_member (object, "skip_approval"));
  g_assert_false (json_object_has_member (object, "revocation_reason"));
  g_assert_cmpstr (json_object_get_string_member (object, "comments"), ==, comments);
}

static void
test_requested (Fixture       *fixture,
                gconstpointer  data)
{
  PkioHistoryRecord *record = the_record (fixture);
  g_autoptr(PkioRevokeResult) result = NULL;
  g_autoptr(PkioRevokeResult) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *sim_comments = NULL;
  const PkioHistoryEvent *event;
  gint64 request_id;

  g_assert_true (pkio_history_record_can_revoke (record));
  result = send_revoke (fixture, record, PKIO_REVOKE_REASON_LOST, "  Left in the train  ");
  g_assert_no_error (result->error);
  g_assert_cmpint (result->state, ==, PKIO_REVOKE_RESULT_REQUESTED);

  /* Once, with the reason and the comment in "comments" for the administrator. */
  g_assert_cmpuint (count_puts (fixture), ==, 1);
  assert_put_body (fixture, "The token is lost or stolen. Left in the train");
  request_id = pkio_simulator_get_revoke_request (fixture->sim, fixture->order_id, &sim_comments);
  g_assert_cmpint (request_id, >, 0);
  g_assert_cmpint (result->request_id, ==, request_id);

  /* The record says so until CertCentral says "revoked". */
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_REQUESTED);
  g_assert_cmpint (pkio_history_record_get_revoke_request_id (record), ==, request_id);
  g_assert_cmpstr (pkio_history_record_get_revoke_reason (record), ==, "lost");
  g_assert_false (pkio_history_record_can_revoke (record));
  sentence = pkio_history_record_dup_status_sentence (record);
  expected = g_strdup_printf ("Revocation requested (request %" G_GINT64_FORMAT "), waiting for "
                              "an administrator of your CertCentral account.", request_id);
  g_assert_cmpstr (sentence, ==, expected);
  g_assert_cmpstr (pkio_history_record_get_status_label (record), ==, "Revocation requested");

  /* Who asked (the key's user, user/me) and why stay in the timeline. */
  g_assert_nonnull (pkio_history_record_get_revoke_requester (record));
  g_assert_nonnull (strchr (pkio_history_record_get_revoke_requester (record), '@'));
  events = timeline (fixture, record);
  event = find_event (events, PKIO_HISTORY_EVENT_REVOKE_ASKED);
  g_assert_nonnull (event);
  asked = pkio_history_event_get_text (event);
  g_assert_nonnull (strstr (asked, pkio_history_record_get_revoke_requester (record)));
  g_assert_nonnull (strstr (asked, "The token is lost or stolen (Left in the train)"));
  g_assert_nonnull (find_event (events, PKIO_HISTORY_EVENT_REVOKE_REQUESTED));

  /* Never sent twice by itself: a second attempt is refused here, with no PUT. */
  again = send_revoke (fixture, record, PKIO_REVOKE_REASON_LOST, NULL);
  g_assert_cmpint (again->state, ==, PKIO_REVOKE_RESULT_INVALID);
  g_assert_error (again->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (count_puts (fixture), ==, 1);
}

static void
test_revoked_after_approval (Fixture       *fixture,
                             gconstpointer  data)
{
  PkioHistoryRecord *record = the_record (fixture);
  g_autoptr(PkioRevokeResult) result = NULL;
  g_autofree char *sentence = NULL;

  /* The administrator approves 200 ms after the request. */
  pkio_simulator_set_revoke_delay (fixture->sim, 200);
  result = send_revoke (fixture, record, PKIO_REVOKE_REASON_LEFT, NULL);
  g_assert_cmpint (result->state, ==, PKIO_REVOKE_RESULT_REQUESTED);
  assert_put_body (fixture, "The holder has left or no longer needs it.");
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "issued");
  g_usleep (300 * 1000);
  sync_store (fixture);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "revoked");
  g_assert_cmpstr (pkio_history_record_get_status_label (record), ==, "Revoked");
  sentence = pkio_history_record_dup_status_sentence (record);
  g_assert_null (sentence);
  g_assert_false (pkio_history_record_can_revoke (record));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  PkioHistoryRecord *record = the_record (fixture);
  g_autoptr(PkioRevokeResult) result = NULL;
  g_autoptr(PkioRevokeResult) again = NULL;
  g_autoptr(GAsyncResult) put = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  /* Someone asked in CertCentral's portal already: CertCentral refuses a second request, and
   * its words are shown as they are. */
  pkio_client_revoke_certificate_async (fixture->client,
                                        pkio_history_record_get_certificate_id (record),
                                        "portal", NULL, test_result_cb, NULL);
  put = test_wait ();
  g_assert_true (pkio_client_revoke_certificate_finish (fixture->client, put, NULL, &error));
  g_assert_no_error (error);

  result = send_revoke (fixture, record, PKIO_REVOKE_REASON_WRONG_DETAILS, NULL);
  g_assert_cmpint (result->state, ==, PKIO_REVOKE_RESULT_REFUSED);
  g_assert_error (result->error, PKIO_API_ERROR, PKIO_API_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (result->error->message,
                            "A request to revoke this certificate already exists."));
  g_assert_cmpuint (count_puts (fixture), ==, 2);
  /* Nothing is pending here: the timeline says why. */
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_NONE);
  events = timeline (fixture, record);
  g_assert_nonnull (find_event (events, PKIO_HISTORY_EVENT_REVOKE_REFUSED));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  PkioHistoryRecord *record = the_record (fixture);
  g_autoptr(PkioRevokeResult) no_comment = NULL;
  g_autoptr(PkioRevokeResult) control = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint before;

  events = timeline (fixture, record);
  before = events->len;
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Another reason needs words; nothing written, nothing asked (not even user/me). */
  pkio_simulator_clear_requests (fixture->sim);
  no_comment = send_revoke (fixture, record, PKIO_REVOKE_REASON_OTHER, "   ");
  g_assert_cmpint (no_comment->state, ==, PKIO_REVOKE_RESULT_INVALID);
  g_assert_error (no_comment->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (no_comment->error->message, "needs a comment"));
  control = send_revoke (fixture, record, PKIO_REVOKE_REASON_OTHER, "bad\x1b[31m");
  g_assert_cmpint (control->state, ==, PKIO_REVOKE_RESULT_INVALID);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->sim, NULL, NULL), ==, 0);
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_NONE);
  events = timeline (fixture, record);
  g_assert_cmpuint (events->len, ==, before);
}

static void
test_not_issued (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PkioRevokeResult) result = NULL;
  PkioHistoryRecord *pending;
  gint64 order_id;

  order_id = pkio_simulator_add_remote_order (fixture->sim, "bob@example.com", "Bob", "Builder",
                                              "pending", NULL);
  sync_store (fixture);
  pending = pkio_history_store_find_by_order_id (fixture->store, order_id);
  g_assert_nonnull (pending);
  g_assert_false (pkio_history_record_can_revoke (pending));
  result = send_revoke (fixture, pending, PKIO_REVOKE_REASON_LOST, NULL);
  g_assert_cmpint (result->state, ==, PKIO_REVOKE_RESULT_INVALID);
  g_assert_cmpuint (count_puts (fixture), ==, 0);
}

static void
test_unknown_refuses_again (Fixture       *fixture,
                            gconstpointer  data)
{
  PkioHistoryRecord *record = the_record (fixture);
  g_autoptr(PkioRevokeResult) result = NULL;
  g_autoptr(PkioRevokeResult) again = NULL;

  /* The connection ends before CertCentral answers: it may have taken it or not. */
  pkio_simulator_inject_fault (fixture->sim, "PUT", "certificate/",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
  result = send_revoke (fixture, record, PKIO_REVOKE_REASON_LOST, NULL);
  g_assert_cmpint (result->state, ==, PKIO_REVOKE_RESULT_UNKNOWN);
  g_assert_error (result->error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_nonnull (strstr (result->error->message, "revoke the certificate"));
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_UNKNOWN);
  g_assert_cmpstr (pkio_history_record_get_status_label (record), ==, "Revocation unknown");

  /* It must be checked before it may be asked again. */
  again = send_revoke (fixture, record, PKIO_REVOKE_REASON_LOST, NULL);
  g_assert_cmpint (again->state, ==, PKIO_REVOKE_RESULT_INVALID);
  g_assert_nonnull (strstr (again->error->message, "Check it first"));
  g_assert_cmpuint (count_puts (fixture), ==, 1);
}

/* ---- a process killed on the way ---- */

static void
crash_child (Fixture    *fixture,
             const char *point)
{
  PkioHistoryRecord *record = the_record (fixture);
  g_autoptr(PkioRevokeResult) result = NULL;

  g_setenv ("PKIO_ORDER_SENDER_TEST_CRASH_POINT", point, TRUE);
  result = send_revoke (fixture, record, PKIO_REVOKE_REASON_LOST, NULL);
  /* Not reached: the hook ends the process. */
  g_assert_not_reached ();
}

static PkioHistoryRecord *
run_crash (Fixture    *fixture,
           const char *point)
{
  g_autofree char *subtest = g_strdup_printf ("/revoke-sender/killed-%s", point);

  /* The child opens the same history: close ours meanwhile, as a second process would. */
  g_clear_object (&fixture->store);
  stop_simulator (fixture);
  g_setenv ("PKIO_TEST_DIR", fixture->dir, TRUE);
  g_test_trap_subprocess (subtest, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_unsetenv ("PKIO_TEST_DIR");

  /* What a person finds at the next start. */
  start_simulator (fixture);
  fixture->store = test_open_store (fixture->path);
  return the_record (fixture);
}

static void
test_killed_after_journal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PkioRevokeResult) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  PkioHistoryRecord *record;

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (g_test_subprocess ())
    {
      crash_child (fixture, "revoke-after-journal");
      return;
    }
  record = run_crash (fixture, "revoke-after-journal");
  /* Journaled, never sent: but this computer cannot know that, so it is unknown, and the
   * timeline says the app stopped while asking. */
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_UNKNOWN);
  g_assert_cmpint (pkio_simulator_get_revoke_request (fixture->sim, fixture->order_id, NULL), ==,
                   0);
  events = timeline (fixture, record);
  g_assert_nonnull (find_event (events, PKIO_HISTORY_EVENT_REVOKE_ASKED));
  g_assert_nonnull (find_event (events, PKIO_HISTORY_EVENT_REVOKE_INTERRUPTED));
  /* Not sent again by itself. */
  again = send_revoke (fixture, record, PKIO_REVOKE_REASON_LOST, NULL);
  g_assert_cmpint (again->state, ==, PKIO_REVOKE_RESULT_INVALID);
  g_assert_cmpuint (count_puts (fixture), ==, 0);
}

static void
test_killed_after_send (Fixture       *fixture,
                        gconstpointer  data)
{
  PkioHistoryRecord *record;

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (g_test_subprocess ())
    {
      crash_child (fixture, "revoke-after-send");
      return;
    }
  record = run_crash (fixture, "revoke-after-send");
  /* CertCentral took it; the answer was never recorded here. */
  g_assert_cmpint (pkio_history_record_get_revoke_state (record), ==, PKIO_REVOKE_UNKNOWN);
  g_assert_cmpint (pkio_simulator_get_revoke_request (fixture->sim, fixture->order_id, NULL), >,
                   0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/revoke-sender/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("requested", test_requested);
  ADD ("revoked-after-approval", test_revoked_after_approval);
  ADD ("refused", test_refused);
  ADD ("invalid", test_invalid);
  ADD ("not-issued", test_not_issued);
  ADD ("unknown-refuses-again", test_unknown_refuses_again);
  ADD ("killed-revoke-after-journal", test_killed_after_journal);
  ADD ("killed-revoke-after-send", test_killed_after_send);
#undef ADD

  return g_test_run ();
}
