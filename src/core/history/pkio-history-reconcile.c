/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-match.h"
#include "pkio-history-reconcile.h"
#include "pkio-order.h"
#include "pkio-task-chain.h"

/* The asking part of reconciliation (pkio-history-reconcile.h has the rules): the lists and
 * order info it needs, then the decisions of pkio-history-match.c, written by the store. What
 * the person chooses where it could not decide is pkio-history-reconcile-choice.c. */

#define MAX_ORDER_INFO     10
#define ALL_ORDERS_QUERY   ""

typedef struct
{
  PkioHistoryStore *store;
  PkioClient       *client;
  GCancellable     *cancellable; /* the task's (it holds it): read while the task moves on */
  GPtrArray        *records;    /* UNKNOWN PkioHistoryRecord, oldest first */
  GArray           *attempts;   /* PkioMatchAttempt, pointing into records and strings */
  GPtrArray        *strings;    /* the texts the attempts point to */
  GPtrArray        *queries;    /* char *: an email to filter on, or ALL_ORDERS_QUERY */
  guint             next_query;
  char             *since;      /* filters[date_created] */
  GHashTable       *orders;     /* gint64 * order id -> PkioMatchOrder */
  GArray           *to_read;    /* order ids whose order info is read */
  guint             next_read;
  GPtrArray        *results;    /* PkioMatchResult */
} ReconcileRun;

static void
reconcile_run_free (ReconcileRun *run)
{
  g_clear_object (&run->store);
  g_clear_object (&run->client);
  g_clear_pointer (&run->records, g_ptr_array_unref);
  g_clear_pointer (&run->attempts, g_array_unref);
  g_clear_pointer (&run->strings, g_ptr_array_unref);
  g_clear_pointer (&run->queries, g_ptr_array_unref);
  g_free (run->since);
  g_clear_pointer (&run->orders, g_hash_table_unref);
  g_clear_pointer (&run->to_read, g_array_unref);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_free (run);
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || *text == '\0';
}

/* ---- the end: decide and write ---- */

static void
applied_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_history_store_apply_matches_finish (run->store, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;
  g_task_return_pointer (task, g_ptr_array_ref (run->results),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
decide (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  ReconcileRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) orders = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, run->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (orders, value);
  run->results = pkio_history_match_attempts ((PkioMatchAttempt *) run->attempts->data,
                                              run->attempts->len, orders);
  pkio_history_store_apply_matches_async (run->store, run->results, applied_cb, g_steal_pointer (&task));
}

/* ---- order info, where the list did not say enough ---- */

static void read_next (GTask *task_owned);

static void
order_info_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 order_id = g_array_index (run->to_read, gint64, run->next_read - 1);
  g_autoptr(PkioRemoteOrder) info = pkio_client_get_order_finish (run->client, res, &error);
  PkioMatchOrder *order = g_hash_table_lookup (run->orders, &order_id);

  /* Gone since it was listed: what the list said stands. */
  if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NOT_FOUND))
    g_clear_error (&error);
  if (pkio_task_fail_if_error (task, error))
    return;
  pkio_match_order_add_details (order, info);
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  ReconcileRun *run = g_task_get_task_data (task);

  if (run->next_read < run->to_read->len)
    {
      gint64 order_id = g_array_index (run->to_read, gint64, run->next_read++);

      pkio_client_get_order_async (run->client, order_id, run->cancellable,
                                   order_info_cb, g_steal_pointer (&task));
      return;
    }
  decide (g_steal_pointer (&task));
}

typedef struct
{
  gint64          distance;
  PkioMatchOrder *order;
} Nearby;

static int
compare_nearby (gconstpointer a,
                gconstpointer b)
{
  const Nearby *x = a;
  const Nearby *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->order->order->order_id < y->order->order->order_id ? -1 : 1;
}

static gboolean
already_reading (GArray *ids,
                 gint64  order_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == order_id)
      return TRUE;
  return FALSE;
}

/* Marks the orders records of this computer hold, then picks the order info to read. */
static void
listed_all (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  ReconcileRun *run = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, run->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PkioMatchOrder *order = value;
      PkioHistoryRecord *owner = pkio_history_store_find_by_order_id (run->store,
                                                                      order->order->order_id);

      order->linked = owner != NULL
                      && pkio_history_record_get_origin (owner) == PKIO_RECORD_ORIGIN_THIS_COMPUTER;
    }

  for (guint a = 0; a < run->attempts->len && run->to_read->len < MAX_ORDER_INFO; a++)
    {
      const PkioMatchAttempt *attempt = &g_array_index (run->attempts, PkioMatchAttempt, a);
      g_autoptr(GArray) nearby = g_array_new (FALSE, FALSE, sizeof (Nearby));

      g_hash_table_iter_init (&iter, run->orders);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          PkioMatchOrder *order = value;
          Nearby entry = { 0, order };

          if (!pkio_history_match_wants_details (attempt, order))
            continue;
          entry.distance = ABS (g_date_time_to_unix (order->order->date_created)
                                - attempt->attempted);
          g_array_append_val (nearby, entry);
        }
      g_array_sort (nearby, compare_nearby);
      for (guint i = 0; i < nearby->len && run->to_read->len < MAX_ORDER_INFO; i++)
        {
          gint64 order_id = g_array_index (nearby, Nearby, i).order->order->order_id;

          if (!already_reading (run->to_read, order_id))
            g_array_append_val (run->to_read, order_id);
        }
    }
  read_next (g_steal_pointer (&task));
}

/* ---- the lists ---- */

static void list_next (GTask *task_owned);

static void
listed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  const char *email = g_ptr_array_index (run->queries, run->next_query - 1);
  g_autoptr(GPtrArray) orders = pkio_client_list_all_orders_finish (run->client, res, &error);

  if (pkio_task_fail_if_error (task, error))
    return;
  for (guint i = 0; i < orders->len; i++)
    {
      PkioRemoteOrder *listed = g_ptr_array_index (orders, i);
      PkioMatchOrder *order = g_hash_table_lookup (run->orders, &listed->order_id);

      if (order == NULL)
        {
          order = pkio_match_order_new (pkio_remote_order_copy (listed));
          g_hash_table_insert (run->orders, &order->order->order_id, order);
        }
      if (!is_blank (email))
        pkio_match_order_add_email_hit (order, email);
    }
  list_next (g_steal_pointer (&task));
}

static void
list_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  ReconcileRun *run = g_task_get_task_data (task);
  PkioListQuery query = { 0 };
  const char *email;

  if (run->next_query >= run->queries->len)
    {
      listed_all (g_steal_pointer (&task));
      return;
    }
  email = g_ptr_array_index (run->queries, run->next_query++);
  query.product_name_id = PKIO_PRODUCT_NAME_ID;
  query.email = is_blank (email) ? NULL : email;
  query.date_created = run->since;
  query.sort = "-date_created";
  pkio_client_list_all_orders_async (run->client, &query, run->cancellable,
                                     listed_cb, g_steal_pointer (&task));
}

/* ---- who each attempt is for ---- */

/* What other records say about individual @individual_id: the newest email and name. */
static void
known_about_individual (PkioHistoryStore *store,
                        gint64            individual_id,
                        const char      **out_email,
                        const char      **out_name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* The model holds unknown attempts first, then the newest first. */
  for (guint i = 0; i < n && (*out_email == NULL || *out_name == NULL); i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *email = pkio_history_record_get_holder_email (record);
      const char *name = pkio_history_record_get_holder_name (record);

      if (pkio_history_record_get_individual_id (record) != individual_id)
        continue;
      if (*out_email == NULL && !is_blank (email))
        *out_email = email;
      if (*out_name == NULL && !is_blank (name))
        *out_name = name;
    }
}

/* A copy owned by @run (the record's own text may change while the lists are read), or NULL
 * for a blank one. */
static const char *
keep (ReconcileRun *run,
      const char   *text)
{
  if (is_blank (text))
    return NULL;
  g_ptr_array_add (run->strings, g_strdup (text));
  return g_ptr_array_index (run->strings, run->strings->len - 1);
}

static void
add_query (GPtrArray  *queries,
           const char *email)
{
  for (guint i = 0; i < queries->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (queries, i), email) == 0)
      return;
  g_ptr_array_add (queries, g_strdup (email));
}

static void
unknown_listed_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 oldest = G_MAXINT64;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *day = NULL;

  run->records = pkio_history_store_list_unknown_finish (run->store, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;

  for (guint i = 0; i < run->records->len; i++)
    {
      PkioHistoryRecord *record = g_ptr_array_index (run->records, i);
      PkioMatchAttempt attempt = { 0 };
      const char *email = pkio_history_record_get_holder_email (record);
      const char *name = pkio_history_record_get_holder_name (record);

      attempt.local_id = pkio_history_record_get_local_id (record);
      attempt.attempted = pkio_history_record_get_created (record);
      attempt.individual_id = pkio_history_record_get_individual_id (record);
      attempt.by_id = attempt.individual_id > 0 && is_blank (email);
      if (attempt.by_id)
        {
          email = NULL;
          name = is_blank (name) ? NULL : name;
          known_about_individual (run->store, attempt.individual_id, &email, &name);
          add_query (run->queries, ALL_ORDERS_QUERY);
        }
      attempt.email = keep (run, email);
      attempt.name = keep (run, name);
      attempt.profile = keep (run, pkio_history_record_get_profile (record));
      if (attempt.email != NULL)
        add_query (run->queries, attempt.email);
      oldest = MIN (oldest, attempt.attempted);
      g_array_append_val (run->attempts, attempt);
    }
  if (run->attempts->len == 0)
    {
      decide (g_steal_pointer (&task));
      return;
    }

  /* A whole day earlier, as filters[date_created] may count days in another time zone; the
   * window itself is applied here. */
  since = g_date_time_new_from_unix_utc (oldest - PKIO_MATCH_CLOCK_SKEW_S - 86400);
  day = g_date_time_format (since, "%Y-%m-%d");
  run->since = g_strconcat (">=", day, NULL);
  list_next (g_steal_pointer (&task));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReconcileRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  pkio_history_store_ensure_loaded_finish (run->store, res, &error);
  if (pkio_task_fail_if_error (task, error))
    return;
  pkio_history_store_list_unknown_async (run->store, run->cancellable,
                                         unknown_listed_cb, g_steal_pointer (&task));
}

/* Answers the PkioMatchResult of every UNKNOWN record (g_task_propagate_pointer). */
static void
reconcile_run_async (PkioHistoryStore    *store,
                     PkioClient          *client,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ReconcileRun *run = g_new0 (ReconcileRun, 1);

  g_task_set_source_tag (task, reconcile_run_async);
  run->store = g_object_ref (store);
  run->client = g_object_ref (client);
  run->cancellable = cancellable;
  run->attempts = g_array_new (FALSE, TRUE, sizeof (PkioMatchAttempt));
  run->strings = g_ptr_array_new_with_free_func (g_free);
  run->queries = g_ptr_array_new_with_free_func (g_free);
  run->orders = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) pkio_match_order_free);
  run->to_read = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_task_set_task_data (task, run, (GDestroyNotify) reconcile_run_free);

  /* Which orders records already hold needs the whole history in the model. */
  pkio_history_store_ensure_loaded_async (store, cancellable, loaded_cb, g_steal_pointer (&task));
}

/* ---- public ---- */

static void
all_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (res), &error);

  pkio_task_finish_chain (task, error);
}

void
pkio_history_reconcile_all_async (PkioHistoryStore    *store,
                                  PkioClient          *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (PKIO_IS_CLIENT (client));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_reconcile_all_async);
  reconcile_run_async (store, client, cancellable, all_done_cb, g_steal_pointer (&task));
}

gboolean
pkio_history_reconcile_all_finish (PkioHistoryStore *store,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
one_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PkioHistoryRecord *record = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (res), &error);
  gint64 found = 0;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      PkioMatchResult *result = g_ptr_array_index (results, i);

      if (result->local_id == pkio_history_record_get_local_id (record)
          && result->outcome == PKIO_MATCH_LINKED)
        found = result->order->order_id;
    }
  g_task_return_int (task, found);
}

void
pkio_history_reconcile_async (PkioHistoryStore    *store,
                              PkioClient          *client,
                              PkioHistoryRecord   *record,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_HISTORY_STORE (store));
  g_return_if_fail (PKIO_IS_CLIENT (client));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_history_reconcile_async);
  g_task_set_task_data (task, g_object_ref (record), g_object_unref);
  if (pkio_history_record_get_state (record) != PKIO_RECORD_STATE_UNKNOWN)
    {
      g_task_return_int (task, pkio_history_record_get_order_id (record));
      return;
    }
  reconcile_run_async (store, client, cancellable, one_done_cb, g_steal_pointer (&task));
}

gint64
pkio_history_reconcile_finish (PkioHistoryStore *store,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
