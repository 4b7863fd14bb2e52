/* SPDX-License-Identifier: GPL-3.0-or-later */
/* After the order, on the command line: `pkio-orders expiring` and what `status` says of an
 * order waiting for approval, in English and Dutch, against the simulator in its own process
 * and in practice mode. Dates are set relative to the simulator's today, so nothing here
 * depends on the day it runs (a run that crosses midnight is skipped, not failed). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"

static const char *dutch[] = { "LANGUAGE=nl", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", NULL };

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Practice mode's examples: one certificate ends in 20 days, one has ended. */
static void
test_expiring_practice (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *row;

  g_assert_cmpint (run_cli (NULL, &out, &err, "--practice", "expiring"), ==, 0);
  g_assert_true (g_str_has_prefix (err, "Practice mode — no real orders"));
  g_assert_true (g_str_has_prefix (out, "Valid until  Days left  Order"));
  g_assert_nonnull (strstr (out, "Lars Visser <lars.visser@example.nl>"));
  g_assert_nonnull (strstr (out, "  20  "));
  /* Ended, in progress, or valid for years: not listed. */
  g_assert_null (strstr (out, "Emma Smit"));
  g_assert_null (strstr (out, "Anna de Vries"));
  g_assert_null (strstr (out, "Pieter Jansen"));
  g_assert_cmpuint (count_lines (out), ==, 2);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "--practice", "expiring", "--days", "19"), ==, 0);
  g_assert_cmpstr (out, ==, "No certificate ends within 19 days.\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "--practice", "expiring", "--days", "20"), ==, 0);
  g_assert_nonnull (strstr (out, "Lars Visser"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "expiring", "--practice", "--json"), ==, 0);
  json = json_from_string (out, NULL);
  g_assert_nonnull (json);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 1);
  row = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "holder_name"), ==, "Lars Visser");
  g_assert_cmpint (json_object_get_int_member (row, "days_left"), ==, 20);
  g_assert_nonnull (json_object_get_string_member (row, "valid_till"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "expiring", "--practice", "--csv"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "date,holder_name,"));
  g_assert_nonnull (strstr (out, ",20,,,none,,\r\n"));
  g_assert_cmpuint (count_lines (out), ==, 2);
}

static void
test_expiring_practice_dutch (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_full (NULL, dutch, &out, &err, "--practice", "expiring", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Geldig tot  Dagen over  Bestelling"));
  g_assert_nonnull (strstr (out, "Lars Visser"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli_full (NULL, dutch, &out, NULL, "--practice", "expiring", "--days", "1",
                                 NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Geen certificaat verloopt binnen 1 dag.\n");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_full (NULL, dutch, NULL, &err, "--practice", "expiring", "--days",
                                 "-5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--days: geef een heel aantal dagen van 0 tot 3650"));
}

static void
test_expiring_options (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "expiring", "--days", "-1"), ==, 2);
  g_assert_nonnull (strstr (err, "--days: give a whole number of days from 0 to 3650"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "expiring", "--days", "3651"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "expiring", "--days", "soon"), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "expiring", "--json", "--csv"), ==, 2);
  g_assert_nonnull (strstr (err, "Choose one of --json and --csv."));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "expiring", "now"), ==, 2);
}

static gint64
add_issued (const char *email,
            const char *first,
            const char *last,
            int         days_left)
{
  gint64 id = sim_number ("add-remote %s %s %s 86400 issued", email, first, last);
  g_autofree char *answer = NULL;

  g_assert_cmpint (id, >, 0);
  answer = sim_command ("validity %" G_GINT64_FORMAT " %d", id, days_left);
  g_assert_cmpstr (answer, ==, "ok");
  return id;
}

/* The account's certificates (placed elsewhere), soonest first, within the days asked for
 * and the default of 60 days. */
static void
test_expiring_account (void)
{
  g_autofree char *today = NULL;
  g_autofree char *today_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_default = NULL;
  g_autofree char *err = NULL;
  const char *in_5, *in_30, *in_45;

  if (!require_stored_key ())
    return;
  today = sim_command ("today");
  add_issued ("late@example.nl", "Late", "Later", 61);
  add_issued ("thirty@example.nl", "Dertig", "Dagen", 30);
  add_issued ("five@example.nl", "Vijf", "Dagen", 5);
  add_issued ("gone@example.nl", "Al", "Weg", -3);
  add_issued ("fortyfive@example.nl", "Vijfenveertig", "Dagen", 45);

  g_assert_cmpint (run_cli (NULL, &out, &err, "expiring", "--days", "30"), ==, 0);
  g_assert_cmpint (run_cli (NULL, &out_default, NULL, "expiring"), ==, 0);
  today_after = sim_command ("today");
  if (!g_str_equal (today, today_after))
    {
      g_test_skip ("midnight passed while the test ran");
      return;
    }
  in_5 = strstr (out, "Vijf Dagen");
  in_30 = strstr (out, "Dertig Dagen");
  g_assert_nonnull (in_5);
  g_assert_nonnull (in_30);
  g_assert_true (in_5 < in_30);
  g_assert_null (strstr (out, "Vijfenveertig"));
  g_assert_null (strstr (out, "Late Later"));
  g_assert_null (strstr (out, "Al Weg"));
  g_assert_cmpuint (count_lines (out), ==, 3);

  /* The default is the setting's: 60 days. */
  in_45 = strstr (out_default, "Vijfenveertig");
  g_assert_nonnull (in_45);
  g_assert_true (strstr (out_default, "Dertig Dagen") < in_45);
  g_assert_null (strstr (out_default, "Late Later"));
  g_assert_cmpuint (count_lines (out_default), ==, 4);
}

/* needs_approval in plain words, with since when, in both languages. */
static void
test_status_waiting_for_approval (void)
{
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_nl = NULL;
  gint64 order_id;

  if (!require_stored_key ())
    return;
  order_id = sim_number ("add-remote wacht@example.nl Wim Wachter 3600 needs_approval");
  g_assert_cmpint (order_id, >, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "status", id), ==, 0);
  g_assert_nonnull (strstr (out, "Status: Waiting for approval (needs_approval)\n"));
  g_assert_nonnull (strstr (out, "Waiting for approval by an administrator of your CertCentral "
                                 "account, since "));
  g_assert_cmpint (run_cli_full (NULL, dutch, &out_nl, NULL, "status", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out_nl, "Wacht op goedkeuring door een beheerder van uw "
                                    "CertCentral-account, sinds "));
}

/* ---- revoke ---- */

/* The order id of practice mode's certificate that ends in 20 days (Lars Visser). */
static char *
practice_issued_order (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *row;

  g_assert_cmpint (run_cli (NULL, &out, NULL, "expiring", "--practice", "--json"), ==, 0);
  json = json_from_string (out, NULL);
  g_assert_nonnull (json);
  row = json_array_get_object_element (json_node_get_array (json), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "holder_name"), ==, "Lars Visser");
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (row, "order_id"));
}

/* What is refused before anything is asked, in both languages: exit 2. */
static void
test_revoke_options (void)
{
  g_autofree char *id = practice_issued_order ();
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "revoke", id), ==, 2);
  g_assert_nonnull (strstr (err, "--reason: say why with lost, left, wrong-details or other."));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "revoke", id, "--reason", "stolen",
                            "--yes"), ==, 2);
  g_assert_nonnull (strstr (err, "--reason: say why"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "revoke", id, "--reason", "other",
                            "--yes"), ==, 2);
  g_assert_nonnull (strstr (err, "--comment: Say why the certificate is to be revoked: another "
                                 "reason needs a comment."));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--practice", "revoke", "12x", "--reason", "lost",
                            "--yes"), ==, 2);
  g_assert_nonnull (strstr (err, "“12x” is not an order number."));
  g_clear_pointer (&err, g_free);
  /* Not on a terminal (the test's standard input is not one): --yes is needed. */
  g_assert_cmpint (run_cli ("yes\n", NULL, &err, "--practice", "revoke", id, "--reason",
                            "lost"), ==, 2);
  g_assert_nonnull (strstr (err, "there is no terminal to confirm it on: add --yes"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_full ("ja\n", dutch, NULL, &err, "--practice", "revoke", id,
                                 "--reason", "lost", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Intrekken kan niet ongedaan worden gemaakt"));
  g_assert_nonnull (strstr (err, "--yes"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_full (NULL, dutch, NULL, &err, "--practice", "revoke", id, NULL), ==,
                   2);
  g_assert_nonnull (strstr (err, "--reason: zeg waarom met lost, left, wrong-details of other."));
}

/* Practice mode: the simulator takes the request; asked twice, the second is refused here. */
static void
test_revoke_practice (void)
{
  g_autofree char *id = practice_issued_order ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "--practice", "revoke", id, "--reason", "left",
                            "--yes"), ==, 0);
  g_assert_nonnull (strstr (err, "Revoke the certificate of Lars Visser <lars.visser@example.nl>"
                                 " (order "));
  g_assert_nonnull (strstr (err, "Reason: The holder has left or no longer needs it\n"));
  g_assert_nonnull (strstr (err, "Revocation cannot be undone"));
  g_assert_true (g_str_has_prefix (out, "Revocation requested (request "));
  g_assert_nonnull (strstr (out, "), waiting for an administrator of your CertCentral "
                                 "account.\n"));
}

/* Against CertCentral (the simulator in its own process): one PUT with "comments" only; a
 * second attempt is refused without a PUT; an unknown outcome is checked before the next. */
static void
test_revoke_account (void)
{
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bodies = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *out_nl = NULL;
  g_autofree char *err_nl = NULL;
  g_autofree char *delay = NULL;
  gint64 order_id;

  if (!require_stored_key ())
    return;
  /* The request stays pending: with the simulator's default approval after 2 s, a slow run
   * (ASan, a loaded machine) saw "Revoked" where this expects the request. */
  delay = sim_command ("revoke-delay never");
  g_assert_cmpstr (delay, ==, "ok");
  order_id = add_issued ("weg@example.nl", "Wendy", "Weg", 200);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  g_assert_cmpint (sim_number ("count PUT certificate/"), ==, 0);

  g_assert_cmpint (run_cli (NULL, &out, &err, "revoke", id, "--reason", "lost", "--comment",
                            "Left on the train", "--yes"), ==, 0);
  g_assert_nonnull (strstr (err, "Revoke the certificate of Wendy Weg <weg@example.nl>"));
  g_assert_true (g_str_has_prefix (out, "Revocation requested (request "));
  g_assert_cmpint (sim_number ("count PUT certificate/"), ==, 1);
  bodies = sim_command ("bodies PUT certificate/");
  g_assert_cmpstr (bodies, ==, "[{\"comments\":\"The token is lost or stolen. Left on the "
                               "train\"}]");

  /* Never twice: refused here, nothing sent. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "revoke", id, "--reason", "lost", "--yes"), ==, 2);
  g_assert_nonnull (strstr (err, "The revocation of this certificate was already asked for."));
  g_assert_cmpint (sim_number ("count PUT certificate/"), ==, 1);
  /* status says it, in both languages. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "status", id), ==, 0);
  g_assert_nonnull (strstr (out, "Revocation requested (request "));
  g_assert_cmpint (run_cli_full (NULL, dutch, &out_nl, NULL, "status", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out_nl, "Intrekking aangevraagd (verzoek "));

  /* A 500 after the PUT left: unknown (4); the next run checks first, finds nothing, and
   * only then asks again. */
  order_id = add_issued ("twijfel@example.nl", "Twan", "Twijfel", 200);
  id2 = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  fault = sim_command ("fault PUT certificate/ server-error 1");
  g_assert_cmpstr (fault, ==, "ok");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "revoke", id2, "--reason", "wrong-details",
                            "--yes"), ==, 4);
  g_assert_nonnull (strstr (err, "so it is not known whether it took it"));
  g_assert_nonnull (strstr (err, "it checks with CertCentral first"));
  g_assert_cmpint (sim_number ("count PUT certificate/"), ==, 2);
  g_clear_pointer (&out_nl, g_free);
  g_assert_cmpint (run_cli_full (NULL, dutch, &out_nl, &err_nl, "revoke", id2, "--reason",
                                 "wrong-details", "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (err_nl, "CertCentral heeft geen verzoek om het in te trekken"));
  g_assert_nonnull (strstr (err_nl, "Reden: De gegevens in het certificaat kloppen niet"));
  g_assert_true (g_str_has_prefix (out_nl, "Intrekking aangevraagd (verzoek "));
  g_assert_cmpint (sim_number ("count PUT certificate/"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli-lifecycle/expiring-practice", test_expiring_practice);
  g_test_add_func ("/cli-lifecycle/expiring-practice-dutch", test_expiring_practice_dutch);
  g_test_add_func ("/cli-lifecycle/expiring-options", test_expiring_options);
  g_test_add_func ("/cli-lifecycle/expiring-account", test_expiring_account);
  g_test_add_func ("/cli-lifecycle/status-waiting-for-approval",
                   test_status_waiting_for_approval);
  g_test_add_func ("/cli-lifecycle/revoke-options", test_revoke_options);
  g_test_add_func ("/cli-lifecycle/revoke-practice", test_revoke_practice);
  g_test_add_func ("/cli-lifecycle/revoke-account", test_revoke_account);

  return cli_test_run ();
}
