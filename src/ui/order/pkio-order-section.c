/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-order-section.h"

G_DEFINE_INTERFACE (PkioOrderSection, pkio_order_section, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  FIELDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Set on a section while pkio_order_section_set_order () fills it: what its widgets say then
 * is not the person's doing. */
static GQuark
filling_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("pkio-order-section-filling");
  return quark;
}

static void
pkio_order_section_default_init (PkioOrderSectionInterface *iface)
{
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FIELDS_CHANGED] = g_signal_new ("fields-changed", G_TYPE_FROM_INTERFACE (iface),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

void
pkio_order_section_set_order (PkioOrderSection     *self,
                              const PkioOrder      *order,
                              PkioOrderSectionFill  fill)
{
  g_return_if_fail (PKIO_IS_ORDER_SECTION (self));
  g_return_if_fail (order != NULL);

  g_object_set_qdata (G_OBJECT (self), filling_quark (), GINT_TO_POINTER (TRUE));
  PKIO_ORDER_SECTION_GET_IFACE (self)->set_order (self, order, fill);
  g_object_set_qdata (G_OBJECT (self), filling_quark (), NULL);
}

void
pkio_order_section_collect (PkioOrderSection        *self,
                            PkioOrder               *order,
                            PkioOrderSectionCollect  what)
{
  g_return_if_fail (PKIO_IS_ORDER_SECTION (self));
  g_return_if_fail (order != NULL);

  PKIO_ORDER_SECTION_GET_IFACE (self)->collect (self, order, what);
}

GArray *
pkio_order_section_list_fields (PkioOrderSection *self)
{
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (PkioOrderSectionField));

  g_return_val_if_fail (PKIO_IS_ORDER_SECTION (self), fields);

  PKIO_ORDER_SECTION_GET_IFACE (self)->list_fields (self, fields);
  return fields;
}

void
pkio_order_section_check (PkioOrderSection *self,
                          const PkioOrder  *order,
                          GPtrArray        *problems)
{
  PkioOrderSectionInterface *iface;

  g_return_if_fail (PKIO_IS_ORDER_SECTION (self));
  g_return_if_fail (order != NULL);
  g_return_if_fail (problems != NULL);

  iface = PKIO_ORDER_SECTION_GET_IFACE (self);
  if (iface->check != NULL)
    iface->check (self, order, problems);
}

void
pkio_order_section_changed (PkioOrderSection *self)
{
  g_return_if_fail (PKIO_IS_ORDER_SECTION (self));

  if (g_object_get_qdata (G_OBJECT (self), filling_quark ()) == NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
pkio_order_section_fields_changed (PkioOrderSection *self)
{
  g_return_if_fail (PKIO_IS_ORDER_SECTION (self));

  g_signal_emit (self, signals[FIELDS_CHANGED], 0);
}
