/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-accessible.h"
#include "pkio-card-group.h"
#include "pkio-country-row.h"
#include "pkio-field-rules.h"

struct _PkioCardGroup
{
  AdwBin          parent_instance;

  /* Template children */
  AdwEntryRow    *number_row;
  AdwEntryRow    *month_row;
  AdwEntryRow    *year_row;
  GtkWidget      *cvv_row;
  AdwEntryRow    *cardholder_row;
  GtkSwitch      *save_switch;
  GtkSwitch      *default_switch;
  AdwEntryRow    *address_row;
  AdwEntryRow    *address2_row;
  AdwEntryRow    *zip_row;
  AdwEntryRow    *city_row;
  AdwEntryRow    *state_row;
  PkioCountryRow *country_row;

  char           *number;     /* as typed (grouped); the entry may show it masked */
  gboolean        masked;
  gboolean        updating;   /* our own set_text: not the person typing */
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioCardGroup, pkio_card_group, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

static char *
text_of (gpointer editable)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

static void
changed_cb (PkioCardGroup *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

static void
set_text_quietly (PkioCardGroup *self,
                  GtkEditable   *editable,
                  const char    *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (editable, text);
  self->updating = FALSE;
}

/* ---- the card number ---- */

/* "4111111111111111" -> "4111 1111 1111 1111"; American Express (34, 37) as 4-6-5. */
static char *
group_digits (const char *digits)
{
  gboolean amex = g_str_has_prefix (digits, "34") || g_str_has_prefix (digits, "37");
  GString *grouped = g_string_sized_new (32);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (amex ? (i == 4 || i == 10) : i % 4 == 0))
        g_string_append_c (grouped, ' ');
      g_string_append_c (grouped, digits[i]);
    }
  return g_string_free (grouped, FALSE);
}

static void
wipe_number (PkioCardGroup *self)
{
  pkio_order_set_secret (&self->number, NULL);
}

static void
number_changed_cb (PkioCardGroup *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->number_row);
  const char *text = gtk_editable_get_text (editable);
  char *digits;

  if (self->updating)
    return;
  self->masked = FALSE;
  digits = pkio_field_card_digits (text);
  /* Only digits, spaces and dashes are regrouped; anything else stays as typed, and the
   * check says what is wrong with it. */
  if (digits != NULL && *digits != '\0')
    {
      char *grouped = group_digits (digits);

      if (strcmp (grouped, text) != 0)
        {
          int position = gtk_editable_get_position (editable);
          int digits_before = 0;
          int new_position = 0;

          for (int i = 0; text[i] != '\0' && i < position; i++)
            if (g_ascii_isdigit (text[i]))
              digits_before++;
          for (; grouped[new_position] != '\0' && digits_before > 0; new_position++)
            if (g_ascii_isdigit (grouped[new_position]))
              digits_before--;
          set_text_quietly (self, editable, grouped);
          gtk_editable_set_position (editable, new_position);
        }
      pkio_order_set_secret (&self->number, grouped);
      pkio_order_set_secret (&grouped, NULL);
    }
  else
    pkio_order_set_secret (&self->number, text);
  pkio_order_set_secret (&digits, NULL);
  changed_cb (self);
}

static char *
masked_number (const char *number)
{
  g_autofree char *digits = pkio_field_card_digits (number);
  gsize len = digits != NULL ? strlen (digits) : 0;
  char *masked;

  /* TRANSLATORS: a card number hidden but for its last four digits */
  masked = len >= 4 ? g_strdup_printf (_("•••• %s"), digits + len - 4) : g_strdup ("••••");
  pkio_order_set_secret (&digits, NULL);
  return masked;
}

static void
number_focus_leave_cb (PkioCardGroup *self)
{
  g_autofree char *masked = NULL;
  char *digits = pkio_field_card_digits (self->number);
  gboolean only_digits = digits != NULL && *digits != '\0';

  pkio_order_set_secret (&digits, NULL);
  /* Something that is not a card number stays visible, so that its problem can be seen. */
  if (!only_digits)
    return;
  masked = masked_number (self->number);
  set_text_quietly (self, GTK_EDITABLE (self->number_row), masked);
  self->masked = TRUE;
}

static void
number_focus_enter_cb (PkioCardGroup *self)
{
  if (!self->masked)
    return;
  set_text_quietly (self, GTK_EDITABLE (self->number_row), self->number ? self->number : "");
  self->masked = FALSE;
  gtk_editable_set_position (GTK_EDITABLE (self->number_row), -1);
}

/* ---- PkioOrderSection ---- */

/* The billing address of @order; the card is never taken from an order, and what was typed
 * of one is wiped. */
static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioCardGroup *self = PKIO_CARD_GROUP (section);
  const PkioBillingAddress *billing = &order->billing_address;

  pkio_card_group_clear_card (self);
  set_text (self->address_row, billing->address);
  set_text (self->address2_row, billing->address2);
  set_text (self->zip_row, billing->zip);
  set_text (self->city_row, billing->city);
  set_text (self->state_row, billing->state);
  pkio_country_row_set_code (self->country_row, billing->country ? billing->country : "nl");
}

/* The card goes into the order only to be sent, and only when the order is paid by card (the
 * payment section has set order->payment_method first); the billing address always. */
static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  PkioCardGroup *self = PKIO_CARD_GROUP (section);
  PkioBillingAddress *b = &order->billing_address;

  if (what == PKIO_ORDER_SECTION_TO_SEND && order->payment_method == PKIO_PAYMENT_CARD)
    {
      PkioCreditCard *c = &order->credit_card;

      pkio_order_set_secret (&c->number, self->number ? self->number : "");
      pkio_order_set_secret (&c->expiration_month,
                             gtk_editable_get_text (GTK_EDITABLE (self->month_row)));
      pkio_order_set_secret (&c->expiration_year,
                             gtk_editable_get_text (GTK_EDITABLE (self->year_row)));
      pkio_order_set_secret (&c->cvv, gtk_editable_get_text (GTK_EDITABLE (self->cvv_row)));
      pkio_order_set_secret (&c->cardholder_name,
                             gtk_editable_get_text (GTK_EDITABLE (self->cardholder_row)));
      c->save_credit_card = gtk_switch_get_active (self->save_switch);
      c->set_as_default = gtk_switch_get_active (self->default_switch);
    }

  g_free (b->address);
  b->address = text_of (self->address_row);
  g_free (b->address2);
  b->address2 = text_of (self->address2_row);
  g_free (b->zip);
  b->zip = text_of (self->zip_row);
  g_free (b->city);
  b->city = text_of (self->city_row);
  g_free (b->state);
  b->state = text_of (self->state_row);
  g_free (b->country);
  b->country = g_strdup (pkio_country_row_get_code (self->country_row));
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioCardGroup *self = PKIO_CARD_GROUP (section);
  PkioOrderSectionField list[] = {
    { "credit_card.number", GTK_WIDGET (self->number_row) },
    { "credit_card.expiration_month", GTK_WIDGET (self->month_row) },
    { "credit_card.expiration_year", GTK_WIDGET (self->year_row) },
    { "credit_card.cvv", self->cvv_row },
    { "credit_card.cardholder_name", GTK_WIDGET (self->cardholder_row) },
    { "billing_address.address", GTK_WIDGET (self->address_row) },
    { "billing_address.address2", GTK_WIDGET (self->address2_row) },
    { "billing_address.zip", GTK_WIDGET (self->zip_row) },
    { "billing_address.city", GTK_WIDGET (self->city_row) },
    { "billing_address.state", GTK_WIDGET (self->state_row) },
    { "billing_address.country", GTK_WIDGET (self->country_row) },
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

static void
pkio_card_group_dispose (GObject *object)
{
  PkioCardGroup *self = PKIO_CARD_GROUP (object);

  wipe_number (self);

  G_OBJECT_CLASS (pkio_card_group_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, name)

static void
pkio_card_group_class_init (PkioCardGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_card_group_dispose;

  g_type_ensure (PKIO_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-card-group.ui");
  BIND (number_row);
  BIND (month_row);
  BIND (year_row);
  BIND (cvv_row);
  BIND (cardholder_row);
  BIND (save_switch);
  BIND (default_switch);
  BIND (address_row);
  BIND (address2_row);
  BIND (zip_row);
  BIND (city_row);
  BIND (state_row);
  BIND (country_row);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_focus_enter_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_focus_leave_cb);
}

#undef BIND

static void
pkio_card_group_init (PkioCardGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_accessible_fix_entry_rows (GTK_WIDGET (self));
  pkio_country_row_set_code (self->country_row, "nl");
}

/* ---- public ---- */

PkioCardGroup *
pkio_card_group_new (void)
{
  return g_object_new (PKIO_TYPE_CARD_GROUP, NULL);
}

void
pkio_card_group_clear_card (PkioCardGroup *self)
{
  g_return_if_fail (PKIO_IS_CARD_GROUP (self));

  wipe_number (self);
  self->masked = FALSE;
  set_text_quietly (self, GTK_EDITABLE (self->number_row), "");
  set_text (self->month_row, NULL);
  set_text (self->year_row, NULL);
  set_text (self->cvv_row, NULL);
  set_text (self->cardholder_row, NULL);
  gtk_switch_set_active (self->save_switch, FALSE);
  gtk_switch_set_active (self->default_switch, FALSE);
}

void
pkio_card_group_clear_cvv (PkioCardGroup *self)
{
  g_return_if_fail (PKIO_IS_CARD_GROUP (self));

  set_text (self->cvv_row, NULL);
}

char *
pkio_card_group_dup_last4 (PkioCardGroup *self)
{
  g_autofree char *digits = NULL;
  gsize len;
  char *last4;

  g_return_val_if_fail (PKIO_IS_CARD_GROUP (self), NULL);

  digits = pkio_field_card_digits (self->number);
  len = digits != NULL ? strlen (digits) : 0;
  last4 = len >= 4 ? g_strdup (digits + len - 4) : NULL;
  pkio_order_set_secret (&digits, NULL);
  return last4;
}
