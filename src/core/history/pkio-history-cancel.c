/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cancelling an order from the history (pkio-history-cancel.h has the rules): the PUT, never
 * repeated; when it went unanswered, one read of the order's status; then the timeline. Apart
 * from the sync (pkio-history-sync.c), which only reads from CertCentral. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cancel-note.h"
#include "pkio-history-cancel.h"
#include "pkio-order.h"
#include "pkio-task-chain.h"

typedef struct
{
  PkioHistoryStore *store;
  PkioClient       *client;
  gint64            order_id;
  char             *note;
  GError           *unknown;   /* the cancel's OUTCOME_UNKNOWN, while its status is asked */
} CancelData;

static void
cancel_data_free (CancelData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_free (data->note);
  g_clear_error (&data->unknown);
  g_free (data);
}

static void
status_recorded_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_update_status_finish (PKIO_HISTORY_STORE (source), res, &error);
  pkio_task_finish_chain (task, error);
}

static void
record_canceled (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  CancelData *data = g_task_get_task_data (task);

  pkio_history_store_update_status_async (data->store, data->order_id, "canceled", data->note,
                                          status_recorded_cb, g_steal_pointer (&task));
}

static void
status_merged_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);

  /* The status is kept if it could be; the cancel's outcome stays unknown either way. */
  pkio_history_store_merge_remote_finish (data->store, res, NULL, NULL);
  g_task_return_error (task, g_steal_pointer (&data->unknown));
}

static void
status_asked_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);
  g_autoptr(PkioRemoteOrder) order = pkio_client_get_order_finish (data->client, res, NULL);
  g_autoptr(GPtrArray) orders = NULL;

  if (order != NULL && g_strcmp0 (order->status, "canceled") == 0)
    {
      /* It went through: recorded with its note, as if the answer had come. */
      g_clear_error (&data->unknown);
      record_canceled (g_steal_pointer (&task));
      return;
    }
  if (order == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->unknown));
      return;
    }
  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_ptr_array_add (orders, g_steal_pointer (&order));
  pkio_history_store_merge_remote_async (data->store, orders, NULL, status_merged_cb,
                                         g_steal_pointer (&task));
}

static void
canceled_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CancelData *data = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_client_cancel_order_finish (PKIO_CLIENT (source), res, &error);
  if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN))
    {
      /* Sent, but no answer: ask what became of it (a read, safe to repeat) rather than
       * leave the person to guess. */
      data->unknown = error;
      pkio_client_get_order_async (data->client, data->order_id, NULL, status_asked_cb,
                                   g_steal_pointer (&task));
      return;
    }
  if (pkio_task_fail_if_error (task, error))
    return;
  record_canceled (g_steal_pointer (&task));
}

void
pkio_history_cancel_order_async (PkioHistoryStore    *store,
                                 PkioClient          *client,
                                 PkioHistoryRecord   *record,
                                 const char          *note,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CancelData *data;
  GError *error = NULL;
  g_autofree char *normalized = pkio_cancel_note_normalize (note, &error);

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (PKIO_IS_CLIENT (client));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_cancel_order_async);

  if (normalized == NULL)
    {
      pkio_task_fail_if_error (task, error);
      return;
    }
  if (!pkio_history_record_can_cancel (record))
    {
      pkio_task_fail_if_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                _("Only an order that is pending or waiting "
                                                  "for pickup can be canceled.")));
      return;
    }

  data = g_new0 (CancelData, 1);
  data->store = g_object_ref (store);
  data->client = g_object_ref (client);
  data->order_id = pkio_history_record_get_order_id (record);
  data->note = g_steal_pointer (&normalized);
  g_task_set_task_data (task, data, (GDestroyNotify) cancel_data_free);
  pkio_client_cancel_order_async (client, data->order_id, data->note, cancellable,
                                  canceled_cb, g_steal_pointer (&task));
}

gboolean
pkio_history_cancel_order_finish (PkioHistoryStore *store,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
