/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-history-match.h"
#include "pkio-order.h"

/* ---- orders and results ---- */

PkioMatchOrder *
pkio_match_order_new (PkioRemoteOrder *order)
{
  PkioMatchOrder *self = g_new0 (PkioMatchOrder, 1);

  self->order = order;
  self->email_hits = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
pkio_match_order_free (PkioMatchOrder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->order, pkio_remote_order_free);
  g_clear_pointer (&self->email_hits, g_ptr_array_unref);
  g_free (self);
}

static char *
fold_email (const char *email)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email));

  return g_utf8_casefold (trimmed, -1);
}

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *folded_a = fold_email (a);
  g_autofree char *folded_b = fold_email (b);

  return strcmp (folded_a, folded_b) == 0;
}

void
pkio_match_order_add_email_hit (PkioMatchOrder *self,
                                const char     *email)
{
  char *folded = fold_email (email);

  for (guint i = 0; i < self->email_hits->len; i++)
    if (strcmp (g_ptr_array_index (self->email_hits, i), folded) == 0)
      {
        g_free (folded);
        return;
      }
  g_ptr_array_add (self->email_hits, folded);
}

static void
fill_text (char       **field,
           const char  *value)
{
  if ((*field == NULL || **field == '\0') && value != NULL && *value != '\0')
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

void
pkio_match_order_add_details (PkioMatchOrder        *self,
                              const PkioRemoteOrder *info)
{
  PkioRemoteOrder *order = self->order;

  self->details_read = TRUE;
  if (info == NULL || info->order_id != order->order_id)
    return;
  if (info->status != NULL)
    {
      g_free (order->status);
      order->status = g_strdup (info->status);
    }
  if (info->certificate_id > 0)
    order->certificate_id = info->certificate_id;
  if (order->date_created == NULL && info->date_created != NULL)
    order->date_created = g_date_time_ref (info->date_created);
  fill_text (&order->product_name_id, info->product_name_id);
  fill_text (&order->common_name, info->common_name);
  fill_text (&order->email, info->email);
  fill_text (&order->profile_option, info->profile_option);
  fill_text (&order->ship_method, info->ship_method);
  if (order->individual_id <= 0)
    order->individual_id = info->individual_id;
}

void
pkio_match_result_free (PkioMatchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->order, pkio_remote_order_free);
  g_clear_pointer (&result->candidates, g_ptr_array_unref);
  g_free (result);
}

/* ---- evidence ---- */

static gint64
created_of (const PkioRemoteOrder *order)
{
  return g_date_time_to_unix (order->date_created);
}

gboolean
pkio_history_match_in_window (const PkioMatchAttempt *attempt,
                              const PkioRemoteOrder  *order)
{
  gint64 created;

  if (order->date_created == NULL)
    return FALSE;
  created = created_of (order);
  return created >= attempt->attempted - PKIO_MATCH_CLOCK_SKEW_S
         && created <= attempt->attempted + PKIO_MATCH_MAX_FLIGHT_S + PKIO_MATCH_CLOCK_SKEW_S;
}

/* "Jan  de Vries" and "jan de vries", "José" and "Jose" are the same name. */
static char *
fold_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " \t\n", -1);
  g_autoptr(GString) folded = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (folded->len > 0)
        g_string_append_c (folded, ' ');
      g_string_append (folded, words[i]);
    }
  return g_string_free (g_steal_pointer (&folded), FALSE);
}

typedef enum { AGREE_UNKNOWN, AGREE_YES, AGREE_NO } Agreement;

static Agreement
names_agree (const char *ours,
             const char *theirs)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (ours == NULL || *ours == '\0' || theirs == NULL || *theirs == '\0')
    return AGREE_UNKNOWN;
  a = fold_name (ours);
  b = fold_name (theirs);
  return strcmp (a, b) == 0 ? AGREE_YES : AGREE_NO;
}

static gboolean
has_email_hit (const PkioMatchOrder *order,
               const char           *email)
{
  g_autofree char *folded = NULL;

  if (email == NULL || *email == '\0')
    return FALSE;
  folded = fold_email (email);
  for (guint i = 0; i < order->email_hits->len; i++)
    if (strcmp (g_ptr_array_index (order->email_hits, i), folded) == 0)
      return TRUE;
  return FALSE;
}

typedef enum
{
  EVIDENCE_NONE,    /* not this attempt's: another holder, profile, product or time */
  EVIDENCE_WEAK,    /* may be: offered to the person, never linked by itself */
  EVIDENCE_STRONG,  /* this holder (email, individual id, or a by-id attempt's known name) and
                       nothing disagrees */
} Evidence;

static Evidence
evidence_for (const PkioMatchAttempt *attempt,
              const PkioMatchOrder   *candidate)
{
  const PkioRemoteOrder *order = candidate->order;
  gboolean email_known = attempt->email != NULL && *attempt->email != '\0';
  gboolean holder = FALSE;
  Agreement name;

  if (candidate->linked || !pkio_history_match_in_window (attempt, order))
    return EVIDENCE_NONE;
  if (order->product_name_id != NULL && strcmp (order->product_name_id, PKIO_PRODUCT_NAME_ID) != 0)
    return EVIDENCE_NONE;

  /* What CertCentral states and we know, and that differs, rules the order out. The profile
   * is echoed exactly as sent: another profile is another certificate. */
  if (email_known && order->email != NULL && *order->email != '\0'
      && !same_email (attempt->email, order->email))
    return EVIDENCE_NONE;
  if (attempt->individual_id > 0 && order->individual_id > 0
      && attempt->individual_id != order->individual_id)
    return EVIDENCE_NONE;
  if (attempt->profile != NULL && order->profile_option != NULL
      && g_ascii_strcasecmp (attempt->profile, order->profile_option) != 0)
    return EVIDENCE_NONE;

  holder = has_email_hit (candidate, attempt->email)
           || (email_known && order->email != NULL && same_email (attempt->email, order->email))
           || (attempt->individual_id > 0 && order->individual_id == attempt->individual_id);
  name = names_agree (attempt->name, order->common_name);

  if (holder)
    /* A name written differently may still be the same person: offer, do not link. */
    return name == AGREE_NO ? EVIDENCE_WEAK : EVIDENCE_STRONG;
  if (!attempt->by_id)
    /* A new person's email is in the request: orders its filter did not return are someone
     * else's. */
    return EVIDENCE_NONE;
  if (name == AGREE_YES)
    return EVIDENCE_STRONG;
  if (name == AGREE_NO)
    return EVIDENCE_NONE;
  return EVIDENCE_WEAK;
}

gboolean
pkio_history_match_wants_details (const PkioMatchAttempt *attempt,
                                  const PkioMatchOrder   *candidate)
{
  const PkioRemoteOrder *order = candidate->order;
  gboolean holder_open;

  if (candidate->details_read || evidence_for (attempt, candidate) == EVIDENCE_NONE)
    return FALSE;
  holder_open = attempt->by_id && !has_email_hit (candidate, attempt->email)
                && order->individual_id <= 0;
  return holder_open
         || (attempt->profile != NULL && order->profile_option == NULL)
         || (attempt->name != NULL && order->common_name == NULL);
}

/* ---- one to one, oldest attempt first ---- */

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  const PkioMatchOrder *x = *(PkioMatchOrder * const *) a;
  const PkioMatchOrder *y = *(PkioMatchOrder * const *) b;
  gint64 cx = created_of (x->order);
  gint64 cy = created_of (y->order);

  if (cx != cy)
    return cx < cy ? -1 : 1;
  return x->order->order_id < y->order->order_id ? -1 : (x->order->order_id > y->order->order_id);
}

static GPtrArray *
copy_orders (GPtrArray *matches)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);

  for (guint i = 0; i < matches->len; i++)
    {
      const PkioMatchOrder *match = g_ptr_array_index (matches, i);

      g_ptr_array_add (copies, pkio_remote_order_copy (match->order));
    }
  return copies;
}

/* An attempt for an existing individual names nobody; an order CertCentral says is that
 * individual's (order info) tells its email and name, which then rule out other people's. */
static void
learn_individual (PkioMatchAttempt *attempt,
                  GPtrArray        *orders)
{
  for (guint i = 0; i < orders->len && attempt->by_id; i++)
    {
      const PkioRemoteOrder *order = ((PkioMatchOrder *) g_ptr_array_index (orders, i))->order;

      if (order->individual_id != attempt->individual_id)
        continue;
      if (attempt->email == NULL && order->email != NULL && *order->email != '\0')
        attempt->email = order->email;
      if (attempt->name == NULL && order->common_name != NULL && *order->common_name != '\0')
        attempt->name = order->common_name;
    }
}

static PkioMatchResult *
match_one (const PkioMatchAttempt *given,
           GPtrArray              *orders,
           GHashTable             *claimed)
{
  PkioMatchAttempt learnt = *given;
  const PkioMatchAttempt *attempt = &learnt;
  PkioMatchResult *result = g_new0 (PkioMatchResult, 1);
  g_autoptr(GPtrArray) strong = g_ptr_array_new ();
  g_autoptr(GPtrArray) possible = g_ptr_array_new ();
  PkioMatchOrder *first;
  gboolean told_apart = TRUE;

  result->local_id = attempt->local_id;
  learn_individual (&learnt, orders);
  for (guint i = 0; i < orders->len; i++)
    {
      PkioMatchOrder *candidate = g_ptr_array_index (orders, i);
      Evidence evidence;

      if (g_hash_table_contains (claimed, &candidate->order->order_id))
        continue;
      evidence = evidence_for (attempt, candidate);
      if (evidence == EVIDENCE_NONE)
        continue;
      g_ptr_array_add (possible, candidate);
      if (evidence == EVIDENCE_STRONG)
        g_ptr_array_add (strong, candidate);
    }
  g_ptr_array_sort (strong, compare_created);
  g_ptr_array_sort (possible, compare_created);

  if (possible->len == 0)
    {
      result->outcome = PKIO_MATCH_NOT_FOUND;
      return result;
    }
  if (strong->len == 0)
    {
      result->outcome = PKIO_MATCH_AMBIGUOUS;
      result->candidates = copy_orders (possible);
      return result;
    }

  /* The earliest order created at or after the attempt is its own: CertCentral creates it
   * the moment the request arrives, before anyone else's order that came later. Time cannot
   * decide when two share the second, or when the earliest is older than the attempt by this
   * computer's clock (counted only because the clocks may differ: then the next one may be
   * it just as well), or when an order that is only possibly the holder's comes first. */
  first = g_ptr_array_index (strong, 0);
  if (created_of (first->order) < attempt->attempted)
    told_apart = possible->len == 1;
  for (guint i = 0; i < possible->len && told_apart; i++)
    {
      PkioMatchOrder *candidate = g_ptr_array_index (possible, i);

      if (candidate != first && created_of (candidate->order) <= created_of (first->order))
        told_apart = FALSE;
    }

  if (!told_apart)
    {
      result->outcome = PKIO_MATCH_AMBIGUOUS;
      result->candidates = copy_orders (possible);
      return result;
    }
  result->outcome = PKIO_MATCH_LINKED;
  result->order = pkio_remote_order_copy (first->order);
  g_hash_table_add (claimed, &first->order->order_id);
  return result;
}

static int
compare_attempts (gconstpointer a,
                  gconstpointer b)
{
  const PkioMatchAttempt *x = *(const PkioMatchAttempt * const *) a;
  const PkioMatchAttempt *y = *(const PkioMatchAttempt * const *) b;

  if (x->attempted != y->attempted)
    return x->attempted < y->attempted ? -1 : 1;
  return x->local_id < y->local_id ? -1 : (x->local_id > y->local_id);
}

GPtrArray *
pkio_history_match_attempts (const PkioMatchAttempt *attempts,
                             guint                   n_attempts,
                             GPtrArray              *orders)
{
  g_autoptr(GHashTable) claimed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) oldest_first = g_ptr_array_new ();
  g_autoptr(GHashTable) by_attempt = g_hash_table_new (NULL, NULL);
  GPtrArray *results;

  g_return_val_if_fail (attempts != NULL || n_attempts == 0, NULL);
  g_return_val_if_fail (orders != NULL, NULL);

  for (guint i = 0; i < n_attempts; i++)
    g_ptr_array_add (oldest_first, (gpointer) &attempts[i]);
  g_ptr_array_sort (oldest_first, compare_attempts);
  for (guint i = 0; i < oldest_first->len; i++)
    {
      const PkioMatchAttempt *attempt = g_ptr_array_index (oldest_first, i);

      g_hash_table_insert (by_attempt, (gpointer) attempt, match_one (attempt, orders, claimed));
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_match_result_free);
  for (guint i = 0; i < n_attempts; i++)
    g_ptr_array_add (results, g_hash_table_lookup (by_attempt, &attempts[i]));
  return results;
}

/* ---- candidates as stored ---- */

char *
pkio_history_candidates_to_json (GPtrArray *candidates)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (candidates == NULL || candidates->len == 0)
    return NULL;

  b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < candidates->len; i++)
    {
      const PkioRemoteOrder *order = g_ptr_array_index (candidates, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, order->order_id);
      if (order->status != NULL)
        {
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, order->status);
        }
      if (order->date_created != NULL)
        {
          g_autofree char *date = g_date_time_format (order->date_created,
                                                      "%Y-%m-%dT%H:%M:%S+00:00");

          json_builder_set_member_name (b, "date_created");
          json_builder_add_string_value (b, date);
        }
      json_builder_set_member_name (b, "certificate");
      json_builder_begin_object (b);
      if (order->certificate_id > 0)
        {
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, order->certificate_id);
        }
      if (order->common_name != NULL)
        {
          json_builder_set_member_name (b, "common_name");
          json_builder_add_string_value (b, order->common_name);
        }
      if (order->profile_option != NULL)
        {
          json_builder_set_member_name (b, "profile_option");
          json_builder_add_string_value (b, order->profile_option);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

GPtrArray *
pkio_history_candidates_from_json (const char *json)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  g_autoptr(JsonNode) root = json != NULL ? json_from_string (json, NULL) : NULL;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return candidates;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PkioRemoteOrder *order;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      order = pkio_remote_order_from_json (json_node_get_object (element), NULL);
      if (order != NULL)
        g_ptr_array_add (candidates, order);
    }
  return candidates;
}

gboolean
pkio_history_candidates_have (GPtrArray *candidates,
                              gint64     order_id)
{
  for (guint i = 0; i < candidates->len; i++)
    if (((PkioRemoteOrder *) g_ptr_array_index (candidates, i))->order_id == order_id)
      return TRUE;
  return FALSE;
}
