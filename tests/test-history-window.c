/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History in a window: at a phone's width and a desktop's (columns that fit, lines that wrap,
 * details on a page of their own), and an empty history that leads to New order. */
#include "config.h"

#include "pkio-application.h"
#include "pkio-credentials.h"
#include "pkio-history-details.h"
#include "pkio-history-row.h"
#include "pkio-history-view.h"
#include "pkio-order-json.h"
#include "pkio-order-notifier.h"
#include "pkio-order-view.h"
#include "pkio-problem.h"
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

/* ---- "No orders yet" only when known ---- */

static gboolean
view_syncing (gpointer view)
{
  PkioWorkspace *workspace = pkio_history_view_get_workspace (view);

  return pkio_history_store_is_loaded (pkio_workspace_get_store (workspace))
         && pkio_history_view_is_syncing (view);
}

/* Practice mode once said "No orders yet" for a moment before its first sync, and an account
 * used elsewhere for years would say it until the first answer of CertCentral. The first
 * sync's answer is held here (the simulator answers its first request a second late): as long
 * as it is held, the history read and empty, the view shows the list saying "Updating…", never
 * the empty page. Once the answer is in, an account that holds nothing shows the empty page. */
static void
test_empty_only_when_known (void)
{
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PkioHistoryView *view = pkio_history_view_new (NULL);
  GtkStack *main_stack = GTK_STACK (child (view, PKIO_TYPE_HISTORY_VIEW, "main_stack"));
  PkioSimulator *simulator;
  guint held_turns = 0;

  fresh_data_home ();
  workspace = pkio_workspace_new (NULL, TRUE);
  _pkio_workspace_set_practice_examples (workspace, FALSE);
  pkio_workspace_load_async (workspace, NULL, async_result_cb, NULL);
  result = wait_result ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, NULL));
  g_assert_cmpint (pkio_history_store_get_last_sync (pkio_workspace_get_store (workspace)), ==, 0);
  simulator = pkio_workspace_get_simulator (workspace);
  pkio_simulator_set_fault_delay (simulator, 1000);
  pkio_simulator_inject_fault (simulator, "GET", NULL, PKIO_SIMULATOR_FAULT_DELAY, 1);

  gtk_window_set_default_size (window, 1200, 700);
  gtk_window_set_child (window, GTK_WIDGET (view));
  pkio_history_view_set_workspace (view, workspace);
  gtk_window_present (window);
  spin_until (view_syncing, view);
  while (pkio_history_view_is_syncing (view))
    {
      g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "list");
      held_turns++;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (held_turns, >, 0);
  g_assert_cmpuint (pkio_simulator_count_requests (simulator, "GET", NULL), >, 0);

  spin_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "empty");
  gtk_window_destroy (window);
  spin_idle ();
}

/* ---- the focus follows the view shown ---- */

/* The focus is on something a person can see, inside @page. */
static void
assert_focus_shown_in (GtkWindow  *window,
                       GtkWidget  *page,
                       const char *what)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (focus == NULL || !gtk_widget_is_drawable (focus) || !gtk_widget_is_ancestor (focus, page))
    g_error ("%s: the focus is on %s%s%s", what,
             focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
             focus != NULL && !gtk_widget_is_drawable (focus) ? ", not shown" : "",
             focus != NULL && !gtk_widget_is_ancestor (focus, page) ? ", outside the view" : "");
}

static gboolean
history_has_rows (gpointer view)
{
  return g_list_model_get_n_items (pkio_history_view_get_shown_model (view)) > 0
         && !pkio_history_view_is_syncing (view);
}

/* The last record added to @store: the order placed last. */
static PkioHistoryRecord *
last_placed (PkioHistoryStore *store)
{
  PkioHistoryRecord *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (last == NULL
          || pkio_history_record_get_local_id (record) > pkio_history_record_get_local_id (last))
        g_set_object (&last, record);
    }
  return last;
}

/* After an order is placed its result page has the focus (@order_view's). Showing History
 * (Alt+2 does it with pkio_window_show_view ()) once left the focus on that page's button, no
 * longer shown: a keyboard or screen reader user was nowhere. The focus now goes into the view
 * shown: History's search field. */
static void
show_history_from_result_page (PkioWindow *window,
                               GtkWidget  *order_view)
{
  PkioHistoryView *history;
  GtkWidget *search_entry;
  GtkWidget *focus;

  g_assert_true (gtk_widget_child_focus (order_view, GTK_DIR_TAB_FORWARD));
  assert_focus_shown_in (GTK_WINDOW (window), order_view, "the result page");
  pkio_window_show_view (window, "history");
  history = pkio_window_get_history_view (window);
  assert_focus_shown_in (GTK_WINDOW (window), GTK_WIDGET (history), "History shown");
  search_entry = GTK_WIDGET (child (history, PKIO_TYPE_HISTORY_VIEW, "search_entry"));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (focus == search_entry || gtk_widget_is_ancestor (focus, search_entry));
}

/* Back in New order the focus is on its result page again; "show this order" (a notification,
 * the review's duplicate finding) puts it on the order's row in History. */
static void
show_placed_order_from_new_order (PkioWindow *window,
                                  GtkWidget  *order_view)
{
  g_autoptr(PkioHistoryRecord) placed = NULL;
  PkioHistoryView *history = pkio_window_get_history_view (window);
  GtkWidget *focus;
  GtkSingleSelection *selection;

  spin_until (history_has_rows, history);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (child (history, PKIO_TYPE_HISTORY_VIEW,
                                                           "search_entry"))));
  pkio_window_show_view (window, "new-order");
  assert_focus_shown_in (GTK_WINDOW (window), order_view, "New order shown again");

  placed = last_placed (pkio_workspace_get_store (pkio_history_view_get_workspace (history)));
  g_assert_nonnull (placed);
  g_assert_true (pkio_window_show_order (window, pkio_history_record_get_local_id (placed)));
  assert_focus_shown_in (GTK_WINDOW (window),
                         GTK_WIDGET (child (history, PKIO_TYPE_HISTORY_VIEW, "column_view")),
                         "the placed order shown in History");
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_state_flags (focus) & GTK_STATE_FLAG_SELECTED);
  /* The list's rows stand for places (PkioHistoryRow); the selected one shows the placed order. */
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (child (history, PKIO_TYPE_HISTORY_VIEW, "column_view"))));
  g_assert_true (pkio_history_row_get_record (gtk_single_selection_get_selected_item (selection))
                 == placed);
}

/* ---- ready is focusable ---- */

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      if ((found = find_action_button (c, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
no_notice (GApplication          *application,
           const PkioOrderNotice *notice,
           gpointer               user_data)
{
}

static const char *seed_order =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"encryption\","
  "\"is_rsassa_pss\":true,\"individual\":{\"first_name\":\"John\",\"last_name\":\"Doe\","
  "\"email\":\"john.doe@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

static gboolean
order_view_on_review (gpointer order_view)
{
  return g_strcmp0 (pkio_order_view_get_page (order_view), "review") == 0;
}

static gboolean
order_view_on_outcome (gpointer order_view)
{
  return g_strcmp0 (pkio_order_view_get_page (order_view), "outcome") == 0;
}

/* Which of @targets holds the window's focus, or -1. */
static int
focused_target (GtkWindow  *window,
                GtkWidget **targets,
                guint       n_targets)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  for (guint t = 0; focus != NULL && t < n_targets; t++)
    if (focus == targets[t] || gtk_widget_is_ancestor (focus, targets[t]))
      return (int) t;
  return -1;
}

/* Runs the main loop until @view has listed orders in 50 turns and no sync runs (at most 20 s).
 * At every turn in which it lists orders, Export and the status filter are enabled, and Tab
 * from the search field, as GtkWindow's Tab does it, meets Export, the status filter and the
 * list before the focus leaves the view. */
static void
check_ready_turns (GtkWindow       *window,
                   PkioHistoryView *view)
{
  GtkWidget *targets[4] = {
    GTK_WIDGET (child (view, PKIO_TYPE_HISTORY_VIEW, "search_entry")),
    find_action_button (GTK_WIDGET (view), "history.export"),
    GTK_WIDGET (child (view, PKIO_TYPE_HISTORY_VIEW, "status_dropdown")),
    GTK_WIDGET (child (view, PKIO_TYPE_HISTORY_VIEW, "column_view")),
  };
  GtkStack *list_stack = GTK_STACK (child (view, PKIO_TYPE_HISTORY_VIEW, "list_stack"));
  GListModel *shown = pkio_history_view_get_shown_model (view);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint listed = 0;

  g_assert_nonnull (targets[1]);
  while (g_get_monotonic_time () < end && (listed < 50 || pkio_history_view_is_syncing (view)))
    {
      gboolean met[G_N_ELEMENTS (targets)] = { FALSE };

      g_main_context_iteration (NULL, FALSE);
      if (g_list_model_get_n_items (shown) == 0 || !gtk_widget_get_mapped (targets[3])
          || g_strcmp0 (gtk_stack_get_visible_child_name (list_stack), "rows") != 0)
        {
          g_usleep (1000);
          continue;
        }
      listed++;
      g_assert_true (gtk_widget_is_sensitive (targets[1]));
      g_assert_true (gtk_widget_is_sensitive (targets[2]));
      g_assert_true (gtk_widget_grab_focus (targets[0]));
      for (guint press = 0; press < 30; press++)
        {
          GtkWidget *focus;
          int t;

          gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
          focus = gtk_window_get_focus (window);
          if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (view)))
            break;
          if ((t = focused_target (window, targets, G_N_ELEMENTS (targets))) >= 0)
            met[t] = TRUE;
        }
      for (guint t = 1; t < G_N_ELEMENTS (targets); t++)
        if (!met[t])
          g_error ("turn %u with %u orders listed: Tab from the search field left History "
                   "without meeting its %s", listed, g_list_model_get_n_items (shown),
                   G_OBJECT_TYPE_NAME (targets[t]));
    }
  g_assert_cmpuint (listed, >=, 50);
}

/* The main window in practice mode, after the seed order was placed in New order (@order_view),
 * whose result page shows. */
static PkioWindow *
window_with_order_placed (PkioApplication *app,
                          GtkWidget      **order_view)
{
  PkioWindow *window;

  pkio_order_notifier_set_sender (pkio_application_get_notifier (app), no_notice, NULL);
  g_application_activate (G_APPLICATION (app));
  window = PKIO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  spin_until (widget_is_mapped, window);
  pkio_application_set_practice (app, TRUE);
  *order_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                           PKIO_TYPE_WINDOW, "order_view"));
  spin_until (widget_is_mapped, *order_view);
  {
    g_autoptr(JsonNode) node = json_from_string (seed_order, NULL);
    g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
    g_autoptr(PkioOrder) order = pkio_order_from_json (node, problems);

    g_assert_cmpuint (problems->len, ==, 0);
    pkio_order_form_set_order (pkio_order_view_get_form (PKIO_ORDER_VIEW (*order_view)), order);
    gtk_widget_activate_action (*order_view, "order.review", NULL);
    spin_until (order_view_on_review, *order_view);
    gtk_widget_activate_action (*order_view, "order.place", NULL);
    spin_until (order_view_on_outcome, *order_view);
  }
  return window;
}

/* The a11y audit once went round History with Tab, right after its rows had come, while
 * Export, the status filter and the list could not take the focus (tests/README.md, "In CI").
 * History is loaded here as the app does it, and at every turn of the main loop in which it
 * lists orders what it shows can take the focus: first a view given its account before the
 * history is read (practice mode: the examples come with the first sync), then the window as
 * the audit meets it (practice mode, an order placed in New order, whose outcome page has the
 * focus when the window switches to History). That window also shows where the focus goes
 * when the view changes (show_history_from_result_page (), show_placed_order_from_new_order ()).
 */
static void
test_ready_is_focusable (void)
{
  g_autoptr(PkioApplication) app = NULL;
  PkioWindow *window;
  GtkWidget *order_view;

  fresh_data_home ();
  {
    g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (NULL, TRUE);
    GtkWindow *bare = GTK_WINDOW (gtk_window_new ());
    PkioHistoryView *view = pkio_history_view_new (NULL);

    gtk_window_set_default_size (bare, 1200, 700);
    gtk_window_set_child (bare, GTK_WIDGET (view));
    pkio_history_view_set_workspace (view, workspace);
    gtk_window_present (bare);
    check_ready_turns (bare, view);
    gtk_window_destroy (bare);
    spin_idle ();
  }

  fresh_data_home ();
  app = start_application ();
  window = window_with_order_placed (app, &order_view);
  show_history_from_result_page (window, order_view);
  check_ready_turns (GTK_WINDOW (window), pkio_window_get_history_view (window));
  show_placed_order_from_new_order (window, order_view);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  history_view_test_init (&argc, &argv);

  g_test_add_func ("/history-view/narrow-and-wide", test_narrow_and_wide);
  g_test_add_func ("/history-view/empty-leads-to-new-order", test_empty_leads_to_new_order);
  g_test_add_func ("/history-view/ready-is-focusable", test_ready_is_focusable);
  g_test_add_func ("/history-view/empty-only-when-known", test_empty_only_when_known);

  status = g_test_run ();
  fresh_data_home ();
  return status;
}
