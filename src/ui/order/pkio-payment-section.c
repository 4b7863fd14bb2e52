/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-card-group.h"
#include "pkio-payment-section.h"

struct _PkioPaymentSection
{
  AdwBin          parent_instance;

  /* Template children */
  AdwActionRow   *pay_balance_row;
  GtkCheckButton *pay_balance_check;
  GtkCheckButton *pay_profile_check;
  GtkCheckButton *pay_card_check;
  AdwBin         *card_slot;

  PkioCardGroup  *card_group;       /* built when "New card" is first chosen */
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioPaymentSection, pkio_payment_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

static void
changed_cb (PkioPaymentSection *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

/* The card's fields, while a new card is chosen. */
static void
update_card (PkioPaymentSection *self)
{
  gboolean card = gtk_check_button_get_active (self->pay_card_check);

  if (card && self->card_group == NULL)
    {
      self->card_group = pkio_card_group_new ();
      adw_bin_set_child (self->card_slot, GTK_WIDGET (self->card_group));
      g_signal_connect_object (self->card_group, "changed", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
      pkio_order_section_fields_changed (PKIO_ORDER_SECTION (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->card_slot), card);
}

static void
payment_choice_cb (PkioPaymentSection *self)
{
  update_card (self);
  changed_cb (self);
}

void
pkio_payment_section_set_balance_text (PkioPaymentSection *self,
                                       const char         *text)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (PKIO_IS_PAYMENT_SECTION (self));

  /* Translators: %s is an amount with its currency, e.g. "4900.00 EUR" */
  subtitle = text != NULL ? g_strdup_printf (_("Balance now: %s"), text)
                          : g_strdup (_("Paid from the prepaid balance of the CertCentral account"));
  adw_action_row_set_subtitle (self->pay_balance_row, subtitle);
}

void
pkio_payment_section_clear_cvv (PkioPaymentSection *self)
{
  g_return_if_fail (PKIO_IS_PAYMENT_SECTION (self));

  if (self->card_group != NULL)
    pkio_card_group_clear_cvv (self->card_group);
}

char *
pkio_payment_section_dup_card_last4 (PkioPaymentSection *self)
{
  g_return_val_if_fail (PKIO_IS_PAYMENT_SECTION (self), NULL);

  return self->card_group != NULL ? pkio_card_group_dup_last4 (self->card_group) : NULL;
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioPaymentSection *self = PKIO_PAYMENT_SECTION (section);

  gtk_check_button_set_active (order->payment_method == PKIO_PAYMENT_CARD ? self->pay_card_check
                               : order->payment_method == PKIO_PAYMENT_PROFILE
                               ? self->pay_profile_check : self->pay_balance_check, TRUE);
  update_card (self);
  if (self->card_group != NULL)
    pkio_order_section_set_order (PKIO_ORDER_SECTION (self->card_group), order, fill);
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  PkioPaymentSection *self = PKIO_PAYMENT_SECTION (section);

  if (gtk_check_button_get_active (self->pay_card_check))
    order->payment_method = PKIO_PAYMENT_CARD;
  else if (gtk_check_button_get_active (self->pay_profile_check))
    order->payment_method = PKIO_PAYMENT_PROFILE;
  else
    order->payment_method = PKIO_PAYMENT_BALANCE;
  if (self->card_group != NULL)
    pkio_order_section_collect (PKIO_ORDER_SECTION (self->card_group), order, what);
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioPaymentSection *self = PKIO_PAYMENT_SECTION (section);
  PkioOrderSectionField field = { "payment_method", GTK_WIDGET (self->pay_balance_row) };

  g_array_append_val (fields, field);
  if (self->card_group != NULL)
    {
      g_autoptr(GArray) card = pkio_order_section_list_fields (
        PKIO_ORDER_SECTION (self->card_group));

      g_array_append_vals (fields, card->data, card->len);
    }
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
pkio_payment_section_dispose (GObject *object)
{
  PkioPaymentSection *self = PKIO_PAYMENT_SECTION (object);

  if (self->card_group != NULL)
    pkio_card_group_clear_card (self->card_group);
  self->card_group = NULL;

  G_OBJECT_CLASS (pkio_payment_section_parent_class)->dispose (object);
}

static void
pkio_payment_section_class_init (PkioPaymentSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_payment_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-payment-section.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentSection, pay_balance_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentSection, pay_balance_check);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentSection, pay_profile_check);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentSection, pay_card_check);
  gtk_widget_class_bind_template_child (widget_class, PkioPaymentSection, card_slot);
  gtk_widget_class_bind_template_callback (widget_class, payment_choice_cb);
}

static void
pkio_payment_section_init (PkioPaymentSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
