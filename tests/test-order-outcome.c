/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "New order" view in the real window, in practice mode: what came of "Place order" when
 * CertCentral refused, when the outcome is not known, and when it was asked for twice. */
#include "config.h"

#include <string.h>

#include "order-test-util.h"
#include "pkio-custom-fields.h"
#include "pkio-order-draft.h"
#include "pkio-order-view-private.h"
#include "ui-test-util.h"

/* Lists before the order was sent: the review's duplicate check (issue 20) asks too. */
static guint lists_before_sending;

static void
review_wait_and_place (Fixture *f)
{
  activate (f, "order.review");
  wait_duplicate_checked (f);
  lists_before_sending = pkio_simulator_count_requests (f->simulator, "GET",
                                                        "order/certificate");
  activate (f, "order.place");
}

static void
test_rejected_at_field (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *server = GTK_WIDGET (form_child (f, "server_group"));

  fill_seed_known_person (f);
  set_field (f, "certificate.individual.id", "99");   /* no such individual */
  review_and_place (f);
  spin_until (on_form_and_idle, f);

  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 0);
  g_assert_true (gtk_widget_get_visible (server));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (server)), ==,
                   expected ("CertCentral did not accept the order",
                             "CertCentral heeft de bestelling niet aangenomen"));
  /* The simulator speaks English, as CertCentral does. */
  g_assert_cmpstr (pkio_order_form_get_shown_problem (f->form, "certificate.individual.id"), ==,
                   "No individual with this id exists in the account.");
  /* Nothing typed is lost. */
  g_assert_cmpstr (field_text (f, "certificate.individual.id"), ==, "99");
  g_assert_cmpstr (field_text (f, "ship_info.addr1"), ==, "813 Lincoln Street");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "csa_check"))));

  /* Corrected, it goes through. */
  set_field (f, "certificate.individual.id", "21");
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "certificate.individual.id"));
  review_and_place (f);
  spin_until (on_result_and_idle, f);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  assert_placed_page (f, last_order_id (f));
}


static void
test_unknown_then_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *draft_path = pkio_order_draft_path_for (TRUE);

  fill_seed_new_person (f);
  /* CertCentral takes the order, but the answer never arrives. */
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH,
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  review_wait_and_place (f);
  spin_until (on_result_and_idle, f);

  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  /* The check asked CertCentral's order list, and found it. */
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "GET", "order/certificate"), >,
                    lists_before_sending);
  assert_placed_page (f, last_order_id (f));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (outcome_child (f, "status_page"))),
                   ==, expected ("CertCentral did receive the order after all: it was placed once.",
                                 "CertCentral heeft de bestelling toch ontvangen: ze is één keer geplaatst."));
  g_assert_false (gtk_widget_get_visible (outcome_child (f, "send_again_button")));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
}

static void
test_unknown_then_not_found (Fixture       *f,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;

  fill_seed_new_person (f);
  /* A server error: the order was not taken, but the app cannot know that. */
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH,
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
  review_wait_and_place (f);
  spin_until (on_result_and_idle, f);

  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 0);
  /* It looked twice before it said so. */
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "GET", "order/certificate"), >=,
                    lists_before_sending + 2);
  g_assert_cmpstr (outcome_title (f), ==,
                   expected ("The order was most likely not placed",
                             "De bestelling is waarschijnlijk niet geplaatst"));
  g_assert_true (gtk_widget_get_visible (outcome_child (f, "send_again_button")));
  /* Nothing was sent again by itself. */
  spin_for (200);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);

  /* "Send again" asks first; cancelling sends nothing. */
  activate (f, "order.send-again");
  spin_until (dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   expected ("Send the order again?", "De bestelling opnieuw verzenden?"));
  adw_message_dialog_response (dialog, "cancel");
  spin_idle ();
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);

  activate (f, "order.send-again");
  spin_until (dialog_shown, NULL);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog ()), "send");
  spin_until (on_result_and_idle, f);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 2);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  assert_placed_page (f, last_order_id (f));
}

static gboolean
listed_once (gpointer data)
{
  Fixture *f = data;

  return pkio_simulator_count_requests (f->simulator, "GET", "order/certificate")
         > lists_before_sending;
}

/* CertCentral holds the order past our timeout and stores it only after the first check has
 * looked: the second look finds it, and nothing invites the person to pay twice meanwhile. */
static void
test_unknown_then_found_later (Fixture       *f,
                               gconstpointer  data)
{
  guint first_look;

  _pkio_order_view_set_recheck_delay (1500);
  fill_seed_new_person (f);
  pkio_client_set_timeout (pkio_workspace_get_client (f->workspace), 800);
  pkio_simulator_set_fault_delay (f->simulator, 1500);
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH, PKIO_SIMULATOR_FAULT_DELAY, 1);
  review_wait_and_place (f);
  spin_until (listed_once, f);
  spin_for (300);
  first_look = pkio_simulator_count_requests (f->simulator, "GET", "order/certificate");
  /* The first look found nothing: still checking, and nothing can be sent again. */
  g_assert_true (page_is (f, "outcome"));
  g_assert_true (pkio_order_view_is_busy (f->view));
  g_assert_false (gtk_widget_get_visible (outcome_child (f, "send_again_button")));
  g_assert_cmpstr (outcome_title (f), ==,
                   expected ("The outcome is not known", "Het resultaat is onbekend"));

  spin_until (on_result_and_idle, f);
  _pkio_order_view_set_recheck_delay (200);

  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "GET", "order/certificate"), >,
                    first_look);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  assert_placed_page (f, last_order_id (f));
  g_assert_false (gtk_widget_get_visible (outcome_child (f, "send_again_button")));
}

static void
test_double_activation (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *place;

  fill_seed_new_person (f);
  /* The answer takes a while, as over a slow line. */
  pkio_simulator_set_fault_delay (f->simulator, 600);
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH, PKIO_SIMULATOR_FAULT_DELAY, 1);
  activate (f, "order.review");
  wait_duplicate_checked (f);
  place = review_child (f, "place_button");

  /* A double click, a second Enter, and the action once more. */
  g_signal_emit_by_name (place, "clicked");
  g_signal_emit_by_name (place, "clicked");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "order.place", NULL);
  spin_for (150);
  g_assert_true (pkio_order_view_is_busy (f->view));
  g_assert_false (gtk_widget_get_sensitive (place));
  g_assert_false (gtk_widget_get_sensitive (review_child (f, "back_button")));
  gtk_widget_activate (place);
  g_signal_emit_by_name (place, "clicked");

  spin_until (on_result_and_idle, f);
  spin_for (200);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
}

static gboolean
has_cost_centre_row (gpointer data)
{
  Fixture *f = data;

  return pkio_order_form_get_field_row (f->form, "custom_fields.4001") != NULL;
}

/* The account's own order field (issue 23): CertCentral refuses an order without it (the field
 * became required after the app read the account's list), and its words are shown at that
 * field's row, in the window, not only in the box at the top; with a value it goes through and
 * CertCentral gets it in custom_fields. */
static void
test_rejected_at_own_field (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) required = pkio_custom_field_list_new ();
  g_autoptr(GPtrArray) posts = NULL;
  GtkWidget *cost_centre;
  JsonObject *body;

  /* Practice mode's account: "Cost centre", optional, known to the form. */
  spin_until (has_cost_centre_row, f);
  g_ptr_array_add (required, pkio_custom_field_new (4001, "Cost centre", TRUE, TRUE, "text"));
  pkio_simulator_set_custom_fields (f->simulator, required);

  fill_seed_known_person (f);
  review_and_place (f);
  spin_until (on_form_and_idle, f);

  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 0);
  cost_centre = pkio_order_form_get_field_row (f->form, "custom_fields.4001");
  g_assert_nonnull (cost_centre);
  g_assert_nonnull (pkio_order_form_get_shown_problem (f->form, "custom_fields.4001"));
  g_assert_true (gtk_widget_has_css_class (cost_centre, "error"));

  /* With a value, the order goes, carrying it. */
  set_field (f, "custom_fields.4001", "KP-7");
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "custom_fields.4001"));
  review_and_place (f);
  spin_until (on_result_and_idle, f);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 2);
  body = json_node_get_object (g_ptr_array_index (posts, 1));
  g_assert_true (json_object_has_member (body, "custom_fields"));
  g_assert_false (json_object_has_member (json_node_get_object (g_ptr_array_index (posts, 0)),
                                          "custom_fields"));
}

int
main (int   argc,
      char *argv[])
{
  order_test_init (&argc, &argv);

#define ADD(name, func) g_test_add ("/order-outcome/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("rejected-at-field", test_rejected_at_field);
  ADD ("rejected-at-own-field", test_rejected_at_own_field);
  ADD ("unknown-then-found", test_unknown_then_found);
  ADD ("unknown-then-not-found", test_unknown_then_not_found);
  ADD ("unknown-then-found-later", test_unknown_then_found_later);
  ADD ("double-activation", test_double_activation);
#undef ADD

  return order_test_run ();
}
