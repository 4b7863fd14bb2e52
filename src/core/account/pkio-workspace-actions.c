/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-cancel.h"
#include "pkio-history-sync.h"
#include "pkio-task-chain.h"
#include "pkio-workspace-private.h"

/* What a workspace does with its account: sync the history, and refresh, cancel or check
 * the outcome of one order. Each needs a client (an API key). */

static GError *
not_loaded_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                              _("The order history is not open yet. Wait until it has "
                                "loaded, then try again."));
}

/* A task for one call, or NULL when it has been answered already: with no client (no API key)
 * there is nothing to ask CertCentral with. */
GTask *
_pkio_workspace_client_task_new (PkioWorkspace       *self,
                                 gpointer             source_tag,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->client == NULL)
    {
      g_task_return_error (task, pkio_api_error_new_no_key ());
      return NULL;
    }
  return g_steal_pointer (&task);
}

/* ---- sync ---- */

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_history_sync_finish (self->store, result, &error);
  _pkio_workspace_set_syncing (self, FALSE);
  _pkio_workspace_finish_waiters (self->sync_waiters, error);
}

void
pkio_workspace_sync_async (PkioWorkspace       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_sync_async);
  if (!self->loaded)
    {
      g_task_return_error (task, not_loaded_error ());
      return;
    }
  if (self->client == NULL)
    {
      g_task_return_error (task, pkio_api_error_new_no_key ());
      return;
    }
  g_ptr_array_add (self->sync_waiters, g_steal_pointer (&task));
  if (self->sync_waiters->len > 1)
    return;
  _pkio_workspace_set_syncing (self, TRUE);
  /* Shared by every caller, so not cancelled with one of them. */
  pkio_history_sync_async (self->store, self->client, NULL, synced_cb, g_object_ref (self));
}

gboolean
pkio_workspace_sync_finish (PkioWorkspace *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- one order ---- */

static void
order_merged_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_merge_remote_finish (PKIO_HISTORY_STORE (source), result, NULL, &error);
  pkio_task_finish_chain (task, error);
}

static void
order_fetched_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioWorkspace *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_remote_order_free);
  PkioRemoteOrder *order = pkio_client_get_order_finish (PKIO_CLIENT (source), result, &error);
  GCancellable *cancellable;

  if (order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (orders, order);
  /* Read before the task is handed on: arguments are evaluated in no set order. */
  cancellable = g_task_get_cancellable (task);
  pkio_history_store_merge_remote_async (self->store, orders, cancellable, order_merged_cb,
                                         g_steal_pointer (&task));
}

void
pkio_workspace_refresh_order_async (PkioWorkspace       *self,
                                    PkioHistoryRecord   *record,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_refresh_order_async, cancellable,
                                          callback, user_data);
  if (task == NULL)
    return;
  pkio_client_get_order_async (self->client, pkio_history_record_get_order_id (record),
                               cancellable, order_fetched_cb, g_steal_pointer (&task));
}

gboolean
pkio_workspace_refresh_order_finish (PkioWorkspace *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
canceled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_cancel_order_finish (PKIO_HISTORY_STORE (source), result, &error);
  pkio_task_finish_chain (task, error);
}

void
pkio_workspace_cancel_order_async (PkioWorkspace       *self,
                                   PkioHistoryRecord   *record,
                                   const char          *note,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_cancel_order_async, cancellable,
                                          callback, user_data);
  if (task == NULL)
    return;
  pkio_history_cancel_order_async (self->store, self->client, record, note, cancellable,
                                   canceled_cb, g_steal_pointer (&task));
}

gboolean
pkio_workspace_cancel_order_finish (PkioWorkspace *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
reconciled_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gint64 order_id = pkio_history_reconcile_finish (PKIO_HISTORY_STORE (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, order_id);
}

void
pkio_workspace_check_outcome_async (PkioWorkspace       *self,
                                    PkioHistoryRecord   *record,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_check_outcome_async, cancellable,
                                          callback, user_data);
  if (task == NULL)
    return;
  pkio_history_reconcile_async (self->store, self->client, record, cancellable, reconciled_cb,
                                g_steal_pointer (&task));
}

gint64
pkio_workspace_check_outcome_finish (PkioWorkspace *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- placing an order ---- */

/* The sender's task itself, with this workspace as its source: nothing is added on the way. */
void
pkio_workspace_place_order_async (PkioWorkspace       *self,
                                  PkioOrder           *order,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (order != NULL);

  pkio_order_sender_send_async (self, self->store, self->client, order, cancellable, callback,
                                user_data);
}

PkioSendResult *
pkio_workspace_place_order_finish (PkioWorkspace *self,
                                   GAsyncResult  *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return pkio_order_sender_send_finish (result);
}

/* ---- reading the whole history ---- */

static void
history_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_ensure_loaded_finish (PKIO_HISTORY_STORE (source), result, &error);
  pkio_task_finish_chain (task, error);
}

void
pkio_workspace_read_history_async (PkioWorkspace       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_read_history_async);
  pkio_history_store_ensure_loaded_async (self->store, cancellable, history_read_cb,
                                          g_steal_pointer (&task));
}

gboolean
pkio_workspace_read_history_finish (PkioWorkspace  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- one order's status ---- */

typedef struct
{
  PkioRemoteOrder *order;
  GError          *store_error;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_pointer (&data->order, pkio_remote_order_free);
  g_clear_error (&data->store_error);
  g_free (data);
}

static void
fetched_order_stored_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);

  pkio_history_store_merge_remote_finish (PKIO_HISTORY_STORE (source), result, NULL,
                                          &data->store_error);
  g_task_return_boolean (task, TRUE);
}

static void
order_to_store_fetched_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioWorkspace *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) orders = NULL;
  GError *error = NULL;

  data->order = pkio_client_get_order_finish (PKIO_CLIENT (source), result, &error);
  if (data->order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!pkio_history_store_is_open (self->store))
    {
      data->store_error = g_error_new (PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_OPEN,
                                       _("the order history “%s” is not open"),
                                       pkio_history_store_get_path (self->store));
      g_task_return_boolean (task, TRUE);
      return;
    }
  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_ptr_array_add (orders, pkio_remote_order_copy (data->order));
  pkio_history_store_merge_remote_async (self->store, orders, NULL, fetched_order_stored_cb,
                                         g_steal_pointer (&task));
}

void
pkio_workspace_fetch_order_async (PkioWorkspace       *self,
                                  gint64               order_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (order_id > 0);

  task = _pkio_workspace_client_task_new (self, pkio_workspace_fetch_order_async, cancellable,
                                          callback, user_data);
  if (task == NULL)
    return;
  g_task_set_task_data (task, g_new0 (FetchData, 1), (GDestroyNotify) fetch_data_free);
  pkio_client_get_order_async (self->client, order_id, cancellable, order_to_store_fetched_cb,
                               g_steal_pointer (&task));
}

PkioRemoteOrder *
pkio_workspace_fetch_order_finish (PkioWorkspace  *self,
                                   GAsyncResult   *result,
                                   GError        **out_store_error,
                                   GError        **error)
{
  FetchData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (out_store_error != NULL)
    *out_store_error = g_steal_pointer (&data->store_error);
  return g_steal_pointer (&data->order);
}

/* ---- the person's choice among candidates ---- */

static void
order_linked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_link_order_finish (PKIO_HISTORY_STORE (source), result, &error);
  pkio_task_finish_chain (task, error);
}

void
pkio_workspace_link_order_async (PkioWorkspace       *self,
                                 PkioHistoryRecord   *record,
                                 gint64               order_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_link_order_async, cancellable,
                                          callback, user_data);
  if (task == NULL)
    return;
  pkio_history_link_order_async (self->store, self->client, record, order_id, cancellable,
                                 order_linked_cb, g_steal_pointer (&task));
}

gboolean
pkio_workspace_link_order_finish (PkioWorkspace *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
