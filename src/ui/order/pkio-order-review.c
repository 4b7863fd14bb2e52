/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-countries.h"
#include "pkio-custom-fields.h"
#include "pkio-date-text.h"
#include "pkio-field-rules.h"
#include "pkio-order-review.h"

struct _PkioOrderReview
{
  AdwBin      parent_instance;

  /* Template children */
  GtkWidget  *content_box;
  GtkLabel   *title_label;
  GtkLabel   *note_label;
  GtkWidget  *key_box;
  GtkWidget  *replace_key_button;
  GtkBox     *groups_box;
  GtkLabel   *error_label;
  GtkWidget  *sending_box;
  GtkSpinner *sending_spinner;
  GtkWidget  *place_button;
  GtkLabel   *place_label;
  GtkWidget  *back_button;
  GtkWidget  *duplicate_box;
  GtkWidget  *duplicate_checking_box;
  GtkSpinner *duplicate_spinner;
  GtkLabel   *duplicate_label;
  GtkWidget  *duplicate_history_button;
  GtkCheckButton *duplicate_confirm_check;

  PkioOrderReviewDuplicate duplicate;
  gboolean    sending;
};

enum {
  PROP_0,
  PROP_PLACE_CONFIRMED,
  PROP_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PkioOrderReview, pkio_order_review, ADW_TYPE_BIN)

/* ---- plain words ---- */

static char *
trimmed (const char *text)
{
  return pkio_field_trim (text);
}

static const char *
country_name (const char *code)
{
  const char *name = pkio_countries_get_name (code);

  return name != NULL ? name : code;
}

/* "1013 AA Amsterdam" and the lines around it, as a postal address reads. */
static char *
describe_place (const char *zip,
                const char *city,
                const char *state,
                const char *country)
{
  g_autofree char *normalized = pkio_field_normalize_zip (zip, country);
  g_autofree char *zip_text = normalized != NULL ? g_strdup (normalized) : trimmed (zip);
  g_autofree char *city_text = trimmed (city);
  g_autofree char *state_text = trimmed (state);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s%s%s", zip_text, *zip_text && *city_text ? " " : "",
                          city_text);
  if (*state_text)
    g_string_append_printf (text, "\n%s", state_text);
  if (country != NULL && *country)
    g_string_append_printf (text, "\n%s", country_name (country));
  return g_string_free (text, FALSE);
}

char *
pkio_order_review_describe_validity (const PkioValidity *validity)
{
  g_return_val_if_fail (validity != NULL, NULL);

  switch (validity->kind)
    {
    case PKIO_VALIDITY_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                           (gulong) validity->days), (guint) validity->days);
    case PKIO_VALIDITY_CUSTOM_DATE:
      if (g_date_valid (&validity->custom_date))
        {
          g_autoptr(GDateTime) date = g_date_time_new_local (
            g_date_get_year (&validity->custom_date), g_date_get_month (&validity->custom_date),
            g_date_get_day (&validity->custom_date), 12, 0, 0);
          /* Translators: a date, see g_date_time_format() */
          g_autofree char *text = pkio_date_text_format (date, _("%-d %B %Y"));

          /* Translators: %s is a date */
          return g_strdup_printf (_("Until %s"), text);
        }
      return g_strdup (_("Until a date not chosen yet"));
    case PKIO_VALIDITY_YEARS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u year", "%u years",
                                           (gulong) validity->years), (guint) validity->years);
    }
}

char *
pkio_order_review_describe_payment (const PkioOrder *order,
                                    const char      *balance_text,
                                    const char      *card_last4)
{
  g_return_val_if_fail (order != NULL, NULL);

  switch (order->payment_method)
    {
    case PKIO_PAYMENT_PROFILE:
      return g_strdup (_("With the card saved in the CertCentral account"));
    case PKIO_PAYMENT_CARD:
      if (card_last4 != NULL)
        /* Translators: %s is the last four digits of a card number */
        return g_strdup_printf (_("With the card ending %s"), card_last4);
      return g_strdup (_("With a new card"));
    case PKIO_PAYMENT_BALANCE:
    default:
      if (balance_text != NULL)
        /* Translators: %s is an amount with its currency, e.g. "4900.00 EUR" */
        return g_strdup_printf (_("From the account balance (%s now)"), balance_text);
      return g_strdup (_("From the account balance"));
    }
}

static const char *
profile_text (PkioProfile profile)
{
  switch (profile)
    {
    case PKIO_PROFILE_NONREPUDIATION:
      return _("Signing: legally binding electronic signatures (non-repudiation)");
    case PKIO_PROFILE_ENCRYPTION:
      return _("Encryption: keeping messages and files confidential");
    case PKIO_PROFILE_AUTHENTICATION:
    default:
      return _("Authentication: proving who you are when logging in");
    }
}

/* ---- rows ---- */

static AdwPreferencesGroup *
add_group (PkioOrderReview *self,
           const char      *title,
           const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value ? value : "—");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "value-row");
  adw_preferences_group_add (group, row);
  return row;
}

static void
add_trimmed_row (AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *value)
{
  g_autofree char *text = trimmed (value);

  add_row (group, title, text);
}

static void
fill_costs (PkioOrderReview             *self,
            const PkioOrder             *order,
            const PkioOrderReviewExtras *extras)
{
  AdwPreferencesGroup *group = add_group (self, _("What this order costs"),
                                          _("These choices decide the price."));
  g_autofree char *validity = pkio_order_review_describe_validity (&order->validity);
  g_autofree char *payment = pkio_order_review_describe_payment (order, extras->balance_text,
                                                                 extras->card_last4);
  GtkWidget *row;

  gtk_widget_add_css_class (GTK_WIDGET (group), "order-costs");
  add_row (group, _("Validity"), validity);
  if (order->ship_info.method == PKIO_SHIP_EXPEDITED)
    {
      row = add_row (group, _("Shipping"), _("Expedited, at additional cost"));
      gtk_widget_add_css_class (row, "extra-cost");
    }
  else
    add_row (group, _("Shipping"), _("Standard"));
  add_row (group, _("Payment"), payment);
  if (order->payment_method == PKIO_PAYMENT_CARD)
    {
      const PkioCreditCard *card = &order->credit_card;
      const char *kept = card->save_credit_card && card->set_as_default
                         ? _("Saved in CertCentral as the default card")
                         : card->save_credit_card ? _("Saved in CertCentral")
                         : card->set_as_default ? _("Made the default card")
                         : _("Used for this order only");

      add_row (group, _("The card afterwards"), kept);
    }
}

static void
fill_holder (PkioOrderReview             *self,
             const PkioOrder             *order,
             const PkioOrderReviewExtras *extras)
{
  const PkioIndividual *i = &order->individual;
  AdwPreferencesGroup *group = add_group (self, _("Certificate holder"), NULL);
  g_autofree char *name = NULL;
  g_autofree char *place = NULL;

  if (i->use_id)
    {
      /* Translators: %ld is the number of a person in CertCentral */
      g_autofree char *number = g_strdup_printf (_("Number %ld"), (long) i->id);
      g_autofree char *text = extras->known_person != NULL
                              ? g_strdup_printf ("%s\n%s", extras->known_person, number)
                              : g_strdup (number);

      add_row (group, _("Person already known to CertCentral"), text);
      return;
    }
  {
    g_autofree char *first = trimmed (i->first_name);
    g_autofree char *last = trimmed (i->last_name);

    name = g_strdup_printf ("%s %s", first, last);
  }
  add_row (group, _("Name"), name);
  add_trimmed_row (group, _("Email address"), i->email);
  add_trimmed_row (group, _("Telephone"), i->telephone);
  place = describe_place (i->zip, i->city, i->state, i->country);
  add_row (group, _("Place"), place);
}

static void
fill_delivery (PkioOrderReview *self,
               const PkioOrder *order)
{
  const PkioShipInfo *s = &order->ship_info;
  AdwPreferencesGroup *group = add_group (self, _("Token delivery"),
                                          _("DigiCert sends the hardware token here"));
  g_autofree char *addr1 = trimmed (s->addr1);
  g_autofree char *addr2 = trimmed (s->addr2);
  g_autofree char *place = describe_place (s->zip, s->city, s->state, s->country);
  g_autofree char *address = *addr2 ? g_strdup_printf ("%s\n%s\n%s", addr1, addr2, place)
                                    : g_strdup_printf ("%s\n%s", addr1, place);

  add_trimmed_row (group, _("Recipient"), s->name);
  add_row (group, _("Address"), address);
}

static void
fill_billing (PkioOrderReview *self,
              const PkioOrder *order)
{
  const PkioBillingAddress *b = &order->billing_address;
  AdwPreferencesGroup *group = add_group (self, _("Billing address"), NULL);
  g_autofree char *addr1 = trimmed (b->address);
  g_autofree char *addr2 = trimmed (b->address2);
  g_autofree char *place = describe_place (b->zip, b->city, b->state, b->country);
  g_autofree char *address = *addr2 ? g_strdup_printf ("%s\n%s\n%s", addr1, addr2, place)
                                    : g_strdup_printf ("%s\n%s", addr1, place);
  g_autofree char *holder = trimmed (order->credit_card.cardholder_name);

  add_row (group, _("Name on the card"), holder);
  add_row (group, _("Address"), address);
}

void
pkio_order_review_show (PkioOrderReview             *self,
                        const PkioOrder             *order,
                        const PkioOrderReviewExtras *extras)
{
  static const PkioOrderReviewExtras none = { 0 };
  AdwPreferencesGroup *group;
  GtkWidget *child;
  GString *note = g_string_new (NULL);

  g_return_if_fail (PKIO_IS_ORDER_REVIEW (self));
  g_return_if_fail (order != NULL);

  if (extras == NULL)
    extras = &none;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  if (order->replaces_order_id > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order->replaces_order_id);
      /* Translators: %s is an order number */
      g_autofree char *title = g_strdup_printf (_("Replaces order %s"), number);
      GtkWidget *row;

      group = add_group (self, _("Renewal"),
                         _("A new certificate for the holder of an earlier one"));
      row = add_row (group, title, extras->replaced_text);
      gtk_widget_add_css_class (row, "renewal-row");
    }
  fill_costs (self, order, extras);

  group = add_group (self, _("Certificate"), NULL);
  add_row (group, _("What it is for"), profile_text (order->profile));
  add_row (group, _("Signature"), order->is_rsassa_pss ? _("RSASSA-PSS") : _("Classic RSA"));
  add_row (group, _("Signature hash"), "SHA-256");
  add_row (group, _("Delivered on"), _("A hardware token, sent by post"));

  fill_holder (self, order, extras);
  fill_delivery (self, order);
  if (order->payment_method == PKIO_PAYMENT_CARD)
    fill_billing (self, order);

  if (extras->custom_fields != NULL && extras->custom_fields->len > 0)
    {
      group = add_group (self, _("Your organisation’s order fields"), NULL);
      for (guint i = 0; i < extras->custom_fields->len; i++)
        {
          const PkioCustomField *field = g_ptr_array_index (extras->custom_fields, i);
          const char *value = pkio_order_get_custom_value (order, field->id);

          add_row (group, field->label, value);
        }
    }

  group = add_group (self, _("Agreement"), NULL);
  add_row (group, _("Certificate Subscriber Agreement"),
           order->csa_agreed_to ? _("The certificate holder agrees to it")
                                : _("Not agreed to: the order cannot be placed"));

  if (extras->practice)
    g_string_append (note, _("Practice mode: the order goes to the practice simulator on this "
                             "computer. Nothing is ordered or paid."));
  if (extras->needs_key)
    g_string_append_printf (note, "%s%s", note->len ? "\n" : "",
                            _("No API key is set up yet. “Place order” first asks for it; "
                              "everything you typed is kept."));
  gtk_label_set_text (self->note_label, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note->len > 0);
  g_string_free (note, TRUE);

  pkio_order_review_set_error (self, NULL);
  pkio_order_review_set_duplicate (self, PKIO_ORDER_REVIEW_DUPLICATE_NONE, NULL, 0);
  pkio_order_review_set_sending (self, FALSE);
}

/* ---- the duplicate check ---- */

gboolean
pkio_order_review_get_place_confirmed (PkioOrderReview *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_REVIEW (self), FALSE);

  return self->duplicate != PKIO_ORDER_REVIEW_DUPLICATE_FOUND
         || gtk_check_button_get_active (self->duplicate_confirm_check);
}

static void
duplicate_confirm_toggled_cb (PkioOrderReview *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_CONFIRMED]);
}

void
pkio_order_review_set_duplicate (PkioOrderReview          *self,
                                 PkioOrderReviewDuplicate  state,
                                 const char               *text,
                                 gint64                    order_id)
{
  gboolean found = state == PKIO_ORDER_REVIEW_DUPLICATE_FOUND;
  gboolean checking = state == PKIO_ORDER_REVIEW_DUPLICATE_CHECKING;

  g_return_if_fail (PKIO_IS_ORDER_REVIEW (self));

  self->duplicate = state;
  gtk_widget_set_visible (self->duplicate_box, state != PKIO_ORDER_REVIEW_DUPLICATE_NONE);
  gtk_widget_set_visible (self->duplicate_checking_box, checking);
  gtk_spinner_set_spinning (self->duplicate_spinner, checking);
  gtk_label_set_text (self->duplicate_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_label), !checking && text != NULL);
  if (found)
    gtk_widget_add_css_class (GTK_WIDGET (self->duplicate_label), "found");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->duplicate_label), "found");
  gtk_widget_set_visible (self->duplicate_history_button, found && order_id > 0);
  /* The action (win.show-order-id) only with its order: without a target it would warn. */
  if (found && order_id > 0)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->duplicate_history_button), "x",
                                        order_id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->duplicate_history_button),
                                      "win.show-order-id");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->duplicate_history_button), NULL);
  /* The box that confirms a second order carries the finding, so that a screen reader reads
   * it there (GTK 4.8 does not follow the template's described-by relation for it). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->duplicate_confirm_check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
  /* A new finding asks again. */
  gtk_check_button_set_active (self->duplicate_confirm_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicate_confirm_check), found);
  gtk_label_set_text_with_mnemonic (self->place_label,
                                    found ? _("_Order anyway") : _("_Place order"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_CONFIRMED]);
}

void
pkio_order_review_set_sending (PkioOrderReview *self,
                               gboolean         sending)
{
  g_return_if_fail (PKIO_IS_ORDER_REVIEW (self));

  /* What follows it is bound in pkio-order-review.ui. */
  sending = !!sending;
  if (self->sending == sending)
    return;
  self->sending = sending;
  /* The question about a second order waits too; it is built in code, not bound. */
  gtk_widget_set_sensitive (self->duplicate_box, !sending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

void
pkio_order_review_set_key_rejected (PkioOrderReview *self,
                                    gboolean         rejected)
{
  g_return_if_fail (PKIO_IS_ORDER_REVIEW (self));

  gtk_widget_set_visible (self->key_box, rejected);
}

void
pkio_order_review_set_error (PkioOrderReview *self,
                             const char      *message)
{
  g_return_if_fail (PKIO_IS_ORDER_REVIEW (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
pkio_order_review_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PkioOrderReview *self = PKIO_ORDER_REVIEW (object);

  switch (prop_id)
    {
    case PROP_PLACE_CONFIRMED:
      g_value_set_boolean (value, pkio_order_review_get_place_confirmed (self));
      break;
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_order_review_class_init (PkioOrderReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pkio_order_review_get_property;
  properties[PROP_PLACE_CONFIRMED] =
    g_param_spec_boolean ("place-confirmed", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* The order is on its way: the spinner turns, nothing can be changed or gone back to. */
  properties[PROP_SENDING] = g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-order-review.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, content_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, title_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, note_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, key_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, replace_key_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, groups_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, error_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, sending_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, sending_spinner);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, place_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, back_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, place_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, duplicate_checking_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, duplicate_spinner);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, duplicate_history_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderReview, duplicate_confirm_check);
  gtk_widget_class_bind_template_callback (widget_class, duplicate_confirm_toggled_cb);
}

static void
pkio_order_review_init (PkioOrderReview *self)
{
  const char *label;
  GString *plain;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 names a check button by its label as written, underscore and all ("_Yes, I want a
   * second one"): it is named without the mnemonic ("__" is one underscore). */
  label = gtk_check_button_get_label (self->duplicate_confirm_check);
  plain = g_string_new (NULL);
  for (const char *p = label != NULL ? label : ""; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (plain, *p);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->duplicate_confirm_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str, -1);
  g_string_free (plain, TRUE);
}

PkioOrderReview *
pkio_order_review_new (void)
{
  return g_object_new (PKIO_TYPE_ORDER_REVIEW, NULL);
}
