/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-match.h"

/* The matching rules of reconciliation, one by one, on made-up attempts and orders (the
 * reconcile tests in test-history-sync.c and test-cli-reconcile.c run them against the
 * simulator). T is the first attempt's time on this computer's clock. */

#define T        ((gint64) 1780000000)
#define EMAIL    "john.doe@example.com"
#define NAME     "John Doe"
#define PROFILE  "authentication"

static PkioMatchAttempt
new_person (gint64 local_id,
            gint64 attempted)
{
  PkioMatchAttempt attempt = { local_id, attempted, FALSE, EMAIL, NAME, PROFILE, 0 };

  return attempt;
}

/* An order of the email filter's list, as a documented list row: name and profile, no email. */
static PkioMatchOrder *
listed (gint64      order_id,
        gint64      created,
        const char *name,
        const char *profile)
{
  PkioRemoteOrder *order = pkio_remote_order_new ();
  PkioMatchOrder *match;

  order->order_id = order_id;
  order->certificate_id = order_id + 1000;
  order->status = g_strdup ("pending");
  order->date_created = g_date_time_new_from_unix_utc (created);
  order->product_name_id = g_strdup ("pkio_burger");
  order->common_name = g_strdup (name);
  order->profile_option = g_strdup (profile);
  match = pkio_match_order_new (order);
  pkio_match_order_add_email_hit (match, EMAIL);
  return match;
}

static GPtrArray *
orders_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_match_order_free);
}

static PkioMatchResult *
result_at (GPtrArray *results,
           guint      i)
{
  return g_ptr_array_index (results, i);
}

static void
assert_linked (PkioMatchResult *result,
               gint64           order_id)
{
  g_assert_cmpint (result->outcome, ==, PKIO_MATCH_LINKED);
  g_assert_cmpint (result->order->order_id, ==, order_id);
  g_assert_null (result->candidates);
}

static void
assert_ambiguous (PkioMatchResult *result,
                  const gint64    *order_ids,
                  guint            n)
{
  g_assert_cmpint (result->outcome, ==, PKIO_MATCH_AMBIGUOUS);
  g_assert_null (result->order);
  g_assert_cmpuint (result->candidates->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (((PkioRemoteOrder *) g_ptr_array_index (result->candidates, i))->order_id,
                     ==, order_ids[i]);
}

static GPtrArray *
match (const PkioMatchAttempt *attempts,
       guint                   n,
       GPtrArray              *orders)
{
  GPtrArray *results = pkio_history_match_attempts (attempts, n, orders);

  g_assert_cmpuint (results->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (result_at (results, i)->local_id, ==, attempts[i].local_id);
  return results;
}

/* The scenario: orders 1 and 2 are linked already, 3 and 4 are unknown attempts two
 * seconds apart whose orders CertCentral created at once and 3 s later, and 5 was placed
 * elsewhere for the same person afterwards. */
static void
test_five_orders (void)
{
  PkioMatchAttempt attempts[] = { new_person (3, T), new_person (4, T + 2) };
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;

  g_ptr_array_add (orders, listed (1, T - 20, NAME, PROFILE));
  g_ptr_array_add (orders, listed (2, T - 10, NAME, PROFILE));
  g_ptr_array_add (orders, listed (5, T + 9, NAME, PROFILE));
  g_ptr_array_add (orders, listed (4, T + 5, NAME, PROFILE));
  g_ptr_array_add (orders, listed (3, T, NAME, PROFILE));
  ((PkioMatchOrder *) g_ptr_array_index (orders, 0))->linked = TRUE;
  ((PkioMatchOrder *) g_ptr_array_index (orders, 1))->linked = TRUE;

  results = match (attempts, 2, orders);
  assert_linked (result_at (results, 0), 3);
  assert_linked (result_at (results, 1), 4);
}

/* Minutes apart, given newest first: each still takes its own, oldest first. */
static void
test_minutes_apart (void)
{
  PkioMatchAttempt attempts[] = { new_person (2, T + 180), new_person (1, T) };
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;

  g_ptr_array_add (orders, listed (11, T + 2, NAME, PROFILE));
  g_ptr_array_add (orders, listed (12, T + 182, NAME, PROFILE));

  results = match (attempts, 2, orders);
  assert_linked (result_at (results, 0), 12);
  assert_linked (result_at (results, 1), 11);
}

/* An order a minute before the attempt counts only by the clock allowance: with another one
 * after the attempt, either may be it. */
static void
test_clock_allowance_is_ambiguous (void)
{
  PkioMatchAttempt attempt = new_person (1, T);
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) alone = orders_new ();
  g_autoptr(GPtrArray) alone_results = NULL;
  const gint64 both[] = { 21, 22 };

  g_ptr_array_add (orders, listed (22, T + 1, NAME, PROFILE));
  g_ptr_array_add (orders, listed (21, T - 60, NAME, PROFILE));
  results = match (&attempt, 1, orders);
  assert_ambiguous (result_at (results, 0), both, 2);

  /* Alone, it is the attempt's (this computer's clock may be ahead). */
  g_ptr_array_add (alone, listed (21, T - 60, NAME, PROFILE));
  alone_results = match (&attempt, 1, alone);
  assert_linked (result_at (alone_results, 0), 21);
}

static void
test_same_second_is_ambiguous (void)
{
  PkioMatchAttempt attempt = new_person (1, T);
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  const gint64 both[] = { 31, 32 };

  g_ptr_array_add (orders, listed (32, T + 1, NAME, PROFILE));
  g_ptr_array_add (orders, listed (31, T + 1, NAME, PROFILE));
  results = match (&attempt, 1, orders);
  assert_ambiguous (result_at (results, 0), both, 2);
}

static void
test_window (void)
{
  PkioMatchAttempt attempt = new_person (1, T);
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  gint64 last = T + PKIO_MATCH_MAX_FLIGHT_S + PKIO_MATCH_CLOCK_SKEW_S;

  g_ptr_array_add (orders, listed (41, T - PKIO_MATCH_CLOCK_SKEW_S - 1, NAME, PROFILE));
  g_ptr_array_add (orders, listed (42, last + 1, NAME, PROFILE));
  g_assert_false (pkio_history_match_in_window (&attempt,
                                                ((PkioMatchOrder *) orders->pdata[0])->order));
  g_assert_false (pkio_history_match_in_window (&attempt,
                                                ((PkioMatchOrder *) orders->pdata[1])->order));
  results = match (&attempt, 1, orders);
  g_assert_cmpint (result_at (results, 0)->outcome, ==, PKIO_MATCH_NOT_FOUND);

  g_clear_pointer (&results, g_ptr_array_unref);
  g_ptr_array_add (orders, listed (43, last, NAME, PROFILE));
  results = match (&attempt, 1, orders);
  assert_linked (result_at (results, 0), 43);
}

/* One to one: an order a record already holds, or that an older attempt took, is no
 * candidate. */
static void
test_one_to_one (void)
{
  PkioMatchAttempt attempts[] = { new_person (1, T), new_person (2, T + 30) };
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;

  g_ptr_array_add (orders, listed (51, T + 1, NAME, PROFILE));
  results = match (attempts, 2, orders);
  assert_linked (result_at (results, 0), 51);
  g_assert_cmpint (result_at (results, 1)->outcome, ==, PKIO_MATCH_NOT_FOUND);

  g_clear_pointer (&results, g_ptr_array_unref);
  ((PkioMatchOrder *) g_ptr_array_index (orders, 0))->linked = TRUE;
  results = match (attempts, 1, orders);
  g_assert_cmpint (result_at (results, 0)->outcome, ==, PKIO_MATCH_NOT_FOUND);
}

/* An undecided older attempt takes nothing, so a younger one sees its orders too. */
static void
test_doubt_carries_over (void)
{
  PkioMatchAttempt attempts[] = { new_person (1, T), new_person (2, T + 10) };
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  const gint64 first[] = { 61, 62, 63 };
  const gint64 second[] = { 61, 62, 63 };

  g_ptr_array_add (orders, listed (61, T - 30, NAME, PROFILE));
  g_ptr_array_add (orders, listed (62, T + 1, NAME, PROFILE));
  g_ptr_array_add (orders, listed (63, T + 11, NAME, PROFILE));
  results = match (attempts, 2, orders);
  assert_ambiguous (result_at (results, 0), first, 3);
  assert_ambiguous (result_at (results, 1), second, 3);
}

/* The profile is echoed as sent: another one is another certificate. A name written
 * differently may be the same person: offered, never linked by itself. */
static void
test_profile_and_name (void)
{
  PkioMatchAttempt attempt = new_person (1, T);
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  const gint64 weak_only[] = { 72 };
  const gint64 weak_first[] = { 72, 73 };

  g_ptr_array_add (orders, listed (71, T + 1, NAME, "encryption"));
  results = match (&attempt, 1, orders);
  g_assert_cmpint (result_at (results, 0)->outcome, ==, PKIO_MATCH_NOT_FOUND);

  g_clear_pointer (&results, g_ptr_array_unref);
  g_ptr_array_add (orders, listed (72, T + 2, "J. Doe", PROFILE));
  results = match (&attempt, 1, orders);
  assert_ambiguous (result_at (results, 0), weak_only, 1);

  /* A strong one after the doubtful one: still doubt. */
  g_clear_pointer (&results, g_ptr_array_unref);
  g_ptr_array_add (orders, listed (73, T + 3, "  john   DOE ", "Authentication"));
  results = match (&attempt, 1, orders);
  assert_ambiguous (result_at (results, 0), weak_first, 2);

  /* A strong one before it: the earliest is the attempt's. */
  g_clear_pointer (&results, g_ptr_array_unref);
  g_ptr_array_add (orders, listed (74, T + 1, "Jóhn Doe", NULL));
  results = match (&attempt, 1, orders);
  assert_linked (result_at (results, 0), 74);
}

/* A new person's email is in the request: what its filter did not return is someone else's,
 * and an order stating another email is ruled out. */
static void
test_new_person_needs_email_hit (void)
{
  PkioMatchAttempt attempt = new_person (1, T);
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  PkioMatchOrder *other = listed (81, T + 1, NAME, PROFILE);
  PkioMatchOrder *contradicted = listed (82, T + 2, NAME, PROFILE);

  g_ptr_array_set_size (other->email_hits, 0);
  contradicted->order->email = g_strdup ("someone.else@example.com");
  g_ptr_array_add (orders, other);
  g_ptr_array_add (orders, contradicted);
  results = match (&attempt, 1, orders);
  g_assert_cmpint (result_at (results, 0)->outcome, ==, PKIO_MATCH_NOT_FOUND);

  /* The same email stated in the order counts like a filter hit, whatever its case. */
  g_clear_pointer (&results, g_ptr_array_unref);
  other->order->email = g_strdup ("John.Doe@Example.com");
  results = match (&attempt, 1, orders);
  assert_linked (result_at (results, 0), 81);
}

/* Ordered for an existing individual: what the history knows stands in for the holder. */
static void
test_by_individual_id (void)
{
  PkioMatchAttempt known_name = { 1, T, TRUE, NULL, NAME, PROFILE, 21 };
  PkioMatchAttempt nothing_known = { 1, T, TRUE, NULL, NULL, PROFILE, 21 };
  g_autoptr(GPtrArray) orders = orders_new ();
  g_autoptr(GPtrArray) results = NULL;
  PkioMatchOrder *same_name = listed (91, T + 1, NAME, PROFILE);
  PkioMatchOrder *other_name = listed (92, T + 2, "Anna de Vries", PROFILE);
  g_autoptr(PkioRemoteOrder) info = pkio_remote_order_new ();
  const gint64 unknown_holders[] = { 91, 92 };
  PkioMatchOrder *anna;

  /* The product's list, not an email filter. */
  g_ptr_array_set_size (same_name->email_hits, 0);
  g_ptr_array_set_size (other_name->email_hits, 0);
  g_ptr_array_add (orders, same_name);
  g_ptr_array_add (orders, other_name);

  results = match (&known_name, 1, orders);
  assert_linked (result_at (results, 0), 91);

  /* Nobody known: nothing tells whose they are, so the person is asked. */
  g_clear_pointer (&results, g_ptr_array_unref);
  g_assert_true (pkio_history_match_wants_details (&nothing_known, same_name));
  results = match (&nothing_known, 1, orders);
  assert_ambiguous (result_at (results, 0), unknown_holders, 2);

  /* The order info says whose: the other one is another individual. */
  g_clear_pointer (&results, g_ptr_array_unref);
  info->order_id = 92;
  info->individual_id = 22;
  info->status = g_strdup ("issued");
  pkio_match_order_add_details (other_name, info);
  g_assert_false (pkio_history_match_wants_details (&nothing_known, other_name));
  g_assert_cmpstr (other_name->order->status, ==, "issued");
  info->order_id = 91;
  info->individual_id = 21;
  pkio_match_order_add_details (same_name, info);
  results = match (&nothing_known, 1, orders);
  assert_linked (result_at (results, 0), 91);

  /* What that order info says about individual 21 (its name) rules out an order of someone
   * else whose info was not read, even an earlier one. */
  g_clear_pointer (&results, g_ptr_array_unref);
  anna = listed (93, T, "Anna Smit", PROFILE);
  g_ptr_array_set_size (anna->email_hits, 0);
  g_ptr_array_add (orders, anna);
  results = match (&nothing_known, 1, orders);
  assert_linked (result_at (results, 0), 91);
}

static void
test_wants_details (void)
{
  PkioMatchAttempt attempt = new_person (1, T);
  g_autoptr(PkioMatchOrder) full = listed (101, T + 1, NAME, PROFILE);
  g_autoptr(PkioMatchOrder) bare = listed (102, T + 1, NULL, NULL);
  g_autoptr(PkioMatchOrder) far = listed (103, T + 3600, NULL, NULL);

  g_assert_false (pkio_history_match_wants_details (&attempt, full));
  g_assert_true (pkio_history_match_wants_details (&attempt, bare));
  g_assert_false (pkio_history_match_wants_details (&attempt, far));
  pkio_match_order_add_details (bare, NULL);
  g_assert_false (pkio_history_match_wants_details (&attempt, bare));
}

static void
test_candidates_json (void)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pkio_remote_order_free);
  g_autoptr(PkioMatchOrder) one = listed (843668399, T, NAME, PROFILE);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) none = pkio_history_candidates_from_json ("not json");
  g_autofree char *json = NULL;
  PkioRemoteOrder *order;

  g_ptr_array_add (candidates, pkio_remote_order_copy (one->order));
  json = pkio_history_candidates_to_json (candidates);
  back = pkio_history_candidates_from_json (json);
  g_assert_cmpuint (back->len, ==, 1);
  order = g_ptr_array_index (back, 0);
  g_assert_cmpint (order->order_id, ==, 843668399);
  g_assert_cmpint (order->certificate_id, ==, 843668399 + 1000);
  g_assert_cmpstr (order->status, ==, "pending");
  g_assert_cmpint (g_date_time_to_unix (order->date_created), ==, T);
  g_assert_cmpstr (order->common_name, ==, NAME);
  g_assert_cmpstr (order->profile_option, ==, PROFILE);
  g_assert_null (pkio_history_candidates_to_json (NULL));
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-match/five-orders", test_five_orders);
  g_test_add_func ("/history-match/minutes-apart", test_minutes_apart);
  g_test_add_func ("/history-match/clock-allowance-is-ambiguous",
                   test_clock_allowance_is_ambiguous);
  g_test_add_func ("/history-match/same-second-is-ambiguous", test_same_second_is_ambiguous);
  g_test_add_func ("/history-match/window", test_window);
  g_test_add_func ("/history-match/one-to-one", test_one_to_one);
  g_test_add_func ("/history-match/doubt-carries-over", test_doubt_carries_over);
  g_test_add_func ("/history-match/profile-and-name", test_profile_and_name);
  g_test_add_func ("/history-match/new-person-needs-email-hit", test_new_person_needs_email_hit);
  g_test_add_func ("/history-match/by-individual-id", test_by_individual_id);
  g_test_add_func ("/history-match/wants-details", test_wants_details);
  g_test_add_func ("/history-match/candidates-json", test_candidates_json);

  return g_test_run ();
}
