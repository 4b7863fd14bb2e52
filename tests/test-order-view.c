/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "New order" view in the real window, in practice mode: the seed examples, checking as
 * the person goes, what the account offers, drafts, a new card and another order for the same
 * person. */
#include "config.h"

#include <string.h>

#include "order-test-util.h"
#include "pkio-history-details.h"
#include "pkio-order-draft.h"
#include "ui-test-util.h"

static gboolean
draft_saved (gpointer data)
{
  Fixture *f = data;
  g_autofree char *path = pkio_order_draft_path_for (TRUE);

  return pkio_order_view_draft_is_saved (f->view) && g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
draft_restored (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (field_text (f, "certificate.individual.first_name"), "John") == 0;
}

static void
test_seed_new_person (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *draft_path = pkio_order_draft_path_for (TRUE);

  fill_seed_new_person (f);
  review_and_place (f);
  spin_until (on_result_and_idle, f);

  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 1);
  assert_json_equal (g_ptr_array_index (posts, 0), seed_new_person);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  assert_placed_page (f, last_order_id (f));
  g_assert_cmpstr (pkio_simulator_get_order_status (f->simulator, last_order_id (f)), ==,
                   "pending");
  /* Placed: the form is empty again, and no draft is left to place it twice. */
  g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "");
  spin_until ((gboolean (*) (gpointer)) pkio_order_view_draft_is_saved, f->view);
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
}

static void
test_seed_known_person (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = NULL;

  fill_seed_known_person (f);
  review_and_place (f);
  spin_until (on_result_and_idle, f);

  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 1);
  assert_json_equal (g_ptr_array_index (posts, 0), seed_known_person);
  assert_placed_page (f, last_order_id (f));

  /* The next order can pick person 21 from the earlier orders. */
  activate (f, "order.new");
  check (f, "holder_known_check", TRUE);
  g_assert_cmpstr (field_text (f, "certificate.individual.id"), ==, "");
  {
    GtkMenuButton *people = GTK_MENU_BUTTON (form_child (f, "people_button"));
    GtkWidget *popover;
    GtkListBox *list = NULL;
    GtkListBoxRow *row;

    gtk_menu_button_popup (people);
    spin_idle ();
    popover = GTK_WIDGET (gtk_menu_button_get_popover (people));
    g_assert_nonnull (popover);
    for (GtkWidget *w = popover; w != NULL && list == NULL; )
      {
        /* The popover's one list: search it depth first. */
        GtkWidget *child = gtk_widget_get_first_child (w);

        if (GTK_IS_LIST_BOX (w))
          list = GTK_LIST_BOX (w);
        else if (child != NULL)
          w = child;
        else
          {
            while (w != popover && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == popover ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (list);
    row = gtk_list_box_get_row_at_index (list, 0);
    g_assert_nonnull (row);
    g_assert_null (gtk_list_box_get_row_at_index (list, 1));
    /* Its name is not known until a sync read the order back: the number names it then. */
    g_assert_true (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                              expected ("Number 21", "Nummer 21")) == 0
                   || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                 expected ("Number 21", "Nummer 21")) == 0);
    g_signal_emit_by_name (list, "row-activated", row);
    g_assert_cmpstr (field_text (f, "certificate.individual.id"), ==, "21");
  }
}


static void
test_problems_shown (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *email = pkio_order_form_get_field_row (f->form, "certificate.individual.email");
  GtkWidget *summary = GTK_WIDGET (form_child (f, "summary_group"));
  const char *bad_email = expected ("Enter one email address without spaces, for example "
                                    "name@example.com.",
                                    "Voer één e-mailadres in, zonder spaties, bijvoorbeeld "
                                    "naam@example.com.");

  /* An empty form shows nothing yet. */
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "certificate.individual.email"));
  g_assert_false (gtk_widget_get_visible (summary));

  /* Typing shows nothing until the field is left... */
  set_field (f, "certificate.individual.email", "john at example");
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "certificate.individual.email"));
  gtk_widget_grab_focus (email);
  gtk_widget_grab_focus (pkio_order_form_get_field_row (f->form, "certificate.individual.city"));
  spin_idle ();
  g_assert_cmpstr (pkio_order_form_get_shown_problem (f->form, "certificate.individual.email"),
                   ==, bad_email);
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  /* ... and corrected as soon as it is right. */
  set_field (f, "certificate.individual.email", "john@example.com");
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "certificate.individual.email"));
  g_assert_false (gtk_widget_has_css_class (email, "error"));
  g_assert_null (pkio_order_form_get_shown_problem (f->form, "certificate.individual.zip"));

  /* Going on shows every problem, and the summary lists them; nothing is sent. */
  activate (f, "order.review");
  g_assert_true (page_is (f, "form"));
  g_assert_true (gtk_widget_get_visible (summary));
  g_assert_cmpstr (pkio_order_form_get_shown_problem (f->form, "certificate.individual.first_name"),
                   ==, expected ("Fill in “First name”.", "Vul “Voornaam” in."));
  g_assert_nonnull (pkio_order_form_get_shown_problem (f->form, "csa_agreed_to"));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (summary)), ==,
                   expected ("Still to do", "Nog te doen"));
  {
    GtkWidget *first = gtk_window_get_focus (f->window);
    GtkWidget *row = gtk_widget_get_ancestor (first, ADW_TYPE_ACTION_ROW);

    /* The focus is on the summary's first entry; activating it jumps to its field. */
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     expected ("First name", "Voornaam"));
    g_signal_emit_by_name (row, "activated");
    g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window),
                                           pkio_order_form_get_field_row (f->form, "certificate.individual.first_name")));
  }
  spin_idle ();
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 0);
}

/* The field a Tab from the focus now lands in: the path of its form field, or NULL when the
 * focus is on something that is no field (a choice, a button). */
static const char *
tab_to_next_field (Fixture          *f,
                   GtkDirectionType  direction)
{
  static const char * const paths[] = {
    "certificate.individual.first_name", "certificate.individual.last_name",
    "certificate.individual.email", "certificate.individual.telephone",
    "certificate.individual.country", "certificate.individual.state",
    "certificate.individual.city", "certificate.individual.zip",
    "ship_info.name", "ship_info.addr1", "ship_info.addr2", "ship_info.zip", "ship_info.city",
    "ship_info.state", "ship_info.country",
  };
  GtkWidget *focus;

  /* What GtkWindow does for Tab: move within, and wrap round at the end. */
  if (!gtk_widget_child_focus (GTK_WIDGET (f->window), direction))
    {
      gtk_window_set_focus (f->window, NULL);
      gtk_widget_child_focus (GTK_WIDGET (f->window), direction);
    }
  focus = gtk_window_get_focus (f->window);
  for (guint i = 0; focus != NULL && i < G_N_ELEMENTS (paths); i++)
    {
      GtkWidget *row = pkio_order_form_get_field_row (f->form, paths[i]);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        return paths[i];
    }
  return NULL;
}

/* Every text field the Tab key reaches, in order, going once round the window. */
static char *
tab_lap (Fixture          *f,
         GtkDirectionType  direction)
{
  g_autoptr(GString) lap = g_string_new (NULL);
  const char *last = NULL;

  gtk_widget_grab_focus (pkio_order_form_get_field_row (f->form,
                                                        "certificate.individual.first_name"));
  for (guint i = 0; i < 200; i++)
    {
      const char *path = tab_to_next_field (f, direction);

      if (g_strcmp0 (path, "certificate.individual.first_name") == 0)
        break;
      if (path != NULL && path != last)
        g_string_append_printf (lap, "%s%s", lap->len > 0 ? " " : "", path);
      last = path;
    }
  return g_string_free (g_steal_pointer (&lap), FALSE);
}

/* A field with a problem shows it in a row under it. GtkListBox gave up on the whole list at
 * such a row, so Tab skipped every field after the first one with a problem. */
static void
test_tab_reaches_every_field (Fixture       *f,
                              gconstpointer  data)
{
  const char *forward = "certificate.individual.last_name certificate.individual.email "
                        "certificate.individual.telephone certificate.individual.country "
                        "certificate.individual.state certificate.individual.city "
                        "certificate.individual.zip ship_info.name ship_info.addr1 "
                        "ship_info.addr2 ship_info.zip ship_info.city ship_info.state "
                        "ship_info.country";
  const char *backward = "ship_info.country ship_info.state ship_info.city ship_info.zip "
                         "ship_info.addr2 ship_info.addr1 ship_info.name "
                         "certificate.individual.zip certificate.individual.city "
                         "certificate.individual.state certificate.individual.country "
                         "certificate.individual.telephone certificate.individual.email "
                         "certificate.individual.last_name";
  g_autofree char *untouched = NULL;
  g_autofree char *one_left_empty = NULL;
  g_autofree char *after_review = NULL;
  g_autofree char *second_lap = NULL;
  g_autofree char *back = NULL;

  untouched = tab_lap (f, GTK_DIR_TAB_FORWARD);
  g_assert_cmpstr (untouched, ==, forward);

  /* Leave the province empty for later: its problem shows when the focus leaves it. */
  set_field (f, "certificate.individual.first_name", "John");
  set_field (f, "certificate.individual.last_name", "Doe");
  gtk_widget_grab_focus (pkio_order_form_get_field_row (f->form, "certificate.individual.state"));
  gtk_widget_grab_focus (pkio_order_form_get_field_row (f->form, "certificate.individual.city"));
  spin_idle ();
  g_assert_nonnull (pkio_order_form_get_shown_problem (f->form, "certificate.individual.state"));
  one_left_empty = tab_lap (f, GTK_DIR_TAB_FORWARD);
  g_assert_cmpstr (one_left_empty, ==, forward);

  /* Every empty field shows its problem once the person tried to go on. */
  set_field (f, "certificate.individual.first_name", "");
  set_field (f, "certificate.individual.last_name", "");
  activate (f, "order.review");
  g_assert_true (page_is (f, "form"));
  g_assert_nonnull (pkio_order_form_get_shown_problem (f->form, "certificate.individual.last_name"));
  after_review = tab_lap (f, GTK_DIR_TAB_FORWARD);
  g_assert_cmpstr (after_review, ==, forward);
  second_lap = tab_lap (f, GTK_DIR_TAB_FORWARD);
  g_assert_cmpstr (second_lap, ==, forward);
  back = tab_lap (f, GTK_DIR_TAB_BACKWARD);
  g_assert_cmpstr (back, ==, backward);
}


static void
test_account_offers (Fixture       *f,
                     gconstpointer  data)
{
  AdwActionRow *balance = ADW_ACTION_ROW (gtk_widget_get_ancestor (
    GTK_WIDGET (form_child (f, "pay_balance_check")), ADW_TYPE_ACTION_ROW));
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PkioOrder) order = NULL;
  gint64 two = 2;

  /* The balance the simulator answered, under "Account balance". */
  g_assert_cmpstr (adw_action_row_get_subtitle (balance), ==,
                   expected ("Balance now: €5,000.00", "Tegoed nu: € 5.000,00"));

  /* Only the years the product allows are offered: 1 year gives way to the first allowed. */
  g_array_append_val (years, two);
  pkio_order_form_set_allowed_years (f->form, years);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (form_child (f, "years1_check")), ADW_TYPE_ACTION_ROW)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (form_child (f, "years2_check")), ADW_TYPE_ACTION_ROW)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (form_child (f, "years3_check")), ADW_TYPE_ACTION_ROW)));
  order = pkio_order_form_dup_order (f->form);
  g_assert_cmpint (order->validity.kind, ==, PKIO_VALIDITY_YEARS);
  g_assert_cmpint (order->validity.years, ==, 2);
  g_clear_pointer (&order, pkio_order_free);

  /* A number of days: setting it chooses it. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (form_child (f, "days_spin")), 45);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "days_check"))));
  order = pkio_order_form_dup_order (f->form);
  g_assert_cmpint (order->validity.kind, ==, PKIO_VALIDITY_DAYS);
  g_assert_cmpint (order->validity.days, ==, 45);
}


static void
test_draft_survives_restart (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, "pkio-orders", NULL);
  g_autofree char *draft_path = pkio_order_draft_path_for (TRUE);
  GtkWidget *number;

  fill_seed_new_person (f);
  check (f, "ship_expedited_check", TRUE);
  check (f, "pay_card_check", TRUE);
  set_field (f, "credit_card.number", "4111111111111111");
  g_assert_cmpstr (field_text (f, "credit_card.number"), ==, TEST_CARD);   /* grouped */
  set_field (f, "credit_card.expiration_month", "12");
  set_field (f, "credit_card.expiration_year", "2031");
  set_field (f, "credit_card.cvv", "737");
  set_field (f, "credit_card.cardholder_name", "J. Doe");
  set_field (f, "billing_address.address", "Damrak 1");
  set_field (f, "billing_address.city", "Amsterdam");
  set_field (f, "billing_address.zip", "1012 LG");
  spin_until (draft_saved, f);
  assert_no_card_on_disk (dir);

  /* The window goes (a restart, or the app was killed after the draft was written). */
  close_all_windows ();
  assert_no_card_on_disk (dir);
  open_window (f);
  spin_until (draft_restored, f);

  g_assert_cmpstr (field_text (f, "certificate.individual.email"), ==, "john.doe@example.com");
  g_assert_cmpstr (field_text (f, "ship_info.addr2"), ==, "Suite 20");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "profile_encryption_check"))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (form_child (f, "pss_switch"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "ship_expedited_check"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "pay_card_check"))));
  g_assert_cmpstr (field_text (f, "billing_address.address"), ==, "Damrak 1");
  /* The card itself is typed again. */
  number = pkio_order_form_get_field_row (f->form, "credit_card.number");
  g_assert_nonnull (number);
  g_assert_cmpstr (field_text (f, "credit_card.number"), ==, "");
  g_assert_cmpstr (field_text (f, "credit_card.cvv"), ==, "");
  g_assert_cmpstr (field_text (f, "credit_card.expiration_month"), ==, "");
  g_assert_cmpstr (field_text (f, "credit_card.cardholder_name"), ==, "");
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  assert_no_card_on_disk (dir);
}


static void
test_card_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *dir = g_build_filename (data_home, "pkio-orders", NULL);
  JsonObject *root;
  JsonObject *card;
  GtkWidget *number;

  fill_seed_new_person (f);
  check (f, "pay_card_check", TRUE);
  set_field (f, "credit_card.number", "4111-1111-1111-1111");
  set_field (f, "credit_card.expiration_month", "12");
  set_field (f, "credit_card.expiration_year", "2031");
  set_field (f, "credit_card.cvv", "737");
  set_field (f, "credit_card.cardholder_name", "J. Doe");
  set_field (f, "billing_address.address", "Damrak 1");
  set_field (f, "billing_address.city", "Amsterdam");
  set_field (f, "billing_address.zip", "1012 LG");

  /* Leaving the number masks it; coming back shows it again. */
  number = pkio_order_form_get_field_row (f->form, "credit_card.number");
  gtk_widget_grab_focus (number);
  gtk_widget_grab_focus (pkio_order_form_get_field_row (f->form, "credit_card.cvv"));
  g_assert_cmpstr (field_text (f, "credit_card.number"), ==, expected ("•••• 1111", "•••• 1111"));
  gtk_widget_grab_focus (number);
  g_assert_cmpstr (field_text (f, "credit_card.number"), ==, TEST_CARD);
  gtk_widget_grab_focus (pkio_order_form_get_field_row (f->form, "credit_card.cvv"));

  activate (f, "order.review");
  g_assert_true (has_label (review_child (f, "groups_box"),
                            expected ("With the card ending 1111",
                                      "Met de kaart eindigend op 1111")));
  g_assert_false (has_label (review_child (f, "groups_box"), TEST_CARD));
  wait_duplicate_checked (f);
  activate (f, "order.place");
  spin_until (on_result_and_idle, f);
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 1);
  root = json_node_get_object (g_ptr_array_index (posts, 0));
  g_assert_cmpstr (json_object_get_string_member (root, "payment_method"), ==, "card");
  card = json_object_get_object_member (root, "credit_card");
  g_assert_cmpstr (json_object_get_string_member (card, "number"), ==, "4111111111111111");
  g_assert_cmpstr (json_object_get_string_member (card, "expiration_month"), ==, "12");
  g_assert_cmpstr (json_object_get_string_member (card, "cvv"), ==, "737");
  g_assert_cmpint (json_object_get_int_member (card, "set_as_default"), ==, 0);
  g_assert_false (json_object_get_boolean_member (card, "save_credit_card"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                                                  "billing_address"), "zip"), ==, "1012 LG");
  assert_placed_page (f, last_order_id (f));
  /* The history keeps at most the last four digits; nothing on disk has the number. */
  spin_until ((gboolean (*) (gpointer)) pkio_order_view_draft_is_saved, f->view);
  assert_no_card_on_disk (dir);
}


static void
test_order_again (Fixture       *f,
                  gconstpointer  data)
{
  PkioHistoryRecord *record;

  fill_seed_new_person (f);
  check (f, "pay_card_check", TRUE);
  check (f, "pay_balance_check", TRUE);
  review_and_place (f);
  spin_until (on_result_and_idle, f);

  /* From the result page: the same holder and address, the agreement asked for again. */
  activate (f, "order.again");
  g_assert_true (page_is (f, "form"));
  g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "John");
  g_assert_cmpstr (field_text (f, "ship_info.addr1"), ==, "813 Lincoln Street");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "csa_check"))));

  /* From History: the window's action with the record's local id. */
  activate (f, "order.new");
  g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "");
  record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (f->workspace),
                                                last_order_id (f));
  g_assert_nonnull (record);
  pkio_window_show_view (PKIO_WINDOW (f->window), "history");
  {
    PkioHistoryView *history = pkio_window_get_history_view (PKIO_WINDOW (f->window));
    PkioHistoryDetails *details = PKIO_HISTORY_DETAILS (
      gtk_widget_get_template_child (GTK_WIDGET (history), PKIO_TYPE_HISTORY_VIEW, "details"));
    GtkWidget *again = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (details),
                                                                  PKIO_TYPE_HISTORY_DETAILS,
                                                                  "again_button"));

    pkio_history_details_set_record (details, record);
    g_assert_true (gtk_widget_get_visible (again));

    /* What is being typed is not replaced without asking. */
    set_field (f, "certificate.individual.first_name", "Someone else");
    g_signal_emit_by_name (again, "clicked");
    spin_until (dialog_shown, NULL);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog ()), "cancel");
    spin_idle ();
    g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "Someone else");
    g_signal_emit_by_name (again, "clicked");
    spin_until (dialog_shown, NULL);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_message_dialog ()), "replace");
    spin_idle ();
    g_assert_cmpstr (field_text (f, "certificate.individual.first_name"), ==, "John");
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (again)))), ==,
                     expected ("_Another order for this person",
                               "_Nog een bestelling voor deze persoon"));
  }
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (f->window)), ==, "new-order");
  g_assert_cmpstr (field_text (f, "certificate.individual.email"), ==, "john.doe@example.com");
  g_assert_cmpstr (field_text (f, "ship_info.addr2"), ==, "Suite 20");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "profile_encryption_check"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "csa_check"))));

  /* Reviewed again (after ticking the agreement): CertCentral already has one for John Doe
   * (issue 20). The review says so, and "Order anyway" waits for the person to confirm. */
  check (f, "csa_check", TRUE);
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  wait_duplicate_checked (f);
  {
    g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, last_order_id (f));
    const char *said = gtk_label_get_text (GTK_LABEL (review_child (f, "duplicate_label")));
    GtkWidget *confirm = review_child (f, "duplicate_confirm_check");

    g_assert_true (gtk_widget_get_visible (review_child (f, "duplicate_box")));
    g_assert_true (g_str_has_prefix (said, expected ("John Doe already has an encryption "
                                                     "certificate on order ",
                                                     "John Doe heeft al een "
                                                     "vertrouwelijkheidscertificaat in "
                                                     "bestelling ")));
    g_assert_nonnull (strstr (said, first));
    g_assert_nonnull (strstr (said, expected ("placed on this computer",
                                              "op deze computer geplaatst")));
    g_assert_true (gtk_widget_get_visible (review_child (f, "duplicate_history_button")));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (review_child (f, "place_label"))), ==,
                     expected ("_Order anyway", "Toch _bestellen"));
    g_assert_false (gtk_widget_is_sensitive (review_child (f, "place_button")));
    gtk_widget_activate_action (GTK_WIDGET (f->view), "order.place", NULL);
    spin_for (200);
    g_assert_true (page_is (f, "review"));
    g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);

    /* Confirmed: it is a second order. */
    gtk_check_button_set_active (GTK_CHECK_BUTTON (confirm), TRUE);
    g_assert_true (gtk_widget_is_sensitive (review_child (f, "place_button")));
    activate (f, "order.place");
  }
  spin_until (on_result_and_idle, f);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 2);
}

/* GET order/certificate lists asked by @email (the duplicate check's question). */
static guint
lists_for (Fixture    *f,
           const char *email)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (f->simulator);
  g_autofree char *filter = g_strdup_printf ("filters[email]=%s", email);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);
      g_autofree char *query = request->query != NULL
                               ? g_uri_unescape_string (request->query, NULL) : NULL;

      if (g_str_equal (request->method, "GET")
          && g_str_equal (request->path, "order/certificate") && query != NULL
          && strstr (query, filter) != NULL)
        n++;
    }
  return n;
}

typedef struct
{
  Fixture    *f;
  const char *email;
  guint       at_least;
} ListsWait;

static gboolean
lists_reached (gpointer data)
{
  ListsWait *wait = data;

  return lists_for (wait->f, wait->email) >= wait->at_least;
}

static gboolean
duplicate_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (review_child (f, "duplicate_box"))
         && !gtk_widget_get_visible (review_child (f, "duplicate_checking_box"));
}

/* Issue 20: CertCentral is asked as soon as the form names the holder and the profile, not at
 * the review, and the review shows that answer at once; a new holder cancels the question
 * about the old one, whose late answer never reaches the review. */
static void
test_duplicate_checked_early (Fixture       *f,
                              gconstpointer  data)
{
  gint64 elsewhere = pkio_simulator_add_remote_order (f->simulator, "john.doe@example.com",
                                                      "John", "Doe", "pending", NULL);
  ListsWait john = { f, "john.doe@example.com", 1 };
  ListsWait jane = { f, "jane.roe@example.com", 1 };
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, elsewhere);
  guint asked;

  g_assert_true (pkio_simulator_set_order_profile (f->simulator, elsewhere, "encryption"));
  fill_seed_new_person (f);
  /* Asked while the person is still on the form. */
  spin_until (lists_reached, &john);
  g_assert_true (page_is (f, "form"));
  spin_for (300);
  asked = lists_for (f, "john.doe@example.com");

  /* The review has the answer at once, and does not ask again. */
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  spin_until (duplicate_shown, f);
  g_assert_cmpuint (lists_for (f, "john.doe@example.com"), ==, asked);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (review_child (f, "duplicate_label"))),
                            number));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (review_child (f, "place_label"))), ==,
                   expected ("_Order anyway", "Toch _bestellen"));

  /* Back on the form: another profile, answered slowly; before the answer comes, another
   * person. The review shows what was found for her (nothing), also after the late answer. */
  activate (f, "order.back");
  pkio_simulator_set_fault_delay (f->simulator, 1500);
  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_DELAY, 4);
  john.at_least = lists_for (f, "john.doe@example.com") + 1;
  check (f, "profile_authentication_check", TRUE);
  check (f, "profile_encryption_check", TRUE);
  spin_until (lists_reached, &john);
  set_field (f, "certificate.individual.email", "jane.roe@example.com");
  spin_until (lists_reached, &jane);
  activate (f, "order.review");
  wait_duplicate_checked (f);
  spin_for (1700);
  g_assert_false (gtk_widget_get_visible (review_child (f, "duplicate_box")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (review_child (f, "place_label"))), ==,
                   expected ("_Place order", "Bestelling _plaatsen"));
  pkio_simulator_clear_faults (f->simulator);
}

static void
test_templates_build (void)
{
  GtkWidget *view = GTK_WIDGET (pkio_order_view_new ());

  g_object_ref_sink (view);
  g_assert_true (PKIO_IS_ORDER_FORM (pkio_order_view_get_form (PKIO_ORDER_VIEW (view))));
  g_assert_cmpstr (pkio_order_view_get_page (PKIO_ORDER_VIEW (view)), ==, "form");
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  order_test_init (&argc, &argv);
  g_test_add_func ("/order-view/templates-build", test_templates_build);
#define ADD(name, func) g_test_add ("/order-view/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("seed-new-person", test_seed_new_person);
  ADD ("seed-known-person", test_seed_known_person);
  ADD ("problems-shown", test_problems_shown);
  ADD ("tab-reaches-every-field", test_tab_reaches_every_field);
  ADD ("account-offers", test_account_offers);
  ADD ("draft-survives-restart", test_draft_survives_restart);
  ADD ("card-order", test_card_order);
  ADD ("order-again", test_order_again);
  ADD ("duplicate-checked-early", test_duplicate_checked_early);
#undef ADD

  return order_test_run ();
}
