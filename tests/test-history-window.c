/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History in a window: at a phone's width and a desktop's (columns that fit, lines that wrap,
 * details on a page of their own), and an empty history that leads to New order. */
#include "config.h"

#include "pkio-application.h"
#include "pkio-credentials.h"
#include "pkio-history-details.h"
#include "pkio-history-view.h"
#include "pkio-window.h"
#include "pkio-workspace.h"
#include "pkio-workspace-private.h"
#include "history-view-test-util.h"
#include "ui-test-util.h"

typedef struct
{
  GtkColumnView *column_view;
  guint          min_visible;
  guint          max_visible;
} FitCheck;

static gboolean
columns_fit (gpointer data)
{
  FitCheck *check = data;
  GListModel *columns = gtk_column_view_get_columns (check->column_view);
  guint n_visible = 0;

  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      n_visible += gtk_column_view_column_get_visible (column);
    }
  return n_visible >= check->min_visible && n_visible <= check->max_visible;
}

static gboolean
no_sideways_scrolling (gpointer adjustment)
{
  return gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) + 1;
}

static gboolean
view_synced (gpointer view)
{
  return !pkio_history_view_is_syncing (view);
}

static void
test_narrow_and_wide (void)
{
  int widths[] = { 360, 1200 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(PkioWorkspace) workspace = NULL;
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      PkioHistoryView *view = pkio_history_view_new (NULL);
      AdwLeaflet *leaflet;
      GtkWidget *details;

      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PkioHistoryRecord) record = NULL;

      fresh_data_home ();
      workspace = pkio_workspace_new (NULL, TRUE);
      _pkio_workspace_set_practice_examples (workspace, FALSE);
      pkio_workspace_load_async (workspace, NULL, async_result_cb, NULL);
      result = wait_result ();
      g_assert_true (pkio_workspace_load_finish (workspace, result, NULL));
      record = journal_unknown (pkio_workspace_get_store (workspace));
      /* Orders in progress make the longest count line ("3 orders, 2 in progress"). */
      for (guint n = 0; n < 2; n++)
        pkio_simulator_add_remote_order (pkio_workspace_get_simulator (workspace),
                                         "dana@example.com", "Dana", "Dekker", "pending", NULL);
      gtk_window_set_default_size (window, widths[i], 700);
      gtk_window_set_child (window, GTK_WIDGET (view));
      pkio_history_view_set_workspace (view, workspace);
      gtk_window_present (window);
      spin_until (widget_is_mapped, window);
      spin_until (view_synced, view);
      spin_idle ();

      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (view,
                                                                      PKIO_TYPE_HISTORY_VIEW,
                                                                      "main_stack"))),
                       ==, "list");
      leaflet = ADW_LEAFLET (child (view, PKIO_TYPE_HISTORY_VIEW, "leaflet"));
      details = GTK_WIDGET (child (view, PKIO_TYPE_HISTORY_VIEW, "details"));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, widths[i] + 1);
      {
        /* Narrow: only holder and status stay in the list; wide: every column in English (the
         * longer Dutch words may cost one). Never sideways scrolling. The columns give way one
         * per frame, so wait for it to settle. */
        FitCheck check = {
          GTK_COLUMN_VIEW (child (view, PKIO_TYPE_HISTORY_VIEW, "column_view")),
          widths[i] == 360 ? 2 : (expect_dutch () ? 6 : 7),
          widths[i] == 360 ? 2 : 7,
        };
        GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (check.column_view));

        spin_until (columns_fit, &check);
        spin_until (no_sideways_scrolling, adjustment);
        g_assert_true (columns_fit (&check));
      }
      {
        /* The count and "updated" lines wrap rather than lose their ends, also in Dutch. */
        const char *lines[] = { "counts_label", "updated_label" };

        for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
          {
            GtkLabel *label = GTK_LABEL (child (view, PKIO_TYPE_HISTORY_VIEW, lines[l]));

            g_assert_cmpstr (gtk_label_get_text (label), !=, "");
            g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
          }
      }
      if (widths[i] == 360)
        {
          g_assert_true (adw_leaflet_get_folded (leaflet));
          g_assert_false (gtk_widget_get_mapped (details));   /* its own page */
          adw_leaflet_set_visible_child_name (leaflet, "details");
          spin_idle ();
          g_assert_true (gtk_widget_get_child_visible (details));
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (details,
                                                                    PKIO_TYPE_HISTORY_DETAILS,
                                                                    "back_button"))));
          gtk_widget_activate_action (details, "history.back", NULL);
          spin_idle ();
          g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
        }
      else
        {
          g_assert_false (adw_leaflet_get_folded (leaflet));
          g_assert_true (gtk_widget_get_mapped (details));     /* beside the list */
          g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (details,
                                                                     PKIO_TYPE_HISTORY_DETAILS,
                                                                     "back_button"))));
        }
      gtk_window_destroy (window);
      spin_idle ();
    }
}

static gboolean
page_is_empty (gpointer stack)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

static gboolean
new_order_is_shown (gpointer window)
{
  return g_strcmp0 (pkio_window_get_visible_view (window), "new-order") == 0;
}

static gboolean
stored_cb_done (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_empty_leads_to_new_order (void)
{
  g_autoptr(PkioApplication) app = start_application ();
  g_autoptr(PkioSimulator) simulator = pkio_simulator_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  PkioHistoryView *view;
  AdwStatusPage *empty_page;
  GtkWidget *button;

  /* A connected account (a key for its address) with no orders yet. */
  pkio_simulator_set_api_key (simulator, "empty-account-key");
  g_assert_true (pkio_simulator_start (simulator, &error));
  pkio_credentials_store_async (pkio_simulator_get_base_url (simulator), "empty-account-key",
                                NULL, stored_cb, &result);
  spin_until (stored_cb_done, &result);
  if (!pkio_credentials_store_finish (result, &error))
    {
      g_test_skip_printf ("No usable Secret Service: %s", error->message);
      return;
    }
  g_settings_set_string (pkio_application_get_settings (app), "api-base-url",
                         pkio_simulator_get_base_url (simulator));

  fresh_data_home ();
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  spin_until (widget_is_mapped, window);
  pkio_window_show_view (PKIO_WINDOW (window), "history");

  view = pkio_window_get_history_view (PKIO_WINDOW (window));
  g_assert_false (pkio_workspace_get_practice (pkio_history_view_get_workspace (view)));
  spin_until (page_is_empty, child (view, PKIO_TYPE_HISTORY_VIEW, "main_stack"));
  empty_page = ADW_STATUS_PAGE (child (view, PKIO_TYPE_HISTORY_VIEW, "empty_page"));
  g_assert_cmpstr (adw_status_page_get_title (empty_page), ==,
                   expected ("No orders yet", "Nog geen bestellingen"));

  button = GTK_WIDGET (child (view, PKIO_TYPE_HISTORY_VIEW, "new_order_button"));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A button "clicks" a moment after it is activated, as it shows itself pressed. */
  gtk_widget_activate (button);
  spin_until (new_order_is_shown, window);

  gtk_window_destroy (window);
  spin_idle ();
  g_settings_reset (pkio_application_get_settings (app), "api-base-url");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  history_view_test_init (&argc, &argv);

  g_test_add_func ("/history-view/narrow-and-wide", test_narrow_and_wide);
  g_test_add_func ("/history-view/empty-leads-to-new-order", test_empty_leads_to_new_order);

  status = g_test_run ();
  fresh_data_home ();
  return status;
}
