/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-countries.h"
#include "pkio-country-row.h"

struct _PkioCountryRow
{
  AdwActionRow  parent_instance;

  GtkDropDown  *dropdown;
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

static void
name_input (PkioCountryRow *self)
{
  /* A screen reader says "Country", not "drop-down". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                  -1);
}

static void
selected_changed_cb (PkioCountryRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

/* Long names ("Bolivia, Plurinational State of") must not widen the row past a phone's
 * width: the button shows them ellipsized, the list in full. */
static void
setup_button_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (name));
}

static void
setup_list_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
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
  GtkListItemFactory *button_factory = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list_factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;

  ensure_countries ();
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (country_names)),
                                                     expression));
  gtk_drop_down_set_enable_search (self->dropdown, TRUE);
  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_button_item_cb), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_item_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  gtk_drop_down_set_factory (self->dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->dropdown, list_factory);
  g_object_unref (button_factory);
  g_object_unref (list_factory);
  gtk_drop_down_set_selected (self->dropdown, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_valign (GTK_WIDGET (self->dropdown), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->dropdown));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->dropdown));

  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (selected_changed_cb),
                            self);
  g_signal_connect (self, "notify::title", G_CALLBACK (name_input), NULL);
  name_input (self);
}

GtkWidget *
pkio_country_row_new (void)
{
  return g_object_new (PKIO_TYPE_COUNTRY_ROW, NULL);
}

const char *
pkio_country_row_get_code (PkioCountryRow *self)
{
  guint selected;

  g_return_val_if_fail (PKIO_IS_COUNTRY_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->dropdown);
  if (selected >= country_codes->len)
    return NULL;
  return g_ptr_array_index (country_codes, selected);
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
  gtk_drop_down_set_selected (self->dropdown, position);
}
