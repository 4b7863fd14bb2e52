/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "batch-test-util.h"
#include "cli-test-util.h"

/* Issue 21, on the command line: a stored API key that CertCentral no longer accepts (the
 * simulator accepts only another one). `order` says so and how to replace the key, exits 1
 * (the order itself is fine), never "correct what it says" and never CertCentral's raw code;
 * `history`, `status` and `expiring` still show what the history on this computer holds, say
 * how old it is, and exit 1. Once the key is replaced, orders go through again. */


static gint64 placed_order_id;

/* As an administrator's keyring might hold it: a key CertCentral has since revoked. */
static void
store_key_directly (const char *key)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error, "secret-tool", "store",
                              "--label=PKIo Orders API key", "xdg:schema",
                              "io.github.pkioorders.PkioOrders.ApiKey", "api-url", cli.base_url,
                              NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, key, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

/* Nothing of what CertCentral said in its own terms, and nothing that invites to correct an
 * order that has no mistake. */
static void
assert_plain_words (const char *text)
{
  g_assert_null (strstr (text, "access_denied"));
  g_assert_null (strstr (text, "invalid_api_key"));
  g_assert_null (strstr (text, "Correct what it"));
  g_assert_null (strstr (text, "|"));
}

static void
assert_replace_advice (const char *err)
{
  g_assert_nonnull (strstr (err, "CertCentral did not accept the API key"));
  g_assert_nonnull (strstr (err, "pkio-orders set-api-key"));
}

/* With a key CertCentral accepts: one order in the history. */
static void
test_order_with_good_key (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *out = NULL;

  if (!require_stored_key ())
    return;
  g_assert_cmpint (run_cli (NULL, &out, NULL, "order", path), ==, 0);
  placed_order_id = parse_order_id (out);
  g_assert_cmpint (placed_order_id, >, 0);
  /* Brought up to date once, so that what is stored has an age. */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "history"), ==, 0);
}

static void
test_order_key_rejected (void)
{
  g_autofree char *path = fixture ("seed-id.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 posts;

  if (!require_stored_key ())
    return;
  store_key_directly (WRONG_KEY);
  posts = sim_count_order_posts ();

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_replace_advice (err);
  g_assert_nonnull (strstr (err, "Nothing was placed."));
  assert_plain_words (err);
  /* The order went out once (that is how CertCentral said no), and was not placed. */
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
}

/* A batch: the first row goes out once and is refused for the key; no other row is sent, and
 * the person is told about the key, not about the rows (exit 1: the rows are fine). */
static void
test_batch_key_rejected (void)
{
  g_autofree char *text = batch_test_base_table (',', "\r\n");
  g_autofree char *path = write_file ("people.csv", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 posts;
  gint64 gets;

  if (!require_stored_key ())
    return;
  posts = sim_count_order_posts ();
  /* The duplicate check (issue 20) meets the refusal first: asked once, said once, and
   * nothing is sent. */
  gets = sim_number ("count GET order/certificate");
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", path, "--yes"), ==, 1);
  assert_replace_advice (err);
  assert_plain_words (err);
  assert_plain_words (out);
  g_assert_null (strstr (err, "Could not check whether"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  g_assert_cmpint (sim_number ("count GET order/certificate"), <=, gets + 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without the check, the first row's refusal stops the batch. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", path, "--yes",
                            "--allow-existing"), ==, 1);
  assert_replace_advice (err);
  assert_plain_words (err);
  assert_plain_words (out);
  g_assert_nonnull (strstr (out, "CertCentral did not accept the API key"));
  g_assert_nonnull (strstr (err, "0 of 3 placed"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
}

static void
test_reads_key_rejected (void)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, placed_order_id);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!require_stored_key ())
    return;
  g_assert_cmpint (placed_order_id, >, 0);

  /* history: the stored list, how old it is, and exit 1 (a nightly export can tell). */
  g_assert_cmpint (run_cli (NULL, &out, &err, "history", "--csv"), ==, 1);
  g_assert_nonnull (strstr (out, id));
  g_assert_nonnull (strstr (err, "Could not update from CertCentral. Showing what was stored "
                                 "on "));
  g_assert_nonnull (strstr (err, "ago)"));
  assert_replace_advice (err);
  assert_plain_words (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* status: what the history holds of the order, and how old that is. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "status", id), ==, 1);
  g_assert_nonnull (strstr (out, id));
  g_assert_nonnull (strstr (out, "Status: "));
  g_assert_nonnull (strstr (err, "Could not get the order from CertCentral."));
  g_assert_nonnull (strstr (err, "Showing what the order history on this computer holds, as "
                                 "it was on "));
  assert_replace_advice (err);
  assert_plain_words (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* expiring: the list from what is stored (nothing ends soon here), and exit 1. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "expiring"), ==, 1);
  g_assert_nonnull (strstr (out, "No certificate ends within"));
  g_assert_nonnull (strstr (err, "Could not update from CertCentral."));
  assert_replace_advice (err);
  assert_plain_words (err);
}

/* No key at all is "could not use CertCentral" too; the stored history is still shown. */
static void
test_reads_without_key (void)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, placed_order_id);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "secret-tool", "clear", "xdg:schema",
                         "io.github.pkioorders.PkioOrders.ApiKey", "api-url", cli.base_url,
                         NULL };

  if (!require_stored_key ())
    return;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
  g_assert_cmpint (run_cli (NULL, &out, &err, "status", id), ==, 1);
  g_assert_nonnull (strstr (out, id));
  g_assert_nonnull (strstr (err, "No API key is stored for"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "history"), ==, 1);
  g_assert_nonnull (strstr (out, id));
  g_assert_nonnull (strstr (err, "No API key is stored for"));
}

/* set-api-key with the key CertCentral accepts: the order goes through again. */
static void
test_replaced_key (void)
{
  g_autofree char *path = fixture ("seed-id.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!require_stored_key ())
    return;
  g_assert_cmpint (run_cli (TEST_KEY "\n", NULL, NULL, "set-api-key"), ==, 0);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 0);
  g_assert_cmpint (parse_order_id (out), >, placed_order_id);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "history"), ==, 0);
  g_assert_null (strstr (err, "Could not update"));
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);
  /* In this order: each case builds on the one before. */
  g_test_add_func ("/cli-key/order-with-good-key", test_order_with_good_key);
  g_test_add_func ("/cli-key/order-key-rejected", test_order_key_rejected);
  g_test_add_func ("/cli-key/batch-key-rejected", test_batch_key_rejected);
  g_test_add_func ("/cli-key/reads-key-rejected", test_reads_key_rejected);
  g_test_add_func ("/cli-key/reads-without-key", test_reads_without_key);
  g_test_add_func ("/cli-key/replaced-key", test_replaced_key);
  return cli_test_run ();
}
