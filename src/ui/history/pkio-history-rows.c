/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-rows.h"

struct _PkioHistoryRows
{
  GObject             parent_instance;

  PkioHistoryResults *results;
  GHashTable         *held;      /* position → PkioHistoryRow, weakly: the rows someone holds */
  guint               n_items;   /* as last announced (the results change first) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioHistoryRows, pkio_history_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void row_gone_cb (gpointer data, GObject *where_the_row_was);

static gboolean
is_row (gpointer key,
        gpointer value,
        gpointer user_data)
{
  return value == user_data;
}

/* A row nobody holds any more: its position gets a new one when asked for. */
static void
row_gone_cb (gpointer  data,
             GObject  *where_the_row_was)
{
  PkioHistoryRows *self = data;

  g_hash_table_foreach_remove (self->held, is_row, where_the_row_was);
}

static void
let_go (PkioHistoryRows *self,
        PkioHistoryRow  *row)
{
  g_object_weak_unref (G_OBJECT (row), row_gone_cb, self);
}

/* ---- GListModel ---- */

static GType
get_item_type (GListModel *model)
{
  return PKIO_TYPE_HISTORY_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return PKIO_HISTORY_ROWS (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PkioHistoryRows *self = PKIO_HISTORY_ROWS (model);
  g_autoptr(PkioHistoryRecord) record = NULL;
  PkioHistoryRow *row;

  if (position >= self->n_items)
    return NULL;
  row = g_hash_table_lookup (self->held, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);
  record = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (record == NULL)
    return NULL;
  row = pkio_history_row_new (record);
  g_object_weak_ref (G_OBJECT (row), row_gone_cb, self);
  g_hash_table_insert (self->held, GUINT_TO_POINTER (position), row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- changes ---- */

/* A new search or status filter: every row held from @position on shows the record now at its
 * position, and the list hears only of the positions that came or went at the end (GTK 4.8
 * binds again every row after the position of an items-changed: none is before the end). */
static void
replace (PkioHistoryRows *self,
         guint            position)
{
  guint before = self->n_items;
  guint now = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint common = MIN (before, now);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at >= now)
        {
          /* Its position goes: the list lets it go in the change below. */
          let_go (self, value);
          g_hash_table_iter_remove (&iter);
        }
      else if (at >= position)
        {
          g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (self->results), at);

          pkio_history_row_set_record (value, record);
        }
    }
  self->n_items = now;
  if (before != now)
    g_list_model_items_changed (G_LIST_MODEL (self), common, before - common, now - common);
}

/* The records underneath changed: the rows after the change move with their records, and a
 * row whose record went and came back within the change (a sync that updated it, a sort) keeps
 * it at its new position, so that GTK finds the same item there (and the selection stays on it,
 * as GtkSingleSelection keeps an item it finds again in the same change). */
static void
pass_on (PkioHistoryRows *self,
         guint            position,
         guint            removed,
         guint            added)
{
  GHashTable *held = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) went = g_hash_table_new (NULL, NULL);   /* record → its row */
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at < position)
        g_hash_table_insert (held, key, value);
      else if (at >= position + removed)
        g_hash_table_insert (held, GUINT_TO_POINTER (at - removed + added), value);
      else
        g_hash_table_insert (went, pkio_history_row_get_record (value), value);
    }
  for (guint k = 0; k < added && g_hash_table_size (went) > 0; k++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (G_LIST_MODEL (self->results),
                                                                  position + k);
      PkioHistoryRow *row = g_hash_table_lookup (went, record);

      if (row != NULL)
        {
          g_hash_table_insert (held, GUINT_TO_POINTER (position + k), row);
          g_hash_table_remove (went, record);
        }
    }
  g_hash_table_iter_init (&iter, went);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    let_go (self, value);
  g_hash_table_unref (self->held);
  self->held = held;
  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
results_items_changed_cb (GListModel      *results,
                          guint            position,
                          guint            removed,
                          guint            added,
                          PkioHistoryRows *self)
{
  if (pkio_history_results_is_refiltering (self->results))
    replace (self, position);
  else
    pass_on (self, position, removed, added);
}

/* ---- GObject ---- */

static void
pkio_history_rows_dispose (GObject *object)
{
  PkioHistoryRows *self = PKIO_HISTORY_ROWS (object);
  GHashTableIter iter;
  gpointer value;

  if (self->results != NULL)
    g_signal_handlers_disconnect_by_func (self->results, results_items_changed_cb, self);
  g_clear_object (&self->results);
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    let_go (self, value);
  g_hash_table_remove_all (self->held);

  G_OBJECT_CLASS (pkio_history_rows_parent_class)->dispose (object);
}

static void
pkio_history_rows_finalize (GObject *object)
{
  PkioHistoryRows *self = PKIO_HISTORY_ROWS (object);

  g_clear_pointer (&self->held, g_hash_table_unref);

  G_OBJECT_CLASS (pkio_history_rows_parent_class)->finalize (object);
}

static void
pkio_history_rows_class_init (PkioHistoryRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_history_rows_dispose;
  object_class->finalize = pkio_history_rows_finalize;
}

static void
pkio_history_rows_init (PkioHistoryRows *self)
{
  self->held = g_hash_table_new (NULL, NULL);
}

PkioHistoryRows *
pkio_history_rows_new (PkioHistoryResults *results)
{
  PkioHistoryRows *self;

  g_return_val_if_fail (PKIO_IS_HISTORY_RESULTS (results), NULL);

  self = g_object_new (PKIO_TYPE_HISTORY_ROWS, NULL);
  self->results = g_object_ref (results);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (results));
  g_signal_connect (results, "items-changed", G_CALLBACK (results_items_changed_cb), self);
  return self;
}
