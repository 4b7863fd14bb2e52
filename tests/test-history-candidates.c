/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pkio-candidates-group.h"
#include "pkio-history-details.h"
#include "pkio-history-view.h"
#include "pkio-order-json.h"
#include "pkio-order-sender.h"
#include "pkio-problem.h"
#include "pkio-workspace.h"
#include "pkio-workspace-private.h"
#include "history-view-test-util.h"
#include "ui-test-util.h"

/* "Is one of these your order?": the real history view in practice mode (the simulator
 * plays CertCentral), an attempt whose outcome is unknown with two orders CertCentral has
 * for it that cannot be told apart, and the person's choice. */

#define REQUEST \
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"authentication\"," \
  "\"is_rsassa_pss\":false,\"individual\":{\"first_name\":\"Dirk\",\"last_name\":\"Dubbel\"," \
  "\"email\":\"dirk@example.com\",\"telephone\":\"+31 20 123 4567\",\"country\":\"nl\"," \
  "\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\",\"zip\":\"1013 AA\"}}," \
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\",\"ship_info\":{\"name\":\"Dirk\"," \
  "\"addr1\":\"Straat 1\",\"addr2\":\"\",\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\"," \
  "\"zip\":\"1013 AA\",\"country\":\"nl\",\"method\":\"STANDARD\"}," \
  "\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}"

typedef struct
{
  PkioWorkspace   *workspace;
  PkioHistoryView *view;
} Settled;

static gboolean
view_settled (gpointer data)
{
  Settled *settled = data;

  return !pkio_history_view_is_syncing (settled->view)
         && pkio_history_store_get_last_sync (pkio_workspace_get_store (settled->workspace)) != 0;
}

static gboolean
record_placed (gpointer record)
{
  return pkio_history_record_get_state (record) == PKIO_RECORD_STATE_PLACED;
}

/* The person's attempt, through the real sender, while the simulator drops the connection
 * after the body: CertCentral has the order, the app does not know. */
static PkioHistoryRecord *
send_unknown (PkioWorkspace *workspace)
{
  g_autoptr(JsonNode) node = json_from_string (REQUEST, NULL);
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = pkio_order_from_json (node, problems);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;

  g_assert_nonnull (order);
  pkio_simulator_inject_fault (pkio_workspace_get_simulator (workspace), "POST",
                               "order/certificate/pkio_burger",
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  pkio_order_sender_send_async (NULL, pkio_workspace_get_store (workspace),
                                pkio_workspace_get_client (workspace), order, NULL,
                                async_result_cb, NULL);
  result = wait_result ();
  sent = pkio_order_sender_send_finish (result);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_UNKNOWN);
  return g_object_ref (sent->record);
}

/* The "This is my order" button of the row for @order_id. */
static GtkWidget *
find_choice (GtkWidget *widget,
             gint64     order_id)
{
  if (GTK_IS_BUTTON (widget))
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_INT64)
          && g_variant_get_int64 (target) == order_id)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_choice (c, order_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
rows_with_order (PkioHistoryStore *store,
                 gint64            order_id)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), i);

      n += pkio_history_record_get_order_id (record) == order_id;
    }
  return n;
}

static void
test_choose_candidate (void)
{
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (NULL, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_autoptr(JsonNode) json = NULL;
  PkioSimulator *simulator;
  PkioHistoryStore *store;
  GtkWindow *window;
  PkioHistoryView *view;
  PkioHistoryDetails *details;
  PkioCandidatesGroup *group;
  GtkColumnView *column_view;
  GtkWidget *choice;
  Settled settled;
  gint64 earlier, own;

  _pkio_workspace_set_practice_examples (workspace, FALSE);
  pkio_workspace_load_async (workspace, NULL, async_result_cb, NULL);
  result = wait_result ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_no_error (error);
  simulator = pkio_workspace_get_simulator (workspace);
  store = pkio_workspace_get_store (workspace);
  /* Its status stays put, so what the record holds after the choice can be compared. */
  pkio_simulator_set_issue_delay (simulator, PKIO_SIMULATOR_ISSUE_NEVER);

  /* A colleague's order for the same person a second before the attempt: by the clock
   * allowance either may be the attempt's. */
  earlier = pkio_simulator_add_remote_order (simulator, "dirk@example.com", "Dirk", "Dubbel",
                                             "pending", NULL);
  g_usleep (1100 * 1000);
  record = send_unknown (workspace);
  own = pkio_simulator_get_last_order_id (simulator);
  g_assert_cmpint (own, >, earlier);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  view = pkio_history_view_new (NULL);
  gtk_window_set_child (window, GTK_WIDGET (view));
  pkio_history_view_set_workspace (view, workspace);
  gtk_window_present (window);
  spin_until (widget_is_mapped, window);
  settled.workspace = workspace;
  settled.view = view;
  spin_until (view_settled, &settled);
  spin_idle ();

  /* Still unknown, both offered; both also listed once as placed elsewhere. */
  g_assert_cmpint (pkio_history_record_get_state (record), ==, PKIO_RECORD_STATE_UNKNOWN);
  g_assert_cmpuint (pkio_history_record_get_candidates (record)->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpuint (rows_with_order (store, own), ==, 1);
  g_assert_cmpuint (rows_with_order (store, earlier), ==, 1);

  column_view = GTK_COLUMN_VIEW (child (view, PKIO_TYPE_HISTORY_VIEW, "column_view"));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view)),
                                     0);   /* unknown attempts come first */
  spin_idle ();
  details = PKIO_HISTORY_DETAILS (child (view, PKIO_TYPE_HISTORY_VIEW, "details"));
  g_assert_true (pkio_history_details_get_record (details) == record);
  group = PKIO_CANDIDATES_GROUP (child (details, PKIO_TYPE_HISTORY_DETAILS, "candidates_group"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_cmpuint (pkio_candidates_group_get_n_rows (group), ==, 2);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   expected ("Is one of these your order?", "Is een van deze uw bestelling?"));
  g_assert_nonnull (find_choice (GTK_WIDGET (group), earlier));
  choice = find_choice (GTK_WIDGET (group), own);
  g_assert_nonnull (choice);
  g_assert_true (gtk_widget_is_sensitive (choice));

  /* The pane is filled anew on every change of the record (a sync's too): when nothing the
   * rows show changed, they stay, and so does whatever has the focus in them. */
  {
    GtkWidget *kept = choice;

    g_object_add_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);
    pkio_candidates_group_set_record (group, record, store);
    spin_idle ();
    g_assert_nonnull (kept);   /* not destroyed and made anew */
    g_object_remove_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);
    g_assert_true (find_choice (GTK_WIDGET (group), own) == choice);
    g_assert_cmpuint (pkio_candidates_group_get_n_rows (group), ==, 2);
  }

  /* The person knows the second one is theirs. */
  gtk_widget_activate (choice);
  spin_until (record_placed, record);
  spin_idle ();

  g_assert_cmpint (pkio_history_record_get_order_id (record), ==, own);
  g_assert_cmpint (pkio_history_record_get_certificate_id (record), >, 0);
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");
  g_assert_cmpstr (pkio_simulator_get_order_status (simulator, own), ==, "pending");
  g_assert_cmpint (pkio_history_record_get_status_category (record), !=,
                   PKIO_STATUS_CATEGORY_UNKNOWN);
  g_assert_cmpint (pkio_history_record_get_origin (record), ==, PKIO_RECORD_ORIGIN_THIS_COMPUTER);
  /* Still shown, though it moved down the list. */
  g_assert_true (pkio_history_details_get_record (details) == record);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));

  /* Listed once now: the attempt holds its order, the other stays placed elsewhere, once. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (rows_with_order (store, own), ==, 1);
  g_assert_cmpuint (rows_with_order (store, earlier), ==, 1);
  g_assert_cmpint (pkio_history_record_get_origin (pkio_history_store_find_by_order_id (store,
                                                                                        earlier)),
                   ==, PKIO_RECORD_ORIGIN_ELSEWHERE);
  g_assert_cmpuint (g_list_model_get_n_items (pkio_history_view_get_shown_model (view)), ==, 2);
  json = pkio_history_to_json (G_LIST_MODEL (store));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 2);
  /* Choosing asked CertCentral, and placed nothing. */
  g_assert_cmpuint (pkio_simulator_count_requests (simulator, "POST", NULL), ==, 1);

  gtk_window_destroy (window);
  spin_idle ();
}

static void
remove_data (void)
{
  g_autofree char *dir = g_build_filename (history_view_test_data_home (), "pkio-orders", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
  g_rmdir (history_view_test_data_home ());
}

int
main (int   argc,
      char *argv[])
{
  int status;

  history_view_test_init (&argc, &argv);

  g_test_add_func ("/history-candidates/choose", test_choose_candidate);

  status = g_test_run ();
  remove_data ();
  return status;
}
