/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "batch-test-util.h"
#include "order-test-util.h"
#include "pkio-application.h"
#include "pkio-banner.h"
#include "pkio-batch-window.h"
#include "pkio-workspace.h"
#include "ui-test-util.h"

/* "Order from a spreadsheet…" in the real window, in practice mode (issue 22): a file with
 * problems lists them all and sends nothing; a good file is reviewed and placed through the
 * core's PkioBatchPlacer, one POST per row with the row's body; a window closed while it
 * places loses and repeats nothing. */

static char *
write_csv (const char *name,
           const char *text)
{
  g_autofree char *dir = g_build_filename (data_home, "sheets", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static PkioBatchWindow *
open_batch (Fixture    *f,
            const char *path)
{
  PkioBatchWindow *window = pkio_batch_window_new (f->window, f->workspace);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pkio_batch_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (widget_is_mapped, window);
  return window;
}

static gboolean
read_done (gpointer window)
{
  return g_strcmp0 (pkio_batch_window_get_page (window), "reading") != 0;
}

static GtkWidget *
child (PkioBatchWindow *window,
       const char      *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), PKIO_TYPE_BATCH_WINDOW,
                                                   name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
subtitle (PkioBatchWindow *window,
          const char      *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (child (window, name)));
}

/* The first visible label under @widget with the style class @css_class, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkLabel *found;

      if (!gtk_widget_get_visible (w))
        continue;
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, css_class))
        return GTK_LABEL (w);
      if ((found = find_label (w, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* The rows a list view of the window shows, top to bottom: what each of its GtkListItemWidgets
 * holds (an action row's "box.header", pkio-batch-list.c). */
static GPtrArray *
shown_rows (GtkWidget *view)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *w = gtk_widget_get_first_child (view); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *header = gtk_widget_get_first_child (w);

      if (header != NULL && gtk_widget_has_css_class (header, "header"))
        g_ptr_array_add (rows, header);
    }
  return rows;
}

static gboolean
all_rows_built (gpointer view)
{
  g_autoptr(GPtrArray) rows = shown_rows (view);

  return rows->len == g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

/* The rows of a list of the window ("problems_list", "people_list"), top to bottom: every row
 * of these short files has its widget (a list view makes about 200). */
static GPtrArray *
list_rows (PkioBatchWindow *window,
           const char      *name)
{
  GtkWidget *view = child (window, name);

  g_assert_true (GTK_IS_LIST_VIEW (view));
  spin_until (all_rows_built, view);
  return shown_rows (view);
}

static const char *
row_title (gpointer row)
{
  GtkLabel *label = find_label (row, "title");

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

static const char *
row_subtitle (gpointer row)
{
  GtkLabel *label = find_label (row, "subtitle");

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/* The mapped AdwActionRow under @widget titled @title, or NULL. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      AdwActionRow *found;

      if (ADW_IS_ACTION_ROW (w) && gtk_widget_get_mapped (w)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
        return ADW_ACTION_ROW (w);
      if ((found = find_row (w, title)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
details_show_batch_file (gpointer window)
{
  return find_row (window, expected ("Batch file", "Spreadsheet")) != NULL;
}

static gboolean
placed_all (gpointer window)
{
  return pkio_batch_window_get_done (window);
}

static gboolean
payment_has_balance (gpointer window)
{
  return strstr (subtitle (window, "payment_row"), expected ("now", "nu")) != NULL;
}

/* The duplicate check of every row is done: Place can be pressed. */
static gboolean
checked (gpointer window)
{
  return gtk_widget_is_sensitive (child (window, "place_button"));
}

/* "Order a second one" of a row when it is shown, or NULL. */
static GtkCheckButton *
find_check_button (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkCheckButton *found;

      if (!gtk_widget_get_visible (w))
        continue;
      if (GTK_IS_CHECK_BUTTON (w))
        return GTK_CHECK_BUTTON (w);
      if ((found = find_check_button (w)) != NULL)
        return found;
    }
  return NULL;
}

static void
place (PkioBatchWindow *window)
{
  GtkWidget *button = child (window, "place_button");

  g_assert_true (gtk_widget_get_visible (button));
  /* The duplicate check of every row comes first. */
  spin_until (checked, window);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (pkio_batch_window_get_placing (window));
  spin_until (placed_all, window);
}

/* A file with problems: every one listed, at its row and column; nothing can be sent. */
static void
test_problems_listed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *table = batch_test_base_table (',', "\r\n");
  g_autoptr(GString) text = g_string_new (table);
  g_autofree char *path = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PkioBatchWindow *window;
  guint n = 0;

  /* Row 3's postal code is no postal code, and row 4 repeats row 2. */
  g_string_replace (text, "3511 AB,Utrecht,Utrecht,nl,expedited", "35,Utrecht,Utrecht,nl,expedited",
                    1);
  {
    g_autofree char *first = batch_test_base_row (0, ',');

    g_string_append_printf (text, "%s\r\n", first);
  }
  path = write_csv ("people.csv", text->str);
  batch = batch_test_read (text->str, -1);
  g_assert_cmpuint (pkio_batch_count_problems (batch), >=, 2);

  window = open_batch (f, path);
  spin_until (read_done, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "problems");

  /* Every problem of the file, in its order: "Row 3, Shipping postal code" and its message. */
  rows = list_rows (window, "problems_list");
  g_assert_cmpuint (rows->len, ==, pkio_batch_count_problems (batch));
  for (guint r = 0; r < pkio_batch_get_n_rows (batch); r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (batch, r);

      for (guint i = 0; i < row->problems->len; i++, n++)
        {
          const PkioBatchProblem *problem = g_ptr_array_index (row->problems, i);
          g_autofree char *where = g_strdup_printf ("%s %u", expected ("Row", "Rij"),
                                                    problem->row);
          g_autofree char *title = problem->column != NULL
                                   ? g_strdup_printf ("%s, %s", where, problem->column)
                                   : g_strdup (where);

          g_test_message ("%s: %s", title, problem->message);
          g_assert_cmpstr (row_title (g_ptr_array_index (rows, n)), ==, title);
          g_assert_cmpstr (row_subtitle (g_ptr_array_index (rows, n)), ==,
                           problem->message);
          /* What a screen reader hears: the row's title and its message. */
          {
            g_autofree char *spoken = g_strdup_printf ("%s. %s", title, problem->message);

            GtkWidget *header = g_ptr_array_index (rows, n);

            /* The header is the list item read, not the list view's row (pkio-batch-list.c:
             * its parent offers no selection, so Orca does not say "not selected"). */
            gtk_test_accessible_assert_role (header, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
            g_assert_true (gtk_widget_get_focusable (header));
            gtk_test_accessible_assert_property (header, GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
          }
        }
    }
  g_assert_cmpstr (row_title (g_ptr_array_index (rows, 0)), ==,
                   expected ("Row 3, Shipping postal code", "Rij 3, Shipping postal code"));
  {
    g_autofree char *title = g_strdup_printf ("%u %s", rows->len,
                                              expected ("problems in people.csv",
                                                        "problemen in people.csv"));

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "problems_title"))), ==, title);
  }
  /* Nothing can be placed from here. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "batch.place", NULL)
                  && pkio_batch_window_get_placing (window));
  spin_for (200);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A good file: the review, then one POST per row with the row's body, each row placed, every
 * order in History with the file's name; the same file again places nothing twice. */
static void
test_review_and_place (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *table = batch_test_base_table (';', "\r\n");
  g_autofree char *path = write_csv ("team.csv", table);
  g_autoptr(PkioBatch) batch = batch_test_read (table, -1);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PkioBatchWindow *window = open_batch (f, path);
  PkioHistoryStore *store = pkio_workspace_get_store (f->workspace);

  spin_until (read_done, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "orders");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "orders_title"))), ==,
                   expected ("Place 3 orders from team.csv?", "3 bestellingen uit team.csv plaatsen?"));
  /* The review: how many, the payment with the balance, expedited shipping counted, whom. */
  g_assert_cmpstr (subtitle (window, "count_row"), ==, "3");
  g_assert_cmpstr (subtitle (window, "shipping_row"), ==,
                   expected ("1 of 3, at additional cost", "1 van 3, tegen extra kosten"));
  spin_until (payment_has_balance, window);
  g_test_message ("payment: %s", subtitle (window, "payment_row"));
  g_assert_true (g_str_has_prefix (subtitle (window, "payment_row"),
                                   expected ("2 from the account balance (",
                                             "2 van het tegoed van het account (")));
  rows = list_rows (window, "people_list");
  g_assert_cmpuint (rows->len, ==, 3);
  /* The name as the title, the address (one long word) in the subtitle, which wraps. */
  g_assert_cmpstr (row_title (g_ptr_array_index (rows, 0)), ==, "John Doe");
  g_assert_true (g_str_has_prefix (row_subtitle (g_ptr_array_index (rows, 0)),
                                   "john.doe@example.com\n"));
  g_assert_cmpstr (row_title (g_ptr_array_index (rows, 1)), ==, "Zoë Öztürk-de Vries");
  g_assert_cmpstr (row_title (g_ptr_array_index (rows, 2)), ==,
                   expected ("CertCentral number 21", "CertCentral-nummer 21"));
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 0);

  place (window);

  /* One POST per row, in the file's order, each the row's own body. */
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      g_autofree char *body = batch_test_body (pkio_batch_get_row (batch, r)->order);

      assert_json_equal (g_ptr_array_index (posts, r), body);
      g_assert_cmpstr (gtk_label_get_text (find_label (g_ptr_array_index (rows, r), "success")),
                       ==, expected ("placed", "geplaatst"));
      /* A screen reader hears the whole row, its outcome too. */
      {
        g_auto(GStrv) lines = g_strsplit (row_subtitle (g_ptr_array_index (rows, r)), "\n", -1);
        g_autofree char *joined = g_strjoinv (". ", lines);
        g_autofree char *spoken = g_strdup_printf ("%s. %s. %s",
                                                   row_title (g_ptr_array_index (rows, r)),
                                                   expected ("placed", "geplaatst"), joined);

        g_assert_nonnull (strstr (spoken, expected ("Placed as order", "Geplaatst als")));
        gtk_test_accessible_assert_property (g_ptr_array_index (rows, r),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
      }
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "orders_title"))), ==,
                   expected ("All 3 orders are placed", "Alle 3 bestellingen zijn geplaatst"));
  g_assert_true (gtk_widget_get_visible (child (window, "results_button")));
  g_assert_false (gtk_widget_get_visible (child (window, "place_button")));

  /* In History, marked with the file's name. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (pkio_history_record_get_batch_file (record), ==, "team.csv");
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  /* History's details of one of them name the file. */
  {
    g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (pkio_window_show_order (PKIO_WINDOW (f->window),
                                           pkio_history_record_get_local_id (record)));
    spin_until (details_show_batch_file, f->window);
    g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (f->window),
                                                            expected ("Batch file",
                                                                      "Spreadsheet"))),
                     ==, "team.csv");
    /* The next test's window opens on the view this one leaves (the setting last-view). */
    pkio_window_show_view (PKIO_WINDOW (f->window), "new-order");
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* The same file again: each row is already placed, and nothing is sent. */
  window = open_batch (f, path);
  spin_until (read_done, window);
  place (window);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = list_rows (window, "people_list");
  for (guint r = 0; r < 3; r++)
    g_assert_cmpstr (gtk_label_get_text (find_label (g_ptr_array_index (rows, r), "success")),
                     ==, expected ("already placed", "al geplaatst"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A row whose holder already has a certificate of its kind (the duplicate check, issue 20):
 * marked in the review and left out, unless the person ticks "Order a second one". */
static void
test_duplicate_left_out (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *john = batch_test_base_row (0, ',');
  g_autofree char *zoe = batch_test_base_row (1, ',');
  g_autofree char *first = g_strdup_printf ("%s\r\n%s\r\n", header, john);
  g_autofree char *first_path = write_csv ("first.csv", first);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autofree char *second_path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  PkioBatchWindow *window = open_batch (f, first_path);
  GtkCheckButton *include;

  spin_until (read_done, window);
  spin_until (checked, window);
  place (window);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* John Doe again (for two years, so another order), and Zoë. */
  g_string_append_printf (second, "%s\r\n%s\r\n%s\r\n", header, john, zoe);
  g_assert_cmpuint (g_string_replace (second, "1 year", "2 years", 1), ==, 1);
  second_path = write_csv ("second.csv", second->str);
  window = open_batch (f, second_path);
  spin_until (read_done, window);
  spin_until (checked, window);
  rows = list_rows (window, "people_list");
  g_assert_cmpuint (rows->len, ==, 2);
  g_test_message ("%s", row_subtitle (g_ptr_array_index (rows, 0)));
  g_assert_nonnull (strstr (row_subtitle (g_ptr_array_index (rows, 0)),
                            expected ("already has", "heeft al")));
  include = find_check_button (g_ptr_array_index (rows, 0));
  g_assert_nonnull (include);
  g_assert_false (gtk_check_button_get_active (include));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (window, "place_button"))), ==,
                   expected ("_Place 1 Order", "1 bestelling _plaatsen"));

  /* Not ticked: left out; only Zoë is sent. */
  place (window);
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (find_label (g_ptr_array_index (rows, 0), "warning")), ==,
                   expected ("left out", "weggelaten"));
  g_assert_cmpstr (gtk_label_get_text (find_label (g_ptr_array_index (rows, 1), "success")), ==,
                   expected ("placed", "geplaatst"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The same file, with "Order a second one" ticked: John Doe's second order is sent. */
  window = open_batch (f, second_path);
  spin_until (read_done, window);
  spin_until (checked, window);
  rows = list_rows (window, "people_list");
  include = find_check_button (g_ptr_array_index (rows, 0));
  g_assert_nonnull (include);
  gtk_check_button_set_active (include, TRUE);
  place (window);
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 3);
  {
    g_autoptr(PkioBatch) batch = batch_test_read (second->str, -1);
    g_autofree char *body = batch_test_body (pkio_batch_get_row (batch, 0)->order);

    assert_json_equal (g_ptr_array_index (posts, 2), body);
  }
  g_assert_cmpstr (gtk_label_get_text (find_label (g_ptr_array_index (rows, 0), "success")), ==,
                   expected ("placed", "geplaatst"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
check_ended (gpointer window)
{
  return strstr (gtk_label_get_text (GTK_LABEL (child (window, "orders_note"))),
                 expected ("could not be asked", "niet worden gevraagd")) != NULL;
}

/* CertCentral cannot be asked whether the holder already has one: nothing can be placed (as
 * with order --batch), until the file is opened again and the check can be made. */
static void
test_unchecked_nothing_placed (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *table = batch_test_people_table (1, ',');
  g_autofree char *path = write_csv ("one.csv", table);
  PkioBatchWindow *window;

  pkio_simulator_inject_fault (f->simulator, "GET", "order/certificate",
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1000);
  window = open_batch (f, path);
  spin_until (read_done, window);
  spin_until (check_ended, window);
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (child (window, "orders_note"))));
  g_assert_false (gtk_widget_is_sensitive (child (window, "place_button")));
  gtk_widget_activate_action (GTK_WIDGET (window), "batch.place", NULL);
  spin_for (200);
  g_assert_false (pkio_batch_window_get_placing (window));
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 0);

  /* CertCentral answers again: "Open Again" checks anew, and the order can be placed. */
  pkio_simulator_clear_faults (f->simulator);
  gtk_widget_activate_action (GTK_WIDGET (window), "batch.reload", NULL);
  spin_until (read_done, window);
  place (window);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_fields (gpointer data)
{
  return pkio_workspace_get_custom_fields (((Fixture *) data)->workspace) != NULL;
}

/* ---- files through the window's own ways in and out: a .csv dropped on the main window, and
 * GTK's own file chooser as the window shows it without a portal (outside Flatpak) ---- */

/* The main window's drop target: the handler a file manager's drop reaches. */
static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);  /* the widget keeps it */
    }
  return NULL;
}

/* @files dropped on the main window, as GTK hands a drop of files to it; whether it took them. */
static gboolean
drop_files (Fixture *f,
            GSList  *files)
{
  GtkDropTarget *target = drop_target_of (GTK_WIDGET (f->window));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

/* The shown toplevel of @type, or NULL. */
static GtkWindow *
shown_window_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
batch_window_shown (gpointer data)
{
  return shown_window_of_type (PKIO_TYPE_BATCH_WINDOW) != NULL;
}

static gboolean
file_chooser_shown (gpointer data)
{
  return shown_window_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static GFile *chooser_target;  /* what chooser_has_target () waits for */

static gboolean
chooser_has_target (gpointer dialog)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  return file != NULL && g_file_equal (file, chooser_target);
}

/* A weak pointer to a widget: gone, or no longer shown. */
static gboolean
widget_is_gone (gpointer pointer)
{
  GtkWidget *widget = *(GtkWidget **) pointer;

  return widget == NULL || !gtk_widget_get_visible (widget);
}

/* Save pressed in the file chooser @dialog (its accept response, as its button gives it). It
 * asks whether the file exists first, then answers and goes (the window lets go of it). */
static void
press_save (GtkWindow *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin_until (widget_is_gone, &dialog);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

/* The file chooser the window opened: the path of sheets/@name typed into its name field, as a
 * person may type it, and its Save pressed. (The whole path: a folder set with
 * gtk_file_chooser_set_current_folder () before the dialog has shown its first folder does
 * not hold, and a bare name went to the working folder; see test_save_in_shown_folder () for
 * what a person who browses meets.) */
static void
save_in_file_chooser (const char *name)
{
  g_autofree char *dir = g_build_filename (data_home, "sheets", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  spin_until (file_chooser_shown, NULL);
  dialog = shown_window_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), path);
  chooser_target = g_file_new_for_path (path);
  spin_until (chooser_has_target, dialog);
  g_clear_object (&chooser_target);
  press_save (dialog);
}

static char *saved_path;  /* what saved_file_exists () waits for */

static gboolean
saved_file_exists (gpointer data)
{
  return g_file_test (saved_path, G_FILE_TEST_EXISTS);
}

/* The contents of sheets/@name once the window has written it. */
static char *
wait_for_saved (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_free (saved_path);
  saved_path = g_build_filename (data_home, "sheets", name, NULL);
  spin_until (saved_file_exists, NULL);
  spin_for (200);  /* written through a temporary file and renamed: complete once it exists */
  g_file_get_contents (saved_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&saved_path, g_free);
  return contents;
}

/* A .csv dropped on the main window opens it in a batch window, at its review; two files at
 * once are refused rather than mixed into one batch. */
static void
test_drop_on_window (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *table = batch_test_base_table (';', "\r\n");
  g_autofree char *path = write_csv ("dropped.csv", table);
  g_autofree char *other_path = write_csv ("other.csv", table);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GSList) two = g_slist_prepend (g_slist_prepend (NULL, other), file);
  g_autoptr(GSList) one = g_slist_prepend (NULL, file);
  PkioBatchWindow *window;

  g_assert_false (drop_files (f, two));
  spin_for (200);
  g_assert_null (shown_window_of_type (PKIO_TYPE_BATCH_WINDOW));

  g_assert_true (drop_files (f, one));
  spin_until (batch_window_shown, NULL);
  window = PKIO_BATCH_WINDOW (shown_window_of_type (PKIO_TYPE_BATCH_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == f->window);
  spin_until (read_done, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "orders");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "orders_title"))), ==,
                   expected ("Place 3 orders from dropped.csv?",
                             "3 bestellingen uit dropped.csv plaatsen?"));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (window,
                                                                          "window_title"))),
                   ==, "dropped.csv");
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Save a Template…" on the start page: the file chosen in the file chooser gets the column
 * names of the window's language, one for the account's own order field, and the seed's
 * example, which reads back as one good order. */
static void
test_save_template (Fixture       *f,
                    gconstpointer  data)
{
  const char *cost_centre = expected ("Cost centre", "Kostenplaats");
  const char * const labels[] = { cost_centre, NULL };
  PkioBatchWindow *window;
  g_autofree char *contents = NULL;
  g_autoptr(PkioBatch) batch = NULL;
  g_auto(GStrv) lines = NULL;

  /* The account's fields are known (New order asks for them when the window starts). */
  spin_until (has_fields, f);
  window = pkio_batch_window_new (f->window, f->workspace);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (widget_is_mapped, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "start");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "batch.save-template", NULL));
  save_in_file_chooser ("my-template.csv");
  contents = wait_for_saved ("my-template.csv");
  g_test_message ("%s", contents);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);  /* header, example, "" after the last */
  g_assert_cmpstr (lines[2], ==, "");
  /* A BOM first, so that Excel reads it as UTF-8; Dutch Excel separates with ";". */
  g_assert_true (g_str_has_prefix (lines[0], expected ("\xef\xbb\xbfProfile,",
                                                       "\xef\xbb\xbfProfiel;")));
  g_assert_nonnull (strstr (lines[0], expected ("First name", "Voornaam")));
  g_assert_true (g_str_has_suffix (lines[0], cost_centre));
  g_assert_nonnull (strstr (lines[1], "john.doe@example.com"));
  batch = batch_test_read_custom (contents, -1, labels);
  g_assert_cmpuint (pkio_batch_get_n_rows (batch), ==, 1);
  g_assert_cmpuint (pkio_batch_count_problems (batch), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GFile *shown_folder;  /* what folder_shown () waits for */

static gboolean
folder_shown (gpointer dialog)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

  return folder != NULL && g_file_equal (folder, shown_folder);
}

static gboolean
folder_known (gpointer dialog)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

  return folder != NULL;
}

/* What a person meets in the save dialog (GTK 4.8's own, which GtkFileChooserNative shows
 * outside Flatpak; the same pkio_csv_file_chooser_new () is History's Export): the dialog on
 * the screen, a folder browsed to (the dialog changes folder as when one is opened in its
 * list) and shown, a bare name typed into Name, Save: the file is in the folder shown, not in
 * the working folder. A folder set before the dialog has shown the folder it starts in does
 * not hold: GTK's own start (the working folder) wins, and the bare name went there, which
 * is what save_in_file_chooser () avoids by typing the whole path; a person browses only
 * once the dialog is on the screen with its folder. */
static void
test_save_in_shown_folder (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (data_home, "browsed", NULL);
  g_autofree char *path = g_build_filename (dir, "bare-name.csv", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *stray = g_build_filename (cwd, "bare-name.csv", NULL);
  g_autoptr(GError) error = NULL;
  PkioBatchWindow *window;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  window = pkio_batch_window_new (f->window, f->workspace);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (widget_is_mapped, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "batch.save-template", NULL));
  spin_until (file_chooser_shown, NULL);
  dialog = shown_window_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* On the screen with the folder it starts in (GTK's startup folder, here the working
   * folder) shown, as a person sees it before browsing. */
  spin_until (widget_is_mapped, dialog);
  spin_until (folder_known, dialog);
  shown_folder = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), shown_folder, &error);
  g_assert_no_error (error);
  spin_until (folder_shown, dialog);
  g_clear_object (&shown_folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "bare-name.csv");
  press_save (dialog);

  g_free (saved_path);
  saved_path = g_strdup (path);
  spin_until (saved_file_exists, NULL);
  g_clear_pointer (&saved_path, g_free);
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Save Results…" after placing: the input with Order, Status and Message added, each row's
 * order number and state; a cell that a spreadsheet would run as a formula gets a leading '
 * (CSV injection), and the results file reads back as the same orders. */
static void
test_save_results (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *table = batch_test_base_table (',', "\r\n");
  g_autoptr(GString) text = g_string_new (table);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(PkioBatch) read_back = NULL;
  g_autoptr(PkioHistoryRecord) record = NULL;
  g_auto(GStrv) lines = NULL;
  PkioBatchWindow *window;

  /* Row 2's second address line begins with "=": a formula to a spreadsheet. */
  g_assert_cmpuint (g_string_replace (text, ",Suite 20,", ",=1+2,", 1), ==, 1);
  path = write_csv ("team.csv", text->str);
  window = open_batch (f, path);
  spin_until (read_done, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "orders");
  place (window);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 3);
  g_assert_true (gtk_widget_get_visible (child (window, "results_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "batch.save-results", NULL));
  save_in_file_chooser ("team-results.csv");
  contents = wait_for_saved ("team-results.csv");
  g_test_message ("%s", contents);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);  /* header, 3 rows, "" after the last */
  /* The result columns are named in the file's language (English here). */
  g_assert_true (g_str_has_suffix (lines[0], ",Order,Status,Message"));
  for (guint r = 1; r <= 3; r++)
    {
      /* The order number each row got, then its state. */
      g_autofree char *placed = g_strdup_printf (",%s,", expected ("placed", "geplaatst"));

      g_assert_nonnull (strstr (lines[r], placed));
    }
  /* The formula and the telephone number start with a ', so no spreadsheet runs them. */
  g_assert_nonnull (strstr (lines[1], ",\"'=1+2\","));
  g_assert_nonnull (strstr (lines[1], ",\"'+31(0)20 254 7999\","));
  g_assert_null (strstr (contents, ",="));
  g_assert_null (strstr (contents, ",+"));
  /* Read back, the ' is gone again: the same three orders. */
  read_back = batch_test_read (contents, -1);
  g_assert_cmpuint (pkio_batch_get_n_rows (read_back), ==, 3);
  g_assert_cmpstr (pkio_batch_get_row (read_back, 0)->order->ship_info.addr2, ==, "=1+2");
  g_assert_cmpstr (pkio_batch_get_row (read_back, 0)->order->individual.telephone, ==,
                   "+31(0)20 254 7999");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* CertCentral answers the order with a 500 and does not show it afterwards: the row's outcome
 * is unknown, and the window says what to do in its own words, not the command line's. */
static void
test_unknown_outcome_wording (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *table = batch_test_people_table (1, ',');
  g_autofree char *path = write_csv ("unknown.csv", table);
  PkioBatchWindow *window = open_batch (f, path);
  g_autoptr(GPtrArray) rows = NULL;
  const char *text;

  spin_until (read_done, window);
  spin_until (checked, window);
  pkio_simulator_inject_fault (f->simulator, "POST", ORDER_PATH,
                               PKIO_SIMULATOR_FAULT_SERVER_ERROR, 1);
  place (window);
  g_assert_cmpuint (pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH), ==, 1);
  rows = list_rows (window, "people_list");
  g_assert_cmpuint (rows->len, ==, 1);
  text = row_subtitle (g_ptr_array_index (rows, 0));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, expected ("History shows the order once CertCentral does",
                                            "Geschiedenis toont de bestelling zodra "
                                            "CertCentral dat doet")));
  /* Nothing of the command line: no command to run, no option. */
  g_assert_null (strstr (text, "pkio-orders"));
  g_assert_null (strstr (text, "--"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
first_post_answered (gpointer data)
{
  Fixture *f = data;

  return pkio_simulator_get_n_orders (f->simulator) >= 1;
}

static gboolean
batch_window_gone (gpointer data)
{
  PkioBatchWindow **window = data;

  return *window == NULL;
}

/* The window closed while it places: it stops after the order in flight, in the background;
 * each order sent is in History; opening the file again places the rest, none twice. */
static void
test_close_while_placing (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *table = batch_test_people_table (12, ',');
  g_autofree char *path = write_csv ("twelve.csv", table);
  PkioHistoryStore *store = pkio_workspace_get_store (f->workspace);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  PkioBatchWindow *window = open_batch (f, path);
  guint sent;

  spin_until (read_done, window);
  spin_until (checked, window);
  g_signal_emit_by_name (child (window, "place_button"), "clicked");
  spin_until (first_post_answered, f);
  gtk_window_close (GTK_WINDOW (window));
  /* Hidden at once, destroyed when the order in flight has its outcome. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  spin_until (batch_window_gone, &window);
  spin_for (300);
  sent = pkio_simulator_count_requests (f->simulator, "POST", ORDER_PATH);
  g_test_message ("sent before the window closed: %u", sent);
  g_assert_cmpuint (sent, >=, 1);
  g_assert_cmpuint (sent, <, 12);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, sent);

  /* Again: the rest, and only the rest. */
  window = open_batch (f, path);
  spin_until (read_done, window);
  place (window);
  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 12);
  for (guint i = 0; i < posts->len; i++)
    {
      JsonObject *individual =
        json_object_get_object_member (json_object_get_object_member
                                       (json_node_get_object (g_ptr_array_index (posts, i)),
                                        "certificate"), "individual");
      const char *email = json_object_get_string_member (individual, "email");

      g_assert_false (g_hash_table_contains (emails, email));
      g_hash_table_add (emails, (gpointer) email);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 12);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Practice mode's account has its own order field "Cost centre" (issue 23): a column of that
 * name (the UI's language's) is read into each order and sent in custom_fields; a row without
 * a value sends none. */
static void
test_own_field_column (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *header = batch_test_english_header (';');
  g_autofree char *row = batch_test_base_row (0, ';');
  g_autoptr(GString) other = g_string_new (row);
  g_autofree char *table = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  PkioBatchWindow *window;
  JsonObject *first;
  JsonObject *second;

  spin_until (has_fields, f);
  g_assert_cmpuint (g_string_replace (other, "john.doe@example.com", "ann@example.com", 1), ==, 1);
  table = g_strdup_printf ("%s;%s\r\n%s;KP-7\r\n%s;\r\n", header,
                           expected ("Cost centre", "Kostenplaats"), row, other->str);
  path = write_csv ("cost-centre.csv", table);
  window = open_batch (f, path);
  spin_until (read_done, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "orders");
  place (window);

  posts = order_posts (f);
  g_assert_cmpuint (posts->len, ==, 2);
  first = json_node_get_object (g_ptr_array_index (posts, 0));
  second = json_node_get_object (g_ptr_array_index (posts, 1));
  assert_json_equal (json_object_get_member (first, "custom_fields"),
                     "[{\"metadata_id\": 4001, \"value\": \"KP-7\"}]");
  g_assert_false (json_object_has_member (second, "custom_fields"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Practice orders are never mistaken for real ones: the window says practice mode, as the
 * main window does (without its "Leave practice mode": leaving would not end this window's
 * batch); a real account's window does not. Seen failing without the banner. */
static void
test_practice_banner (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *table = batch_test_base_table (',', "\r\n");
  g_autofree char *path = write_csv ("people.csv", table);
  PkioBatchWindow *window = open_batch (f, path);
  PkioBanner *banner = PKIO_BANNER (child (window, "practice_banner"));

  spin_until (read_done, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "orders");
  g_assert_true (pkio_banner_get_revealed (banner));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (banner)));
  g_assert_cmpstr (pkio_banner_get_title (banner), ==,
                   expected ("Practice mode — no real orders",
                             "Oefenmodus — geen echte bestellingen"));
  g_assert_false (gtk_widget_get_visible (pkio_banner_get_button (banner)));
  /* Over every page, the start page too. */
  gtk_window_destroy (GTK_WINDOW (window));
  window = pkio_batch_window_new (f->window, f->workspace);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (widget_is_mapped, window);
  g_assert_cmpstr (pkio_batch_window_get_page (window), ==, "start");
  g_assert_true (pkio_banner_get_revealed (PKIO_BANNER (child (window, "practice_banner"))));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The account's own workspace: real orders, no banner. */
  pkio_application_set_practice (app, FALSE);
  g_assert_false (pkio_workspace_get_practice (pkio_application_get_workspace (app)));
  window = pkio_batch_window_new (NULL, pkio_application_get_workspace (app));
  gtk_window_present (GTK_WINDOW (window));
  spin_until (widget_is_mapped, window);
  g_assert_false (pkio_banner_get_revealed (PKIO_BANNER (child (window, "practice_banner"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  order_test_init (&argc, &argv);
#define ADD(name, func) g_test_add ("/batch-window/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("problems-listed", test_problems_listed);
  ADD ("review-and-place", test_review_and_place);
  ADD ("duplicate-left-out", test_duplicate_left_out);
  ADD ("unchecked-nothing-placed", test_unchecked_nothing_placed);
  ADD ("close-while-placing", test_close_while_placing);
  ADD ("unknown-outcome-wording", test_unknown_outcome_wording);
  ADD ("drop-on-window", test_drop_on_window);
  ADD ("save-template", test_save_template);
  ADD ("save-results", test_save_results);
  ADD ("own-field-column", test_own_field_column);
  ADD ("practice-banner", test_practice_banner);
  ADD ("save-in-shown-folder", test_save_in_shown_folder);
#undef ADD

  return order_test_run ();
}
