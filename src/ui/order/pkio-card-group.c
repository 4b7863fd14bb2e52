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

G_DEFINE_FINAL_TYPE (PkioCardGroup, pkio_card_group, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const field_paths[] = {
  "credit_card.number",
  "credit_card.expiration_month",
  "credit_card.expiration_year",
  "credit_card.cvv",
  "credit_card.cardholder_name",
  "billing_address.address",
  "billing_address.address2",
  "billing_address.zip",
  "billing_address.city",
  "billing_address.state",
  "billing_address.country",
  NULL
};

static void
emit_changed (PkioCardGroup *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
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
  emit_changed (self);
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

/* ---- GObject ---- */

static void
pkio_card_group_dispose (GObject *object)
{
  PkioCardGroup *self = PKIO_CARD_GROUP (object);

  wipe_number (self);

  G_OBJECT_CLASS (pkio_card_group_parent_class)->dispose (object);
}

static void
pkio_card_group_class_init (PkioCardGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_card_group_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PKIO_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-card-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, number_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, month_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, year_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, cvv_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, cardholder_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, save_switch);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, default_switch);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, address_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, address2_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, zip_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, city_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, state_row);
  gtk_widget_class_bind_template_child (widget_class, PkioCardGroup, country_row);
}

static void
pkio_card_group_init (PkioCardGroup *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *editables[9];

  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_accessible_fix_entry_rows (GTK_WIDGET (self));

  editables[0] = GTK_WIDGET (self->month_row);
  editables[1] = GTK_WIDGET (self->year_row);
  editables[2] = self->cvv_row;
  editables[3] = GTK_WIDGET (self->cardholder_row);
  editables[4] = GTK_WIDGET (self->address_row);
  editables[5] = GTK_WIDGET (self->address2_row);
  editables[6] = GTK_WIDGET (self->zip_row);
  editables[7] = GTK_WIDGET (self->city_row);
  editables[8] = GTK_WIDGET (self->state_row);
  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    g_signal_connect_swapped (editables[i], "changed", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (self->number_row, "changed", G_CALLBACK (number_changed_cb), self);
  g_signal_connect_swapped (self->save_switch, "notify::active", G_CALLBACK (emit_changed),
                            self);
  g_signal_connect_swapped (self->default_switch, "notify::active", G_CALLBACK (emit_changed),
                            self);
  g_signal_connect_swapped (self->country_row, "notify::code", G_CALLBACK (emit_changed), self);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (number_focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (number_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->number_row), focus);

  pkio_country_row_set_code (self->country_row, "nl");
}

PkioCardGroup *
pkio_card_group_new (void)
{
  return g_object_new (PKIO_TYPE_CARD_GROUP, NULL);
}

static char *
text_of (gpointer editable)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

void
pkio_card_group_collect (PkioCardGroup *self,
                         PkioOrder     *order,
                         gboolean       with_card)
{
  PkioBillingAddress *b;

  g_return_if_fail (PKIO_IS_CARD_GROUP (self));
  g_return_if_fail (order != NULL);

  if (with_card)
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

  b = &order->billing_address;
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
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

void
pkio_card_group_set_billing (PkioCardGroup            *self,
                             const PkioBillingAddress *billing)
{
  g_return_if_fail (PKIO_IS_CARD_GROUP (self));
  g_return_if_fail (billing != NULL);

  set_text (self->address_row, billing->address);
  set_text (self->address2_row, billing->address2);
  set_text (self->zip_row, billing->zip);
  set_text (self->city_row, billing->city);
  set_text (self->state_row, billing->state);
  pkio_country_row_set_code (self->country_row, billing->country ? billing->country : "nl");
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

const char * const *
pkio_card_group_get_paths (void)
{
  return field_paths;
}

GtkWidget *
pkio_card_group_get_row (PkioCardGroup *self,
                         const char    *path)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->number_row), GTK_WIDGET (self->month_row), GTK_WIDGET (self->year_row),
    self->cvv_row, GTK_WIDGET (self->cardholder_row), GTK_WIDGET (self->address_row),
    GTK_WIDGET (self->address2_row), GTK_WIDGET (self->zip_row), GTK_WIDGET (self->city_row),
    GTK_WIDGET (self->state_row), GTK_WIDGET (self->country_row),
  };

  g_return_val_if_fail (PKIO_IS_CARD_GROUP (self), NULL);
  g_assert (G_N_ELEMENTS (rows) == G_N_ELEMENTS (field_paths) - 1);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (field_paths[i], path) == 0)
      return rows[i];
  return NULL;
}
