/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-application.h"
#include "pkio-history-details.h"
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

static void
test_issued_once (void)
{
  g_autoptr(PkioApplication) app = pkio_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) placed = NULL;
  g_autoptr(PkioOrder) order = NULL;
  PkioWorkspace *workspace;
  PkioHistoryRecord *record;
  Sent *s;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_free);
  pkio_order_notifier_set_sender (pkio_application_get_notifier (app), record_notification,
                                  NULL);

  workspace = fresh_practice_workspace (app);
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

int
main (int   argc,
      char *argv[])
{
  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/notify/issued-once", test_issued_once);
  return g_test_run ();
}
