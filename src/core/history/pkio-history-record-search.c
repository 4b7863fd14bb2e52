/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the history's search looks at: each record's folded key (name, email, order and
 * certificate number, case-folded and without accents), and a query folded the same way.
 * The store's index (pkio-history-index.c) answers a query for all records at once; the
 * functions here look at one record. */
#include "config.h"

#include <string.h>

#include "pkio-history-record-private.h"

/* Letters that do not come apart into a base letter and an accent (NFKD leaves them whole),
 * written as a person without that key on the keyboard would. */
static const char *
plain_letter (gunichar c)
{
  switch (c)
    {
    case 0x00E6: return "ae";  /* æ */
    case 0x00F0: return "d";   /* ð */
    case 0x00F8: return "o";   /* ø */
    case 0x00FE: return "th";  /* þ */
    case 0x0111: return "d";   /* đ */
    case 0x0127: return "h";   /* ħ */
    case 0x0131: return "i";   /* dotless ı */
    case 0x0142: return "l";   /* ł */
    case 0x0153: return "oe";  /* œ */
    default: return NULL;
    }
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

void
_pkio_history_fold_append (GString    *out,
                           const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;

  if (text == NULL || *text == '\0')
    return;
  /* Names, emails and numbers are nearly always ASCII: no tables needed. */
  if (is_ascii (text))
    {
      for (const char *p = text; *p != '\0'; p++)
        g_string_append_c (out, g_ascii_tolower (*p));
      return;
    }
  /* Case-folded ("ß" is "ss"), then taken apart (NFKD: "é" is "e" and an accent, "ﬁ" is
   * "fi"), then without the accents: "Müller" is found by "muller", "MÜLLER" and "müller". */
  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    {
      /* Not valid UTF-8 (never from CertCentral's JSON or GTK): searched as it is. */
      g_string_append (out, folded);
      return;
    }
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *plain = plain_letter (c);

      if (plain != NULL)
        g_string_append (out, plain);
      else if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
}

char *
_pkio_history_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  _pkio_history_fold_append (out, text);
  return g_string_free (out, FALSE);
}

void
_pkio_history_record_append_key (PkioHistoryRecord *self,
                                 GString           *key)
{
  _pkio_history_fold_append (key, self->holder_name);
  g_string_append_c (key, '\n');
  _pkio_history_fold_append (key, self->holder_email);
  g_string_append_c (key, '\n');
  if (self->order_id > 0)
    g_string_append_printf (key, "%" G_GINT64_FORMAT, self->order_id);
  g_string_append_c (key, '\n');
  if (self->certificate_id > 0)
    g_string_append_printf (key, "%" G_GINT64_FORMAT, self->certificate_id);
  /* Two more: every byte of the key starts a run of three, which the index needs to answer
   * queries of one and two characters (pkio-history-index.c). */
  g_string_append (key, "\n\n");
}

void
_pkio_history_record_refresh_key (PkioHistoryRecord *self)
{
  GString *key = g_string_sized_new (96);

  _pkio_history_record_append_key (self, key);
  g_free (self->search_key);
  self->search_key = g_string_free (key, FALSE);
}

struct _PkioHistoryQuery
{
  char  *folded;   /* folded like the keys, trimmed */
  gsize  length;
};

PkioHistoryQuery *
pkio_history_query_new (const char *text)
{
  g_autofree char *folded = NULL;
  PkioHistoryQuery *query;

  if (text == NULL)
    return NULL;
  folded = g_strstrip (_pkio_history_fold (text));
  if (*folded == '\0')
    return NULL;

  query = g_new0 (PkioHistoryQuery, 1);
  query->folded = g_steal_pointer (&folded);
  query->length = strlen (query->folded);
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

const char *
_pkio_history_query_get_folded (const PkioHistoryQuery *query,
                                gsize                  *length)
{
  *length = query->length;
  return query->folded;
}

gboolean
_pkio_history_query_equal (const PkioHistoryQuery *a,
                           const PkioHistoryQuery *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return strcmp (a->folded, b->folded) == 0;
}

gboolean
pkio_history_record_matches_query (PkioHistoryRecord      *self,
                                   const PkioHistoryQuery *query)
{
  g_autofree char *key = NULL;

  if (query == NULL)
    return TRUE;
  if (self->search_key == NULL)
    {
      GString *built = g_string_new (NULL);

      _pkio_history_record_append_key (self, built);
      key = g_string_free (built, FALSE);
    }
  return strstr (self->search_key != NULL ? self->search_key : key, query->folded) != NULL;
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

guint
_pkio_status_filter_categories (PkioStatusFilter filter)
{
  switch (filter)
    {
    case PKIO_STATUS_FILTER_IN_PROGRESS:
      return 1u << PKIO_STATUS_CATEGORY_IN_PROGRESS;
    case PKIO_STATUS_FILTER_ISSUED:
      return 1u << PKIO_STATUS_CATEGORY_ISSUED;
    case PKIO_STATUS_FILTER_PROBLEMS:
      return 1u << PKIO_STATUS_CATEGORY_PROBLEM | 1u << PKIO_STATUS_CATEGORY_UNKNOWN;
    case PKIO_STATUS_FILTER_ENDS_SOON:  /* by the end date (_pkio_expiry_from_end_key ()) */
    case PKIO_STATUS_FILTER_ENDED:
    case PKIO_STATUS_FILTER_ALL:
    default:
      return (1u << PKIO_N_STATUS_CATEGORIES) - 1;
    }
}

gboolean
pkio_history_record_matches_category (PkioHistoryRecord      *self,
                                      PkioStatusFilter        filter,
                                      const PkioExpiryWindow *window)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), FALSE);

  if (filter == PKIO_STATUS_FILTER_ENDS_SOON || filter == PKIO_STATUS_FILTER_ENDED)
    {
      g_return_val_if_fail (window != NULL, FALSE);
      return pkio_history_record_get_expiry (self, window)
             == (filter == PKIO_STATUS_FILTER_ENDS_SOON ? PKIO_EXPIRY_ENDS_SOON
                                                        : PKIO_EXPIRY_ENDED);
    }
  return (_pkio_status_filter_categories (filter)
          & 1u << pkio_history_record_get_status_category (self)) != 0;
}
