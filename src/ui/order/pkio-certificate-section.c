/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-certificate-section.h"

struct _PkioCertificateSection
{
  AdwBin          parent_instance;

  /* Template children */
  AdwActionRow   *profile_authentication_row;
  GtkCheckButton *profile_authentication_check;
  GtkCheckButton *profile_nonrepudiation_check;
  GtkCheckButton *profile_encryption_check;
  AdwExpanderRow *advanced_row;
  GtkSwitch      *pss_switch;
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioCertificateSection, pkio_certificate_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

static void
changed_cb (PkioCertificateSection *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioCertificateSection *self = PKIO_CERTIFICATE_SECTION (section);

  gtk_check_button_set_active (order->profile == PKIO_PROFILE_NONREPUDIATION
                               ? self->profile_nonrepudiation_check
                               : order->profile == PKIO_PROFILE_ENCRYPTION
                               ? self->profile_encryption_check
                               : self->profile_authentication_check, TRUE);
  gtk_switch_set_active (self->pss_switch, order->is_rsassa_pss);
  if (fill & PKIO_ORDER_SECTION_FILL_NEW)
    adw_expander_row_set_expanded (self->advanced_row, FALSE);
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  PkioCertificateSection *self = PKIO_CERTIFICATE_SECTION (section);

  if (gtk_check_button_get_active (self->profile_nonrepudiation_check))
    order->profile = PKIO_PROFILE_NONREPUDIATION;
  else if (gtk_check_button_get_active (self->profile_encryption_check))
    order->profile = PKIO_PROFILE_ENCRYPTION;
  else
    order->profile = PKIO_PROFILE_AUTHENTICATION;
  order->is_rsassa_pss = gtk_switch_get_active (self->pss_switch);
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioCertificateSection *self = PKIO_CERTIFICATE_SECTION (section);
  PkioOrderSectionField field = { "certificate.profile_option",
                                  GTK_WIDGET (self->profile_authentication_row) };

  g_array_append_val (fields, field);
}

static void
section_iface_init (PkioOrderSectionInterface *iface)
{
  iface->set_order = set_order;
  iface->collect = collect;
  iface->list_fields = list_fields;
}

/* ---- GObject ---- */

static void
pkio_certificate_section_class_init (PkioCertificateSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-certificate-section.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioCertificateSection,
                                        profile_authentication_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificateSection,
                                        profile_authentication_check);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificateSection,
                                        profile_nonrepudiation_check);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificateSection,
                                        profile_encryption_check);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificateSection, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCertificateSection, pss_switch);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
pkio_certificate_section_init (PkioCertificateSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
