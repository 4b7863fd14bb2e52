/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pkio-application.h"
#include "pkio-credentials.h"
#include "pkio-simulator.h"
#include "pkio-order-draft.h"
#include "pkio-order-view.h"
#include "pkio-preferences-window.h"
#include "pkio-window.h"
#include "ui-test-util.h"

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_of_type_is_mapped (gpointer type_pointer)
{
  GtkWindow *window = find_toplevel ((GType) GPOINTER_TO_SIZE (type_pointer));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
toplevel_of_type_is_gone (gpointer type_pointer)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (type_pointer)) == NULL;
}

/* GtkApplication keeps the shortcuts window around and only hides it. */
static gboolean
toplevel_of_type_is_hidden (gpointer type_pointer)
{
  return !toplevel_of_type_is_mapped (type_pointer);
}

static void
close_all_windows (PkioApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_main_window_presented (void)
{
  g_autoptr(PkioApplication) app = start_application ();
  GtkWindow *window;
  AdwViewStack *stack;
  GtkMenuButton *menu_button;
  GMenuModel *menu;
  GtkSelectionModel *pages;
  g_autofree char *label = NULL;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (PKIO_IS_WINDOW (window));
  spin_until (widget_is_mapped, window);

  g_assert_cmpstr (gtk_window_get_title (window), ==, expected ("PKIo Orders", "PKIo-bestellingen"));
  /* The striped "devel" header bar marks a development build (-Dprofile=development) only. */
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"), ==, DEVELOPMENT_BUILD);
  g_assert_false (pkio_window_get_practice_banner_visible (PKIO_WINDOW (window)));

  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), PKIO_TYPE_WINDOW,
                                                         "stack"));
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 2);
  {
    g_autoptr(AdwViewStackPage) first = g_list_model_get_item (G_LIST_MODEL (pages), 0);
    g_autoptr(AdwViewStackPage) second = g_list_model_get_item (G_LIST_MODEL (pages), 1);

    g_assert_cmpstr (adw_view_stack_page_get_name (first), ==, "new-order");
    g_assert_cmpstr (adw_view_stack_page_get_title (first), ==,
                     expected ("New order", "Nieuwe bestelling"));
    g_assert_cmpstr (adw_view_stack_page_get_name (second), ==, "history");
    g_assert_cmpstr (adw_view_stack_page_get_title (second), ==,
                     expected ("History", "Geschiedenis"));
  }
  g_object_unref (pages);

  pkio_window_show_view (PKIO_WINDOW (window), "history");
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (window)), ==, "history");
  pkio_window_show_view (PKIO_WINDOW (window), "new-order");
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (window)), ==, "new-order");

  menu_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                PKIO_TYPE_WINDOW,
                                                                "primary_menu_button"));
  menu = gtk_menu_button_get_menu_model (menu_button);
  g_assert_nonnull (menu);
  {
    /* First, on its own: ordering from a spreadsheet (issue 22). */
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_autofree char *action = NULL;
    g_autofree char *item_label = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (section), ==, 1);
    g_assert_true (g_menu_model_get_item_attribute (section, 0, "action", "s", &action));
    g_assert_true (g_menu_model_get_item_attribute (section, 0, "label", "s", &item_label));
    g_assert_cmpstr (action, ==, "win.order-from-spreadsheet");
    g_assert_cmpstr (item_label, ==, expected ("_Order from a Spreadsheet…",
                                               "_Bestellen uit een spreadsheet…"));
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "order-from-spreadsheet"));
  }
  {
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    const char *actions[] = { "app.preferences", "app.start-practice", "win.show-help-overlay",
                              "app.about" };
    const char *labels_en[] = { "_Preferences", "_Try Practice Mode", "_Keyboard Shortcuts",
                                "_About PKIo Orders" };
    const char *labels_nl[] = { "_Voorkeuren", "Oefenmodus _proberen", "_Sneltoetsen",
                                "_Over PKIo-bestellingen" };

    g_assert_cmpint (g_menu_model_get_n_items (section), ==, G_N_ELEMENTS (actions));
    for (int i = 0; i < (int) G_N_ELEMENTS (actions); i++)
      {
        g_autofree char *action = NULL;
        g_autofree char *item_label = NULL;

        g_assert_true (g_menu_model_get_item_attribute (section, i, "action", "s", &action));
        g_assert_true (g_menu_model_get_item_attribute (section, i, "label", "s", &item_label));
        g_assert_cmpstr (action, ==, actions[i]);
        g_assert_cmpstr (item_label, ==, expected (labels_en[i], labels_nl[i]));
      }
  }

  /* Every action the menu names exists, so no item is greyed out. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  /* Practice mode is offered outside it (the organisation allows it by default). */
  g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "start-practice"),
                   ==, !pkio_application_get_practice (PKIO_APPLICATION (app)));

  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.quit");
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));
  }
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "window.close");
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>w"));
  }
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.preferences");
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  }
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  }

  label = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (menu_button)));
  g_assert_cmpstr (label, ==, expected ("Main menu", "Hoofdmenu"));

  close_all_windows (app);
}

static void
test_about_and_preferences_open_and_close (void)
{
  g_autoptr(PkioApplication) app = start_application ();
  GtkWindow *window;
  GtkWindow *about;
  GtkWindow *preferences;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  spin_until (widget_is_mapped, window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  spin_until (toplevel_of_type_is_mapped, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_true (gtk_window_get_transient_for (about) == window);
  gtk_window_close (about);
  spin_until (toplevel_of_type_is_gone, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  spin_until (toplevel_of_type_is_mapped, GSIZE_TO_POINTER (PKIO_TYPE_PREFERENCES_WINDOW));
  preferences = find_toplevel (PKIO_TYPE_PREFERENCES_WINDOW);
  g_assert_cmpstr (gtk_window_get_title (preferences), ==,
                   expected ("Preferences", "Voorkeuren"));
  gtk_window_close (preferences);
  spin_until (toplevel_of_type_is_gone, GSIZE_TO_POINTER (PKIO_TYPE_PREFERENCES_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  spin_until (toplevel_of_type_is_mapped, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW));
  gtk_window_close (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  spin_until (toplevel_of_type_is_hidden, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW));

  close_all_windows (app);
}

static void
test_preferences_api_url (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (settings, FALSE);
  PkioPreferencesWindow *preferences = pkio_preferences_window_new (settings, workspace);
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                   PKIO_TYPE_PREFERENCES_WINDOW,
                                                                   "api_base_url_row"));
  g_autofree char *url = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "https://certcentral.digicert.eu/services/v2/");

  /* Plain http to another host is refused and the setting keeps its value. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://proxy.example.com/services/v2/");
  g_signal_emit_by_name (row, "apply");
  url = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (url, ==, "https://certcentral.digicert.eu/services/v2/");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_clear_pointer (&url, g_free);

  gtk_editable_set_text (GTK_EDITABLE (row), "http://127.0.0.1:8080/services/v2/");
  g_signal_emit_by_name (row, "apply");
  url = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080/services/v2/");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  g_settings_reset (settings, "api-base-url");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The language row and the language setting follow each other. */
static void
test_preferences_language (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (settings, FALSE);
  PkioPreferencesWindow *preferences = pkio_preferences_window_new (settings, workspace);
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                   PKIO_TYPE_PREFERENCES_WINDOW,
                                                                   "language_row"));
  g_autofree char *language = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_settings_set_string (settings, "language", "nl");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  adw_combo_row_set_selected (row, 1);
  language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "en");
  g_settings_reset (settings, "language");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  g_settings_reset (settings, "language");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static gboolean
workspace_is_ready (gpointer workspace)
{
  return pkio_workspace_get_state (workspace) == PKIO_WORKSPACE_STATE_READY;
}

/* The address typed in Preferences switches the app's one account at once: the next request
 * goes there, with the key stored for that address. */
static void
test_preferences_switch_account (void)
{
  g_autoptr(PkioApplication) app = start_application ();
  g_autoptr(PkioSimulator) simulator = pkio_simulator_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings = pkio_application_get_settings (app);
  PkioWorkspace *workspace = pkio_application_get_workspace (app);
  PkioPreferencesWindow *preferences;
  AdwEntryRow *row;
  g_autoptr(GPtrArray) requests = NULL;
  PkioSimulatorRequest *last;

  pkio_simulator_set_api_key (simulator, "key-of-the-other-account");
  g_assert_true (pkio_simulator_start (simulator, &error));
  pkio_credentials_store_async (pkio_simulator_get_base_url (simulator),
                                "key-of-the-other-account", NULL, result_cb, &result);
  spin_until (result_arrived, &result);
  if (!pkio_credentials_store_finish (result, &error))
    {
      g_test_skip_printf ("No usable Secret Service: %s", error->message);
      return;
    }
  g_clear_object (&result);

  g_application_activate (G_APPLICATION (app));
  pkio_workspace_load_async (workspace, NULL, result_cb, &result);
  spin_until (result_arrived, &result);
  g_clear_object (&result);

  preferences = pkio_preferences_window_new (settings, workspace);
  row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                      PKIO_TYPE_PREFERENCES_WINDOW,
                                                      "api_base_url_row"));
  gtk_editable_set_text (GTK_EDITABLE (row), pkio_simulator_get_base_url (simulator));
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (pkio_workspace_get_base_url (workspace), ==,
                   pkio_simulator_get_base_url (simulator));
  spin_until (workspace_is_ready, workspace);

  pkio_workspace_sync_async (workspace, NULL, result_cb, &result);
  spin_until (result_arrived, &result);
  g_assert_true (pkio_workspace_sync_finish (workspace, result, &error));
  g_assert_no_error (error);
  requests = pkio_simulator_get_requests (simulator);
  g_assert_cmpuint (requests->len, >, 0);
  last = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpstr (g_hash_table_lookup (last->headers, "X-DC-DEVKEY"), ==,
                   "key-of-the-other-account");

  g_settings_reset (settings, "api-base-url");
  gtk_window_destroy (GTK_WINDOW (preferences));
  close_all_windows (app);
}

/* Nothing (a callback, a timer, a signal of the app or its workspace) keeps a closed window
 * or its views alive. */
static void
test_window_finalized (void)
{
  g_autoptr(PkioApplication) app = start_application ();
  GtkWidget *window = GTK_WIDGET (pkio_window_new (app));
  GtkWidget *order_view;
  GtkWidget *history_view;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (widget_is_mapped, window);
  /* The views are built, and their first questions asked. */
  order_view = g_object_ref (GTK_WIDGET (gtk_widget_get_template_child (window, PKIO_TYPE_WINDOW,
                                                                        "order_view")));
  pkio_window_show_view (PKIO_WINDOW (window), "history");
  history_view = g_object_ref (GTK_WIDGET (pkio_window_get_history_view (PKIO_WINDOW (window))));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
  g_assert_finalize_object (order_view);
  g_assert_finalize_object (history_view);
}

static void
test_window_size_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PkioApplication) app = start_application ();
  GtkWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_set_default_size (window, 820, 610);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  close_all_windows (app);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
workspace_is_loaded (gpointer view)
{
  return pkio_workspace_is_loaded (pkio_order_view_get_workspace (view));
}

static void
set_field (PkioOrderForm *form,
           const char    *path,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pkio_order_form_get_field_row (form, path)), text);
}

static void
tick (PkioOrderForm *form,
      const char    *name)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (order_form_child (form, name)), TRUE);
}

/* No API key stored (and not practice mode): the form can be filled and reviewed, and "Place
 * order" leads to setting up the key; nothing is sent, recorded or lost. */
static void
test_place_without_key (void)
{
  g_autoptr(PkioApplication) app = start_application ();
  GtkWindow *window;
  PkioOrderView *view;
  PkioOrderForm *form;
  PkioWorkspace *workspace;
  g_autofree char *draft = pkio_order_draft_path_for (FALSE);

  /* A draft left by another test would be restored, and its toast shown first. */
  g_unlink (draft);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  spin_until (widget_is_mapped, window);
  view = PKIO_ORDER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), PKIO_TYPE_WINDOW,
                                                         "order_view"));
  form = pkio_order_view_get_form (view);
  workspace = pkio_order_view_get_workspace (view);
  spin_until (workspace_is_loaded, view);
  g_assert_false (pkio_workspace_get_practice (workspace));
  g_assert_cmpint (pkio_workspace_get_key_state (workspace), ==, PKIO_KEY_STATE_NONE);

  tick (form, "holder_known_check");
  set_field (form, "certificate.individual.id", "21");
  set_field (form, "ship_info.name", "John Doe");
  set_field (form, "ship_info.addr1", "813 Lincoln Street");
  set_field (form, "ship_info.city", "Amsterdam");
  set_field (form, "ship_info.state", "Noord-Holland");
  set_field (form, "ship_info.zip", "1013 AA");
  tick (form, "csa_check");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "order.review", NULL));
  g_assert_cmpstr (pkio_order_view_get_page (view), ==, "review");
  g_assert_true (has_label (GTK_WIDGET (view),
                            expected ("No API key is set up yet. “Place order” first asks for "
                                      "it; everything you typed is kept.",
                                      "Er is nog geen API-sleutel ingesteld. “Bestelling "
                                      "plaatsen” vraagt er eerst om; alles wat u hebt "
                                      "ingevuld blijft bewaard.")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "order.place", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* The window's "win.set-up-key" leads to the welcome page; nothing went out or into the
   * history. */
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (window)), ==, "welcome");
  g_assert_false (pkio_order_view_is_busy (view));
  g_assert_cmpstr (pkio_order_view_get_page (view), ==, "review");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pkio_workspace_get_store (workspace))),
                    ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "order.back", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pkio_order_form_get_field_row (
                     form, "ship_info.addr1"))), ==, "813 Lincoln Street");

  /* A new order leaves no draft behind for the next test. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "order.new", NULL));
  close_all_windows (app);
}

static void
test_help_overlay_builds (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PREFIX "/pkio-shortcuts-window.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{

  ui_test_init_translations ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/presented", test_main_window_presented);
  g_test_add_func ("/window/about-and-preferences", test_about_and_preferences_open_and_close);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/finalized", test_window_finalized);
  g_test_add_func ("/preferences/api-url", test_preferences_api_url);
  g_test_add_func ("/preferences/language", test_preferences_language);
  g_test_add_func ("/preferences/switch-account", test_preferences_switch_account);
  g_test_add_func ("/help-overlay/builds", test_help_overlay_builds);
  g_test_add_func ("/window/place-without-key", test_place_without_key);

  return g_test_run ();
}
