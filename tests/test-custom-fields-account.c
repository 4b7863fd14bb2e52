/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "history-test-util.h"
#include "pkio-credentials.h"
#include "pkio-order-json.h"
#include "pkio-practice.h"
#include "pkio-problem.h"
#include "pkio-workspace.h"

/* The account's own order fields through the workspace, against the simulator: what GET
 * account/metadata gives (practice mode's "Cost centre"), asked once and kept; an order that
 * lacks a required field refused by "CertCentral" and the refusal matched to its field; the
 * values in the body; and, without active fields, the body exactly the seed's. */

static char *data_home;

static PkioWorkspace *
practice_workspace (void)
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

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static PkioOrder *
seed_order (void)
{
  g_autofree char *path = fixture_path ("seed-details.json");
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

static GPtrArray *
get_fields (PkioWorkspace *workspace)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;

  pkio_workspace_get_custom_fields_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  fields = pkio_workspace_get_custom_fields_finish (workspace, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fields);
  return fields;
}

static PkioSendResult *
place (PkioWorkspace *workspace,
       PkioOrder     *order)
{
  g_autoptr(GAsyncResult) result = NULL;

  pkio_workspace_place_order_async (workspace, order, NULL, test_result_cb, NULL);
  result = test_wait ();
  return pkio_workspace_place_order_finish (workspace, result);
}

/* The body of the last order POST the simulator received, compact. */
static char *
last_body (PkioSimulator *sim)
{
  g_autoptr(GPtrArray) requests = pkio_simulator_get_requests (sim);

  for (guint i = requests->len; i > 0; i--)
    {
      PkioSimulatorRequest *request = g_ptr_array_index (requests, i - 1);

      if (g_str_equal (request->method, "POST"))
        {
          g_autoptr(JsonNode) node = pkio_simulator_request_dup_json (request);

          return json_to_string (node, FALSE);
        }
    }
  return NULL;
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
counted (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Practice mode's account has one optional field, "Cost centre", in the person's language. */
static void
test_practice_account (void)
{
  g_autoptr(PkioWorkspace) workspace = practice_workspace ();
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  const PkioCustomField *field;
  guint notified = 0;

  g_signal_connect_swapped (workspace, "notify::custom-fields", G_CALLBACK (counted), &notified);
  g_assert_null (pkio_workspace_get_custom_fields (workspace));
  pkio_simulator_clear_requests (sim);

  /* Two callers at once: one request. */
  pkio_workspace_get_custom_fields_async (workspace, NULL, keep_result_cb, &first);
  pkio_workspace_get_custom_fields_async (workspace, NULL, keep_result_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);
  fields = pkio_workspace_get_custom_fields_finish (workspace, first, NULL);
  again = pkio_workspace_get_custom_fields_finish (workspace, second, NULL);
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "GET", "account/metadata"), ==, 1);
  g_assert_true (fields == again);
  g_assert_cmpuint (notified, ==, 1);

  g_assert_cmpuint (fields->len, ==, 1);
  field = g_ptr_array_index (fields, 0);
  g_assert_cmpint (field->id, ==, PKIO_PRACTICE_COST_CENTRE_ID);
  g_assert_cmpstr (field->label, ==, _("Cost centre"));
  g_assert_false (field->is_required);
  g_assert_true (field->is_active);
  g_assert_true (pkio_workspace_get_custom_fields (workspace) == fields);

  /* Kept: asked again, not sent again. */
  g_clear_pointer (&again, g_ptr_array_unref);
  again = get_fields (workspace);
  g_assert_true (again == fields);
  g_assert_cmpuint (pkio_simulator_count_requests (sim, "GET", "account/metadata"), ==, 1);
}

/* Optional: an order without it is fine; with it, the body carries it. */
static void
test_practice_order_with_cost_centre (void)
{
  g_autoptr(PkioWorkspace) workspace = practice_workspace ();
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autoptr(GPtrArray) fields = get_fields (workspace);
  g_autoptr(PkioOrder) order = seed_order ();
  g_autoptr(GPtrArray) problems = pkio_workspace_check_custom_fields (workspace, order);
  g_autoptr(PkioSendResult) sent = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = g_strdup_printf ("\"custom_fields\":[{\"metadata_id\":%d,"
                                               "\"value\":\"KP-4711\"}]}",
                                               PKIO_PRACTICE_COST_CENTRE_ID);

  g_assert_cmpuint (problems->len, ==, 0);
  pkio_order_set_custom_value (order, PKIO_PRACTICE_COST_CENTRE_ID, " KP-4711 ");
  sent = place (workspace, order);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
  body = last_body (sim);
  g_assert_true (g_str_has_suffix (body, expected));
}

/* Only an inactive field: nothing is shown or sent, and the body is exactly the seed's. */
static void
test_no_active_fields_body_is_the_seed (void)
{
  g_autoptr(PkioWorkspace) workspace = practice_workspace ();
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autoptr(GPtrArray) inactive = pkio_custom_field_list_new ();
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(PkioOrder) order = seed_order ();
  g_autoptr(PkioSendResult) sent = NULL;
  g_autofree char *path = fixture_path ("seed-details.json");
  g_autofree char *seed_text = NULL;
  g_autoptr(JsonNode) seed = NULL;
  g_autofree char *seed_compact = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_ptr_array_add (inactive, pkio_custom_field_new (9, "Old cost centre", TRUE, FALSE, "int"));
  pkio_simulator_set_custom_fields (sim, inactive);
  fields = get_fields (workspace);
  g_assert_cmpuint (fields->len, ==, 0);
  problems = pkio_workspace_check_custom_fields (workspace, order);
  g_assert_cmpuint (problems->len, ==, 0);

  sent = place (workspace, order);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_PLACED);
  g_assert_true (g_file_get_contents (path, &seed_text, NULL, NULL));
  seed = json_from_string (seed_text, NULL);
  seed_compact = json_to_string (seed, FALSE);
  body = last_body (sim);
  g_assert_cmpstr (body, ==, seed_compact);
}

/* A required field: checked before sending, and, sent anyway, refused by CertCentral with its
 * error shape; the refusal is matched to the field. A value it cannot take is refused too. */
static void
test_required_field_refused (void)
{
  g_autoptr(PkioWorkspace) workspace = practice_workspace ();
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autoptr(GPtrArray) required = pkio_custom_field_list_new ();
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PkioOrder) order = seed_order ();
  g_autoptr(PkioSendResult) sent = NULL;
  g_autoptr(PkioSendResult) typed = NULL;
  g_autoptr(PkioSendResult) right = NULL;
  GPtrArray *entries;
  PkioApiErrorEntry *entry;
  guint orders;

  g_ptr_array_add (required, pkio_custom_field_new (7, "Cost centre", TRUE, TRUE, "int"));
  g_ptr_array_add (required, pkio_custom_field_new (8, "Project", FALSE, TRUE, NULL));
  pkio_simulator_set_custom_fields (sim, required);
  fields = get_fields (workspace);
  g_assert_cmpuint (fields->len, ==, 2);

  problems = pkio_workspace_check_custom_fields (workspace, order);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((PkioProblem *) g_ptr_array_index (problems, 0))->path, ==,
                   "custom_fields.7");

  orders = pkio_simulator_get_n_orders (sim);
  sent = place (workspace, order);
  g_assert_cmpint (sent->state, ==, PKIO_SEND_STATE_REJECTED);
  g_assert_cmpuint (pkio_simulator_get_n_orders (sim), ==, orders);
  g_assert_true (pkio_api_error_is_not_placed (sent->error));
  entries = pkio_api_error_get_entries (sent->error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->code, ==, "missing");
  g_assert_cmpstr (entry->field, ==, "custom_fields.7");
  g_assert_nonnull (strstr (entry->message, "Cost centre"));
  g_assert_cmpint (pkio_workspace_custom_field_for_refusal (workspace, entry), ==, 7);

  pkio_order_set_custom_value (order, 7, "47a");
  typed = place (workspace, order);
  g_assert_cmpint (typed->state, ==, PKIO_SEND_STATE_REJECTED);
  entry = g_ptr_array_index (pkio_api_error_get_entries (typed->error), 0);
  g_assert_cmpstr (entry->code, ==, "invalid_custom_field_value");
  g_assert_cmpint (pkio_workspace_custom_field_for_refusal (workspace, entry), ==, 7);

  pkio_order_set_custom_value (order, 7, "4711");
  right = place (workspace, order);
  g_assert_cmpint (right->state, ==, PKIO_SEND_STATE_PLACED);
  g_assert_cmpuint (pkio_simulator_get_n_orders (sim), ==, orders + 1);
}

/* Simulator: GET account/metadata as documented, {} without fields. */
static void
test_simulator_metadata (void)
{
  g_autoptr(PkioWorkspace) workspace = practice_workspace ();
  PkioSimulator *sim = pkio_workspace_get_simulator (workspace);
  g_autoptr(GPtrArray) none = NULL;

  pkio_simulator_set_custom_fields (sim, NULL);
  none = get_fields (workspace);
  g_assert_cmpuint (none->len, ==, 0);
}

/* The fields belong to the account: another address (another client) asks again, and says
 * the old ones are gone. Needs the keyring (a key for each address). */
static void
test_follows_account (void)
{
  g_autoptr(PkioSimulator) sim_a = pkio_simulator_new ();
  g_autoptr(PkioSimulator) sim_b = pkio_simulator_new ();
  g_autoptr(GPtrArray) a_fields = pkio_custom_field_list_new ();
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) b_fields = NULL;
  guint notified = 0;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under dbus-run-session with gnome-keyring");
      return;
    }
  pkio_simulator_set_api_key (sim_a, "fields-key-a");
  pkio_simulator_set_api_key (sim_b, "fields-key-b");
  g_assert_true (pkio_simulator_start (sim_a, NULL));
  g_assert_true (pkio_simulator_start (sim_b, NULL));
  g_ptr_array_add (a_fields, pkio_custom_field_new (1, "Department", TRUE, TRUE, NULL));
  pkio_simulator_set_custom_fields (sim_a, a_fields);
  for (guint i = 0; i < 2; i++)
    {
      PkioSimulator *sim = i == 0 ? sim_a : sim_b;

      pkio_credentials_store_async (pkio_simulator_get_base_url (sim),
                                    i == 0 ? "fields-key-a" : "fields-key-b", NULL,
                                    test_result_cb, NULL);
      result = test_wait ();
      if (!pkio_credentials_store_finish (result, &error))
        {
          g_test_skip_printf ("No usable Secret Service: %s", error->message);
          return;
        }
      g_clear_object (&result);
    }

  g_unsetenv ("PKIO_ORDERS_API_URL");
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "api-base-url", pkio_simulator_get_base_url (sim_a));
  workspace = pkio_workspace_new (settings, FALSE);
  pkio_workspace_load_async (workspace, NULL, test_result_cb, NULL);
  result = test_wait ();
  g_assert_true (pkio_workspace_load_finish (workspace, result, &error));
  g_assert_cmpint (pkio_workspace_get_state (workspace), ==, PKIO_WORKSPACE_STATE_READY);
  fields = get_fields (workspace);
  g_assert_cmpuint (fields->len, ==, 1);

  g_signal_connect_swapped (workspace, "notify::custom-fields", G_CALLBACK (counted), &notified);
  g_settings_set_string (settings, "api-base-url", pkio_simulator_get_base_url (sim_b));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_null (pkio_workspace_get_custom_fields (workspace));
  while (pkio_workspace_get_client (workspace) == NULL)
    g_main_context_iteration (NULL, TRUE);
  b_fields = get_fields (workspace);
  g_assert_cmpuint (b_fields->len, ==, 0);
  g_assert_cmpuint (pkio_simulator_count_requests (sim_b, "GET", "account/metadata"), ==, 1);
  g_settings_reset (settings, "api-base-url");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("pkio-custom-fields-XXXXXX", NULL);
  const char *localedir = g_getenv ("PKIO_ORDERS_LOCALEDIR");
  int status;

  /* Before GLib reads XDG_DATA_HOME (it caches it): practice mode's data of its own. */
  data_home = g_build_filename (tmp, "data", NULL);
  g_mkdir_with_parents (data_home, 0700);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/custom-fields-account/practice-account", test_practice_account);
  g_test_add_func ("/custom-fields-account/practice-order-with-cost-centre",
                   test_practice_order_with_cost_centre);
  g_test_add_func ("/custom-fields-account/no-active-fields-body-is-the-seed",
                   test_no_active_fields_body_is_the_seed);
  g_test_add_func ("/custom-fields-account/required-field-refused", test_required_field_refused);
  g_test_add_func ("/custom-fields-account/simulator-metadata", test_simulator_metadata);
  g_test_add_func ("/custom-fields-account/follows-account", test_follows_account);
  status = g_test_run ();
  test_rm_rf (tmp);
  g_free (data_home);
  return status;
}
