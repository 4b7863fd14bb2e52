/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-client-answers-private.h"

#include "fuzz-util.h"

/* The account GETs: user/me (also the key check), finance/balance, product/pkio_burger,
 * account/metadata. A reader either refuses the answer as "bad answer" or returns what the
 * caller will read from it. */

typedef JsonObject *(*AnswerReader) (JsonNode *root, GError **error);

static JsonObject *
check_reader (AnswerReader  reader,
              JsonNode     *root)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = reader (root, &error);

  if (object == NULL)
    g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
  else
    g_assert_no_error (error);
  return object;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonObject) balance = NULL;
  g_autoptr(JsonObject) product = NULL;

  fuzz_init ();
  root = fuzz_parse_answer (data, size, "application/json");

  user = check_reader (_pkio_client_read_user_answer, root);
  if (user != NULL)
    {
      JsonNode *id = json_object_get_member (user, "id");

      g_assert_nonnull (id);
      g_assert_cmpint (json_node_get_value_type (id), ==, G_TYPE_INT64);
    }

  balance = check_reader (_pkio_client_read_balance_answer, root);
  if (balance != NULL)
    {
      JsonNode *value = json_object_get_member (balance, "balance");
      GType type;

      g_assert_nonnull (value);
      g_assert_true (JSON_NODE_HOLDS_VALUE (value));
      type = json_node_get_value_type (value);
      g_assert_true (type == G_TYPE_STRING || type == G_TYPE_INT64 || type == G_TYPE_DOUBLE);
    }

  /* The account's own order fields: each with an id of 1 or more and a UTF-8 label, a type
   * that matches its name, ids as the answer gave them. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) fields = _pkio_client_read_metadata_answer (root, &error);

    if (fields == NULL)
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
    else
      {
        g_autoptr(GPtrArray) active = pkio_custom_field_list_active (fields);

        g_assert_no_error (error);
        g_assert_cmpuint (active->len, <=, fields->len);
        for (guint i = 0; i < fields->len; i++)
          {
            const PkioCustomField *field = g_ptr_array_index (fields, i);

            g_assert_cmpint (field->id, >=, 1);
            g_assert_nonnull (field->label);
            g_assert_true (fuzz_is_utf8 (field->label));
            g_assert_cmpint (field->type, ==,
                             pkio_custom_field_type_from_string (field->data_type));
            g_assert_true (field->data_type == NULL || fuzz_is_utf8 (field->data_type));
          }
      }
  }

  product = check_reader (_pkio_client_read_product_answer, root);
  if (product != NULL)
    {
      const char *name_id = json_object_get_string_member (product, "name_id");

      g_assert_nonnull (name_id);
      g_assert_true (fuzz_is_utf8 (name_id));
    }
  return 0;
}
