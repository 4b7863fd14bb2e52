/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-accessible.h"
#include "pkio-settings-lock.h"

/* What a row had before it was locked, to give it back when the lock goes. */
typedef struct
{
  GtkWidget *note;               /* the lock and "Set by your organisation", a suffix */
  gboolean   showed_apply;       /* entry rows: show-apply-button */
  gboolean   locked;
} RowLock;

static GQuark
row_lock_quark (void)
{
  return g_quark_from_static_string ("pkio-settings-lock");
}

static GtkWidget *
new_note (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  GtkWidget *label = gtk_label_new (_("Set by your organisation"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Locked"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
show_lock (AdwPreferencesRow *row,
           gboolean           locked)
{
  RowLock *lock = g_object_get_qdata (G_OBJECT (row), row_lock_quark ());
  const char *text = _("Set by your organisation");

  if (lock->locked == locked)
    return;
  lock->locked = locked;

  if (lock->note == NULL)
    {
      lock->note = new_note ();
      if (ADW_IS_ENTRY_ROW (row))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), lock->note);
      else if (ADW_IS_ACTION_ROW (row))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock->note);
    }
  gtk_widget_set_visible (lock->note, locked);

  if (ADW_IS_ENTRY_ROW (row))
    {
      /* Not editable, not insensitive: the field keeps the focus and can be read. */
      gtk_editable_set_editable (GTK_EDITABLE (row), !locked);
      if (locked)
        lock->showed_apply = adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (row));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row),
                                           locked ? FALSE : lock->showed_apply);
      pkio_accessible_describe_field (GTK_WIDGET (row), locked ? text : NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (row), !locked);
      if (locked)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
writable_changed_cb (GSettings         *settings,
                     const char        *key,
                     AdwPreferencesRow *row)
{
  show_lock (row, !g_settings_is_writable (settings, key));
}

/* The key a row shows, by its id in the .ui ("api_base_url_row" -> "api-base-url"), or NULL. */
static char *
key_of_row (GtkWidget       *row,
            GSettingsSchema *schema)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (row));
  g_autofree char *key = NULL;

  if (id == NULL || !g_str_has_suffix (id, "_row"))
    return NULL;
  key = g_strndup (id, strlen (id) - strlen ("_row"));
  g_strdelimit (key, "_", '-');
  return g_settings_schema_has_key (schema, key) ? g_steal_pointer (&key) : NULL;
}

static void
watch_rows (GSettings       *settings,
            GSettingsSchema *schema,
            GtkWidget       *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *key = NULL;

      if ((ADW_IS_ENTRY_ROW (child) || ADW_IS_ACTION_ROW (child))
          && (key = key_of_row (child, schema)) != NULL)
        {
          g_autofree char *signal = g_strconcat ("writable-changed::", key, NULL);

          g_object_set_qdata_full (G_OBJECT (child), row_lock_quark (), g_new0 (RowLock, 1),
                                   g_free);
          g_signal_connect_object (settings, signal, G_CALLBACK (writable_changed_cb), child, 0);
          show_lock (ADW_PREFERENCES_ROW (child), !g_settings_is_writable (settings, key));
          continue;
        }
      watch_rows (settings, schema, child);
    }
}

void
pkio_settings_lock_show_rows (GSettings *settings,
                              GtkWidget *owner)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_WIDGET (owner));

  g_object_get (settings, "settings-schema", &schema, NULL);
  watch_rows (settings, schema, owner);
}
