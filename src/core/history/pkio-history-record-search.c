/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Searching the history: each record keeps a folded key of what a person searches by (name,
 * email, order and certificate number), and a query is prepared once for all records. */
#include "config.h"

#include <string.h>

#include "pkio-history-record-private.h"

static void
append_folded (GString    *key,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;
  folded = g_utf8_casefold (text, -1);
  g_string_append (key, folded);
}

/* A 64-bit summary of the bytes in a string: a query with a byte the key lacks cannot
 * match, and that test rules out most records of a 100,000-row search without strstr (). */
static inline guint64
byte_bit (guchar c)
{
  if (c >= 'a' && c <= 'z')
    return G_GUINT64_CONSTANT (1) << (c - 'a');
  if (c >= '0' && c <= '9')
    return G_GUINT64_CONSTANT (1) << (26 + c - '0');
  return G_GUINT64_CONSTANT (1) << (36 + c % 28);
}

static guint64
bytes_mask (const char *text)
{
  guint64 mask = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    mask |= byte_bit (*p);
  return mask;
}

void
_pkio_history_record_refresh_key (PkioHistoryRecord *self)
{
  GString *key = g_string_new (NULL);

  append_folded (key, self->holder_name);
  g_string_append_c (key, '\n');
  append_folded (key, self->holder_email);
  g_string_append_c (key, '\n');
  if (self->order_id > 0)
    g_string_append_printf (key, "%" G_GINT64_FORMAT, self->order_id);
  g_string_append_c (key, '\n');
  if (self->certificate_id > 0)
    g_string_append_printf (key, "%" G_GINT64_FORMAT, self->certificate_id);

  g_free (self->search_key);
  self->search_key = g_string_free (key, FALSE);
  self->search_mask = bytes_mask (self->search_key);
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

struct _PkioHistoryQuery
{
  char    *folded;   /* lower-cased (ASCII) or case-folded, trimmed */
  guint64  mask;     /* which bytes it needs: records lacking one are skipped at once */
};

PkioHistoryQuery *
pkio_history_query_new (const char *text)
{
  g_autofree char *stripped = NULL;
  PkioHistoryQuery *query;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;

  query = g_new0 (PkioHistoryQuery, 1);
  query->folded = is_ascii (stripped) ? g_ascii_strdown (stripped, -1)
                                      : g_utf8_casefold (stripped, -1);
  query->mask = bytes_mask (query->folded);
  return query;
}

void
pkio_history_query_free (PkioHistoryQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->folded);
  g_free (query);
}

/* Runs for every record on every keystroke (100,000 of them): the query is prepared once. */
gboolean
pkio_history_record_matches_query (PkioHistoryRecord      *self,
                                   const PkioHistoryQuery *query)
{
  if (query == NULL)
    return TRUE;
  if (G_UNLIKELY (self->search_key == NULL))
    _pkio_history_record_refresh_key (self);
  if ((query->mask & ~self->search_mask) != 0)
    return FALSE;
  return strstr (self->search_key, query->folded) != NULL;
}

gboolean
pkio_history_record_matches (PkioHistoryRecord *self,
                             const char        *query)
{
  g_autoptr(PkioHistoryQuery) prepared = NULL;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  prepared = pkio_history_query_new (query);
  return pkio_history_record_matches_query (self, prepared);
}

gboolean
pkio_history_record_matches_category (PkioHistoryRecord      *self,
                                      PkioStatusFilter        filter,
                                      const PkioExpiryWindow *window)
{
  PkioStatusCategory category;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  if (filter == PKIO_STATUS_FILTER_ENDS_SOON || filter == PKIO_STATUS_FILTER_ENDED)
    {
      g_return_val_if_fail (window != NULL, FALSE);
      return pkio_history_record_get_expiry (self, window)
             == (filter == PKIO_STATUS_FILTER_ENDS_SOON ? PKIO_EXPIRY_ENDS_SOON
                                                        : PKIO_EXPIRY_ENDED);
    }
  category = pkio_history_record_get_status_category (self);
  switch (filter)
    {
    case PKIO_STATUS_FILTER_IN_PROGRESS:
      return category == PKIO_STATUS_CATEGORY_IN_PROGRESS;
    case PKIO_STATUS_FILTER_ISSUED:
      return category == PKIO_STATUS_CATEGORY_ISSUED;
    case PKIO_STATUS_FILTER_PROBLEMS:
      return category == PKIO_STATUS_CATEGORY_PROBLEM || category == PKIO_STATUS_CATEGORY_UNKNOWN;
    case PKIO_STATUS_FILTER_ENDS_SOON:
    case PKIO_STATUS_FILTER_ENDED:
      g_assert_not_reached ();
    case PKIO_STATUS_FILTER_ALL:
    default:
      return TRUE;
    }
}
