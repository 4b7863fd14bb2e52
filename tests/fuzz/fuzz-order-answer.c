/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-client.h"

#include "fuzz-util.h"

/* A 2xx answer to the order POST, read as the client reads it: the guard, then
 * pkio_order_answer_from_json(). Whatever comes back, the caller must get either a usable
 * order number or "outcome unknown": never a plain failure that invites a resend. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PkioOrderAnswer) result = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  root = fuzz_parse_answer (data, size, "application/json");
  /* An unreadable 2xx answer becomes OUTCOME_UNKNOWN in the client; from_json must say the
   * same for a NULL root. */
  result = pkio_order_answer_from_json (root, &error);
  if (result == NULL)
    {
      g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpint (result->order_id, >, 0);
  g_assert_cmpint (result->certificate_id, >=, 0);
  g_assert_nonnull (result->request_ids);
  for (guint i = 0; i < result->request_ids->len; i++)
    g_assert_cmpint (g_array_index (result->request_ids, gint64, i), >, 0);
  return 0;
}
