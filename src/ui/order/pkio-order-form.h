/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-order-section.h"
#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_FORM (pkio_order_form_get_type ())
G_DECLARE_FINAL_TYPE (PkioOrderForm, pkio_order_form, PKIO, ORDER_FORM, AdwBin)

/* The fields of a new order, in sections (PkioOrderSection, src/ui/order/README.md):
 * certificate, holder, token delivery and shipping, validity, payment (with the card when
 * paying by a new card) and the agreement, then the summary of what is still missing and the
 * "Review order" button (action "order.review", handled by the view).
 *
 * The order is what the sections collect; it is checked with the core's rules on every change
 * (pkio_order_validate ()): a field shows its problem once the focus has left it, or every
 * field does once pkio_order_form_set_tried () was called; the summary then lists every problem
 * and each entry jumps to its field. Signal "changed" after every change the person makes (not
 * after pkio_order_form_set_order ()). */
PkioOrderForm *pkio_order_form_new               (void);

/* One more section, built at run time (the account's own order fields): shown after the
 * others, before the agreement, filled from the form's order, and its fields followed like
 * those of any other section. The form takes the floating reference. */
void           pkio_order_form_add_section       (PkioOrderForm    *self,
                                                  PkioOrderSection *section);

/* The history (for the people of earlier orders); may be NULL. */
void           pkio_order_form_set_store         (PkioOrderForm    *self,
                                                  PkioHistoryStore *store);

/* What would be sent, card data included when paying by a new card. The order a renewal
 * replaces (replaces_order_id) is what the form was last filled with: set_order () keeps
 * @order's, reset () forgets it. */
PkioOrder     *pkio_order_form_dup_order         (PkioOrderForm    *self);
/* Everything typed except card data, with both holder choices (for the draft). */
PkioOrder     *pkio_order_form_dup_draft         (PkioOrderForm    *self);
/* What a renewal replaces, as History knows it: "Anna de Vries, valid until 27 Dec 2026" (or
 * "…, ended on …", or the holder alone), NULL when the order is not in the history. */
char          *pkio_order_form_describe_replaced (PkioOrderForm    *self,
                                                  gint64            order_id);
/* Whether the form says at its top that it holds a renewal, and what it says (tests). */
gboolean       pkio_order_form_get_renewal_shown (PkioOrderForm    *self);
const char    *pkio_order_form_get_renewal_text  (PkioOrderForm    *self);
/* Fills the form from @order; card data is never taken from it. */
void           pkio_order_form_set_order         (PkioOrderForm    *self,
                                                  const PkioOrder  *order);
/* An empty form (card data wiped), no problems shown. */
void           pkio_order_form_reset             (PkioOrderForm    *self);
void           pkio_order_form_clear_cvv         (PkioOrderForm    *self);
/* The last four digits of the new card, or NULL. */
char          *pkio_order_form_dup_card_last4    (PkioOrderForm    *self);
/* Who the known person is, as chosen from earlier orders (NULL when typed by number). */
const char    *pkio_order_form_get_known_person_label (PkioOrderForm *self);

/* Checks the order now; returns the problems (PkioProblem, empty when none). */
GPtrArray     *pkio_order_form_validate          (PkioOrderForm    *self);
/* After the person tried to go on: every problem shows at its field and in the summary. */
void           pkio_order_form_set_tried         (PkioOrderForm    *self,
                                                  gboolean          tried);
/* Moves the focus to the summary's first entry (or the first problem's field). */
void           pkio_order_form_focus_summary     (PkioOrderForm    *self);
/* CertCentral's errors[] (PkioApiErrorEntry) after a refusal: each shows in the box at the
 * top, and those that name a field also at that field, until the field changes. NULL or
 * empty clears them. */
void           pkio_order_form_set_server_errors (PkioOrderForm    *self,
                                                  GPtrArray        *entries);

/* Offers only these years (GET product/pkio_burger); NULL or empty offers 1, 2 and 3. */
void           pkio_order_form_set_allowed_years (PkioOrderForm    *self,
                                                  GArray           *years);
/* "4900.00 EUR" under "Account balance", or NULL when not known. */
void           pkio_order_form_set_balance_text  (PkioOrderForm    *self,
                                                  const char       *text);
/* Moves the focus to the field of @path (expanding what hides it). FALSE when unknown. */
gboolean       pkio_order_form_focus_field       (PkioOrderForm    *self,
                                                  const char       *path);
/* The row that shows @path, or NULL (tests, screenshots). */
GtkWidget     *pkio_order_form_get_field_row     (PkioOrderForm    *self,
                                                  const char       *path);
/* The problem shown at @path now, or NULL (tests). */
const char    *pkio_order_form_get_shown_problem (PkioOrderForm    *self,
                                                  const char       *path);

G_END_DECLS
