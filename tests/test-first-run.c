/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pkio-application.h"
#include "pkio-client-private.h"
#include "pkio-credentials.h"
#include "pkio-key-text.h"
#include "pkio-preferences-window.h"
#include "pkio-simulator.h"
#include "pkio-window.h"
#include "ui-test-util.h"

/* First run with the real gnome-keyring of the test session: the welcome page connects the
 * app (checking the key first), a later start finds the key, Preferences replace and remove
 * it, practice mode comes and goes without a restart, and no key ever reaches a file. */

#define GOOD_KEY      "good-key-0001-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define GOOD_KEY_2    "good-key-0002-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define VIEW_ONLY_KEY "view-only-key-cccccccccccccccccccccccccccccccc"
#define OFFLINE_KEY   "offline-key-dddddddddddddddddddddddddddddddddd"
#define OFFLINE_URL   "http://127.0.0.1:9/services/v2/"

static PkioApplication *app;
static PkioSimulator *simulator;
static gboolean keyring_ok;

/* ---- helpers ---- */

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

static char *
stored_key (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  pkio_credentials_lookup_async (url, NULL, result_cb, &result);
  spin_until (has_result, &result);
  key = pkio_credentials_lookup_finish (result, &error);
  g_assert_no_error (error);
  return key;
}

static void
clear_key (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_clear_async (url, NULL, result_cb, &result);
  spin_until (has_result, &result);
  pkio_credentials_clear_finish (result, NULL);
}

static void
assert_stored_key (const char *url,
                   const char *expected_key)
{
  g_autofree char *key = stored_key (url);

  g_assert_cmpstr (key, ==, expected_key);
}

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

static gpointer
welcome_child (const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (pkio_window_get_welcome_page (main_window ())),
                                        PKIO_TYPE_WELCOME_PAGE, name);
}

static gboolean
welcome_is_shown (gpointer window)
{
  return g_strcmp0 (pkio_window_get_visible_view (window), "welcome") == 0;
}

static gboolean
order_form_is_shown (gpointer window)
{
  return g_strcmp0 (pkio_window_get_visible_view (window), "new-order") == 0;
}

static gboolean
welcome_is_idle (gpointer unused)
{
  return gtk_editable_get_editable (GTK_EDITABLE (welcome_child ("key_row")));
}

/* The text a person sees under the key field after trying @key. */
static const char *
try_key (const char *key)
{
  gtk_editable_set_text (GTK_EDITABLE (welcome_child ("key_row")), key);
  g_signal_emit_by_name (welcome_child ("connect_button"), "clicked");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (welcome_child ("key_row"))));
  spin_until (welcome_is_idle, NULL);
  return gtk_label_get_text (welcome_child ("message_label"));
}

/* In the Dutch run, a person must not see the English source text. */
static void
assert_shown_text (const char *shown,
                   const char *msgid)
{
  g_assert_cmpstr (shown, ==, _(msgid));
  if (expect_dutch ())
    g_assert_cmpstr (shown, !=, msgid);
}

static gboolean
workspace_ready (gpointer unused)
{
  return pkio_workspace_get_state (pkio_application_get_workspace (app))
         == PKIO_WORKSPACE_STATE_READY;
}

static void
use_address (const char *url)
{
  g_settings_set_string (pkio_application_get_settings (app), "api-base-url", url);
}

/* ---- tests ---- */

static void
test_welcome_then_connect (void)
{
  PkioWindow *window;

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  window = main_window ();
  spin_until (welcome_is_shown, window);

  /* A rejected key: said so, nothing stored. */
  assert_shown_text (try_key ("not-a-key-of-this-account"),
                     "CertCentral did not accept this key, so it was not saved. Check that you "
                     "copied all of it and that it is still active.");
  assert_stored_key (pkio_simulator_get_base_url (simulator), NULL);
  g_assert_true (welcome_is_shown (window));

  /* A View Only key could never order: refused, nothing stored. */
  g_assert_cmpstr (try_key (VIEW_ONLY_KEY), ==, pkio_key_text_view_only ());
  assert_stored_key (pkio_simulator_get_base_url (simulator), NULL);

  /* The right key: checked, stored, and on to the order form. */
  gtk_editable_set_text (GTK_EDITABLE (welcome_child ("key_row")), GOOD_KEY);
  g_signal_emit_by_name (welcome_child ("connect_button"), "clicked");
  spin_until (order_form_is_shown, window);
  assert_stored_key (pkio_simulator_get_base_url (simulator), GOOD_KEY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child ("key_row"))), ==, "");
  g_assert_cmpint (pkio_workspace_get_state (pkio_application_get_workspace (app)), ==,
                   PKIO_WORKSPACE_STATE_READY);
}

/* The fault matrix (tests/README.md) for checking a key: what the welcome page says when
 * CertCentral is slow, in trouble, too busy or sends damaged data. Nothing is stored. */
static void
test_key_check_faults (void)
{
  PkioWindow *window;
  g_autofree char *server = NULL;
  g_autofree char *busy = NULL;

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  window = main_window ();
  spin_until (welcome_is_shown, window);

  pkio_simulator_inject_fault (simulator, "GET", "user/me", PKIO_SIMULATOR_FAULT_DELAY, 1);
  assert_shown_text (try_key (GOOD_KEY), "CertCentral did not answer in time, so the key could "
                                         "not be checked. Try again in a moment.");

  pkio_simulator_inject_fault (simulator, "GET", "user/me", PKIO_SIMULATOR_FAULT_SERVER_ERROR,
                               100);
  server = g_strconcat (_("CertCentral has a problem at the moment. Try again later."),
                        "\nAn unexpected error occurred.", NULL);
  g_assert_cmpstr (try_key (GOOD_KEY), ==, server);
  pkio_simulator_clear_faults (simulator);

  pkio_simulator_inject_fault (simulator, "GET", "user/me", PKIO_SIMULATOR_FAULT_RATE_LIMIT, 100);
  busy = g_strconcat (_("CertCentral is receiving too many requests. Wait a minute and try "
                        "again."), "\nToo many requests. Please try again later.", NULL);
  g_assert_cmpstr (try_key (GOOD_KEY), ==, busy);
  pkio_simulator_clear_faults (simulator);

  pkio_simulator_inject_fault (simulator, "GET", "user/me", PKIO_SIMULATOR_FAULT_MALFORMED_JSON, 1);
  assert_shown_text (try_key (GOOD_KEY), "CertCentral sent damaged data. Try again later; if it "
                                         "keeps happening, tell your administrator.");

  assert_stored_key (pkio_simulator_get_base_url (simulator), NULL);
  g_assert_true (welcome_is_shown (window));
}

/* A later start (a new workspace for the same address) finds the key: no welcome page. */
static void
test_key_found_later (void)
{
  PkioWindow *window = main_window ();
  PkioWorkspace *before = pkio_application_get_workspace (app);

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  /* Marked, not compared by address: the new workspace may be made where the freed one was. */
  g_object_set_data (G_OBJECT (before), "test-first-run-before", GINT_TO_POINTER (1));
  pkio_application_set_practice (app, TRUE);
  pkio_application_set_practice (app, FALSE);
  g_assert_null (g_object_get_data (G_OBJECT (pkio_application_get_workspace (app)),
                                    "test-first-run-before"));
  spin_until (workspace_ready, NULL);
  g_assert_false (welcome_is_shown (window));
}

static gboolean
user_is_shown (gpointer row)
{
  return strstr (adw_action_row_get_subtitle (row), "Practice User") != NULL;
}

static gboolean
replace_is_idle (gpointer row)
{
  return gtk_editable_get_editable (row);
}

static gboolean
key_is (gpointer expected_key)
{
  g_autofree char *key = stored_key (pkio_simulator_get_base_url (simulator));

  return g_strcmp0 (key, expected_key) == 0;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_is_open (gpointer unused)
{
  return find_message_dialog () != NULL;
}

static void
test_preferences_replace_and_remove (void)
{
  PkioWindow *window = main_window ();
  PkioPreferencesWindow *preferences;
  AdwPasswordEntryRow *replace_row;

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  spin_until (workspace_ready, NULL);
  preferences = pkio_preferences_window_new (pkio_application_get_settings (app),
                                             pkio_application_get_workspace (app));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  spin_until (user_is_shown, gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                            PKIO_TYPE_PREFERENCES_WINDOW,
                                                            "user_row"));
  replace_row = (AdwPasswordEntryRow *) gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                 PKIO_TYPE_PREFERENCES_WINDOW, "replace_row");

  /* A replacement is checked first: a rejected one changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (replace_row), "rejected-replacement");
  g_signal_emit_by_name (replace_row, "apply");
  spin_until (replace_is_idle, replace_row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (replace_row), "error"));
  assert_stored_key (pkio_simulator_get_base_url (simulator), GOOD_KEY);

  /* CertCentral now knows the new key (an administrator made it): it replaces the old one. */
  pkio_simulator_set_api_key (simulator, GOOD_KEY_2);
  gtk_editable_set_text (GTK_EDITABLE (replace_row), GOOD_KEY_2);
  g_signal_emit_by_name (replace_row, "apply");
  spin_until (key_is, (gpointer) GOOD_KEY_2);
  spin_until (replace_is_idle, replace_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (replace_row)), ==, "");

  /* Remove, after a confirmation: the keyring forgets it, and the window welcomes again. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                        PKIO_TYPE_PREFERENCES_WINDOW,
                                                        "remove_button"), "clicked");
  spin_until (dialog_is_open, NULL);
  adw_message_dialog_response (find_message_dialog (), "remove");
  spin_until (welcome_is_shown, window);
  assert_stored_key (pkio_simulator_get_base_url (simulator), NULL);
  pkio_simulator_set_api_key (simulator, GOOD_KEY);
}

static gboolean
save_unchecked_is_offered (gpointer unused)
{
  return gtk_widget_get_visible (welcome_child ("save_unchecked_button"));
}

/* Without a network the key cannot be checked; the person may save it anyway. */
static void
test_offline_save_unchecked (void)
{
  PkioWindow *window = main_window ();

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  use_address (OFFLINE_URL);
  spin_until (welcome_is_shown, window);
  assert_shown_text (try_key (OFFLINE_KEY),
                     "CertCentral cannot be reached, so the key could not be checked. Check the "
                     "internet connection and try again, or save the key now: it is checked when "
                     "it is first used.");
  g_assert_true (save_unchecked_is_offered (NULL));
  assert_stored_key (OFFLINE_URL, NULL);
  g_signal_emit_by_name (welcome_child ("save_unchecked_button"), "clicked");
  spin_until (order_form_is_shown, window);
  assert_stored_key (OFFLINE_URL, OFFLINE_KEY);

  clear_key (OFFLINE_URL);
  use_address (pkio_simulator_get_base_url (simulator));
}

static gboolean
practice_is_on (gpointer window)
{
  return pkio_workspace_get_practice (pkio_application_get_workspace (app))
         && pkio_window_get_practice_banner_visible (window)
         && !welcome_is_shown (window);
}

/* "Try practice mode" swaps the account without a restart; leaving it comes back here. */
static void
test_practice_and_back (void)
{
  PkioWindow *window = main_window ();

  spin_until (welcome_is_shown, window);
  g_signal_emit_by_name (welcome_child ("practice_button"), "clicked");
  spin_until (practice_is_on, window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "leave-practice", NULL);
  g_assert_false (pkio_workspace_get_practice (pkio_application_get_workspace (app)));
  spin_until (welcome_is_shown, window);
  g_assert_false (pkio_window_get_practice_banner_visible (window));
}

static void
scan_for_keys (const char *dir,
               guint      *n_files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *keys[] = { GOOD_KEY, GOOD_KEY_2, VIEW_ONLY_KEY, OFFLINE_KEY };
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          scan_for_keys (path, n_files);
          continue;
        }
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      (*n_files)++;
      for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
        if (g_strstr_len (contents, length, keys[i]) != NULL)
          g_error ("%s holds an API key in plain text", path);
    }
}

/* After connecting, replacing and removing keys: no file of this session holds one. */
static void
test_no_key_on_disk (void)
{
  /* The test wrapper puts HOME and XDG_* in a folder of their own. */
  const char *dirs[] = { g_get_home_dir (), g_get_user_data_dir (), g_get_user_config_dir (),
                         g_get_user_cache_dir (), g_get_user_state_dir () };
  guint n_files = 0;

  if (g_getenv ("XDG_RUNTIME_DIR") == NULL || strstr (g_get_home_dir (), "pkio-orders-test") == NULL)
    {
      g_test_skip ("Not in the test session's throwaway home: nothing to scan");
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    scan_for_keys (dirs[i], &n_files);
  /* The history and the keyring's own (encrypted) file were written: the scan saw files. */
  g_assert_cmpuint (n_files, >, 0);
}

/* The buttons follow the key field (bindings in pkio-welcome-page.ui): "Connect" and "Save
 * without checking" only with a key typed (spaces are none), "Try practice mode" always while
 * nothing is being checked. */
static void
test_buttons_follow_the_key (void)
{
  PkioWelcomePage *page = g_object_ref_sink (pkio_welcome_page_new ());
  GtkEditable *key = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                  PKIO_TYPE_WELCOME_PAGE,
                                                                  "key_row"));
  GtkWidget *connect = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                  PKIO_TYPE_WELCOME_PAGE,
                                                                  "connect_button"));
  GtkWidget *unchecked = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                    PKIO_TYPE_WELCOME_PAGE,
                                                                    "save_unchecked_button"));
  GtkWidget *practice = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                   PKIO_TYPE_WELCOME_PAGE,
                                                                   "practice_button"));

  g_assert_false (gtk_widget_get_sensitive (connect));
  g_assert_false (gtk_widget_get_sensitive (unchecked));
  g_assert_true (gtk_widget_get_sensitive (practice));
  g_assert_true (gtk_editable_get_editable (key));
  gtk_editable_set_text (key, "   ");
  g_assert_false (gtk_widget_get_sensitive (connect));
  gtk_editable_set_text (key, "a-key");
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_assert_true (gtk_widget_get_sensitive (unchecked));
  pkio_welcome_page_reset (page);
  g_assert_false (gtk_widget_get_sensitive (connect));
  g_assert_true (gtk_widget_get_sensitive (practice));
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Key checks give up within a second and retry at once (the simulator holds a "delay" for
   * 3 s). */
  _pkio_client_set_test_defaults (1000, 5, NULL);

  simulator = pkio_simulator_new ();
  pkio_simulator_set_api_key (simulator, GOOD_KEY);
  pkio_simulator_set_view_only_key (simulator, VIEW_ONLY_KEY);
  g_assert_true (pkio_simulator_start (simulator, &error));

  /* The address comes from the settings, as set in Preferences; not from the environment. */
  g_unsetenv ("PKIO_ORDERS_API_URL");
  app = pkio_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  use_address (pkio_simulator_get_base_url (simulator));

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) store_error = NULL;

    /* Is there a keyring to test with? (And no key left from an earlier run.) */
    pkio_credentials_store_async (pkio_simulator_get_base_url (simulator), "probe", NULL,
                                  result_cb, &result);
    spin_until (has_result, &result);
    keyring_ok = pkio_credentials_store_finish (result, &store_error);
    if (keyring_ok)
      clear_key (pkio_simulator_get_base_url (simulator));
  }

  g_test_add_func ("/first-run/key-check-faults", test_key_check_faults);
  g_test_add_func ("/first-run/buttons-follow-the-key", test_buttons_follow_the_key);
  g_test_add_func ("/first-run/welcome-then-connect", test_welcome_then_connect);
  g_test_add_func ("/first-run/key-found-later", test_key_found_later);
  g_test_add_func ("/first-run/preferences-replace-and-remove",
                   test_preferences_replace_and_remove);
  g_test_add_func ("/first-run/offline-save-unchecked", test_offline_save_unchecked);
  g_test_add_func ("/first-run/practice-and-back", test_practice_and_back);
  g_test_add_func ("/first-run/no-key-on-disk", test_no_key_on_disk);
  status = g_test_run ();
  g_clear_object (&simulator);
  return status;
}
