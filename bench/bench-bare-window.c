/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline for bench-startup: a bare AdwApplicationWindow, built with the same flags as the
 * app, that reports its first painted frame the same way PkioWindow does. */
#include "config.h"

#include <adwaita.h>

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, window);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  /* Without the hook's variable it runs on, as bench-startup's memory 2 s after the start
   * needs (the app does the same). */
  if (g_getenv ("PKIO_ORDERS_BENCH_FIRST_FRAME") != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
mapped_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted_cb), window);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.pkioorders.BareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
