/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkio-application.h"
#include "pkio-history-details.h"
#include "pkio-history-view.h"
#include "pkio-order-json.h"
#include "pkio-problem.h"
#include "pkio-window.h"
#include "pkio-workspace-private.h"
#include "ui-test-util.h"

/* Desktop notifications about orders: one when a sync sees an order become issued, none for
 * orders first seen, none again after a restart; clicking it opens the order's details. */

typedef struct
{
  char   *id;
  char   *title;
  char   *body;
  char   *action;
  gint64  local_id;
} Sent;

static GPtrArray *sent;

static void
sent_free (Sent *s)
{
  g_free (s->id);
  g_free (s->title);
  g_free (s->body);
  g_free (s->action);
  g_free (s);
}

static void
record_notification (GApplication          *application,
                     const PkioOrderNotice *notice,
                     gpointer               user_data)
{
  Sent *s = g_new0 (Sent, 1);

  s->id = g_strdup (notice->id);
  s->title = g_strdup (notice->title);
  s->body = g_strdup (notice->body);
  s->action = g_strdup (notice->action);
  s->local_id = notice->local_id;
  g_ptr_array_add (sent, s);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* Practice mode's history and simulator as if never used (a test of its own). */
static void
forget_practice_data (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "practice"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_cmpint (g_remove (path), ==, 0);
      }
}

static PkioWorkspace *
fresh_practice_workspace (PkioApplication *app)
{
  g_autoptr(GAsyncResult) result = NULL;
  PkioWorkspace *workspace;

  pkio_application_set_practice (app, FALSE);
  pkio_application_set_practice (app, TRUE);
  workspace = pkio_application_get_workspace (app);
  _pkio_workspace_set_practice_examples (workspace, FALSE);
  pkio_workspace_load_async (workspace, NULL, result_cb, &result);
  spin_until (has_result, &result);
  g_assert_true (pkio_workspace_load_finish (workspace, result, NULL));
  return workspace;
}

/* A practice account as if never used: each test starts with its own. */
static PkioWorkspace *
new_practice_workspace (PkioApplication *app)
{
  pkio_application_set_practice (app, FALSE);
  forget_practice_data ();
  return fresh_practice_workspace (app);
}

static void
sync_once (PkioWorkspace *workspace)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_sync_async (workspace, NULL, result_cb, &result);
  spin_until (has_result, &result);
  g_assert_true (pkio_workspace_sync_finish (workspace, result, &error));
  g_assert_no_error (error);
}

static PkioOrder *
seed_order (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "seed-details.json",
                                                 NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  return pkio_order_from_json (json_parser_get_root (parser), problems);
}

static gboolean
details_show (gpointer record)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  PkioWindow *window = PKIO_WINDOW (gtk_application_get_active_window (app));
  PkioHistoryView *view = pkio_window_get_history_view (window);
  PkioHistoryDetails *details = PKIO_HISTORY_DETAILS (
    gtk_widget_get_template_child (GTK_WIDGET (view), PKIO_TYPE_HISTORY_VIEW, "details"));

  return g_strcmp0 (pkio_window_get_visible_view (window), "history") == 0
         && pkio_history_details_get_record (details) == record;
}

/* The process's one application (it is exported on the bus), its notifications recorded. */
static PkioApplication *
app_with_recorded_notifications (void)
{
  PkioApplication *app = start_application ();

  sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_free);
  pkio_order_notifier_set_sender (pkio_application_get_notifier (app), record_notification,
                                  NULL);
  return app;
}

static void
test_issued_once (void)
{
  g_autoptr(PkioApplication) app = app_with_recorded_notifications ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) placed = NULL;
  g_autoptr(PkioOrder) order = NULL;
  PkioWorkspace *workspace;
  PkioHistoryRecord *record;
  Sent *s;

  workspace = new_practice_workspace (app);
  pkio_simulator_set_issue_delay (pkio_workspace_get_simulator (workspace), 300);
  sync_once (workspace);

  /* An order placed here starts pending: nothing to tell. */
  order = seed_order ();
  pkio_workspace_place_order_async (workspace, order, NULL, result_cb, &result);
  spin_until (has_result, &result);
  placed = pkio_workspace_place_order_finish (workspace, result);
  g_assert_cmpint (placed->state, ==, PKIO_SEND_STATE_PLACED);
  record = placed->record;
  sync_once (workspace);
  g_assert_cmpuint (sent->len, ==, 0);

  /* CertCentral issues it; the next sync sees that: one notification, naming the holder. */
  g_usleep (400 * 1000);
  sync_once (workspace);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "issued");
  g_assert_cmpuint (sent->len, ==, 1);
  s = g_ptr_array_index (sent, 0);
  g_assert_true (g_str_has_prefix (s->id, "order-"));
  g_assert_nonnull (strstr (s->body, "John Doe"));
  g_assert_cmpstr (s->title, ==, expected ("Certificate issued", "Certificaat uitgegeven"));
  g_assert_cmpint (s->local_id, ==, pkio_history_record_get_local_id (record));
  /* Syncing again changes nothing and says nothing. */
  sync_once (workspace);
  g_assert_cmpuint (sent->len, ==, 1);

  /* Clicking it opens the order's details. */
  g_assert_cmpstr (s->action, ==, "app.show-order");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-order",
                                  g_variant_new_int64 (s->local_id));
  spin_until (details_show, record);

  /* A restart (a new workspace on the same practice data): nothing is said again. */
  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (app)));
  workspace = fresh_practice_workspace (app);
  sync_once (workspace);
  g_assert_cmpuint (sent->len, ==, 1);
  g_clear_pointer (&sent, g_ptr_array_unref);
}

/* ---- certificates that end soon ---- */

static gint64
add_ending (PkioWorkspace *workspace,
            const char    *first_name,
            int            days_left)
{
  PkioSimulator *simulator = pkio_workspace_get_simulator (workspace);
  g_autofree char *email = g_strdup_printf ("%s@example.com", first_name);
  PkioDay today = pkio_calendar_today (NULL);
  gint64 id = pkio_simulator_add_remote_order (simulator, email, first_name, "Einde", "issued",
                                               NULL);

  g_assert_true (pkio_simulator_set_order_validity (simulator, id, today + days_left - 365,
                                                    today + days_left));
  return id;
}

/* Runs what is ready (the warnings are looked for once the main loop is idle). */
static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

/* One warning when a certificate enters the warning period, naming the holder and the end
 * date and opening the certificate; never again: not at the next sync, not after two
 * restarts. */
static void
test_expiry_warned_once (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 10, 10, 0, 0);
  g_autoptr(PkioApplication) app = NULL;
  PkioWorkspace *workspace;
  PkioHistoryRecord *record;
  gint64 far;
  gint64 soon;
  Sent *s;

  pkio_calendar_set_now (now);
  app = app_with_recorded_notifications ();
  workspace = new_practice_workspace (app);
  soon = add_ending (workspace, "Sanne", 10);
  far = add_ending (workspace, "Floor", 70);
  sync_once (workspace);
  settle ();
  g_assert_cmpuint (sent->len, ==, 1);
  s = g_ptr_array_index (sent, 0);
  record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace), soon);
  g_assert_cmpstr (s->title, ==, expected ("Certificate ends soon",
                                           "Certificaat verloopt binnenkort"));
  g_assert_nonnull (strstr (s->body, "Sanne Einde"));
  g_assert_nonnull (strstr (s->body, expected ("ends on 20 Jun 2026, in 10 days",
                                               "verloopt op 20 jun 2026, over 10 dagen")));
  g_assert_cmpstr (s->action, ==, "app.show-order");
  g_assert_cmpint (s->local_id, ==, pkio_history_record_get_local_id (record));
  g_assert_cmpuint (pkio_history_record_get_expiry_warned (record), ==,
                    pkio_history_record_get_valid_till (record));

  /* Clicking it opens the certificate. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-order",
                                  g_variant_new_int64 (s->local_id));
  spin_until (details_show, record);

  sync_once (workspace);
  settle ();
  g_assert_cmpuint (sent->len, ==, 1);

  /* Two restarts: the warning was kept with the certificate, nothing is said again. */
  for (guint restart = 0; restart < 2; restart++)
    {
      workspace = fresh_practice_workspace (app);
      settle ();
      sync_once (workspace);
      settle ();
      g_assert_cmpuint (sent->len, ==, 1);
    }

  /* Worked out from the stored dates at start, without a sync: ten days later the other one
   * enters a period of 60 days. */
  {
    g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 6, 20, 10, 0, 0);

    pkio_calendar_set_now (later);
    workspace = fresh_practice_workspace (app);
    settle ();
    g_assert_cmpuint (sent->len, ==, 2);
    s = g_ptr_array_index (sent, 1);
    g_assert_nonnull (strstr (s->body, "Floor Einde"));
    g_assert_cmpint (s->local_id, ==, pkio_history_record_get_local_id (
      pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace), far)));
  }

  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (app)));
  pkio_calendar_set_now (NULL);
  g_clear_pointer (&sent, g_ptr_array_unref);
}

static gboolean
ending_soon_shown (gpointer data)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  PkioWindow *window = PKIO_WINDOW (gtk_application_get_active_window (app));
  PkioHistoryView *view = pkio_window_get_history_view (window);
  GtkDropDown *filter = GTK_DROP_DOWN (gtk_widget_get_template_child (
    GTK_WIDGET (view), PKIO_TYPE_HISTORY_VIEW, "status_dropdown"));

  return g_strcmp0 (pkio_window_get_visible_view (window), "history") == 0
         && gtk_drop_down_get_selected (filter) == PKIO_STATUS_FILTER_ENDS_SOON
         && g_list_model_get_n_items (pkio_history_view_get_shown_model (view))
            == GPOINTER_TO_UINT (data);
}

/* More than three at once (the first start after the update, on an account with many): one
 * notification says how many and opens History on "Ends soon". */
static void
test_many_warned_at_once (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 10, 10, 0, 0);
  g_autoptr(PkioApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *names[] = { "Anna", "Bram", "Cees", "Dirk" };
  PkioWorkspace *workspace;
  Sent *s;

  pkio_calendar_set_now (now);
  app = app_with_recorded_notifications ();
  workspace = new_practice_workspace (app);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_ending (workspace, names[i], 5 + 10 * (int) i);
  add_ending (workspace, "Later", 80);
  sync_once (workspace);
  settle ();
  g_assert_cmpuint (sent->len, ==, 1);
  s = g_ptr_array_index (sent, 0);
  g_assert_cmpstr (s->title, ==, expected ("4 certificates end soon",
                                           "4 certificaten verlopen binnenkort"));
  g_assert_nonnull (strstr (s->body, expected ("within 60 days", "binnen 60 dagen")));
  g_assert_cmpstr (s->action, ==, "app.show-ending-soon");
  g_assert_cmpint (s->local_id, ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-ending-soon", NULL);
  spin_until (ending_soon_shown, GUINT_TO_POINTER (4));

  /* A longer warning period brings in the fifth, on its own. */
  g_settings_set_string (settings, "expiry-warning-days", "90");
  settle ();
  g_assert_cmpuint (sent->len, ==, 2);
  g_assert_nonnull (strstr (((Sent *) g_ptr_array_index (sent, 1))->body, "Later Einde"));
  g_settings_reset (settings, "expiry-warning-days");
  g_settings_reset (settings, "history-status-filter");

  gtk_window_destroy (gtk_application_get_active_window (GTK_APPLICATION (app)));
  pkio_calendar_set_now (NULL);
  g_clear_pointer (&sent, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  /* Dates are counted where the person is: here, as on the test machines, UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/notify/issued-once", test_issued_once);
  g_test_add_func ("/notify/expiry-warned-once", test_expiry_warned_once);
  g_test_add_func ("/notify/many-warned-at-once", test_many_warned_at_once);
  return g_test_run ();
}
