/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The history's search through the store's index (PkioHistoryResults): for every query and
 * status filter it shows exactly what looking at each record would, in the store's order; what
 * it announces with items-changed, applied to a copy, gives what it holds at every moment; and
 * records that arrive, change, move or go keep all of that true. */
#include "config.h"

#include <string.h>

#include "history-test-util.h"
#include "pkio-history-record-private.h"
#include "pkio-history-index.h"
#include "pkio-history-results.h"
#include "pkio-history-store-private.h"

#define N_REMOTE 3000

typedef struct
{
  char               *dir;
  PkioHistoryStore   *store;
  PkioHistoryResults *results;
  GPtrArray          *mirror;     /* what items-changed said, applied one by one */
  guint               n_signals;
  guint               last_position;  /* of the last items-changed, and what it replaced */
  guint               last_removed;
  char               *query;
  PkioStatusFilter    filter;
  PkioExpiryWindow    window;
  GHashTable         *keys;       /* record -> its folded key, until the store changes */
} Fixture;

static const char *const first_names[] = { "Jan", "Anna", "Müller", "Zoë", "Łukasz", "Søren",
                                            "Fatima", "Piet", "Ingrid", "Émile", "Ĳsbrand" };
static const char *const last_names[] = { "Jansen", "de Vries", "van der Berg", "Ångström",
                                           "Bakker", "Gärtner", "O'Neill", "Smit" };
static const char *const domains[] = { "gemeente.example.nl", "example.com", "provincie.nl" };
static const char *const statuses[] = { "issued", "pending", "revoked", "canceled",
                                         "waiting_pickup", "expired", "needs_approval" };

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Fixture    *fixture)
{
  /* The model must already be what this change makes of the one before. */
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_ptr_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (fixture->mirror->len, ==, g_list_model_get_n_items (model));
  fixture->n_signals++;
  fixture->last_position = position;
  fixture->last_removed = removed;
}

static GPtrArray *
remote_orders (guint  n,
               gint64 first_id,
               gint64 newest)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %u", first_names[i % G_N_ELEMENTS (first_names)],
                                               last_names[(i / 3) % G_N_ELEMENTS (last_names)], i);
      g_autofree char *email = g_strdup_printf ("person%u@%s", i, domains[i % G_N_ELEMENTS (domains)]);
      PkioRemoteOrder *order = test_remote_order (first_id + i,
                                                  statuses[(i / 2) % G_N_ELEMENTS (statuses)],
                                                  name, email,
                                                  /* not in id order: arrivals land all over */
                                                  newest - (gint64) ((i * 7919) % n) * 60);

      order->certificate_id = i % 5 == 0 ? 0 : 7000000 + i;
      /* End dates from 100 days ago to 200 days ahead ("Ends soon", "Ended"); some unknown. */
      if (i % 11 != 0)
        order->valid_till = pkio_calendar_today (NULL) - 100 + (i * 37) % 300;
      g_ptr_array_add (orders, order);
    }
  return orders;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) orders = remote_orders (N_REMOTE, 5000000, g_get_real_time () / G_USEC_PER_SEC);

  fixture->dir = test_make_dir ();
  path = g_build_filename (fixture->dir, "history.sqlite", NULL);
  fixture->store = test_open_store (path);
  test_merge (fixture->store, orders);
  /* The searches below go through the postings (the index's thread is done); searches before
   * that are tested on their own (test_index_built_in_thread ()). */
  _pkio_history_index_wait_posted (_pkio_history_store_get_index (fixture->store));
  fixture->results = pkio_history_results_new (fixture->store, G_LIST_MODEL (fixture->store));
  pkio_expiry_window_init (&fixture->window, PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
  pkio_history_results_set_expiry_window (fixture->results, &fixture->window);
  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_signal_connect_swapped (fixture->store, "items-changed", G_CALLBACK (g_hash_table_remove_all),
                            fixture->keys);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->results)); i++)
    g_ptr_array_add (fixture->mirror, g_list_model_get_item (G_LIST_MODEL (fixture->results), i));
  g_signal_connect (fixture->results, "items-changed", G_CALLBACK (mirror_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->results);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->mirror, g_ptr_array_unref);
  g_clear_pointer (&fixture->keys, g_hash_table_unref);
  g_clear_pointer (&fixture->query, g_free);
  test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* @record's folded key, made the way pkio_history_record_matches_query () makes it, once
 * until the store changes (the store's records hand their keys to the index: making them
 * again for every record on every query is slow under the sanitizers). */
static const char *
record_key (Fixture           *fixture,
            PkioHistoryRecord *record)
{
  char *key = g_hash_table_lookup (fixture->keys, record);

  if (key == NULL)
    {
      GString *built = g_string_new (NULL);

      _pkio_history_record_append_key (record, built);
      key = g_string_free (built, FALSE);
      g_hash_table_insert (fixture->keys, record, key);
    }
  return key;
}

/* What looking at each record of the store says, in the store's order. */
static GPtrArray *
scan (Fixture *fixture)
{
  g_autoptr(PkioHistoryQuery) query = pkio_history_query_new (fixture->query);
  GListModel *store = G_LIST_MODEL (fixture->store);
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_object_unref);
  const char *folded = NULL;
  gsize length;

  if (query != NULL)
    folded = _pkio_history_query_get_folded (query, &length);
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      PkioHistoryRecord *record = g_list_model_get_item (store, i);

      if ((folded == NULL || strstr (record_key (fixture, record), folded) != NULL)
          && pkio_history_record_matches_category (record, fixture->filter, &fixture->window))
        g_ptr_array_add (expected, record);
      else
        g_object_unref (record);
    }
  return expected;
}

static void
assert_shows_scan (Fixture *fixture)
{
  g_autoptr(GPtrArray) expected = scan (fixture);
  GListModel *results = G_LIST_MODEL (fixture->results);

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, expected->len);
  g_assert_cmpuint (fixture->mirror->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(PkioHistoryRecord) item = g_list_model_get_item (results, i);
      guint position = G_MAXUINT;

      if (item != g_ptr_array_index (expected, i) || item != g_ptr_array_index (fixture->mirror, i))
        g_error ("\"%s\", filter %d: row %u differs", fixture->query ? fixture->query : "",
                 fixture->filter, i);
      /* find () walks the model: a few rows each time, the first and the last among them, so
       * that the test stays quick under the sanitizers. */
      if (i % 97 == 0 || i + 1 == expected->len)
        {
          g_autoptr(PkioHistoryQuery) query = pkio_history_query_new (fixture->query);

          g_assert_true (pkio_history_results_find (fixture->results, item, &position));
          g_assert_cmpuint (position, ==, i);
          /* The one-record question agrees. */
          g_assert_true (pkio_history_record_matches_query (item, query));
        }
    }
}

static void
search (Fixture    *fixture,
        const char *query)
{
  g_free (fixture->query);
  fixture->query = g_strdup (query);
  pkio_history_results_set_search (fixture->results, query);
  assert_shows_scan (fixture);
}

static void
filter (Fixture          *fixture,
        PkioStatusFilter  status_filter)
{
  fixture->filter = status_filter;
  pkio_history_results_set_status_filter (fixture->results, status_filter);
  assert_shows_scan (fixture);
}

static void
test_every_query (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *const queries[] = {
    /* one and two characters: no run of three to look up */
    "a", "e", "j", "z", "0", "7", "@", ".", "'", " ", "ø", "Ö", "ë",
    "an", "ja", "nl", "70", "00", "@g", "n@", "ij", "ss",
    /* three and more */
    "jan", "JAN", "jansen", "van der", "van der berg", "der b", "o'neill", "example",
    "gemeente.example.nl", "person12", "person12@", "5000", "5001234", "7000", "700001",
    "muller", "MÜLLER", "zoe", "angstrom", "ångström", "lukasz", "soren", "sØren", "emile",
    "ijsbrand", "gartner", "gärtner",
    /* nothing */
    "xyzzy", "qqq", "jansen@provincie", "9999999999",
  };

  for (PkioStatusFilter status_filter = PKIO_STATUS_FILTER_ALL;
       status_filter <= PKIO_STATUS_FILTER_ENDED; status_filter++)
    {
      filter (fixture, status_filter);
      /* Each filter lets some through, and not all. */
      g_assert_cmpuint (fixture->mirror->len, >, 0);
      g_assert_cmpuint (fixture->mirror->len, <=, N_REMOTE);
      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        search (fixture, queries[i]);
      search (fixture, NULL);
    }
  /* Something is found by each kind of query above (the list is not all empty answers). */
  filter (fixture, PKIO_STATUS_FILTER_ALL);
  search (fixture, "muller");
  g_assert_cmpuint (fixture->mirror->len, >, 0);
  search (fixture, "søren");
  g_assert_cmpuint (fixture->mirror->len, >, 0);
  g_assert_cmpuint (fixture->mirror->len, <, N_REMOTE);
}

static void
test_typing (Fixture       *fixture,
             gconstpointer  data)
{
  /* What a person types and takes back, with the filter changed in between. */
  static const char *const keystrokes[] = { "p", "pe", "per", "pers", "perso", "person",
                                            "person1", "person12", "person1", "person", "",
                                            "j", "ja", "jan", "jans", "ja", "", "@" };
  g_autoptr(GPtrArray) before = NULL;
  guint head = 0, tail = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      fixture->n_signals = 0;
      search (fixture, keystrokes[i]);
      if (i == 7)
        filter (fixture, PKIO_STATUS_FILTER_ISSUED);
      if (i == 12)
        filter (fixture, PKIO_STATUS_FILTER_PROBLEMS);
    }
  /* A change in many places is told at once, from the first row that differs to the last
   * (GTK 4.8 binds again every row after each change it is told of): the rows before and
   * after it are left alone. */
  filter (fixture, PKIO_STATUS_FILTER_ALL);
  search (fixture, "");
  before = g_ptr_array_copy (fixture->mirror, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  fixture->n_signals = 0;
  search (fixture, "person1");
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  while (head < before->len && head < fixture->mirror->len
         && before->pdata[head] == fixture->mirror->pdata[head])
    head++;
  while (tail < before->len - head && tail < fixture->mirror->len - head
         && before->pdata[before->len - 1 - tail]
            == fixture->mirror->pdata[fixture->mirror->len - 1 - tail])
    tail++;
  g_assert_cmpuint (fixture->last_position, ==, head);
  g_assert_cmpuint (fixture->last_removed, ==, before->len - head - tail);
  g_assert_cmpuint (fixture->last_removed, <, before->len);
  /* Nothing changed: nothing told. */
  fixture->n_signals = 0;
  filter (fixture, PKIO_STATUS_FILTER_ALL);
  search (fixture, "person1");
  g_assert_cmpuint (fixture->n_signals, ==, 0);
}

static void
test_store_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(PkioHistoryRecord) early = NULL;
  g_autoptr(PkioHistoryRecord) folded = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) arrivals = NULL;
  g_autoptr(GPtrArray) elsewhere = NULL;
  guint before;

  search (fixture, "de vries");
  filter (fixture, PKIO_STATUS_FILTER_ISSUED);
  before = fixture->mirror->len;
  g_assert_cmpuint (before, >, 0);

  /* Status changes move records in and out of the filter. */
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  for (guint i = 0; i < N_REMOTE; i += 3)
    g_ptr_array_add (changes, test_remote_order (5000000 + i, i % 2 ? "issued" : "revoked",
                                                 NULL, NULL, 0));
  test_merge (fixture->store, changes);
  assert_shows_scan (fixture);
  g_assert_cmpuint (fixture->mirror->len, !=, before);

  /* Names that change (CertCentral's answer corrected): the keys of records all over the
   * index change, runs leave and join lists in their middle. */
  g_ptr_array_set_size (changes, 0);
  for (guint i = 1; i < N_REMOTE; i += 4)
    {
      g_autofree char *name = g_strdup_printf ("Renamed %u", i);
      g_autofree char *email = g_strdup_printf ("renamed%u@example.org", i);

      g_ptr_array_add (changes, test_remote_order (5000000 + i, "issued", name, email, 0));
    }
  test_merge (fixture->store, changes);
  assert_shows_scan (fixture);
  search (fixture, "renamed");
  g_assert_cmpuint (fixture->mirror->len, >, 0);
  search (fixture, "renamed1");
  search (fixture, "person1");
  search (fixture, "de vries");

  /* New orders, with dates among the old ones, and names the search finds. */
  arrivals = remote_orders (500, 6000000, now);
  test_merge (fixture->store, arrivals);
  assert_shows_scan (fixture);

  /* A record of this computer made before the arrivals below gets its order and certificate
   * numbers later: its key changes, with runs that later slots already have. */
  search (fixture, "6000123");
  early = test_journal (fixture->store, TEST_REQUEST_JSON ("Vries", "de Vries", "v@example.nl"),
                        NULL);
  g_assert_nonnull (early);
  filter (fixture, PKIO_STATUS_FILTER_IN_PROGRESS);
  elsewhere = remote_orders (200, 6100000, now);
  test_merge (fixture->store, elsewhere);
  test_mark_placed (fixture->store, early, 6100500, 7000123);
  assert_shows_scan (fixture);
  search (fixture, "6100500");
  g_assert_true (pkio_history_results_find (fixture->results, early, NULL));
  search (fixture, "7000123");
  g_assert_true (pkio_history_results_find (fixture->results, early, NULL));

  /* An order placed elsewhere that turns out to be this computer's is folded into it: the
   * record placed elsewhere leaves the store, and the search. */
  filter (fixture, PKIO_STATUS_FILTER_ALL);
  search (fixture, "6100050");
  g_assert_cmpuint (fixture->mirror->len, ==, 1);
  folded = test_journal (fixture->store, TEST_REQUEST_JSON ("Zoë", "Smit", "z@example.nl"), NULL);
  test_mark_placed (fixture->store, folded, 6100050, 0);
  assert_shows_scan (fixture);
  g_assert_cmpuint (fixture->mirror->len, ==, 1);
  g_assert_true (g_ptr_array_index (fixture->mirror, 0) == folded);
  search (fixture, "zoe smit");
  assert_shows_scan (fixture);

  /* The counts the view shows come from the index. */
  for (PkioStatusFilter status_filter = PKIO_STATUS_FILTER_ALL;
       status_filter <= PKIO_STATUS_FILTER_ENDED; status_filter++)
    {
      g_autoptr(GPtrArray) expected = NULL;

      fixture->filter = status_filter;
      g_clear_pointer (&fixture->query, g_free);
      expected = scan (fixture);
      g_assert_cmpuint (pkio_history_store_count (fixture->store, status_filter, &fixture->window),
                        ==, expected->len);
    }
}

/* "Ends soon" and "Ended" depend on the day and the warning period: a new window filters
 * again, with the search, and records whose end date or status changes move in and out. */
static void
test_expiry_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  guint soon, later;

  filter (fixture, PKIO_STATUS_FILTER_ENDS_SOON);
  soon = fixture->mirror->len;
  g_assert_cmpuint (soon, >, 0);
  search (fixture, "jan");
  search (fixture, "j");

  /* A longer warning period: more end soon. */
  fixture->window.warning_days = 150;
  pkio_history_results_set_expiry_window (fixture->results, &fixture->window);
  search (fixture, NULL);
  later = fixture->mirror->len;
  g_assert_cmpuint (later, >, soon);
  /* Days go by: some that ended soon have ended. */
  fixture->window.today += 120;
  pkio_history_results_set_expiry_window (fixture->results, &fixture->window);
  assert_shows_scan (fixture);
  filter (fixture, PKIO_STATUS_FILTER_ENDED);
  search (fixture, "de vries");

  /* An issued certificate revoked elsewhere has ended; one renewed ends later. */
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_remote_order_free);
  for (guint i = 0; i < N_REMOTE; i += 7)
    {
      PkioRemoteOrder *order = test_remote_order (5000000 + i, i % 2 ? "issued" : "revoked",
                                                  NULL, NULL, 0);

      order->valid_till = fixture->window.today + 10;
      g_ptr_array_add (changes, order);
    }
  test_merge (fixture->store, changes);
  assert_shows_scan (fixture);
  filter (fixture, PKIO_STATUS_FILTER_ENDS_SOON);
  search (fixture, NULL);
}

/* ---- the index's postings, built in a thread ---- */

static const char *const index_queries[] = { "a", "e", "7", "@", "an", "nl", "12", "jan",
                                             "jansen", "renamed", "renamed1", "person1",
                                             "person12@", "muller", "van der", "example",
                                             "5000", "xyzzy" };

static PkioHistoryRecord *
index_record (guint        i,
              const char  *first_name)
{
  PkioHistoryRecord *record = _pkio_history_record_new ();

  record->state = PKIO_RECORD_STATE_REMOTE;
  record->order_id = 5000000 + i;
  record->remote_status = _pkio_history_intern (statuses[i % G_N_ELEMENTS (statuses)]);
  record->holder_name = g_strdup_printf ("%s %s %u", first_name,
                                         last_names[i % G_N_ELEMENTS (last_names)], i);
  record->holder_email = g_strdup_printf ("person%u@%s", i, domains[i % G_N_ELEMENTS (domains)]);
  _pkio_history_record_refresh_key (record);
  return record;
}

static void
rename_record (PkioHistoryIndex  *index,
               PkioHistoryRecord *record,
               guint              i)
{
  g_free (record->holder_name);
  record->holder_name = g_strdup_printf ("Renamed %u", i);
  _pkio_history_record_refresh_key (record);
  _pkio_history_index_update (index, record);
}

/* Every query answers what reading each held record's key answers. */
static void
assert_index_answers (PkioHistoryIndex *index,
                      GPtrArray        *records)
{
  for (guint q = 0; q < G_N_ELEMENTS (index_queries); q++)
    {
      g_autoptr(PkioHistoryQuery) query = pkio_history_query_new (index_queries[q]);
      g_autoptr(PkioHistorySlots) found = _pkio_history_index_search (index, query,
                                                                      PKIO_STATUS_FILTER_ALL,
                                                                      NULL);
      gsize length;
      const char *folded = _pkio_history_query_get_folded (query, &length);
      guint expected = 0;

      for (guint i = 0; i < records->len; i++)
        {
          PkioHistoryRecord *record = g_ptr_array_index (records, i);
          g_autoptr(GString) key = g_string_new (NULL);
          gboolean match;

          if (record->slot == PKIO_HISTORY_NO_SLOT)
            continue;
          _pkio_history_record_append_key (record, key);
          match = strstr (key->str, folded) != NULL;
          expected += match;
          if (match != _pkio_history_slots_has (found, record->slot))
            g_error ("\"%s\": record %u (%s) %s", index_queries[q], i, key->str,
                     match ? "not found" : "found");
        }
      g_assert_cmpuint (_pkio_history_slots_count (found), ==, expected);
    }
}

/* A record's runs are posted in a thread: searches before, during and after a build answer
 * alike, and keys that change or records that leave while a build runs are right once it is
 * taken in. */
static void
test_index_built_in_thread (void)
{
  PkioHistoryIndex *index = _pkio_history_index_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint building;

  for (guint i = 0; i < 2000; i++)
    {
      g_ptr_array_add (records, index_record (i, first_names[i % G_N_ELEMENTS (first_names)]));
      _pkio_history_index_add (index, g_ptr_array_index (records, i));
    }
  /* The build waits a moment for more (on this thread's main loop): nothing is posted yet,
   * and searches read the keys. */
  g_assert_false (_pkio_history_index_is_posted (index));
  g_assert_cmpuint (_pkio_history_index_n_building (index), ==, 0);
  assert_index_answers (index, records);
  for (guint i = 0; i < 2000; i += 7)
    rename_record (index, g_ptr_array_index (records, i), i);
  for (guint i = 3; i < 2000; i += 11)
    _pkio_history_index_remove (index, g_ptr_array_index (records, i));
  assert_index_answers (index, records);

  /* The build starts with every record held (its result is taken in on this thread's main
   * loop, which the lines below do not run). */
  while (_pkio_history_index_n_building (index) == 0)
    g_main_context_iteration (NULL, TRUE);
  building = _pkio_history_index_n_building (index);
  g_assert_cmpuint (building, >, 1000);
  assert_index_answers (index, records);
  /* While it runs: keys change, records leave, records come. */
  for (guint i = 1; i < 2000; i += 5)
    if (((PkioHistoryRecord *) g_ptr_array_index (records, i))->slot != PKIO_HISTORY_NO_SLOT)
      rename_record (index, g_ptr_array_index (records, i), i + 100000);
  for (guint i = 2; i < 2000; i += 13)
    _pkio_history_index_remove (index, g_ptr_array_index (records, i));
  for (guint i = 2000; i < 2300; i++)
    {
      g_ptr_array_add (records, index_record (i, "Jan"));
      _pkio_history_index_add (index, g_ptr_array_index (records, i));
    }
  assert_index_answers (index, records);

  _pkio_history_index_wait_posted (index);
  g_assert_true (_pkio_history_index_is_posted (index));
  assert_index_answers (index, records);
  /* Posted: changes go straight into the postings again. */
  for (guint i = 4; i < 2300; i += 17)
    if (((PkioHistoryRecord *) g_ptr_array_index (records, i))->slot != PKIO_HISTORY_NO_SLOT)
      rename_record (index, g_ptr_array_index (records, i), i + 200000);
  g_assert_true (_pkio_history_index_is_posted (index));
  assert_index_answers (index, records);

  /* An index freed while a build runs: the build ends into nothing. */
  for (guint i = 2300; i < 2400; i++)
    {
      g_ptr_array_add (records, index_record (i, "Anna"));
      _pkio_history_index_add (index, g_ptr_array_index (records, i));
    }
  while (_pkio_history_index_n_building (index) == 0)
    g_main_context_iteration (NULL, TRUE);
  _pkio_history_index_free (index);
  g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history-search/every-query", Fixture, NULL, fixture_set_up, test_every_query,
              fixture_tear_down);
  g_test_add ("/history-search/typing", Fixture, NULL, fixture_set_up, test_typing,
              fixture_tear_down);
  g_test_add ("/history-search/store-changes", Fixture, NULL, fixture_set_up,
              test_store_changes, fixture_tear_down);
  g_test_add ("/history-search/expiry-filters", Fixture, NULL, fixture_set_up,
              test_expiry_filters, fixture_tear_down);
  g_test_add_func ("/history-search/index-built-in-thread", test_index_built_in_thread);
  return g_test_run ();
}
