/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pkio-application.h"
#include "pkio-cli.h"

/* Tests point this at the build tree so LANGUAGE=nl shows the freshly built catalogue. */
static const char *
locale_dir (void)
{
  const char *override = g_getenv ("PKIO_ORDERS_LOCALEDIR");

  return (override != NULL && *override != '\0') ? override : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PkioApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands (order, history, …) run without a display; everything else is the GUI. */
  if (pkio_cli_handles (argc, argv))
    return pkio_cli_run (argc, argv);

  app = pkio_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
