/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-date-text.h"
#include "pkio-field-rules.h"
#include "pkio-order-form-private.h"

/* The Certificate Subscriber Agreements of DigiCert's PKIoverheid certificates are published
 * in its legal repository. */
#define CSA_URL "https://www.digicert.com/legal-repository"

G_DEFINE_FINAL_TYPE (PkioOrderForm, pkio_order_form, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

/* ---- checking as the person goes ---- */

void
_pkio_order_form_revalidate (PkioOrderForm *self)
{
  g_autoptr(PkioOrder) order = pkio_order_form_dup_order (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = pkio_order_validate (order, now);
  _pkio_order_form_update_display (self);
}

static void
input_changed (PkioOrderForm *self)
{
  if (self->filling)
    return;
  _pkio_order_form_revalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- sections that show and hide ---- */

static void
card_group_changed_cb (PkioOrderForm *self)
{
  input_changed (self);
}

static void
ensure_card_group (PkioOrderForm *self)
{
  const char * const *paths;

  if (self->card_group != NULL)
    return;
  self->card_group = pkio_card_group_new ();
  adw_bin_set_child (self->card_slot, GTK_WIDGET (self->card_group));
  paths = pkio_card_group_get_paths ();
  for (guint i = 0; paths[i] != NULL; i++)
    _pkio_order_form_add_field (self, paths[i],
                                pkio_card_group_get_row (self->card_group, paths[i]));
  g_signal_connect_object (self->card_group, "changed", G_CALLBACK (card_group_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_pkio_order_form_update_sections (PkioOrderForm *self)
{
  gboolean known = gtk_check_button_get_active (self->holder_known_check);
  gboolean card = gtk_check_button_get_active (self->pay_card_check);

  gtk_widget_set_visible (GTK_WIDGET (self->person_group), !known);
  gtk_widget_set_visible (GTK_WIDGET (self->known_group), known);
  if (card)
    ensure_card_group (self);
  gtk_widget_set_visible (GTK_WIDGET (self->card_slot), card);
}

static void
choice_toggled_cb (PkioOrderForm *self)
{
  _pkio_order_form_update_sections (self);
  input_changed (self);
}

/* ---- the end date ---- */

void
_pkio_order_form_update_date_button (PkioOrderForm *self)
{
  g_autofree char *label = NULL;

  if (g_date_valid (&self->end_date))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (g_date_get_year (&self->end_date),
                                                         g_date_get_month (&self->end_date),
                                                         g_date_get_day (&self->end_date),
                                                         12, 0, 0);

      /* Translators: a date, see g_date_time_format() */
      label = pkio_date_text_format (date, _("%-d %B %Y"));
    }
  gtk_menu_button_set_label (self->date_button, label != NULL ? label : _("Choose a date"));
}

/* GtkCalendar also selects a day when the person only moves to another month: the popover
 * stays open until they close it. */
static void
day_selected_cb (PkioOrderForm *self)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->filling)
    return;
  date = gtk_calendar_get_date (self->date_calendar);
  g_date_set_dmy (&self->end_date, (GDateDay) g_date_time_get_day_of_month (date),
                  (GDateMonth) g_date_time_get_month (date),
                  (GDateYear) g_date_time_get_year (date));
  _pkio_order_form_update_date_button (self);
  gtk_check_button_set_active (self->date_check, TRUE);
  input_changed (self);
}

static void
date_popover_shown_cb (PkioOrderForm *self)
{
  g_autoptr(GDateTime) shown = NULL;

  /* Open on the chosen date, or on tomorrow, the first one allowed (not chosen yet). */
  if (g_date_valid (&self->end_date))
    shown = g_date_time_new_local (g_date_get_year (&self->end_date),
                                   g_date_get_month (&self->end_date),
                                   g_date_get_day (&self->end_date), 12, 0, 0);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      shown = g_date_time_add_days (now, 1);
    }
  self->filling = TRUE;
  gtk_calendar_select_day (self->date_calendar, shown);
  self->filling = FALSE;
}

static void
create_calendar_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  PkioOrderForm *self = user_data;
  GtkWidget *popover;

  if (self->date_calendar != NULL)
    return;
  self->date_calendar = GTK_CALENDAR (gtk_calendar_new ());
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->date_calendar));
  g_signal_connect_object (self->date_calendar, "day-selected", G_CALLBACK (day_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "show", G_CALLBACK (date_popover_shown_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, popover);
}

static void
days_changed_cb (PkioOrderForm *self)
{
  if (!self->filling)
    gtk_check_button_set_active (self->days_check, TRUE);
  input_changed (self);
}

/* ---- the holder ---- */

static void
person_chosen_cb (PkioOrderForm *self,
                  gint64         id,
                  const char    *name,
                  const char    *label)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_free (self->known_label);
  self->known_label = g_strdup (label);
  g_free (self->known_name);
  self->known_name = g_strdup (name);
  self->known_id = id;
  set_text (self->individual_id_row, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->individual_id_row));
}

static void
ensure_people_popover (PkioOrderForm *self)
{
  if (self->people_popover != NULL)
    return;
  self->people_popover = pkio_known_person_popover_new ();
  pkio_known_person_popover_set_store (self->people_popover, self->store);
  g_signal_connect_object (self->people_popover, "chosen", G_CALLBACK (person_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->people_button, GTK_WIDGET (self->people_popover));
}

static void
create_people_popup_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  ensure_people_popover (PKIO_ORDER_FORM (user_data));
}

static void
same_as_holder_cb (PkioOrderForm *self)
{
  if (gtk_check_button_get_active (self->holder_known_check))
    {
      /* Only the name is known of someone chosen from earlier orders. */
      if (self->known_name != NULL)
        set_text (self->ship_name_row, self->known_name);
    }
  else
    {
      g_autofree char *first = pkio_field_trim (gtk_editable_get_text (GTK_EDITABLE (self->first_name_row)));
      g_autofree char *last = pkio_field_trim (gtk_editable_get_text (GTK_EDITABLE (self->last_name_row)));
      g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first, last));

      set_text (self->ship_name_row, name);
      set_text (self->ship_city_row, gtk_editable_get_text (GTK_EDITABLE (self->holder_city_row)));
      set_text (self->ship_state_row,
                gtk_editable_get_text (GTK_EDITABLE (self->holder_state_row)));
      set_text (self->ship_zip_row, gtk_editable_get_text (GTK_EDITABLE (self->holder_zip_row)));
      pkio_country_row_set_code (self->ship_country_row,
                                 pkio_country_row_get_code (self->holder_country_row));
    }
  /* The street is never known from the holder: that is where to go on. */
  gtk_widget_grab_focus (GTK_WIDGET (self->ship_addr1_row));
}

static void
csa_link_activated_cb (PkioOrderForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CSA_URL, GDK_CURRENT_TIME);
}

void
pkio_order_form_clear_cvv (PkioOrderForm *self)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  if (self->card_group != NULL)
    {
      self->filling = TRUE;
      pkio_card_group_clear_cvv (self->card_group);
      self->filling = FALSE;
      _pkio_order_form_revalidate (self);
    }
}

char *
pkio_order_form_dup_card_last4 (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  return self->card_group != NULL ? pkio_card_group_dup_last4 (self->card_group) : NULL;
}

const char *
pkio_order_form_get_known_person_label (PkioOrderForm *self)
{
  g_autofree char *text = NULL;
  gint64 id = 0;

  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  /* Only while the number is still the one chosen. */
  text = pkio_field_trim (gtk_editable_get_text (GTK_EDITABLE (self->individual_id_row)));
  if (self->known_label == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL)
      || id != self->known_id)
    return NULL;
  return self->known_label;
}

GPtrArray *
pkio_order_form_validate (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  _pkio_order_form_revalidate (self);
  return g_ptr_array_ref (self->problems);
}

void
pkio_order_form_set_tried (PkioOrderForm *self,
                           gboolean       tried)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  self->tried = tried;
  _pkio_order_form_update_display (self);
}

void
pkio_order_form_set_store (PkioOrderForm    *self,
                           PkioHistoryStore *store)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  g_set_object (&self->store, store);
  if (self->people_popover != NULL)
    pkio_known_person_popover_set_store (self->people_popover, store);
}

static void
name_input (GtkWidget  *input,
            const char *label,
            const char *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

void
pkio_order_form_set_balance_text (PkioOrderForm *self,
                                  const char    *text)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  /* Translators: %s is an amount with its currency, e.g. "4900.00 EUR" */
  subtitle = text != NULL ? g_strdup_printf (_("Balance now: %s"), text)
                          : g_strdup (_("Paid from the prepaid balance of the CertCentral account"));
  adw_action_row_set_subtitle (self->pay_balance_row, subtitle);
}

/* ---- GObject ---- */

static void
pkio_order_form_dispose (GObject *object)
{
  PkioOrderForm *self = PKIO_ORDER_FORM (object);

  if (self->card_group != NULL)
    pkio_card_group_clear_card (self->card_group);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pkio_order_form_parent_class)->dispose (object);
}

static void
pkio_order_form_finalize (GObject *object)
{
  PkioOrderForm *self = PKIO_ORDER_FORM (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->server_rows, g_ptr_array_unref);
  g_free (self->known_label);
  g_free (self->known_name);

  G_OBJECT_CLASS (pkio_order_form_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, name)

static void
pkio_order_form_class_init (PkioOrderFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_order_form_dispose;
  object_class->finalize = pkio_order_form_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PKIO_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-order-form.ui");
  BIND (server_group);
  BIND (profile_authentication_check);
  BIND (profile_nonrepudiation_check);
  BIND (profile_encryption_check);
  BIND (advanced_row);
  BIND (pss_switch);
  BIND (holder_new_check);
  BIND (holder_known_check);
  BIND (person_group);
  BIND (first_name_row);
  BIND (last_name_row);
  BIND (email_row);
  BIND (telephone_row);
  BIND (holder_country_row);
  BIND (holder_state_row);
  BIND (holder_city_row);
  BIND (holder_zip_row);
  BIND (known_group);
  BIND (individual_id_row);
  BIND (people_button);
  BIND (same_as_holder_row);
  BIND (ship_name_row);
  BIND (ship_addr1_row);
  BIND (ship_addr2_row);
  BIND (ship_zip_row);
  BIND (ship_city_row);
  BIND (ship_state_row);
  BIND (ship_country_row);
  BIND (ship_standard_check);
  BIND (ship_expedited_check);
  gtk_widget_class_bind_template_child_full (widget_class, "years1_row", FALSE,
                                             G_STRUCT_OFFSET (PkioOrderForm, years_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "years2_row", FALSE,
                                             G_STRUCT_OFFSET (PkioOrderForm, years_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "years3_row", FALSE,
                                             G_STRUCT_OFFSET (PkioOrderForm, years_rows[2]));
  BIND (years1_check);
  BIND (years2_check);
  BIND (years3_check);
  BIND (other_validity_row);
  BIND (days_check);
  BIND (days_spin);
  BIND (date_check);
  BIND (date_button);
  BIND (pay_balance_row);
  BIND (pay_balance_check);
  BIND (pay_profile_check);
  BIND (pay_card_check);
  BIND (card_slot);
  BIND (csa_link_row);
  BIND (csa_check);
  BIND (summary_group);
}

#undef BIND

static void
connect_editable (PkioOrderForm *self,
                  gpointer       editable)
{
  g_signal_connect_object (editable, "changed", G_CALLBACK (input_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
connect_choice (PkioOrderForm *self,
                gpointer       check)
{
  /* AdwActionRow names the check button after its title, as a screen reader should say. */
  g_signal_connect_object (check, "notify::active", G_CALLBACK (choice_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
pkio_order_form_init (PkioOrderForm *self)
{
  GtkWidget *checks[14];
  GtkWidget *editables[15];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) _pkio_order_form_field_free);
  self->summary_rows = g_ptr_array_new ();
  self->server_rows = g_ptr_array_new ();
  self->problems = pkio_problem_list_new ();
  self->allowed_years = PKIO_ORDER_ALLOWED_YEARS_DEFAULT;
  g_date_clear (&self->end_date, 1);

  /* Where each problem shows. Radio groups show theirs under their first choice. */
  _pkio_order_form_add_field (self, "certificate.profile_option",
                              gtk_widget_get_ancestor (GTK_WIDGET (self->profile_authentication_check),
                                                       ADW_TYPE_ACTION_ROW));
  _pkio_order_form_add_field (self, "certificate.individual",
                              gtk_widget_get_ancestor (GTK_WIDGET (self->holder_new_check),
                                                       ADW_TYPE_ACTION_ROW));
  _pkio_order_form_add_field (self, "certificate.individual.id",
                              GTK_WIDGET (self->individual_id_row));
  _pkio_order_form_add_field (self, "certificate.individual.first_name",
                              GTK_WIDGET (self->first_name_row));
  _pkio_order_form_add_field (self, "certificate.individual.last_name",
                              GTK_WIDGET (self->last_name_row));
  _pkio_order_form_add_field (self, "certificate.individual.email", GTK_WIDGET (self->email_row));
  _pkio_order_form_add_field (self, "certificate.individual.telephone",
                              GTK_WIDGET (self->telephone_row));
  _pkio_order_form_add_field (self, "certificate.individual.country",
                              GTK_WIDGET (self->holder_country_row));
  _pkio_order_form_add_field (self, "certificate.individual.state",
                              GTK_WIDGET (self->holder_state_row));
  _pkio_order_form_add_field (self, "certificate.individual.city",
                              GTK_WIDGET (self->holder_city_row));
  _pkio_order_form_add_field (self, "certificate.individual.zip",
                              GTK_WIDGET (self->holder_zip_row));
  _pkio_order_form_add_field (self, "ship_info.name", GTK_WIDGET (self->ship_name_row));
  _pkio_order_form_add_field (self, "ship_info.addr1", GTK_WIDGET (self->ship_addr1_row));
  _pkio_order_form_add_field (self, "ship_info.addr2", GTK_WIDGET (self->ship_addr2_row));
  _pkio_order_form_add_field (self, "ship_info.zip", GTK_WIDGET (self->ship_zip_row));
  _pkio_order_form_add_field (self, "ship_info.city", GTK_WIDGET (self->ship_city_row));
  _pkio_order_form_add_field (self, "ship_info.state", GTK_WIDGET (self->ship_state_row));
  _pkio_order_form_add_field (self, "ship_info.country", GTK_WIDGET (self->ship_country_row));
  _pkio_order_form_add_field (self, "ship_info.method",
                              gtk_widget_get_ancestor (GTK_WIDGET (self->ship_standard_check),
                                                       ADW_TYPE_ACTION_ROW));
  _pkio_order_form_add_field (self, "order_validity.years", self->years_rows[0]);
  _pkio_order_form_add_field (self, "order_validity",  self->years_rows[0]);
  _pkio_order_form_add_field (self, "order_validity.days",
                              gtk_widget_get_ancestor (GTK_WIDGET (self->days_check),
                                                       ADW_TYPE_ACTION_ROW));
  _pkio_order_form_add_field (self, "order_validity.custom_expiration_date",
                              gtk_widget_get_ancestor (GTK_WIDGET (self->date_check),
                                                       ADW_TYPE_ACTION_ROW));
  _pkio_order_form_add_field (self, "payment_method", GTK_WIDGET (self->pay_balance_row));
  _pkio_order_form_add_field (self, "csa_agreed_to",
                              gtk_widget_get_ancestor (GTK_WIDGET (self->csa_check),
                                                       ADW_TYPE_ACTION_ROW));

  checks[0] = GTK_WIDGET (self->profile_authentication_check);
  checks[1] = GTK_WIDGET (self->profile_nonrepudiation_check);
  checks[2] = GTK_WIDGET (self->profile_encryption_check);
  checks[3] = GTK_WIDGET (self->holder_new_check);
  checks[4] = GTK_WIDGET (self->holder_known_check);
  checks[5] = GTK_WIDGET (self->ship_standard_check);
  checks[6] = GTK_WIDGET (self->ship_expedited_check);
  checks[7] = GTK_WIDGET (self->years1_check);
  checks[8] = GTK_WIDGET (self->years2_check);
  checks[9] = GTK_WIDGET (self->years3_check);
  checks[10] = GTK_WIDGET (self->days_check);
  checks[11] = GTK_WIDGET (self->date_check);
  checks[12] = GTK_WIDGET (self->pay_balance_check);
  checks[13] = GTK_WIDGET (self->pay_profile_check);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    connect_choice (self, checks[i]);
  connect_choice (self, self->pay_card_check);
  connect_choice (self, self->csa_check);
  connect_choice (self, self->pss_switch);

  editables[0] = GTK_WIDGET (self->first_name_row);
  editables[1] = GTK_WIDGET (self->last_name_row);
  editables[2] = GTK_WIDGET (self->email_row);
  editables[3] = GTK_WIDGET (self->telephone_row);
  editables[4] = GTK_WIDGET (self->holder_state_row);
  editables[5] = GTK_WIDGET (self->holder_city_row);
  editables[6] = GTK_WIDGET (self->holder_zip_row);
  editables[7] = GTK_WIDGET (self->individual_id_row);
  editables[8] = GTK_WIDGET (self->ship_name_row);
  editables[9] = GTK_WIDGET (self->ship_addr1_row);
  editables[10] = GTK_WIDGET (self->ship_addr2_row);
  editables[11] = GTK_WIDGET (self->ship_zip_row);
  editables[12] = GTK_WIDGET (self->ship_city_row);
  editables[13] = GTK_WIDGET (self->ship_state_row);
  editables[14] = NULL;
  for (guint i = 0; editables[i] != NULL; i++)
    connect_editable (self, editables[i]);
  g_signal_connect_object (self->holder_country_row, "notify::code", G_CALLBACK (input_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ship_country_row, "notify::code", G_CALLBACK (input_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->days_spin, "value-changed", G_CALLBACK (days_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->date_button, create_calendar_cb, self, NULL);
  g_signal_connect_object (self->same_as_holder_row, "activated",
                           G_CALLBACK (same_as_holder_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->csa_link_row, "activated", G_CALLBACK (csa_link_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->people_button, create_people_popup_cb, self, NULL);

  pkio_accessible_fix_entry_rows (GTK_WIDGET (self));
  /* Groups without a title, read as what was chosen above them. */
  pkio_accessible_name_list (self->person_group, _("New person"));
  pkio_accessible_name_list (self->known_group, _("Person already known to CertCentral"));
  name_input (GTK_WIDGET (self->days_spin), _("Number of days"), NULL);
  name_input (GTK_WIDGET (self->date_button), _("End date"), NULL);

  pkio_order_form_reset (self);
}

PkioOrderForm *
pkio_order_form_new (void)
{
  return g_object_new (PKIO_TYPE_ORDER_FORM, NULL);
}
