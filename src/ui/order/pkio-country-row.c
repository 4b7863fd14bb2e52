/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-countries.h"
#include "pkio-country-row.h"

struct _PkioCountryRow
{
  AdwActionRow        parent_instance;

  GtkLabel           *value_label;
  GtkPopover         *popover;        /* built when first opened */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
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
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
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
item_activated_cb (PkioCountryRow *self,
                   guint           position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                           position);
  const char *name = item != NULL ? gtk_string_object_get_string (item) : NULL;

  for (guint i = 0; name != NULL && i < country_codes->len; i++)
    if (g_str_equal (gtk_string_list_get_string (country_names, i), name))
      {
        select_position (self, i);
        break;
      }
  gtk_popover_popdown (self->popover);
}

static void
search_changed_cb (PkioCountryRow *self)
{
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search takes the first match. */
static void
search_activated_cb (PkioCountryRow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    item_activated_cb (self, 0);
}

static void
popover_shown_cb (PkioCountryRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
ensure_popover (PkioCountryRow *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;
  GtkWidget *box;
  GtkWidget *scrolled;

  if (self->popover != NULL)
    return;

  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                                     "string"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (country_names)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)), -1);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search countries"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, 240, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), scrolled);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->value_label));

  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (item_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated_cb),
                            self);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_shown_cb), self);
  /* Keys typed in the list go on into the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

static void
activated_cb (PkioCountryRow *self)
{
  ensure_popover (self);
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
  g_clear_object (&self->filter);
  g_clear_object (&self->filtered);

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
