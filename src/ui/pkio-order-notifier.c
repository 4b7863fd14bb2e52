/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-order-notifier.h"

struct _PkioOrderNotifier
{
  GObject                 parent_instance;

  GApplication           *application;   /* not owned: it owns the notifier */
  PkioHistoryStore       *store;
  PkioNotificationSender  sender;
  gpointer                sender_data;
};

G_DEFINE_FINAL_TYPE (PkioOrderNotifier, pkio_order_notifier, G_TYPE_OBJECT)

static void
send_with_gapplication (GApplication          *application,
                        const PkioOrderNotice *notice,
                        gpointer               user_data)
{
  g_autoptr(GNotification) notification = g_notification_new (notice->title);

  g_notification_set_body (notification, notice->body);
  g_notification_set_default_action_and_target (notification, notice->action, "x",
                                                notice->local_id);
  g_application_send_notification (application, notice->id, notification);
}

static void
status_changed_cb (PkioOrderNotifier *self,
                   PkioHistoryRecord *record,
                   const char        *old_status)
{
  const char *status = pkio_history_record_get_remote_status (record);
  g_autofree char *holder = pkio_history_record_dup_holder_label (record);
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  gboolean issued = g_strcmp0 (status, "issued") == 0;
  long order_id = (long) pkio_history_record_get_order_id (record);
  PkioOrderNotice notice = { 0 };

  if (!issued && g_strcmp0 (status, "rejected") != 0)
    return;

  body = issued
    /* Translators: %s is the certificate holder, %ld the order number */
    ? g_strdup_printf (_("The certificate for %s (order %ld) is issued. DigiCert ships the "
                         "token to the recipient."), holder, order_id)
    /* Translators: %s is the certificate holder, %ld the order number */
    : g_strdup_printf (_("CertCentral rejected the order for %s (order %ld). See its details "
                         "for why."), holder, order_id);
  id = g_strdup_printf ("order-%ld-%s", order_id, status);
  notice.id = id;
  notice.title = issued ? _("Certificate issued") : _("Order rejected by CertCentral");
  notice.body = body;
  notice.action = "app.show-order";
  notice.local_id = pkio_history_record_get_local_id (record);
  self->sender (self->application, &notice, self->sender_data);
}

static void
pkio_order_notifier_dispose (GObject *object)
{
  PkioOrderNotifier *self = PKIO_ORDER_NOTIFIER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pkio_order_notifier_parent_class)->dispose (object);
}

static void
pkio_order_notifier_class_init (PkioOrderNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pkio_order_notifier_dispose;
}

static void
pkio_order_notifier_init (PkioOrderNotifier *self)
{
  self->sender = send_with_gapplication;
}

PkioOrderNotifier *
pkio_order_notifier_new (GApplication *application)
{
  PkioOrderNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  self = g_object_new (PKIO_TYPE_ORDER_NOTIFIER, NULL);
  self->application = application;
  return self;
}

void
pkio_order_notifier_set_workspace (PkioOrderNotifier *self,
                                   PkioWorkspace     *workspace)
{
  g_return_if_fail (PKIO_IS_ORDER_NOTIFIER (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (workspace == NULL)
    return;
  self->store = g_object_ref (pkio_workspace_get_store (workspace));
  g_signal_connect_object (self->store, "status-changed", G_CALLBACK (status_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
pkio_order_notifier_set_sender (PkioOrderNotifier      *self,
                                PkioNotificationSender  sender,
                                gpointer                user_data)
{
  g_return_if_fail (PKIO_IS_ORDER_NOTIFIER (self));

  self->sender = sender != NULL ? sender : send_with_gapplication;
  self->sender_data = user_data;
}
