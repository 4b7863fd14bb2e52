/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `pkio-orders --practice` goes through the real option parsing and shows the banner. */
#include "config.h"

#include "pkio-application.h"
#include "pkio-window.h"

static void
activated_cb (GApplication *app,
              gboolean     *checked)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (pkio_application_get_practice (PKIO_APPLICATION (app)));
  g_assert_true (PKIO_IS_WINDOW (window));
  g_assert_true (pkio_window_get_practice_banner_visible (PKIO_WINDOW (window)));
  *checked = TRUE;
  gtk_window_destroy (window);
}

static void
test_practice_option (void)
{
  g_autoptr(PkioApplication) app = pkio_application_new ();
  char *argv[] = { (char *) "pkio-orders", (char *) "--practice", NULL };
  gboolean checked = FALSE;
  int status;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), &checked);
  status = g_application_run (G_APPLICATION (app), 2, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (checked);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/practice-option", test_practice_option);

  return g_test_run ();
}
