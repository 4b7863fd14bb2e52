/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-accessible.h"
#include "pkio-country-row.h"
#include "pkio-shipping-section.h"

struct _PkioShippingSection
{
  AdwBin          parent_instance;

  /* Template children */
  AdwEntryRow    *ship_name_row;
  AdwEntryRow    *ship_addr1_row;
  AdwEntryRow    *ship_addr2_row;
  AdwEntryRow    *ship_zip_row;
  AdwEntryRow    *ship_city_row;
  AdwEntryRow    *ship_state_row;
  PkioCountryRow *ship_country_row;
  AdwActionRow   *ship_standard_row;
  GtkCheckButton *ship_standard_check;
  GtkCheckButton *ship_expedited_check;
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioShippingSection, pkio_shipping_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

enum {
  SAME_AS_HOLDER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static char *
text_of (gpointer editable)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

static void
changed_cb (PkioShippingSection *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

static void
same_as_holder_cb (PkioShippingSection *self)
{
  g_signal_emit (self, signals[SAME_AS_HOLDER], 0);
}

void
pkio_shipping_section_fill_recipient (PkioShippingSection *self,
                                      const PkioShipInfo  *recipient)
{
  g_return_if_fail (PKIO_IS_SHIPPING_SECTION (self));
  g_return_if_fail (recipient != NULL);

  if (recipient->name != NULL)
    set_text (self->ship_name_row, recipient->name);
  if (recipient->city != NULL)
    set_text (self->ship_city_row, recipient->city);
  if (recipient->state != NULL)
    set_text (self->ship_state_row, recipient->state);
  if (recipient->zip != NULL)
    set_text (self->ship_zip_row, recipient->zip);
  if (recipient->country != NULL)
    pkio_country_row_set_code (self->ship_country_row, recipient->country);
  gtk_widget_grab_focus (GTK_WIDGET (self->ship_addr1_row));
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioShippingSection *self = PKIO_SHIPPING_SECTION (section);
  const PkioShipInfo *s = &order->ship_info;

  set_text (self->ship_name_row, s->name);
  set_text (self->ship_addr1_row, s->addr1);
  set_text (self->ship_addr2_row, s->addr2);
  set_text (self->ship_zip_row, s->zip);
  set_text (self->ship_city_row, s->city);
  set_text (self->ship_state_row, s->state);
  pkio_country_row_set_code (self->ship_country_row, s->country);
  gtk_check_button_set_active (s->method == PKIO_SHIP_EXPEDITED ? self->ship_expedited_check
                                                                : self->ship_standard_check, TRUE);
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  PkioShippingSection *self = PKIO_SHIPPING_SECTION (section);
  PkioShipInfo *s = &order->ship_info;

  s->name = text_of (self->ship_name_row);
  s->addr1 = text_of (self->ship_addr1_row);
  s->addr2 = text_of (self->ship_addr2_row);
  s->zip = text_of (self->ship_zip_row);
  s->city = text_of (self->ship_city_row);
  s->state = text_of (self->ship_state_row);
  s->country = g_strdup (pkio_country_row_get_code (self->ship_country_row));
  s->method = gtk_check_button_get_active (self->ship_expedited_check) ? PKIO_SHIP_EXPEDITED
                                                                       : PKIO_SHIP_STANDARD;
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioShippingSection *self = PKIO_SHIPPING_SECTION (section);
  PkioOrderSectionField list[] = {
    { "ship_info.name", GTK_WIDGET (self->ship_name_row) },
    { "ship_info.addr1", GTK_WIDGET (self->ship_addr1_row) },
    { "ship_info.addr2", GTK_WIDGET (self->ship_addr2_row) },
    { "ship_info.zip", GTK_WIDGET (self->ship_zip_row) },
    { "ship_info.city", GTK_WIDGET (self->ship_city_row) },
    { "ship_info.state", GTK_WIDGET (self->ship_state_row) },
    { "ship_info.country", GTK_WIDGET (self->ship_country_row) },
    { "ship_info.method", GTK_WIDGET (self->ship_standard_row) },
  };

  g_array_append_vals (fields, list, G_N_ELEMENTS (list));
}

static void
section_iface_init (PkioOrderSectionInterface *iface)
{
  iface->set_order = set_order;
  iface->collect = collect;
  iface->list_fields = list_fields;
}

/* ---- GObject ---- */

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PkioShippingSection, name)

static void
pkio_shipping_section_class_init (PkioShippingSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SAME_AS_HOLDER] = g_signal_new ("same-as-holder", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  g_type_ensure (PKIO_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-shipping-section.ui");
  BIND (ship_name_row);
  BIND (ship_addr1_row);
  BIND (ship_addr2_row);
  BIND (ship_zip_row);
  BIND (ship_city_row);
  BIND (ship_state_row);
  BIND (ship_country_row);
  BIND (ship_standard_row);
  BIND (ship_standard_check);
  BIND (ship_expedited_check);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, same_as_holder_cb);
}

#undef BIND

static void
pkio_shipping_section_init (PkioShippingSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_accessible_fix_entry_rows (GTK_WIDGET (self));
}
