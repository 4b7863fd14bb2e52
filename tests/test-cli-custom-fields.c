/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "batch-test-util.h"
#include "cli-test-util.h"

/* `pkio-orders order` with the account's own order fields: the file may carry
 * "custom_fields", and is checked against the account's list (GET account/metadata) before
 * anything is recorded or sent; CertCentral's refusal is printed at the field; practice mode's
 * account takes its "Cost centre"; a batch file gives the fields as columns named by their
 * labels. The built binary against pkio-simulator-tool. */

#define POST_PATH "order/certificate/pkio_burger"
#define FIELD_ID  "31"

static char *
file_with (const char *name,
           const char *custom_fields)
{
  g_autofree char *member = g_strdup_printf ("\"custom_fields\": %s,\n\t\"payment_method\"",
                                             custom_fields);

  return write_variant (name, "\"payment_method\"", member);
}

static void
set_fields (const char *definition)
{
  g_autofree char *cleared = sim_command ("custom-fields-clear");

  g_assert_cmpstr (cleared, ==, "ok");
  if (definition != NULL)
    {
      g_autofree char *ok = sim_command ("custom-field %s", definition);

      g_assert_cmpstr (ok, ==, "ok");
    }
}

/* A required field the file leaves out: said at the field, nothing recorded or sent. */
static void
test_required_missing (void)
{
  g_autofree char *seed = fixture ("seed-details.json");
  g_autofree char *err = NULL;
  gint64 posts;

  if (!require_stored_key ())
    return;
  set_fields (FIELD_ID " required active int Cost centre");
  posts = sim_count_order_posts ();
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", seed), ==, 2);
  g_assert_nonnull (strstr (err, "custom_fields." FIELD_ID ": Fill in “Cost centre”."));
  g_assert_nonnull (strstr (err, "nothing was sent"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  set_fields (NULL);
}

/* With a value of the right type the order is placed, and CertCentral gets the field. */
static void
test_placed_with_value (void)
{
  g_autofree char *path = file_with ("with-cost-centre.json",
                                     "[{\"metadata_id\": " FIELD_ID ", \"value\": \" 4711 \"}]");
  g_autofree char *wrong = file_with ("wrong-cost-centre.json",
                                      "[{\"metadata_id\": " FIELD_ID ", \"value\": \"47a\"}]");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 posts;

  if (!require_stored_key ())
    return;
  set_fields (FIELD_ID " required active int Cost centre");
  posts = sim_count_order_posts ();
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", wrong), ==, 2);
  g_assert_nonnull (strstr (err, "custom_fields." FIELD_ID ": Enter a whole number in "
                                 "“Cost centre”"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 0);
  g_assert_true (g_str_has_prefix (out, "order_id: "));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  set_fields (NULL);
}

/* A file that gives a field the account does not have: said, not sent. */
static void
test_unknown_field (void)
{
  g_autofree char *path = file_with ("unknown-field.json",
                                     "[{\"metadata_id\": 77, \"value\": \"x\"}]");
  g_autofree char *err = NULL;

  if (!require_stored_key ())
    return;
  set_fields (NULL);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", path), ==, 2);
  g_assert_nonnull (strstr (err, "custom_fields.77: Remove the value for field 77"));
}

/* --dry-run reads the field as the body will carry it (no account is asked). */
static void
test_dry_run (void)
{
  g_autofree char *path = file_with ("dry-run-field.json",
                                     "[{\"metadata_id\": 5, \"value\": \" KP-1 \"}]");
  g_autofree char *broken = file_with ("dry-run-broken.json", "[{\"metadata_id\": \"5\"}]");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path, "--dry-run"), ==, 0);
  g_assert_nonnull (strstr (out, "\"custom_fields\" : [\n    {\n      \"metadata_id\" : 5,\n"
                                 "      \"value\" : \"KP-1\"\n    }\n  ]"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", broken, "--dry-run"), ==, 2);
  g_assert_nonnull (strstr (err, "custom_fields[0].metadata_id: "));
  g_assert_nonnull (strstr (err, "custom_fields[0].value: "));
}

/* When the account's list cannot be had, CertCentral checks the fields: its refusal is shown
 * at the field, and nothing was placed (exit 3). */
static void
test_refusal_at_field (void)
{
  g_autofree char *seed = fixture ("seed-details.json");
  g_autofree char *fault = NULL;
  g_autofree char *err = NULL;
  gint64 last;

  if (!require_stored_key ())
    return;
  set_fields (FIELD_ID " required active int Cost centre");
  fault = sim_command ("fault GET account/metadata server-error 4");
  g_assert_cmpstr (fault, ==, "ok");
  last = sim_number ("last-order");
  /* The seed's holder was ordered for above: the duplicate check is not what this is about. */
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", "--allow-existing", seed), ==, 3);
  g_assert_nonnull (strstr (err, "Could not read the account’s own order fields"));
  g_assert_nonnull (strstr (err, "CertCentral refused the order: it was not placed."));
  g_assert_nonnull (strstr (err, "custom_fields." FIELD_ID ": "));
  g_assert_cmpint (sim_number ("last-order"), ==, last);
  set_fields (NULL);
}

/* Practice mode: its account's optional "Cost centre" is taken; an order without it too. */
static void
test_practice (void)
{
  g_autofree char *seed = fixture ("seed-details.json");
  g_autofree char *path = file_with ("practice-cost-centre.json",
                                     "[{\"metadata_id\": 4001, \"value\": \"KP-7\"}]");
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (NULL, &out, NULL, "--practice", "order", path), ==, 0);
  g_assert_true (g_str_has_prefix (out, "order_id: "));
  g_clear_pointer (&out, g_free);
  /* The same holder again, on purpose. */
  g_assert_cmpint (run_cli (NULL, &out, NULL, "--practice", "order", "--allow-existing", seed),
                   ==, 0);
  g_assert_true (g_str_has_prefix (out, "order_id: "));
}

/* A batch file (`order --batch`): the account's field is a column named by its label; its
 * values are checked at that column before anything is sent, and each order carries its own
 * in "custom_fields". Another unknown column is still refused by name. */
static void
test_batch_columns (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *row = batch_test_base_row (0, ',');
  g_autoptr(GString) john = g_string_new (row);
  g_autoptr(GString) ann = g_string_new (row);
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bodies = NULL;
  gint64 posts;

  if (!require_stored_key ())
    return;
  g_assert_cmpuint (g_string_replace (ann, "john.doe@example.com", "ann.batch@example.com", 1),
                    ==, 1);
  g_assert_cmpuint (g_string_replace (john, "john.doe@example.com", "john.batch@example.com",
                                      1), ==, 1);
  set_fields (FIELD_ID " required active int Cost centre");
  posts = sim_count_order_posts ();

  wrong = g_strdup_printf ("%s,Cost centre\r\n%s,4711\r\n%s,47a\r\n", header, john->str,
                           ann->str);
  g_free (write_file ("fields-wrong.csv", wrong));
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "fields-wrong.csv",
                            "--dry-run"), ==, 2);
  g_assert_nonnull (strstr (err, "fields-wrong.csv:3: Cost centre: Enter a whole number in "
                                 "“Cost centre”"));
  g_assert_null (strstr (err, "fields-wrong.csv:2: Cost centre"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", "--batch", "fields-wrong.csv", "--yes"),
                   ==, 2);
  g_assert_nonnull (strstr (err, "fields-wrong.csv:3: Cost centre: "));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);

  unknown = g_strdup_printf ("%s,Cost centre,Department\r\n%s,4711,HR\r\n", header, john->str);
  g_free (write_file ("fields-unknown.csv", unknown));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", "--batch", "fields-unknown.csv",
                            "--dry-run"), ==, 2);
  g_assert_nonnull (strstr (err, "fields-unknown.csv:1: Department: This column is not known."));
  g_assert_null (strstr (err, "fields-unknown.csv:1: Cost centre"));

  right = g_strdup_printf ("%s,Cost centre\r\n%s, 4711 \r\n%s,12\r\n", header, john->str,
                           ann->str);
  g_free (write_file ("fields-right.csv", right));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "fields-right.csv", "--yes"),
                   ==, 0);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 2);
  bodies = sim_command ("bodies POST %s", POST_PATH);
  g_assert_nonnull (strstr (bodies, "\"custom_fields\":[{\"metadata_id\":" FIELD_ID
                                    ",\"value\":\"4711\"}]"));
  g_assert_nonnull (strstr (bodies, "\"custom_fields\":[{\"metadata_id\":" FIELD_ID
                                    ",\"value\":\"12\"}]"));
  set_fields (NULL);
}

/* `order --batch-template` with @env (NULL: English): the header line and the example row
 * end with the account's fields; saved as a file, it is checked as valid (--dry-run). */
static void
check_template (const char **env,
                const char  *header_end,
                const char  *row_end)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *check_err = NULL;
  g_autofree char *header = NULL;
  const char *line_end;

  g_assert_cmpint (run_cli_full (NULL, env, &out, &err, "order", "--batch-template", NULL), ==,
                   0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "\xef\xbb\xbf"));
  line_end = strstr (out, "\r\n");
  g_assert_nonnull (line_end);
  header = g_strndup (out, line_end - out);
  g_test_message ("%s", out);
  g_assert_true (g_str_has_suffix (header, header_end));
  g_assert_true (g_str_has_suffix (out, row_end));

  g_free (write_file ("fields-template.csv", out));
  g_assert_cmpint (run_cli_full (NULL, env, &checked, &check_err, "order", "--batch",
                                 "fields-template.csv", "--dry-run", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (checked, "fields-template.csv:2: John Doe "));
  g_assert_nonnull (strstr (check_err, "fields-template.csv: 1 "));
}

/* The template (`order --batch-template`) has a column for each of the account's active
 * fields, headed by its label ("<label> (own field)" when the label is a fixed column's name),
 * in English and in Dutch; the example row gives the required fields a value and leaves the
 * optional one empty. When the fields cannot be asked,
 * the template comes without them, said, exit 1. Nothing is placed. */
static void
test_batch_template (void)
{
  static const char *dutch[] = { "LANGUAGE=nl", NULL };
  g_autofree char *fault = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ok = NULL;
  gint64 posts;

  if (!require_stored_key ())
    return;
  set_fields (FIELD_ID " required active int Cost centre");
  ok = sim_command ("custom-field 32 optional active text Afdeling (optioneel)");
  g_assert_cmpstr (ok, ==, "ok");
  g_clear_pointer (&ok, g_free);
  ok = sim_command ("custom-field 33 required inactive text Old code");
  g_assert_cmpstr (ok, ==, "ok");
  g_clear_pointer (&ok, g_free);
  /* A label that is a fixed column's name: its column is marked, and read back as the
   * field's (the template is checked as valid). */
  ok = sim_command ("custom-field 34 required active text Postcode");
  g_assert_cmpstr (ok, ==, "ok");
  posts = sim_count_order_posts ();

  check_template (NULL, ",Agreement,Cost centre,Afdeling (optioneel),Postcode (own field)",
                  ",yes,4711,,Example\r\n");
  check_template (dutch, ";Overeenkomst;Cost centre;Afdeling (optioneel);Postcode (eigen veld)",
                  ";ja;4711;;Voorbeeld\r\n");

  /* CertCentral cannot say: the template without those columns, and why. */
  fault = sim_command ("fault GET account/metadata server-error 20");
  g_assert_cmpstr (fault, ==, "ok");
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch-template"), ==, 1);
  g_assert_true (g_str_has_suffix (out, ",yes\r\n"));
  g_assert_true (g_str_has_prefix (err, "The template has no columns for your organisation’s "
                                        "own order fields: "));
  cleared = sim_command ("clear-faults");
  g_assert_cmpstr (cleared, ==, "ok");

  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  set_fields (NULL);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli-custom-fields/required-missing", test_required_missing);
  g_test_add_func ("/cli-custom-fields/placed-with-value", test_placed_with_value);
  g_test_add_func ("/cli-custom-fields/unknown-field", test_unknown_field);
  g_test_add_func ("/cli-custom-fields/dry-run", test_dry_run);
  g_test_add_func ("/cli-custom-fields/refusal-at-field", test_refusal_at_field);
  g_test_add_func ("/cli-custom-fields/practice", test_practice);
  g_test_add_func ("/cli-custom-fields/batch-columns", test_batch_columns);
  g_test_add_func ("/cli-custom-fields/batch-template", test_batch_template);

  return cli_test_run ();
}
