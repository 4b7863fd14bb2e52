/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-task-chain.h"
#include "pkio-workspace-private.h"

/* What the workspace does with a certificate after its order: revoke it (through the revoke
 * sender, as an order goes through the order sender) and settle a revocation whose outcome is
 * unknown. */

/* ---- revoking ---- */

void
pkio_workspace_revoke_async (PkioWorkspace       *self,
                             PkioHistoryRecord   *record,
                             PkioRevokeReason     reason,
                             const char          *comment,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  pkio_revoke_sender_send_async (self, self->store, self->client, record, reason, comment,
                                 cancellable, callback, user_data);
}

PkioRevokeResult *
pkio_workspace_revoke_finish (PkioWorkspace *self,
                              GAsyncResult  *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return pkio_revoke_sender_send_finish (result);
}

/* ---- checking an unknown revocation ---- */

typedef struct
{
  PkioHistoryRecord *record;
  PkioRemoteOrder   *order;
  PkioRevokeState    state;
  gint64             request_id;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->record);
  g_clear_pointer (&data->order, pkio_remote_order_free);
  g_free (data);
}

static void
check_marked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_revoke_mark_finish (PKIO_HISTORY_STORE (source), result, &error);
  pkio_task_finish_chain (task, error);
}

static void
check_merged_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autofree char *detail = NULL;
  const PkioRemoteRequest *request;
  GError *error = NULL;

  if (!pkio_history_store_merge_remote_finish (PKIO_HISTORY_STORE (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Order info lists the order's requests: a revoke among them was taken (pending, approved,
   * or rejected by an administrator later); an order already "revoked" needs no asking. */
  request = pkio_remote_order_find_request (data->order, "revoke");
  if (request != NULL || g_strcmp0 (data->order->status, "revoked") == 0)
    {
      data->state = PKIO_REVOKE_REQUESTED;
      data->request_id = request != NULL ? request->id : 0;
      if (data->request_id > 0)
        detail = g_strdup_printf ("%" G_GINT64_FORMAT, data->request_id);
      if (pkio_history_record_get_revoke_state (data->record) == PKIO_REVOKE_REQUESTED
          && pkio_history_record_get_revoke_request_id (data->record) == data->request_id)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      pkio_history_store_revoke_mark_async (PKIO_HISTORY_STORE (source), data->record,
                                            PKIO_REVOKE_REQUESTED, data->request_id,
                                            "revoke-requested", detail, check_marked_cb,
                                            g_steal_pointer (&task));
      return;
    }
  data->state = PKIO_REVOKE_NONE;
  if (pkio_history_record_get_revoke_state (data->record) == PKIO_REVOKE_NONE)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  pkio_history_store_revoke_mark_async (PKIO_HISTORY_STORE (source), data->record,
                                        PKIO_REVOKE_NONE, 0, "revoke-not-found", NULL,
                                        check_marked_cb, g_steal_pointer (&task));
}

static void
check_fetched_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioWorkspace *self = g_task_get_source_object (task);
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_remote_order_free);
  GError *error = NULL;

  data->order = pkio_client_get_order_finish (PKIO_CLIENT (source), result, &error);
  if (data->order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (orders, pkio_remote_order_copy (data->order));
  pkio_history_store_merge_remote_async (self->store, orders, NULL, check_merged_cb,
                                         g_steal_pointer (&task));
}

void
pkio_workspace_check_revoke_async (PkioWorkspace       *self,
                                   PkioHistoryRecord   *record,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_check_revoke_async, cancellable,
                                          callback, user_data);
  if (task == NULL)
    return;
  data = g_new0 (CheckData, 1);
  data->record = g_object_ref (record);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  pkio_client_get_order_async (self->client, pkio_history_record_get_order_id (record),
                               cancellable, check_fetched_cb, g_steal_pointer (&task));
}

PkioRevokeState
pkio_workspace_check_revoke_finish (PkioWorkspace  *self,
                                    GAsyncResult   *result,
                                    gint64         *out_request_id,
                                    GError        **error)
{
  CheckData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), PKIO_REVOKE_UNKNOWN);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return PKIO_REVOKE_UNKNOWN;
  data = g_task_get_task_data (G_TASK (result));
  if (out_request_id != NULL)
    *out_request_id = data->request_id;
  return data->state;
}
