/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-field-rules.h"
#include "pkio-order-form-private.h"

/* The order in and out of the form: what the widgets say as a PkioOrder (to send, or as a
 * draft without card data), and the widgets filled from one (a draft, another order for the
 * same person). */

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

/* ---- collecting the order ---- */

static void
collect_individual (PkioOrderForm  *self,
                    PkioIndividual *i,
                    gboolean        for_draft)
{
  i->use_id = gtk_check_button_get_active (self->holder_known_check);
  if (i->use_id || for_draft)
    {
      g_autofree char *text = pkio_field_trim (gtk_editable_get_text (GTK_EDITABLE (self->individual_id_row)));
      gint64 id = 0;

      /* Anything but a whole number counts as none: the check then says what to enter. */
      if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        id = 0;
      i->id = id;
    }
  if (!i->use_id || for_draft)
    {
      i->first_name = text_of (self->first_name_row);
      i->last_name = text_of (self->last_name_row);
      i->email = text_of (self->email_row);
      i->telephone = text_of (self->telephone_row);
      i->country = g_strdup (pkio_country_row_get_code (self->holder_country_row));
      i->state = text_of (self->holder_state_row);
      i->city = text_of (self->holder_city_row);
      i->zip = text_of (self->holder_zip_row);
    }
}

static PkioOrder *
collect (PkioOrderForm *self,
         gboolean       for_draft)
{
  PkioOrder *order = pkio_order_new ();
  PkioShipInfo *s = &order->ship_info;
  PkioValidity *v = &order->validity;

  if (gtk_check_button_get_active (self->profile_nonrepudiation_check))
    order->profile = PKIO_PROFILE_NONREPUDIATION;
  else if (gtk_check_button_get_active (self->profile_encryption_check))
    order->profile = PKIO_PROFILE_ENCRYPTION;
  else
    order->profile = PKIO_PROFILE_AUTHENTICATION;
  order->is_rsassa_pss = gtk_switch_get_active (self->pss_switch);

  collect_individual (self, &order->individual, for_draft);
  order->csa_agreed_to = gtk_check_button_get_active (self->csa_check);

  s->name = text_of (self->ship_name_row);
  s->addr1 = text_of (self->ship_addr1_row);
  s->addr2 = text_of (self->ship_addr2_row);
  s->zip = text_of (self->ship_zip_row);
  s->city = text_of (self->ship_city_row);
  s->state = text_of (self->ship_state_row);
  s->country = g_strdup (pkio_country_row_get_code (self->ship_country_row));
  s->method = gtk_check_button_get_active (self->ship_expedited_check) ? PKIO_SHIP_EXPEDITED
                                                                       : PKIO_SHIP_STANDARD;

  v->allowed_years = self->allowed_years;
  v->days = gtk_spin_button_get_value_as_int (self->days_spin);
  v->custom_date = self->end_date;
  if (gtk_check_button_get_active (self->days_check))
    v->kind = PKIO_VALIDITY_DAYS;
  else if (gtk_check_button_get_active (self->date_check))
    v->kind = PKIO_VALIDITY_CUSTOM_DATE;
  else
    {
      v->kind = PKIO_VALIDITY_YEARS;
      v->years = gtk_check_button_get_active (self->years3_check) ? 3
                 : gtk_check_button_get_active (self->years2_check) ? 2 : 1;
    }

  if (gtk_check_button_get_active (self->pay_card_check))
    order->payment_method = PKIO_PAYMENT_CARD;
  else if (gtk_check_button_get_active (self->pay_profile_check))
    order->payment_method = PKIO_PAYMENT_PROFILE;
  else
    order->payment_method = PKIO_PAYMENT_BALANCE;
  if (self->card_group != NULL)
    pkio_card_group_collect (self->card_group, order,
                             !for_draft && order->payment_method == PKIO_PAYMENT_CARD);
  return order;
}

PkioOrder *
pkio_order_form_dup_order (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);
  return collect (self, FALSE);
}

PkioOrder *
pkio_order_form_dup_draft (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);
  return collect (self, TRUE);
}

/* ---- filling the form ---- */

static void
select_years (PkioOrderForm *self,
              gint64         years)
{
  GtkCheckButton *checks[] = { self->years1_check, self->years2_check, self->years3_check };

  gtk_check_button_set_active (checks[CLAMP (years, 1, 3) - 1], TRUE);
}

/* A year the product does not offer gives way to the first one it does. */
static void
apply_allowed_years (PkioOrderForm *self)
{
  GtkCheckButton *checks[] = { self->years1_check, self->years2_check, self->years3_check };
  int first = 0;
  gboolean lost = FALSE;

  for (int y = 1; y <= 3; y++)
    {
      gboolean offered = (self->allowed_years & (1u << y)) != 0;

      gtk_widget_set_visible (self->years_rows[y - 1], offered);
      if (offered && first == 0)
        first = y;
      if (!offered && gtk_check_button_get_active (checks[y - 1]))
        lost = TRUE;
    }
  if (lost && first != 0)
    select_years (self, first);
}

void
pkio_order_form_set_order (PkioOrderForm   *self,
                           const PkioOrder *order)
{
  const PkioIndividual *i;
  const PkioShipInfo *s;
  const PkioValidity *v;

  g_return_if_fail (PKIO_IS_ORDER_FORM (self));
  g_return_if_fail (order != NULL);

  i = &order->individual;
  s = &order->ship_info;
  v = &order->validity;
  self->filling = TRUE;

  gtk_check_button_set_active (order->profile == PKIO_PROFILE_NONREPUDIATION
                               ? self->profile_nonrepudiation_check
                               : order->profile == PKIO_PROFILE_ENCRYPTION
                               ? self->profile_encryption_check
                               : self->profile_authentication_check, TRUE);
  gtk_switch_set_active (self->pss_switch, order->is_rsassa_pss);

  gtk_check_button_set_active (i->use_id ? self->holder_known_check : self->holder_new_check,
                               TRUE);
  if (i->id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, i->id);

      set_text (self->individual_id_row, id);
    }
  else
    set_text (self->individual_id_row, NULL);
  g_clear_pointer (&self->known_label, g_free);
  g_clear_pointer (&self->known_name, g_free);
  set_text (self->first_name_row, i->first_name);
  set_text (self->last_name_row, i->last_name);
  set_text (self->email_row, i->email);
  set_text (self->telephone_row, i->telephone);
  pkio_country_row_set_code (self->holder_country_row, i->country);
  set_text (self->holder_state_row, i->state);
  set_text (self->holder_city_row, i->city);
  set_text (self->holder_zip_row, i->zip);
  gtk_check_button_set_active (self->csa_check, order->csa_agreed_to);

  set_text (self->ship_name_row, s->name);
  set_text (self->ship_addr1_row, s->addr1);
  set_text (self->ship_addr2_row, s->addr2);
  set_text (self->ship_zip_row, s->zip);
  set_text (self->ship_city_row, s->city);
  set_text (self->ship_state_row, s->state);
  pkio_country_row_set_code (self->ship_country_row, s->country);
  gtk_check_button_set_active (s->method == PKIO_SHIP_EXPEDITED ? self->ship_expedited_check
                                                                : self->ship_standard_check, TRUE);

  if (v->days >= 1)
    gtk_spin_button_set_value (self->days_spin, (double) v->days);
  self->end_date = v->custom_date;
  _pkio_order_form_update_date_button (self);
  if (v->kind == PKIO_VALIDITY_DAYS)
    gtk_check_button_set_active (self->days_check, TRUE);
  else if (v->kind == PKIO_VALIDITY_CUSTOM_DATE)
    gtk_check_button_set_active (self->date_check, TRUE);
  else
    select_years (self, v->years);
  adw_expander_row_set_expanded (self->other_validity_row, v->kind != PKIO_VALIDITY_YEARS);
  apply_allowed_years (self);

  gtk_check_button_set_active (order->payment_method == PKIO_PAYMENT_CARD ? self->pay_card_check
                               : order->payment_method == PKIO_PAYMENT_PROFILE
                               ? self->pay_profile_check : self->pay_balance_check, TRUE);
  _pkio_order_form_update_sections (self);
  if (self->card_group != NULL)
    {
      pkio_card_group_clear_card (self->card_group);
      pkio_card_group_set_billing (self->card_group, &order->billing_address);
    }

  self->filling = FALSE;
  _pkio_order_form_revalidate (self);
}

void
pkio_order_form_reset (PkioOrderForm *self)
{
  g_autoptr(PkioOrder) empty = pkio_order_new ();

  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  empty->individual.country = g_strdup ("nl");
  empty->ship_info.country = g_strdup ("nl");
  empty->billing_address.country = g_strdup ("nl");
  empty->validity.days = 30;
  self->tried = FALSE;
  _pkio_order_form_forget_problems (self);
  pkio_order_form_set_order (self, empty);
  adw_expander_row_set_expanded (self->advanced_row, FALSE);
}

void
pkio_order_form_set_allowed_years (PkioOrderForm *self,
                                   GArray        *years)
{
  guint mask = 0;

  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  for (guint i = 0; years != NULL && i < years->len; i++)
    {
      gint64 y = g_array_index (years, gint64, i);

      if (y >= 1 && y <= 3)
        mask |= 1u << y;
    }
  self->allowed_years = mask != 0 ? mask : PKIO_ORDER_ALLOWED_YEARS_DEFAULT;
  self->filling = TRUE;
  apply_allowed_years (self);
  self->filling = FALSE;
  _pkio_order_form_revalidate (self);
}
