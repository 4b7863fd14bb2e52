/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-json-guard.h"

static JsonNode *
parse (const char *content_type,
       const char *text,
       GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return pkio_json_guard_parse (content_type, bytes, error);
}

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("application/json; charset=utf-8",
                                    " {\"id\": 5, \"s\": \"[[[{{{\"}", &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "id"), ==, 5);
}

static void
test_no_content_type_but_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse (NULL, "\n\t[1,2]", &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
}

static void
test_html (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("text/html", "<html><body>Bad gateway</body></html>", &error);

  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_assert_nonnull (strstr (error->message, "web page"));
}

static void
test_plain_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("text/plain", "Service unavailable", &error);

  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("application/json", "   ", &error);

  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static void
test_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("application/json", "{\"id\":8436999,\"orders\":[{\"s\":\"iss",
                                    &error);

  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, i % 2 ? '[' : '{');
  /* Not valid JSON for objects, but the depth check must refuse it before parsing anyway. */
  for (guint i = depth; i > 0; i--)
    g_string_append_c (s, (i - 1) % 2 ? ']' : '}');
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *deep = nested (10000);
  g_autoptr(GString) arrays = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_false (pkio_json_guard_check_depth (deep, strlen (deep), 64, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  /* Exactly 64 levels of arrays is fine; 65 is not. */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (arrays, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (arrays, ']');
  root = parse ("application/json", arrays->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_string_prepend_c (arrays, '[');
  g_string_append_c (arrays, ']');
  g_assert_false (pkio_json_guard_check_depth (arrays->str, arrays->len, 64, NULL));
  g_clear_pointer (&root, json_node_unref);
  root = parse ("application/json", arrays->str, &error);
  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  /* Brackets inside strings (with escaped quotes) do not count. */
  ok = g_strdup_printf ("{\"a\":\"\\\"%s\\\\\",\"b\":[1]}", deep);
  g_assert_true (pkio_json_guard_check_depth (ok, strlen (ok), 64, &error));
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);
  root = parse ("application/json", ok, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_size (void)
{
  g_autoptr(GError) error = NULL;
  gsize size = PKIO_JSON_GUARD_MAX_BODY + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (pkio_json_guard_check_size (PKIO_JSON_GUARD_MAX_BODY, NULL));
  g_assert_true (pkio_json_guard_check_size (-1, NULL));
  g_assert_false (pkio_json_guard_check_size (PKIO_JSON_GUARD_MAX_BODY + 1, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  memset (data, ' ', size);
  data[0] = '[';
  data[size - 1] = ']';
  bytes = g_bytes_new_take (data, size);
  root = pkio_json_guard_parse ("application/json", bytes, &error);
  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static void
test_object_and_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) array = g_bytes_new_static ("[1]", 3);
  static const char text[] = "{\"id\":\"abc\",\"n\":7,\"orders\":\"x\"}";
  g_autoptr(GBytes) object = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(JsonObject) parsed = NULL;
  gint64 value = 0;

  g_assert_null (pkio_json_guard_parse_object (NULL, array, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);

  parsed = pkio_json_guard_parse_object ("application/json", object, &error);
  g_assert_no_error (error);
  g_assert_false (pkio_json_guard_get_int (parsed, "id", &value, &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);
  g_assert_true (pkio_json_guard_get_int (parsed, "n", &value, &error));
  g_assert_cmpint (value, ==, 7);
  g_assert_null (pkio_json_guard_get_array (parsed, "orders", &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  g_clear_error (&error);
  g_assert_false (pkio_json_guard_has_member (parsed, "missing", &error));
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static gssize
find_nul (const char *text)
{
  return pkio_json_guard_find_bad_escape (text, strlen (text));
}

static void
test_nul_escape (void)
{
  /* In a value and in a key, at the offset of the backslash. */
  g_assert_cmpint (find_nul ("{\"a\": \"Jo\\u0000hn\"}"), ==, 9);
  g_assert_cmpint (find_nul ("{\"k\\u0000\": 1}"), ==, 3);
  /* An escaped backslash before "u0000" is text, not a NUL; nor is u0000 outside a string. */
  g_assert_cmpint (find_nul ("{\"a\": \"Jo\\\\u0000hn\"}"), ==, -1);
  g_assert_cmpint (find_nul ("{\"a\": \"\\\"\", \\u0000}"), ==, -1);
  g_assert_cmpint (find_nul ("{\"a\": \"\\u0001\\u00000\"}"), ==, 13);
  g_assert_cmpint (find_nul ("{\"a\": \"\\u000"), ==, 7);
  g_assert_cmpint (find_nul ("\"\\"), ==, -1);
  /* A \u without four hex digits: json-glib reads garbage (found by fuzz-order-list). */
  g_assert_cmpint (find_nul ("{\"a\": \"\\u00zz\"}"), ==, 7);
  g_assert_cmpint (find_nul ("{\"a\": \"\\udda x\"}"), ==, 7);
  g_assert_cmpint (find_nul (""), ==, -1);
}

/* Regression (fuzz-order-list): a lone surrogate escape gave a status that was not UTF-8. */
static void
test_lone_surrogates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("application/json",
                                    "{\"a\": \"i\\ud800sd\", \"b\": \"\\udc00\","
                                    " \"c\": \"\\ud83d\\ude00\", \"d\": \"\\\\ud800\","
                                    " \"\\udbff\": 1, \"e\": \"x\\ud800\"}", &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "i\357\277\275sd");
  g_assert_cmpstr (json_object_get_string_member (object, "b"), ==, "\357\277\275");
  g_assert_cmpstr (json_object_get_string_member (object, "c"), ==, "\360\237\230\200");
  g_assert_cmpstr (json_object_get_string_member (object, "d"), ==, "\\ud800");
  g_assert_cmpstr (json_object_get_string_member (object, "e"), ==, "x\357\277\275");
  g_assert_true (json_object_has_member (object, "\357\277\275"));

  /* A broken \u escape is damaged data, not something to guess at. */
  g_clear_pointer (&root, json_node_unref);
  root = parse ("application/json", "{\"a\": \"\\ud800\\udda x\"}", &error);
  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

/* Regression (fuzz corpus under valgrind): json-glib read "{}{}" as "{}" and leaked the rest. */
static void
test_trailing_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (pkio_json_guard_find_trailing_data ("{}{}", 4), ==, 2);
  g_assert_cmpint (pkio_json_guard_find_trailing_data ("[[]] \n []", 9), ==, 7);
  g_assert_cmpint (pkio_json_guard_find_trailing_data ("{\"a\": \"}{\"} x", 13), ==, 12);
  g_assert_cmpint (pkio_json_guard_find_trailing_data ("{\"a\": \"\\\"}\"}  \n", 14), ==, -1);
  g_assert_cmpint (pkio_json_guard_find_trailing_data ("{\"id\": 1}", 9), ==, -1);
  g_assert_cmpint (pkio_json_guard_find_trailing_data ("[[[", 3), ==, -1);

  root = parse ("application/json", "{\"id\": 1}{\"id\": 2}", &error);
  g_assert_null (root);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static void
test_garbage_never_crashes (void)
{
  static const char *inputs[] = {
    "{", "}", "]]]]", "\"", "{\"a\":\"\\", "[\"\\u00\"]", "{\"a\":1,}", "\xff\xfe{}", "[1e999999]",
    "{\"\\\"\":[", "\xEF\xBB\xBF{\"bom\":true}", "[\"\0\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = parse ("application/json", inputs[i], &error);

      g_assert_true ((root == NULL) == (error != NULL));
      if (error != NULL)
        g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-guard/valid", test_valid);
  g_test_add_func ("/json-guard/no-content-type", test_no_content_type_but_json);
  g_test_add_func ("/json-guard/html", test_html);
  g_test_add_func ("/json-guard/plain-text", test_plain_text);
  g_test_add_func ("/json-guard/empty", test_empty);
  g_test_add_func ("/json-guard/malformed", test_malformed);
  g_test_add_func ("/json-guard/depth", test_depth);
  g_test_add_func ("/json-guard/size", test_size);
  g_test_add_func ("/json-guard/object-and-members", test_object_and_members);
  g_test_add_func ("/json-guard/garbage", test_garbage_never_crashes);
  g_test_add_func ("/json-guard/nul-escape", test_nul_escape);
  g_test_add_func ("/json-guard/lone-surrogates", test_lone_surrogates);
  g_test_add_func ("/json-guard/trailing-data", test_trailing_data);

  return g_test_run ();
}
