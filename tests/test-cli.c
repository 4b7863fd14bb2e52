/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "pkio-credentials.h"
#include "pkio-order-json.h"
#include "pkio-order.h"
#include "pkio-problem.h"

#include "cli-test-util.h"
#include "test-hooks.h"

/* The command line, end to end: the built pkio-orders binary against a simulator in its own
 * process, with HOME and XDG_* in a temporary folder. Keyring tests need an unlocked
 * Secret Service on the session bus (the test wrapper starts gnome-keyring-daemon). */

static void
test_help (void)
{
  const char *commands[] = { "order", "set-api-key", "history", "status" };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (run_cli (NULL, &out, NULL, commands[i], "--help"), ==, 0);
      g_assert_nonnull (strstr (out, commands[i]));
      g_assert_nonnull (strstr (out, "--practice"));
    }
}

static void
test_unknown_command (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, &err, "ordr"), ==, 1);
  g_assert_nonnull (strstr (err, "ordr"));
  g_assert_nonnull (strstr (err, "set-api-key"));
}

static void
check_dry_run (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *expected_text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path, "--dry-run"), ==, 0);

  /* Exactly the normalized body the core would send, pretty with 2 spaces. */
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  order = pkio_order_from_json (json_parser_get_root (parser), problems);
  g_assert_nonnull (order);
  g_assert_cmpuint (problems->len, ==, 0);
  expected = pkio_order_to_json (order);
  json_generator_set_root (generator, expected);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  expected_text = json_generator_to_data (generator, NULL);
  g_assert_true (g_str_has_prefix (out, expected_text));
  g_assert_cmpstr (out + strlen (expected_text), ==, "\n");
  g_assert_nonnull (strstr (out, "\n  \"certificate\" : {\n"));
  /* No key yet: the duplicate check says, in one line, that it could not be made. */
  g_assert_true (g_str_has_prefix (err, "Could not check whether this person already has a "
                                        "certificate of this kind: No API key is stored"));
  g_assert_cmpstr (strchr (err, '\n'), ==, "\n");
}

static void
test_dry_run_seeds (void)
{
  check_dry_run ("seed-details.json");
  check_dry_run ("seed-id.json");
}

/* `order -` reads the body from standard input (inside a Flatpak sandbox there may be no file
 * to name): the same results and exit codes as with the file. */
static void
test_order_from_stdin (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *body = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *from_stdin = NULL;
  g_autofree char *err = NULL;
  g_autofree char *broken = NULL;

  g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
  g_assert_cmpint (run_cli (NULL, &from_file, NULL, "order", path, "--dry-run"), ==, 0);
  g_assert_cmpint (run_cli (body, &from_stdin, NULL, "order", "-", "--dry-run"), ==, 0);
  g_assert_cmpstr (from_stdin, ==, from_file);
  g_clear_pointer (&from_stdin, g_free);

  /* Placed from standard input, in practice mode. */
  g_assert_cmpint (run_cli (body, &from_stdin, NULL, "--practice", "order", "-"), ==, 0);
  g_assert_cmpint (parse_order_id (from_stdin), >, 0);
  g_clear_pointer (&from_stdin, g_free);

  /* A problem names where the body came from. */
  broken = g_strdup_printf ("%s", body);
  broken[strlen (broken) / 2] = '\0';
  g_assert_cmpint (run_cli (broken, &from_stdin, &err, "order", "-", "--dry-run"), ==, 2);
  g_assert_true (g_str_has_prefix (err, "(standard input): "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("", NULL, &err, "order", "-", "--dry-run"), ==, 2);
  g_assert_true (g_str_has_prefix (err, "(standard input): "));
}

static void
test_dry_run_practice_first (void)
{
  g_autofree char *path = fixture ("seed-id.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "--practice", "order", path, "--dry-run"), ==, 0);
  g_assert_true (g_str_has_prefix (err, "Practice mode"));
  g_assert_nonnull (strstr (out, "\"nonrepudiation\""));
}

typedef struct
{
  const char *file;
  const char *from;       /* NULL: @to is the whole file (or NULL: no file at all) */
  const char *to;
  const char *prefixes[3]; /* each must start a line of stderr */
  const char *contains;   /* and stderr must contain this, when set */
} InvalidCase;

static void
test_dry_run_card_hidden (void)
{
  g_autofree char *path = write_variant ("card.json", "\"payment_method\": \"balance\"",
                                         "\"payment_method\": \"card\",\n"
                                         "\"credit_card\": {\"number\": \"4111 1111 1111 1111\", "
                                         "\"expiration_month\": \"12\", "
                                         "\"expiration_year\": \"2039\", \"cvv\": \"987\", "
                                         "\"cardholder_name\": \"John Doe\", "
                                         "\"save_credit_card\": false, \"set_as_default\": 0},\n"
                                         "\"billing_address\": {\"address\": \"813 Lincoln Street\", "
                                         "\"city\": \"Amsterdam\", \"country\": \"nl\", "
                                         "\"zip\": \"1013 AA\"}");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Card details are never printed, not even the ones the person typed. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path, "--dry-run"), ==, 0);
  g_assert_nonnull (strstr (out, "\"credit_card\""));
  g_assert_nonnull (strstr (out, "1111\""));
  g_assert_null (strstr (out, "4111"));
  g_assert_null (strstr (out, "987"));
  g_assert_null (strstr (out, "2039"));
  g_assert_nonnull (strstr (err, "hidden"));
}

static void
test_invalid_files (void)
{
  const InvalidCase cases[] = {
    { "missing.json", NULL, NULL, { "missing.json: ", NULL }, "no such file" },
    { "not-json.json", NULL, "{\n  \"certificate\": {\n    sha256\n}",
      { "not-json.json: ", NULL }, "(line 2, column " },
    { "array.json", NULL, "[1, 2, 3]\n", { "array.json: ", NULL }, "object" },
    { "sha1.json", "\"sha256\"", "\"sha1\"", { "certificate.signature_hash: ", NULL }, NULL },
    { "zip.json", "\"1013 AA\"", "\"1013\"",
      { "certificate.individual.zip: ", "ship_info.zip: ", NULL }, NULL },
    { "csa.json", "\"csa_agreed_to\": true", "\"csa_agreed_to\": false",
      { "csa_agreed_to: ", NULL }, NULL },
    { "phone.json", "+31(0)20 254 7999", "020 254 7999",
      { "certificate.individual.telephone: ", NULL }, NULL },
    { "unknown-key.json", "\"provisioning_method\"",
      "\"api_key\": \"x\", \"provisioning_method\"", { "api_key: ", NULL }, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const InvalidCase *c = &cases[i];
      g_autofree char *path = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto(GStrv) lines = NULL;

      if (c->from != NULL)
        path = write_variant (c->file, c->from, c->to);
      else if (c->to != NULL)
        path = write_file (c->file, c->to);

      /* Relative to the working directory (the temporary folder), as a person types it. */
      g_test_message ("case %s", c->file);
      g_assert_cmpint (run_cli (NULL, &out, &err, "order", c->file, "--dry-run"), ==, 2);
      g_assert_cmpstr (out, ==, "");

      lines = g_strsplit (err, "\n", -1);
      for (gsize e = 0; c->prefixes[e] != NULL; e++)
        {
          gboolean found = FALSE;

          for (gsize l = 0; lines[l] != NULL; l++)
            found = found || g_str_has_prefix (lines[l], c->prefixes[e]);
          if (!found)
            g_error ("%s: expected a line starting with “%s” in:\n%s", c->file,
                     c->prefixes[e], err);
        }
      if (c->contains != NULL && strstr (err, c->contains) == NULL)
        g_error ("%s: expected “%s” in:\n%s", c->file, c->contains, err);
    }
}

static void
test_secret_option_refused (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path, "--api-key=sk-SECRET-VALUE-123"),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--api-key"));
  g_assert_null (strstr (err, "SECRET-VALUE"));
  g_assert_cmpstr (out, ==, "");

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "status", "--api-key", "sk-SECRET-VALUE-123", "5"),
                   ==, 2);
  g_assert_null (strstr (err, "SECRET-VALUE"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "set-api-key", "sk-SECRET-VALUE-123"), ==, 2);
  g_assert_null (strstr (err, "SECRET-VALUE"));
}

static void
test_status_bad_id (void)
{
  const char *bad[] = { "abc", "0", "12x", "99999999999999999999999" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (NULL, NULL, &err, "status", bad[i]), ==, 2);
      g_assert_nonnull (strstr (err, bad[i]));
    }
}

static void
test_order_without_key (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *err = NULL;

  if (!require_keyring ())
    return;

  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", path), ==, 1);
  g_assert_nonnull (strstr (err, "No API key is stored for"));
  g_assert_nonnull (strstr (err, "set-api-key"));
}

static void
test_set_api_key_wrong (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *stored = NULL;

  if (!require_keyring ())
    return;

  g_assert_cmpint (run_cli (WRONG_KEY "\n", &out, &err, "set-api-key"), ==, 3);
  g_assert_nonnull (strstr (err, "nothing was stored"));
  stored = secret_tool_lookup ();
  g_assert_cmpstr (stored, ==, "");

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("   \n", NULL, &err, "set-api-key"), ==, 2);
}

static void
test_set_api_key_right (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *stored = NULL;

  if (!require_keyring ())
    return;

  /* Surrounding blanks are trimmed. */
  g_assert_cmpint (run_cli ("  " TEST_KEY "  \n", &out, &err, "set-api-key"), ==, 0);
  g_assert_nonnull (strstr (out, "Key accepted for"));
  g_assert_nonnull (strstr (out, "(account "));
  stored = secret_tool_lookup ();
  g_assert_cmpstr (stored, ==, TEST_KEY);
  cli.key_stored = TRUE;
}

static void
test_order_end_to_end (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *history = g_build_filename (cli.data_dir, "history.sqlite", NULL);

  if (!require_keyring ())
    return;
  g_assert_true (cli.key_stored);

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 0);
  cli.placed_order_id = parse_order_id (out);
  g_assert_cmpint (cli.placed_order_id, >, 0);
  g_assert_nonnull (strstr (out, "certificate_id: "));
  /* The attempt went through the journal. */
  g_assert_true (g_file_test (history, G_FILE_TEST_EXISTS));
}

static void
test_order_journal_unwritable (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *blocker = g_build_filename (cli.tmpdir, "blocked-data", NULL);
  g_autofree char *blocked_dir = g_build_filename (blocker, DATA_DIR_NAME, NULL);
  g_autofree char *env_data = g_strdup_printf ("XDG_DATA_HOME=%s", blocker);
  const char *env[] = { env_data, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;
  g_assert_true (cli.key_stored);

  /* The data folder cannot be created (a file is in its place, which stops root too): the
   * order must not be sent, since it could not be journaled first. */
  g_assert_cmpint (g_mkdir_with_parents (blocker, 0700), ==, 0);
  g_file_set_contents (blocked_dir, "not a folder", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_cli_full (NULL, env, &out, &err, "order", path, NULL), ==, 1);
  g_assert_null (strstr (out, "order_id"));
  g_assert_nonnull (strstr (err, "history"));
}

static void
test_status (void)
{
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!require_keyring ())
    return;
  g_assert_cmpint (cli.placed_order_id, >, 0);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, cli.placed_order_id);
  g_assert_cmpint (run_cli (NULL, &out, &err, "status", id), ==, 0);
  g_assert_nonnull (strstr (out, id));
  g_assert_true (strstr (out, "(pending)") != NULL || strstr (out, "(issued)") != NULL);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "status", "999999"), ==, 1);
  g_assert_nonnull (strstr (err, "No order 999999"));
}

static void
test_history_exports (void)
{
  g_autofree char *id = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;
  g_assert_cmpint (cli.placed_order_id, >, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, cli.placed_order_id);

  g_assert_cmpint (run_cli (NULL, &csv, &err, "history", "--csv"), ==, 0);
  g_assert_nonnull (strstr (csv, id));
  g_assert_nonnull (strstr (csv, "\r\n"));
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    guint n = 0;

    /* One order for this holder: merged with CertCentral's copy, not duplicated, and the
     * attempt refused for its unwritable journal never reached CertCentral. */
    for (gsize i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "john.doe@example.com") != NULL)
        n++;
    g_assert_cmpuint (n, ==, 1);
  }

  g_assert_cmpint (run_cli (NULL, &json, NULL, "history", "--json"), ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, id));

  g_assert_cmpint (run_cli (NULL, &table, NULL, "history"), ==, 0);
  g_assert_nonnull (strstr (table, "Order"));
  g_assert_nonnull (strstr (table, id));

  g_assert_cmpint (run_cli (NULL, NULL, NULL, "history", "--csv", "--json"), ==, 2);
}

static void
test_history_offline (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!require_keyring ())
    return;

  /* The key is stored for the simulator's URL only: another address has none, so the
   * stored history is shown with a warning, and the exit status says it is not up to date. */
  g_setenv ("PKIO_ORDERS_API_URL", "http://127.0.0.1:9/services/v2/", TRUE);
  g_assert_cmpint (run_cli (NULL, &out, &err, "history", "--csv"), ==, 1);
  g_setenv ("PKIO_ORDERS_API_URL", cli.base_url, TRUE);
  g_assert_nonnull (strstr (err, "Could not update from CertCentral"));
  if (cli.placed_order_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cli.placed_order_id);

      g_assert_nonnull (strstr (out, id));
    }
}

static void
test_order_rejected (void)
{
  g_autofree char *seed = fixture ("seed-id.json");
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!require_keyring ())
    return;
  g_assert_true (cli.key_stored);

  /* Valid here, refused by CertCentral: no individual 999 on the account. */
  g_assert_true (g_file_get_contents (seed, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "\"id\": 21", "\"id\": 999", 0), ==, 1);
  path = write_file ("unknown-individual.json", text->str);

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 3);
  g_assert_null (strstr (out, "order_id"));
  g_assert_nonnull (strstr (err, "\ncertificate.individual.id: "));
}


static void
test_order_outcome_unknown (void)
{
  g_autofree char *path = write_variant ("unknown.json", "john.doe@example.com",
                                         "unknown.test@example.com");
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *env_url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  const char *env[] = { NULL, NULL };
  const char *offline_env[] = { "PKIO_ORDERS_API_URL=http://127.0.0.1:9/services/v2/", NULL };
  GThread *thread;

  if (!require_keyring ())
    return;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           &error);
  g_assert_no_error (error);
  g_socket_bind (listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/services/v2/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  /* A key for that address, as set-api-key would store it. */
  secret_password_store_sync (pkio_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                              "PKIo Orders API key", TEST_KEY, NULL, &error,
                              "api-url", url, NULL);
  g_assert_no_error (error);

  thread = g_thread_new ("hang-up", hang_up_after_body_thread, g_object_ref (listener));
  env_url = g_strdup_printf ("PKIO_ORDERS_API_URL=%s", url);
  env[0] = env_url;
  /* The server above answers one request (the POST): no duplicate check before it. */
  g_assert_cmpint (run_cli_full (NULL, env, &out, &err, "order", "--allow-existing", path,
                                 NULL), ==, 4);
  g_assert_true (g_thread_join (thread) != NULL);
  secret_password_clear_sync (pkio_credentials_get_schema (), NULL, NULL, "api-url", url, NULL);

  g_assert_null (strstr (out, "order_id"));
  g_assert_nonnull (strstr (err, "may or may not have been placed"));
  g_assert_nonnull (strstr (err, "Do NOT send it again"));
  g_assert_nonnull (strstr (err, "pkio-orders history"));

  /* The journal says so (shown offline here: no key for that address, so exit 1). */
  g_assert_cmpint (run_cli_full (NULL, offline_env, &csv, NULL, "history", "--csv", NULL), ==, 1);
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    gboolean found = FALSE;

    for (gsize i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "unknown.test@example.com") != NULL)
        {
          found = TRUE;
          g_assert_true (g_str_has_suffix (lines[i], ",unknown,,,,,,none,,"));
        }
    g_assert_true (found);
  }
}

static void
test_practice (void)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;
  g_autofree char *practice_history = g_build_filename (cli.data_dir,
                                                        "practice-history.sqlite", NULL);
  gint64 order_id;

  /* The same person was ordered from standard input above (the duplicate check itself:
   * test-cli-duplicate.c). */
  g_assert_cmpint (run_cli (NULL, &out, &err, "--practice", "order", "--allow-existing", path),
                   ==, 0);
  g_assert_true (g_str_has_prefix (err, "Practice mode — no real orders"));
  order_id = parse_order_id (out);
  g_assert_cmpint (order_id, >, 0);
  g_assert_true (g_file_test (practice_history, G_FILE_TEST_EXISTS));

  /* A second process still knows the order: the simulator keeps its state in the data dir. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "status", id, "--practice"), ==, 0);
  g_assert_true (g_str_has_prefix (err, "Practice mode"));
  g_assert_nonnull (strstr (out, id));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "history", "--practice", "--csv"), ==, 0);
  g_assert_nonnull (strstr (out, id));
}

static void
test_practice_set_api_key (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Checked against the in-process simulator; the keyring is never touched. */
  g_assert_cmpint (run_cli (WRONG_KEY "\n", &out, &err, "--practice", "set-api-key"), ==, 3);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("practice-key\n", &out, &err, "set-api-key", "--practice"), ==, 0);
  g_assert_nonnull (strstr (out, "not stored"));
}

static void
test_killed_order_reconciled (void)
{
  g_autofree char *path = write_variant ("crash.json", "john.doe@example.com",
                                         "crash.test@example.com");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  int status;
  const char *env[] = { "PKIO_ORDER_SENDER_TEST_CRASH_POINT=after-send", NULL };

  PKIO_TEST_SKIP_WITHOUT_HOOKS ();
  if (!require_keyring ())
    return;
  g_assert_true (cli.key_stored);

  /* The process dies right after the request left: the journal must say "unknown". */
  status = run_cli_full (NULL, env, &out, &err, "order", path, NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_null (strstr (out, "order_id: "));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &csv, &err, "history", "--csv"), ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    gboolean found = FALSE;

    for (gsize i = 0; lines[i] != NULL; i++)
      {
        if (strstr (lines[i], "crash.test@example.com") == NULL)
          continue;
        found = TRUE;
        /* Reconciled: the simulator did create it, so it is placed, with an order id. */
        g_assert_null (strstr (lines[i], "unknown"));
        g_assert_null (strstr (lines[i], "sending"));
        g_assert_nonnull (strstr (lines[i], "placed"));
      }
    g_assert_true (found);
  }
}

/* Runs last: nothing the CLI printed or wrote holds the key. */

static void
test_no_secret_leaks (void)
{
  g_assert_null (strstr (cli.transcript->str, TEST_KEY));
  g_assert_null (strstr (cli.transcript->str, WRONG_KEY));
  g_assert_false (tree_contains (cli.data_dir, TEST_KEY));
  g_assert_false (tree_contains (cli.data_dir, WRONG_KEY));
  g_assert_false (tree_contains (cli.data_dir, "practice-key"));
}

/* The language chosen in Preferences wins at the next start, also where only the C locales
 * exist (as here) and over LANGUAGE from the environment. */
static void
write_language_setting (const char *config_dir,
                        const char *language)
{
  g_autofree char *dir = g_build_filename (config_dir, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text = g_strdup_printf ("[%s]\nlanguage='%s'\n", SCHEMA_PATH_KEYFILE_GROUP,
                                           language);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_language_setting (void)
{
  g_autofree char *config = g_build_filename (cli.tmpdir, "language-config", NULL);
  g_autofree char *env_config = g_strdup_printf ("XDG_CONFIG_HOME=%s", config);
  const char *env_c[] = { "GSETTINGS_BACKEND=keyfile", env_config, "LANG=C", "LC_ALL=C",
                          "LANGUAGE=", NULL };
  const char *env_nl[] = { "GSETTINGS_BACKEND=keyfile", env_config, "LANG=C.UTF-8",
                           "LC_ALL=C.UTF-8", "LANGUAGE=nl", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_language_setting (config, "nl");
  g_assert_cmpint (run_cli_full (NULL, env_c, &out, &err, "status", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Geef één bestelling op"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* "English" wins over LANGUAGE=nl. */
  write_language_setting (config, "en");
  g_assert_cmpint (run_cli_full (NULL, env_nl, &out, &err, "status", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Name one order"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Following the system: LANGUAGE=nl is used. */
  write_language_setting (config, "");
  g_assert_cmpint (run_cli_full (NULL, env_nl, &out, &err, "status", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Geef één bestelling op"));
}

int
main (int   argc,
      char *argv[])
{
  /* The cases build on each other (key, then order, then status and history), so they all
   * sit at one level, where GTest keeps the order they were added in. */
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/order-dry-run-seeds", test_dry_run_seeds);
  g_test_add_func ("/cli/order-dry-run-practice-first", test_dry_run_practice_first);
  g_test_add_func ("/cli/order-from-stdin", test_order_from_stdin);
  g_test_add_func ("/cli/order-dry-run-card-hidden", test_dry_run_card_hidden);
  g_test_add_func ("/cli/order-invalid-files", test_invalid_files);
  g_test_add_func ("/cli/secret-option-refused", test_secret_option_refused);
  g_test_add_func ("/cli/status-bad-id", test_status_bad_id);
  g_test_add_func ("/cli/order-without-key", test_order_without_key);
  g_test_add_func ("/cli/set-api-key-wrong", test_set_api_key_wrong);
  g_test_add_func ("/cli/set-api-key-right", test_set_api_key_right);
  g_test_add_func ("/cli/order-end-to-end", test_order_end_to_end);
  g_test_add_func ("/cli/order-journal-unwritable", test_order_journal_unwritable);
  g_test_add_func ("/cli/status-placed", test_status);
  g_test_add_func ("/cli/history-exports", test_history_exports);
  g_test_add_func ("/cli/history-offline", test_history_offline);
  g_test_add_func ("/cli/order-rejected", test_order_rejected);
  g_test_add_func ("/cli/order-outcome-unknown", test_order_outcome_unknown);
  g_test_add_func ("/cli/practice-order-then-status", test_practice);
  g_test_add_func ("/cli/practice-set-api-key", test_practice_set_api_key);
  g_test_add_func ("/cli/order-killed-then-reconciled", test_killed_order_reconciled);
  g_test_add_func ("/cli/no-secret-leaks", test_no_secret_leaks);
  g_test_add_func ("/cli/language-setting", test_language_setting);

  return cli_test_run ();
}
