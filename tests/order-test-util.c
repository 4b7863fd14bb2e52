/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "order-test-util.h"
#include "pkio-order-outcome.h"
#include "pkio-order-review.h"
#include "pkio-order-view-private.h"
#include "pkio-workspace-private.h"
#include "ui-test-util.h"

/* The New order view in the real window, in practice mode: shared by test-order-view.c and
 * test-order-outcome.c. */

char *data_home;
PkioApplication *app;

/* The two example bodies of the seed page, as CertCentral must receive them. */
const char *seed_new_person =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"encryption\","
  "\"is_rsassa_pss\":true,\"individual\":{\"first_name\":\"John\",\"last_name\":\"Doe\","
  "\"email\":\"john.doe@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

const char *seed_known_person =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"nonrepudiation\","
  "\"is_rsassa_pss\":true,\"individual\":{\"id\":21}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"Suite 20\","
  "\"city\":\"Amsterdam\",\"state\":\"Amsterdam\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"STANDARD\"},\"order_validity\":{\"years\":1},\"payment_method\":\"balance\"}";

void
spin_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
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

void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  spin_idle ();
}

gboolean
view_ready (gpointer data)
{
  Fixture *f = data;

  f->simulator = pkio_workspace_get_simulator (f->workspace);
  return pkio_workspace_is_loaded (f->workspace) && f->simulator != NULL
         && pkio_workspace_get_client (f->workspace) != NULL;
}

static gboolean
first_sync_done (gpointer data)
{
  Fixture *f = data;

  return pkio_history_store_get_last_sync (pkio_workspace_get_store (f->workspace)) != 0
         && !pkio_workspace_get_syncing (f->workspace);
}

static gboolean
view_settled (gpointer data)
{
  Fixture *f = data;

  return pkio_order_view_is_settled (f->view);
}

void
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
  /* The history view's first sync and the draft, product and balance questions are
   * answered: nothing of them can reach a test's counts or change the form later. A fixed
   * wait here (300 ms) was too short when the machine was busy. */
  spin_until (first_sync_done, f);
  spin_until (view_settled, f);
  pkio_simulator_clear_requests (f->simulator);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, DATA_DIR_NAME, NULL);

  close_all_windows ();
  remove_tree (dir);
  /* A fresh practice account for each test: its own simulator, history and draft. */
  pkio_application_set_practice (app, FALSE);
  pkio_application_set_practice (app, TRUE);
  _pkio_workspace_set_practice_examples (pkio_application_get_workspace (app), FALSE);
  open_window (f);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_all_windows ();
}

GObject *
form_child (Fixture    *f,
            const char *name)
{
  GObject *object = order_form_child (f->form, name);

  g_assert_nonnull (object);
  return object;
}

void
set_field (Fixture    *f,
           const char *path,
           const char *text)
{
  GtkWidget *row = pkio_order_form_get_field_row (f->form, path);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

const char *
field_text (Fixture    *f,
            const char *path)
{
  return gtk_editable_get_text (GTK_EDITABLE (pkio_order_form_get_field_row (f->form, path)));
}

void
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

void
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
void
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
void
fill_seed_known_person (Fixture *f)
{
  check (f, "profile_nonrepudiation_check", TRUE);
  check (f, "pss_switch", TRUE);
  check (f, "holder_known_check", TRUE);
  set_field (f, "certificate.individual.id", "21");
  fill_delivery (f);
  check (f, "csa_check", TRUE);
}

GPtrArray *
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

void
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

gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (pkio_order_view_get_page (f->view), name) == 0;
}

gboolean
on_result_and_idle (gpointer data)
{
  Fixture *f = data;

  return page_is (f, "outcome") && !pkio_order_view_is_busy (f->view);
}

gboolean
on_form_and_idle (gpointer data)
{
  Fixture *f = data;

  return page_is (f, "form") && !pkio_order_view_is_busy (f->view);
}

void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL));
}

static gboolean
duplicate_checked (gpointer data)
{
  Fixture *f = data;

  return !gtk_widget_get_visible (review_child (f, "duplicate_checking_box"));
}

void
wait_duplicate_checked (Fixture *f)
{
  spin_until (duplicate_checked, f);
}

void
review_and_place (Fixture *f)
{
  activate (f, "order.review");
  g_assert_true (page_is (f, "review"));
  wait_duplicate_checked (f);
  activate (f, "order.place");
}

GtkWidget *
outcome_child (Fixture    *f,
               const char *name)
{
  GtkWidget *outcome = gtk_widget_get_first_child (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (f->view), PKIO_TYPE_ORDER_VIEW, "outcome_slot")));
  GObject *object;

  g_assert_true (PKIO_IS_ORDER_OUTCOME (outcome));
  object = gtk_widget_get_template_child (outcome, PKIO_TYPE_ORDER_OUTCOME, name);
  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

const char *
outcome_title (Fixture *f)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (outcome_child (f, "status_page")));
}

void
assert_placed_page (Fixture *f,
                    gint64   order_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

  g_assert_cmpstr (outcome_title (f), ==, expected ("Order placed", "Bestelling geplaatst"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (outcome_child (f, "order_row"))),
                   ==, id);
}

gboolean
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

gint64
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

GtkWidget *
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

GtkWindow *
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

gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

gboolean
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
void
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

static int status;

static void
activate_cb (GApplication *application)
{
  /* The tests count the simulator's orders: practice mode's examples would be in the way.
   * The window's load has not reached them yet (it needs the main loop). */
  _pkio_workspace_set_practice_examples (pkio_application_get_workspace (app), FALSE);
  status = g_test_run ();
  close_all_windows ();
}

int
order_test_run (void)
{
  char *app_argv[] = { (char *) "pkio-orders", (char *) "--practice", NULL };

  /* The real application, started as `pkio-orders --practice`; the tests run once it is. */
  app = pkio_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 2, app_argv);
  g_clear_object (&app);
  return status;
}

void
order_test_init (int    *argc,
                 char ***argv)
{
  /* Before anything asks GLib for the data folder. */
  data_home = g_dir_make_tmp ("pkio-order-view-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  ui_test_init_translations ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* The second look after an unknown outcome, soon enough for a test. */
  _pkio_order_view_set_recheck_delay (200);
}
