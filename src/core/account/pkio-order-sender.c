/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-order-json.h"
#include "pkio-order-sender.h"
#include "pkio-problem.h"
#include "pkio-test-hooks-private.h"

typedef struct
{
  PkioHistoryStore *store;
  PkioClient       *client;
  JsonNode         *body;      /* may hold card data: wiped when freed */
  PkioSendResult   *result;
} SendData;

void
pkio_send_result_free (PkioSendResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->record);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_free (result);
}

/* json-glib cannot wipe what it frees: overwrite the card strings in place first. */
static void
wipe_card_data (JsonNode *body)
{
  JsonObject *root;
  JsonNode *card;
  g_autoptr(GList) members = NULL;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return;
  root = json_node_get_object (body);
  card = json_object_get_member (root, "credit_card");
  if (card == NULL || !JSON_NODE_HOLDS_OBJECT (card))
    return;
  members = json_object_get_values (json_node_get_object (card));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = l->data;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          char *text = (char *) json_node_get_string (value);

          if (text != NULL)
            explicit_bzero (text, strlen (text));
        }
    }
}

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  wipe_card_data (data->body);
  g_clear_pointer (&data->body, json_node_unref);
  pkio_send_result_free (data->result);
  g_free (data);
}

/* Test hook, compiled only with -Dtest_hooks=true: see pkio-order-sender.h. */
#define crash_point(point) _pkio_test_crash_point (point)

static void
complete (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  SendData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) pkio_send_result_free);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pkio_history_store_journal_mark_finish (data->store, res, &error))
    {
      /* The outcome stands (CertCentral answered); the record keeps saying SENDING, which
       * becomes UNKNOWN at the next start and is reconciled. Say so, but do not hide the
       * order id. */
      g_message ("Could not record the outcome of an order: %s", error->message);
    }
  complete (g_steal_pointer (&task));
}

static char *
errors_to_json (const GError *error)
{
  GPtrArray *entries = pkio_api_error_get_entries (error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  if (entries != NULL && entries->len > 0)
    for (guint i = 0; i < entries->len; i++)
      {
        PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);
        g_autofree char *code = entry->code_detail
          ? g_strdup_printf ("%s|%s", entry->code ? entry->code : "", entry->code_detail)
          : g_strdup (entry->code);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "code");
        json_builder_add_string_value (builder, code);
        if (entry->field != NULL)
          {
            json_builder_set_member_name (builder, "field");
            json_builder_add_string_value (builder, entry->field);
          }
        json_builder_set_member_name (builder, "message");
        json_builder_add_string_value (builder, entry->message);
        json_builder_end_object (builder);
      }
  else
    {
      /* Not CertCentral's words (no connection, key refused): keep ours. */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, error->domain == PKIO_API_ERROR
                                              ? pkio_api_error_code_to_string (error->code)
                                              : "error");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
placed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  PkioSendResult *result = data->result;
  g_autoptr(PkioOrderAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = pkio_client_place_order_finish (data->client, res, &error);
  wipe_card_data (data->body);
  g_clear_pointer (&data->body, json_node_unref);
  crash_point ("after-send");

  /* 4. What came of it, in the journal (marked_cb). */
  if (answer != NULL && answer->order_id > 0)
    {
      result->state = PKIO_SEND_STATE_PLACED;
      result->order_id = answer->order_id;
      result->certificate_id = answer->certificate_id;
      pkio_history_store_journal_mark_placed_async (data->store, result->record,
                                                    answer->order_id, answer->certificate_id,
                                                    marked_cb, g_steal_pointer (&task));
      return;
    }
  if (answer != NULL)
    error = g_error_new_literal (PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN,
                                 _("CertCentral accepted the order but sent no order number."));

  if (pkio_api_error_is_not_placed (error))
    {
      g_autofree char *errors_json = errors_to_json (error);

      result->state = PKIO_SEND_STATE_REJECTED;
      result->error = g_steal_pointer (&error);
      pkio_history_store_journal_mark_rejected_async (data->store, result->record, errors_json,
                                                      marked_cb, g_steal_pointer (&task));
      return;
    }

  result->state = PKIO_SEND_STATE_UNKNOWN;
  result->error = g_steal_pointer (&error);
  pkio_history_store_journal_mark_unknown_async (data->store, result->record, marked_cb,
                                                 g_steal_pointer (&task));
}

static void
journaled_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  PkioSendResult *result = data->result;

  result->record = pkio_history_store_journal_begin_finish (data->store, res, &result->error);
  if (result->record == NULL)
    {
      result->state = PKIO_SEND_STATE_NOT_RECORDED;
      complete (g_steal_pointer (&task));
      return;
    }
  crash_point ("after-journal");

  /* 3. The POST (placed_cb). From here on the order goes out whatever happens, so no
   * cancellable: an abandoned request would only turn a clear answer into an unknown one. */
  result->state = PKIO_SEND_STATE_UNKNOWN;
  pkio_client_place_order_async (data->client, data->body, NULL, placed_cb,
                                 g_steal_pointer (&task));
}

void
pkio_order_sender_send_async (gpointer             source_object,
                              PkioHistoryStore    *store,
                              PkioClient          *client,
                              PkioOrder           *order,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  pkio_order_sender_send_in_batch_async (source_object, store, client, order, NULL, cancellable,
                                         callback, user_data);
}

void
pkio_order_sender_send_in_batch_async (gpointer                   source_object,
                                       PkioHistoryStore          *store,
                                       PkioClient                *client,
                                       PkioOrder                 *order,
                                       const PkioHistoryBatchTag *batch,
                                       GCancellable              *cancellable,
                                       GAsyncReadyCallback        callback,
                                       gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) storage = NULL;
  g_autofree char *storage_text = NULL;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (client == NULL || PKIO_IS_CLIENT (client));
  g_return_if_fail (order != NULL);

  task = g_task_new (source_object, NULL, callback, user_data);
  g_task_set_source_tag (task, pkio_order_sender_send_async);
  data = g_new0 (SendData, 1);
  data->store = g_object_ref (store);
  data->client = client != NULL ? g_object_ref (client) : NULL;
  data->result = g_new0 (PkioSendResult, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  /* 1. Refused before anything is written: no key to send it with, or mistakes in it. */
  if (client == NULL)
    {
      data->result->state = PKIO_SEND_STATE_REJECTED;
      data->result->error = pkio_api_error_new_no_key ();
      pkio_order_clear_cvv (order);
      complete (g_steal_pointer (&task));
      return;
    }
  problems = pkio_order_validate (order, now);
  if (problems->len > 0)
    {
      data->result->state = PKIO_SEND_STATE_INVALID;
      data->result->problems = g_steal_pointer (&problems);
      data->result->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                 _("The order has mistakes: it was not sent. "
                                                   "Correct them, then send it again."));
      pkio_order_clear_cvv (order);
      complete (g_steal_pointer (&task));
      return;
    }

  /* 2. The journal first (journaled_cb), so that nothing can leave without a record. */
  data->body = pkio_order_to_json (order);
  storage = pkio_order_to_storage_json (order);
  storage_text = json_to_string (storage, FALSE);
  pkio_order_clear_cvv (order);

  pkio_history_store_journal_begin_full_async (store, pkio_client_get_base_url (client),
                                               storage_text, order->replaces_order_id, batch,
                                               cancellable, journaled_cb, g_steal_pointer (&task));
}

PkioSendResult *
pkio_order_sender_send_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pkio_order_sender_send_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), NULL);
}
