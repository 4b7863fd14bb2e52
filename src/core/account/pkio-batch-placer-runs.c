/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which run of the file this is: a batch is known in the journal by its file's content (its
 * key), a run started over on purpose (--new-batch) as a generation of it; what each row of
 * this run's generation left in the history (placed, undecided, refused) decides what the run
 * does with the row (pkio-batch-placer.c). */
#include "config.h"

#include <string.h>

#include "pkio-batch-placer-private.h"

/* The journal's key of generation @generation of the batch: the first run of a file is known
 * by its content key alone, a run started over on purpose (--new-batch) by "KEY#2", "KEY#3"…,
 * so that such a run, killed and started again, is found again as well. */
static char *
generation_key (const char *key,
                guint       generation)
{
  return generation <= 1 ? g_strdup (key) : g_strdup_printf ("%s#%u", key, generation);
}

static guint
generation_of (const char *journal_key,
               const char *key)
{
  gsize len = strlen (key);
  guint64 n;

  if (journal_key == NULL || strncmp (journal_key, key, len) != 0)
    return 0;
  if (journal_key[len] == '\0')
    return 1;
  if (journal_key[len] != '#' || !g_ascii_string_to_unsigned (journal_key + len + 1, 10, 2,
                                                              G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

int
_pkio_batch_placer_record_rank (PkioHistoryRecord *record)
{
  switch (pkio_history_record_get_state (record))
    {
    case PKIO_RECORD_STATE_PLACED:   return 3;
    case PKIO_RECORD_STATE_REMOTE:   return pkio_history_record_get_order_id (record) > 0 ? 3 : 0;
    case PKIO_RECORD_STATE_SENDING:
    case PKIO_RECORD_STATE_UNKNOWN:  return 2;
    case PKIO_RECORD_STATE_REJECTED: return 1;
    default:                         return 0;
    }
}

/* Every record is in the store's model, which must be read. */
static void
find_earlier_runs (PkioBatchPlacer *self)
{
  GListModel *model = G_LIST_MODEL (pkio_workspace_get_store (self->workspace));
  const char *key = pkio_batch_get_key (self->batch);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_items = g_list_model_get_n_items (model);
  guint generation = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (model, i);

      generation = MAX (generation, generation_of (pkio_history_record_get_batch_key (record),
                                                   key));
    }
  if (self->new_batch || generation == 0)
    generation++;
  g_free (self->journal_key);
  self->journal_key = generation_key (key, generation);
  /* Found again from scratch: the check and the run each read the history. */
  for (guint r = 0; r < self->n_rows; r++)
    g_clear_object (&self->earlier[r]);

  for (guint r = 0; r < self->n_rows; r++)
    g_hash_table_insert (rows, pkio_batch_get_row (self->batch, r)->key, GUINT_TO_POINTER (r + 1));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (model, i);
      const char *row_key = pkio_history_record_get_batch_row (record);
      guint index;

      if (row_key == NULL
          || g_strcmp0 (pkio_history_record_get_batch_key (record), self->journal_key) != 0
          || (index = GPOINTER_TO_UINT (g_hash_table_lookup (rows, row_key))) == 0)
        continue;
      index--;
      if (self->earlier[index] == NULL
          || _pkio_batch_placer_record_rank (record)
             > _pkio_batch_placer_record_rank (self->earlier[index]))
        g_set_object (&self->earlier[index], record);
    }
}

void
_pkio_batch_placer_read_history_async (PkioBatchPlacer     *self,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  pkio_workspace_read_history_async (self->workspace, NULL, callback, user_data);
}

gboolean
_pkio_batch_placer_read_history_finish (PkioBatchPlacer  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  if (!pkio_workspace_read_history_finish (self->workspace, result, error))
    return FALSE;
  find_earlier_runs (self);
  return TRUE;
}
