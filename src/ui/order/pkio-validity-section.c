/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-date-text.h"
#include "pkio-validity-section.h"

struct _PkioValiditySection
{
  AdwBin          parent_instance;

  /* Template children */
  GtkWidget      *years_rows[3];
  GtkCheckButton *years_checks[3];
  AdwExpanderRow *other_validity_row;
  AdwActionRow   *days_row;
  GtkCheckButton *days_check;
  GtkSpinButton  *days_spin;
  AdwActionRow   *date_row;
  GtkCheckButton *date_check;
  GtkMenuButton  *date_button;

  GtkCalendar    *date_calendar;    /* built when first opened */
  GDate           end_date;
  guint           allowed_years;    /* bit Y: Y years offered */
  gboolean        filling;          /* our own changes: not the person's */
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioValiditySection, pkio_validity_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

static void
changed_cb (PkioValiditySection *self)
{
  if (!self->filling)
    pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

/* Setting a number of days chooses it. */
static void
days_changed_cb (PkioValiditySection *self)
{
  if (self->filling)
    return;
  gtk_check_button_set_active (self->days_check, TRUE);
  changed_cb (self);
}

/* ---- the end date ---- */

static void
update_date_button (PkioValiditySection *self)
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
day_selected_cb (PkioValiditySection *self)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->filling)
    return;
  date = gtk_calendar_get_date (self->date_calendar);
  g_date_set_dmy (&self->end_date, (GDateDay) g_date_time_get_day_of_month (date),
                  (GDateMonth) g_date_time_get_month (date),
                  (GDateYear) g_date_time_get_year (date));
  update_date_button (self);
  gtk_check_button_set_active (self->date_check, TRUE);
  changed_cb (self);
}

static void
date_popover_shown_cb (PkioValiditySection *self)
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
  PkioValiditySection *self = user_data;
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

/* ---- years ---- */

static void
select_years (PkioValiditySection *self,
              gint64               years)
{
  gtk_check_button_set_active (self->years_checks[CLAMP (years, 1, 3) - 1], TRUE);
}

/* A year the product does not offer gives way to the first one it does. */
static void
apply_allowed_years (PkioValiditySection *self)
{
  int first = 0;
  gboolean lost = FALSE;

  for (int y = 1; y <= 3; y++)
    {
      gboolean offered = (self->allowed_years & (1u << y)) != 0;

      gtk_widget_set_visible (self->years_rows[y - 1], offered);
      if (offered && first == 0)
        first = y;
      if (!offered && gtk_check_button_get_active (self->years_checks[y - 1]))
        lost = TRUE;
    }
  if (lost && first != 0)
    select_years (self, first);
}

void
pkio_validity_section_set_allowed_years (PkioValiditySection *self,
                                         GArray              *years)
{
  guint mask = 0;

  g_return_if_fail (PKIO_IS_VALIDITY_SECTION (self));

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
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioValiditySection *self = PKIO_VALIDITY_SECTION (section);
  const PkioValidity *v = &order->validity;

  self->filling = TRUE;
  if (v->days >= 1)
    gtk_spin_button_set_value (self->days_spin, (double) v->days);
  self->end_date = v->custom_date;
  update_date_button (self);
  if (v->kind == PKIO_VALIDITY_DAYS)
    gtk_check_button_set_active (self->days_check, TRUE);
  else if (v->kind == PKIO_VALIDITY_CUSTOM_DATE)
    gtk_check_button_set_active (self->date_check, TRUE);
  else
    select_years (self, v->years);
  adw_expander_row_set_expanded (self->other_validity_row, v->kind != PKIO_VALIDITY_YEARS);
  apply_allowed_years (self);
  self->filling = FALSE;
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  PkioValiditySection *self = PKIO_VALIDITY_SECTION (section);
  PkioValidity *v = &order->validity;

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
      v->years = gtk_check_button_get_active (self->years_checks[2]) ? 3
                 : gtk_check_button_get_active (self->years_checks[1]) ? 2 : 1;
    }
}

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioValiditySection *self = PKIO_VALIDITY_SECTION (section);
  PkioOrderSectionField list[] = {
    { "order_validity.years", self->years_rows[0] },
    { "order_validity", self->years_rows[0] },
    { "order_validity.days", GTK_WIDGET (self->days_row) },
    { "order_validity.custom_expiration_date", GTK_WIDGET (self->date_row) },
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

#define BIND_AT(name, member) \
  gtk_widget_class_bind_template_child_full (widget_class, name, FALSE, \
                                             G_STRUCT_OFFSET (PkioValiditySection, member))

static void
pkio_validity_section_class_init (PkioValiditySectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-validity-section.ui");
  BIND_AT ("years1_row", years_rows[0]);
  BIND_AT ("years2_row", years_rows[1]);
  BIND_AT ("years3_row", years_rows[2]);
  BIND_AT ("years1_check", years_checks[0]);
  BIND_AT ("years2_check", years_checks[1]);
  BIND_AT ("years3_check", years_checks[2]);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, other_validity_row);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, days_row);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, days_check);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, days_spin);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, date_row);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, date_check);
  gtk_widget_class_bind_template_child (widget_class, PkioValiditySection, date_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, days_changed_cb);
}

#undef BIND_AT

static void
name_input (GtkWidget  *input,
            const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "", -1);
}

static void
pkio_validity_section_init (PkioValiditySection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->allowed_years = PKIO_ORDER_ALLOWED_YEARS_DEFAULT;
  g_date_clear (&self->end_date, 1);
  gtk_menu_button_set_create_popup_func (self->date_button, create_calendar_cb, self, NULL);
  name_input (GTK_WIDGET (self->days_spin), _("Number of days"));
  name_input (GTK_WIDGET (self->date_button), _("End date"));
  update_date_button (self);
}
