/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_SECTION (pkio_order_section_get_type ())
G_DECLARE_INTERFACE (PkioOrderSection, pkio_order_section, PKIO, ORDER_SECTION, GtkWidget)

/* How an order is given to a section. */
typedef enum
{
  PKIO_ORDER_SECTION_FILL_NONE = 0,
  PKIO_ORDER_SECTION_FILL_NEW  = 1 << 0,  /* a new, empty order: what the person opened (an
                                             expander) closes again */
} PkioOrderSectionFill;

/* What a section copies into an order. */
typedef enum
{
  PKIO_ORDER_SECTION_TO_SEND,  /* what would be sent: the choices made, card data when paying
                                  by a new card */
  PKIO_ORDER_SECTION_DRAFT,    /* everything typed, also for the choices not made (both holder
                                  choices), never card data */
} PkioOrderSectionCollect;

/* One field of a section: the request path its value goes to ("ship_info.zip"; the path a
 * problem of pkio_order_validate () or CertCentral names) and the row where its problem shows
 * (under it, in the same list). A radio group shows its problem under its first choice. */
typedef struct
{
  const char *path;
  GtkWidget  *row;
} PkioOrderSectionField;

/* A part of the order form with a small interface of its own, as the sections of GNOME
 * Calendar's event editor: it shows its part of an order, copies it back, and names the rows
 * of its fields. The form (PkioOrderForm) composes sections and does the rest: checking the
 * order, showing problems at the rows the sections name, the summary, CertCentral's messages.
 * A section knows no other section.
 *
 * Signals: "changed" after every change the person makes (pkio_order_section_changed ()
 * does not emit it while pkio_order_section_set_order () runs); "fields-changed" when the rows
 * it names came or went (a part built when first needed, fields known only at run time). */
struct _PkioOrderSectionInterface
{
  GTypeInterface parent_iface;

  /* Shows @order's part of the order; card data is never taken from it. */
  void (*set_order)   (PkioOrderSection        *self,
                       const PkioOrder         *order,
                       PkioOrderSectionFill     fill);
  /* Copies this section's part into @order. */
  void (*collect)     (PkioOrderSection        *self,
                       PkioOrder               *order,
                       PkioOrderSectionCollect  what);
  /* Appends the section's fields (PkioOrderSectionField), top to bottom as on screen. */
  void (*list_fields) (PkioOrderSection        *self,
                       GArray                  *fields);
  /* Optional: appends the problems (PkioProblem) of @order that pkio_order_validate () does
   * not know of, at this section's paths (the account's own order fields). */
  void (*check)       (PkioOrderSection        *self,
                       const PkioOrder         *order,
                       GPtrArray               *problems);
};

void    pkio_order_section_set_order   (PkioOrderSection        *self,
                                        const PkioOrder         *order,
                                        PkioOrderSectionFill     fill);
void    pkio_order_section_collect     (PkioOrderSection        *self,
                                        PkioOrder               *order,
                                        PkioOrderSectionCollect  what);
/* A new array of PkioOrderSectionField (the rows are not referenced). */
GArray *pkio_order_section_list_fields (PkioOrderSection        *self);

/* Appends what the section's own check finds in @order to @problems (nothing for a section
 * without one). */
void    pkio_order_section_check       (PkioOrderSection        *self,
                                        const PkioOrder         *order,
                                        GPtrArray               *problems);

/* For sections: emit "changed" (unless the section is being filled) / "fields-changed". */
void    pkio_order_section_changed        (PkioOrderSection *self);
void    pkio_order_section_fields_changed (PkioOrderSection *self);

G_END_DECLS
