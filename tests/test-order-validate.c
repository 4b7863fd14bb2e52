/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pkio-countries.h"
#include "pkio-field-rules.h"
#include "pkio-order-json.h"
#include "pkio-order.h"

/* Every date rule is checked against this "today": 10 March 2026, noon UTC. */
static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 3, 10, 12, 0, 0);
}

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static JsonNode *
base_node (char base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fixture_text (base == 'I' ? "seed-id.json" : "seed-details.json");
  JsonNode *node = json_from_string (text, &error);
  JsonObject *root;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  if (base == 'C')
    {
      JsonNode *card = json_from_string (
        "{\"number\": \"4111 1111 1111 1111\", \"expiration_month\": \"12\","
        " \"expiration_year\": \"2030\", \"cvv\": \"123\", \"cardholder_name\": \"John Doe\","
        " \"save_credit_card\": false, \"set_as_default\": 0}", NULL);
      JsonNode *billing = json_from_string (
        "{\"address\": \"813 Lincoln Street\", \"city\": \"Amsterdam\", \"country\": \"nl\","
        " \"zip\": \"1013 AA\"}", NULL);

      root = json_node_get_object (node);
      json_object_set_string_member (root, "payment_method", "card");
      json_object_set_member (root, "credit_card", card);
      json_object_set_member (root, "billing_address", billing);
    }
  return node;
}

/* Sets (or with @value NULL removes) the member at a dotted @path; its parent must exist. */
static void
mutate (JsonNode   *node,
        const char *path,
        const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonObject *object = json_node_get_object (node);

  for (guint k = 0; k + 1 < n; k++)
    {
      object = json_object_get_object_member (object, parts[k]);
      g_assert_nonnull (object);
    }
  if (value == NULL)
    {
      g_assert_true (json_object_has_member (object, parts[n - 1]));
      json_object_remove_member (object, parts[n - 1]);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *member = json_from_string (value, &error);

      g_assert_no_error (error);
      json_object_set_member (object, parts[n - 1], member);
    }
}

/* What the CLI does: structural problems first, then the field rules, one problem per path. */
static GPtrArray *
check_node (JsonNode *node)
{
  g_autoptr(GDateTime) now = fixed_now ();
  GPtrArray *problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = pkio_order_from_json (node, problems);
  g_autoptr(GPtrArray) more = NULL;

  g_assert_nonnull (order);
  more = pkio_order_validate (order, now);
  pkio_problem_list_merge (problems, more);
  return problems;
}

static char *
describe (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < problems->len; k++)
    {
      PkioProblem *problem = g_ptr_array_index (problems, k);

      g_string_append_printf (text, "[%s %s: %s] ", problem->path, problem->code,
                              problem->message);
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  char        base;   /* 'D' seed with details, 'I' seed with id, 'C' details paid by card */
  const char *path1;
  const char *value1; /* JSON text, NULL removes the member */
  const char *path2;
  const char *value2;
  const char *expect_path;  /* NULL: the body is valid */
  const char *expect_code;
} Case;

static const Case cases[] = {
  { 'D', "certificate.individual.first_name", NULL, NULL, NULL, "certificate.individual.first_name", "missing" },
  { 'D', "certificate.individual.last_name", NULL, NULL, NULL, "certificate.individual.last_name", "missing" },
  { 'D', "certificate.individual.email", NULL, NULL, NULL, "certificate.individual.email", "missing" },
  { 'D', "certificate.individual.telephone", NULL, NULL, NULL, "certificate.individual.telephone", "missing" },
  { 'D', "certificate.individual.country", NULL, NULL, NULL, "certificate.individual.country", "missing" },
  { 'D', "certificate.individual.city", NULL, NULL, NULL, "certificate.individual.city", "missing" },
  { 'D', "certificate.individual.state", NULL, NULL, NULL, "certificate.individual.state", "missing" },
  { 'D', "certificate.individual.zip", NULL, NULL, NULL, "certificate.individual.zip", "missing" },
  { 'D', "certificate.individual.first_name", "\"   \"", NULL, NULL, "certificate.individual.first_name", "missing" },
  { 'D', "certificate.individual", NULL, NULL, NULL, "certificate.individual", "missing" },
  { 'D', "certificate", NULL, NULL, NULL, "certificate", "missing" },
  { 'D', "ship_info.name", NULL, NULL, NULL, "ship_info.name", "missing" },
  { 'D', "ship_info.addr1", NULL, NULL, NULL, "ship_info.addr1", "missing" },
  { 'D', "ship_info.city", NULL, NULL, NULL, "ship_info.city", "missing" },
  { 'D', "ship_info.state", NULL, NULL, NULL, "ship_info.state", "missing" },
  { 'D', "ship_info.zip", NULL, NULL, NULL, "ship_info.zip", "missing" },
  { 'D', "ship_info.country", NULL, NULL, NULL, "ship_info.country", "missing" },
  { 'D', "ship_info.method", NULL, NULL, NULL, "ship_info.method", "missing" },
  { 'D', "ship_info", NULL, NULL, NULL, "ship_info", "missing" },
  { 'D', "csa_agreed_to", NULL, NULL, NULL, "csa_agreed_to", "missing" },
  { 'D', "provisioning_method", NULL, NULL, NULL, "provisioning_method", "missing" },
  { 'D', "payment_method", NULL, NULL, NULL, "payment_method", "missing" },
  { 'D', "certificate.signature_hash", NULL, NULL, NULL, "certificate.signature_hash", "missing" },
  { 'D', "certificate.profile_option", NULL, NULL, NULL, "certificate.profile_option", "missing" },
  { 'D', "order_validity", NULL, NULL, NULL, "order_validity", "missing" },
  { 'D', "order_validity", "{}", NULL, NULL, "order_validity", "missing" },
  { 'D', "certificate.signature_hash", "\"sha1\"", NULL, NULL, "certificate.signature_hash", "unsupported_hash" },
  { 'D', "certificate.signature_hash", "\"SHA256\"", NULL, NULL, "certificate.signature_hash", "unsupported_hash" },
  { 'D', "certificate.profile_option", "\"signing\"", NULL, NULL, "certificate.profile_option", "invalid_profile" },
  { 'D', "certificate.is_rsassa_pss", "\"yes\"", NULL, NULL, "certificate.is_rsassa_pss", "wrong_type" },
  { 'D', "certificate.individual.id", "21", NULL, NULL, "certificate.individual", "id_and_details" },
  { 'I', "certificate.individual.id", "\"21\"", NULL, NULL, "certificate.individual.id", "invalid_individual_id" },
  { 'I', "certificate.individual.id", "0", NULL, NULL, "certificate.individual.id", "invalid_individual_id" },
  { 'I', "certificate.individual.id", "-3", NULL, NULL, "certificate.individual.id", "invalid_individual_id" },
  { 'I', "certificate.individual.id", "2.5", NULL, NULL, "certificate.individual.id", "invalid_individual_id" },
  { 'D', "csa_agreed_to", "false", NULL, NULL, "csa_agreed_to", "csa_not_agreed" },
  { 'D', "csa_agreed_to", "\"true\"", NULL, NULL, "csa_agreed_to", "wrong_type" },
  { 'D', "provisioning_method", "\"email\"", NULL, NULL, "provisioning_method", "invalid_provisioning_method" },
  { 'D', "ship_info.method", "\"standard\"", NULL, NULL, "ship_info.method", "invalid_ship_method" },
  { 'D', "order_validity", "{\"years\": 1, \"days\": 30}", NULL, NULL, "order_validity", "validity_conflict" },
  { 'D', "order_validity.years", "4", NULL, NULL, "order_validity.years", "validity_out_of_range" },
  { 'D', "order_validity.years", "0", NULL, NULL, "order_validity.years", "validity_out_of_range" },
  { 'D', "order_validity.years", "\"1\"", NULL, NULL, "order_validity.years", "wrong_type" },
  { 'D', "order_validity", "{\"days\": 398}", NULL, NULL, "order_validity.days", "validity_out_of_range" },
  { 'D', "order_validity", "{\"days\": 0}", NULL, NULL, "order_validity.days", "validity_out_of_range" },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"26 SEP 2026\"}", NULL, NULL, "order_validity.custom_expiration_date", "date_out_of_range" },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"09 MAR 2026\"}", NULL, NULL, "order_validity.custom_expiration_date", "date_out_of_range" },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"10 MAR 2026\"}", NULL, NULL, "order_validity.custom_expiration_date", "date_out_of_range" },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"2026-06-09\"}", NULL, NULL, "order_validity.custom_expiration_date", "invalid_date" },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"31 JUN 2026\"}", NULL, NULL, "order_validity.custom_expiration_date", "invalid_date" },
  { 'D', "order_validity", "{\"years\": 1, \"months\": 3}", NULL, NULL, "order_validity.months", "unknown_field" },
  { 'C', "credit_card.number", "\"4111 1111 1111 1112\"", NULL, NULL, "credit_card.number", "invalid_luhn" },
  { 'C', "credit_card.number", "\"4111 1111 1111 111x\"", NULL, NULL, "credit_card.number", "invalid_card_number" },
  { 'C', "credit_card.number", "\"41111\"", NULL, NULL, "credit_card.number", "invalid_card_number" },
  { 'C', "credit_card.number", NULL, NULL, NULL, "credit_card.number", "missing" },
  { 'C', "credit_card.expiration_month", "\"02\"", "credit_card.expiration_year", "\"2026\"", "credit_card.expiration_month", "card_expired" },
  { 'C', "credit_card.expiration_year", "\"2025\"", NULL, NULL, "credit_card.expiration_year", "card_expired" },
  { 'C', "credit_card.expiration_month", "\"13\"", NULL, NULL, "credit_card.expiration_month", "invalid_expiry" },
  { 'C', "credit_card.expiration_month", "12", NULL, NULL, "credit_card.expiration_month", "wrong_type" },
  { 'C', "credit_card.expiration_year", "\"30\"", NULL, NULL, "credit_card.expiration_year", "invalid_expiry" },
  { 'C', "credit_card.number", "\"378282246310005\"", "credit_card.cvv", "\"123\"", "credit_card.cvv", "invalid_cvv" },
  { 'C', "credit_card.number", "\"371449635398431\"", "credit_card.cvv", "\"12a4\"", "credit_card.cvv", "invalid_cvv" },
  { 'C', "credit_card.cvv", "\"1234\"", NULL, NULL, "credit_card.cvv", "invalid_cvv" },
  { 'C', "credit_card.cvv", NULL, NULL, NULL, "credit_card.cvv", "missing" },
  { 'C', "credit_card.cardholder_name", NULL, NULL, NULL, "credit_card.cardholder_name", "missing" },
  { 'C', "credit_card.set_as_default", "2", NULL, NULL, "credit_card.set_as_default", "wrong_type" },
  { 'C', "credit_card.pin", "\"1234\"", NULL, NULL, "credit_card.pin", "unknown_field" },
  { 'C', "billing_address", NULL, NULL, NULL, "billing_address", "missing" },
  { 'C', "credit_card", NULL, NULL, NULL, "credit_card", "missing" },
  { 'C', "billing_address.zip", "\"0123 AB\"", NULL, NULL, "billing_address.zip", "invalid_zip" },
  { 'C', "billing_address.country", NULL, NULL, NULL, "billing_address.country", "missing" },
  { 'C', "payment_method", "\"balance\"", "billing_address", NULL, "credit_card", "not_for_payment_method" },
  { 'D', "payment_method", "\"cash\"", NULL, NULL, "payment_method", "invalid_payment_method" },
  { 'D', "certificate.individual.zip", "\"1013\"", NULL, NULL, "certificate.individual.zip", "invalid_zip" },
  { 'D', "certificate.individual.zip", "\"0123 AB\"", NULL, NULL, "certificate.individual.zip", "invalid_zip" },
  { 'D', "certificate.individual.zip", "\"1013  AA\"", NULL, NULL, "certificate.individual.zip", "invalid_zip" },
  { 'D', "ship_info.country", "\"be\"", "ship_info.zip", "\"12345\"", "ship_info.zip", "invalid_zip" },
  { 'D', "ship_info.country", "\"de\"", "ship_info.zip", "\"10115/3\"", "ship_info.zip", "invalid_zip" },
  { 'D', "certificate.individual.first_name", "\"Dr. Jan\"", NULL, NULL, "certificate.individual.first_name", "title_in_name" },
  { 'D', "certificate.individual.first_name", "\"dr Jan\"", NULL, NULL, "certificate.individual.first_name", "title_in_name" },
  { 'D', "certificate.individual.first_name", "\"Mevr. Anna\"", NULL, NULL, "certificate.individual.first_name", "title_in_name" },
  { 'D', "certificate.individual.last_name", "\"Prof. Jansen\"", NULL, NULL, "certificate.individual.last_name", "title_in_name" },
  { 'D', "certificate.individual.telephone", "\"020 254 7999\"", NULL, NULL, "certificate.individual.telephone", "invalid_telephone" },
  { 'D', "certificate.individual.telephone", "\"+31 20 25\"", NULL, NULL, "certificate.individual.telephone", "invalid_telephone" },
  { 'D', "certificate.individual.telephone", "\"+31 20 254 7999 12345\"", NULL, NULL, "certificate.individual.telephone", "invalid_telephone" },
  { 'D', "certificate.individual.telephone", "\"+31 20 254 7999 ext 5\"", NULL, NULL, "certificate.individual.telephone", "invalid_telephone" },
  { 'D', "certificate.individual.email", "\"john.doe@example\"", NULL, NULL, "certificate.individual.email", "invalid_email" },
  { 'D', "certificate.individual.email", "\"john doe@example.com\"", NULL, NULL, "certificate.individual.email", "invalid_email" },
  { 'D', "certificate.individual.email", "\"a@b.nl, c@d.nl\"", NULL, NULL, "certificate.individual.email", "invalid_email" },
  { 'D', "certificate.individual.email", "\"john.doe.example.com\"", NULL, NULL, "certificate.individual.email", "invalid_email" },
  { 'D', "certificate.individual.email", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com\"", NULL, NULL, "certificate.individual.email", "too_long" },
  { 'D', "certificate.individual.country", "\"xx\"", NULL, NULL, "certificate.individual.country", "invalid_country" },
  { 'D', "certificate.individual.country", "\"NLD\"", NULL, NULL, "certificate.individual.country", "invalid_country" },
  { 'D', "ship_info.country", "\"Netherlands\"", NULL, NULL, "ship_info.country", "invalid_country" },
  { 'D', "foo", "1", NULL, NULL, "foo", "unknown_field" },
  { 'D', "certificate.common_name", "\"John\"", NULL, NULL, "certificate.common_name", "unknown_field" },
  { 'D', "certificate.individual.nickname", "\"Johnny\"", NULL, NULL, "certificate.individual.nickname", "unknown_field" },
  { 'D', "ship_info.addr3", "\"\"", NULL, NULL, "ship_info.addr3", "unknown_field" },
  { 'D', "ship_info", "\"Amsterdam\"", NULL, NULL, "ship_info", "wrong_type" },
  { 'D', "ship_info.city", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", NULL, NULL, "ship_info.city", "too_long" },
  { 'D', "ship_info.city", "42", NULL, NULL, "ship_info.city", "wrong_type" },
  { 'D', "certificate.individual.first_name", "\"Jo\\u0007hn\"", NULL, NULL, "certificate.individual.first_name", "control_characters" },
  { 'D', "ship_info.addr1", "\"813 Lincoln\\nStreet\"", NULL, NULL, "ship_info.addr1", "control_characters" },
  { 'D', "certificate.individual.zip", "\"1013aa\"", NULL, NULL, NULL, NULL },
  { 'D', "certificate.individual.country", "\"NL\"", NULL, NULL, NULL, NULL },
  { 'D', "certificate.individual.telephone", "\"+31-0-72 568 7878\"", NULL, NULL, NULL, NULL },
  { 'D', "certificate.individual.first_name", "\"Drew\"", NULL, NULL, NULL, NULL },
  { 'D', "certificate.individual.first_name", "\"Ingrid\"", NULL, NULL, NULL, NULL },
  { 'D', "certificate.individual.last_name", "\"Doe Jr.\"", NULL, NULL, NULL, NULL },
  { 'D', "certificate.individual.city", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", NULL, NULL, NULL, NULL },
  { 'D', "ship_info.addr2", "\"\"", NULL, NULL, NULL, NULL },
  { 'D', "ship_info.addr2", NULL, NULL, NULL, NULL, NULL },
  { 'D', "ship_info.method", "\"EXPEDITED\"", NULL, NULL, NULL, NULL },
  { 'D', "ship_info.country", "\"be\"", "ship_info.zip", "\"1000\"", NULL, NULL },
  { 'D', "ship_info.country", "\"de\"", "ship_info.zip", "\"10115\"", NULL, NULL },
  { 'D', "certificate.is_rsassa_pss", NULL, NULL, NULL, NULL, NULL },
  { 'D', "certificate.profile_option", "\"authentication\"", NULL, NULL, NULL, NULL },
  { 'D', "payment_method", "\"profile\"", NULL, NULL, NULL, NULL },
  { 'D', "order_validity", "{\"years\": 3}", NULL, NULL, NULL, NULL },
  { 'D', "order_validity", "{\"days\": 397}", NULL, NULL, NULL, NULL },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"11 MAR 2026\"}", NULL, NULL, NULL, NULL },
  { 'D', "order_validity", "{\"custom_expiration_date\": \"25 sep 2026\"}", NULL, NULL, NULL, NULL },
  { 'I', "certificate.individual.id", "1", NULL, NULL, NULL, NULL },
  { 'C', "credit_card.number", "\"3782-822463-10005\"", "credit_card.cvv", "\"1234\"", NULL, NULL },
  { 'C', "credit_card.expiration_month", "\"03\"", "credit_card.expiration_year", "\"2026\"", NULL, NULL },
  { 'C', "billing_address.state", "\"Noord-Holland\"", "billing_address.address2", "\"Suite 20\"", NULL, NULL },
  { 'C', "credit_card.save_credit_card", "null", NULL, NULL, NULL, NULL },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(JsonNode) node = base_node (c->base);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  mutate (node, c->path1, c->value1);
  if (c->path2 != NULL)
    mutate (node, c->path2, c->value2);
  problems = check_node (node);
  text = describe (problems);

  if (c->expect_path == NULL)
    {
      if (problems->len != 0)
        g_test_message ("unexpected problems: %s", text);
      g_assert_cmpuint (problems->len, ==, 0);
      return;
    }

  g_test_message ("problems: %s", text);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((PkioProblem *) problems->pdata[0])->path, ==, c->expect_path);
  g_assert_cmpstr (((PkioProblem *) problems->pdata[0])->code, ==, c->expect_code);
  g_assert_cmpstr (((PkioProblem *) problems->pdata[0])->message, !=, "");
}

static void
test_seeds_valid (void)
{
  const char bases[] = { 'D', 'I', 'C' };

  for (guint k = 0; k < G_N_ELEMENTS (bases); k++)
    {
      g_autoptr(JsonNode) node = base_node (bases[k]);
      g_autoptr(GPtrArray) problems = check_node (node);
      g_autofree char *text = describe (problems);

      g_test_message ("%c: %s", bases[k], text);
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

/* Every problem comes back at once, not only the first. */
static void
test_all_at_once (void)
{
  g_autoptr(JsonNode) node = base_node ('C');
  g_autoptr(GPtrArray) problems = NULL;

  mutate (node, "certificate.signature_hash", "\"sha1\"");
  mutate (node, "certificate.individual.email", "\"nobody\"");
  mutate (node, "ship_info.zip", "\"1013\"");
  mutate (node, "csa_agreed_to", "false");
  mutate (node, "credit_card.cvv", "\"12\"");
  mutate (node, "extra", "true");
  problems = check_node (node);

  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_cmpstr (pkio_problem_list_find (problems, "certificate.signature_hash")->code, ==,
                   "unsupported_hash");
  g_assert_cmpstr (pkio_problem_list_find (problems, "certificate.individual.email")->code, ==,
                   "invalid_email");
  g_assert_cmpstr (pkio_problem_list_find (problems, "ship_info.zip")->code, ==, "invalid_zip");
  g_assert_cmpstr (pkio_problem_list_find (problems, "csa_agreed_to")->code, ==,
                   "csa_not_agreed");
  g_assert_cmpstr (pkio_problem_list_find (problems, "credit_card.cvv")->code, ==,
                   "invalid_cvv");
  g_assert_cmpstr (pkio_problem_list_find (problems, "extra")->code, ==, "unknown_field");
}

/* The form fills the struct directly; a fresh order lacks the holder, address and CSA. */
static void
test_model_defaults (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(GPtrArray) problems = pkio_order_validate (order, now);
  const gint64 only_one[] = { 1 };

  g_assert_cmpstr (order->signature_hash, ==, "sha256");
  g_assert_cmpint (order->profile, ==, PKIO_PROFILE_AUTHENTICATION);
  g_assert_cmpstr (order->provisioning_method, ==, "token");
  g_assert_cmpint (order->ship_info.method, ==, PKIO_SHIP_STANDARD);
  g_assert_cmpint (order->validity.kind, ==, PKIO_VALIDITY_YEARS);
  g_assert_cmpint (order->validity.years, ==, 1);
  g_assert_cmpint (order->payment_method, ==, PKIO_PAYMENT_BALANCE);
  g_assert_false (order->csa_agreed_to);

  g_assert_cmpstr (pkio_problem_list_find (problems, "csa_agreed_to")->code, ==,
                   "csa_not_agreed");
  g_assert_cmpstr (pkio_problem_list_find (problems, "certificate.individual.first_name")->code,
                   ==, "missing");
  g_assert_cmpstr (pkio_problem_list_find (problems, "ship_info.zip")->code, ==, "missing");
  g_assert_null (pkio_problem_list_find (problems, "ship_info.addr2"));
  g_assert_null (pkio_problem_list_find (problems, "order_validity.years"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Product info offers 1 year only: 2 years is then refused. */
  order->validity.years = 2;
  pkio_order_set_allowed_years (order, only_one, G_N_ELEMENTS (only_one));
  problems = pkio_order_validate (order, now);
  g_assert_cmpstr (pkio_problem_list_find (problems, "order_validity.years")->code, ==,
                   "validity_out_of_range");
  g_clear_pointer (&problems, g_ptr_array_unref);

  pkio_order_set_allowed_years (order, NULL, 0);
  problems = pkio_order_validate (order, now);
  g_assert_null (pkio_problem_list_find (problems, "order_validity.years"));
}

static void
test_luhn (void)
{
  g_assert_true (pkio_field_luhn_valid ("4111111111111111"));
  g_assert_true (pkio_field_luhn_valid ("378282246310005"));
  g_assert_true (pkio_field_luhn_valid ("5555555555554444"));
  g_assert_true (pkio_field_luhn_valid ("79927398713"));
  g_assert_false (pkio_field_luhn_valid ("79927398710"));
  g_assert_false (pkio_field_luhn_valid ("4111111111111112"));
  g_assert_false (pkio_field_luhn_valid ("4111 1111 1111 1111"));
  g_assert_false (pkio_field_luhn_valid (""));
  g_assert_false (pkio_field_luhn_valid (NULL));
}

static void
test_card_digits_and_cvv (void)
{
  g_autofree char *digits = pkio_field_card_digits (" 4111-1111 1111-1111 ");
  g_autofree char *bad = pkio_field_card_digits ("4111/1111");
  g_autoptr(GDateTime) now = fixed_now ();

  g_assert_cmpstr (digits, ==, "4111111111111111");
  g_assert_null (bad);
  g_assert_true (pkio_field_is_valid_cvv ("123", "4111111111111111"));
  g_assert_false (pkio_field_is_valid_cvv ("1234", "4111111111111111"));
  g_assert_true (pkio_field_is_valid_cvv ("1234", "378282246310005"));
  g_assert_true (pkio_field_is_valid_cvv ("1234", "341111111111111"));
  g_assert_false (pkio_field_is_valid_cvv ("123", "378282246310005"));
  g_assert_false (pkio_field_is_valid_cvv ("12a", NULL));
  g_assert_cmpuint (pkio_field_parse_card_month ("01"), ==, 1);
  g_assert_cmpuint (pkio_field_parse_card_month ("12"), ==, 12);
  g_assert_cmpuint (pkio_field_parse_card_month ("13"), ==, 0);
  g_assert_cmpuint (pkio_field_parse_card_month ("1"), ==, 0);
  g_assert_cmpuint (pkio_field_parse_card_year ("2027"), ==, 2027);
  g_assert_cmpuint (pkio_field_parse_card_year ("27"), ==, 0);
  g_assert_true (pkio_field_card_expired (2, 2026, now));
  g_assert_false (pkio_field_card_expired (3, 2026, now));
  g_assert_true (pkio_field_card_expired (12, 2025, now));
  g_assert_false (pkio_field_card_expired (1, 2027, now));
}

static void
test_telephone (void)
{
  const char *valid[] = { "+31(0)20 254 7999", "+31-0-72 568 7878", "+31 6 12345678",
                          "+32.2.555.12.12", "+4915112345678" };
  const char *invalid[] = { "020 254 7999", "+31 20 25", "+31 20 254 7999 12345", "31 20 254 7999",
                            "+31 20 254 7999 ext 5", "+", "", "+0 20 254 7999", "++31 20 254 7999" };

  for (guint k = 0; k < G_N_ELEMENTS (valid); k++)
    g_assert_true (pkio_field_is_valid_telephone (valid[k]));
  for (guint k = 0; k < G_N_ELEMENTS (invalid); k++)
    g_assert_false (pkio_field_is_valid_telephone (invalid[k]));
}

static void
test_zip (void)
{
  struct { const char *zip, *country, *expect; } rows[] = {
    { "1013aa", "nl", "1013 AA" }, { "1013 AA", "NL", "1013 AA" }, { " 9999zz ", "nl", "9999 ZZ" },
    { "1013 Aa", "nl", "1013 AA" }, { "1013", "nl", NULL }, { "0123 AB", "nl", NULL },
    { "1013-AA", "nl", NULL }, { "1013 A1", "nl", NULL }, { "1000", "be", "1000" },
    { "12345", "be", NULL }, { "B-1000", "be", NULL }, { "SW1A 1AA", "gb", "SW1A 1AA" },
    { "10115", NULL, "10115" }, { "12345678901234567", "de", NULL }, { "", "de", NULL },
    { "10115/3", "de", NULL },
  };

  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    {
      g_autofree char *zip = pkio_field_normalize_zip (rows[k].zip, rows[k].country);

      g_assert_cmpstr (zip, ==, rows[k].expect);
    }
}

static void
test_text_rules (void)
{
  g_autofree char *trimmed = pkio_field_trim ("  Jan \t");

  g_assert_cmpstr (trimmed, ==, "Jan");
  g_assert_true (pkio_field_is_blank (" \t"));
  g_assert_true (pkio_field_is_blank (NULL));
  g_assert_false (pkio_field_is_blank (" a"));
  g_assert_true (pkio_field_has_control_chars ("a\tb"));
  g_assert_true (pkio_field_has_control_chars ("a\302\205b"));  /* U+0085 NEL */
  g_assert_true (pkio_field_has_control_chars ("a\377b"));      /* not UTF-8 */
  g_assert_false (pkio_field_has_control_chars ("Zoë ’s-Hertogenbosch"));
  /* Invisible characters that would disguise a name (regression: they were accepted). */
  g_assert_true (pkio_field_has_control_chars ("\357\273\277John"));   /* U+FEFF BOM */
  g_assert_true (pkio_field_has_control_chars ("Jo\342\200\213hn"));   /* U+200B ZWSP */
  g_assert_true (pkio_field_has_control_chars ("Doe\342\200\256eoD")); /* U+202E RLO */
  g_assert_true (pkio_field_has_control_chars ("a\342\201\246b"));     /* U+2066 LRI */
  g_assert_false (pkio_field_has_control_chars ("\330\256\342\200\214\330\261")); /* ZWNJ */
  g_assert_false (pkio_field_is_too_long ("éééé", 4));
  g_assert_true (pkio_field_is_too_long ("ééééé", 4));
  g_assert_true (pkio_field_has_title_prefix ("Dr. Jan"));
  g_assert_true (pkio_field_has_title_prefix ("dr.Jan"));
  g_assert_true (pkio_field_has_title_prefix ("Dr Jan"));
  g_assert_true (pkio_field_has_title_prefix ("MR. Jan"));
  g_assert_true (pkio_field_has_title_prefix ("Ing. Piet"));
  g_assert_true (pkio_field_has_title_prefix ("Dhr. Piet"));
  g_assert_false (pkio_field_has_title_prefix ("Drew"));
  g_assert_false (pkio_field_has_title_prefix ("Ingrid"));
  g_assert_false (pkio_field_has_title_prefix ("Jan P."));
  g_assert_false (pkio_field_has_title_prefix ("Ms"));  /* a name, not a prefix */
  g_assert_true (pkio_field_is_valid_email ("john.doe@example.com"));
  g_assert_false (pkio_field_is_valid_email ("john.doe@example"));
  g_assert_false (pkio_field_is_valid_email ("a@@example.com"));
  g_assert_false (pkio_field_is_valid_email ("@example.com"));
  g_assert_false (pkio_field_is_valid_email ("a@example..com"));
  g_assert_true (pkio_field_is_valid_individual_id (1));
  g_assert_false (pkio_field_is_valid_individual_id (0));
}

static void
test_countries (void)
{
  g_autoptr(GPtrArray) codes = pkio_countries_list_sorted ();

  g_assert_true (pkio_countries_is_valid ("nl"));
  g_assert_true (pkio_countries_is_valid ("NL"));
  g_assert_true (pkio_countries_is_valid ("Be"));
  g_assert_false (pkio_countries_is_valid ("xx"));
  g_assert_false (pkio_countries_is_valid ("NLD"));
  g_assert_false (pkio_countries_is_valid (""));
  g_assert_cmpstr (pkio_countries_get_name ("nl"), ==, "Netherlands");
  g_assert_null (pkio_countries_get_name ("xx"));
  g_assert_cmpuint (codes->len, >, 240);
  g_assert_cmpstr (g_ptr_array_index (codes, 0), ==, "af");  /* Afghanistan */
  for (guint k = 1; k < codes->len; k++)
    g_assert_cmpint (g_utf8_collate (pkio_countries_get_name (codes->pdata[k - 1]),
                                     pkio_countries_get_name (codes->pdata[k])), <=, 0);
}

static void
check_months (void)
{
  const char *expect[] = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                           "NOV", "DEC" };

  for (guint m = 1; m <= 12; m++)
    {
      g_autoptr(GDate) date = g_date_new_dmy (9, (GDateMonth) m, 2025);
      g_autofree char *text = pkio_order_format_expiration_date (date);
      g_autofree char *want = g_strdup_printf ("09 %s 2025", expect[m - 1]);
      GDate back;

      g_assert_cmpstr (text, ==, want);
      g_assert_true (pkio_order_parse_expiration_date (text, &back));
      g_assert_cmpint (g_date_compare (&back, date), ==, 0);
    }
}

static void
test_date_format (void)
{
  const char *locales[] = { "C", "C.UTF-8", "nl_NL.UTF-8", "de_DE.UTF-8", "" };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  GDate date;

  for (guint k = 0; k < G_N_ELEMENTS (locales); k++)
    {
      if (setlocale (LC_ALL, locales[k]) == NULL)
        {
          g_test_message ("locale %s not available", locales[k]);
          continue;
        }
      check_months ();
    }
  setlocale (LC_ALL, saved);

  g_assert_true (pkio_order_parse_expiration_date ("9 jun 2025", &date));
  g_assert_false (pkio_order_parse_expiration_date ("09 JUNE 2025", &date));
  g_assert_false (pkio_order_parse_expiration_date ("09 MEI 2025", &date));
  g_assert_false (pkio_order_parse_expiration_date ("30 FEB 2025", &date));
  g_assert_false (pkio_order_parse_expiration_date ("09 JUN 2025 ", &date));
  g_assert_false (pkio_order_parse_expiration_date ("2025-06-09", &date));
  g_assert_false (g_date_valid (&date));
}

static void
test_problem_merge (void)
{
  g_autoptr(GPtrArray) dest = pkio_problem_list_new ();
  g_autoptr(GPtrArray) src = pkio_problem_list_new ();

  pkio_problem_list_add (dest, "ship_info", "wrong_type", "x");
  pkio_problem_list_add (src, "ship_info.name", "missing", "y");
  pkio_problem_list_add (src, "ship_info_extra", "missing", "z");
  pkio_problem_list_add (src, "csa_agreed_to", "csa_not_agreed", "w");
  pkio_problem_list_merge (dest, src);
  g_assert_cmpuint (dest->len, ==, 3);
  g_assert_cmpuint (src->len, ==, 0);
  g_assert_null (pkio_problem_list_find (dest, "ship_info.name"));
  g_assert_nonnull (pkio_problem_list_find (dest, "ship_info_extra"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/order-validate/seeds-valid", test_seeds_valid);
  g_test_add_func ("/order-validate/all-at-once", test_all_at_once);
  g_test_add_func ("/order-validate/model-defaults", test_model_defaults);
  g_test_add_func ("/order-validate/luhn", test_luhn);
  g_test_add_func ("/order-validate/card-digits-cvv-expiry", test_card_digits_and_cvv);
  g_test_add_func ("/order-validate/telephone", test_telephone);
  g_test_add_func ("/order-validate/zip", test_zip);
  g_test_add_func ("/order-validate/text-rules", test_text_rules);
  g_test_add_func ("/order-validate/countries", test_countries);
  g_test_add_func ("/order-validate/date-format", test_date_format);
  g_test_add_func ("/order-validate/problem-merge", test_problem_merge);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const Case *c = &cases[k];
      g_autofree char *name = g_strdup_printf ("/order-validate/case/%03u-%s-%s", k,
                                               c->expect_code ? c->expect_code : "valid",
                                               c->path1);

      g_test_add_data_func (name, c, test_case);
    }

  return g_test_run ();
}
