/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-countries.h"
#include "pkio-country-popover.h"
#include "pkio-country-row.h"

struct _PkioCountryRow
{
  AdwActionRow        parent_instance;

  GtkLabel           *value_label;
  GtkPopover         *popover;        /* a PkioCountryPopover, built when first opened */
  guint               selected;       /* position in the country list, or GTK_INVALID_LIST_POSITION */
};

G_DEFINE_FINAL_TYPE (PkioCountryRow, pkio_country_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The countries most orders are for come first (PKIoverheid serves the Netherlands, and
 * Belgium is its neighbour); the list is built once per process. */
static const char * const first_codes[] = { "nl", "be" };

static GtkStringList *country_names;
static GPtrArray *country_codes;   /* static strings, same order as country_names */

static void
ensure_countries (void)
{
  g_autoptr(GPtrArray) sorted = NULL;

  if (country_names != NULL)
    return;
  country_names = gtk_string_list_new (NULL);
  country_codes = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (first_codes); i++)
    {
      g_ptr_array_add (country_codes, (gpointer) first_codes[i]);
      gtk_string_list_append (country_names, pkio_countries_get_name (first_codes[i]));
    }
  sorted = pkio_countries_list_sorted ();
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *code = g_ptr_array_index (sorted, i);

      if (g_strv_contains (first_codes, code))
        continue;
      g_ptr_array_add (country_codes, (gpointer) code);
      gtk_string_list_append (country_names, pkio_countries_get_name (code));
    }
}

static const char *
selected_name (PkioCountryRow *self)
{
  return self->selected < country_codes->len
         ? gtk_string_list_get_string (country_names, self->selected) : NULL;
}

/* A screen reader says "Country", named by the row's title, then "Netherlands". */
static void
update_accessible (PkioCountryRow *self)
{
  const char *name = selected_name (self);

  gtk_label_set_text (self->value_label, name != NULL ? name : _("Choose…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  name != NULL ? name : "", -1);
}

static void
select_position (PkioCountryRow *self,
                 guint           position)
{
  if (self->selected == position)
    return;
  self->selected = position;
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

/* ---- the list, built when first opened ---- */

static void
country_chosen_cb (PkioCountryRow *self,
                   const char     *name)
{
  for (guint i = 0; name != NULL && i < country_codes->len; i++)
    if (g_str_equal (gtk_string_list_get_string (country_names, i), name))
      {
        select_position (self, i);
        break;
      }
}

static void
activated_cb (PkioCountryRow *self)
{
  if (self->popover == NULL)
    {
      self->popover = GTK_POPOVER (pkio_country_popover_new (
        G_LIST_MODEL (country_names), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self))));
      gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->value_label));
      g_signal_connect_object (self->popover, "chosen", G_CALLBACK (country_chosen_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_popover_popup (self->popover);
}

/* ---- GObject ---- */

static void
pkio_country_row_dispose (GObject *object)
{
  PkioCountryRow *self = PKIO_COUNTRY_ROW (object);

  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;

  G_OBJECT_CLASS (pkio_country_row_parent_class)->dispose (object);
}

static void
pkio_country_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkioCountryRow *self = PKIO_COUNTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_CODE: g_value_set_string (value, pkio_country_row_get_code (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_country_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PkioCountryRow *self = PKIO_COUNTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_CODE: pkio_country_row_set_code (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_country_row_class_init (PkioCountryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_country_row_dispose;
  object_class->get_property = pkio_country_row_get_property;
  object_class->set_property = pkio_country_row_set_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_country_row_init (PkioCountryRow *self)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  ensure_countries ();
  self->selected = GTK_INVALID_LIST_POSITION;
  self->value_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->value_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->value_label, 20);
  gtk_label_set_xalign (self->value_label, 1);
  gtk_widget_set_valign (GTK_WIDGET (self->value_label), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->value_label));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);

  g_signal_connect (self, "activated", G_CALLBACK (activated_cb), NULL);
  update_accessible (self);
}

GtkWidget *
pkio_country_row_new (void)
{
  return g_object_new (PKIO_TYPE_COUNTRY_ROW, NULL);
}

const char *
pkio_country_row_get_code (PkioCountryRow *self)
{
  g_return_val_if_fail (PKIO_IS_COUNTRY_ROW (self), NULL);

  return self->selected < country_codes->len ? g_ptr_array_index (country_codes, self->selected)
                                             : NULL;
}

void
pkio_country_row_set_code (PkioCountryRow *self,
                           const char     *code)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (PKIO_IS_COUNTRY_ROW (self));

  for (guint i = 0; code != NULL && i < country_codes->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (country_codes, i), code) == 0)
      {
        position = i;
        break;
      }
  select_position (self, position);
}
