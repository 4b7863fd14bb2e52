/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "pkio-application.h"
#include "pkio-cli.h"
#include "pkio-settings.h"

/* Tests point this at the build tree so LANGUAGE=nl shows the freshly built catalogue. */
static const char *
locale_dir (void)
{
  const char *override = g_getenv ("PKIO_ORDERS_LOCALEDIR");

  return (override != NULL && *override != '\0') ? override : LOCALEDIR;
}

/* The language chosen in Preferences ("language": "", "en" or "nl") wins over the system's,
 * from the start after it was chosen: it is read here, before gettext and GTK look at the
 * locale. */
static void
apply_language_setting (void)
{
  g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();
  g_autofree char *language = NULL;
  const char *messages;

  if (settings == NULL)
    return;
  language = g_settings_get_string (settings, "language");
  if (*language == '\0')
    return;
  /* gettext ignores LANGUAGE in the "C" locale. C.UTF-8 exists everywhere, so the Dutch
   * catalogue is used even where no nl_NL locale was ever generated; its characters (é, ë)
   * need UTF-8 too. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0)
    {
      setlocale (LC_MESSAGES, "C.UTF-8");
      setlocale (LC_CTYPE, "C.UTF-8");
    }
  g_setenv ("LANGUAGE", language, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PkioApplication) app = NULL;

  setlocale (LC_ALL, "");
  apply_language_setting ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands (order, history, …) run without a display; everything else is the GUI. */
  if (pkio_cli_handles (argc, argv))
    return pkio_cli_run (argc, argv);

  app = pkio_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
