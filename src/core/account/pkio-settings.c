/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-record.h"
#include "pkio-settings.h"

GSettings *
pkio_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

guint
pkio_settings_get_expiry_warning_days (GSettings *settings)
{
  int days;

  if (settings == NULL)
    return PKIO_EXPIRY_WARNING_DAYS_DEFAULT;
  /* An enum of the schema: 30, 60 or 90, nothing else. */
  days = g_settings_get_enum (settings, "expiry-warning-days");
  return days > 0 ? (guint) days : PKIO_EXPIRY_WARNING_DAYS_DEFAULT;
}

gboolean
pkio_settings_practice_allowed (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), TRUE);

  return settings == NULL || g_settings_get_boolean (settings, "practice-mode-allowed");
}

const char *
pkio_settings_practice_refused (void)
{
  return _("Practice mode is turned off by your organisation (the setting "
           "“practice-mode-allowed”). Ask your administrator if you need it.");
}
