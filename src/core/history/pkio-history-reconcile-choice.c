/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The person's choice (pkio_history_link_order_async (), pkio-history-reconcile.h): where a
 * reconciliation (pkio-history-reconcile.c) left an attempt AMBIGUOUS, the order the person
 * picks among its candidates is read from CertCentral and linked by the store. Only one of the
 * candidates can be chosen: nothing else can turn an unknown attempt into an order. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-match.h"
#include "pkio-history-reconcile.h"
#include "pkio-order.h"
#include "pkio-task-chain.h"

static void
linked_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_link_order_finish (PKIO_HISTORY_STORE (source), res, &error);
  pkio_task_finish_chain (task, error);
}

static void
chosen_fetched_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistoryStore *store = g_task_get_source_object (task);
  PkioHistoryRecord *record = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(PkioRemoteOrder) order = pkio_client_get_order_finish (PKIO_CLIENT (source), res,
                                                                   &error);

  if (order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pkio_history_store_link_order_async (store, record, order, linked_cb, g_steal_pointer (&task));
}

void
pkio_history_link_order_async (PkioHistoryStore    *store,
                               PkioClient          *client,
                               PkioHistoryRecord   *record,
                               gint64               order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (PKIO_IS_CLIENT (client));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_link_order_async);
  g_task_set_task_data (task, g_object_ref (record), g_object_unref);
  if (pkio_history_record_get_state (record) != PKIO_RECORD_STATE_UNKNOWN
      || !pkio_history_candidates_have (pkio_history_record_get_candidates (record),
                                        order_id))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("This order is not one of those CertCentral has for this "
                                 "attempt: nothing was changed."));
      return;
    }
  pkio_client_get_order_async (client, order_id, cancellable, chosen_fetched_cb,
                               g_steal_pointer (&task));
}

gboolean
pkio_history_link_order_finish (PkioHistoryStore *store,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
