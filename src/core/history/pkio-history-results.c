/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-history-index.h"
#include "pkio-history-results.h"
#include "pkio-history-store-private.h"

struct _PkioHistoryResults
{
  GObject             parent_instance;

  PkioHistoryStore   *store;
  GListModel         *model;
  GArray             *model_slots;   /* guint32: the index slot of each item of model */
  GArray             *shown;         /* guint32: positions in model of what is shown, ascending */
  GArray             *next;         /* while a change is announced: the new list, shown */
  gboolean            again;         /* the search changed while a change was announced */
  PkioHistoryQuery   *query;
  PkioStatusFilter    filter;
  PkioExpiryWindow    window;        /* for "Ends soon" and "Ended" */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PkioHistoryResults, pkio_history_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GListModel ---- */

static GType
get_item_type (GListModel *model)
{
  return PKIO_TYPE_HISTORY_RECORD;
}

static guint
get_n_items (GListModel *model)
{
  PkioHistoryResults *self = PKIO_HISTORY_RESULTS (model);

  return self->next != NULL ? self->next->len : self->shown->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PkioHistoryResults *self = PKIO_HISTORY_RESULTS (model);
  guint in_model;

  if (position >= get_n_items (model))
    return NULL;
  in_model = g_array_index (self->next != NULL ? self->next : self->shown, guint32, position);
  return g_list_model_get_item (self->model, in_model);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- what is shown ---- */

/* Puts @n_new elements (their values left to the caller) in place of @n_old at @position,
 * moving the rest at most once: a record changed in place moves nothing. */
static guint32 *
replace_range (GArray *array,
               guint   position,
               guint   n_old,
               guint   n_new)
{
  guint len = array->len;

  if (n_new > n_old)
    g_array_set_size (array, len - n_old + n_new);
  if (n_new != n_old)
    memmove (array->data + (gsize) (position + n_new) * sizeof (guint32),
             array->data + (gsize) (position + n_old) * sizeof (guint32),
             (gsize) (len - position - n_old) * sizeof (guint32));
  if (n_new < n_old)
    g_array_set_size (array, len - n_old + n_new);
  return &g_array_index (array, guint32, position);
}

static guint32
slot_of_item (GListModel *model,
              guint       position)
{
  g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (model, position);

  return record != NULL ? record->slot : PKIO_HISTORY_NO_SLOT;
}

/* The first index of @array (ascending) whose value is at least @value. */
static guint
lower_bound (GArray  *array,
             guint32  value)
{
  guint low = 0, high = array->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (array, guint32, mid) < value)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

/* Tells the list how @next differs from what is shown, in one items-changed: from the first
 * row that differs to the last, the rows before and after it untouched. One, not one for each
 * run of rows that went or came: GTK 4.8 binds again every row it keeps after the position of
 * each items-changed, and builds rows for the states in between, so a search that changed
 * rows in 64 places bound some 3,000 cells and built as many, where one change binds and
 * builds each of the ~200 rows it keeps once at most (rows whose record is in the new list
 * too keep their widgets: GTK finds them again by their item). */
static void
announce (PkioHistoryResults *self,
          GArray             *next)
{
  GArray *old = self->shown;
  const guint32 *was = (const guint32 *) (gpointer) old->data;
  const guint32 *now = (const guint32 *) (gpointer) next->data;
  guint before = old->len;
  guint head = 0, tail = 0;

  while (head < old->len && head < next->len && was[head] == now[head])
    head++;
  while (tail < old->len - head && tail < next->len - head
         && was[old->len - 1 - tail] == now[next->len - 1 - tail])
    tail++;
  self->next = next;
  if (head < old->len || head < next->len)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail,
                                next->len - head - tail);
  self->shown = next;
  self->next = NULL;
  g_array_unref (old);
  if (before != next->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
refilter (PkioHistoryResults *self)
{
  PkioHistoryIndex *index = _pkio_history_store_get_index (self->store);
  g_autoptr(PkioHistorySlots) matches = NULL;
  GArray *next;
  const guint32 *slots;

  if (self->next != NULL)
    {
      self->again = TRUE;
      return;
    }
  do
    {
      self->again = FALSE;
      matches = _pkio_history_index_search (index, self->query, self->filter, &self->window);
      next = g_array_sized_new (FALSE, FALSE, sizeof (guint32), _pkio_history_slots_count (matches));
      slots = (const guint32 *) (gpointer) self->model_slots->data;
      /* The only pass over every row: one bit test each, in the model's order. */
      for (guint p = 0; p < self->model_slots->len; p++)
        if (_pkio_history_slots_has (matches, slots[p]))
          g_array_append_val (next, p);
      g_clear_pointer (&matches, _pkio_history_slots_free);
      announce (self, next);
    }
  while (self->again);
}

static void
model_items_changed_cb (GListModel         *model,
                        guint               position,
                        guint               removed,
                        guint               added,
                        PkioHistoryResults *self)
{
  PkioHistoryIndex *index = _pkio_history_store_get_index (self->store);
  g_autoptr(GArray) came = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 *slots;
  guint first, after;
  gint64 shift = (gint64) added - removed;

  g_return_if_fail (self->next == NULL);

  slots = replace_range (self->model_slots, position, removed, added);
  for (guint k = 0; k < added; k++)
    {
      slots[k] = slot_of_item (model, position + k);
      if (_pkio_history_index_matches (index, slots[k], self->query, self->filter, &self->window))
        {
          guint32 at = position + k;

          g_array_append_val (came, at);
        }
    }

  first = lower_bound (self->shown, position);
  after = lower_bound (self->shown, position + removed);
  if (shift != 0)
    {
      /* Every row further down moves: one add each, in a loop the compiler vectorizes. */
      guint32 *shown = (guint32 *) (gpointer) self->shown->data;
      guint32 delta = (guint32) shift;
      guint len = self->shown->len;

      for (guint k = after; k < len; k++)
        shown[k] += delta;
    }
  if (after - first > 0 || came->len > 0)
    {
      guint32 *place = replace_range (self->shown, first, after - first, came->len);

      /* An empty GArray may have no data at all: no memcpy () from NULL. */
      if (came->len > 0)
        memcpy (place, came->data, came->len * sizeof (guint32));
      g_list_model_items_changed (G_LIST_MODEL (self), first, after - first, came->len);
      if (after - first != came->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* ---- GObject ---- */

static void
pkio_history_results_dispose (GObject *object)
{
  PkioHistoryResults *self = PKIO_HISTORY_RESULTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pkio_history_results_parent_class)->dispose (object);
}

static void
pkio_history_results_finalize (GObject *object)
{
  PkioHistoryResults *self = PKIO_HISTORY_RESULTS (object);

  g_clear_pointer (&self->model_slots, g_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->query, pkio_history_query_free);

  G_OBJECT_CLASS (pkio_history_results_parent_class)->finalize (object);
}

static void
pkio_history_results_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS: g_value_set_uint (value, get_n_items (G_LIST_MODEL (object))); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_history_results_class_init (PkioHistoryResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_history_results_dispose;
  object_class->finalize = pkio_history_results_finalize;
  object_class->get_property = pkio_history_results_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_history_results_init (PkioHistoryResults *self)
{
  self->model_slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint32));
  pkio_expiry_window_init (&self->window, PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
}

PkioHistoryResults *
pkio_history_results_new (PkioHistoryStore *store,
                          GListModel       *model)
{
  PkioHistoryResults *self;
  guint n;

  g_return_val_if_fail (PKIO_IS_HISTORY_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PKIO_TYPE_HISTORY_RESULTS, NULL);
  self->store = g_object_ref (store);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  n = g_list_model_get_n_items (model);
  g_array_set_size (self->model_slots, n);
  for (guint p = 0; p < n; p++)
    g_array_index (self->model_slots, guint32, p) = slot_of_item (model, p);
  refilter (self);
  return self;
}

void
pkio_history_results_set_search (PkioHistoryResults *self,
                                 const char         *text)
{
  g_autoptr(PkioHistoryQuery) query = NULL;

  g_return_if_fail (PKIO_IS_HISTORY_RESULTS (self));

  query = pkio_history_query_new (text);
  if (_pkio_history_query_equal (query, self->query))
    return;
  g_clear_pointer (&self->query, pkio_history_query_free);
  self->query = g_steal_pointer (&query);
  refilter (self);
}

void
pkio_history_results_set_status_filter (PkioHistoryResults *self,
                                        PkioStatusFilter    filter)
{
  g_return_if_fail (PKIO_IS_HISTORY_RESULTS (self));

  if (filter == self->filter)
    return;
  self->filter = filter;
  refilter (self);
}

void
pkio_history_results_set_expiry_window (PkioHistoryResults     *self,
                                        const PkioExpiryWindow *window)
{
  g_return_if_fail (PKIO_IS_HISTORY_RESULTS (self));
  g_return_if_fail (window != NULL);

  if (window->today == self->window.today && window->warning_days == self->window.warning_days)
    return;
  self->window = *window;
  if (self->filter == PKIO_STATUS_FILTER_ENDS_SOON || self->filter == PKIO_STATUS_FILTER_ENDED)
    refilter (self);
}

PkioStatusFilter
pkio_history_results_get_status_filter (PkioHistoryResults *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RESULTS (self), PKIO_STATUS_FILTER_ALL);

  return self->filter;
}

gboolean
pkio_history_results_is_refiltering (PkioHistoryResults *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RESULTS (self), FALSE);

  return self->next != NULL;
}

gboolean
pkio_history_results_find (PkioHistoryResults *self,
                           PkioHistoryRecord  *record,
                           guint              *out_position)
{
  const guint32 *slots;
  guint index;

  g_return_val_if_fail (PKIO_IS_HISTORY_RESULTS (self), FALSE);
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (record), FALSE);

  if (record->slot == PKIO_HISTORY_NO_SLOT || self->next != NULL)
    return FALSE;
  slots = (const guint32 *) (gpointer) self->model_slots->data;
  for (guint p = 0; p < self->model_slots->len; p++)
    if (slots[p] == record->slot)
      {
        index = lower_bound (self->shown, p);
        if (index < self->shown->len && g_array_index (self->shown, guint32, index) == p)
          {
            if (out_position != NULL)
              *out_position = index;
            return TRUE;
          }
        return FALSE;
      }
  return FALSE;
}
