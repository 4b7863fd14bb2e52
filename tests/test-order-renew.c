/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Order a new certificate" (issue 19, renewal) in the real window, in practice mode: History
 * fills New order for the same holder, the review says which order it replaces, the duplicate
 * check does not count that order (issue 20), the body sent is the order as typed (never
 * renewal_of_order_id), and the history links the two orders both ways. */
#include "config.h"

#include <string.h>

#include "order-test-util.h"
#include "pkio-calendar.h"
#include "pkio-history-details.h"
#include "pkio-order-notifier.h"
#include "ui-test-util.h"

typedef struct
{
  gboolean done;
} Wait;

/* No desktop here: "Certificate issued" and "ends soon" would go nowhere (test-notify.c checks
 * what they say). */
static void
keep_notice (GApplication          *application,
             const PkioOrderNotice *notice,
             gpointer               user_data)
{
  g_test_message ("notification: %s", notice->id);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  pkio_order_notifier_set_sender (pkio_application_get_notifier (app), keep_notice, NULL);
  fixture_set_up (f, data);
}

/* "Order again" and "Order a new certificate" show the form once it is filled. */
static gboolean
shows_new_order (gpointer window)
{
  return g_strcmp0 (pkio_window_get_visible_view (PKIO_WINDOW (window)), "new-order") == 0;
}

static gboolean
examples_read (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (pkio_workspace_get_store (f->workspace))) >= 5;
}

/* As fixture_set_up (), with practice mode's example orders: one ends in 20 days, one has
 * ended. */
static void
set_up_with_examples (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, DATA_DIR_NAME, NULL);

  pkio_order_notifier_set_sender (pkio_application_get_notifier (app), keep_notice, NULL);
  close_all_windows ();
  remove_tree (dir);
  pkio_application_set_practice (app, FALSE);
  pkio_application_set_practice (app, TRUE);
  /* open_window () without its wait for a first sync: with the examples in it, the history
   * was used, and practice mode leaves it as it is. */
  f->window = GTK_WINDOW (pkio_window_new (app));
  gtk_window_set_default_size (f->window, 900, 800);
  gtk_window_present (f->window);
  spin_until (widget_is_mapped, f->window);
  f->view = PKIO_ORDER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                            PKIO_TYPE_WINDOW, "order_view"));
  f->form = pkio_order_view_get_form (f->view);
  f->workspace = pkio_order_view_get_workspace (f->view);
  spin_until (view_ready, f);
  spin_until (examples_read, f);
  /* With orders in it, the window opens on History; the form is built when first shown. */
  pkio_window_show_view (PKIO_WINDOW (f->window), "new-order");
  spin_until ((gboolean (*) (gpointer)) pkio_order_view_is_settled, f->view);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(PkioRemoteOrder) order = pkio_workspace_fetch_order_finish (PKIO_WORKSPACE (source),
                                                                        result, &store_error,
                                                                        &error);

  g_assert_no_error (error);
  g_assert_no_error (store_error);
  g_assert_nonnull (order);
  wait->done = TRUE;
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

/* CertCentral issued @order_id's certificate, which ends in 20 days, and this computer read it
 * (order info, as opening the order does). */
static void
issue_ending_soon (Fixture *f,
                   gint64   order_id)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  PkioDay today = pkio_calendar_today (local);
  Wait wait = { FALSE };

  g_assert_true (pkio_simulator_set_order_status (f->simulator, order_id, "issued"));
  g_assert_true (pkio_simulator_set_order_validity (f->simulator, order_id, today - 3 * 365 + 20,
                                                    today + 20));
  pkio_workspace_fetch_order_async (f->workspace, order_id, NULL, fetched_cb, &wait);
  spin_until (wait_done, &wait);
}

static PkioHistoryDetails *
details_of (Fixture *f)
{
  PkioHistoryView *history = pkio_window_get_history_view (PKIO_WINDOW (f->window));

  return PKIO_HISTORY_DETAILS (gtk_widget_get_template_child (GTK_WIDGET (history),
                                                              PKIO_TYPE_HISTORY_VIEW, "details"));
}

static GtkWidget *
details_button (Fixture    *f,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (details_of (f)),
                                                    PKIO_TYPE_HISTORY_DETAILS, name));
}

/* The subtitle of the details' row titled @title, or NULL when there is none. */
static const char *
row_value (GtkWidget  *widget,
           const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *value = row_value (child, title);

      if (value != NULL)
        return value;
    }
  return NULL;
}

static PkioHistoryRecord *
show_in_details (Fixture *f,
                 gint64   order_id)
{
  PkioHistoryRecord *record =
    pkio_history_store_find_by_order_id (pkio_workspace_get_store (f->workspace), order_id);

  g_assert_nonnull (record);
  pkio_window_show_view (PKIO_WINDOW (f->window), "history");
  pkio_history_details_set_record (details_of (f), record);
  spin_idle ();
  return record;
}

static gboolean
duplicate_shown (Fixture *f)
{
  return gtk_widget_get_visible (review_child (f, "duplicate_box"));
}

static void
test_renew_placed_here (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *replaces_title = NULL;
  PkioHistoryRecord *old_record;
  PkioHistoryRecord *new_record;
  GtkWidget *renew;
  gint64 old_id;
  gint64 new_id;

  fill_seed_new_person (f);
  review_and_place (f);
  spin_until (on_result_and_idle, f);
  old_id = last_order_id (f);
  old_text = g_strdup_printf ("%" G_GINT64_FORMAT, old_id);
  issue_ending_soon (f, old_id);
  /* CertCentral now says it lasts another 400 days (as after a reissue this computer has not
   * read yet): by the duplicate rule it is a certificate the holder has, so only the
   * renewal's link keeps its own predecessor from counting. */
  {
    g_autoptr(GTimeZone) local = g_time_zone_new_local ();
    PkioDay today = pkio_calendar_today (local);

    g_assert_true (pkio_simulator_set_order_validity (f->simulator, old_id, today - 300,
                                                      today + 400));
  }

  /* Another order for John Doe, not a renewal: his certificate counts. */
  old_record = show_in_details (f, old_id);
  g_signal_emit_by_name (details_button (f, "again_button"), "clicked");
  /* The request is read from the history's database first (issue 24). */
  spin_until (shows_new_order, f->window);
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (f->window)), ==, "new-order");
  g_assert_false (pkio_order_form_get_renewal_shown (f->form));
  check (f, "csa_check", TRUE);
  activate (f, "order.review");
  wait_duplicate_checked (f);
  g_assert_true (duplicate_shown (f));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (review_child (f, "duplicate_label"))),
                            old_text));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (review_child (f, "place_label"))), ==,
                   expected ("_Order anyway", "Toch _bestellen"));
  activate (f, "order.new");

  /* "Order a new certificate" on the certificate that ends in 20 days. */
  old_record = show_in_details (f, old_id);
  renew = details_button (f, "renew_button");
  g_assert_true (gtk_widget_get_visible (renew));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (renew)), ==,
                   expected ("Order a _new certificate", "Nieuw certificaat _bestellen"));
  g_signal_emit_by_name (renew, "clicked");
  /* The request is read from the history's database first (issue 24). */
  spin_until (shows_new_order, f->window);
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (f->window)), ==, "new-order");
  g_assert_true (page_is (f, "form"));
  g_assert_true (pkio_order_form_get_renewal_shown (f->form));
  /* The same holder, profile, signature and shipping; the agreement is asked for again. */
  g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "John");
  g_assert_cmpstr (field_text (f, "certificate.individual.email"), ==, "john.doe@example.com");
  g_assert_cmpstr (field_text (f, "ship_info.addr2"), ==, "Suite 20");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "profile_encryption_check"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "csa_check"))));

  /* The review says which order it replaces, and finds no duplicate: the predecessor is not
   * one. */
  check (f, "csa_check", TRUE);
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  replaces_title = g_strconcat (expected ("Replaces order ", "Vervangt bestelling "), old_text,
                                NULL);
  g_assert_true (has_label (review_child (f, "groups_box"), replaces_title));
  wait_duplicate_checked (f);
  g_assert_false (duplicate_shown (f));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (review_child (f, "place_label"))), ==,
                   expected ("_Place order", "Bestelling _plaatsen"));
  activate (f, "order.place");
  spin_until (on_result_and_idle, f);

  /* Sent exactly as the first order: CertCentral is never told of the renewal. */
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 2);
  assert_json_equal (g_ptr_array_index (posts, 1), seed_new_person);
  new_id = last_order_id (f);
  g_assert_cmpint (new_id, >, old_id);
  new_text = g_strdup_printf ("%" G_GINT64_FORMAT, new_id);

  /* The history links them both ways, and the old one is offered for renewal no more. */
  new_record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (f->workspace),
                                                    new_id);
  g_assert_nonnull (new_record);
  g_assert_cmpint (pkio_history_record_get_replaces_order_id (new_record), ==, old_id);
  g_assert_cmpint (pkio_history_record_get_replaced_by_order_id (old_record), ==, new_id);
  show_in_details (f, new_id);
  g_assert_cmpstr (row_value (GTK_WIDGET (details_of (f)),
                              expected ("Replaces order", "Vervangt bestelling")), ==, old_text);
  show_in_details (f, old_id);
  g_assert_cmpstr (row_value (GTK_WIDGET (details_of (f)),
                              expected ("Replaced by order", "Vervangen door bestelling")), ==,
                   new_text);
  g_assert_false (gtk_widget_get_visible (details_button (f, "renew_button")));
}

static PkioHistoryRecord *
find_by_name (Fixture    *f,
              const char *name)
{
  GListModel *records = G_LIST_MODEL (pkio_workspace_get_store (f->workspace));

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      if (g_strcmp0 (pkio_history_record_get_holder_name (record), name) == 0)
        return record;
    }
  g_assert_not_reached ();
}

/* Practice mode's examples were placed elsewhere: no stored request, the holder as CertCentral
 * named them. */
static void
test_renew_placed_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  PkioHistoryRecord *ending = find_by_name (f, "Lars Visser");
  PkioHistoryRecord *ended = find_by_name (f, "Emma Smit");
  PkioHistoryRecord *valid = find_by_name (f, "Anna de Vries");
  g_autofree char *replaces_title = NULL;

  show_in_details (f, pkio_history_record_get_order_id (valid));
  g_assert_false (gtk_widget_get_visible (details_button (f, "renew_button")));
  show_in_details (f, pkio_history_record_get_order_id (ended));
  g_assert_true (gtk_widget_get_visible (details_button (f, "renew_button")));

  show_in_details (f, pkio_history_record_get_order_id (ending));
  g_assert_true (gtk_widget_get_visible (details_button (f, "renew_button")));
  g_signal_emit_by_name (details_button (f, "renew_button"), "clicked");
  /* The request is read from the history's database first (issue 24). */
  spin_until (shows_new_order, f->window);
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (f->window)), ==, "new-order");
  g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "Lars");
  g_assert_cmpstr (field_text (f, "certificate.individual.last_name"), ==, "Visser");
  g_assert_cmpstr (field_text (f, "certificate.individual.email"), ==, "lars.visser@example.nl");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "csa_check"))));

  /* Typed to the end (the address CertCentral did not give), the review names the order. */
  set_field (f, "certificate.individual.telephone", "+31 20 123 4567");
  set_field (f, "certificate.individual.city", "Utrecht");
  set_field (f, "certificate.individual.state", "Utrecht");
  set_field (f, "certificate.individual.zip", "3511 AA");
  fill_delivery (f);
  check (f, "csa_check", TRUE);
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               pkio_history_record_get_order_id (ending));

    replaces_title = g_strconcat (expected ("Replaces order ", "Vervangt bestelling "), number,
                                  NULL);
    g_assert_true (has_label (review_child (f, "groups_box"), replaces_title));
  }
  wait_duplicate_checked (f);
  activate (f, "order.back");
}

/* The renewal's banner at the top of the form, and its text. */
static GtkWidget *
renewal_banner (Fixture *f)
{
  return GTK_WIDGET (form_child (f, "renewal_banner"));
}

/* The form says at its top that it renews an order: which one, for whom, until when, and what
 * becomes of the old certificate; as an alert a screen reader can find. Starting a new order
 * takes it away ("Another order" not being a renewal never shows it: placed-here). */
static void
test_renewal_said_on_form (Fixture       *f,
                           gconstpointer  data)
{
  PkioHistoryRecord *ending = find_by_name (f, "Lars Visser");
  PkioHistoryRecord *ended = find_by_name (f, "Emma Smit");
  g_autofree char *ending_number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    pkio_history_record_get_order_id (ending));
  g_autofree char *ended_number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   pkio_history_record_get_order_id (ended));
  g_autofree char *start = NULL;
  const char *text;
  GtkWidget *label;

  g_assert_false (pkio_order_form_get_renewal_shown (f->form));
  g_assert_false (gtk_widget_get_visible (renewal_banner (f)));

  show_in_details (f, pkio_history_record_get_order_id (ending));
  g_signal_emit_by_name (details_button (f, "renew_button"), "clicked");
  spin_idle ();
  g_assert_true (page_is (f, "form"));
  g_assert_true (pkio_order_form_get_renewal_shown (f->form));
  g_assert_true (gtk_widget_get_mapped (renewal_banner (f)));
  text = pkio_order_form_get_renewal_text (f->form);
  start = g_strconcat (expected ("Renewal: this order replaces order ",
                                 "Vernieuwing: deze bestelling vervangt bestelling "),
                       ending_number,
                       expected (" (Lars Visser, valid until ", " (Lars Visser, geldig tot "),
                       NULL);
  g_assert_true (g_str_has_prefix (text, start));
  g_assert_nonnull (strstr (text, expected ("The old certificate is not revoked",
                                            "Het oude certificaat wordt niet ingetrokken")));
  /* What a screen reader finds: the text, as an alert (PkioBanner's title). */
  label = gtk_widget_get_first_child (gtk_widget_get_first_child (
    gtk_widget_get_first_child (renewal_banner (f))));
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);

  /* It stays while the person fills the form in. */
  set_field (f, "certificate.individual.city", "Utrecht");
  g_assert_true (pkio_order_form_get_renewal_shown (f->form));

  /* A new order: no renewal any more. */
  activate (f, "order.new");
  g_assert_false (pkio_order_form_get_renewal_shown (f->form));
  g_assert_false (gtk_widget_get_visible (renewal_banner (f)));

  /* A certificate that has ended says so. */
  show_in_details (f, pkio_history_record_get_order_id (ended));
  g_signal_emit_by_name (details_button (f, "renew_button"), "clicked");
  spin_idle ();
  g_clear_pointer (&start, g_free);
  start = g_strconcat (expected ("Renewal: this order replaces order ",
                                 "Vernieuwing: deze bestelling vervangt bestelling "),
                       ended_number,
                       expected (" (Emma Smit, ended on ", " (Emma Smit, verlopen op "), NULL);
  g_assert_true (g_str_has_prefix (pkio_order_form_get_renewal_text (f->form), start));
}

int
main (int   argc,
      char *argv[])
{
  order_test_init (&argc, &argv);
#define ADD(name, func) g_test_add ("/order-renew/" name, Fixture, NULL, set_up, func, \
                                    fixture_tear_down)
  ADD ("placed-here", test_renew_placed_here);
  g_test_add ("/order-renew/placed-elsewhere", Fixture, NULL, set_up_with_examples,
              test_renew_placed_elsewhere, fixture_tear_down);
  g_test_add ("/order-renew/said-on-form", Fixture, NULL, set_up_with_examples,
              test_renewal_said_on_form, fixture_tear_down);
#undef ADD

  return order_test_run ();
}
