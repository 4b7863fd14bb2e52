/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-client.h"
#include "pkio-preferences-window.h"

struct _PkioPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwEntryRow          *api_url_row;
  GtkSwitch            *auto_refresh_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (PkioPreferencesWindow, pkio_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
api_url_apply_cb (PkioPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_url_row))));
  g_autoptr(GError) error = NULL;

  /* The client refuses such an address too; checking here tells the person at once. */
  if (!pkio_client_check_base_url (text, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s For example: https://certcentral.digicert.eu/services/v2/"),
                         error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->api_url_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->api_url_row), "error");
  g_settings_set_string (self->settings, "api-base-url", text);
}

static void
pkio_preferences_window_constructed (GObject *object)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);
  g_autofree char *url = NULL;

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->constructed (object);

  url = g_settings_get_string (self->settings, "api-base-url");
  gtk_editable_set_text (GTK_EDITABLE (self->api_url_row), url);
  g_settings_bind (self->settings, "history-auto-refresh", self->auto_refresh_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
pkio_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_dispose (GObject *object)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->dispose (object);
}

static void
pkio_preferences_window_class_init (PkioPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pkio_preferences_window_constructed;
  object_class->dispose = pkio_preferences_window_dispose;
  object_class->get_property = pkio_preferences_window_get_property;
  object_class->set_property = pkio_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pkio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_url_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, auto_refresh_switch);
  gtk_widget_class_bind_template_callback (widget_class, api_url_apply_cb);
}

static void
pkio_preferences_window_init (PkioPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PkioPreferencesWindow *
pkio_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PKIO_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
