/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDER_NOTIFIER (pkio_order_notifier_get_type ())
G_DECLARE_FINAL_TYPE (PkioOrderNotifier, pkio_order_notifier, PKIO, ORDER_NOTIFIER, GObject)

/* What a notification says, and what clicking it does (activate @action with the record's
 * local id, or without a target when it is 0). */
typedef struct
{
  const char *id;        /* one per order and outcome: a repeat replaces, never piles up */
  const char *title;
  const char *body;
  const char *action;    /* "app.show-order", or "app.show-ending-soon" */
  gint64      local_id;  /* 0: the action takes no target */
} PkioOrderNotice;

/* How a notice leaves the app: as a GNotification through g_application_send_notification (),
 * unless a test puts its own in between. */
typedef void (*PkioNotificationSender) (GApplication          *application,
                                        const PkioOrderNotice *notice,
                                        gpointer               user_data);

/* Tells the person, with a desktop notification, when CertCentral issued (or rejected) an
 * order of the workspace's account, as a sync finds out: the holder is named, and clicking
 * it opens that order's details ("app.show-order" with the record's local id). Orders first
 * seen (the first sync, a restart) never notify: only a change of status seen while running
 * does, so a restart does not repeat one.
 *
 * It also warns when a certificate enters the warning period (it "ends soon": see
 * pkio_history_record_needs_expiry_warning ()), once the history is read and after each sync:
 * one notification naming the holder and the end date, opening the certificate; more than
 * three at once are told in one notification that opens History filtered on "Ends soon"
 * ("app.show-ending-soon"). Each certificate is warned once, also across restarts: the
 * history records it before the notification is sent. */
PkioOrderNotifier *pkio_order_notifier_new           (GApplication           *application);
void               pkio_order_notifier_set_workspace (PkioOrderNotifier      *self,
                                                      PkioWorkspace          *workspace);
void               pkio_order_notifier_set_sender    (PkioOrderNotifier      *self,
                                                      PkioNotificationSender  sender,
                                                      gpointer                user_data);

G_END_DECLS
