/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-agreement-section.h"

/* The Certificate Subscriber Agreements of DigiCert's PKIoverheid certificates are published
 * in its legal repository. */
#define CSA_URL "https://www.digicert.com/legal-repository"

struct _PkioAgreementSection
{
  AdwBin          parent_instance;

  /* Template children */
  AdwActionRow   *csa_row;
  GtkCheckButton *csa_check;
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioAgreementSection, pkio_agreement_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

static void
changed_cb (PkioAgreementSection *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

static void
csa_link_activated_cb (PkioAgreementSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CSA_URL, GDK_CURRENT_TIME);
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  gtk_check_button_set_active (PKIO_AGREEMENT_SECTION (section)->csa_check, order->csa_agreed_to);
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  order->csa_agreed_to = gtk_check_button_get_active (PKIO_AGREEMENT_SECTION (section)->csa_check);
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioOrderSectionField field = { "csa_agreed_to",
                                  GTK_WIDGET (PKIO_AGREEMENT_SECTION (section)->csa_row) };

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
pkio_agreement_section_class_init (PkioAgreementSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-agreement-section.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioAgreementSection, csa_row);
  gtk_widget_class_bind_template_child (widget_class, PkioAgreementSection, csa_check);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, csa_link_activated_cb);
}

static void
pkio_agreement_section_init (PkioAgreementSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
