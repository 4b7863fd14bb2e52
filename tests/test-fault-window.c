/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fault matrix as the window shows it (tests/README.md, "Fault matrix"): for placing an
 * order, syncing the history, one order's status and cancelling, what a person reads for each
 * kind of fault that reads differently: no answer in time, a server error, too many requests,
 * a damaged answer, and an outcome that is not known; and an order refused before it is sent
 * on a full disk and in a read-only data folder (real tmpfs mounts, in a mount namespace of
 * this process). The real window in practice mode, its simulator given the faults; checking a
 * key is in test-first-run.c. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "order-test-util.h"
#include "pkio-banner.h"
#include "pkio-cancel-dialog.h"
#include "pkio-client-private.h"
#include "pkio-history-details.h"
#include "pkio-history-view.h"
#include "mount-test-util.h"
#include "ui-test-util.h"

#define TIMEOUT_MS 1000
#define ORDER_INFO "order/certificate/"

/* What CertCentral (the simulator, in English as CertCentral is) adds to our words. */
#define SIM_500 "\nAn unexpected error occurred."
#define SIM_429 "\nToo many requests. Please try again later."

static gboolean mounts_ok;
static char *mounts_reason;

static char *
with_server_words (const char *ours,
                   const char *theirs)
{
  return g_strconcat (_(ours), theirs, NULL);
}

/* ---- the history view and the details pane of the window ---- */

static PkioHistoryView *
history_view (Fixture *f)
{
  return pkio_window_get_history_view (PKIO_WINDOW (f->window));
}

static GtkWidget *
view_child (Fixture    *f,
            const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (history_view (f)),
                                                   PKIO_TYPE_HISTORY_VIEW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static PkioHistoryDetails *
details (Fixture *f)
{
  return PKIO_HISTORY_DETAILS (view_child (f, "details"));
}

static GtkLabel *
details_error (Fixture *f)
{
  return GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (details (f)),
                                                   PKIO_TYPE_HISTORY_DETAILS, "error_label"));
}

static gboolean
sync_settled (gpointer data)
{
  return !pkio_history_view_is_syncing (history_view (data));
}

/* "Refresh" in History; the text of its error bar, or NULL when there is none. */
static const char *
refresh_history (Fixture *f)
{
  spin_until (sync_settled, f);
  pkio_history_view_refresh (history_view (f));
  g_assert_true (pkio_history_view_is_syncing (history_view (f)));
  spin_until (sync_settled, f);
  spin_idle ();
  if (!pkio_banner_get_revealed (PKIO_BANNER (view_child (f, "error_banner"))))
    return NULL;
  return pkio_banner_get_title (PKIO_BANNER (view_child (f, "error_banner")));
}

static gboolean
label_shown (gpointer label)
{
  return gtk_widget_get_visible (label) && *gtk_label_get_text (label) != '\0';
}

static gboolean
details_error_shown (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (details_error (data)));
}

/* A pending order placed elsewhere, brought into History and shown in the details pane. */
static PkioHistoryRecord *
show_pending_order (Fixture *f)
{
  gint64 id = pkio_simulator_add_remote_order (f->simulator, "dana@example.com", "Dana", "Dekker",
                                               "pending", NULL);
  PkioHistoryRecord *record;

  g_assert_null (refresh_history (f));
  record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (f->workspace), id);
  g_assert_nonnull (record);
  g_assert_true (pkio_history_view_show_record (history_view (f), record));
  spin_idle ();
  return record;
}

/* "Refresh status" of the order shown: the pane's error. */
static const char *
refresh_status (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details (f)), "details.refresh", NULL));
  spin_until (details_error_shown, f);
  return gtk_label_get_text (details_error (f));
}

static void
ask_to_cancel (Fixture *f)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details (f)), "details.cancel", NULL));
  spin_until (dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (
                           GTK_WIDGET (dialog), PKIO_TYPE_CANCEL_DIALOG, "note_entry")),
                         "Ordered twice");
  adw_message_dialog_response (dialog, "cancel-order");
  spin_idle ();
}

static gboolean
record_is_canceled (gpointer record)
{
  return g_strcmp0 (pkio_history_record_get_remote_status (record), "canceled") == 0;
}

/* ---- the tests ---- */

/* Too many requests: said on the review page, not as a mistake in the order; one POST. An
 * unknown outcome that cannot be checked says both. */
static void
test_place_order (Fixture       *f,
                  gconstpointer  data)
{
  GtkLabel *error;
  g_autofree char *busy = NULL;
  g_autofree char *check_failed = NULL;

  fill_seed_new_person (f);
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH,
                               PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1);
  review_and_place (f);
  error = GTK_LABEL (review_child (f, "error_label"));
  spin_until (label_shown, error);
  busy = with_server_words ("CertCentral is receiving too many requests; the order was not "
                            "placed. Wait a minute and try again.", SIM_429);
  g_assert_true (page_is (f, "review"));
  g_assert_cmpstr (gtk_label_get_text (error), ==, busy);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (form_child (f, "server_group"))));
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);

  /* A server error on the order, and the check asks a server in trouble too. */
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH,
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 100);
  activate (f, "order.place");
  spin_until (on_result_and_idle, f);
  pkio_simulator_clear_faults (f->simulator);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 2);
  g_assert_cmpstr (outcome_title (f), ==, _("The outcome is still not known"));
  {
    g_autofree char *reason = with_server_words ("CertCentral has a problem at the moment. "
                                                 "Try again later.", SIM_500);

    check_failed = g_strdup_printf (_("The order may or may not have been placed, and "
                                      "CertCentral could not be asked:\n%s\nDo not order again "
                                      "before a check has found out."), reason);
  }
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (outcome_child (f, "status_page"))),
                   ==, check_failed);
  g_assert_true (gtk_widget_get_visible (outcome_child (f, "check_again_button")));
  g_assert_false (gtk_widget_get_visible (outcome_child (f, "send_again_button")));
  /* Nothing was sent again by itself. */
  spin_for (100);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 2);
}

/* The error bar of History, for each kind of fault. */
static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *server = NULL;
  g_autofree char *busy = NULL;
  g_autofree char *server_text = with_server_words ("CertCentral has a problem at the moment. "
                                                    "Try again later.", SIM_500);
  g_autofree char *busy_text = with_server_words ("CertCentral is receiving too many requests. "
                                                  "Wait a minute and try again.", SIM_429);
  const char *offline = _("CertCentral cannot be reached. The list shows the orders as they "
                          "were at the last update; check the internet connection and try "
                          "again.");

  /* The Dutch run shows the Dutch words. */
  if (expect_dutch ())
    g_assert_null (strstr (offline, "CertCentral cannot be reached"));

  /* A first sync has been made by the window: this one asks for status changes. */
  pkio_simulator_set_fault_delay (f->simulator, TIMEOUT_MS + 1000);
  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_DELAY, 1);
  g_assert_cmpstr (refresh_history (f), ==, offline);

  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 100);
  server = g_strdup_printf (_("The history could not be updated.\n%s"), server_text);
  g_assert_cmpstr (refresh_history (f), ==, server);
  pkio_simulator_clear_faults (f->simulator);

  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_RATE_LIMIT, 100);
  busy = g_strdup_printf (_("The history could not be updated.\n%s"), busy_text);
  g_assert_cmpstr (refresh_history (f), ==, busy);
  pkio_simulator_clear_faults (f->simulator);

  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_MALFORMED_JSON, 1);
  {
    g_autofree char *damaged = g_strdup_printf (_("The history could not be updated.\n%s"),
                                                _("CertCentral sent damaged data. Try again "
                                                  "later; if it keeps happening, tell your "
                                                  "administrator."));

    g_assert_cmpstr (refresh_history (f), ==, damaged);
  }
  /* Over: the bar goes. */
  g_assert_null (refresh_history (f));
}

/* "Refresh status" in the details pane. */
static void
test_order_status (Fixture       *f,
                   gconstpointer  data)
{
  PkioHistoryRecord *record = show_pending_order (f);
  g_autofree char *path = g_strdup_printf (ORDER_INFO "%" G_GINT64_FORMAT,
                                           pkio_history_record_get_order_id (record));
  g_autofree char *server = with_server_words ("CertCentral has a problem at the moment. Try "
                                               "again later.", SIM_500);
  g_autofree char *busy = with_server_words ("CertCentral is receiving too many requests. Wait "
                                             "a minute and try again.", SIM_429);

  pkio_simulator_set_fault_delay (f->simulator, TIMEOUT_MS + 1000);
  pkio_simulator_inject_fault (f->simulator, "GET", path, PKIO_SIMULATOR_FAULT_DELAY, 1);
  g_assert_cmpstr (refresh_status (f), ==, _("CertCentral did not answer in time. Check your "
                                             "internet connection and try again."));
  pkio_simulator_inject_fault (f->simulator, "GET", path, PKIO_SIMULATOR_FAULT_SERVER_ERROR, 100);
  g_assert_cmpstr (refresh_status (f), ==, server);
  pkio_simulator_clear_faults (f->simulator);
  pkio_simulator_inject_fault (f->simulator, "GET", path, PKIO_SIMULATOR_FAULT_RATE_LIMIT, 100);
  g_assert_cmpstr (refresh_status (f), ==, busy);
  pkio_simulator_clear_faults (f->simulator);
  pkio_simulator_inject_fault (f->simulator, "GET", path, PKIO_SIMULATOR_FAULT_WRONG_TYPES, 1);
  g_assert_cmpstr (refresh_status (f), ==, _("CertCentral sent an answer in an unexpected form. "
                                             "The app may need an update; if it keeps "
                                             "happening, tell your administrator."));
}

/* Cancel: an unknown outcome is said as such (asked once what became of it), too many
 * requests as not canceled, an answer lost after CertCentral canceled as canceled. One PUT
 * each. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  PkioHistoryRecord *record = show_pending_order (f);
  gint64 id = pkio_history_record_get_order_id (record);
  g_autofree char *busy = with_server_words ("CertCentral is receiving too many requests. Wait "
                                             "a minute and try again.", SIM_429);

  pkio_simulator_inject_fault (f->simulator, "PUT", NULL, PKIO_SIMULATOR_FAULT_DROP_BEFORE_BODY,
                               1);
  ask_to_cancel (f);
  spin_until (details_error_shown, f);
  g_assert_cmpstr (gtk_label_get_text (details_error (f)), ==,
                   _("The connection to CertCentral ended before it answered, so the order may "
                     "or may not have been canceled. Check its status in a minute before you "
                     "cancel it again."));
  if (expect_dutch ())
    g_assert_nonnull (strstr (gtk_label_get_text (details_error (f)), "geannuleerd"));
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "PUT", NULL), ==, 1);
  g_assert_cmpstr (pkio_simulator_get_order_status (f->simulator, id), ==, "pending");
  g_assert_cmpstr (pkio_history_record_get_remote_status (record), ==, "pending");

  pkio_simulator_inject_fault (f->simulator, "PUT", NULL, PKIO_SIMULATOR_FAULT_RATE_LIMIT, 1);
  ask_to_cancel (f);
  spin_until (details_error_shown, f);
  g_assert_cmpstr (gtk_label_get_text (details_error (f)), ==, busy);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "PUT", NULL), ==, 2);

  pkio_simulator_inject_fault (f->simulator, "PUT", NULL, PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY,
                               1);
  ask_to_cancel (f);
  spin_until (record_is_canceled, record);
  spin_idle ();
  g_assert_false (details_error_shown (f));
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "PUT", NULL), ==, 3);
  g_assert_cmpstr (pkio_simulator_get_order_status (f->simulator, id), ==, "canceled");
}

static gboolean
review_error_shown (gpointer data)
{
  return label_shown (review_child (data, "error_label"));
}

static const char *
place_refused (Fixture *f)
{
  fill_seed_new_person (f);
  review_and_place (f);
  spin_until (review_error_shown, f);
  g_assert_true (page_is (f, "review"));
  g_assert_false (pkio_order_view_is_busy (f->view));
  if (f->simulator != NULL)
    g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 0);
  return gtk_label_get_text (GTK_LABEL (review_child (f, "error_label")));
}

/* The data folder is a tmpfs here: filled up while the window is open, the order cannot be
 * journaled and is not sent. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *filler = NULL;
  g_autofree char *refused = NULL;

  if (!mounts_ok)
    {
      g_test_skip (mounts_reason);
      return;
    }
  filler = mount_test_fill (data_home);
  refused = g_strdup_printf (_("The order was not sent: it could not be written to the order "
                               "history first.\n%s"),
                             _("The disk is full, so the order history could not be saved. "
                               "Free up some disk space, then try again."));
  g_assert_cmpstr (place_refused (f), ==, refused);
  g_assert_cmpint (g_remove (filler), ==, 0);
}

static gboolean
load_settled (gpointer workspace)
{
  return pkio_workspace_get_state (workspace) != PKIO_WORKSPACE_STATE_LOADING;
}

/* A read-only data folder: the history cannot be opened, and "Place order" says so. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = g_build_filename (data_home, DATA_DIR_NAME, NULL);
  g_autofree char *refused = NULL;
  Fixture fixture = { 0 };
  Fixture *f = &fixture;

  if (!mounts_ok)
    {
      g_test_skip (mounts_reason);
      return;
    }
  close_all_windows ();
  remove_tree (dir);
  mount_test_tmpfs (dir, "1m");
  mount_test_read_only (dir);
  pkio_application_set_practice (app, FALSE);
  pkio_application_set_practice (app, TRUE);

  f->window = GTK_WINDOW (pkio_window_new (app));
  gtk_window_present (f->window);
  spin_until (widget_is_mapped, f->window);
  f->view = PKIO_ORDER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                            PKIO_TYPE_WINDOW, "order_view"));
  f->form = pkio_order_view_get_form (f->view);
  f->workspace = pkio_order_view_get_workspace (f->view);
  spin_until (load_settled, f->workspace);
  g_assert_cmpint (pkio_workspace_get_state (f->workspace), ==, PKIO_WORKSPACE_STATE_FAILED);
  f->simulator = pkio_workspace_get_simulator (f->workspace);

  refused = g_strdup_printf (_("The order was not sent: it could not be written to the order "
                               "history first.\n%s"), pkio_workspace_get_state_message (f->workspace));
  g_assert_cmpstr (place_refused (f), ==, refused);
  g_test_message ("%s", refused);
  g_assert_nonnull (strstr (refused, dir));

  close_all_windows ();
  mount_test_unmount (dir);
}

int
main (int   argc,
      char *argv[])
{
  mounts_ok = mount_test_private_namespace (&mounts_reason);
  order_test_init (&argc, &argv);
  /* The data folder on a tmpfs of its own, to be filled (before anything opens it). */
  if (mounts_ok)
    mount_test_tmpfs (data_home, "32m");
  /* The window's clients give up quickly and retry at once. */
  _pkio_client_set_test_defaults (TIMEOUT_MS, 5, NULL);

#define ADD(name, func) g_test_add ("/fault-window/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("place-order", test_place_order);
  ADD ("sync", test_sync);
  ADD ("order-status", test_order_status);
  ADD ("cancel", test_cancel);
  ADD ("disk-full", test_disk_full);
#undef ADD
  g_test_add_func ("/fault-window/read-only-folder", test_read_only_folder);

  return order_test_run ();
}
