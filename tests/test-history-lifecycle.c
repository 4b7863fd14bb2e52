/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History after the order: the "Valid until" column, the "Ends soon" and "Ended" filters, the
 * count line, the details' validity, an order waiting for approval, and the warning period of
 * Preferences. Today is fixed by the test (pkio_calendar_set_now ()), for the app and its
 * simulator alike: nothing depends on the day it runs. */
#include "config.h"

#include <string.h>

#include "pkio-history-details.h"
#include "pkio-preferences-window.h"
#include "pkio-revoke-dialog.h"
#include "pkio-history-view-private.h"
#include "pkio-workspace-private.h"
#include "history-view-test-util.h"
#include "ui-test-util.h"

typedef struct
{
  PkioWorkspace   *workspace;
  PkioSimulator   *simulator;
  PkioHistoryView *view;
  GtkWindow       *window;
  GSettings       *settings;
  PkioDay          today;
  gint64           soon;      /* issued, ends in 20 days */
  gint64           later;     /* issued, ends in 75 days */
  gint64           ended;     /* expired 5 days ago */
  gint64           revoked;   /* revoked, its date still ahead */
  gint64           waiting;   /* needs_approval */
} Fixture;

static gboolean
view_settled (gpointer data)
{
  Fixture *fixture = data;
  PkioHistoryStore *store = pkio_workspace_get_store (fixture->workspace);

  return !pkio_history_view_is_syncing (fixture->view)
         && g_list_model_get_n_items (G_LIST_MODEL (store)) == 5
         && pkio_history_store_get_last_sync (store) != 0;
}

static gint64
add_order (Fixture    *fixture,
           const char *first_name,
           const char *status,
           int         days_left)
{
  g_autofree char *email = g_strdup_printf ("%s@example.com", first_name);
  gint64 id = pkio_simulator_add_remote_order (fixture->simulator, email, first_name, "Test",
                                               status, NULL);

  if (days_left != G_MININT)
    g_assert_true (pkio_simulator_set_order_validity (fixture->simulator, id,
                                                      fixture->today + days_left - 365,
                                                      fixture->today + days_left));
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 10, 10, 0, 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_calendar_set_now (now);
  fixture->today = pkio_calendar_today (NULL);
  fresh_data_home ();
  fixture->workspace = pkio_workspace_new (NULL, TRUE);
  _pkio_workspace_set_practice_examples (fixture->workspace, FALSE);
  pkio_workspace_load_async (fixture->workspace, NULL, async_result_cb, NULL);
  result = wait_result ();
  g_assert_true (pkio_workspace_load_finish (fixture->workspace, result, &error));

  fixture->simulator = pkio_workspace_get_simulator (fixture->workspace);
  fixture->soon = add_order (fixture, "Sanne", "issued", 20);
  fixture->later = add_order (fixture, "Lotte", "issued", 75);
  fixture->ended = add_order (fixture, "Eva", "expired", -5);
  fixture->revoked = add_order (fixture, "Ruben", "revoked", 100);
  fixture->waiting = add_order (fixture, "Wim", "needs_approval", G_MININT);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->settings = g_settings_new (APPLICATION_ID);
  fixture->view = pkio_history_view_new (fixture->settings);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  pkio_history_view_set_workspace (fixture->view, fixture->workspace);
  gtk_window_present (fixture->window);
  spin_until (widget_is_mapped, fixture->window);
  spin_until (view_settled, fixture);
  spin_idle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GtkWidget) view = g_object_ref (GTK_WIDGET (fixture->view));

  gtk_window_destroy (fixture->window);
  spin_idle ();
  g_assert_finalize_object (g_steal_pointer (&view));
  g_assert_finalize_object (g_steal_pointer (&fixture->workspace));
  g_settings_reset (fixture->settings, "history-status-filter");
  g_settings_reset (fixture->settings, "expiry-warning-days");
  g_clear_object (&fixture->settings);
  pkio_calendar_set_now (NULL);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (pkio_history_view_get_shown_model (fixture->view));
}

static gint64
shown_order (Fixture *fixture,
             guint    position)
{
  g_autoptr(PkioHistoryRecord) record =
    g_list_model_get_item (pkio_history_view_get_shown_model (fixture->view), position);

  return pkio_history_record_get_order_id (record);
}

static void
select_filter (Fixture         *fixture,
               PkioStatusFilter filter)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (fixture->view, PKIO_TYPE_HISTORY_VIEW,
                                                    "status_dropdown")), filter);
  spin_idle ();
}

static const char *
counts_text (Fixture *fixture)
{
  spin_idle ();
  return gtk_label_get_text (GTK_LABEL (child (fixture->view, PKIO_TYPE_HISTORY_VIEW,
                                               "counts_label")));
}

/* "Ends soon" is an issued certificate within the warning period (60 days unless changed);
 * "Ended" is expired or revoked. The count line says how many end soon. */
static void
test_filters_and_counts (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (child (fixture->view, PKIO_TYPE_HISTORY_VIEW,
                                                "status_dropdown"));
  g_autoptr(GtkStringObject) ends_soon = g_list_model_get_item (gtk_drop_down_get_model (dropdown),
                                                                PKIO_STATUS_FILTER_ENDS_SOON);
  g_autoptr(GtkStringObject) ended = g_list_model_get_item (gtk_drop_down_get_model (dropdown),
                                                            PKIO_STATUS_FILTER_ENDED);
  g_autofree char *remembered = NULL;

  g_assert_cmpstr (gtk_string_object_get_string (ends_soon), ==,
                   expected ("Ends soon", "Verloopt binnenkort"));
  g_assert_cmpstr (gtk_string_object_get_string (ended), ==,
                   expected ("Ended", "Niet meer geldig"));
  g_assert_cmpstr (counts_text (fixture), ==,
                   expected ("5 orders, 1 in progress, 1 ends soon",
                             "5 bestellingen, 1 in behandeling, 1 verloopt binnenkort"));

  select_filter (fixture, PKIO_STATUS_FILTER_ENDS_SOON);
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_cmpint (shown_order (fixture, 0), ==, fixture->soon);
  remembered = g_settings_get_string (fixture->settings, "history-status-filter");
  g_assert_cmpstr (remembered, ==, "ends-soon");

  select_filter (fixture, PKIO_STATUS_FILTER_ENDED);
  g_assert_cmpuint (n_shown (fixture), ==, 2);

  /* A warning period of 90 days takes in the one ending in 75. */
  select_filter (fixture, PKIO_STATUS_FILTER_ENDS_SOON);
  g_settings_set_string (fixture->settings, "expiry-warning-days", "90");
  spin_idle ();
  g_assert_cmpuint (n_shown (fixture), ==, 2);
  g_assert_cmpstr (counts_text (fixture), ==,
                   expected ("2 of 5 orders shown, 1 in progress, 2 end soon",
                             "2 van 5 bestellingen getoond, 1 in behandeling, 2 verlopen "
                             "binnenkort"));
  g_settings_set_string (fixture->settings, "expiry-warning-days", "30");
  spin_idle ();
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  /* The next day counts one day less: 21 days on, the one of 20 has ended. */
  {
    g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 7, 1, 10, 0, 0);

    pkio_calendar_set_now (later);
    _pkio_history_view_update_expiry_window (fixture->view);
    spin_idle ();
    g_assert_cmpuint (n_shown (fixture), ==, 0);
    select_filter (fixture, PKIO_STATUS_FILTER_ENDED);
    g_assert_cmpuint (n_shown (fixture), ==, 3);
  }
}

/* The column sorts by the end date; orders without one come after every date. */
static void
test_valid_until_column (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (child (fixture->view, PKIO_TYPE_HISTORY_VIEW,
                                                       "column_view"));
  GtkColumnViewColumn *column = GTK_COLUMN_VIEW_COLUMN (child (fixture->view,
                                                              PKIO_TYPE_HISTORY_VIEW,
                                                              "valid_until_column"));

  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==,
                   expected ("Valid until", "Geldig tot"));
  gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
  spin_idle ();
  g_assert_cmpuint (n_shown (fixture), ==, 5);
  g_assert_cmpint (shown_order (fixture, 0), ==, fixture->ended);
  g_assert_cmpint (shown_order (fixture, 1), ==, fixture->soon);
  g_assert_cmpint (shown_order (fixture, 2), ==, fixture->later);
  g_assert_cmpint (shown_order (fixture, 3), ==, fixture->revoked);
  g_assert_cmpint (shown_order (fixture, 4), ==, fixture->waiting);
  gtk_column_view_sort_by_column (column_view, column, GTK_SORT_DESCENDING);
  spin_idle ();
  g_assert_cmpint (shown_order (fixture, 1), ==, fixture->revoked);
  g_assert_cmpint (shown_order (fixture, 4), ==, fixture->ended);
}

static const char *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = find_row (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The subtitle of the details' row titled @title, or NULL. */
static const char *
details_row (Fixture    *fixture,
             const char *title)
{
  GtkWidget *details = GTK_WIDGET (child (fixture->view, PKIO_TYPE_HISTORY_VIEW, "details"));

  return find_row (GTK_WIDGET (child (details, PKIO_TYPE_HISTORY_DETAILS, "order_group")), title);
}

static void
show (Fixture *fixture,
      gint64   order_id)
{
  PkioHistoryRecord *record = pkio_history_store_find_by_order_id (
    pkio_workspace_get_store (fixture->workspace), order_id);

  g_assert_true (pkio_history_view_show_record (fixture->view, record));
  spin_idle ();
}

static gboolean
valid_from_shown (gpointer data)
{
  return details_row (data, expected ("Valid from", "Geldig vanaf")) != NULL;
}

/* Valid from, valid until and the days left; waiting for approval in plain words. */
static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *sentence = NULL;

  show (fixture, fixture->soon);
  g_assert_cmpstr (details_row (fixture, expected ("Valid until", "Geldig tot")), ==,
                   expected ("30 Jun 2026", "30 jun 2026"));
  g_assert_cmpstr (details_row (fixture, expected ("Days left", "Dagen over")), ==,
                   expected ("20 days", "20 dagen"));
  /* A list row does not say when validity began; the order's info, read when the person asks
   * for its status, does. */
  g_assert_null (details_row (fixture, expected ("Valid from", "Geldig vanaf")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (child (fixture->view,
                                                                PKIO_TYPE_HISTORY_VIEW,
                                                                "details")),
                                             "details.refresh", NULL));
  spin_until (valid_from_shown, fixture);
  g_assert_cmpstr (details_row (fixture, expected ("Valid from", "Geldig vanaf")), ==,
                   expected ("30 Jun 2025", "30 jun 2025"));

  show (fixture, fixture->ended);
  g_assert_cmpstr (details_row (fixture, expected ("Days left", "Dagen over")), ==,
                   expected ("ended 5 days ago", "5 dagen geleden verlopen"));
  show (fixture, fixture->revoked);
  g_assert_cmpstr (details_row (fixture, expected ("Days left", "Dagen over")), ==,
                   expected ("ended", "niet meer geldig"));

  show (fixture, fixture->waiting);
  g_assert_null (details_row (fixture, expected ("Valid until", "Geldig tot")));
  sentence = g_strdup (details_row (fixture, expected ("Status", "Status")));
  g_assert_true (g_str_has_prefix (sentence, expected ("Waiting for approval by an administrator "
                                                       "of your CertCentral account, since ",
                                                       "Wacht op goedkeuring door een beheerder "
                                                       "van uw CertCentral-account, sinds ")));
}

static gboolean
revoke_dialog_is_mapped (gpointer data)
{
  PkioRevokeDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (PKIO_IS_REVOKE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *dialog = PKIO_REVOKE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
revocation_requested (gpointer record)
{
  return pkio_history_record_get_revoke_state (record) == PKIO_REVOKE_REQUESTED;
}

/* "Revoke certificate…" on an issued certificate only; the dialog names the holder, says it
 * cannot be undone and needs a reason (another reason: with a comment); then one PUT, and the
 * details say the revocation waits for an administrator. */
static void
test_revoke (Fixture       *fixture,
             gconstpointer  data)
{
  PkioHistoryDetails *details = PKIO_HISTORY_DETAILS (child (fixture->view,
                                                             PKIO_TYPE_HISTORY_VIEW, "details"));
  GtkWidget *button = GTK_WIDGET (child (details, PKIO_TYPE_HISTORY_DETAILS, "revoke_button"));
  PkioHistoryRecord *sanne = pkio_history_store_find_by_order_id (
    pkio_workspace_get_store (fixture->workspace), fixture->soon);
  PkioRevokeDialog *dialog = NULL;
  AdwMessageDialog *message;
  const char *sentence;

  show (fixture, fixture->waiting);
  g_assert_false (gtk_widget_get_visible (button));
  show (fixture, fixture->revoked);
  g_assert_false (gtk_widget_get_visible (button));
  show (fixture, fixture->soon);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                   expected ("_Revoke certificate…", "Certificaat _intrekken…"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.revoke", NULL));
  spin_until (revoke_dialog_is_mapped, &dialog);
  message = ADW_MESSAGE_DIALOG (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==,
                   expected ("Revoke this certificate?", "Dit certificaat intrekken?"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Sanne Test"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message),
                            expected ("Revocation cannot be undone.",
                                      "Intrekken kan niet ongedaan worden gemaakt.")));
  /* No reason chosen yet; another reason needs words. */
  g_assert_false (adw_message_dialog_get_response_enabled (message, "revoke"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, PKIO_TYPE_REVOKE_DIALOG,
                                                        "other_check")), TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "revoke"));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, PKIO_TYPE_REVOKE_DIALOG, "comment_entry")),
                         "Token broken");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "revoke"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, PKIO_TYPE_REVOKE_DIALOG,
                                                        "lost_check")), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "revoke"));
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->simulator, "PUT", NULL), ==, 0);

  adw_message_dialog_response (message, "revoke");
  spin_until (revocation_requested, sanne);
  g_assert_cmpuint (pkio_simulator_count_requests (fixture->simulator, "PUT", NULL), ==, 1);
  g_assert_cmpstr (pkio_history_record_get_revoke_reason (sanne), ==, "lost");
  spin_idle ();
  sentence = details_row (fixture, expected ("Status", "Status"));
  g_assert_nonnull (sentence);
  g_assert_true (g_str_has_prefix (sentence, expected ("Revocation requested (request ",
                                                       "Intrekking aangevraagd (verzoek ")));
  g_assert_false (gtk_widget_get_visible (button));
}

/* Preferences: the warning period (30, 60 or 90 days), which History follows at once. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  PkioPreferencesWindow *preferences = pkio_preferences_window_new (fixture->settings,
                                                                     fixture->workspace);
  AdwComboRow *row = ADW_COMBO_ROW (child (preferences, PKIO_TYPE_PREFERENCES_WINDOW,
                                           "expiry_warning_days_row"));
  g_autoptr(GtkStringObject) ninety = g_list_model_get_item (adw_combo_row_get_model (row), 2);
  g_autofree char *stored = NULL;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   expected ("_Warn before a certificate ends",
                             "_Waarschuwen voordat een certificaat verloopt"));
  g_assert_cmpstr (gtk_string_object_get_string (ninety), ==, expected ("90 days", "90 dagen"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  select_filter (fixture, PKIO_STATUS_FILTER_ENDS_SOON);
  g_assert_cmpuint (n_shown (fixture), ==, 1);

  adw_combo_row_set_selected (row, 2);
  spin_idle ();
  stored = g_settings_get_string (fixture->settings, "expiry-warning-days");
  g_assert_cmpstr (stored, ==, "90");
  g_assert_cmpuint (n_shown (fixture), ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int   argc,
      char *argv[])
{
  /* Dates are counted where the person is: here, as on the test machines, UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  history_view_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add ("/history-lifecycle/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("filters-and-counts", test_filters_and_counts);
  ADD ("valid-until-column", test_valid_until_column);
  ADD ("details", test_details);
  ADD ("preferences", test_preferences);
  ADD ("revoke", test_revoke);
#undef ADD

  return g_test_run ();
}
