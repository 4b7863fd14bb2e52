/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-api-error.h"
#include "pkio-client-answers-private.h"
#include "pkio-custom-fields.h"
#include "pkio-order-draft.h"
#include "pkio-order-json.h"

/* The account's own order fields without a network: the checks by data type, the problems of
 * an order against the account's list, the match of CertCentral's refusals, the values in a
 * request body, an order file and a draft, and the reading of GET account/metadata. */

static GPtrArray *
fields_of (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  GPtrArray *fields;

  g_assert_no_error (error);
  fields = _pkio_client_read_metadata_answer (root, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fields);
  return fields;
}

/* Field 11 "Cost centre" (required, int), 12 "Project" (optional, no type), 13 "Approvers"
 * (optional, email_list), 14 "Old code" (required but not active), 15 "Contact" (optional,
 * email_address). */
static GPtrArray *
account_fields (void)
{
  return fields_of ("{\"metadata\":["
                    "{\"id\":11,\"label\":\"Cost centre\",\"is_required\":true,"
                    "\"is_active\":true,\"data_type\":\"int\"},"
                    "{\"id\":12,\"label\":\"Project\",\"is_required\":false,\"is_active\":true},"
                    "{\"id\":13,\"label\":\"Approvers\",\"is_required\":false,"
                    "\"is_active\":true,\"data_type\":\"email_list\"},"
                    "{\"id\":14,\"label\":\"Old code\",\"is_required\":true,"
                    "\"is_active\":false,\"data_type\":\"text\"},"
                    "{\"id\":15,\"label\":\"Contact\",\"is_required\":false,"
                    "\"is_active\":true,\"data_type\":\"email_address\"}]}");
}

static PkioOrder *
seed_order (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "seed-details.json",
                                                 NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(GError) error = NULL;
  PkioOrder *order;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  order = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 0);
  return order;
}

/* ---- reading GET account/metadata ---- */

static void
test_read_metadata (void)
{
  g_autoptr(GPtrArray) none = fields_of ("{}");
  g_autoptr(GPtrArray) fields = account_fields ();
  const PkioCustomField *field;

  /* An account without fields answers {} (not an empty list). */
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpuint (fields->len, ==, 5);
  field = g_ptr_array_index (fields, 0);
  g_assert_cmpint (field->id, ==, 11);
  g_assert_cmpstr (field->label, ==, "Cost centre");
  g_assert_true (field->is_required);
  g_assert_true (field->is_active);
  g_assert_cmpint (field->type, ==, PKIO_CUSTOM_FIELD_INT);
  g_assert_cmpstr (field->data_type, ==, "int");
  /* No data_type: any text, and said to be absent. */
  field = pkio_custom_field_list_find (fields, 12);
  g_assert_cmpint (field->type, ==, PKIO_CUSTOM_FIELD_TEXT);
  g_assert_null (field->data_type);
  g_assert_false (pkio_custom_field_list_find (fields, 14)->is_active);
  {
    g_autoptr(GPtrArray) active = pkio_custom_field_list_active (fields);

    g_assert_cmpuint (active->len, ==, 4);
    g_assert_null (pkio_custom_field_list_find (active, 14));
  }
}

static void
test_read_metadata_refused (void)
{
  /* Each spoils the answer: the form could not name the field, or an order not refer to it,
   * and leaving it out could hide a required field. */
  const char *answers[] = {
    "[]",
    "{\"metadata\":{}}",
    "{\"metadata\":[1]}",
    "{\"metadata\":[{\"label\":\"No id\"}]}",
    "{\"metadata\":[{\"id\":\"7\",\"label\":\"Id as text\"}]}",
    "{\"metadata\":[{\"id\":0,\"label\":\"Zero\"}]}",
    "{\"metadata\":[{\"id\":7}]}",
    "{\"metadata\":[{\"id\":7,\"label\":12}]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = json_from_string (answers[i], NULL);
      g_autoptr(GPtrArray) fields = _pkio_client_read_metadata_answer (root, &error);

      g_test_message ("%s", answers[i]);
      g_assert_null (fields);
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (_pkio_client_read_metadata_answer (NULL, &error));
    g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  }
}

/* ---- one value, by data type ---- */

typedef struct
{
  const char *data_type;
  gboolean    required;
  const char *value;
  const char *code;      /* NULL: accepted */
} ValueCase;

static const ValueCase value_cases[] = {
  { "text", FALSE, NULL, NULL },
  { "text", FALSE, "   ", NULL },
  { "text", TRUE, "", "missing" },
  { "text", TRUE, "  \t ", "missing" },
  { "text", TRUE, " Afdeling Noord ", NULL },
  { "text", FALSE, "two\nlines", "control_characters" },
  { "text", FALSE, "zero\u200bwidth", "control_characters" },
  { NULL, TRUE, "anything at all: 12, a@b", NULL },
  { "anything", TRUE, "12 + 4", NULL },
  { "a-type-from-the-future", TRUE, "whatever", NULL },
  { "int", TRUE, "4711", NULL },
  { "int", TRUE, " 0042 ", NULL },
  { "int", TRUE, "-3", NULL },
  { "int", TRUE, "+7", NULL },
  { "int", TRUE, "4.5", "invalid_custom_field_value" },
  { "int", TRUE, "12a", "invalid_custom_field_value" },
  { "int", TRUE, "-", "invalid_custom_field_value" },
  { "int", TRUE, "1 000", "invalid_custom_field_value" },
  { "int", TRUE, "1234567890123456789", "invalid_custom_field_value" },
  { "int", TRUE, "", "missing" },
  { "int", FALSE, "", NULL },
  { "email_address", TRUE, "anna@example.nl", NULL },
  { "email_address", TRUE, "anna@example", "invalid_custom_field_value" },
  { "email_address", TRUE, "anna@example.nl, piet@example.nl", "invalid_custom_field_value" },
  { "email_list", TRUE, "anna@example.nl", NULL },
  { "email_list", TRUE, "anna@example.nl, piet@example.nl,kees@example.be", NULL },
  { "email_list", TRUE, "anna@example.nl;piet@example.nl", "invalid_custom_field_value" },
  { "email_list", TRUE, "anna@example.nl,,piet@example.nl", "invalid_custom_field_value" },
  { "email_list", TRUE, "anna@example.nl,", "invalid_custom_field_value" },
  { "email_list", TRUE, ",", "invalid_custom_field_value" },
};

static void
test_check_value (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      const ValueCase *c = &value_cases[i];
      g_autoptr(PkioCustomField) field = pkio_custom_field_new (3, "Cost centre", c->required,
                                                                TRUE, c->data_type);
      const char *code = "unset";
      g_autofree char *message = pkio_custom_field_check_value (field, c->value, &code);

      g_test_message ("%s %s “%s” -> %s", c->data_type, c->required ? "required" : "optional",
                      c->value, message);
      g_assert_cmpstr (code, ==, c->code);
      if (c->code == NULL)
        g_assert_null (message);
      else
        /* The message names the field by the account's label, also on the command line. */
        g_assert_nonnull (strstr (message, "“Cost centre”"));
    }
}

/* ---- an order against the account's list ---- */

static void
test_validate (void)
{
  g_autoptr(GPtrArray) fields = account_fields ();
  g_autoptr(GPtrArray) none = fields_of ("{}");
  g_autoptr(PkioOrder) order = seed_order ();
  g_autoptr(GPtrArray) problems = NULL;
  PkioProblem *problem;

  /* No fields and no values: nothing to say. */
  problems = pkio_custom_fields_validate (order, none);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The required one is missing; the optional ones may be; the inactive required one is not
   * asked for. */
  problems = pkio_custom_fields_validate (order, fields);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "custom_fields.11");
  g_assert_cmpstr (problem->code, ==, "missing");
  g_assert_cmpstr (problem->message, ==, "Fill in “Cost centre”.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Each data type, wrong; a field the account does not have; one it no longer uses. */
  pkio_order_set_custom_value (order, 11, "KP-12");
  pkio_order_set_custom_value (order, 13, "anna@example.nl; piet@example.nl");
  pkio_order_set_custom_value (order, 15, "anna");
  pkio_order_set_custom_value (order, 99, "x");
  pkio_order_set_custom_value (order, 14, "old");
  problems = pkio_custom_fields_validate (order, fields);
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_cmpstr (pkio_problem_list_find (problems, "custom_fields.11")->code, ==,
                   "invalid_custom_field_value");
  g_assert_cmpstr (pkio_problem_list_find (problems, "custom_fields.13")->code, ==,
                   "invalid_custom_field_value");
  g_assert_cmpstr (pkio_problem_list_find (problems, "custom_fields.15")->code, ==,
                   "invalid_custom_field_value");
  g_assert_cmpstr (pkio_problem_list_find (problems, "custom_fields.99")->code, ==,
                   "unknown_custom_field");
  g_assert_cmpstr (pkio_problem_list_find (problems, "custom_fields.14")->code, ==,
                   "inactive_custom_field");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* All right: a number, a list, an address; blank values of other fields are no values. */
  pkio_order_set_custom_value (order, 11, " 4711 ");
  pkio_order_set_custom_value (order, 13, "anna@example.nl, piet@example.nl");
  pkio_order_set_custom_value (order, 15, "anna@example.nl");
  pkio_order_set_custom_value (order, 99, "  ");
  pkio_order_set_custom_value (order, 14, NULL);
  problems = pkio_custom_fields_validate (order, fields);
  g_assert_cmpuint (problems->len, ==, 0);

  /* A value for a field of an account that has none. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = pkio_custom_fields_validate (order, none);
  g_assert_cmpuint (problems->len, ==, 3);
}

static void
test_paths (void)
{
  g_autofree char *path = pkio_custom_field_path (4001);

  g_assert_cmpstr (path, ==, "custom_fields.4001");
  g_assert_cmpint (pkio_custom_field_id_from_path (path), ==, 4001);
  g_assert_cmpint (pkio_custom_field_id_from_path ("custom_fields[12]"), ==, 12);
  g_assert_cmpint (pkio_custom_field_id_from_path ("custom_fields.12.value"), ==, 12);
  g_assert_cmpint (pkio_custom_field_id_from_path ("custom_fields[0"), ==, 0);
  g_assert_cmpint (pkio_custom_field_id_from_path ("custom_fields.0"), ==, 0);
  g_assert_cmpint (pkio_custom_field_id_from_path ("custom_fields.x"), ==, 0);
  g_assert_cmpint (pkio_custom_field_id_from_path ("custom_fieldsX12"), ==, 0);
  g_assert_cmpint (pkio_custom_field_id_from_path ("ship_info.zip"), ==, 0);
  g_assert_cmpint (pkio_custom_field_id_from_path (NULL), ==, 0);
}

/* ---- CertCentral's refusal, at its field ---- */

static void
test_match_refusal (void)
{
  g_autoptr(GPtrArray) fields = account_fields ();
  g_autoptr(GPtrArray) one = fields_of ("{\"metadata\":[{\"id\":5,\"label\":\"Cost centre\","
                                        "\"is_required\":true,\"is_active\":true}]}");
  g_autoptr(GPtrArray) similar = fields_of ("{\"metadata\":["
                                            "{\"id\":1,\"label\":\"Code\",\"is_active\":true},"
                                            "{\"id\":2,\"label\":\"Code name\","
                                            "\"is_active\":true}]}");

  /* By the field it names (the simulator's, and any CertCentral answer that has one). */
  g_assert_cmpint (pkio_custom_fields_match_refusal (fields, "missing", "custom_fields.13",
                                                     "whatever"), ==, 13);
  /* CertCentral documents no "field": by the label its message names. */
  g_assert_cmpint (pkio_custom_fields_match_refusal (fields, "invalid_custom_field_value", NULL,
                                                     "The value for custom field PROJECT is "
                                                     "not valid."), ==, 12);
  /* The longest label it names wins. */
  g_assert_cmpint (pkio_custom_fields_match_refusal (similar, "invalid_custom_field_value", NULL,
                                                     "Code name: not valid"), ==, 2);
  /* About custom fields, no label, one active field: that one. */
  g_assert_cmpint (pkio_custom_fields_match_refusal (one, "invalid_custom_field_value", NULL,
                                                     "Invalid value."), ==, 5);
  /* … but with several, it cannot say which. */
  g_assert_cmpint (pkio_custom_fields_match_refusal (fields, "invalid_custom_field_value", NULL,
                                                     "Invalid value."), ==, 0);
  /* Not about custom fields at all, even when a label happens to be in the message. */
  g_assert_cmpint (pkio_custom_fields_match_refusal (one, "insufficient_funds", "payment_method",
                                                     "Not enough for Cost centre"), ==, 0);
  g_assert_cmpint (pkio_custom_fields_match_refusal (NULL, "invalid_custom_field_value", NULL,
                                                     "x"), ==, 0);
  /* A field named that the account does not have. */
  g_assert_cmpint (pkio_custom_fields_match_refusal (one, "missing", "custom_fields.77",
                                                     "Invalid value."), ==, 5);
}

/* ---- the body ---- */

static char *
body_text (const PkioOrder *order)
{
  g_autoptr(JsonNode) body = pkio_order_to_json (order);

  return json_to_string (body, FALSE);
}

static void
test_body (void)
{
  g_autoptr(PkioOrder) order = seed_order ();
  g_autofree char *plain = body_text (order);
  g_autofree char *with_blank = NULL;
  g_autofree char *with_values = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) stored = NULL;
  JsonArray *custom;
  JsonObject *entry;

  /* No values: no "custom_fields" at all; a blank value is no value. */
  g_assert_null (strstr (plain, "custom_fields"));
  pkio_order_set_custom_value (order, 12, "   ");
  with_blank = body_text (order);
  g_assert_cmpstr (with_blank, ==, plain);

  /* Values: after everything else, trimmed, in the order given, the blank one left out. */
  pkio_order_set_custom_value (order, 11, " 4711 ");
  pkio_order_set_custom_value (order, 13, "anna@example.nl");
  with_values = body_text (order);
  g_assert_cmpint (strncmp (with_values, plain, strlen (plain) - 1), ==, 0);
  g_assert_true (g_str_has_suffix (with_values,
                                   ",\"custom_fields\":[{\"metadata_id\":11,\"value\":\"4711\"},"
                                   "{\"metadata_id\":13,\"value\":\"anna@example.nl\"}]}"));

  /* What is kept on disk has them too (they are not secret). */
  stored = pkio_order_to_storage_json (order);
  custom = json_object_get_array_member (json_node_get_object (stored), "custom_fields");
  g_assert_cmpuint (json_array_get_length (custom), ==, 2);

  /* And the body reads back to the same values. */
  body = pkio_order_to_json (order);
  {
    g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
    g_autoptr(PkioOrder) again = pkio_order_from_json (body, problems);
    g_autofree char *again_text = NULL;

    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpstr (pkio_order_get_custom_value (again, 11), ==, "4711");
    g_assert_cmpstr (pkio_order_get_custom_value (again, 13), ==, "anna@example.nl");
    g_assert_null (pkio_order_get_custom_value (again, 12));
    again_text = body_text (again);
    g_assert_cmpstr (again_text, ==, with_values);
  }
  entry = json_array_get_object_element (custom, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "metadata_id"), ==, 11);

  /* A copy carries them, and is its own. */
  {
    g_autoptr(PkioOrder) copy = pkio_order_copy (order);

    pkio_order_set_custom_value (order, 11, "1");
    g_assert_cmpstr (pkio_order_get_custom_value (copy, 11), ==, " 4711 ");
  }
}

/* ---- an order file ---- */

typedef struct
{
  const char *custom_fields;   /* the member's JSON */
  const char *path;            /* the first problem's path */
  const char *code;
} FileCase;

static const FileCase file_cases[] = {
  { "{}", "custom_fields", "wrong_type" },
  { "[1]", "custom_fields[0]", "wrong_type" },
  { "[{\"value\":\"x\"}]", "custom_fields[0].metadata_id", "missing" },
  { "[{\"metadata_id\":\"11\",\"value\":\"x\"}]", "custom_fields[0].metadata_id", "wrong_type" },
  { "[{\"metadata_id\":0,\"value\":\"x\"}]", "custom_fields[0].metadata_id", "wrong_type" },
  { "[{\"metadata_id\":11}]", "custom_fields[0].value", "missing" },
  { "[{\"metadata_id\":11,\"value\":4711}]", "custom_fields[0].value", "wrong_type" },
  { "[{\"metadata_id\":11,\"value\":\"1\",\"label\":\"x\"}]", "custom_fields[0].label",
    "unknown_field" },
  { "[{\"metadata_id\":11,\"value\":\"1\"},{\"metadata_id\":11,\"value\":\"2\"}]",
    "custom_fields[1].metadata_id", "duplicate" },
};

static void
test_order_file (void)
{
  g_autoptr(PkioOrder) seed = seed_order ();
  g_autoptr(JsonNode) body = pkio_order_to_json (seed);
  g_autofree char *seed_text = json_to_string (body, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (file_cases); i++)
    {
      /* The seed with "custom_fields" added before its closing brace. */
      g_autofree char *text = g_strdup_printf ("%.*s,\"custom_fields\":%s}",
                                               (int) strlen (seed_text) - 1, seed_text,
                                               file_cases[i].custom_fields);
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
      g_autoptr(PkioOrder) order = pkio_order_from_json (node, problems);
      PkioProblem *problem;

      g_test_message ("%s", file_cases[i].custom_fields);
      g_assert_nonnull (order);
      g_assert_cmpuint (problems->len, >=, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (problem->path, ==, file_cases[i].path);
      g_assert_cmpstr (problem->code, ==, file_cases[i].code);
    }
}

/* ---- a draft keeps them ---- */

static void
test_draft (void)
{
  g_autoptr(PkioOrder) order = seed_order ();
  g_autofree char *text = NULL;
  g_autoptr(PkioOrder) back = NULL;
  g_autoptr(GError) error = NULL;

  pkio_order_set_custom_value (order, 11, " 47 ");   /* as typed, spaces and all */
  pkio_order_set_custom_value (order, 12, "");
  text = pkio_order_draft_serialize (order);
  back = pkio_order_draft_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pkio_order_get_custom_value (back, 11), ==, " 47 ");
  g_assert_cmpstr (pkio_order_get_custom_value (back, 12), ==, "");
  g_assert_null (pkio_order_get_custom_value (back, 13));

  /* A damaged entry is left out; the rest of the draft still comes back. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "\"metadata_id\" : 11", -1);
    g_autofree char *damaged = g_strjoinv ("\"metadata_id\" : \"11\"", parts);
    g_autoptr(PkioOrder) partial = NULL;

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    partial = pkio_order_draft_parse (damaged, &error);
    g_assert_no_error (error);
    g_assert_null (pkio_order_get_custom_value (partial, 11));
    g_assert_cmpstr (pkio_order_get_custom_value (partial, 12), ==, "");
    g_assert_cmpstr (partial->individual.first_name, ==, "John");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/custom-fields/read-metadata", test_read_metadata);
  g_test_add_func ("/custom-fields/read-metadata-refused", test_read_metadata_refused);
  g_test_add_func ("/custom-fields/check-value", test_check_value);
  g_test_add_func ("/custom-fields/validate", test_validate);
  g_test_add_func ("/custom-fields/paths", test_paths);
  g_test_add_func ("/custom-fields/match-refusal", test_match_refusal);
  g_test_add_func ("/custom-fields/body", test_body);
  g_test_add_func ("/custom-fields/order-file", test_order_file);
  g_test_add_func ("/custom-fields/draft", test_draft);
  return g_test_run ();
}
