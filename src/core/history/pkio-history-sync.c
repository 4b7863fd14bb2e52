/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync (pkio-history-sync.h has the rules): unknown attempts reconciled first, then a full
 * listing or the changes since the last sync, order info where they do not say enough, merged
 * by the store. Cancelling an order, the other write to CertCentral from the history, is
 * pkio-history-cancel.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-sync.h"
#include "pkio-order.h"
#include "pkio-task-chain.h"

#define MAX_WINDOW_MINUTES     10080

typedef struct
{
  PkioHistoryStore *store;
  PkioClient       *client;
  GCancellable     *cancellable; /* the task's (it holds it): read while the task moves on */
  gint64            started;     /* the sync's own time: becomes last-sync */
  GPtrArray        *fetched;     /* PkioRemoteOrder to merge */
  GArray           *to_fetch;    /* order ids needing order info */
  guint             next_fetch;
  GPtrArray        *changes;     /* what status-changes said (PkioRemoteOrder) */
  GHashTable       *heard_of;    /* order ids (gint64 *) status-changes or the list named */
  gint64            caught_up_to; /* the last order the catch-up read: the next starts after */
  GError           *unreadable;  /* the first order whose info could not be read */
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_clear_pointer (&data->fetched, g_ptr_array_unref);
  g_clear_pointer (&data->to_fetch, g_array_unref);
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_clear_pointer (&data->heard_of, g_hash_table_unref);
  g_clear_error (&data->unreadable);
  g_free (data);
}

/* Where the last catch-up stopped (an order id; 0: at the newest). The sync's own bookmark,
 * kept with the store it belongs to while the app runs: after a restart the catch-up begins
 * again at the newest orders, the ones most likely to change. */
static GQuark
catch_up_quark (void)
{
  return g_quark_from_static_string ("pkio-history-sync-catch-up-after");
}

static gint64
catch_up_after (PkioHistoryStore *store)
{
  gint64 *after = g_object_get_qdata (G_OBJECT (store), catch_up_quark ());

  return after != NULL ? *after : 0;
}

static void
last_sync_set_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pkio_history_store_set_last_sync_finish (PKIO_HISTORY_STORE (source), res, &error);
  pkio_task_finish_chain (task, error);
}

static void
merged_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_history_store_merge_remote_finish (data->store, res, NULL, &error);
  if (pkio_task_fail_if_error (task, error))
    return;
  /* What could be read is in; the sync still says what could not. Last-sync stays, so the
   * next sync asks for the same changes again. */
  if (pkio_task_fail_if_error (task, g_steal_pointer (&data->unreadable)))
    return;
  if (data->caught_up_to > 0)
    g_object_set_qdata_full (G_OBJECT (data->store), catch_up_quark (),
                             g_memdup2 (&data->caught_up_to, sizeof data->caught_up_to), g_free);
  pkio_history_store_set_last_sync_async (data->store, data->started, last_sync_set_cb,
                                          g_steal_pointer (&task));
}

static void
merge_fetched (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  SyncData *data = g_task_get_task_data (task);

  pkio_history_store_merge_remote_async (data->store, data->fetched, data->cancellable,
                                         merged_cb, g_steal_pointer (&task));
}

static void fetch_next (GTask *task_owned);

static void
order_fetched_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  PkioRemoteOrder *order = pkio_client_get_order_finish (data->client, res, &error);

  /* An order that is gone (404) just stays as last seen. */
  if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NOT_FOUND))
    g_clear_error (&error);
  /* One order's unreadable answer does not hold back the others (CertCentral answered; the
   * next one may read fine). Trouble with the connection or the account ends the sync. */
  if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER))
    {
      gint64 order_id = g_array_index (data->to_fetch, gint64, data->next_fetch - 1);
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

      /* Translators: %s is an order number, before the reason its information was not read */
      g_prefix_error (&error, _("Order %s: "), id_text);
      if (data->unreadable == NULL)
        data->unreadable = g_steal_pointer (&error);
      g_clear_error (&error);
    }
  if (pkio_task_fail_if_error (task, error))
    return;
  if (order != NULL)
    g_ptr_array_add (data->fetched, order);
  fetch_next (g_steal_pointer (&task));
}

static void
fetch_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  SyncData *data = g_task_get_task_data (task);

  if (data->next_fetch < data->to_fetch->len)
    {
      gint64 order_id = g_array_index (data->to_fetch, gint64, data->next_fetch++);

      pkio_client_get_order_async (data->client, order_id, data->cancellable,
                                   order_fetched_cb, g_steal_pointer (&task));
      return;
    }
  merge_fetched (g_steal_pointer (&task));
}

static gboolean
already_fetching (GArray *ids,
                  gint64  order_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == order_id)
      return TRUE;
  return FALSE;
}

static int
compare_id_desc (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? 1 : (x > y ? -1 : 0);
}

static void
in_progress_listed_cb (GObject      *source,
                       GAsyncResult *res,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GArray) in_progress = NULL;
  g_autoptr(GArray) unseen = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 after = catch_up_after (data->store);
  guint start = 0;

  in_progress = pkio_history_store_list_in_progress_finish (data->store, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;

  /* status-changes covers every minute since the last sync, so this only guards against a
   * change it did not report: a few orders in progress that this sync heard nothing of, in
   * turn (newest first, on from where the last catch-up stopped, round again at the end). */
  for (guint i = 0; i < in_progress->len; i++)
    {
      gint64 order_id = g_array_index (in_progress, gint64, i);

      if (!g_hash_table_contains (data->heard_of, &order_id))
        g_array_append_val (unseen, order_id);
    }
  g_array_sort (unseen, compare_id_desc);
  while (start < unseen->len && after > 0 && g_array_index (unseen, gint64, start) >= after)
    start++;
  for (guint n = 0; n < MIN (unseen->len, PKIO_HISTORY_SYNC_CATCH_UP); n++)
    {
      gint64 order_id = g_array_index (unseen, gint64, (start + n) % unseen->len);

      g_array_append_val (data->to_fetch, order_id);
      data->caught_up_to = order_id;
    }
  fetch_next (g_steal_pointer (&task));
}

static void
heard_of (SyncData *data,
          gint64    order_id)
{
  g_hash_table_add (data->heard_of, g_memdup2 (&order_id, sizeof order_id));
}

/* What status-changes said, with the new orders listed: which changes are merged as they
 * are, which orders need their order info. */
static void
new_orders_listed_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);

  listed = pkio_client_list_all_orders_finish (data->client, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;
  for (guint i = 0; i < listed->len; i++)
    {
      PkioRemoteOrder *row = g_ptr_array_index (listed, i);

      /* An order placed while the pages were read pushes the rest one place on: the last row
       * of a page comes again at the top of the next (never one missed: newest first). */
      if (!g_hash_table_contains (rows, &row->order_id))
        g_hash_table_insert (rows, &row->order_id, row);
    }

  for (guint i = 0; i < data->changes->len; i++)
    {
      PkioRemoteOrder *change = g_ptr_array_index (data->changes, i);
      PkioHistoryRecord *known = pkio_history_store_find_by_order_id (data->store,
                                                                      change->order_id);
      const char *holder = known ? pkio_history_record_get_holder_name (known) : NULL;
      PkioRemoteOrder *row = g_hash_table_lookup (rows, &change->order_id);

      heard_of (data, change->order_id);
      /* Ordered here for an existing individual by id (the request had no name): its order
       * info names the holder and the email (a list row has no email). A certificate just
       * issued whose validity is not known: read once for valid_from too (a row has only
       * valid_till). New to us and not listed (created before the listed days):
       * status-changes carries neither holder nor dates. A new order that is listed needs
       * nothing more: its row has the holder and the dates, as in the first sync. */
      if ((known != NULL
           && (holder == NULL || *holder == '\0'
               || (g_strcmp0 (change->status, "issued") == 0
                   && pkio_history_record_get_valid_till (known) == 0)))
          || (known == NULL && row == NULL))
        {
          if (!already_fetching (data->to_fetch, change->order_id))
            g_array_append_val (data->to_fetch, change->order_id);
        }
      else if (row == NULL)
        g_ptr_array_add (data->fetched, pkio_remote_order_copy (change));
    }
  /* The rows, read after status-changes, are at least as new as what it said. */
  for (guint i = 0; i < listed->len; i++)
    {
      PkioRemoteOrder *row = g_ptr_array_index (listed, i);

      if (g_hash_table_lookup (rows, &row->order_id) != row
          || already_fetching (data->to_fetch, row->order_id))
        continue;
      heard_of (data, row->order_id);
      g_ptr_array_add (data->fetched, g_steal_pointer (&g_ptr_array_index (listed, i)));
    }
  pkio_history_store_list_in_progress_async (data->store, data->cancellable,
                                             in_progress_listed_cb, g_steal_pointer (&task));
}

static void
status_changes_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  PkioListQuery query = { 0 };
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *filter = NULL;

  data->changes = pkio_client_status_changes_finish (data->client, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;

  /* The orders created since the day before the last sync, newest first, a page of up to
   * 1000 at a time: the new ones arrive with their holder and dates in a request or two, not
   * one request each, and none is missed because status-changes did not name it. A day
   * early, because CertCentral does not say in which time zone its dates are; the orders
   * already known are merged again unchanged. */
  since = g_date_time_new_from_unix_utc (pkio_history_store_get_last_sync (data->store)
                                         - 24 * 60 * 60);
  since_text = g_date_time_format (since, "%Y-%m-%d");
  filter = g_strconcat (">=", since_text, NULL);
  query.product_name_id = PKIO_PRODUCT_NAME_ID;
  query.date_created = filter;
  query.sort = "-date_created";
  pkio_client_list_all_orders_async (data->client, &query, data->cancellable,
                                     new_orders_listed_cb, g_steal_pointer (&task));
}

static void
all_listed_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) orders = NULL;

  orders = pkio_client_list_all_orders_finish (data->client, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;
  g_ptr_array_extend_and_steal (data->fetched, g_steal_pointer (&orders));
  merge_fetched (g_steal_pointer (&task));
}

static void
reconciled_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 last_sync;

  pkio_history_reconcile_all_finish (data->store, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;

  last_sync = pkio_history_store_get_last_sync (data->store);
  if (last_sync <= 0 || pkio_history_store_get_full_list_due (data->store)
      || data->started - last_sync >= (gint64) MAX_WINDOW_MINUTES * 60 - 60)
    {
      PkioListQuery query = { 0 };

      query.product_name_id = PKIO_PRODUCT_NAME_ID;
      query.sort = "-date_created";
      pkio_client_list_all_orders_async (data->client, &query, data->cancellable,
                                         all_listed_cb, g_steal_pointer (&task));
    }
  else
    {
      /* One minute of overlap: a change in the minute of the last sync is not missed. */
      gint64 minutes = (MAX (data->started - last_sync, 0) + 59) / 60 + 1;

      pkio_client_status_changes_async (data->client, (guint) MIN (minutes, MAX_WINDOW_MINUTES),
                                        data->cancellable, status_changes_cb,
                                        g_steal_pointer (&task));
    }
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncData *data = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_history_store_ensure_loaded_finish (data->store, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;
  /* Unknown attempts first: an order one of them turns out to be then merges into that
   * record, instead of arriving as "placed elsewhere" beside it. */
  pkio_history_reconcile_all_async (data->store, data->client, data->cancellable,
                                    reconciled_cb, g_steal_pointer (&task));
}

void
pkio_history_sync_async (PkioHistoryStore    *store,
                         PkioClient          *client,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (PKIO_IS_CLIENT (client));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_sync_async);
  data = g_new0 (SyncData, 1);
  data->store = g_object_ref (store);
  data->client = g_object_ref (client);
  data->cancellable = cancellable;
  data->started = g_get_real_time () / G_USEC_PER_SEC;
  data->fetched = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  data->to_fetch = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->heard_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);

  /* Which orders are new needs the whole history in the model. */
  pkio_history_store_ensure_loaded_async (store, cancellable, loaded_cb, g_steal_pointer (&task));
}

gboolean
pkio_history_sync_finish (PkioHistoryStore *store,
                          GAsyncResult     *result,
                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
