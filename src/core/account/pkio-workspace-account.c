/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-duplicate-check.h"
#include "pkio-order.h"
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

/* ---- does the holder already have one (issue 20) ---- */

static void
duplicate_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PkioDuplicate *duplicate = pkio_duplicate_check_finish (result, &error);

  if (duplicate == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, duplicate, (GDestroyNotify) pkio_duplicate_free);
}

void
pkio_workspace_check_duplicate_async (PkioWorkspace       *self,
                                      const PkioOrder     *order,
                                      gint64               ignore_order_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PkioDuplicateQuery query = { 0 };

  g_return_if_fail (PKIO_IS_WORKSPACE (self));
  g_return_if_fail (order != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_workspace_check_duplicate_async);
  if (self->client == NULL)
    {
      /* No key: nothing to ask CertCentral with, which is "could not check" too. */
      PkioDuplicate *unchecked = g_new0 (PkioDuplicate, 1);

      unchecked->outcome = PKIO_DUPLICATE_UNCHECKED;
      unchecked->error = pkio_api_error_new_no_key ();
      g_task_return_pointer (task, unchecked, (GDestroyNotify) pkio_duplicate_free);
      return;
    }
  query.email = pkio_order_holder_email (order);
  query.individual_id = pkio_order_holder_individual_id (order);
  query.profile = pkio_profile_to_string (order->profile);
  query.warning_days = pkio_workspace_get_expiry_warning_days (self);
  query.ignore_order_id = ignore_order_id;
  /* The history, when it could be opened, names a known individual's email and the orders
   * placed here; without it the check still asks CertCentral by email. */
  pkio_duplicate_check_async (self->client,
                              self->store != NULL && pkio_history_store_is_loaded (self->store)
                              ? self->store : NULL,
                              &query, cancellable, duplicate_checked_cb, g_steal_pointer (&task));
}

PkioDuplicate *
pkio_workspace_check_duplicate_finish (PkioWorkspace  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == pkio_workspace_check_duplicate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
