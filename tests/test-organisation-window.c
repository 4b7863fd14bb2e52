/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-application.h"
#include "pkio-preferences-window.h"
#include "pkio-welcome-page.h"
#include "pkio-window.h"
#include "dconf-test-util.h"
#include "ui-test-util.h"

/* The window where an organisation has set and locked the settings (docs/deploying.md): a
 * real dconf database (dconf-test-util.h) that locks every key, most at the schema's default,
 * the API address at an address with no key and practice mode off; only "history-auto-refresh"
 * is left to the person. Preferences show the locked rows as they are and never write them,
 * the welcome page and the menu do not offer practice mode, and the window stays usable. */

#define ORG_URL "http://127.0.0.1:9/services/v2/"

static PkioApplication *app;
static char *profile;

static PkioWindow *
main_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }
  return PKIO_WINDOW (window);
}

static GtkWidget *
child_of (GtkWidget  *owner,
          GType       owner_type,
          const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (owner, owner_type, id));
}

static gboolean
welcome_is_shown (gpointer window)
{
  return g_strcmp0 (pkio_window_get_visible_view (window), "welcome") == 0;
}

static char *
user_value (const char *key)
{
  g_settings_sync ();
  return dconf_test_user_value (profile, NULL, key);
}

/* A label showing @text somewhere under @widget, if it is shown. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
      && gtk_widget_is_visible (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_is_visible (child) && shows_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
set_by_organisation (void)
{
  return expected ("Set by your organisation", "Ingesteld door uw organisatie");
}

static void
test_welcome_without_practice (void)
{
  PkioWindow *window = main_window ();
  PkioWelcomePage *page;
  GtkWidget *practice_button;
  GtkWidget *status_page;
  GtkMenuButton *menu_button;
  GMenuModel *menu;
  gboolean menu_item_found = FALSE;

  spin_until (welcome_is_shown, window);
  page = pkio_window_get_welcome_page (window);
  practice_button = child_of (GTK_WIDGET (page), PKIO_TYPE_WELCOME_PAGE, "practice_button");
  status_page = child_of (GTK_WIDGET (page), PKIO_TYPE_WELCOME_PAGE, "status_page");
  g_assert_false (pkio_welcome_page_get_practice_allowed (page));
  g_assert_false (gtk_widget_get_visible (practice_button));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)), ==,
                   expected ("Connect the app to your organisation’s account at DigiCert "
                             "CertCentral Europe to order citizen certificates.",
                             "Koppel de app aan het account van uw organisatie bij DigiCert "
                             "CertCentral Europe om burgercertificaten te bestellen."));

  /* The menu's item hides itself with its action, which is off; asked anyway, nothing starts. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "start-practice"));
  menu_button = GTK_MENU_BUTTON (child_of (GTK_WIDGET (window), PKIO_TYPE_WINDOW,
                                           "primary_menu_button"));
  menu = gtk_menu_button_get_menu_model (menu_button);
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          g_autofree char *hidden_when = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          if (g_strcmp0 (action, "app.start-practice") != 0)
            continue;
          menu_item_found = TRUE;
          g_menu_model_get_item_attribute (section, i, "hidden-when", "s", &hidden_when);
          g_assert_cmpstr (hidden_when, ==, "action-disabled");
        }
    }
  g_assert_true (menu_item_found);
  g_action_group_activate_action (G_ACTION_GROUP (app), "start-practice", NULL);
  g_signal_emit_by_name (page, "practice");
  g_assert_false (pkio_application_get_practice (app));
  g_assert_true (welcome_is_shown (window));
}

static void
test_preferences_locked (void)
{
  GSettings *settings = pkio_application_get_settings (app);
  g_autoptr(PkioPreferencesWindow) prefs =
    g_object_ref_sink (pkio_preferences_window_new (settings,
                                                    pkio_application_get_workspace (app)));
  GtkWidget *owner = GTK_WIDGET (prefs);
  GType type = PKIO_TYPE_PREFERENCES_WINDOW;
  GtkWidget *url_row = child_of (owner, type, "api_base_url_row");
  GtkWidget *reset_row = child_of (owner, type, "reset_url_row");
  GtkWidget *language_row = child_of (owner, type, "language_row");
  GtkWidget *refresh_switch = child_of (owner, type, "history_auto_refresh_switch");
  GtkWidget *refresh_row = gtk_widget_get_parent (refresh_switch);
  g_autofree char *url = NULL;
  g_autofree char *stored = NULL;

  while (refresh_row != NULL && !ADW_IS_ACTION_ROW (refresh_row))
    refresh_row = gtk_widget_get_parent (refresh_row);
  gtk_window_present (GTK_WINDOW (prefs));
  spin_until (widget_is_mapped, prefs);

  /* The API address: as the organisation set it, readable, not changeable. */
  g_assert_false (g_settings_is_writable (settings, "api-base-url"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, ORG_URL);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (url_row)));
  g_assert_false (adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (url_row)));
  g_assert_true (gtk_widget_get_sensitive (url_row));
  g_assert_true (shows_label (url_row, set_by_organisation ()));
  g_assert_false (gtk_widget_get_visible (reset_row));

  /* Nothing the window does writes it: the text changed from code and applied, a reset. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://elsewhere.example/services/v2/");
  g_signal_emit_by_name (url_row, "apply");
  g_signal_emit_by_name (find_button (reset_row), "clicked");
  url = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (url, ==, ORG_URL);
  stored = user_value ("api-base-url");
  g_assert_cmpstr (stored, ==, "");
  g_assert_cmpstr (pkio_workspace_get_base_url (pkio_application_get_workspace (app)), ==,
                   ORG_URL);

  /* A locked choice: shown, insensitive, said. */
  g_assert_false (gtk_widget_get_sensitive (language_row));
  g_assert_true (shows_label (language_row, set_by_organisation ()));

  /* The one setting left to the person: changeable, no lock shown, and it is stored (so the
   * user database works, and the refusals above are the lock's). */
  g_assert_nonnull (refresh_row);
  g_assert_true (gtk_widget_get_sensitive (refresh_row));
  g_assert_true (gtk_widget_get_sensitive (refresh_switch));
  g_assert_false (shows_label (refresh_row, set_by_organisation ()));
  gtk_switch_set_active (GTK_SWITCH (refresh_switch), FALSE);
  g_clear_pointer (&stored, g_free);
  stored = user_value ("history-auto-refresh");
  g_assert_cmpstr (stored, ==, "false");

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Locks on the window's own settings (size, last view) leave it usable, and unwritten. */
static void
test_window_usable (void)
{
  PkioWindow *window = main_window ();
  GSettings *settings = pkio_application_get_settings (app);
  GtkWidget *stack = child_of (GTK_WIDGET (window), PKIO_TYPE_WINDOW, "stack");
  g_autofree char *width = NULL;

  g_assert_false (g_settings_is_writable (settings, "window-width"));
  g_assert_false (g_settings_is_writable (settings, "last-view"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_sensitive (stack));
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  width = user_value ("window-width");
  g_assert_cmpstr (width, ==, "");
}

static void
skip_without_dconf (void)
{
  g_test_skip ("dconf is not installed (Debian: dconf-cli)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dconf = g_find_program_in_path ("dconf");
  int status;

  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (dconf == NULL)
    {
      g_test_add_func ("/organisation-window/needs-dconf", skip_without_dconf);
      return g_test_run ();
    }

  /* Every key locked, at the schema's default unless said here. */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, APPLICATION_ID,
                                                                         TRUE);
    g_auto(GStrv) keys = g_settings_schema_list_keys (schema);
    g_autoptr(GString) keyfile = g_string_new ("[@PATH@]\n");
    g_autoptr(GString) locks = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("pkio-organisation-window-XXXXXX", &error);

    g_assert_no_error (error);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
        g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (key);
        g_autofree char *text = g_variant_print (fallback, TRUE);

        if (g_str_equal (keys[i], "history-auto-refresh"))
          continue;
        if (g_str_equal (keys[i], "api-base-url"))
          g_string_append (keyfile, "api-base-url='" ORG_URL "'\n");
        else if (g_str_equal (keys[i], "practice-mode-allowed"))
          g_string_append (keyfile, "practice-mode-allowed=false\n");
        else
          g_string_append_printf (keyfile, "%s=%s\n", keys[i], text);
        g_string_append_printf (locks, "%s\n", keys[i]);
      }
    profile = dconf_test_make_profile (dir, keyfile->str, locks->str);
    g_setenv ("DCONF_PROFILE", profile, TRUE);
    g_setenv ("GSETTINGS_BACKEND", "dconf", TRUE);
  }
  /* The organisation's lock wins over the variable anyway; not set, so nothing warns. */
  g_unsetenv ("PKIO_ORDERS_API_URL");

  app = start_application ();

  g_test_add_func ("/organisation-window/welcome-without-practice",
                   test_welcome_without_practice);
  g_test_add_func ("/organisation-window/preferences-locked", test_preferences_locked);
  g_test_add_func ("/organisation-window/window-usable", test_window_usable);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
