/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-order-outcome.h"

struct _PkioOrderOutcome
{
  AdwBin         parent_instance;

  /* Template children */
  AdwStatusPage *status_page;
  GtkWidget     *checking_box;
  GtkSpinner    *checking_spinner;
  GtkWidget     *ids_group;
  AdwActionRow  *order_row;
  AdwActionRow  *certificate_row;
  GtkWidget     *copy_certificate_button;
  GtkWidget     *next_group;
  GtkWidget     *check_again_button;
  GtkWidget     *send_again_button;
  GtkWidget     *again_button;
  GtkWidget     *new_button;
};

G_DEFINE_FINAL_TYPE (PkioOrderOutcome, pkio_order_outcome, ADW_TYPE_BIN)

typedef enum
{
  SHOW_IDS         = 1 << 0,
  SHOW_CHECKING    = 1 << 1,
  SHOW_CHECK_AGAIN = 1 << 2,
  SHOW_SEND_AGAIN  = 1 << 3,
  SHOW_AGAIN       = 1 << 4,
} Parts;

static void
show_parts (PkioOrderOutcome *self,
            Parts            parts)
{
  GtkWidget *page = GTK_WIDGET (self->status_page);

  if (parts & SHOW_IDS)
    {
      gtk_widget_add_css_class (page, "order-placed");
      gtk_widget_remove_css_class (page, "order-unknown");
    }
  else
    {
      gtk_widget_add_css_class (page, "order-unknown");
      gtk_widget_remove_css_class (page, "order-placed");
    }
  gtk_widget_set_visible (self->ids_group, (parts & SHOW_IDS) != 0);
  gtk_widget_set_visible (self->next_group, (parts & SHOW_IDS) != 0);
  gtk_widget_set_visible (self->checking_box, (parts & SHOW_CHECKING) != 0);
  gtk_spinner_set_spinning (self->checking_spinner, (parts & SHOW_CHECKING) != 0);
  gtk_widget_set_visible (self->check_again_button, (parts & SHOW_CHECK_AGAIN) != 0);
  gtk_widget_set_visible (self->send_again_button, (parts & SHOW_SEND_AGAIN) != 0);
  gtk_widget_set_visible (self->again_button, (parts & SHOW_AGAIN) != 0);
  /* Nothing else may start while CertCentral is being asked. */
  gtk_widget_set_visible (self->new_button, (parts & SHOW_CHECKING) == 0);
}

void
pkio_order_outcome_show_placed (PkioOrderOutcome *self,
                               gint64           order_id,
                               gint64           certificate_id,
                               gboolean         found)
{
  g_autofree char *order_text = NULL;
  g_autofree char *certificate_text = NULL;

  g_return_if_fail (PKIO_IS_ORDER_OUTCOME (self));

  order_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  certificate_text = certificate_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, certificate_id)
                                        : g_strdup (_("Waiting for approval"));
  adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->status_page, _("Order placed"));
  adw_status_page_set_description (self->status_page,
                                   found ? _("CertCentral did receive the order after all: it "
                                             "was placed once.")
                                         : _("CertCentral accepted the order."));
  adw_action_row_set_subtitle (self->order_row, order_text);
  adw_action_row_set_subtitle (self->certificate_row, certificate_text);
  gtk_widget_set_visible (self->copy_certificate_button, certificate_id > 0);
  show_parts (self, SHOW_IDS | SHOW_AGAIN);
  gtk_widget_grab_focus (GTK_WIDGET (self->order_row));
}

void
pkio_order_outcome_show_checking (PkioOrderOutcome *self)
{
  g_return_if_fail (PKIO_IS_ORDER_OUTCOME (self));

  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The outcome is not known"));
  adw_status_page_set_description (self->status_page,
                                   _("CertCentral did not answer, so the order may or may not "
                                     "have been placed. The app now asks CertCentral whether "
                                     "it arrived. Do not order again in the meantime."));
  show_parts (self, SHOW_CHECKING);
}

void
pkio_order_outcome_show_not_found (PkioOrderOutcome *self)
{
  g_return_if_fail (PKIO_IS_ORDER_OUTCOME (self));

  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The order was most likely not placed"));
  adw_status_page_set_description (self->status_page,
                                   _("CertCentral has no order from this attempt. You can send "
                                     "it again. If the first attempt still turns up, you pay "
                                     "twice and two tokens are sent; History keeps following "
                                     "it."));
  show_parts (self, SHOW_SEND_AGAIN | SHOW_CHECK_AGAIN);
  gtk_widget_remove_css_class (self->check_again_button, "suggested-action");
}

void
pkio_order_outcome_show_check_failed (PkioOrderOutcome *self,
                                     const char      *reason)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PKIO_IS_ORDER_OUTCOME (self));

  /* Translators: %s says why CertCentral could not be asked (one or more sentences) */
  description = g_strdup_printf (_("The order may or may not have been placed, and CertCentral "
                                   "could not be asked:\n%s\nDo not order again before a check "
                                   "has found out."), reason != NULL ? reason : "");
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The outcome is still not known"));
  adw_status_page_set_description (self->status_page, description);
  show_parts (self, SHOW_CHECK_AGAIN);
  gtk_widget_add_css_class (self->check_again_button, "suggested-action");
}

static void
pkio_order_outcome_class_init (PkioOrderOutcomeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-order-outcome.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, status_page);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, checking_box);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, ids_group);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, order_row);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, copy_certificate_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, next_group);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, check_again_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, send_again_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, again_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderOutcome, new_button);
}

static void
pkio_order_outcome_init (PkioOrderOutcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_accessible_name_list (ADW_PREFERENCES_GROUP (self->ids_group),
                             _("Order and certificate number"));
}

PkioOrderOutcome *
pkio_order_outcome_new (void)
{
  return g_object_new (PKIO_TYPE_ORDER_OUTCOME, NULL);
}
