/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-index.h"
#include "pkio-history-store-private.h"
#include "pkio-history-worker.h"

struct _PkioHistoryStore
{
  GObject            parent_instance;

  char              *path;
  PkioHistoryWorker *worker;
  GPtrArray         *items;        /* PkioHistoryRecord, in model order */
  /* Sets of &record->local_id and &record->order_id (borrowed): the key is in the record, so
   * the record is found from it (lookup_local_id ()) and the tables keep no values array, 2 MiB
   * less each at 100,000 records (issue 24). */
  GHashTable        *by_local_id;
  GHashTable        *by_order_id;
  PkioHistoryIndex  *index;        /* search: every record in items */
  int                append_start; /* first not-yet-announced appended position, or -1 */
  char              *recovered_path;
  gint64             last_sync;
  gboolean           full_list_due;
  guint              open : 1;
  guint              loaded : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioHistoryStore, pkio_history_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (pkio-history-error-quark, pkio_history_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOADED,
  PROP_LAST_SYNC,
  PROP_RECOVERED_PATH,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  SIGNAL_RECOVERED_FROM_CORRUPTION,
  SIGNAL_STATUS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- GListModel ---- */

static GType
get_item_type (GListModel *model)
{
  return PKIO_TYPE_HISTORY_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (model);

  /* Appended rows not yet announced by items-changed are not visible yet. */
  return self->append_start >= 0 ? (guint) self->append_start : self->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (model);

  if (position >= get_n_items (model))
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed (PkioHistoryStore *self,
               guint             position,
               guint             removed,
               guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
flush_appends (gpointer data)
{
  PkioHistoryStore *self = data;
  guint start;

  if (self->append_start < 0)
    return;
  start = self->append_start;
  self->append_start = -1;
  items_changed (self, start, 0, self->items->len - start);
}

/* Where @record is, or where it would go. */
static guint
find_position (PkioHistoryStore  *self,
               PkioHistoryRecord *record,
               gboolean          *found)
{
  guint low = 0;
  guint high = self->items->len;

  *found = FALSE;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      int cmp = _pkio_history_record_compare (g_ptr_array_index (self->items, mid), record);

      if (cmp == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (cmp < 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static PkioHistoryRecord *
lookup_local_id (PkioHistoryStore *self,
                 gint64            local_id)
{
  char *key = g_hash_table_lookup (self->by_local_id, &local_id);

  return key ? (PkioHistoryRecord *) (key - G_STRUCT_OFFSET (PkioHistoryRecord, local_id)) : NULL;
}

static PkioHistoryRecord *
lookup_order_id (PkioHistoryStore *self,
                 gint64            order_id)
{
  char *key = g_hash_table_lookup (self->by_order_id, &order_id);

  return key ? (PkioHistoryRecord *) (key - G_STRUCT_OFFSET (PkioHistoryRecord, order_id)) : NULL;
}

static void
index_order_id (PkioHistoryStore  *self,
                PkioHistoryRecord *record)
{
  if (record->order_id > 0)
    g_hash_table_add (self->by_order_id, &record->order_id);
}

static void
unindex_order_id (PkioHistoryStore  *self,
                  PkioHistoryRecord *record)
{
  if (record->order_id > 0 && lookup_order_id (self, record->order_id) == record)
    g_hash_table_remove (self->by_order_id, &record->order_id);
}

static void
insert_record (PkioHistoryStore  *self,
               PkioHistoryRecord *record)
{
  gboolean found;
  guint position = find_position (self, record, &found);

  if (position == self->items->len)
    {
      /* Loading appends in model order: announce those in one items-changed per chunk. */
      if (self->append_start < 0)
        self->append_start = position;
      g_ptr_array_add (self->items, g_object_ref (record));
    }
  else
    {
      flush_appends (self);
      g_ptr_array_insert (self->items, position, g_object_ref (record));
    }
  g_hash_table_add (self->by_local_id, &record->local_id);
  index_order_id (self, record);
  /* A record put back in another place keeps its slot (apply_record ()). */
  if (record->slot == PKIO_HISTORY_NO_SLOT)
    _pkio_history_index_add (self->index, record);
  if (position < self->items->len - 1)
    items_changed (self, position, 0, 1);
}

static void
remove_at (PkioHistoryStore *self,
           guint             position)
{
  PkioHistoryRecord *record = g_ptr_array_index (self->items, position);

  unindex_order_id (self, record);
  g_hash_table_remove (self->by_local_id, &record->local_id);
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
}

static gboolean
needs_attention (PkioHistoryRecord *record)
{
  return record->state == PKIO_RECORD_STATE_UNKNOWN || record->state == PKIO_RECORD_STATE_SENDING;
}

static void
apply_record (PkioHistoryStore  *self,
              PkioHistoryRecord *fresh)
{
  PkioHistoryRecord *existing = lookup_local_id (self, fresh->local_id);
  g_autoptr(PkioHistoryRecord) keep = NULL;
  g_autofree char *old_status = NULL;
  gboolean found;
  guint position;

  if (existing == NULL)
    {
      /* First seen (loaded, or new in a sync): no change to tell anyone about. */
      insert_record (self, fresh);
      return;
    }
  if (g_strcmp0 (existing->remote_status, fresh->remote_status) != 0)
    old_status = g_strdup (existing->remote_status);

  flush_appends (self);
  position = find_position (self, existing, &found);
  g_assert (found);
  if (fresh->created == existing->created
      && needs_attention (fresh) == needs_attention (existing))
    {
      unindex_order_id (self, existing);
      _pkio_history_record_update_from (existing, fresh);
      index_order_id (self, existing);
      _pkio_history_index_update (self->index, existing);
      items_changed (self, position, 1, 1);
    }
  else
    {
      /* Its place in the order changes (an unknown outcome resolved, a date corrected). */
      keep = g_object_ref (existing);
      remove_at (self, position);
      _pkio_history_record_update_from (keep, fresh);
      _pkio_history_index_update (self->index, keep);
      insert_record (self, keep);
      flush_appends (self);
    }
  if (old_status != NULL)
    g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0, existing, old_status);
}

static void
apply_deleted (PkioHistoryStore *self,
               gint64            local_id)
{
  PkioHistoryRecord *existing = lookup_local_id (self, local_id);
  gboolean found;
  guint position;

  if (existing == NULL)
    return;
  flush_appends (self);
  position = find_position (self, existing, &found);
  _pkio_history_index_remove (self->index, existing);
  if (found)
    remove_at (self, position);
}

static void finish_job (PkioHistoryStore *self,
                        PkioHistoryJob   *job);

static gboolean
apply_cb (PkioHistoryDelivery *delivery,
          gint64               deadline,
          guint               *budget,
          gpointer             user_data)
{
  PkioHistoryStore *self = user_data;

  while (delivery->deleted != NULL && delivery->next_deleted < delivery->deleted->len)
    {
      if (*budget == 0 || g_get_monotonic_time () > deadline)
        return FALSE;
      apply_deleted (self, g_array_index (delivery->deleted, gint64, delivery->next_deleted++));
      (*budget)--;
    }
  while (delivery->changed != NULL && delivery->next_changed < delivery->changed->len)
    {
      if (*budget == 0 || g_get_monotonic_time () > deadline)
        return FALSE;
      apply_record (self, g_ptr_array_index (delivery->changed, delivery->next_changed++));
      (*budget)--;
    }

  flush_appends (self);
  if (delivery->marks_loaded && !self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (delivery->job != NULL)
    finish_job (self, g_steal_pointer (&delivery->job));
  return TRUE;
}

static void
finish_job (PkioHistoryStore *self,
            PkioHistoryJob   *job)
{
  GTask *task = job->task;

  if (g_task_get_source_tag (task) == pkio_history_store_open_async)
    {
      if (job->error == NULL)
        {
          self->open = TRUE;
          self->last_sync = job->result_int;
          self->full_list_due = job->full_list_due;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
        }
      if (job->moved_to != NULL)
        {
          g_free (self->recovered_path);
          self->recovered_path = g_strdup (job->moved_to);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERED_PATH]);
          g_signal_emit (self, signals[SIGNAL_RECOVERED_FROM_CORRUPTION], 0, job->moved_to);
        }
    }
  else if (g_task_get_source_tag (task) == pkio_history_store_set_last_sync_async
           && job->error == NULL)
    {
      self->last_sync = job->result_int;
      self->full_list_due = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }

  if (job->error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->error));
  else
    switch (job->kind)
      {
      case PKIO_HISTORY_RESULT_RECORD:
        {
          PkioHistoryRecord *record = lookup_local_id (self, job->result_int);

          if (record != NULL)
            g_task_return_pointer (task, g_object_ref (record), g_object_unref);
          else
            g_task_return_new_error (task, PKIO_HISTORY_ERROR, PKIO_HISTORY_ERROR_NOT_FOUND,
                                     "%s", _("This order is not in the history."));
        }
        break;
      case PKIO_HISTORY_RESULT_INT:
        g_task_return_pointer (task, g_memdup2 (&job->result_int, sizeof job->result_int),
                               g_free);
        break;
      case PKIO_HISTORY_RESULT_POINTER:
        g_task_return_pointer (task, g_steal_pointer (&job->result), job->result_free);
        break;
      case PKIO_HISTORY_RESULT_RECORDS:
        {
          GPtrArray *fresh = job->result;
          GPtrArray *mapped = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < fresh->len; i++)
            {
              PkioHistoryRecord *record = g_ptr_array_index (fresh, i);
              PkioHistoryRecord *in_model = lookup_local_id (self, record->local_id);

              g_ptr_array_add (mapped, g_object_ref (in_model ? in_model : record));
            }
          g_task_return_pointer (task, mapped, (GDestroyNotify) g_ptr_array_unref);
        }
        break;
      case PKIO_HISTORY_RESULT_BOOLEAN:
      default:
        g_task_return_boolean (task, TRUE);
        break;
      }
  _pkio_history_job_free (job);
}

/* ---- GObject ---- */

static void
pkio_history_store_dispose (GObject *object)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (object);

  if (self->worker != NULL)
    _pkio_history_worker_shutdown (g_steal_pointer (&self->worker));

  G_OBJECT_CLASS (pkio_history_store_parent_class)->dispose (object);
}

static void
pkio_history_store_finalize (GObject *object)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (object);

  g_clear_pointer (&self->by_local_id, g_hash_table_unref);
  g_clear_pointer (&self->by_order_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->index, _pkio_history_index_free);
  g_free (self->recovered_path);
  g_free (self->path);

  G_OBJECT_CLASS (pkio_history_store_parent_class)->finalize (object);
}

static void
pkio_history_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    case PROP_LAST_SYNC: g_value_set_int64 (value, self->last_sync); break;
    case PROP_RECOVERED_PATH: g_value_set_string (value, self->recovered_path); break;
    case PROP_N_ITEMS: g_value_set_uint (value, get_n_items (G_LIST_MODEL (self))); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_history_store_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH: self->path = g_value_dup_string (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_history_store_constructed (GObject *object)
{
  PkioHistoryStore *self = PKIO_HISTORY_STORE (object);

  G_OBJECT_CLASS (pkio_history_store_parent_class)->constructed (object);
  self->worker = _pkio_history_worker_new (self->path, apply_cb, flush_appends, self);
}

static void
pkio_history_store_class_init (PkioHistoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pkio_history_store_dispose;
  object_class->finalize = pkio_history_store_finalize;
  object_class->get_property = pkio_history_store_get_property;
  object_class->set_property = pkio_history_store_set_property;
  object_class->constructed = pkio_history_store_constructed;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_RECOVERED_PATH] = g_param_spec_string ("recovered-path", NULL, NULL, NULL, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RECOVERED_FROM_CORRUPTION] =
    g_signal_new ("recovered-from-corruption", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, PKIO_TYPE_HISTORY_RECORD, G_TYPE_STRING);
}

static void
pkio_history_store_init (PkioHistoryStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_local_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_order_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->index = _pkio_history_index_new ();
  self->append_start = -1;
}

PkioHistoryStore *
pkio_history_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (PKIO_TYPE_HISTORY_STORE, "path", path, NULL);
}

const char *
pkio_history_store_get_path (PkioHistoryStore *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), NULL);
  return self->path;
}

gboolean
pkio_history_store_is_open (PkioHistoryStore *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), FALSE);
  return self->open;
}

gboolean
pkio_history_store_is_loaded (PkioHistoryStore *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), FALSE);
  return self->loaded;
}

const char *
pkio_history_store_get_recovered_path (PkioHistoryStore *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), NULL);
  return self->recovered_path;
}

gboolean
pkio_history_store_get_full_list_due (PkioHistoryStore *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), FALSE);
  return self->full_list_due;
}

gint64
pkio_history_store_get_last_sync (PkioHistoryStore *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), 0);
  return self->last_sync;
}

PkioHistoryRecord *
pkio_history_store_find_by_order_id (PkioHistoryStore *self,
                                     gint64            order_id)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), NULL);
  return lookup_order_id (self, order_id);
}

PkioHistoryRecord *
pkio_history_store_find_by_local_id (PkioHistoryStore *self,
                                     gint64            local_id)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), NULL);
  return lookup_local_id (self, local_id);
}

guint
pkio_history_store_count (PkioHistoryStore       *self,
                          PkioStatusFilter        filter,
                          const PkioExpiryWindow *window)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (self), 0);
  g_return_val_if_fail (window != NULL || (filter != PKIO_STATUS_FILTER_ENDS_SOON
                                           && filter != PKIO_STATUS_FILTER_ENDED), 0);
  return _pkio_history_index_count (self->index, filter, window);
}

PkioHistoryIndex *
_pkio_history_store_get_index (PkioHistoryStore *self)
{
  return self->index;
}

/* Jobs are in pkio-history-store-jobs.c and pkio-history-store-sync-jobs.c. */
PkioHistoryWorker *
_pkio_history_store_get_worker (PkioHistoryStore *self)
{
  return self->worker;
}
