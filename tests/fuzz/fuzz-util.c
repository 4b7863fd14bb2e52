/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-field-rules.h"
#include "pkio-json-guard.h"
#include "pkio-order-json.h"
#include "pkio-problem.h"
#include <string.h>

#include "fuzz-util.h"

void
fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&initialized, 1);
    }
}

JsonNode *
fuzz_parse_answer (const uint8_t *data,
                   size_t         size,
                   const char    *content_type)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  JsonNode *root = pkio_json_guard_parse (content_type, body, &error);

  /* Exactly one of a root and an error, and the error is always the "bad answer" kind. */
  if (root == NULL)
    {
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
      g_assert_true (fuzz_is_utf8 (error->message));
    }
  else
    g_assert_no_error (error);
  return root;
}

GDateTime *
fuzz_now (void)
{
  return g_date_time_new_utc (2025, 6, 1, 12, 0, 0);
}

gboolean
fuzz_is_utf8 (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

void
fuzz_check_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const PkioProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->path);
      g_assert_nonnull (problem->code);
      g_assert_nonnull (problem->message);
      g_assert_cmpuint (strlen (problem->message), >, 0);
      g_assert_true (fuzz_is_utf8 (problem->path));
      g_assert_true (fuzz_is_utf8 (problem->message));
      /* Shown in a terminal and in the form: no control characters from the input. */
      for (const char *p = problem->message; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
      for (const char *p = problem->path; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
    }
}

static char *
body_text (const PkioOrder *order)
{
  g_autoptr(JsonNode) body = pkio_order_to_json (order);

  return json_to_string (body, FALSE);
}

/* The normalized body read back is a valid order with the very same body. */
void
fuzz_check_round_trip (const PkioOrder *order,
                  GDateTime       *now)
{
  g_autofree char *text = body_text (order);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(GPtrArray) rule_problems = NULL;
  g_autoptr(PkioOrder) again = NULL;
  g_autofree char *again_text = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  again = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_nonnull (again);
  rule_problems = pkio_order_validate (again, now);
  if (problems->len > 0 || rule_problems->len > 0)
    {
      fuzz_check_problems (problems);
      fuzz_check_problems (rule_problems);
      g_error ("normalized body no longer valid: %s: %s",
               problems->len > 0 ? ((PkioProblem *) problems->pdata[0])->path
                                 : ((PkioProblem *) rule_problems->pdata[0])->path,
               text);
    }
  again_text = body_text (again);
  g_assert_cmpstr (again_text, ==, text);
}

static char *
storage_text_without_last4 (const PkioOrder *order,
                            char           **out_last4)
{
  g_autoptr(JsonNode) stored = pkio_order_to_storage_json (order);
  JsonObject *object = json_node_get_object (stored);

  g_assert_false (json_object_has_member (object, "credit_card"));
  *out_last4 = g_strdup (json_object_get_string_member_with_default (object, "card_last4", ""));
  if (json_object_has_member (object, "card_last4"))
    json_object_remove_member (object, "card_last4");
  return json_to_string (stored, FALSE);
}

void
fuzz_check_storage (const PkioOrder *order)
{
  g_autoptr(PkioOrder) other = pkio_order_copy (order);
  g_autofree char *last4 = NULL;
  g_autofree char *other_last4 = NULL;
  g_autofree char *text = storage_text_without_last4 (order, &last4);
  g_autofree char *other_text = NULL;
  g_autofree char *digits = pkio_field_card_digits (order->credit_card.number);

  /* Another card (number, expiry, CVV) changes nothing on disk but the last four digits. */
  pkio_order_set_secret (&other->credit_card.number, "0000 0000 0000 0000");
  pkio_order_set_secret (&other->credit_card.expiration_month, "01");
  pkio_order_set_secret (&other->credit_card.expiration_year, "2000");
  pkio_order_set_secret (&other->credit_card.cvv, "000");
  other_text = storage_text_without_last4 (other, &other_last4);
  g_assert_cmpstr (text, ==, other_text);

  if (order->payment_method != PKIO_PAYMENT_CARD)
    {
      g_assert_cmpstr (last4, ==, "");
      return;
    }
  g_assert_nonnull (digits);
  g_assert_cmpuint (strlen (digits), >=, 4);
  g_assert_cmpstr (last4, ==, digits + strlen (digits) - 4);
}
