/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-country-row.h"
#include "pkio-field-rules.h"
#include "pkio-known-person-popover.h"
#include "pkio-person-section.h"

struct _PkioPersonSection
{
  AdwBin                  parent_instance;

  /* Template children */
  AdwActionRow           *holder_new_row;
  GtkCheckButton         *holder_new_check;
  GtkCheckButton         *holder_known_check;
  AdwPreferencesGroup    *person_group;
  AdwEntryRow            *first_name_row;
  AdwEntryRow            *last_name_row;
  AdwEntryRow            *email_row;
  AdwEntryRow            *telephone_row;
  PkioCountryRow         *holder_country_row;
  AdwEntryRow            *holder_state_row;
  AdwEntryRow            *holder_city_row;
  AdwEntryRow            *holder_zip_row;
  AdwPreferencesGroup    *known_group;
  AdwEntryRow            *individual_id_row;
  GtkMenuButton          *people_button;

  PkioKnownPersonPopover *people_popover;   /* built when first opened */
  PkioHistoryStore       *store;
  char                   *known_label;      /* the person chosen from earlier orders */
  char                   *known_name;
  gint64                  known_id;
};

static void section_iface_init (PkioOrderSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioPersonSection, pkio_person_section, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (PKIO_TYPE_ORDER_SECTION,
                                                      section_iface_init))

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

static char *
trimmed_text_of (gpointer editable)
{
  return pkio_field_trim (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

/* The number typed, or 0 for anything but a whole number (the check then says what to enter). */
static gint64
typed_id (PkioPersonSection *self)
{
  g_autofree char *text = trimmed_text_of (self->individual_id_row);
  gint64 id = 0;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return id;
}

static void
changed_cb (PkioPersonSection *self)
{
  pkio_order_section_changed (PKIO_ORDER_SECTION (self));
}

/* ---- the people of earlier orders ---- */

static void
person_chosen_cb (PkioPersonSection *self,
                  gint64             id,
                  const char        *name,
                  const char        *label)
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
create_people_popup_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  PkioPersonSection *self = user_data;

  if (self->people_popover != NULL)
    return;
  self->people_popover = pkio_known_person_popover_new ();
  pkio_known_person_popover_set_store (self->people_popover, self->store);
  g_signal_connect_object (self->people_popover, "chosen", G_CALLBACK (person_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->people_button, GTK_WIDGET (self->people_popover));
}

void
pkio_person_section_set_store (PkioPersonSection *self,
                               PkioHistoryStore  *store)
{
  g_return_if_fail (PKIO_IS_PERSON_SECTION (self));

  g_set_object (&self->store, store);
  if (self->people_popover != NULL)
    pkio_known_person_popover_set_store (self->people_popover, store);
}

const char *
pkio_person_section_get_known_person_label (PkioPersonSection *self)
{
  g_return_val_if_fail (PKIO_IS_PERSON_SECTION (self), NULL);

  /* Only while the number is still the one chosen. */
  if (self->known_label == NULL || typed_id (self) != self->known_id)
    return NULL;
  return self->known_label;
}

void
pkio_person_section_get_recipient (PkioPersonSection *self,
                                   PkioShipInfo      *recipient)
{
  g_return_if_fail (PKIO_IS_PERSON_SECTION (self));
  g_return_if_fail (recipient != NULL);

  if (gtk_check_button_get_active (self->holder_known_check))
    {
      /* Only the name is known of someone chosen from earlier orders. */
      recipient->name = g_strdup (self->known_name);
      return;
    }
  {
    g_autofree char *first = trimmed_text_of (self->first_name_row);
    g_autofree char *last = trimmed_text_of (self->last_name_row);

    recipient->name = g_strstrip (g_strdup_printf ("%s %s", first, last));
  }
  recipient->city = text_of (self->holder_city_row);
  recipient->state = text_of (self->holder_state_row);
  recipient->zip = text_of (self->holder_zip_row);
  recipient->country = g_strdup (pkio_country_row_get_code (self->holder_country_row));
}

/* ---- PkioOrderSection ---- */

static void
set_order (PkioOrderSection     *section,
           const PkioOrder      *order,
           PkioOrderSectionFill  fill)
{
  PkioPersonSection *self = PKIO_PERSON_SECTION (section);
  const PkioIndividual *i = &order->individual;
  g_autofree char *id = i->id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, i->id) : NULL;

  gtk_check_button_set_active (i->use_id ? self->holder_known_check : self->holder_new_check,
                               TRUE);
  set_text (self->individual_id_row, id);
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
}

static void
collect (PkioOrderSection        *section,
         PkioOrder               *order,
         PkioOrderSectionCollect  what)
{
  PkioPersonSection *self = PKIO_PERSON_SECTION (section);
  PkioIndividual *i = &order->individual;
  gboolean draft = what == PKIO_ORDER_SECTION_DRAFT;

  i->use_id = gtk_check_button_get_active (self->holder_known_check);
  if (i->use_id || draft)
    i->id = typed_id (self);
  if (!i->use_id || draft)
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

static void
list_fields (PkioOrderSection *section,
             GArray           *fields)
{
  PkioPersonSection *self = PKIO_PERSON_SECTION (section);
  PkioOrderSectionField list[] = {
    { "certificate.individual", GTK_WIDGET (self->holder_new_row) },
    { "certificate.individual.id", GTK_WIDGET (self->individual_id_row) },
    { "certificate.individual.first_name", GTK_WIDGET (self->first_name_row) },
    { "certificate.individual.last_name", GTK_WIDGET (self->last_name_row) },
    { "certificate.individual.email", GTK_WIDGET (self->email_row) },
    { "certificate.individual.telephone", GTK_WIDGET (self->telephone_row) },
    { "certificate.individual.country", GTK_WIDGET (self->holder_country_row) },
    { "certificate.individual.state", GTK_WIDGET (self->holder_state_row) },
    { "certificate.individual.city", GTK_WIDGET (self->holder_city_row) },
    { "certificate.individual.zip", GTK_WIDGET (self->holder_zip_row) },
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
pkio_person_section_dispose (GObject *object)
{
  PkioPersonSection *self = PKIO_PERSON_SECTION (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pkio_person_section_parent_class)->dispose (object);
}

static void
pkio_person_section_finalize (GObject *object)
{
  PkioPersonSection *self = PKIO_PERSON_SECTION (object);

  g_free (self->known_label);
  g_free (self->known_name);

  G_OBJECT_CLASS (pkio_person_section_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PkioPersonSection, name)

static void
pkio_person_section_class_init (PkioPersonSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_person_section_dispose;
  object_class->finalize = pkio_person_section_finalize;

  g_type_ensure (PKIO_TYPE_COUNTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/order/pkio-person-section.ui");
  BIND (holder_new_row);
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
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

#undef BIND

static void
pkio_person_section_init (PkioPersonSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->people_button, create_people_popup_cb, self, NULL);
  pkio_accessible_fix_entry_rows (GTK_WIDGET (self));
  /* Groups without a title, read as what was chosen above them. */
  pkio_accessible_name_list (self->person_group, _("New person"));
  pkio_accessible_name_list (self->known_group, _("Person already known to CertCentral"));
}
