/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-certificate-section.h"
#include "pkio-order-form-private.h"

/* The form composes its sections (PkioOrderSection: src/ui/order/README.md): the order is
 * what they collect, filling the form is filling them, and every change one of them reports
 * is checked with the core's rules. Problems at fields, the summary and CertCentral's words
 * are in pkio-order-form-problems.c. */

G_DEFINE_FINAL_TYPE (PkioOrderForm, pkio_order_form, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GList *
_pkio_order_form_list_sections (PkioOrderForm *self)
{
  GList *sections = NULL;

  if (self->form_box == NULL)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self->form_box));
       child != NULL; child = gtk_widget_get_prev_sibling (child))
    if (PKIO_IS_ORDER_SECTION (child))
      sections = g_list_prepend (sections, child);
  return sections;
}

/* ---- the order in and out ---- */

static PkioOrder *
collect (PkioOrderForm           *self,
         PkioOrderSectionCollect  what)
{
  PkioOrder *order = pkio_order_new ();
  g_autoptr(GList) sections = _pkio_order_form_list_sections (self);

  for (GList *l = sections; l != NULL; l = l->next)
    pkio_order_section_collect (l->data, order, what);
  order->replaces_order_id = self->replaces_order_id;
  return order;
}

/* ---- a renewal ---- */

char *
pkio_order_form_describe_replaced (PkioOrderForm *self,
                                   gint64         order_id)
{
  PkioHistoryRecord *record = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *till = NULL;
  PkioExpiryWindow window;

  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  if (self->store != NULL && order_id > 0)
    record = pkio_history_store_find_by_order_id (self->store, order_id);
  if (record == NULL)
    return NULL;
  holder = pkio_history_record_dup_holder_label (record);
  till = pkio_history_day_dup_text (pkio_history_record_get_valid_till (record));
  if (till == NULL)
    return g_steal_pointer (&holder);
  /* Whether it ended does not depend on the warning period. */
  pkio_expiry_window_init (&window, PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
  if (pkio_history_record_get_expiry (record, &window) == PKIO_EXPIRY_ENDED)
    /* Translators: the holder of a certificate, then the day it ended ("27 Dec 2026") */
    return g_strdup_printf (_("%s, ended on %s"), holder != NULL ? holder : "", till);
  /* Translators: the holder of a certificate, then the day it ends ("27 Dec 2026") */
  return g_strdup_printf (_("%s, valid until %s"), holder != NULL ? holder : "", till);
}

/* The form holds a renewal from History ("Order a new certificate") until it is emptied: it says
 * so at its top, with the order it replaces and what becomes of the old certificate (nothing:
 * the app never revokes it on its own). */
static void
update_renewal_banner (PkioOrderForm *self)
{
  g_autofree char *number = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *first = NULL;
  g_autofree char *title = NULL;

  /* Hidden, it takes no place (nor the form box's spacing). */
  gtk_widget_set_visible (GTK_WIDGET (self->renewal_banner), self->replaces_order_id > 0);
  if (self->replaces_order_id <= 0)
    {
      pkio_banner_set_revealed (self->renewal_banner, FALSE);
      return;
    }
  number = g_strdup_printf ("%" G_GINT64_FORMAT, self->replaces_order_id);
  replaced = pkio_order_form_describe_replaced (self, self->replaces_order_id);
  if (replaced != NULL)
    /* Translators: an order number, then its holder and end date ("Anna de Vries, valid until
     * 27 Dec 2026") */
    first = g_strdup_printf (_("Renewal: this order replaces order %s (%s)."), number, replaced);
  else
    /* Translators: %s is an order number */
    first = g_strdup_printf (_("Renewal: this order replaces order %s."), number);
  title = g_strconcat (first, " ",
                       _("The old certificate is not revoked: it works until its end date. "
                         "Once this order is placed, History no longer warns that it ends."),
                       NULL);
  pkio_banner_set_title (self->renewal_banner, title);
  pkio_banner_set_revealed (self->renewal_banner, TRUE);
}

gboolean
pkio_order_form_get_renewal_shown (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), FALSE);

  return pkio_banner_get_revealed (self->renewal_banner);
}

const char *
pkio_order_form_get_renewal_text (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  return pkio_banner_get_title (self->renewal_banner);
}

static void
fill (PkioOrderForm        *self,
      const PkioOrder      *order,
      PkioOrderSectionFill  how)
{
  g_autoptr(GList) sections = _pkio_order_form_list_sections (self);

  self->filling = TRUE;
  self->replaces_order_id = MAX (order->replaces_order_id, 0);
  for (GList *l = sections; l != NULL; l = l->next)
    pkio_order_section_set_order (l->data, order, how);
  self->filling = FALSE;
  update_renewal_banner (self);
  _pkio_order_form_revalidate (self);
}

PkioOrder *
pkio_order_form_dup_order (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);
  return collect (self, PKIO_ORDER_SECTION_TO_SEND);
}

PkioOrder *
pkio_order_form_dup_draft (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);
  return collect (self, PKIO_ORDER_SECTION_DRAFT);
}

void
pkio_order_form_set_order (PkioOrderForm   *self,
                           const PkioOrder *order)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));
  g_return_if_fail (order != NULL);

  fill (self, order, PKIO_ORDER_SECTION_FILL_NONE);
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
  fill (self, empty, PKIO_ORDER_SECTION_FILL_NEW);
}

/* ---- checking as the person goes ---- */

void
_pkio_order_form_revalidate (PkioOrderForm *self)
{
  g_autoptr(PkioOrder) order = pkio_order_form_dup_order (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GList) sections = _pkio_order_form_list_sections (self);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = pkio_order_validate (order, now);
  /* What only a section can check (the account's own order fields, by the account's list). */
  for (GList *l = sections; l != NULL; l = l->next)
    pkio_order_section_check (l->data, order, self->problems);
  _pkio_order_form_update_display (self);
}

static void
section_changed_cb (PkioOrderForm *self)
{
  if (self->filling || self->form_box == NULL)
    return;
  _pkio_order_form_revalidate (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
section_fields_changed_cb (PkioOrderForm *self)
{
  if (self->form_box == NULL)
    return;
  _pkio_order_form_update_fields (self);
  /* New fields bring their own problems (a required field of the account's, now empty). */
  _pkio_order_form_revalidate (self);
}

/* "Same as the holder": what the person section knows of the holder's name and place. */
static void
same_as_holder_cb (PkioOrderForm *self)
{
  g_autoptr(PkioOrder) holder = pkio_order_new ();

  pkio_person_section_get_recipient (self->person_section, &holder->ship_info);
  pkio_shipping_section_fill_recipient (self->shipping_section, &holder->ship_info);
}

void
pkio_order_form_add_section (PkioOrderForm    *self,
                             PkioOrderSection *section)
{
  g_autoptr(PkioOrder) draft = NULL;

  g_return_if_fail (PKIO_IS_ORDER_FORM (self));
  g_return_if_fail (PKIO_IS_ORDER_SECTION (section));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (section)) == NULL);

  draft = pkio_order_form_dup_draft (self);
  gtk_box_insert_child_after (self->form_box, GTK_WIDGET (section),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->agreement_section)));
  g_signal_connect_object (section, "changed", G_CALLBACK (section_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (section, "fields-changed", G_CALLBACK (section_fields_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->filling = TRUE;
  pkio_order_section_set_order (section, draft, PKIO_ORDER_SECTION_FILL_NONE);
  self->filling = FALSE;
  section_fields_changed_cb (self);
  _pkio_order_form_revalidate (self);
}

/* ---- what the sections know ---- */

void
pkio_order_form_clear_cvv (PkioOrderForm *self)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  self->filling = TRUE;
  pkio_payment_section_clear_cvv (self->payment_section);
  self->filling = FALSE;
  _pkio_order_form_revalidate (self);
}

char *
pkio_order_form_dup_card_last4 (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  return pkio_payment_section_dup_card_last4 (self->payment_section);
}

const char *
pkio_order_form_get_known_person_label (PkioOrderForm *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_FORM (self), NULL);

  return pkio_person_section_get_known_person_label (self->person_section);
}

void
pkio_order_form_set_store (PkioOrderForm    *self,
                           PkioHistoryStore *store)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  pkio_person_section_set_store (self->person_section, store);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  /* A renewal restored from the draft at start names its holder once the history is read. */
  if (store != NULL)
    g_signal_connect_object (store, "notify::loaded", G_CALLBACK (update_renewal_banner), self,
                             G_CONNECT_SWAPPED);
  update_renewal_banner (self);
}

void
pkio_order_form_set_allowed_years (PkioOrderForm *self,
                                   GArray        *years)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  pkio_validity_section_set_allowed_years (self->validity_section, years);
  _pkio_order_form_revalidate (self);
}

void
pkio_order_form_set_balance_text (PkioOrderForm *self,
                                  const char    *text)
{
  g_return_if_fail (PKIO_IS_ORDER_FORM (self));

  pkio_payment_section_set_balance_text (self->payment_section, text);
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

/* ---- GObject ---- */

/* The sections are taken apart with the box that holds them: what they say meanwhile is no
 * change of the person's, and nothing of the form is shown any more. */
static void
pkio_order_form_dispose (GObject *object)
{
  PkioOrderForm *self = PKIO_ORDER_FORM (object);

  self->form_box = NULL;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
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

  G_OBJECT_CLASS (pkio_order_form_parent_class)->finalize (object);
}

static void
pkio_order_form_class_init (PkioOrderFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_order_form_dispose;
  object_class->finalize = pkio_order_form_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PKIO_TYPE_BANNER);
  g_type_ensure (PKIO_TYPE_CERTIFICATE_SECTION);
  g_type_ensure (PKIO_TYPE_PERSON_SECTION);
  g_type_ensure (PKIO_TYPE_SHIPPING_SECTION);
  g_type_ensure (PKIO_TYPE_VALIDITY_SECTION);
  g_type_ensure (PKIO_TYPE_PAYMENT_SECTION);
  g_type_ensure (PKIO_TYPE_AGREEMENT_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-order-form.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, form_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, renewal_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, server_group);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, person_section);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, shipping_section);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, validity_section);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, payment_section);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, agreement_section);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderForm, summary_group);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, same_as_holder_cb);
}

static void
pkio_order_form_init (PkioOrderForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) _pkio_order_form_field_free);
  self->summary_rows = g_ptr_array_new ();
  self->server_rows = g_ptr_array_new ();
  self->problems = pkio_problem_list_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _pkio_order_form_update_fields (self);
  pkio_order_form_reset (self);
}

PkioOrderForm *
pkio_order_form_new (void)
{
  return g_object_new (PKIO_TYPE_ORDER_FORM, NULL);
}
