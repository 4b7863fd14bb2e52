/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-workspace-private.h"

/* What the account offers, as typed results for front ends: the product's validity years and
 * the balance. Both are read-only GETs (retried by the client as GETs are). */

static GError *
bad_answer (GError *reason)
{
  g_autoptr(GError) owned = reason;

  /* The reason is for developers; the person needs to know the answer could not be used. */
  g_debug ("unusable answer: %s", owned->message);
  return pkio_api_error_new_literal (PKIO_API_ERROR_BAD_ANSWER,
                                     _("CertCentral sent an answer in an unexpected form. The app may need an update; if it keeps happening, tell your administrator."),
                                     NULL);
}

static void
product_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) object = pkio_client_get_product_finish (PKIO_CLIENT (source), result,
                                                                 &error);
  PkioProductInfo *info;

  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  info = pkio_product_info_from_json (object, &error);
  if (info == NULL)
    g_task_return_error (task, bad_answer (error));
  else
    g_task_return_pointer (task, info, (GDestroyNotify) pkio_product_info_free);
}

void
pkio_workspace_get_product_async (PkioWorkspace       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_get_product_async, cancellable,
                                          callback, user_data);
  if (task != NULL)
    pkio_client_get_product_async (self->client, cancellable, product_cb,
                                   g_steal_pointer (&task));
}

PkioProductInfo *
pkio_workspace_get_product_finish (PkioWorkspace  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pkio_workspace_get_product_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
balance_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) object = pkio_client_get_balance_finish (PKIO_CLIENT (source), result,
                                                                 &error);
  PkioBalance *balance;

  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  balance = pkio_balance_from_json (object, &error);
  if (balance == NULL)
    g_task_return_error (task, bad_answer (error));
  else
    g_task_return_pointer (task, balance, (GDestroyNotify) pkio_balance_free);
}

void
pkio_workspace_get_balance_async (PkioWorkspace       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_WORKSPACE (self));

  task = _pkio_workspace_client_task_new (self, pkio_workspace_get_balance_async, cancellable,
                                          callback, user_data);
  if (task != NULL)
    pkio_client_get_balance_async (self->client, cancellable, balance_cb,
                                   g_steal_pointer (&task));
}

PkioBalance *
pkio_workspace_get_balance_finish (PkioWorkspace  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pkio_workspace_get_balance_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
