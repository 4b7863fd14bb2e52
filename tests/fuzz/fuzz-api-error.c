/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pkio-api-error.h"

#include "fuzz-util.h"

/* An error answer (4xx/5xx) as the client reads it: errors[] entries, then the GError for
 * each status the client maps, for the order POST and for other calls. The order POST must
 * never be told "not placed" on a 5xx or 408: that would invite a duplicate order. */

static const guint statuses[] = { 400, 401, 403, 404, 405, 408, 409, 422, 429, 500, 502, 503 };

static void
check_entries (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(PkioApiErrorEntry) copy = pkio_api_error_entry_copy (entry);

      g_assert_true (entry->code != NULL || entry->message != NULL);
      g_assert_true (entry->code_detail == NULL || entry->code != NULL);
      g_assert_true (entry->code == NULL || strchr (entry->code, '|') == NULL);
      g_assert_true (fuzz_is_utf8 (entry->message));
      g_assert_true (fuzz_is_utf8 (entry->field));
      g_assert_cmpstr (copy->code, ==, entry->code);
      g_assert_cmpstr (copy->code_detail, ==, entry->code_detail);
      g_assert_cmpstr (copy->field, ==, entry->field);
      g_assert_cmpstr (copy->message, ==, entry->message);
    }
}

static void
check_status (guint      status,
              gboolean   is_order_post,
              GPtrArray *entries)
{
  g_autoptr(GError) error = pkio_api_error_new_for_status (status, is_order_post, entries);
  g_autoptr(GError) copy = g_error_copy (error);
  GPtrArray *attached = pkio_api_error_get_entries (copy);

  g_assert_true (error->domain == PKIO_API_ERROR);
  g_assert_true (fuzz_is_utf8 (error->message));
  g_assert_cmpstr (pkio_api_error_code_to_string (error->code), !=, "unknown");
  if (is_order_post && (status >= 500 || status == 408))
    g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_OUTCOME_UNKNOWN);
  /* Entries travel with the error, copies included. */
  g_assert_cmpuint (attached != NULL ? attached->len : 0, ==, entries->len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  fuzz_init ();
  /* The client reads errors[] from whatever the guard lets through, or from nothing. */
  root = fuzz_parse_answer (data, size, "application/json");
  entries = pkio_api_error_parse_entries (root);
  g_assert_nonnull (entries);
  check_entries (entries);
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      check_status (statuses[i], TRUE, entries);
      check_status (statuses[i], FALSE, entries);
    }
  return 0;
}
