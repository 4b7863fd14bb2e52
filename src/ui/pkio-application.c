/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-application.h"
#include "pkio-order-notifier.h"
#include "pkio-preferences-window.h"
#include "pkio-settings.h"
#include "pkio-window.h"

struct _PkioApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PkioWorkspace  *workspace;
  PkioOrderNotifier *notifier;
  gboolean        practice;
};

G_DEFINE_FINAL_TYPE (PkioApplication, pkio_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const developers[] = {
  "PKIo Orders developers",
  NULL
};

static void
pkio_application_activate (GApplication *app)
{
  PkioApplication *self = PKIO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (pkio_window_new (self));

  gtk_window_present (window);
}

static int
pkio_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  PkioApplication *self = PKIO_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "practice"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();

      /* Checked here, in the process that was asked: a running instance is never told. */
      if (!pkio_settings_practice_allowed (settings))
        {
          g_printerr ("%s\n", pkio_settings_practice_refused ());
          return 1;
        }
      self->practice = TRUE;
      /* When the app already runs, that instance switches to practice mode: the flag must
       * not be lost on the way to it. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        g_action_group_activate_action (G_ACTION_GROUP (app), "start-practice", NULL);
    }

  return -1;
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PkioApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("PKIo Orders"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The PKIo Orders developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Order PKIoverheid citizen certificates on a hardware token "
                                      "from DigiCert CertCentral Europe, and follow your orders."),
                        "website", "https://github.com/pkioorders/pkio-orders",
                        "issue-url", "https://github.com/pkioorders/pkio-orders/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PkioApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PkioPreferencesWindow *preferences = pkio_preferences_window_new (self->settings,
                                                                     self->workspace);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* "Try practice mode" (the menu, the welcome page) is offered outside practice mode, and only
 * when the organisation allows it. */
static void
update_practice_actions (PkioApplication *self)
{
  GAction *start = g_action_map_lookup_action (G_ACTION_MAP (self), "start-practice");

  if (start != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (start),
                                 !self->practice
                                 && pkio_settings_practice_allowed (self->settings));
}

/* Practice mode is a workspace of its own: switching replaces the app's workspace, and every
 * window follows ("workspace" is notified). Nothing of the real account is touched. */
void
pkio_application_set_practice (PkioApplication *self,
                               gboolean         practice)
{
  g_return_if_fail (PKIO_IS_APPLICATION (self));

  practice = !!practice;
  if (self->workspace != NULL && self->practice == practice)
    return;
  self->practice = practice;
  update_practice_actions (self);
  g_clear_object (&self->workspace);
  self->workspace = pkio_workspace_new (self->settings, practice);
  pkio_order_notifier_set_workspace (self->notifier, self->workspace);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
start_practice_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PkioApplication *self = user_data;

  /* The action is disabled then; this holds also for a caller that does not look. */
  if (!pkio_settings_practice_allowed (self->settings))
    return;
  pkio_application_set_practice (self, TRUE);
}

static void
leave_practice_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  pkio_application_set_practice (PKIO_APPLICATION (user_data), FALSE);
}

/* A notification about an order was clicked. */
static void
show_order_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PkioApplication *self = user_data;

  g_application_activate (G_APPLICATION (self));
  pkio_window_show_order (PKIO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self))),
                          g_variant_get_int64 (parameter));
}

/* The notification about many certificates that end soon was clicked. */
static void
show_ending_soon_action_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PkioApplication *self = user_data;

  g_application_activate (G_APPLICATION (self));
  pkio_window_show_ending_soon (PKIO_WINDOW (gtk_application_get_active_window (
    GTK_APPLICATION (self))));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
  { "start-practice", start_practice_action_cb },
  { "leave-practice", leave_practice_action_cb },
  { "show-order", show_order_action_cb, "x" },
  { "show-ending-soon", show_ending_soon_action_cb },
};

static void
pkio_application_startup (GApplication *app)
{
  PkioApplication *self = PKIO_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pkio_application_parent_class)->startup (app);
  pkio_accessible_init ();

  /* Here and not in init: `--help` and `--version` must work without the installed schema.
   * These are the app's only settings object, and its only account: windows, views and
   * Preferences use them, so a change in one place is seen in all. */
  self->settings = g_settings_new (APPLICATION_ID);
  self->workspace = pkio_workspace_new (self->settings, self->practice);
  self->notifier = pkio_order_notifier_new (app);
  pkio_order_notifier_set_workspace (self->notifier, self->workspace);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  update_practice_actions (self);
  g_signal_connect_object (self->settings, "changed::practice-mode-allowed",
                           G_CALLBACK (update_practice_actions), self, G_CONNECT_SWAPPED);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
pkio_application_finalize (GObject *object)
{
  PkioApplication *self = PKIO_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_application_parent_class)->finalize (object);
}

static void
pkio_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkioApplication *self = PKIO_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE: g_value_set_object (value, self->workspace); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_application_class_init (PkioApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pkio_application_finalize;
  object_class->get_property = pkio_application_get_property;
  app_class->activate = pkio_application_activate;
  app_class->startup = pkio_application_startup;
  app_class->handle_local_options = pkio_application_handle_local_options;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, PKIO_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_application_init (PkioApplication *self)
{
  static const GOptionEntry options[] = {
    { "practice", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Practice mode: place orders with a built-in simulator, never with CertCentral"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[COMMAND …]"));
  g_application_set_option_context_summary (
    G_APPLICATION (self),
    _("Order PKIoverheid citizen certificates from DigiCert CertCentral Europe.\n"
      "Without a command the window opens."));
  g_application_set_option_context_description (
    G_APPLICATION (self),
    _("Commands:\n"
      "  order FILE.json [--dry-run]   Check an order file and place the order\n"
      "  set-api-key                   Read an API key from standard input and store it\n"
      "  history [--json|--csv]        Print the order history\n"
      "  status ORDER_ID               Show the status of one order\n"
      "  expiring [--days N]           List the certificates that end soon\n"
      "  revoke ORDER_ID --reason R    Ask CertCentral to revoke a certificate\n"
      "\n"
      "Each command accepts --practice and --help."));
}

PkioApplication *
pkio_application_new (void)
{
  return g_object_new (PKIO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
pkio_application_get_settings (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
pkio_application_get_practice (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), FALSE);

  return self->practice;
}

PkioOrderNotifier *
pkio_application_get_notifier (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), NULL);

  return self->notifier;
}

PkioWorkspace *
pkio_application_get_workspace (PkioApplication *self)
{
  g_return_val_if_fail (PKIO_IS_APPLICATION (self), NULL);

  return self->workspace;
}
