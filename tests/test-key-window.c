/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "order-test-util.h"
#include "pkio-client-private.h"
#include "pkio-credentials.h"
#include "pkio-banner.h"
#include "pkio-order-review.h"
#include "pkio-preferences-window.h"
#include "pkio-replace-key-dialog.h"
#include "pkio-simulator.h"
#include "ui-test-util.h"

/* Issue 21, in the window: the stored API key is one CertCentral no longer accepts (the
 * simulator accepts only another one). New order and History show "CertCentral no longer
 * accepts this API key" with "Replace key…"; the review does not send and says why, with the
 * same button; an order sent just as the key was revoked (one POST, answered 401) is not
 * "corrected" on the form; no raw code is shown anywhere. Replacing the key through the
 * dialog (a wrong one first) clears it all, and the order goes through. With the session's
 * real keyring, in English and Dutch. */

#define GOOD_KEY    "key-window-good-0001-aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define REVOKED_KEY "key-window-revoked-0002-bbbbbbbbbbbbbbbbbbbbbbbb"
#define OTHER_KEY   "key-window-other-0003-cccccccccccccccccccccccccc"

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

static gboolean
store_key (const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_store_async (pkio_simulator_get_base_url (simulator), key, NULL, result_cb,
                                &result);
  spin_until (has_result, &result);
  return pkio_credentials_store_finish (result, NULL);
}

static char *
stored_key (void)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_credentials_lookup_async (pkio_simulator_get_base_url (simulator), NULL, result_cb,
                                 &result);
  spin_until (has_result, &result);
  return pkio_credentials_lookup_finish (result, NULL);
}

static gboolean
key_rejected (gpointer data)
{
  Fixture *f = data;

  return pkio_workspace_get_key_rejected (f->workspace);
}

static gboolean
key_accepted (gpointer data)
{
  return !key_rejected (data);
}

static gboolean
loaded_with_client (gpointer data)
{
  Fixture *f = data;

  return pkio_workspace_is_loaded (f->workspace) && pkio_workspace_get_client (f->workspace);
}

static gboolean
not_busy (gpointer data)
{
  return !pkio_order_view_is_busy (((Fixture *) data)->view);
}

static gboolean
not_syncing (gpointer data)
{
  return !pkio_workspace_get_syncing (((Fixture *) data)->workspace);
}

static const char *wanted_subtitle;

static gboolean
subtitle_is_wanted (gpointer row)
{
  return g_strcmp0 (adw_action_row_get_subtitle (row), wanted_subtitle) == 0;
}

/* Every text the window (or dialog) shows now, for what must never be in it. */
static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (texts, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)))
    g_string_append_printf (texts, "%s\n",
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static void
assert_plain_words (GtkWidget *root)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  collect_texts (root, texts);
  g_assert_null (strstr (texts->str, "access_denied"));
  g_assert_null (strstr (texts->str, "invalid_api_key"));
  g_assert_null (strstr (texts->str, "|"));
  g_assert_null (strstr (texts->str, expected ("Correct what it", "Verbeter wat")));
}

static PkioBanner *
banner (Fixture *f)
{
  return PKIO_BANNER (gtk_widget_get_template_child (GTK_WIDGET (f->window), PKIO_TYPE_WINDOW,
                                                     "key_banner"));
}

static GtkWidget *
banner_button (Fixture *f)
{
  return pkio_banner_get_button (banner (f));
}

static gboolean
banner_shown (gpointer data)
{
  return pkio_banner_get_revealed (banner (data));
}

static gboolean
banner_hidden (gpointer data)
{
  return !banner_shown (data);
}

static PkioReplaceKeyDialog *
find_replace_dialog (void)
{
  return (PkioReplaceKeyDialog *) find_shown_toplevel (PKIO_TYPE_REPLACE_KEY_DIALOG);
}

static gboolean
replace_dialog_open (gpointer unused)
{
  return find_replace_dialog () != NULL;
}

static gboolean
replace_dialog_closed (gpointer unused)
{
  return find_replace_dialog () == NULL;
}

static gpointer
dialog_child (const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (find_replace_dialog ()),
                                        PKIO_TYPE_REPLACE_KEY_DIALOG, name);
}

static gboolean
dialog_idle (gpointer unused)
{
  return gtk_editable_get_editable (dialog_child ("key_row"));
}

static void
assert_button (GtkWidget  *button,
               const char *label)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, label);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.replace-key");
}

static void
open_key_window (Fixture *f)
{
  f->window = GTK_WINDOW (pkio_window_new (app));
  gtk_window_set_default_size (f->window, 900, 800);
  gtk_window_present (f->window);
  spin_until (widget_is_mapped, f->window);
  f->view = PKIO_ORDER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                            PKIO_TYPE_WINDOW, "order_view"));
  f->form = pkio_order_view_get_form (f->view);
  f->workspace = pkio_order_view_get_workspace (f->view);
  f->simulator = simulator;
  g_assert_false (pkio_workspace_get_practice (f->workspace));
  spin_until (loaded_with_client, f);
}

static guint
posts (void)
{
  return pkio_simulator_count_requests (simulator, "POST", ORDER_PATH);
}

/* ---- the test ---- */

static void
test_key_rejected_window (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  PkioHistoryView *history;
  PkioBanner *error_banner;
  g_autofree char *key = NULL;
  guint before;

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  /* The stored key was revoked: CertCentral (the simulator) accepts another one only. */
  g_assert_true (store_key (REVOKED_KEY));
  open_key_window (f);

  /* The window's first calls (what the account offers, the history's sync) are answered 401:
   * the banner says so, over both views, with "Replace key…". */
  spin_until (key_rejected, f);
  spin_until (banner_shown, f);
  assert_button (banner_button (f), expected ("Replace _key…", "_Sleutel vervangen…"));
  g_assert_true (has_label (GTK_WIDGET (banner (f)),
                            expected ("CertCentral no longer accepts this API key",
                                      "CertCentral accepteert deze API-sleutel niet meer")));
  pkio_window_show_view (PKIO_WINDOW (f->window), "history");
  history = pkio_window_get_history_view (PKIO_WINDOW (f->window));
  spin_until (widget_is_mapped, history);
  spin_until (widget_is_mapped, banner_button (f));
  /* History offers no "Try again", which cannot help. */
  spin_until (not_syncing, f);
  pkio_history_view_refresh (history);
  spin_until (not_syncing, f);
  g_assert_true (key_rejected (f));
  error_banner = PKIO_BANNER (gtk_widget_get_template_child (GTK_WIDGET (history),
                                                             PKIO_TYPE_HISTORY_VIEW,
                                                             "error_banner"));
  g_assert_false (pkio_banner_get_revealed (error_banner));
  assert_plain_words (GTK_WIDGET (f->window));

  /* The review does not send, says why, and offers the same button. */
  pkio_window_show_view (PKIO_WINDOW (f->window), "new-order");
  fill_seed_new_person (f);
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  g_assert_true (gtk_widget_get_visible (review_child (f, "key_box")));
  assert_button (review_child (f, "replace_key_button"),
                 expected ("_Replace key…", "Sleutel _vervangen…"));
  before = posts ();
  /* Whether the action runs or not: nothing may leave. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "order.place", NULL);
  spin_until (not_busy, f);
  spin_for (200);
  g_assert_cmpuint (posts (), ==, before);
  g_assert_true (page_is (f, "review"));
  assert_plain_words (GTK_WIDGET (f->window));

  /* CertCentral takes the key again for a moment (a sync finds it so), then revokes it just
   * before the order goes out: one POST, answered 401, not placed, nothing to correct. */
  pkio_simulator_set_api_key (simulator, REVOKED_KEY);
  pkio_history_view_refresh (history);
  spin_until (key_accepted, f);
  spin_until (not_syncing, f);
  g_assert_false (gtk_widget_get_visible (review_child (f, "key_box")));
  pkio_simulator_set_api_key (simulator, GOOD_KEY);
  activate (f, "order.place");
  spin_until (not_busy, f);
  g_assert_cmpuint (posts (), ==, before + 1);
  g_assert_true (key_rejected (f));
  g_assert_true (page_is (f, "review"));
  g_assert_true (gtk_widget_get_visible (review_child (f, "key_box")));
  g_assert_false (gtk_widget_get_visible (review_child (f, "error_label")));
  assert_plain_words (GTK_WIDGET (f->window));

  /* Replace key…: the checked replacement. A key CertCentral does not know is refused and
   * said under the field; the right one is stored, and everything clears. */
  gtk_widget_activate (review_child (f, "replace_key_button"));
  spin_until (replace_dialog_open, NULL);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child ("key_row")), OTHER_KEY);
  g_assert_true (gtk_widget_get_sensitive (dialog_child ("save_button")));
  g_signal_emit_by_name (dialog_child ("save_button"), "clicked");
  g_assert_false (gtk_editable_get_editable (dialog_child ("key_row")));
  spin_until (dialog_idle, NULL);
  g_assert_true (gtk_widget_get_visible (dialog_child ("message_label")));
  g_assert_true (gtk_widget_has_css_class (dialog_child ("key_row"), "error"));
  key = stored_key ();
  g_assert_cmpstr (key, ==, REVOKED_KEY);
  g_clear_pointer (&key, g_free);
  assert_plain_words (GTK_WIDGET (find_replace_dialog ()));

  gtk_editable_set_text (GTK_EDITABLE (dialog_child ("key_row")), GOOD_KEY);
  g_signal_emit_by_name (dialog_child ("save_button"), "clicked");
  spin_until (replace_dialog_closed, NULL);
  spin_until (key_accepted, f);
  spin_until (banner_hidden, f);
  key = stored_key ();
  g_assert_cmpstr (key, ==, GOOD_KEY);
  g_assert_false (gtk_widget_get_visible (review_child (f, "key_box")));

  /* The order goes through: the same review, "Place order" once. */
  activate (f, "order.place");
  spin_until (on_result_and_idle, f);
  g_assert_cmpuint (posts (), ==, before + 2);
  assert_placed_page (f, pkio_simulator_get_last_order_id (simulator));
  close_all_windows ();
}

/* Preferences says the same of the stored key, and its Replace key is the same flow. */
static void
test_preferences_key_rejected (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  PkioPreferencesWindow *preferences;
  AdwActionRow *user_row;

  if (!keyring_ok)
    {
      g_test_skip ("No usable Secret Service on the session bus");
      return;
    }
  g_assert_true (store_key (REVOKED_KEY));
  pkio_application_set_practice (app, TRUE);
  pkio_application_set_practice (app, FALSE);
  open_key_window (f);
  spin_until (key_rejected, f);
  preferences = pkio_preferences_window_new (pkio_application_get_settings (app), f->workspace);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), f->window);
  gtk_window_present (GTK_WINDOW (preferences));
  user_row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                            PKIO_TYPE_PREFERENCES_WINDOW,
                                                            "user_row"));
  wanted_subtitle = expected ("CertCentral no longer accepts this API key. Replace it with a "
                              "new key from CertCentral (Automation › API keys).",
                              "CertCentral accepteert deze API-sleutel niet meer. Vervang hem "
                              "door een nieuwe sleutel uit CertCentral (Automation › API "
                              "keys).");
  spin_until (subtitle_is_wanted, user_row);
  assert_plain_words (GTK_WIDGET (preferences));
  gtk_window_destroy (GTK_WINDOW (preferences));
  close_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  int status;

  order_test_init (&argc, &argv);
  _pkio_client_set_test_defaults (2000, 5, NULL);

  simulator = pkio_simulator_new ();
  pkio_simulator_set_api_key (simulator, GOOD_KEY);
  g_assert_true (pkio_simulator_start (simulator, &error));

  /* The address comes from the settings, as set in Preferences. */
  g_unsetenv ("PKIO_ORDERS_API_URL");
  app = start_application ();
  g_settings_set_string (pkio_application_get_settings (app), "api-base-url",
                         pkio_simulator_get_base_url (simulator));

  /* Is there a keyring to test with? */
  pkio_credentials_store_async (pkio_simulator_get_base_url (simulator), "probe", NULL,
                                result_cb, &result);
  spin_until (has_result, &result);
  keyring_ok = pkio_credentials_store_finish (result, NULL);

  g_test_add_func ("/key-window/rejected-then-replaced", test_key_rejected_window);
  g_test_add_func ("/key-window/preferences", test_preferences_key_rejected);
  status = g_test_run ();
  if (keyring_ok)
    {
      g_clear_object (&result);
      pkio_credentials_clear_async (pkio_simulator_get_base_url (simulator), NULL, result_cb,
                                    &result);
      spin_until (has_result, &result);
    }
  g_clear_object (&simulator);
  return status;
}
