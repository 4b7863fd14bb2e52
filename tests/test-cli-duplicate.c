/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "batch-test-util.h"
#include "cli-test-util.h"

/* Issue 20 on the command line: `pkio-orders order` asks CertCentral (the simulator in its own
 * process, whose list rows carry no email) whether the holder already has a certificate of the
 * profile. The same person and profile twice: the second is refused with exit 2 and the line
 * "already-ordered: order N, profile, pending since YYYY-MM-DD", and nothing is sent; with
 * --allow-existing it goes through. A check that fails exits 1 unless --allow-existing;
 * --dry-run says what the check found and keeps its exit code. English and Dutch. A batch
 * checks every row the same way, and two desktops (two histories) share one CertCentral. */


static const char *dutch[] = { "LANGUAGE=nl", NULL };

/* The seed order for another person, of @profile. */
static char *
write_person (const char *name,
              const char *first,
              const char *last,
              const char *email,
              const char *profile)
{
  g_autofree char *path = fixture ("seed-details.json");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *full = g_strdup_printf ("\"%s %s\"", first, last);
  g_autofree char *first_json = g_strdup_printf ("\"%s\"", first);
  g_autofree char *last_json = g_strdup_printf ("\"%s\"", last);
  g_autofree char *profile_json = g_strdup_printf ("\"%s\"", profile);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "\"John Doe\"", full, 0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"John\"", first_json, 0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"Doe\"", last_json, 0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "john.doe@example.com", email, 0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"encryption\"", profile_json, 0), ==, 1);
  return write_file (name, text->str);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The local day of SECONDS ago: an order the simulator made an hour ago, in the first hour after
 * midnight, was placed yesterday. */
static char *
day_text_ago (guint seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -(gdouble) seconds);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The same person and profile twice: one POST; then --allow-existing: two. */
static void
test_order_twice (void)
{
  g_autofree char *path = write_person ("anna.json", "Anna", "de Vries",
                                        "anna.devries@example.nl", "authentication");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *today = today_text ();
  gint64 posts;
  gint64 first;

  if (!require_stored_key ())
    return;
  posts = sim_count_order_posts ();

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 0);
  first = parse_order_id (out);
  g_assert_cmpint (first, >, 0);
  g_assert_null (strstr (err, "already-ordered"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  /* Asked by email: list rows carry none, CertCentral filters. */
  g_assert_cmpint (sim_number ("count GET order/certificate"), >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Again: refused, naming the first; nothing sent. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 2);
  /* Pending since today, or issued already: the simulator issues after a second, and a slow
   * run (the sanitizer build) is past it. */
  expected = g_strdup_printf ("already-ordered: order %" G_GINT64_FORMAT ", authentication, ",
                              first);
  g_assert_true (g_str_has_prefix (err, expected));
  {
    g_autofree char *pending = g_strdup_printf ("pending since %s\n", today);
    const char *state = err + strlen (expected);

    g_assert_true (g_str_has_prefix (state, pending)
                   || g_str_has_prefix (state, "issued, valid until "));
  }
  g_assert_nonnull (strstr (err, "Anna de Vries already has an authentication certificate on "
                                 "order "));
  g_assert_nonnull (strstr (err, ", placed on this computer."));
  g_assert_nonnull (strstr (err, "--allow-existing"));
  g_assert_null (strstr (out, "order_id"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* In Dutch: the same line for scripts, the sentence translated. */
  g_assert_cmpint (run_cli_full (NULL, dutch, &out, &err, "order", path, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, expected));
  g_assert_nonnull (strstr (err, "Anna de Vries heeft al een authenticiteitscertificaat in "
                                 "bestelling "));
  g_assert_nonnull (strstr (err, "--allow-existing"));
  g_assert_null (strstr (err, "already has"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Wanted anyway: the second goes through. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--allow-existing", path), ==, 0);
  g_assert_cmpint (parse_order_id (out), >, first);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 2);
}

/* Ordered elsewhere (a colleague, the portal): pending blocks the same profile only. */
static void
test_ordered_elsewhere (void)
{
  g_autofree char *signing = write_person ("els-signing.json", "Els", "Visser",
                                           "els.visser@example.nl", "nonrepudiation");
  g_autofree char *auth = write_person ("els-auth.json", "Els", "Visser",
                                        "els.visser@example.nl", "authentication");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  gint64 posts;
  gint64 elsewhere;

  if (!require_stored_key ())
    return;
  /* Two days ago, authentication (the simulator's default), pending. */
  elsewhere = sim_number ("add-remote els.visser@example.nl Els Visser 172800");
  posts = sim_count_order_posts ();

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", auth), ==, 2);
  line = g_strdup_printf ("already-ordered: order %" G_GINT64_FORMAT ", authentication, pending "
                          "since ", elsewhere);
  g_assert_true (g_str_has_prefix (err, line));
  g_assert_nonnull (strstr (err, ", placed on another computer."));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A signing certificate for the same person is another thing: placed. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", signing), ==, 0);
  g_assert_cmpint (parse_order_id (out), >, 0);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
}

/* CertCentral answers the check with an error: exit 1 and nothing sent, unless
 * --allow-existing. --dry-run says what it found or that it could not check, with exit 0. */
static void
test_check_fails_and_dry_run (void)
{
  g_autofree char *path = write_person ("piet.json", "Piet", "Smit", "piet.smit@example.nl",
                                        "encryption");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ok = NULL;
  gint64 posts;
  gint64 elsewhere;

  if (!require_stored_key ())
    return;
  posts = sim_count_order_posts ();

  /* Every attempt of the two checks below answers 500 (the client makes 4 of a GET). */
  ok = sim_command ("fault GET order/certificate server-error 8");
  g_assert_cmpstr (ok, ==, "ok");
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 1);
  g_assert_nonnull (strstr (err, "Could not check whether this person already has a "
                                 "certificate of this kind: "));
  g_assert_nonnull (strstr (err, "--allow-existing"));
  g_assert_null (strstr (out, "order_id"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --dry-run: the same, said; exit 0. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--dry-run", path), ==, 0);
  g_assert_nonnull (strstr (out, "\"piet.smit@example.nl\""));
  g_assert_nonnull (strstr (err, "Could not check whether"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --allow-existing: no check, placed. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--allow-existing", path), ==, 0);
  g_assert_cmpint (parse_order_id (out), >, 0);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --dry-run with a match: named, exit 0, nothing sent. */
  elsewhere = sim_number ("last-order");
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--dry-run", path), ==, 0);
  g_assert_nonnull (strstr (out, "\"piet.smit@example.nl\""));
  {
    /* Pending or issued: the simulator issues after a second. */
    g_autofree char *line = g_strdup_printf ("already-ordered: order %" G_GINT64_FORMAT
                                             ", encryption, ", elsewhere);

    g_assert_nonnull (strstr (err, line));
  }
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
}


/* An order placed elsewhere for @email, of @profile, pending since an hour ago. */
#define ELSEWHERE_AGO 3600u

static gint64
add_elsewhere (const char *email,
               const char *profile)
{
  gint64 id = sim_number ("add-remote %s John Doe %u", email, ELSEWHERE_AGO);
  g_autofree char *ok = sim_command ("profile %" G_GINT64_FORMAT " %s", id, profile);

  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (ok, ==, "ok");
  return id;
}

/* A batch of three: the second person already has an encryption certificate on its way. The
 * dry run names it (exit 0); placing leaves it out (two POSTs, exit 2); run again in Dutch it
 * is left out again; with --allow-existing it is placed too. */
static void
test_batch_rows (void)
{
  g_autofree char *text = batch_test_people_table_at (3, ',', "batch.example.org");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  g_autofree char *left_out = NULL;
  g_autofree char *placed_day = day_text_ago (ELSEWHERE_AGO);
  gint64 posts;
  gint64 elsewhere;

  if (!require_stored_key ())
    return;
  g_free (write_file ("batch.csv", text));
  elsewhere = add_elsewhere ("person02@batch.example.org", "encryption");
  posts = sim_count_order_posts ();
  line = g_strdup_printf ("batch.csv:3: John Doe <person02@batch.example.org>: already-ordered: "
                          "order %" G_GINT64_FORMAT ", encryption, pending since %s\n",
                          elsewhere, placed_day);

  /* --dry-run: the match is named; the file is valid, so exit 0. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--dry-run", "batch.csv"), ==,
                   0);
  g_assert_nonnull (strstr (out, line));
  g_assert_null (strstr (out, "person01@batch.example.org>: already-ordered"));
  g_assert_nonnull (strstr (err, "batch.csv:3: John Doe already has an encryption certificate "
                                 "on order "));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Placed: rows 2 and 4 go, row 3 is left out, said with how to include it; exit 2. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--yes", "batch.csv"), ==, 2);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 2);
  g_assert_nonnull (strstr (out, line));
  left_out = g_strdup_printf ("batch.csv:3: John Doe <person02@batch.example.org>: left out: "
                              "John Doe already has an encryption certificate on order %"
                              G_GINT64_FORMAT ", pending since ", elsewhere);
  g_assert_nonnull (strstr (out, left_out));
  g_assert_nonnull (strstr (out, "batch.csv:2: John Doe <person01@batch.example.org>: placed as "
                                 "order "));
  g_assert_nonnull (strstr (out, "batch.csv:4: John Doe <person03@batch.example.org>: placed as "
                                 "order "));
  g_assert_nonnull (strstr (err, "batch.csv: 1 row is left out: its holder already has a "
                                 "certificate of this kind. To place it anyway, run the command "
                                 "again with --allow-existing.\n"));
  g_assert_nonnull (strstr (err, "batch.csv: 2 of 3 placed.\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Again, in Dutch: the placed rows are not checked (they would find their own orders) nor
   * sent; row 3 is left out again. */
  g_assert_cmpint (run_cli_full (NULL, dutch, &out, &err, "order", "--batch", "--yes",
                                 "batch.csv", NULL), ==, 2);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 2);
  g_assert_nonnull (strstr (out, line));
  g_assert_null (strstr (out, "person01@batch.example.org>: already-ordered"));
  g_assert_nonnull (strstr (out, "person02@batch.example.org>: weggelaten: John Doe heeft al "
                                 "een vertrouwelijkheidscertificaat in bestelling "));
  g_assert_nonnull (strstr (err, "--allow-existing"));
  g_assert_null (strstr (err, "left out"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Wanted anyway: only row 3 is sent. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--yes", "--allow-existing",
                            "batch.csv"), ==, 0);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 3);
  g_assert_nonnull (strstr (out, "batch.csv:3: John Doe <person02@batch.example.org>: placed as "
                                 "order "));
  g_assert_null (strstr (out, "already-ordered"));
  g_assert_nonnull (strstr (err, "batch.csv: 3 of 3 placed.\n"));
}

/* CertCentral answers the batch's check with an error: nothing is sent, exit 1, unless
 * --allow-existing; the dry run says it could not check and keeps exit 0. */
static void
test_batch_check_fails (void)
{
  g_autofree char *text = batch_test_people_table_at (2, ';', "unchecked.example.org");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *cleared = NULL;
  gint64 posts;

  if (!require_stored_key ())
    return;
  g_free (write_file ("unchecked.csv", text));
  posts = sim_count_order_posts ();

  /* Every attempt of the checks below answers 500 (4 attempts of a GET, a row each). */
  ok = sim_command ("fault GET order/certificate server-error 16");
  g_assert_cmpstr (ok, ==, "ok");
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--yes", "unchecked.csv"), ==,
                   1);
  g_assert_nonnull (strstr (err, "unchecked.csv:2: Could not check whether this person already "
                                 "has a certificate of this kind: "));
  g_assert_nonnull (strstr (err, "unchecked.csv: 2 rows could not be checked. Nothing was sent. "
                                 "Try again later, or add --allow-existing"));
  g_assert_null (strstr (out, "placed as order"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--dry-run", "unchecked.csv"),
                   ==, 0);
  g_assert_nonnull (strstr (err, "unchecked.csv:3: Could not check whether"));
  g_assert_nonnull (strstr (err, "2 orders, all valid"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cleared = sim_command ("clear-faults");
  g_assert_cmpstr (cleared, ==, "ok");

  /* --allow-existing: not checked, both placed. */
  g_clear_pointer (&ok, g_free);
  ok = sim_command ("fault GET order/certificate server-error 16");
  g_assert_cmpstr (ok, ==, "ok");
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--yes", "--allow-existing",
                            "unchecked.csv"), ==, 0);
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 2);
  g_clear_pointer (&cleared, g_free);
  cleared = sim_command ("clear-faults");
  g_assert_cmpstr (cleared, ==, "ok");
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  char **texts = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &texts[0], &texts[1],
                                        &error);
  g_assert_no_error (error);
  texts[2] = (char *) "done";
}

/* Ctrl+C while the rows are checked (before anything is sent): the check stops at once, says
 * so, and the program exits 1 by itself (it used to die of the signal without a word). Nothing
 * is sent, and the same file run again places every row. Fails without the SIGINT handling of
 * the check: the program is killed by SIGINT. */
static void
test_batch_interrupted_during_check (void)
{
  g_autofree char *text = batch_test_people_table_at (3, ';', "interrupted.example.org");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *texts[3] = { NULL, NULL, NULL };
  gint64 posts;
  gint64 lists;
  gint64 waited_ms = 0;

  if (!require_stored_key ())
    return;
  g_free (write_file ("interrupted.csv", text));
  posts = sim_count_order_posts ();
  lists = sim_number ("count GET order/certificate");
  /* Each question of the check is held 2 s (the simulator's fault delay): time to press
   * Ctrl+C while one is in flight. */
  ok = sim_command ("fault GET order/certificate delay 30");
  g_assert_cmpstr (ok, ==, "ok");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cli.tmpdir);
  process = g_subprocess_launcher_spawn (launcher, &error, cli.bin, "order", "--batch", "--yes",
                                         "interrupted.csv", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, "", NULL, communicated_cb, texts);

  /* The check has asked CertCentral about the first row: press Ctrl+C. */
  while (sim_number ("count GET order/certificate") == lists)
    {
      g_assert_cmpint (waited_ms, <, 60000);
      g_assert_null (texts[2]);
      g_usleep (20 * 1000);
      waited_ms += 20;
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_subprocess_send_signal (process, SIGINT);
  while (texts[2] == NULL)
    g_main_context_iteration (NULL, TRUE);
  out = texts[0];
  err = texts[1];
  g_string_append (cli.transcript, out);
  g_string_append (cli.transcript, err);
  g_test_message ("pkio-orders order --batch (Ctrl+C) → stdout:\n%s\nstderr:\n%s", out, err);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "interrupted.csv: stopped (Ctrl+C) while checking whether "
                                 "these people already have a certificate of this kind. "
                                 "Nothing was sent.\n"));
  g_assert_null (strstr (err, "could not be checked"));
  g_assert_null (strstr (out, "placed as order"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts);
  cleared = sim_command ("clear-faults");
  g_assert_cmpstr (cleared, ==, "ok");

  /* Nothing was journaled as sent: run again, every row is placed. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "--yes", "interrupted.csv"),
                   ==, 0);
  g_assert_nonnull (strstr (err, "interrupted.csv: 3 of 3 placed.\n"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 3);
}

/* Two desktops of one organisation, each with its own history, and one CertCentral: what one
 * ordered, the other is told of ("placed on another computer") and does not order again. */
static void
test_two_desktops (void)
{
  g_autofree char *path = write_person ("bram.json", "Bram", "de Jong", "bram@example.nl",
                                        "nonrepudiation");
  g_autofree char *other_home = g_build_filename (cli.tmpdir, "second-desktop", NULL);
  g_autofree char *other_env = g_strdup_printf ("XDG_DATA_HOME=%s", other_home);
  const char *second[] = { other_env, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  gint64 posts;
  gint64 first;
  gint64 again;

  if (!require_stored_key ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (other_home, 0700), ==, 0);
  posts = sim_count_order_posts ();

  /* The first desktop orders. */
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 0);
  first = parse_order_id (out);
  g_assert_cmpint (first, >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The second, whose history has never heard of it, is refused and told where it came from. */
  g_assert_cmpint (run_cli_full (NULL, second, &out, &err, "order", path, NULL), ==, 2);
  /* Pending, or issued already: the simulator issues on its own time. */
  line = g_strdup_printf ("already-ordered: order %" G_GINT64_FORMAT ", nonrepudiation, ", first);
  g_assert_true (g_str_has_prefix (err, line));
  g_assert_nonnull (strstr (err, "Bram de Jong already has a signing certificate on order "));
  g_assert_nonnull (strstr (err, ", placed on another computer."));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The second desktop's history is its own: nothing of the first's is in it. */
  g_assert_false (tree_contains (other_home, "bram@example.nl"));

  /* The second orders anyway; the first is then told of that newer one. */
  g_assert_cmpint (run_cli_full (NULL, second, &out, &err, "order", "--allow-existing", path,
                                 NULL), ==, 0);
  again = parse_order_id (out);
  g_assert_cmpint (again, >, first);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 2);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("already-ordered: order %" G_GINT64_FORMAT ", ", again);
  g_assert_true (g_str_has_prefix (err, line));
  g_assert_nonnull (strstr (err, ", placed on another computer."));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 2);
}

/* A known individual (CertCentral's id, no email in the file) whom no earlier order on this
 * computer gives an email for: CertCentral cannot be asked by id, so the check says that it
 * could not check and the order is placed (docs/decisions.md#duplicate-orders); --dry-run says
 * the same with exit 0. */
static void
test_known_individual (void)
{
  g_autofree char *path = fixture ("seed-id.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 posts;
  gint64 lists;

  if (!require_stored_key ())
    return;
  posts = sim_count_order_posts ();
  lists = sim_number ("count GET order/certificate");

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--dry-run", path), ==, 0);
  g_assert_nonnull (strstr (err, "Could not check whether this person already has a certificate "
                                 "of this kind: No earlier order of individual 21 on this "
                                 "computer says their email address"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", path), ==, 0);
  g_assert_cmpint (parse_order_id (out), >, 0);
  g_assert_nonnull (strstr (err, "No earlier order of individual 21 on this computer"));
  g_assert_null (strstr (err, "already-ordered"));
  g_assert_cmpint (sim_count_order_posts (), ==, posts + 1);
  /* Nothing to ask CertCentral with: no list was asked for. */
  g_assert_cmpint (sim_number ("count GET order/certificate"), ==, lists);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);
  g_test_add_func ("/cli-duplicate/order-twice", test_order_twice);
  g_test_add_func ("/cli-duplicate/ordered-elsewhere", test_ordered_elsewhere);
  g_test_add_func ("/cli-duplicate/check-fails-and-dry-run", test_check_fails_and_dry_run);
  g_test_add_func ("/cli-duplicate/batch-rows", test_batch_rows);
  g_test_add_func ("/cli-duplicate/batch-check-fails", test_batch_check_fails);
  g_test_add_func ("/cli-duplicate/batch-interrupted-during-check",
                   test_batch_interrupted_during_check);
  g_test_add_func ("/cli-duplicate/two-desktops", test_two_desktops);
  g_test_add_func ("/cli-duplicate/known-individual", test_known_individual);
  return cli_test_run ();
}
