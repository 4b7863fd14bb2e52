/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Screenshots of History after the order (not a test): the real window in practice mode, with
 * practice mode's examples, captured from the X server with ImageMagick's `import`. Run by
 * build-aux/history-screenshots.sh under Xvfb:
 *
 *   pkio-history-screenshots SCENARIO WIDTH HEIGHT OUT.png
 *
 * SCENARIO: ends-soon (History on "Ends soon"; when wide, the certificate's details beside),
 * revoke-dialog (the same certificate's "Revoke certificate…" dialog, a reason chosen). */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "pkio-application.h"
#include "pkio-history-details.h"
#include "pkio-history-view.h"
#include "pkio-order-notifier.h"
#include "pkio-window.h"

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

/* The desktop has no notification server here: what would be said is printed instead. */
static void
print_notice (GApplication          *application,
              const PkioOrderNotice *notice,
              gpointer               user_data)
{
  g_print ("notification: %s: %s\n", notice->title, notice->body);
}

static void
set_quiet_sender (GApplication *app)
{
  pkio_order_notifier_set_sender (pkio_application_get_notifier (PKIO_APPLICATION (app)),
                                  print_notice, NULL);
}

/* The first widget of @type under @widget (depth first), or NULL. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Revoke certificate…" on the record shown, and the first reason chosen in its dialog. */
static void
open_revoke_dialog (GtkWindow *window)
{
  GtkWidget *details = find_widget (GTK_WIDGET (window), PKIO_TYPE_HISTORY_DETAILS);
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (details == NULL || !gtk_widget_activate_action (details, "details.revoke", NULL))
    {
      g_printerr ("no revoke action\n");
      return;
    }
  spin_for (800);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) dialog = g_list_model_get_item (toplevels, i);
      GtkWidget *check;

      if (!ADW_IS_MESSAGE_DIALOG (dialog))
        continue;
      check = find_widget (dialog, GTK_TYPE_CHECK_BUTTON);
      if (check != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
}

static void
activate_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  PkioHistoryView *history;
  GListModel *shown;

  gtk_window_set_default_size (window, width, height);
  spin_for (2500);
  pkio_window_show_ending_soon (PKIO_WINDOW (window));
  history = pkio_window_get_history_view (PKIO_WINDOW (window));
  spin_for (500);
  shown = pkio_history_view_get_shown_model (history);
  /* Wide, the certificate's details beside the list; narrow, the list itself. */
  if ((width > 600 || g_str_equal (scenario, "revoke-dialog"))
      && g_list_model_get_n_items (shown) > 0)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (shown, 0);

      pkio_history_view_show_record (history, record);
    }
  spin_for (1200);
  if (g_str_equal (scenario, "revoke-dialog"))
    {
      open_revoke_dialog (window);
      spin_for (1000);
    }
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

  if (argc != 5 || (!g_str_equal (argv[1], "ends-soon") && !g_str_equal (argv[1], "revoke-dialog")))
    {
      g_printerr ("usage: %s ends-soon|revoke-dialog WIDTH HEIGHT OUT.png\n", argv[0]);
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
  g_signal_connect_after (app, "startup", G_CALLBACK (set_quiet_sender), NULL);
  g_application_run (G_APPLICATION (app), 2, app_argv);
  return status;
}
