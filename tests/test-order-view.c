/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "New order" view in the real window, in practice mode: the form is filled through its
 * widgets, and what the practice simulator received is the assertion. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pkio-application.h"
#include "pkio-history-details.h"
#include "pkio-order-draft.h"
#include "pkio-order-outcome.h"
#include "pkio-order-review.h"
#include "pkio-order-view.h"
#include "pkio-window.h"
#include "ui-test-util.h"

static char *data_home;
static PkioApplication *app;

#define ORDER_PATH "order/certificate/pkio_burger"
#define TEST_CARD "4111 1111 1111 1111"

/* The two example bodies of the seed page, as CertCentral must receive them. */
static const char *seed_new_person =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"encryption\","
  "\"is_rsassa_pss\":true,\"individual\":{\"first_name\":\"John\",\"last_name\":\"Doe\","
  "\"email\":\"john.doe@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

static const char *seed_known_person =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"nonrepudiation\","
  "\"is_rsassa_pss\":true,\"individual\":{\"id\":21}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

typedef struct
{
  GtkWindow     *window;
  PkioOrderView *view;
  PkioOrderForm *form;
  PkioWorkspace *workspace;
  PkioSimulator *simulator;
} Fixture;

static void
spin_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
}

static void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  spin_idle ();
}

static gboolean
view_ready (gpointer data)
{
  Fixture *f = data;

  f->simulator = pkio_workspace_get_simulator (f->workspace);
  return pkio_workspace_is_loaded (f->workspace) && f->simulator != NULL
         && pkio_workspace_get_client (f->workspace) != NULL;
}

static void
open_window (Fixture *f)
{
  f->window = GTK_WINDOW (pkio_window_new (app));
  gtk_window_set_default_size (f->window, 900, 800);
  gtk_window_present (f->window);
  spin_until (widget_is_mapped, f->window);
  f->view = PKIO_ORDER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                            PKIO_TYPE_WINDOW, "order_view"));
  g_assert_nonnull (f->view);
  f->form = pkio_order_view_get_form (f->view);
  f->workspace = pkio_order_view_get_workspace (f->view);
  g_assert_true (pkio_workspace_get_practice (f->workspace));
  spin_until (view_ready, f);
  /* The history view's first sync and the product and balance questions are answered. */
  spin_for (300);
  pkio_simulator_clear_requests (f->simulator);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, "pkio-orders", NULL);

  close_all_windows ();
  remove_tree (dir);
  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_all_windows ();
}

static GObject *
form_child (Fixture    *f,
            const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->form), PKIO_TYPE_ORDER_FORM,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static void
set_field (Fixture    *f,
           const char *path,
           const char *text)
{
  GtkWidget *row = pkio_order_form_get_field_row (f->form, path);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
field_text (Fixture    *f,
            const char *path)
{
  return gtk_editable_get_text (GTK_EDITABLE (pkio_order_form_get_field_row (f->form, path)));
}

static void
check (Fixture    *f,
       const char *name,
       gboolean    active)
{
  GObject *object = form_child (f, name);

  if (GTK_IS_SWITCH (object))
    gtk_switch_set_active (GTK_SWITCH (object), active);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (object), active);
}

static void
fill_delivery (Fixture *f)
{
  set_field (f, "ship_info.name", "John Doe");
  set_field (f, "ship_info.addr1", "813 Lincoln Street");
  set_field (f, "ship_info.addr2", "Suite 20");
  set_field (f, "ship_info.city", "Amsterdam");
  set_field (f, "ship_info.state", "Amsterdam");
  set_field (f, "ship_info.zip", "1013 AA");
}

/* Seed example 1: a new person, encryption (the Netherlands is chosen by default). */
static void
fill_seed_new_person (Fixture *f)
{
  check (f, "profile_encryption_check", TRUE);
  check (f, "pss_switch", TRUE);
  set_field (f, "certificate.individual.first_name", "John");
  set_field (f, "certificate.individual.last_name", "Doe");
  set_field (f, "certificate.individual.email", "john.doe@example.com");
  set_field (f, "certificate.individual.telephone", "+31(0)20 254 7999");
  set_field (f, "certificate.individual.state", "Amsterdam");
  set_field (f, "certificate.individual.city", "Amsterdam");
  set_field (f, "certificate.individual.zip", "1013 AA");
  fill_delivery (f);
  check (f, "csa_check", TRUE);
}

/* Seed example 2: known person 21, signing. */
static void
fill_seed_known_person (Fixture *f)
{
  check (f, "profile_nonrepudiation_check", TRUE);
  check (f, "pss_switch", TRUE);
  check (f, "holder_known_check", TRUE);
  set_field (f, "certificate.individual.id", "21");
  fill_delivery (f);
  check (f, "csa_check", TRUE);
}

static GPtrArray *
order_posts (Fixture *f)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (f->simulator);
  GPtrArray *bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < requests->len; i++)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "POST") && g_str_equal (request->path, ORDER_PATH))
        g_ptr_array_add (bodies, pkio_simulator_request_dup_json (request));
    }
  return bodies;
}

static void
assert_json_equal (JsonNode   *actual,
                   const char *expected_json)
{
  g_autoptr(JsonNode) wanted = json_from_string (expected_json, NULL);

  g_assert_nonnull (wanted);
  g_assert_nonnull (actual);
  if (!json_node_equal (actual, wanted))
    {
      g_autofree char *got = json_to_string (actual, FALSE);

      g_test_message ("received: %s", got);
      g_test_message ("expected: %s", expected_json);
      g_assert_not_reached ();
    }
}

static gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (pkio_order_view_get_page (f->view), name) == 0;
}

static gboolean
on_result_and_idle (gpointer data)
{
  Fixture *f = data;

  return page_is (f, "result") && !pkio_order_view_is_busy (f->view);
}

static gboolean
on_form_and_idle (gpointer data)
{
  Fixture *f = data;

  return page_is (f, "form") && !pkio_order_view_is_busy (f->view);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL));
}

static void
review_and_place (Fixture *f)
{
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  activate (f, "order.place");
}

static GtkWidget *
outcome_child (Fixture    *f,
               const char *name)
{
  GtkWidget *outcome = gtk_widget_get_first_child (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (f->view), PKIO_TYPE_ORDER_VIEW, "result_slot")));
  GObject *object;

  g_assert_true (PKIO_IS_ORDER_OUTCOME (outcome));
  object = gtk_widget_get_template_child (outcome, PKIO_TYPE_ORDER_OUTCOME, name);
  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
outcome_title (Fixture *f)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (outcome_child (f, "status_page")));
}

static void
assert_placed_page (Fixture *f,
                    gint64   order_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

  g_assert_cmpstr (outcome_title (f), ==, expected ("Order placed", "Bestelling geplaatst"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (outcome_child (f, "order_row"))),
                   ==, id);
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

static GtkWidget *review_child (Fixture    *f,
                                const char *name);

static gint64
last_order_id (Fixture *f)
{
  PkioHistoryStore *store = pkio_workspace_get_store (f->workspace);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  gint64 newest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), i);

      newest = MAX (newest, pkio_history_record_get_order_id (record));
    }
  return newest;
}

/* ---- the seed examples ---- */

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

/* ---- checking as the person goes ---- */

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

/* ---- what the account offers ---- */

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
                   expected ("Balance now: 5000.00 EUR", "Tegoed nu: 5000.00 EUR"));

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

/* ---- CertCentral says no ---- */

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

/* ---- the outcome is not known ---- */

static void
test_unknown_then_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *draft_path = pkio_order_draft_path_for (TRUE);

  fill_seed_new_person (f);
  /* CertCentral takes the order, but the answer never arrives. */
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH,
                               PKIO_SIMULATOR_FAULT_DROP_AFTER_BODY, 1);
  review_and_place (f);
  spin_until (on_result_and_idle, f);

  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 1);
  /* The check asked CertCentral's order list, and found it. */
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "GET", "order/certificate"), >,
                    0);
  assert_placed_page (f, last_order_id (f));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (outcome_child (f, "status_page"))),
                   ==, expected ("CertCentral did receive the order after all: it was placed once.",
                                 "CertCentral heeft de bestelling toch ontvangen: ze is één keer geplaatst."));
  g_assert_false (gtk_widget_get_visible (outcome_child (f, "send_again_button")));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
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
  review_and_place (f);
  spin_until (on_result_and_idle, f);

  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 0);
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

/* ---- once ---- */

static GtkWidget *
review_child (Fixture    *f,
              const char *name)
{
  GtkWidget *review = gtk_widget_get_first_child (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (f->view), PKIO_TYPE_ORDER_VIEW, "review_slot")));
  GObject *object;

  g_assert_true (PKIO_IS_ORDER_REVIEW (review));
  object = gtk_widget_get_template_child (review, PKIO_TYPE_ORDER_REVIEW, name);
  g_assert_nonnull (object);
  return GTK_WIDGET (object);
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

/* ---- the draft ---- */

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

static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* No file under the data folder holds the card number, in any spelling. */
static void
assert_no_card_on_disk (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_card_on_disk (path);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_false (contains_bytes (contents, length, "4111111111111111"));
      g_assert_false (contains_bytes (contents, length, TEST_CARD));
      g_assert_false (contains_bytes (contents, length, "1111 1111"));
    }
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

/* ---- a new card ---- */

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

/* ---- another order for this person ---- */

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
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (again)))), ==,
                     expected ("_Another order for this person",
                               "_Nog een bestelling voor deze persoon"));
    g_signal_emit_by_name (again, "clicked");
  }
  g_assert_cmpstr (pkio_window_get_visible_view (PKIO_WINDOW (f->window)), ==, "new-order");
  g_assert_cmpstr (field_text (f, "certificate.individual.email"), ==, "john.doe@example.com");
  g_assert_cmpstr (field_text (f, "ship_info.addr2"), ==, "Suite 20");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "profile_encryption_check"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (f, "csa_check"))));

  /* Placed again (after ticking the agreement), it is a second order. */
  check (f, "csa_check", TRUE);
  review_and_place (f);
  spin_until (on_result_and_idle, f);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 2);
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

static int status;

static void
activate_cb (GApplication *application)
{
  status = g_test_run ();
  close_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { (char *) "pkio-orders", (char *) "--practice", NULL };

  /* Before anything asks GLib for the data folder. */
  data_home = g_dir_make_tmp ("pkio-order-view-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ui_test_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/order-view/templates-build", test_templates_build);
#define ADD(name, func) g_test_add ("/order-view/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("seed-new-person", test_seed_new_person);
  ADD ("seed-known-person", test_seed_known_person);
  ADD ("problems-shown", test_problems_shown);
  ADD ("account-offers", test_account_offers);
  ADD ("rejected-at-field", test_rejected_at_field);
  ADD ("unknown-then-found", test_unknown_then_found);
  ADD ("unknown-then-not-found", test_unknown_then_not_found);
  ADD ("double-activation", test_double_activation);
  ADD ("draft-survives-restart", test_draft_survives_restart);
  ADD ("card-order", test_card_order);
  ADD ("order-again", test_order_again);
#undef ADD

  /* The real application, started as `pkio-orders --practice`; the tests run once it is. */
  app = pkio_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 2, app_argv);
  g_clear_object (&app);
  return status;
}
