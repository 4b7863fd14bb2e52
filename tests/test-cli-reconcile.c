/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "pkio-client.h"
#include "pkio-order-json.h"
#include "pkio-order.h"
#include "pkio-problem.h"

#include "cli-test-util.h"

/* Unknown outcomes through the command line, as a person meets them: the built pkio-orders
 * against a simulator in its own process whose order list carries only the documented
 * fields. Needs an unlocked Secret Service (the test wrapper starts gnome-keyring-daemon).
 * The scenarios order for the same person again and again on purpose, so every order here
 * passes --allow-existing (the duplicate check itself: test-cli.c). */

#define POST_PATH "order/certificate/pkio_burger"

static gint64 order_ids[6];   /* the five orders of the scenario, 1-based */

static char *
seed_text (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The seed's body, sent by another HTTP client than pkio-orders: an order placed elsewhere. */
static gint64
place_elsewhere (void)
{
  g_autofree char *text = seed_text ();
  g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = pkio_order_from_json (parsed, problems);
  g_autoptr(JsonNode) body = pkio_order_to_json (order);
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioClient) client = pkio_client_new (cli.base_url, TEST_KEY, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioOrderAnswer) answer = NULL;

  g_assert_no_error (error);
  pkio_client_place_order_async (client, body, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = pkio_client_place_order_finish (client, result, &error);
  g_assert_no_error (error);
  return answer->order_id;
}

static void
expect_ok (char *answer)
{
  g_assert_cmpstr (answer, ==, "ok");
  g_free (answer);
}

static gboolean
process_exited (GSubprocess *process)
{
  return g_subprocess_get_identifier (process) == NULL;
}

static void
wait_ms (guint ms)
{
  g_usleep (ms * 1000);
}

/* Runs pkio-orders order FILE and kills it (SIGKILL) while its POST is held by the simulator:
 * CertCentral commits the order a little later, the process never learns of it. */
static void
order_then_kill (const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 posts = sim_count_order_posts ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  expect_ok (sim_command ("fault POST %s delay 1", POST_PATH));
  g_subprocess_launcher_set_cwd (launcher, cli.tmpdir);
  process = g_subprocess_launcher_spawn (launcher, &error, cli.bin, "order", "--allow-existing",
                                         path, NULL);
  g_assert_no_error (error);

  /* The POST has arrived and is being held. */
  while (sim_count_order_posts () == posts)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_false (process_exited (process));
      wait_ms (20);
    }
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

  /* No order yet (the answer is still held), then the simulator commits it. */
  g_assert_cmpint (sim_number ("last-order"), ==, order_ids[3]);
  while (sim_number ("last-order") == order_ids[3])
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      wait_ms (50);
    }
}

static JsonArray *
history_json (JsonParser *parser)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (NULL, &out, NULL, "history", "--json"), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static JsonObject *
row_of_order (JsonArray *rows,
              gint64     order_id)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (!json_object_get_null_member (row, "order_id")
          && json_object_get_int_member (row, "order_id") == order_id)
        {
          g_assert_null (found);   /* listed once */
          found = row;
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* The scenario: an ordinary order, a card order, one whose connection drops after the
 * body was sent, one whose process is killed while the POST is in flight, and one placed
 * elsewhere for the same person. The history must show five rows, the third and fourth
 * linked to their own orders, after one POST per attempt. */
static void
test_five_orders (void)
{
  g_autofree char *ordinary = fixture ("seed-details.json");
  g_autofree char *card = write_variant ("card.json", "\"payment_method\": \"balance\"",
                                         "\"payment_method\": \"card\",\n"
                                         "\"credit_card\": {\"number\": \"4111 1111 1111 1111\", "
                                         "\"expiration_month\": \"12\", "
                                         "\"expiration_year\": \"2039\", \"cvv\": \"987\", "
                                         "\"cardholder_name\": \"John Doe\", "
                                         "\"save_credit_card\": false, \"set_as_default\": 0},\n"
                                         "\"billing_address\": {"
                                         "\"address\": \"813 Lincoln Street\", "
                                         "\"city\": \"Amsterdam\", \"country\": \"nl\", "
                                         "\"zip\": \"1013 AA\"}");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *table = NULL;
  JsonArray *rows;

  if (!require_stored_key ())
    return;

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--allow-existing", ordinary), ==, 0);
  order_ids[1] = parse_order_id (out);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--allow-existing", card), ==, 0);
  order_ids[2] = parse_order_id (out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  expect_ok (sim_command ("fault POST %s drop-after-body 1", POST_PATH));
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--allow-existing", ordinary), ==, 4);
  g_assert_null (strstr (out, "order_id"));
  order_ids[3] = sim_number ("last-order");
  g_assert_cmpint (order_ids[3], >, order_ids[2]);

  order_then_kill (ordinary);
  order_ids[4] = sim_number ("last-order");

  /* A second later, so CertCentral's dates (whole seconds) tell it after the fourth. */
  wait_ms (1100);
  order_ids[5] = place_elsewhere ();
  g_assert_cmpint (order_ids[5], ==, sim_number ("last-order"));
  g_assert_cmpint (order_ids[5], >, order_ids[4]);

  rows = history_json (parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  for (guint i = 1; i <= 5; i++)
    {
      JsonObject *row = row_of_order (rows, order_ids[i]);

      g_test_message ("order %u: %" G_GINT64_FORMAT " %s %s", i, order_ids[i],
                      json_object_get_string_member (row, "state"),
                      json_object_get_string_member (row, "placed"));
      g_assert_cmpstr (json_object_get_string_member (row, "state"), ==,
                       i < 5 ? "placed" : "remote");
      g_assert_cmpstr (json_object_get_string_member (row, "placed"), ==,
                       i < 5 ? "this-computer" : "elsewhere");
      g_assert_false (json_object_get_null_member (row, "certificate_id"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "candidates")),
                        ==, 0);
    }
  /* One POST per attempt, the four here and the one elsewhere; history sent none. */
  g_assert_cmpint (sim_count_order_posts (), ==, 5);

  g_assert_cmpint (run_cli (NULL, &csv, NULL, "history", "--csv"), ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 7);   /* header, 5 rows, "" */
    g_assert_null (strstr (csv, ",unknown,"));
  }
  g_assert_cmpint (run_cli (NULL, &table, NULL, "history"), ==, 0);
  g_assert_null (strstr (table, "one of these"));
}

/* Two orders for one attempt that time cannot tell apart (one placed elsewhere just before
 * the attempt, within the clock allowance): the attempt stays unknown and the CLI names
 * both. */
static void
test_candidates_named (void)
{
  g_autofree char *seed = seed_text ();
  g_autoptr(GString) text = g_string_new (seed);
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *table = NULL;
  g_autofree char *own_id = NULL;
  g_autofree char *earlier_id = NULL;
  gint64 own, earlier;
  JsonArray *rows;
  JsonObject *attempt = NULL;
  JsonArray *candidates;

  if (!require_stored_key ())
    return;

  /* Another person (so the scenario above stays out of it), and the profile of the orders
   * the simulator places elsewhere. */
  g_string_replace (text, "john.doe@example.com", "kees@example.nl", 0);
  g_string_replace (text, "\"encryption\"", "\"authentication\"", 0);
  path = write_file ("kees.json", text->str);

  /* A colleague's order for the same person just before (by this computer's clock, a second
   * earlier): only the clock allowance makes it a candidate, but then time cannot say which
   * of the two came from the attempt. */
  earlier = sim_number ("add-remote kees@example.nl John Doe 0");
  wait_ms (1100);
  expect_ok (sim_command ("fault POST %s drop-after-body 1", POST_PATH));
  g_assert_cmpint (run_cli (NULL, &out, NULL, "order", "--allow-existing", path), ==, 4);
  own = sim_number ("last-order");
  own_id = g_strdup_printf ("%" G_GINT64_FORMAT, own);
  earlier_id = g_strdup_printf ("%" G_GINT64_FORMAT, earlier);

  g_assert_cmpint (run_cli (NULL, &table, NULL, "history"), ==, 0);
  {
    const char *line = strstr (table, "is it one of these? ");

    g_assert_nonnull (line);
    g_assert_nonnull (strstr (line, own_id));
    g_assert_nonnull (strstr (line, earlier_id));
    g_assert_nonnull (strstr (table, "Order attempt of "));
    g_assert_nonnull (strstr (table, "for John Doe"));
  }

  rows = history_json (parser);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "state"), "unknown") == 0)
        {
          g_assert_null (attempt);
          attempt = row;
        }
    }
  g_assert_nonnull (attempt);
  g_assert_cmpstr (json_object_get_string_member (attempt, "holder_email"), ==,
                   "kees@example.nl");
  /* Both orders exist at CertCentral: each listed once, as placed elsewhere. */
  g_assert_cmpstr (json_object_get_string_member (row_of_order (rows, own), "placed"), ==,
                   "elsewhere");
  g_assert_cmpstr (json_object_get_string_member (row_of_order (rows, earlier), "placed"), ==,
                   "elsewhere");
  candidates = json_object_get_array_member (attempt, "candidates");
  g_assert_cmpuint (json_array_get_length (candidates), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (candidates, 0),
                                               "order_id"), ==, earlier);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (candidates, 1),
                                               "order_id"), ==, own);
  {
    /* The simulator issues an order a second after it was placed. */
    const char *status = json_object_get_string_member (
      json_array_get_object_element (candidates, 1), "status");

    g_assert_true (g_strcmp0 (status, "pending") == 0 || g_strcmp0 (status, "issued") == 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli-reconcile/five-orders", test_five_orders);
  g_test_add_func ("/cli-reconcile/candidates-named", test_candidates_named);

  return cli_test_run ();
}
