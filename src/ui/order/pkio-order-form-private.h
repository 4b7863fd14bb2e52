/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-agreement-section.h"
#include "pkio-banner.h"
#include "pkio-field-problem-row.h"
#include "pkio-order-form.h"
#include "pkio-payment-section.h"
#include "pkio-person-section.h"
#include "pkio-shipping-section.h"
#include "pkio-validity-section.h"

G_BEGIN_DECLS

/* One field of a section, as the form follows it: the row its problem shows under, and what
 * is shown there. */
typedef struct
{
  PkioOrderForm       *form;
  char                *path;
  GtkWidget           *row;            /* weak: the section owns it */
  PkioFieldProblemRow *problem_row;    /* after @row in the same list, built on first need;
                                          weak: the list owns it */
  GtkEventController  *focus;          /* on @row: the focus left it */
  GObject             *edited_source;  /* what says the person edited it, and the handler */
  gulong               edited_handler;
  char                *shown;          /* the message on screen now, or NULL */
  char                *server_message; /* CertCentral's, until the field changes */
  gboolean             touched;        /* the focus has left it once */
} PkioFormField;

/* Shared by pkio-order-form.c (the sections and the order) and pkio-order-form-problems.c
 * (the fields, problems at fields, the summary, CertCentral's messages, focus). */
struct _PkioOrderForm
{
  AdwBin                  parent_instance;

  /* Template children */
  GtkBox                 *form_box;
  PkioBanner             *renewal_banner;
  AdwPreferencesGroup    *server_group;
  PkioPersonSection      *person_section;
  PkioShippingSection    *shipping_section;
  PkioValiditySection    *validity_section;
  PkioPaymentSection     *payment_section;
  PkioAgreementSection   *agreement_section;
  AdwPreferencesGroup    *summary_group;

  GPtrArray              *fields;           /* PkioFormField, top to bottom */
  GPtrArray              *problems;         /* PkioProblem, of the last check */
  GPtrArray              *summary_rows;     /* AdwActionRow, reused */
  GPtrArray              *server_rows;      /* rows of server_group */
  gboolean                tried;
  gboolean                filling;          /* set_order/reset: no "changed" */
  gint64                  replaces_order_id; /* a renewal: the order it replaces (no field
                                                shows it; renewal_banner and the review say
                                                it), else 0 */
  PkioHistoryStore       *store;            /* to name what a renewal replaces, or NULL */
};

/* pkio-order-form.c */
/* Checks the order as the sections say it now and shows the result. */
void     _pkio_order_form_revalidate      (PkioOrderForm *self);
/* The sections (PkioOrderSection) of the form, top to bottom. */
GList   *_pkio_order_form_list_sections   (PkioOrderForm *self);

/* pkio-order-form-problems.c */
/* The fields as the sections name them now: new ones are followed, those of rows gone are
 * dropped, what is known of the others is kept. */
void           _pkio_order_form_update_fields  (PkioOrderForm *self);
PkioFormField *_pkio_order_form_find_field     (PkioOrderForm *self,
                                                const char    *path);
/* Shows what self->problems and the server messages say, at fields and in the summary. */
void           _pkio_order_form_update_display (PkioOrderForm *self);
/* Forgets touched state and CertCentral's messages (a new, empty form). */
void           _pkio_order_form_forget_problems (PkioOrderForm *self);
void           _pkio_order_form_field_free     (PkioFormField *field);

G_END_DECLS
