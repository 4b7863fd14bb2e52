/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "history-test-util.h"
#include "pkio-workspace.h"

/* The typed product and balance answers, and the workspace calls that give them to front
 * ends (in practice mode, against the simulator). */

static char *data_home;

static JsonObject *
object_from (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
test_product_info (void)
{
  g_autoptr(JsonObject) full = object_from (
    "{\"name_id\":\"pkio_burger\",\"name\":\"PKIo Citizen\",\"allowed_validity_years\":[1,3]}");
  g_autoptr(JsonObject) lenient = object_from (
    "{\"name_id\":\"pkio_burger\",\"name\":7,\"allowed_validity_years\":[\"2\",2,-1,null]}");
  g_autoptr(JsonObject) silent = object_from ("{\"name_id\":\"pkio_burger\"}");
  g_autoptr(JsonObject) nameless = object_from ("{\"name_id\":7}");
  g_autoptr(PkioProductInfo) info = NULL;
  g_autoptr(PkioProductInfo) copy = NULL;
  g_autoptr(GError) error = NULL;

  info = pkio_product_info_from_json (full, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name_id, ==, "pkio_burger");
  g_assert_cmpstr (info->name, ==, "PKIo Citizen");
  g_assert_cmpuint (info->allowed_validity_years->len, ==, 2);
  g_assert_true (pkio_product_info_allows_years (info, 1));
  g_assert_false (pkio_product_info_allows_years (info, 2));
  g_assert_true (pkio_product_info_allows_years (info, 3));
  copy = pkio_product_info_copy (info);
  g_assert_cmpuint (copy->allowed_validity_years->len, ==, 2);
  g_assert_cmpint (g_array_index (copy->allowed_validity_years, gint64, 1), ==, 3);
  g_clear_pointer (&info, pkio_product_info_free);

  info = pkio_product_info_from_json (lenient, &error);
  g_assert_no_error (error);
  g_assert_null (info->name);
  g_assert_cmpuint (info->allowed_validity_years->len, ==, 1);
  g_assert_true (pkio_product_info_allows_years (info, 2));
  g_assert_false (pkio_product_info_allows_years (info, 1));
  g_clear_pointer (&info, pkio_product_info_free);

  /* Not said: every year is offered. */
  info = pkio_product_info_from_json (silent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->allowed_validity_years->len, ==, 0);
  g_assert_true (pkio_product_info_allows_years (info, 2));
  g_clear_pointer (&info, pkio_product_info_free);

  info = pkio_product_info_from_json (nameless, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_balance (void)
{
  struct { const char *json; gint64 cents; const char *currency; const char *text; } good[] = {
    { "{\"balance\":\"4900.00\",\"currency\":\"EUR\"}", 490000, "EUR", "4900.00 EUR" },
    { "{\"balance\":\"4900\",\"currency\":\"EUR\"}", 490000, "EUR", "4900.00 EUR" },
    { "{\"balance\":\"12.5\",\"currency\":\"USD\"}", 1250, "USD", "12.50 USD" },
    { "{\"balance\":\"-3.999\",\"currency\":\"EUR\"}", -400, "EUR", "-4.00 EUR" },
    { "{\"balance\":\"0.05\"}", 5, NULL, "0.05" },
    { "{\"balance\":250,\"currency\":\"EUR\"}", 25000, "EUR", "250.00 EUR" },
    { "{\"balance\":99.99,\"currency\":\"\"}", 9999, NULL, "99.99" },
  };
  const char *bad[] = { "{}", "{\"balance\":\"\"}", "{\"balance\":\"1,5\"}",
                        "{\"balance\":\"12 EUR\"}", "{\"balance\":[1]}", "{\"balance\":true}",
                        "{\"balance\":\".\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonObject) object = object_from (good[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioBalance) balance = pkio_balance_from_json (object, &error);
      g_autoptr(PkioBalance) copy = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (balance->cents, ==, good[i].cents);
      g_assert_cmpstr (balance->currency, ==, good[i].currency);
      copy = pkio_balance_copy (balance);
      text = pkio_balance_format (copy);
      g_assert_cmpstr (text, ==, good[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = object_from (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PkioBalance) balance = pkio_balance_from_json (object, &error);

      g_assert_null (balance);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static PkioWorkspace *
load_practice_workspace (void)
{
  PkioWorkspace *workspace = pkio_workspace_new (NULL, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_no_error (error);
  return workspace;
}

static void
test_workspace_calls (void)
{
  g_autoptr(PkioWorkspace) workspace = load_practice_workspace ();
  PkioSimulator *simulator = pkio_workspace_get_simulator (workspace);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioProductInfo) info = NULL;
  g_autoptr(PkioBalance) balance = NULL;
  g_autofree char *text = NULL;

  pkio_simulator_set_balance (simulator, 123456);
  pkio_workspace_get_product_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  info = pkio_workspace_get_product_finish (workspace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name_id, ==, "pkio_burger");
  g_assert_cmpuint (info->allowed_validity_years->len, ==, 3);
  g_clear_object (&result);

  pkio_workspace_get_balance_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  balance = pkio_workspace_get_balance_finish (workspace, result, &error);
  g_assert_no_error (error);
  text = pkio_balance_format (balance);
  g_assert_cmpstr (text, ==, "1234.56 EUR");
  g_clear_object (&result);
  g_clear_pointer (&info, pkio_product_info_free);

  /* An answer of the wrong shape is a bad answer, never a crash or a guess. */
  pkio_simulator_inject_fault (simulator, "GET", "product/", PKIO_SIMULATOR_FAULT_WRONG_TYPES, 1);
  pkio_workspace_get_product_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  info = pkio_workspace_get_product_finish (workspace, result, &error);
  g_assert_null (info);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_BAD_ANSWER);
}

static void
test_without_key (void)
{
  /* Not loaded: no client yet, so nothing can be asked. */
  g_autoptr(PkioWorkspace) workspace = pkio_workspace_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBalance) balance = NULL;
  g_autoptr(PkioProductInfo) info = NULL;

  pkio_workspace_get_balance_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  balance = pkio_workspace_get_balance_finish (workspace, result, &error);
  g_assert_null (balance);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
  g_clear_error (&error);
  g_clear_object (&result);

  pkio_workspace_get_product_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  info = pkio_workspace_get_product_finish (workspace, result, &error);
  g_assert_null (info);
  g_assert_error (error, PKIO_API_ERROR, PKIO_API_ERROR_KEY_REJECTED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_home = g_dir_make_tmp ("pkio-account-info-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account-info/product", test_product_info);
  g_test_add_func ("/account-info/balance", test_balance);
  g_test_add_func ("/account-info/workspace-calls", test_workspace_calls);
  g_test_add_func ("/account-info/without-key", test_without_key);

  status = g_test_run ();
  g_free (data_home);
  return status;
}
