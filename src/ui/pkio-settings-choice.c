/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-settings-choice.h"

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *values = user_data;
  const char *stored = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (stored, values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *values = user_data;
  guint n = g_strv_length ((char **) values);
  guint selected = g_value_get_uint (value);

  /* GTK_INVALID_LIST_POSITION (nothing selected) keeps the first. */
  return g_variant_new_string (values[selected < n ? selected : 0]);
}

void
pkio_settings_bind_choice (GSettings          *settings,
                           const char         *key,
                           gpointer            object,
                           const char * const *values)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (values != NULL && values[0] != NULL);

  g_settings_bind_with_mapping (settings, key, object, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping, (gpointer) values, NULL);
}
