/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-workspace-private.h"

/* The account's own order fields (custom order fields, GET account/metadata): asked once per
 * account and kept until the client changes (another key or address), so that the form, its
 * checks and the command line all see the same list. */

typedef struct
{
  PkioWorkspace *workspace;
  PkioClient    *client;     /* the account the answer belongs to */
} FieldsRequest;

static void
fields_request_free (FieldsRequest *request)
{
  g_object_unref (request->workspace);
  g_object_unref (request->client);
  g_free (request);
}

static void
answer_waiters (PkioWorkspace *self,
                const GError  *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->custom_field_waiters);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_ptr_array_ref (self->active_custom_fields),
                               (GDestroyNotify) g_ptr_array_unref);
    }
}

void
_pkio_workspace_forget_custom_fields (PkioWorkspace *self)
{
  gboolean known = self->custom_fields != NULL;

  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  g_clear_pointer (&self->active_custom_fields, g_ptr_array_unref);
  /* Whoever waits for the old account's answer gets the new account's, asked anew. */
  if (self->custom_field_waiters != NULL && self->client == NULL)
    {
      g_autoptr(GError) error = pkio_api_error_new_no_key ();

      answer_waiters (self, error);
    }
  if (known)
    g_object_notify (G_OBJECT (self), "custom-fields");
}

static void ask (PkioWorkspace *self);

static void
fields_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FieldsRequest *request = user_data;
  g_autoptr(PkioWorkspace) self = g_object_ref (request->workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = pkio_client_get_custom_fields_finish (PKIO_CLIENT (source),
                                                                      result, &error);
  gboolean same_account = request->client == self->client;

  fields_request_free (request);
  self->custom_fields_asking = FALSE;
  if (!same_account)
    {
      /* The account changed meanwhile: its answer is not this account's. */
      if (self->custom_field_waiters != NULL && self->client != NULL)
        ask (self);
      return;
    }
  if (fields == NULL)
    {
      answer_waiters (self, error);
      return;
    }
  self->custom_fields = g_steal_pointer (&fields);
  self->active_custom_fields = pkio_custom_field_list_active (self->custom_fields);
  g_object_notify (G_OBJECT (self), "custom-fields");
  answer_waiters (self, NULL);
}

static void
ask (PkioWorkspace *self)
{
  FieldsRequest *request;

  if (self->custom_fields_asking)
    return;
  request = g_new0 (FieldsRequest, 1);
  request->workspace = g_object_ref (self);
  request->client = g_object_ref (self->client);
  self->custom_fields_asking = TRUE;
  /* One request for every caller: no caller's cancellable stops it for the others. */
  pkio_client_get_custom_fields_async (self->client, NULL, fields_cb, request);
}

void
pkio_workspace_get_custom_fields_async (PkioWorkspace       *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_get_custom_fields_async,
                                          cancellable, callback, user_data);
  if (task == NULL)
    return;
  if (self->active_custom_fields != NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (self->active_custom_fields),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  if (self->custom_field_waiters == NULL)
    self->custom_field_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->custom_field_waiters, g_steal_pointer (&task));
  ask (self);
}

GPtrArray *
pkio_workspace_get_custom_fields_finish (PkioWorkspace  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pkio_workspace_get_custom_fields_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
pkio_workspace_get_custom_fields (PkioWorkspace *self)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);

  return self->active_custom_fields;
}

GPtrArray *
pkio_workspace_check_custom_fields (PkioWorkspace   *self,
                                    const PkioOrder *order)
{
  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  if (self->custom_fields == NULL)
    return NULL;
  return pkio_custom_fields_validate (order, self->custom_fields);
}

gint64
pkio_workspace_custom_field_for_refusal (PkioWorkspace           *self,
                                         const PkioApiErrorEntry *entry)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (PKIO_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (entry != NULL, 0);

  /* "invalid_custom_field_value|…": the entry keeps the detail apart. */
  code = entry->code_detail != NULL ? g_strconcat (entry->code, "|", entry->code_detail, NULL)
                                    : g_strdup (entry->code);
  return pkio_custom_fields_match_refusal (self->custom_fields, code, entry->field,
                                           entry->message);
}
