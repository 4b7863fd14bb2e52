/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-card-group.h"
#include "pkio-country-row.h"
#include "pkio-field-problem-row.h"
#include "pkio-known-person-popover.h"
#include "pkio-order-form.h"

G_BEGIN_DECLS

/* One field of the form: the row its problem shows under, and what is shown there. */
typedef struct
{
  char      *path;
  GtkWidget *row;
  PkioFieldProblemRow *problem_row;  /* after @row in the same list, built on first need */
  char      *shown;            /* the message on screen now, or NULL */
  char      *server_message;   /* CertCentral's, until the field changes */
  gboolean   touched;          /* the focus has left it once */
} PkioFormField;

/* Shared by pkio-order-form.c (the fields and the order) and pkio-order-form-problems.c
 * (problems at fields, the summary, CertCentral's messages, focus). */
struct _PkioOrderForm
{
  AdwBin                  parent_instance;

  /* Template children */
  AdwPreferencesGroup    *server_group;
  GtkCheckButton         *profile_authentication_check;
  GtkCheckButton         *profile_nonrepudiation_check;
  GtkCheckButton         *profile_encryption_check;
  AdwExpanderRow         *advanced_row;
  GtkSwitch              *pss_switch;
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
  AdwActionRow           *same_as_holder_row;
  AdwEntryRow            *ship_name_row;
  AdwEntryRow            *ship_addr1_row;
  AdwEntryRow            *ship_addr2_row;
  AdwEntryRow            *ship_zip_row;
  AdwEntryRow            *ship_city_row;
  AdwEntryRow            *ship_state_row;
  PkioCountryRow         *ship_country_row;
  GtkCheckButton         *ship_standard_check;
  GtkCheckButton         *ship_expedited_check;
  GtkWidget              *years_rows[3];
  GtkCheckButton         *years1_check;
  GtkCheckButton         *years2_check;
  GtkCheckButton         *years3_check;
  AdwExpanderRow         *other_validity_row;
  GtkCheckButton         *days_check;
  GtkSpinButton          *days_spin;
  GtkCheckButton         *date_check;
  GtkMenuButton          *date_button;
  GtkCalendar            *date_calendar;    /* built when first opened */
  AdwActionRow           *pay_balance_row;
  GtkCheckButton         *pay_balance_check;
  GtkCheckButton         *pay_profile_check;
  GtkCheckButton         *pay_card_check;
  AdwBin                 *card_slot;
  AdwActionRow           *csa_link_row;
  GtkCheckButton         *csa_check;
  AdwPreferencesGroup    *summary_group;

  PkioCardGroup          *card_group;       /* built when "New card" is first chosen */
  PkioKnownPersonPopover *people_popover;   /* built when first opened */
  PkioHistoryStore       *store;
  GPtrArray              *fields;           /* PkioFormField */
  GPtrArray              *problems;         /* PkioProblem, of the last check */
  GPtrArray              *summary_rows;     /* AdwActionRow, reused */
  GPtrArray              *server_rows;      /* rows of server_group */
  GDate                   end_date;
  guint                   allowed_years;    /* bit Y: Y years offered */
  char                   *known_label;      /* the person chosen from earlier orders */
  char                   *known_name;
  gint64                  known_id;
  gboolean                tried;
  gboolean                filling;          /* set_order/reset: no "changed" */
};

/* pkio-order-form.c */
/* Checks the order as the widgets say it now and shows the result. */
void           _pkio_order_form_revalidate    (PkioOrderForm *self);
/* The holder's details or number, and the card group, as the choices say. */
void           _pkio_order_form_update_sections (PkioOrderForm *self);
void           _pkio_order_form_update_date_button (PkioOrderForm *self);

/* pkio-order-form-problems.c */
PkioFormField *_pkio_order_form_add_field     (PkioOrderForm *self,
                                               const char    *path,
                                               GtkWidget     *row);
PkioFormField *_pkio_order_form_find_field    (PkioOrderForm *self,
                                               const char    *path);
/* Shows what self->problems and the server messages say, at fields and in the summary. */
void           _pkio_order_form_update_display (PkioOrderForm *self);
/* Forgets touched state and CertCentral's messages (a new, empty form). */
void           _pkio_order_form_forget_problems (PkioOrderForm *self);
void           _pkio_order_form_field_free    (PkioFormField *field);

G_END_DECLS
