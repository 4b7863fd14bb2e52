/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-country-popover.h"

struct _PkioCountryPopover
{
  GtkPopover          parent_instance;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkFilterListModel *filtered;
  GtkStringFilter    *filter;
};

G_DEFINE_FINAL_TYPE (PkioCountryPopover, pkio_country_popover, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
item_activated_cb (PkioCountryPopover *self,
                   guint               position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                           position);

  gtk_popover_popdown (GTK_POPOVER (self));
  if (item != NULL)
    g_signal_emit (self, signals[CHOSEN], 0, gtk_string_object_get_string (item));
}

static void
search_changed_cb (PkioCountryPopover *self)
{
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search takes the first match. */
static void
search_activated_cb (PkioCountryPopover *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    item_activated_cb (self, 0);
}

static void
shown_cb (PkioCountryPopover *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pkio_country_popover_class_init (PkioCountryPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-country-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioCountryPopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PkioCountryPopover, list_view);
  gtk_widget_class_bind_template_child (widget_class, PkioCountryPopover, filtered);
  gtk_widget_class_bind_template_child (widget_class, PkioCountryPopover, filter);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, shown_cb);
}

static void
pkio_country_popover_init (PkioCountryPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Keys typed in the list go on into the search (no property for it in GTK 4.8). */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

PkioCountryPopover *
pkio_country_popover_new (GListModel *countries,
                          const char *label)
{
  PkioCountryPopover *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (countries), NULL);

  self = g_object_new (PKIO_TYPE_COUNTRY_POPOVER, NULL);
  gtk_filter_list_model_set_model (self->filtered, countries);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return self;
}
