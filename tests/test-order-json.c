/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-order-json.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return parse (text);
}

static PkioOrder *
order_from (JsonNode *node)
{
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  PkioOrder *order = pkio_order_from_json (node, problems);

  for (guint k = 0; k < problems->len; k++)
    g_test_message ("problem: %s", ((PkioProblem *) problems->pdata[k])->path);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (order);
  return order;
}

/* Same members, same order, same values: compares the compact serializations. */
static void
assert_same_json (JsonNode *got,
                  JsonNode *want)
{
  g_autofree char *got_text = json_to_string (got, FALSE);
  g_autofree char *want_text = json_to_string (want, FALSE);

  g_assert_cmpstr (got_text, ==, want_text);
  g_assert_true (json_node_equal (got, want));
}

static void
test_seed_round_trip (gconstpointer data)
{
  g_autoptr(JsonNode) seed = load_fixture (data);
  g_autoptr(PkioOrder) order = order_from (seed);
  g_autoptr(JsonNode) out = pkio_order_to_json (order);
  g_autoptr(PkioOrder) again = order_from (out);
  g_autoptr(JsonNode) out2 = pkio_order_to_json (again);

  assert_same_json (out, seed);
  assert_same_json (out2, seed);
}

static const char messy_body[] =
  "{\"payment_method\": \"card\","
  " \"certificate\": {\"profile_option\": \"encryption\", \"signature_hash\": \"sha256\","
  "  \"individual\": {\"zip\": \"1013aa\", \"first_name\": \"  John \", \"last_name\": \"Doe\","
  "   \"email\": \" john.doe@example.com\", \"telephone\": \"+31(0)20 254 7999\","
  "   \"country\": \"NL\", \"city\": \"Amsterdam\", \"state\": \"Noord-Holland\"}},"
  " \"csa_agreed_to\": true, \"provisioning_method\": \"token\","
  " \"ship_info\": {\"name\": \"John Doe\", \"addr1\": \"813 Lincoln Street\","
  "  \"city\": \"Amsterdam\", \"state\": \"Noord-Holland\", \"zip\": \"1013 aa\","
  "  \"country\": \"Nl\", \"method\": \"EXPEDITED\"},"
  " \"order_validity\": {\"custom_expiration_date\": \"9 jun 2026\"},"
  " \"credit_card\": {\"number\": \"4111 1111-1111 1111\", \"expiration_month\": \"07\","
  "  \"expiration_year\": \"2029\", \"cvv\": \"987\", \"cardholder_name\": \"J. Doe\","
  "  \"save_credit_card\": true, \"set_as_default\": 1},"
  " \"billing_address\": {\"zip\": \"1013AA\", \"address\": \"813 Lincoln Street\","
  "  \"address2\": \"  \", \"city\": \"Amsterdam\", \"state\": \"\", \"country\": \"NL\"}}";

static const char messy_normalized[] =
  "{\"certificate\":{\"signature_hash\":\"sha256\",\"profile_option\":\"encryption\","
  "\"is_rsassa_pss\":false,\"individual\":{\"first_name\":\"John\",\"last_name\":\"Doe\","
  "\"email\":\"john.doe@example.com\",\"telephone\":\"+31(0)20 254 7999\",\"country\":\"nl\","
  "\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\",\"zip\":\"1013 AA\"}},"
  "\"csa_agreed_to\":true,\"provisioning_method\":\"token\","
  "\"ship_info\":{\"name\":\"John Doe\",\"addr1\":\"813 Lincoln Street\",\"addr2\":\"\","
  "\"city\":\"Amsterdam\",\"state\":\"Noord-Holland\",\"zip\":\"1013 AA\",\"country\":\"nl\","
  "\"method\":\"EXPEDITED\"},"
  "\"order_validity\":{\"custom_expiration_date\":\"09 JUN 2026\"},"
  "\"payment_method\":\"card\","
  "\"credit_card\":{\"number\":\"4111111111111111\",\"expiration_month\":\"07\","
  "\"expiration_year\":\"2029\",\"cvv\":\"987\",\"cardholder_name\":\"J. Doe\","
  "\"save_credit_card\":true,\"set_as_default\":1},"
  "\"billing_address\":{\"address\":\"813 Lincoln Street\",\"city\":\"Amsterdam\","
  "\"country\":\"nl\",\"zip\":\"1013 AA\"}}";

static void
test_normalized (void)
{
  g_autoptr(JsonNode) in = parse (messy_body);
  g_autoptr(JsonNode) want = parse (messy_normalized);
  g_autoptr(PkioOrder) order = order_from (in);
  g_autoptr(JsonNode) out = pkio_order_to_json (order);
  g_autoptr(PkioOrder) again = order_from (out);
  g_autoptr(JsonNode) out2 = pkio_order_to_json (again);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 10, 12, 0, 0);
  g_autoptr(GPtrArray) problems = pkio_order_validate (order, now);
  JsonObject *card;

  g_assert_cmpuint (problems->len, ==, 0);
  assert_same_json (out, want);
  assert_same_json (out2, want);

  /* JSON types the API wants: integer 1/0 and a boolean, not strings. */
  card = json_object_get_object_member (json_node_get_object (out), "credit_card");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (card, "set_as_default")),
                   ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (card, "save_credit_card")),
                   ==, G_TYPE_BOOLEAN);
}

static void
test_storage_has_no_card (void)
{
  g_autoptr(JsonNode) in = parse (messy_body);
  g_autoptr(PkioOrder) order = order_from (in);
  g_autoptr(JsonNode) stored = pkio_order_to_storage_json (order);
  g_autofree char *text = json_to_string (stored, TRUE);
  JsonObject *root = json_node_get_object (stored);

  g_assert_false (json_object_has_member (root, "credit_card"));
  g_assert_cmpstr (json_object_get_string_member (root, "card_last4"), ==, "1111");
  g_assert_true (json_object_has_member (root, "billing_address"));
  g_assert_null (strstr (text, "4111111111111111"));
  g_assert_null (strstr (text, "4111 1111"));
  g_assert_null (strstr (text, "987"));
  g_assert_null (strstr (text, "cvv"));
  g_assert_null (strstr (text, "number"));
  g_assert_null (strstr (text, "expiration_month"));
  g_assert_null (strstr (text, "expiration_year"));
  g_assert_null (strstr (text, "2029"));
  g_assert_null (strstr (text, "J. Doe"));
  g_assert_nonnull (strstr (text, "john.doe@example.com"));
}

static void
test_storage_balance (void)
{
  g_autoptr(JsonNode) seed = load_fixture ("seed-details.json");
  g_autoptr(PkioOrder) order = order_from (seed);
  g_autoptr(JsonNode) stored = pkio_order_to_storage_json (order);

  /* Nothing secret in a balance order: storage equals the body. */
  assert_same_json (stored, seed);
}

static void
test_copy_and_wipe (void)
{
  g_autoptr(JsonNode) in = parse (messy_body);
  g_autoptr(PkioOrder) order = order_from (in);
  g_autoptr(PkioOrder) copy = pkio_order_copy (order);
  g_autoptr(JsonNode) a = pkio_order_to_json (order);
  g_autoptr(JsonNode) b = pkio_order_to_json (copy);
  g_autoptr(JsonNode) c = NULL;
  g_autoptr(JsonNode) stored = NULL;

  assert_same_json (a, b);
  g_assert_true (copy->credit_card.number != order->credit_card.number);
  g_assert_true (copy->individual.first_name != order->individual.first_name);

  pkio_order_clear_cvv (copy);
  g_assert_null (copy->credit_card.cvv);
  g_assert_cmpstr (order->credit_card.cvv, ==, "987");

  pkio_order_clear_card (copy);
  g_assert_null (copy->credit_card.number);
  g_assert_null (copy->credit_card.expiration_month);
  g_assert_null (copy->credit_card.expiration_year);
  g_assert_null (copy->credit_card.cardholder_name);
  g_assert_false (copy->credit_card.save_credit_card);
  g_assert_nonnull (order->credit_card.number);

  /* The rest of the order survives the wipe. */
  g_assert_cmpstr (copy->billing_address.city, ==, "Amsterdam");
  c = pkio_order_to_json (copy);
  stored = pkio_order_to_storage_json (copy);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "card_last4"),
                   ==, "");

  pkio_order_set_secret (&order->credit_card.cvv, "555");
  g_assert_cmpstr (order->credit_card.cvv, ==, "555");
}

/* What the form does: fill the struct, then send. */
static void
test_model_to_json (void)
{
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonObject *individual;
  JsonObject *validity;

  order->individual.use_id = TRUE;
  order->individual.id = 21;
  order->validity.kind = PKIO_VALIDITY_CUSTOM_DATE;
  g_date_set_dmy (&order->validity.custom_date, 9, G_DATE_JUNE, 2025);
  order->profile = PKIO_PROFILE_NONREPUDIATION;

  g_assert_cmpint (pkio_order_holder_individual_id (order), ==, 21);
  g_assert_null (pkio_order_holder_email (order));

  node = pkio_order_to_json (order);
  root = json_node_get_object (node);
  individual = json_object_get_object_member (
    json_object_get_object_member (root, "certificate"), "individual");
  g_assert_cmpuint (json_object_get_size (individual), ==, 1);
  g_assert_cmpint (json_object_get_int_member (individual, "id"), ==, 21);
  validity = json_object_get_object_member (root, "order_validity");
  g_assert_cmpuint (json_object_get_size (validity), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (validity, "custom_expiration_date"), ==,
                   "09 JUN 2025");
  g_assert_cmpstr (json_object_get_string_member (root, "payment_method"), ==, "balance");
  g_assert_false (json_object_has_member (root, "credit_card"));
  g_assert_false (json_object_has_member (root, "billing_address"));
  g_assert_false (json_object_get_boolean_member (
    json_object_get_object_member (root, "certificate"), "is_rsassa_pss"));

  order->individual.use_id = FALSE;
  order->individual.email = g_strdup ("a@example.com");
  g_assert_cmpstr (pkio_order_holder_email (order), ==, "a@example.com");
  g_assert_cmpint (pkio_order_holder_individual_id (order), ==, 0);
}

/* from_json reads on past structural problems and reports each one. */
static void
test_from_json_problems (void)
{
  g_autoptr(JsonNode) in = parse (
    "{\"certificate\": {\"signature_hash\": \"sha1\", \"profile_option\": 3,"
    "  \"individual\": {\"id\": \"21\", \"alias\": \"x\"}},"
    " \"csa_agreed_to\": \"yes\", \"ship_info\": [], \"order_validity\": {\"years\": \"1\"},"
    " \"payment_method\": \"card\", \"bonus\": 1}");
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = pkio_order_from_json (in, problems);
  g_autoptr(JsonNode) array = parse ("[1, 2]");
  g_autoptr(GPtrArray) more = pkio_problem_list_new ();
  const struct { const char *path, *code; } want[] = {
    { "certificate.profile_option", "wrong_type" },
    { "certificate.individual.id", "invalid_individual_id" },
    { "certificate.individual.alias", "unknown_field" },
    { "csa_agreed_to", "wrong_type" },
    { "provisioning_method", NULL },
    { "ship_info", "wrong_type" },
    { "order_validity.years", "wrong_type" },
    { "credit_card", "missing" },
    { "billing_address", "missing" },
    { "bonus", "unknown_field" },
  };

  g_assert_nonnull (order);
  /* sha1 survives from_json so that validate reports it. */
  g_assert_cmpstr (order->signature_hash, ==, "sha1");
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      PkioProblem *problem = pkio_problem_list_find (problems, want[k].path);

      if (want[k].code == NULL)
        g_assert_null (problem);
      else
        {
          g_assert_nonnull (problem);
          g_assert_cmpstr (problem->code, ==, want[k].code);
        }
    }
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (want) - 1);

  g_assert_null (pkio_order_from_json (array, more));
  g_assert_cmpuint (more->len, ==, 1);
}

/* Regression (fuzz-order-file): an unknown key is echoed in the problem, so a key with terminal
 * codes or a lone surrogate (invalid UTF-8 after json-glib) must be shown escaped. */
static void
test_unknown_key_shown_safely (void)
{
  /* json-glib turns "\ud800x" into the bytes of a lone surrogate (and drops the x). */
  g_autoptr(JsonNode) in = parse ("{\"\\u001b[2J\": 1, \"\\ud800x\": 2, \"a\\u202eb\": 3,"
                                  " \"" "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
                                  "\": 4}");
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = pkio_order_from_json (in, problems);
  const char *want[] = { "\\u001B[2J", "a\\u202Eb",
                         "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…" };
  guint unknown = 0;

  g_assert_nonnull (order);
  for (gsize k = 0; k < G_N_ELEMENTS (want); k++)
    if (pkio_problem_list_find (problems, want[k]) == NULL)
      g_error ("no problem at “%s”", want[k]);
  for (guint i = 0; i < problems->len; i++)
    {
      PkioProblem *problem = g_ptr_array_index (problems, i);

      if (!g_str_equal (problem->code, "unknown_field"))
        continue;
      unknown++;
      g_assert_true (g_utf8_validate (problem->path, -1, NULL));
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      g_assert_null (strchr (problem->message, '\033'));
    }
  g_assert_cmpuint (unknown, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/order-json/seed-details", "seed-details.json", test_seed_round_trip);
  g_test_add_data_func ("/order-json/seed-id", "seed-id.json", test_seed_round_trip);
  g_test_add_func ("/order-json/normalized", test_normalized);
  g_test_add_func ("/order-json/storage-has-no-card", test_storage_has_no_card);
  g_test_add_func ("/order-json/storage-balance", test_storage_balance);
  g_test_add_func ("/order-json/copy-and-wipe", test_copy_and_wipe);
  g_test_add_func ("/order-json/model-to-json", test_model_to_json);
  g_test_add_func ("/order-json/from-json-problems", test_from_json_problems);
  g_test_add_func ("/order-json/unknown-key-shown-safely", test_unknown_key_shown_safely);

  return g_test_run ();
}
