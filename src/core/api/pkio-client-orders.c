/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-cancel-note.h"
#include "pkio-client-answers-private.h"
#include "pkio-client-private.h"
#include "pkio-json-guard.h"

/* Orders of PkioClient: list (one page or all), one order, status changes, cancel. */

#define LIST_ALL_PAGE_SIZE 1000
#define LIST_ALL_MAX_PAGES 1000

GPtrArray *
_pkio_client_read_orders_answer (JsonNode  *root,
                                 guint     *out_total,
                                 GError   **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  JsonObject *object;
  JsonArray *array;
  JsonNode *page;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, _pkio_client_bad_answer_error ());
      return NULL;
    }
  object = json_node_get_object (root);
  array = pkio_json_guard_get_array (object, "orders", error);
  if (array == NULL)
    return NULL;

  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PkioRemoteOrder *order = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        order = pkio_remote_order_from_json (json_node_get_object (element), NULL);
      if (order == NULL)
        {
          g_propagate_error (error, _pkio_client_bad_answer_error ());
          return NULL;
        }
      g_ptr_array_add (orders, order);
    }

  if (out_total != NULL)
    {
      gint64 total = orders->len;

      page = json_object_get_member (object, "page");
      if (page != NULL && JSON_NODE_HOLDS_OBJECT (page))
        {
          JsonObject *page_object = json_node_get_object (page);

          if (pkio_json_guard_get_int (page_object, "total", &total, NULL))
            total = CLAMP (total, 0, G_MAXUINT);
        }
      *out_total = (guint) total;
    }
  return g_steal_pointer (&orders);
}

static void
append_param (GString    *query,
              const char *key,
              const char *value)
{
  g_autofree char *escaped_key = NULL;
  g_autofree char *escaped_value = NULL;

  if (value == NULL || *value == '\0')
    return;
  /* "filters[status]": brackets are not allowed unescaped in a query (RFC 3986). */
  escaped_key = g_uri_escape_string (key, NULL, FALSE);
  escaped_value = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_c (query, query->len == 0 ? '?' : '&');
  g_string_append_printf (query, "%s=%s", escaped_key, escaped_value);
}

static char *
build_list_path (const PkioListQuery *query,
                 guint                offset,
                 guint                limit)
{
  g_autoptr(GString) params = g_string_new (NULL);
  char number[32];

  if (query != NULL)
    {
      append_param (params, "filters[product_name_id]", query->product_name_id);
      append_param (params, "filters[status]", query->status);
      append_param (params, "filters[email]", query->email);
      append_param (params, "filters[date_created]", query->date_created);
      append_param (params, "sort", query->sort);
    }
  if (offset > 0)
    {
      g_snprintf (number, sizeof number, "%u", offset);
      append_param (params, "offset", number);
    }
  if (limit > 0)
    {
      g_snprintf (number, sizeof number, "%u", limit);
      append_param (params, "limit", number);
    }
  return g_strconcat ("order/certificate", params->str, NULL);
}

typedef struct
{
  GPtrArray *orders;
  guint      total;
} ListResult;

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->orders, g_ptr_array_unref);
  g_free (result);
}

static void
list_orders_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  ListResult *result;
  GPtrArray *orders;
  guint total = 0;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  orders = _pkio_client_read_orders_answer (root, &total, &error);
  if (orders == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (ListResult, 1);
  result->orders = orders;
  result->total = total;
  g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

void
pkio_client_list_orders_async (PkioClient          *self,
                               const PkioListQuery *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_list_orders_async);
  path = build_list_path (query, query ? query->offset : 0, query ? query->limit : 0);
  _pkio_client_request_async (self, "GET", path, NULL, PKIO_REQUEST_READ, cancellable, list_orders_cb,
                              g_steal_pointer (&task));
}

GPtrArray *
pkio_client_list_orders_finish (PkioClient    *self,
                                GAsyncResult  *result,
                                guint         *out_total,
                                GError       **error)
{
  ListResult *list;
  GPtrArray *orders;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  list = g_task_propagate_pointer (G_TASK (result), error);
  if (list == NULL)
    return NULL;
  orders = g_steal_pointer (&list->orders);
  if (out_total != NULL)
    *out_total = list->total;
  list_result_free (list);
  return orders;
}

typedef struct
{
  PkioListQuery query;      /* strings owned below */
  char         *strings[5];
  GPtrArray    *orders;
  guint         pages;
} ListAll;

static void
list_all_free (ListAll *all)
{
  for (guint i = 0; i < G_N_ELEMENTS (all->strings); i++)
    g_free (all->strings[i]);
  g_clear_pointer (&all->orders, g_ptr_array_unref);
  g_free (all);
}

static void list_all_next (GTask *task);

static void
list_all_page_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListAll *all = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint total = 0;

  page = pkio_client_list_orders_finish (PKIO_CLIENT (source), res, &total, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (all->orders, g_steal_pointer (&g_ptr_array_index (page, i)));
  g_ptr_array_set_free_func (page, NULL);

  if (page->len == 0 || all->orders->len >= total || ++all->pages >= LIST_ALL_MAX_PAGES)
    {
      g_task_return_pointer (task, g_steal_pointer (&all->orders),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  list_all_next (g_steal_pointer (&task));
}

static void
list_all_next (GTask *task)
{
  ListAll *all = g_task_get_task_data (task);

  all->query.offset = all->orders->len;
  all->query.limit = LIST_ALL_PAGE_SIZE;
  pkio_client_list_orders_async (g_task_get_source_object (task), &all->query,
                                 g_task_get_cancellable (task), list_all_page_cb, task);
}

void
pkio_client_list_all_orders_async (PkioClient          *self,
                                   const PkioListQuery *query,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListAll *all;

  g_return_if_fail (PKIO_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_list_all_orders_async);
  all = g_new0 (ListAll, 1);
  if (query != NULL)
    {
      all->query.product_name_id = all->strings[0] = g_strdup (query->product_name_id);
      all->query.status = all->strings[1] = g_strdup (query->status);
      all->query.email = all->strings[2] = g_strdup (query->email);
      all->query.date_created = all->strings[3] = g_strdup (query->date_created);
      all->query.sort = all->strings[4] = g_strdup (query->sort);
    }
  all->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_task_set_task_data (task, all, (GDestroyNotify) list_all_free);
  list_all_next (g_steal_pointer (&task));
}

GPtrArray *
pkio_client_list_all_orders_finish (PkioClient    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PkioRemoteOrder *
_pkio_client_read_order_answer (JsonNode  *root,
                                GError   **error)
{
  PkioRemoteOrder *order = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    order = pkio_remote_order_from_json (json_node_get_object (root), NULL);
  if (order == NULL)
    g_propagate_error (error, _pkio_client_bad_answer_error ());
  return order;
}

static void
get_order_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  PkioRemoteOrder *order;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  order = _pkio_client_read_order_answer (root, &error);
  if (order == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, order, (GDestroyNotify) pkio_remote_order_free);
}

void
pkio_client_get_order_async (PkioClient          *self,
                             gint64               order_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (order_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_get_order_async);
  path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT, order_id);
  _pkio_client_request_async (self, "GET", path, NULL, PKIO_REQUEST_READ, cancellable, get_order_cb,
                              g_steal_pointer (&task));
}

PkioRemoteOrder *
pkio_client_get_order_finish (PkioClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
status_changes_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  GPtrArray *orders;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  orders = _pkio_client_read_orders_answer (root, NULL, &error);
  if (orders == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, orders, (GDestroyNotify) g_ptr_array_unref);
}

void
pkio_client_status_changes_async (PkioClient          *self,
                                  guint                minutes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_status_changes_async);
  /* CertCentral looks back at most 7 days. */
  path = g_strdup_printf ("order/certificate/status-changes?minutes=%u", CLAMP (minutes, 1, 10080));
  _pkio_client_request_async (self, "GET", path, NULL, PKIO_REQUEST_READ, cancellable, status_changes_cb,
                              g_steal_pointer (&task));
}

GPtrArray *
pkio_client_status_changes_finish (PkioClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cancel_order_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pkio_client_cancel_order_async (PkioClient          *self,
                                gint64               order_id,
                                const char          *note,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *normalized = NULL;
  GError *error = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (order_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_cancel_order_async);
  normalized = pkio_cancel_note_normalize (note, &error);
  if (normalized == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "canceled");
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, normalized);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("order/certificate/%" G_GINT64_FORMAT "/status", order_id);
  _pkio_client_request_async (self, "PUT", path, body, PKIO_REQUEST_CANCEL_PUT, cancellable, cancel_order_cb,
                              g_steal_pointer (&task));
}

gboolean
pkio_client_cancel_order_finish (PkioClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- revoke ---- */

gint64
_pkio_client_read_revoke_answer (JsonNode *root)
{
  JsonObject *object;
  JsonNode *id;

  /* Read leniently: the revocation happened whatever the body is; only its number may be
   * missing. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  object = json_node_get_object (root);
  id = json_object_get_member (object, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
    return 0;
  return MAX (json_node_get_int (id), 0);
}

static void
revoke_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _pkio_client_request_finish (PKIO_CLIENT (source), res, &error);
  gint64 *request_id;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  request_id = g_new (gint64, 1);
  *request_id = _pkio_client_read_revoke_answer (root);
  g_task_return_pointer (task, request_id, g_free);
}

void
pkio_client_revoke_certificate_async (PkioClient          *self,
                                      gint64               certificate_id,
                                      const char          *comments,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_CLIENT (self));
  g_return_if_fail (certificate_id > 0);
  g_return_if_fail (comments != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_client_revoke_certificate_async);

  /* docs/decisions.md#revoke: "comments" only; never skip_approval (an administrator approves)
   * nor revocation_reason (documented for TLS certificates). */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "comments");
  json_builder_add_string_value (builder, comments);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("certificate/%" G_GINT64_FORMAT "/revoke", certificate_id);
  _pkio_client_request_async (self, "PUT", path, body, PKIO_REQUEST_REVOKE_PUT, cancellable,
                              revoke_cb, g_steal_pointer (&task));
}

gboolean
pkio_client_revoke_certificate_finish (PkioClient    *self,
                                       GAsyncResult  *result,
                                       gint64        *out_request_id,
                                       GError       **error)
{
  g_autofree gint64 *request_id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  request_id = g_task_propagate_pointer (G_TASK (result), error);
  if (request_id == NULL)
    return FALSE;
  if (out_request_id != NULL)
    *out_request_id = *request_id;
  return TRUE;
}
