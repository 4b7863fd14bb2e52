/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-json-guard.h"

#include "fuzz-util.h"

/* The JSON guard on its own: the first line of the input is the Content-Type header (empty:
 * none), the rest is the body. Checks that the guard's parts agree with its whole. */

static void
check_shape_helpers (JsonNode *root)
{
  JsonObject *object;
  static const char * const members[] = { "id", "orders", "errors", "balance", "total" };

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(GError) int_error = NULL;
      g_autoptr(GError) array_error = NULL;
      g_autoptr(GError) member_error = NULL;
      gint64 value = -1;
      JsonNode *node = json_object_get_member (object, members[i]);
      gboolean is_int = pkio_json_guard_get_int (object, members[i], &value, &int_error);
      JsonArray *array = pkio_json_guard_get_array (object, members[i], &array_error);
      gboolean has = pkio_json_guard_has_member (object, members[i], &member_error);

      g_assert_true (is_int == (int_error == NULL));
      g_assert_true ((array != NULL) == (array_error == NULL));
      g_assert_true (has == (member_error == NULL));
      g_assert_true (has == (node != NULL && !JSON_NODE_HOLDS_NULL (node)));
      if (is_int)
        g_assert_cmpint (value, ==, json_node_get_int (node));
      /* The lenient reading is the strict one, or 0. */
      g_assert_cmpint (pkio_json_guard_int_or_zero (object, members[i]), ==, is_int ? value : 0);
      if (array != NULL)
        g_assert_true (array == json_node_get_array (node));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *newline = memchr (data, '\n', size);
  g_autofree char *content_type = NULL;
  const uint8_t *body = data;
  size_t body_size = size;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  gboolean depth_ok;

  fuzz_init ();
  if (newline != NULL && newline - data <= 200)
    {
      if (newline > data)
        content_type = g_strndup ((const char *) data, newline - data);
      body = newline + 1;
      body_size = size - (newline + 1 - data);
    }

  depth_ok = pkio_json_guard_check_depth ((const char *) body, body_size,
                                          PKIO_JSON_GUARD_MAX_DEPTH, NULL);
  g_assert_true (pkio_json_guard_check_size (body_size, NULL));
  g_assert_false (pkio_json_guard_check_size (PKIO_JSON_GUARD_MAX_BODY + 1, NULL));
  (void) pkio_json_guard_looks_like_json (content_type, (const char *) body, body_size);

  root = fuzz_parse_answer (body, body_size, content_type);
  if (root != NULL)
    {
      /* Parsed means it passed the depth check too. */
      g_assert_true (depth_ok);
      check_shape_helpers (root);
    }

  bytes = g_bytes_new (body, body_size);
  object = pkio_json_guard_parse_object (content_type, bytes, &error);
  g_assert_true ((object != NULL) == (error == NULL));
  g_assert_true (object == NULL || (root != NULL && JSON_NODE_HOLDS_OBJECT (root)));
  g_assert_true (object != NULL || root == NULL || !JSON_NODE_HOLDS_OBJECT (root));
  return 0;
}
