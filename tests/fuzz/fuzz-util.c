/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
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
