/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The duplicate check before an order (issue 20): the holder's orders as CertCentral lists
 * them, each one's profile and revocation requests from its order info when the row does not
 * say, then the rule of pkio_duplicate_counts (). Reads only: nothing here is written. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-duplicate-check.h"
#include "pkio-order.h"

static const char *const in_progress_statuses[] = {
  "pending", "needs_approval", "processing", "waiting_pickup", "reissue_pending",
};

void
pkio_duplicate_free (PkioDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_clear_pointer (&duplicate->existing, pkio_remote_order_free);
  g_clear_error (&duplicate->error);
  g_free (duplicate);
}

gboolean
pkio_duplicate_status_in_progress (const char *status)
{
  for (gsize i = 0; status != NULL && i < G_N_ELEMENTS (in_progress_statuses); i++)
    if (g_str_equal (status, in_progress_statuses[i]))
      return TRUE;
  return FALSE;
}

/* Issued and not ending within the warning period (days counted as in
 * pkio-history-record-expiry.c: valid_till minus today, both calendar days). */
static gboolean
issued_and_lasting (const PkioRemoteOrder  *order,
                    const PkioExpiryWindow *window)
{
  if (g_strcmp0 (order->status, "issued") != 0)
    return FALSE;
  /* CertCentral did not say when it ends: a certificate someone holds, as far as we know. */
  if (order->valid_till == 0 || window->today == 0)
    return TRUE;
  return (gint64) order->valid_till - (gint64) window->today > (gint64) window->warning_days;
}

gboolean
pkio_duplicate_counts (const PkioRemoteOrder  *order,
                       const char             *profile,
                       const PkioExpiryWindow *window,
                       gboolean                replaced)
{
  g_return_val_if_fail (order != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  /* A person may hold an authentication and an encryption certificate at once. */
  if (g_strcmp0 (order->profile_option, profile) != 0)
    return FALSE;
  if (pkio_duplicate_status_in_progress (order->status))
    return TRUE;
  return issued_and_lasting (order, window) && !order->is_renewed && !replaced
         && !order->revocation_requested;
}

/* ---- the check ---- */

typedef struct
{
  PkioClient       *client;
  PkioHistoryStore *store;
  char             *email;
  char             *profile;
  PkioExpiryWindow  window;
  gint64            ignore_order_id;
  GPtrArray        *rows;       /* PkioRemoteOrder*: the holder's orders that may count */
  guint             next_info;  /* the next row of @rows to read order info for */
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->store);
  g_free (data->email);
  g_free (data->profile);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_free (data);
}

static void
return_outcome (GTask                *task,
                PkioDuplicateOutcome  outcome,
                PkioRemoteOrder      *existing,
                gboolean              placed_here,
                GError               *error)
{
  PkioDuplicate *duplicate = g_new0 (PkioDuplicate, 1);

  duplicate->outcome = outcome;
  duplicate->existing = existing;
  duplicate->placed_here = placed_here;
  duplicate->error = error;
  g_task_return_pointer (task, duplicate, (GDestroyNotify) pkio_duplicate_free);
}

/* CertCentral's trouble becomes "could not check"; cancellation stays an error. */
static void
return_unchecked (GTask  *task,
                  GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  return_outcome (task, PKIO_DUPLICATE_UNCHECKED, NULL, FALSE, error);
}

/* The email of a known individual, from the newest order of that id this computer knows. */
static char *
email_of_individual (PkioHistoryStore *store,
                     gint64            individual_id)
{
  GListModel *records = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (records);
  g_autofree char *email = NULL;
  gint64 newest = G_MININT64;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);
      const char *found = pkio_history_record_get_holder_email (record);

      if (pkio_history_record_get_individual_id (record) != individual_id || found == NULL
          || *found == '\0' || pkio_history_record_get_created (record) < newest)
        continue;
      newest = pkio_history_record_get_created (record);
      g_free (email);
      email = g_strdup (found);
    }
  return g_steal_pointer (&email);
}

/* The profile this computer's history knows for an order, or NULL. */
static const char *
known_profile (PkioHistoryStore *store,
               gint64            order_id)
{
  PkioHistoryRecord *record;

  if (store == NULL)
    return NULL;
  record = pkio_history_store_find_by_order_id (store, order_id);
  return record != NULL ? pkio_history_record_get_profile (record) : NULL;
}

/* What this computer's history adds to CertCentral's row (issue 20 with issue 19): a
 * revocation asked for here (sending, requested, or sent without an answer) and a renewal
 * placed here count as CertCentral's own would; an end date known here fills a row without
 * one. CertCentral only shows a revocation once an administrator approved it, and a renewal of
 * pkio_burger is never linked there (docs/decisions.md#duplicate-orders). */
static void
apply_local_state (PkioHistoryStore *store,
                   PkioRemoteOrder  *row)
{
  PkioHistoryRecord *record;

  if (store == NULL)
    return;
  record = pkio_history_store_find_by_order_id (store, row->order_id);
  if (record == NULL)
    return;
  if (pkio_history_record_get_revoke_state (record) != PKIO_REVOKE_NONE)
    row->revocation_requested = TRUE;
  if (pkio_history_record_get_replaced_by_order_id (record) > 0)
    {
      /* Unless the renewal came to nothing: then the old certificate is still the one held. */
      gint64 renewal_id = pkio_history_record_get_replaced_by_order_id (record);
      PkioHistoryRecord *renewal = pkio_history_store_find_by_order_id (store, renewal_id);
      const char *status = renewal != NULL ? pkio_history_record_get_remote_status (renewal)
                                           : NULL;

      if (g_strcmp0 (status, "rejected") != 0 && g_strcmp0 (status, "canceled") != 0)
        row->is_renewed = TRUE;
    }
  if (row->valid_till == 0)
    row->valid_till = pkio_history_record_get_valid_till (record);
}

static gboolean
needs_order_info (const PkioRemoteOrder  *row,
                  const PkioExpiryWindow *window)
{
  /* The profile when nobody said it; and for an issued one that may count, its revocation
   * requests, which a row never carries (unless this computer asked for one). */
  return row->profile_option == NULL
         || (issued_and_lasting (row, window) && !row->is_renewed
             && !row->revocation_requested);
}

static gboolean
is_newer (const PkioRemoteOrder *a,
          const PkioRemoteOrder *b)
{
  if (a->date_created != NULL && b->date_created != NULL
      && g_date_time_compare (a->date_created, b->date_created) != 0)
    return g_date_time_compare (a->date_created, b->date_created) > 0;
  return a->order_id > b->order_id;
}

/* Renewed by a newer issued order of the same profile that this list shows. */
static gboolean
replaced_in (GPtrArray             *rows,
             const PkioRemoteOrder *order)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const PkioRemoteOrder *other = g_ptr_array_index (rows, i);

      if (other != order && g_strcmp0 (other->status, "issued") == 0
          && g_strcmp0 (other->profile_option, order->profile_option) == 0
          && is_newer (other, order))
        return TRUE;
    }
  return FALSE;
}

static void
decide (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);
  const PkioRemoteOrder *best = NULL;
  PkioHistoryRecord *record;
  gboolean placed_here = FALSE;

  for (guint i = 0; i < data->rows->len; i++)
    {
      const PkioRemoteOrder *row = g_ptr_array_index (data->rows, i);

      if (pkio_duplicate_counts (row, data->profile, &data->window,
                                 replaced_in (data->rows, row))
          && (best == NULL || is_newer (row, best)))
        best = row;
    }
  if (best == NULL)
    {
      return_outcome (task, PKIO_DUPLICATE_NONE, NULL, FALSE, NULL);
      return;
    }
  record = data->store != NULL
           ? pkio_history_store_find_by_order_id (data->store, best->order_id) : NULL;
  placed_here = record != NULL
                && pkio_history_record_get_origin (record) == PKIO_RECORD_ORIGIN_THIS_COMPUTER;
  return_outcome (task, PKIO_DUPLICATE_FOUND, pkio_remote_order_copy (best), placed_here, NULL);
}

static void read_next_info (GTask *task);

static void
order_info_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  PkioRemoteOrder *row = g_ptr_array_index (data->rows, data->next_info);
  g_autoptr(PkioRemoteOrder) info = NULL;
  GError *error = NULL;

  info = pkio_client_get_order_finish (PKIO_CLIENT (source), result, &error);
  if (info == NULL)
    {
      return_unchecked (task, error);
      return;
    }
  /* Order info is the fuller answer; the row's status is as fresh. */
  if (info->profile_option != NULL)
    {
      g_free (row->profile_option);
      row->profile_option = g_strdup (info->profile_option);
    }
  if (info->status != NULL)
    {
      g_free (row->status);
      row->status = g_strdup (info->status);
    }
  if (info->valid_till != 0)
    row->valid_till = info->valid_till;
  row->is_renewed |= info->is_renewed;
  /* A revocation asked for here stays asked for, whatever order info says yet. */
  row->revocation_requested |= info->revocation_requested;
  data->next_info++;
  read_next_info (g_steal_pointer (&task));
}

/* One order info at a time: a person has few orders, and CertCentral's rate limit is shared
 * with the sync. */
static void
read_next_info (GTask *task)
{
  CheckData *data = g_task_get_task_data (task);

  while (data->next_info < data->rows->len)
    {
      PkioRemoteOrder *row = g_ptr_array_index (data->rows, data->next_info);
      const char *profile = row->profile_option != NULL ? row->profile_option
                                                        : known_profile (data->store,
                                                                         row->order_id);

      /* Another profile never counts, whatever else its order info says. */
      if (profile != NULL && g_strcmp0 (profile, data->profile) != 0)
        {
          data->next_info++;
          continue;
        }
      if (row->profile_option == NULL && profile != NULL)
        row->profile_option = g_strdup (profile);
      if (!needs_order_info (row, &data->window))
        {
          data->next_info++;
          continue;
        }
      pkio_client_get_order_async (data->client, row->order_id, g_task_get_cancellable (task),
                                   order_info_cb, task);
      return;
    }
  decide (task);
  g_object_unref (task);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) orders = NULL;
  GError *error = NULL;

  orders = pkio_client_list_all_orders_finish (PKIO_CLIENT (source), result, &error);
  if (orders == NULL)
    {
      return_unchecked (task, error);
      return;
    }
  for (guint i = 0; i < orders->len; i++)
    {
      PkioRemoteOrder *order = g_ptr_array_index (orders, i);

      /* An issued one is kept whatever its end: it may be what replaced another. */
      if (order->order_id == data->ignore_order_id
          || !(pkio_duplicate_status_in_progress (order->status)
               || g_strcmp0 (order->status, "issued") == 0))
        continue;
      order = pkio_remote_order_copy (order);
      apply_local_state (data->store, order);
      g_ptr_array_add (data->rows, order);
    }
  read_next_info (g_steal_pointer (&task));
}

void
pkio_duplicate_check_async (PkioClient               *client,
                            PkioHistoryStore         *store,
                            const PkioDuplicateQuery *query,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;
  PkioListQuery list = { 0 };

  g_return_if_fail (PKIO_IS_CLIENT (client));
  g_return_if_fail (store == NULL || PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (query != NULL && query->profile != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_duplicate_check_async);
  data = g_new0 (CheckData, 1);
  data->client = g_object_ref (client);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  data->profile = g_strdup (query->profile);
  data->ignore_order_id = query->ignore_order_id;
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  pkio_expiry_window_init (&data->window, query->warning_days);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);

  if (query->email != NULL && *query->email != '\0')
    data->email = g_strdup (query->email);
  else if (query->individual_id > 0 && store != NULL)
    data->email = email_of_individual (store, query->individual_id);
  if (data->email == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, query->individual_id);

      return_outcome (task, PKIO_DUPLICATE_UNCHECKED, NULL, FALSE,
                      g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   /* TRANSLATORS: %s is an individual's id at CertCentral */
                                   _("No earlier order of individual %s on this computer says "
                                     "their email address, so CertCentral could not be asked "
                                     "for their orders."), id));
      return;
    }

  /* Every status: CertCentral's filters[status] is not documented to take a list
   * (docs/certcentral-api.md#duplicate-check), and a person has few orders. */
  list.product_name_id = PKIO_PRODUCT_NAME_ID;
  list.email = data->email;
  list.sort = "-date_created";
  pkio_client_list_all_orders_async (client, &list, cancellable, listed_cb,
                                     g_steal_pointer (&task));
}

PkioDuplicate *
pkio_duplicate_check_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
