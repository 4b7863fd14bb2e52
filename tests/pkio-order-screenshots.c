/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Screenshots of the New order view (not a test): the real window in practice mode, filled
 * through its widgets, captured from the X server with ImageMagick's `import`, default window
 * decorations included. Run by build-aux/order-screenshots.sh under Xvfb:
 *
 *   pkio-order-screenshots SCENARIO WIDTH HEIGHT OUT.png
 *
 * SCENARIO: empty, errors, review, result, card, duplicate (the review of an authentication
 * certificate for practice mode's Anna de Vries, who already has one: issue 20),
 * renewal (History's "Order a new certificate" for practice mode's Lars Visser),
 * batch-start, batch-problems, batch-review, batch-placed (Order from a spreadsheet…: the new
 * window, a file's problems, the review of four orders, and the four placed: issue 22). */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "pkio-application.h"
#include "pkio-batch-window.h"
#include "pkio-batch.h"
#include "pkio-order-view.h"
#include "pkio-window.h"
#include "ui-test-util.h"

static const char *scenario;
static int width;
static int height;
static const char *out_path;
static int status = 1;

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
set_field (PkioOrderForm *form,
           const char    *path,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pkio_order_form_get_field_row (form, path)), text);
}

static void
check (PkioOrderForm *form,
       const char    *name)
{
  GObject *object = order_form_child (form, name);

  if (GTK_IS_SWITCH (object))
    gtk_switch_set_active (GTK_SWITCH (object), TRUE);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (object), TRUE);
}

static void
fill_seed (PkioOrderForm *form)
{
  check (form, "profile_encryption_check");
  set_field (form, "certificate.individual.first_name", "Anna");
  set_field (form, "certificate.individual.last_name", "de Vries");
  set_field (form, "certificate.individual.email", "a.devries@gemeente-voorbeeld.nl");
  set_field (form, "certificate.individual.telephone", "+31 20 254 7999");
  set_field (form, "certificate.individual.state", "Noord-Holland");
  set_field (form, "certificate.individual.city", "Amsterdam");
  set_field (form, "certificate.individual.zip", "1013 AA");
  set_field (form, "ship_info.name", "Anna de Vries");
  set_field (form, "ship_info.addr1", "Stadhuisplein 1");
  set_field (form, "ship_info.addr2", "Afdeling Burgerzaken");
  set_field (form, "ship_info.city", "Amsterdam");
  set_field (form, "ship_info.state", "Noord-Holland");
  set_field (form, "ship_info.zip", "1013 AA");
  check (form, "ship_expedited_check");
  check (form, "csa_check");
}

/* Brings the row of @path near the top, with the group title above it in sight. */
static void
scroll_to (PkioOrderView *view,
           PkioOrderForm *form,
           const char    *path)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (
    gtk_widget_get_template_child (GTK_WIDGET (view), PKIO_TYPE_ORDER_VIEW, "form_scroller"));
  GtkWidget *row = pkio_order_form_get_field_row (form, path);
  graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t at;

  if (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (scroller), &point, &at))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), at.y - 235);
}

static void
capture (void)
{
  g_autofree char *geometry = g_strdup_printf ("%dx%d+0+0", width, height);
  const char *argv[] = { "import", "-window", "root", "-crop", geometry, "+repage", out_path,
                         NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &wait_status, &error)
      || !g_spawn_check_wait_status (wait_status, &error))
    g_printerr ("import failed: %s\n", error->message);
  else
    status = 0;
}

/* The template of the UI's language with four people; @problems: two of them with mistakes. */
static char *
write_batch_file (gboolean problems)
{
  static const char *const people[][3] = {
    { "Anna", "de Vries", "a.devries@gemeente-voorbeeld.nl" },
    { "Pieter", "Bakker", "p.bakker@gemeente-voorbeeld.nl" },
    { "Fatima", "El Amrani", "f.elamrani@gemeente-voorbeeld.nl" },
    { "Jan", "Jansen", "j.jansen@gemeente-voorbeeld.nl" },
  };
  g_autoptr(GString) template = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("pkio-batch-shot-XXXXXX", NULL);
  /* Dutch file names, as a Dutch administrator names them. */
  char *path = g_build_filename (dir, "nieuwe-medewerkers.csv", NULL);
  const char *row;

  pkio_batch_write_template (template, pkio_batch_language_current (), NULL);
  row = strstr (template->str, "\r\n") + 2;
  g_string_append_len (out, template->str, row - template->str);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GString) line = g_string_new (row);
      g_autofree char *full = g_strdup_printf ("%s %s", people[i][0], people[i][1]);

      g_string_replace (line, "john.doe@example.com", people[i][2], 0);
      g_string_replace (line, "John Doe", full, 0);
      g_string_replace (line, "John", people[i][0], 0);
      g_string_replace (line, "Doe", people[i][1], 0);
      if (problems && i == 1)
        g_string_replace (line, "1013 AA", "1013", 1);
      if (problems && i == 3)
        g_string_replace (line, people[i][2], "j.jansen@", 1);
      g_string_append (out, line->str);
    }
  g_file_set_contents (path, out->str, out->len, NULL);
  return path;
}

static void
batch_scenario (GtkWindow *window,
                GApplication *app)
{
  PkioWorkspace *workspace = pkio_application_get_workspace (PKIO_APPLICATION (app));
  g_autofree char *path = write_batch_file (g_str_equal (scenario, "batch-problems"));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PkioBatchWindow *batch_window = pkio_batch_window_new (window, workspace);
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (batch_window), width, height);
  if (!g_str_equal (scenario, "batch-start"))
    pkio_batch_window_open_file (batch_window, file);
  gtk_window_present (GTK_WINDOW (batch_window));
  spin_for (1500);
  if (g_str_equal (scenario, "batch-placed"))
    {
      gtk_widget_activate_action (GTK_WIDGET (batch_window), "batch.place", NULL);
      while (!pkio_batch_window_get_done (batch_window) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
    }
  spin_for (1200);
  capture ();
  gtk_window_destroy (GTK_WINDOW (batch_window));
}

static void
activate_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  PkioOrderView *view;
  PkioOrderForm *form;
  gint64 deadline;

  gtk_window_set_default_size (window, width, height);
  spin_for (1500);
  view = PKIO_ORDER_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), PKIO_TYPE_WINDOW,
                                                         "order_view"));
  form = pkio_order_view_get_form (view);
  if (g_str_has_prefix (scenario, "batch-"))
    {
      batch_scenario (window, app);
      gtk_window_destroy (window);
      return;
    }

  if (g_str_equal (scenario, "errors"))
    {
      set_field (form, "certificate.individual.first_name", "Dr. Jan");
      set_field (form, "certificate.individual.last_name", "Jansen");
      set_field (form, "certificate.individual.email", "jan.jansen@");
      set_field (form, "certificate.individual.telephone", "020 254 7999");
      set_field (form, "certificate.individual.zip", "1013");
      gtk_widget_activate_action (GTK_WIDGET (view), "order.review", NULL);
      spin_for (300);
      pkio_order_form_focus_field (form, "certificate.individual.first_name");
      spin_for (300);
      scroll_to (view, form, "certificate.individual.first_name");
    }
  else if (g_str_equal (scenario, "review") || g_str_equal (scenario, "result"))
    {
      fill_seed (form);
      gtk_widget_activate_action (GTK_WIDGET (view), "order.review", NULL);
      if (g_str_equal (scenario, "result"))
        {
          spin_for (300);
          gtk_widget_activate_action (GTK_WIDGET (view), "order.place", NULL);
          deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
          while (g_strcmp0 (pkio_order_view_get_page (view), "outcome") != 0
                 && g_get_monotonic_time () < deadline)
            g_main_context_iteration (NULL, TRUE);
        }
    }
  else if (g_str_equal (scenario, "duplicate"))
    {
      fill_seed (form);
      check (form, "profile_authentication_check");
      set_field (form, "certificate.individual.email", "anna.devries@example.nl");
      gtk_widget_activate_action (GTK_WIDGET (view), "order.review", NULL);
    }
  else if (g_str_equal (scenario, "country"))
    {
      /* The holder's country list, open (PkioCountryPopover). */
      pkio_order_form_focus_field (form, "certificate.individual.country");
      g_signal_emit_by_name (pkio_order_form_get_field_row (form, "certificate.individual.country"),
                             "activated");
    }
  else if (g_str_equal (scenario, "people"))
    {
      /* The people of earlier orders, open (PkioKnownPersonPopover): none yet. */
      check (form, "holder_known_check");
      spin_for (200);
      gtk_menu_button_popup (GTK_MENU_BUTTON (order_form_child (form, "people_button")));
    }
  else if (g_str_equal (scenario, "fields") || g_str_equal (scenario, "fields-review"))
    {
      /* Practice mode's account has one field of its own, "Cost centre" (metadata id 4001). */
      fill_seed (form);
      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while (pkio_order_form_get_field_row (form, "custom_fields.4001") == NULL
             && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      set_field (form, "custom_fields.4001", "KP-4711");
      if (g_str_equal (scenario, "fields-review"))
        gtk_widget_activate_action (GTK_WIDGET (view), "order.review", NULL);
      else
        {
          pkio_order_form_focus_field (form, "custom_fields.4001");
          spin_for (300);
          scroll_to (view, form, "custom_fields.4001");
        }
    }
  else if (g_str_equal (scenario, "renewal"))
    {
      /* History's "Order a new certificate" for practice mode's Lars Visser, whose certificate
       * ends soon: the form says it is a renewal, of which order, and what becomes of the old
       * certificate. */
      PkioWorkspace *workspace = pkio_application_get_workspace (PKIO_APPLICATION (app));
      GListModel *records = G_LIST_MODEL (pkio_workspace_get_store (workspace));
      gint64 local_id = 0;

      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while (local_id == 0 && g_get_monotonic_time () < deadline)
        {
          for (guint i = 0; i < g_list_model_get_n_items (records); i++)
            {
              g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

              if (g_strcmp0 (pkio_history_record_get_holder_name (record), "Lars Visser") == 0)
                local_id = pkio_history_record_get_local_id (record);
            }
          g_main_context_iteration (NULL, TRUE);
        }
      pkio_order_view_renew_async (view, local_id, NULL, NULL, NULL);
    }
  else if (g_str_equal (scenario, "card"))
    {
      fill_seed (form);
      check (form, "pay_card_check");
      spin_for (200);
      set_field (form, "credit_card.number", "4111111111111111");
      pkio_order_form_focus_field (form, "credit_card.number");
    }
  spin_for (1200);
  capture ();
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { (char *) "pkio-orders", (char *) "--practice", NULL };
  const char *localedir = g_getenv ("PKIO_ORDERS_LOCALEDIR");
  g_autoptr(PkioApplication) app = NULL;

  if (argc != 5)
    {
      g_printerr ("usage: %s SCENARIO WIDTH HEIGHT OUT.png\n", argv[0]);
      return 2;
    }
  scenario = argv[1];
  width = atoi (argv[2]);
  height = atoi (argv[3]);
  out_path = argv[4];

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pkio_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 2, app_argv);
  return status;
}
