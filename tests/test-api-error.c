/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-cancel-note.h"

static JsonNode *
json (const char *text)
{
  return json_from_string (text, NULL);
}

static void
test_entries_split (void)
{
  g_autoptr(JsonNode) root = json ("{\"errors\":[{\"code\":\"not_found|order\",\"message\":\"No order\"},"
                                   "{\"code\":\"invalid_zip\",\"field\":\"ship_info.zip\",\"message\":\"Bad zip\"},"
                                   "{\"code\":7}, 5, {\"message\":\"only a message\"}]}");
  g_autoptr(GPtrArray) entries = pkio_api_error_parse_entries (root);
  PkioApiErrorEntry *entry;

  g_assert_cmpuint (entries->len, ==, 3);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->code, ==, "not_found");
  g_assert_cmpstr (entry->code_detail, ==, "order");
  g_assert_null (entry->field);
  g_assert_cmpstr (entry->message, ==, "No order");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->code, ==, "invalid_zip");
  g_assert_null (entry->code_detail);
  g_assert_cmpstr (entry->field, ==, "ship_info.zip");
  entry = g_ptr_array_index (entries, 2);
  g_assert_null (entry->code);
  g_assert_cmpstr (entry->message, ==, "only a message");
}

static void
test_entries_bad_shapes (void)
{
  const char *inputs[] = { "[]", "{\"errors\":\"none\"}", "{\"errors\":{}}", "{}", "5" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(JsonNode) root = json (inputs[i]);
      g_autoptr(GPtrArray) entries = pkio_api_error_parse_entries (root);

      g_assert_nonnull (entries);
      g_assert_cmpuint (entries->len, ==, 0);
    }
  {
    g_autoptr(GPtrArray) entries = pkio_api_error_parse_entries (NULL);
    g_assert_cmpuint (entries->len, ==, 0);
  }
}

static void
test_entries_travel_with_error (void)
{
  g_autoptr(JsonNode) root = json ("{\"errors\":[{\"code\":\"access_denied|missing_permission\","
                                   "\"message\":\"No permission\"}]}");
  g_autoptr(GPtrArray) entries = pkio_api_error_parse_entries (root);
  g_autoptr(GError) error = pkio_api_error_new_for_status (403, FALSE, entries);
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  GPtrArray *got;
  PkioApiErrorEntry *entry;

  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "No permission"));
  copy = g_error_copy (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_error (&error);

  got = pkio_api_error_get_entries (copy);
  g_assert_nonnull (got);
  g_assert_cmpuint (got->len, ==, 1);
  entry = g_ptr_array_index (got, 0);
  g_assert_cmpstr (entry->code, ==, "access_denied");
  g_assert_cmpstr (entry->code_detail, ==, "missing_permission");

  g_assert_null (pkio_api_error_get_entries (other));
  g_assert_null (pkio_api_error_get_entries (NULL));
}

static void
test_status_mapping (void)
{
  struct { guint status; gboolean post; PkioApiError code; } cases[] = {
    { 400, FALSE, PKIO_API_ERROR_INVALID_INPUT },
    { 422, TRUE, PKIO_API_ERROR_INVALID_INPUT },
    { 401, FALSE, PKIO_API_ERROR_KEY_REJECTED },
    { 403, TRUE, PKIO_API_ERROR_FORBIDDEN },
    { 404, FALSE, PKIO_API_ERROR_NOT_FOUND },
    { 429, FALSE, PKIO_API_ERROR_RATE_LIMITED },
    { 429, TRUE, PKIO_API_ERROR_RATE_LIMITED },
    { 500, FALSE, PKIO_API_ERROR_SERVER_ERROR },
    { 503, FALSE, PKIO_API_ERROR_SERVER_ERROR },
    { 500, TRUE, PKIO_API_ERROR_OUTCOME_UNKNOWN },
    { 502, TRUE, PKIO_API_ERROR_OUTCOME_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = pkio_api_error_new_for_status (cases[i].status, cases[i].post,
                                                               NULL);

      g_assert_error (error, PKIO_API_ERROR, (gint) cases[i].code);
      g_assert_null (pkio_api_error_get_entries (error));
      g_assert_cmpstr (error->message, !=, "");
    }
  g_assert_cmpstr (pkio_api_error_code_to_string (PKIO_API_ERROR_OUTCOME_UNKNOWN), ==,
                   "outcome-unknown");
}

/* One answer to "what does this mean for the person", for the CLI and the window alike. */
static void
test_meaning (void)
{
  static const struct { PkioApiError code; PkioErrorMeaning meaning; gboolean not_placed; } cases[] = {
    { PKIO_API_ERROR_INVALID_INPUT, PKIO_ERROR_MEANING_REJECTED, TRUE },
    { PKIO_API_ERROR_KEY_REJECTED, PKIO_ERROR_MEANING_FIX_KEY, TRUE },
    { PKIO_API_ERROR_FORBIDDEN, PKIO_ERROR_MEANING_NOT_ALLOWED, TRUE },
    { PKIO_API_ERROR_OUTCOME_UNKNOWN, PKIO_ERROR_MEANING_UNKNOWN, FALSE },
    { PKIO_API_ERROR_NETWORK, PKIO_ERROR_MEANING_RETRY_LATER, TRUE },
    { PKIO_API_ERROR_RATE_LIMITED, PKIO_ERROR_MEANING_RETRY_LATER, TRUE },
    { PKIO_API_ERROR_TIMEOUT, PKIO_ERROR_MEANING_RETRY_LATER, FALSE },
    { PKIO_API_ERROR_SERVER_ERROR, PKIO_ERROR_MEANING_RETRY_LATER, FALSE },
    { PKIO_API_ERROR_BAD_ANSWER, PKIO_ERROR_MEANING_FAILED, FALSE },
    { PKIO_API_ERROR_NOT_FOUND, PKIO_ERROR_MEANING_FAILED, TRUE },
    { PKIO_API_ERROR_INSECURE_URL, PKIO_ERROR_MEANING_FAILED, TRUE },
  };
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "disk");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = pkio_api_error_new_literal (cases[i].code, "x", NULL);

      g_assert_cmpint (pkio_api_error_get_meaning (error), ==, cases[i].meaning);
      g_assert_cmpint (pkio_api_error_is_not_placed (error), ==, cases[i].not_placed);
    }
  /* Not CertCentral's: nothing proves the order was not placed. */
  g_assert_cmpint (pkio_api_error_get_meaning (other), ==, PKIO_ERROR_MEANING_FAILED);
  g_assert_false (pkio_api_error_is_not_placed (other));
  g_assert_cmpint (pkio_api_error_get_meaning (NULL), ==, PKIO_ERROR_MEANING_FAILED);
}

static void
test_cancel_note (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_note = g_strnfill (PKIO_CANCEL_NOTE_MAX_LENGTH + 1, 'x');
  g_autofree char *note = pkio_cancel_note_normalize ("  Ordered twice  ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Ordered twice");
  g_assert_true (pkio_cancel_note_is_valid ("Wrong person\nsee ticket 12"));

  g_assert_null (pkio_cancel_note_normalize (" \t ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (pkio_cancel_note_normalize (NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (pkio_cancel_note_is_valid (long_note));
  g_assert_false (pkio_cancel_note_is_valid ("bell\a"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-error/entries-split", test_entries_split);
  g_test_add_func ("/api-error/entries-bad-shapes", test_entries_bad_shapes);
  g_test_add_func ("/api-error/entries-travel", test_entries_travel_with_error);
  g_test_add_func ("/api-error/status-mapping", test_status_mapping);
  g_test_add_func ("/api-error/meaning", test_meaning);
  g_test_add_func ("/cancel-note/rule", test_cancel_note);

  return g_test_run ();
}
