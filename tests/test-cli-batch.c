/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "batch-test-util.h"
#include "cli-test-util.h"

/* `pkio-orders order --batch FILE.csv --dry-run` and `--batch-template`, the built binary:
 * one line per row, every problem as "people.csv:7: Postal code: …", exit 2 on any problem,
 * English and Dutch; nothing reaches the simulator. Then placing (`--yes`): one line per row,
 * the progress, the results file (CSV injection kept out), a second run of the same file, and
 * the exit codes of the worst row. */

static const char *dutch[] = { "LANGUAGE=nl", NULL };

/* Every line of @text that starts with @start, joined by "\n". */
static char *
lines_starting (const char *text,
                const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static void
write_bytes (const char *name,
             const char *data,
             gsize       length)
{
  g_autofree char *path = g_build_filename (cli.tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

/* One line, ending in a line break. */
static void
assert_one_line (const char *text)
{
  const char *end = strchr (text, '\n');

  g_assert_nonnull (end);
  g_assert_cmpstr (end, ==, "\n");
}

static gint64 posts_placed_here;   /* POSTs the placing tests sent */

static gint64
posts (void)
{
  return sim_number ("count POST order/certificate/pkio_burger");
}

static void
assert_no_post (void)
{
  g_assert_cmpint (posts (), ==, posts_placed_here);
}

static void
check_template (const char **env,
                const char  *start,
                PkioBatchLanguage language)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *check_err = NULL;
  g_autoptr(PkioBatch) batch = NULL;

  g_assert_cmpint (run_cli_full (NULL, env, &out, &err, "order", "--batch-template", NULL), ==,
                   0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "\xef\xbb\xbf"));
  g_assert_true (g_str_has_prefix (out + 3, start));
  batch = batch_test_read (out, -1);
  g_assert_cmpint (pkio_batch_get_language (batch), ==, language);
  g_assert_cmpuint (pkio_batch_count_problems (batch), ==, 0);

  /* As a person would: saved to a file, then checked. */
  path = write_file ("template.csv", out);
  g_assert_cmpint (run_cli_full (NULL, env, &checked, &check_err, "order", "--batch",
                                 "template.csv", "--dry-run", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (checked, "template.csv:2: John Doe <john.doe@example.com>: "));
  g_assert_nonnull (strstr (check_err, "template.csv: 1 "));
}

static void
test_template (void)
{
  check_template (NULL, "Profile,Signature,CertCentral number,", PKIO_BATCH_ENGLISH);
  check_template (dutch, "Profiel;Handtekening;CertCentral-nummer;", PKIO_BATCH_DUTCH);
  assert_no_post ();
}

static void
test_valid_file (void)
{
  g_autofree char *text = batch_test_base_table (';', "\r\n");
  g_autofree char *path = write_file ("people.csv", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *nl_out = NULL;
  g_autofree char *nl_err = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "people.csv", "--dry-run"),
                   ==, 0);
  g_assert_cmpstr (out, ==,
                   "people.csv:2: John Doe <john.doe@example.com>: encryption, 1 year, "
                   "shipping standard, payment balance\n"
                   "people.csv:3: Zoë Öztürk-de Vries <zoe@example.nl>: authentication, "
                   "2 years, shipping expedited, payment saved card\n"
                   "people.csv:4: CertCentral number 21: signing, 90 days, shipping standard, "
                   "payment balance\n");
  /* No key is stored yet: the duplicate check (issue 20) says it could not ask, once. */
  g_assert_true (g_str_has_prefix (err, "people.csv: Could not check whether these people "
                                        "already have a certificate of this kind: No API key "));
  g_assert_true (g_str_has_suffix (err, "\npeople.csv: 3 orders, all valid. Nothing was sent: "
                                        "--dry-run only checks the file.\n"));

  g_assert_cmpint (run_cli_full (NULL, dutch, &nl_out, &nl_err, "order", "--batch", "people.csv",
                                 "--dry-run", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (nl_out, "people.csv:2: John Doe <john.doe@example.com>: "
                                           "vertrouwelijkheid, 1 jaar, verzending standaard, "
                                           "betaling tegoed\n"));
  g_assert_nonnull (strstr (nl_err, "\npeople.csv: 3 bestellingen"));
  assert_no_post ();
}

/* A file with a bad postal code in row 7 and a copy of row 3 in row 8. */
static void
test_problems (void)
{
  g_autofree char *header = batch_test_english_header (',');
  g_autofree char *john = batch_test_base_row (0, ',');
  g_autofree char *zoe = batch_test_base_row (1, ',');
  g_autofree char *ann = batch_test_base_row (2, ',');
  g_autoptr(GString) bad_zip = g_string_new (john);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *nl_err = NULL;
  g_autofree char *row7 = NULL;

  g_string_replace (bad_zip, "john.doe@", "jane.doe@", 1);
  g_string_replace (bad_zip, ",1013 AA,John Doe", ",10134 A,John Doe", 1);
  text = g_strdup_printf ("%s\r\n%s\r\n%s\r\n\r\n%s\r\n,,,,\r\n%s\r\n%s\r\n", header, john, zoe,
                          ann, bad_zip->str, zoe);
  path = write_file ("people.csv", text);

  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "people.csv", "--dry-run"),
                   ==, 2);
  row7 = lines_starting (out, "people.csv:7:");
  g_assert_cmpstr (row7, ==, "people.csv:7: John Doe <jane.doe@example.com>: 1 problem\n");
  g_assert_cmpstr (err, ==,
                   "people.csv:7: Postal code: Enter a Dutch postal code as four digits and two "
                   "letters, for example 1013 AA.\n"
                   "people.csv:8: Row 8 repeats row 3: the same order twice. Remove one of "
                   "them.\n"
                   "2 problems in people.csv: nothing was sent. Correct them and try again.\n");

  g_assert_cmpint (run_cli_full (NULL, dutch, NULL, &nl_err, "order", "--batch", "people.csv",
                                 "--dry-run", NULL), ==, 2);
  g_assert_nonnull (strstr (nl_err, "people.csv:7: Postal code: Voer een Nederlandse postcode"));
  g_assert_nonnull (strstr (nl_err, "people.csv:8: Rij 8 herhaalt rij 3"));
  assert_no_post ();
}

/* The column names' problems: row 1, by name, in the file's language. */
static void
test_column_problems (void)
{
  const char *text =
    "Profiel;Voornaam;Achternaam;E-mail;Telefoon;Land;Provincie;Plaats;Postcode;Ontvanger;Adres;"
    "Verzendpostcode;Verzendplaats;Verzendland;Overeenkomst;Afdeling;Kaartnummer\r\n"
    "vertrouwelijkheid;Jan;Jansen;jan@example.nl;+31 20 111 2222;nl;Noord-Holland;Amsterdam;"
    "1011 AB;Jan Jansen;Damrak 1;1011 AB;Amsterdam;nl;ja;HR;4111111111111111\r\n";
  g_autofree char *path = write_file ("mensen.csv", text);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli_full (NULL, dutch, NULL, &err, "order", "--batch", "mensen.csv",
                                 "--dry-run", NULL), ==, 2);
  g_assert_cmpstr (err, ==,
                   "mensen.csv:1: Afdeling: Deze kolom is onbekend. Verwijder hem, of geef hem de "
                   "naam van een van de kolommen van het sjabloon.\n"
                   "mensen.csv:1: Kaartnummer: Creditcardgegevens worden nooit uit een bestand "
                   "gelezen: verwijder deze kolom. Betaal met het tegoed van het account of met "
                   "de bewaarde creditcard van het account.\n"
                   "mensen.csv:1: Voeg de kolom “Verzendprovincie” toe: elke bestelling heeft "
                   "die nodig.\n"
                   "3 problemen in mensen.csv: er is niets verzonden. Verbeter ze en probeer het "
                   "opnieuw.\n");
  /* The card number is printed nowhere. */
  g_assert_null (strstr (cli.transcript->str, "4111111111111111"));
}

/* "-" reads standard input; every line names it. */
static void
test_standard_input (void)
{
  g_autofree char *text = batch_test_base_table (',', "\n");
  g_autoptr(GString) broken = g_string_new (text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (text, &out, &err, "order", "--batch", "-", "--dry-run"), ==, 0);
  g_assert_true (g_str_has_prefix (out, "(standard input):2: John Doe"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_string_replace (broken, "zoe@example.nl", "zoe at example.nl", 1);
  g_assert_cmpint (run_cli (broken->str, &out, &err, "order", "--batch", "-", "--dry-run"), ==,
                   2);
  g_assert_true (g_str_has_prefix (err, "(standard input):3: Email: "));
  assert_no_post ();
}

/* Files refused as a whole: one line that names the file and says what to do; exit 2. */
static void
test_refused_files (void)
{
  g_autofree char *text = batch_test_base_table (',', "\r\n");
  gsize utf16_length = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL);
  g_autofree char *big_path = g_build_filename (cli.tmpdir, "big.csv", NULL);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree char *header = batch_test_english_header (',');
  struct { const char *file; const char *contains; } cases[] = {
    { "utf16.csv", "utf16.csv: Line 1 holds a NUL character" },
    { "big.csv", "big.csv: The file is 6.0\u00a0MB; a batch file may be at most 5 MB." },
    { "many.csv", "many.csv: The file has 1001 orders; a batch may have at most 1,000." },
    { "missing.csv", "missing.csv: there is no such file." },
    { "/dev/zero", "/dev/zero: the file is more than 5 MB" },
  };
  int fd;

  write_bytes ("utf16.csv", utf16, utf16_length);
  fd = g_open (big_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 6 * 1000 * 1000), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  g_string_append_printf (many, "%s\n", header);
  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (many, "encryption,RSA,,A,B,p%u@example.com\n", i);
  g_free (write_file ("many.csv", many->str));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", cases[i].file,
                                "--dry-run"), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, cases[i].contains));
      assert_one_line (err);
    }
  assert_no_post ();
}

/* Windows-1252 (Excel's plain CSV): read, names intact, and said. Names holding terminal
 * codes are shown without them. */
static void
test_windows_1252_and_safe_names (void)
{
  g_autofree char *text = batch_test_base_table (';', "\r\n");
  gsize length = 0;
  g_autofree char *cp1252 = g_convert (text, -1, "WINDOWS-1252", "UTF-8", NULL, &length, NULL);
  g_autoptr(GString) escaped = g_string_new (text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *esc_out = NULL;

  write_bytes ("excel.csv", cp1252, length);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "excel.csv", "--dry-run"),
                   ==, 0);
  g_assert_nonnull (strstr (out, "excel.csv:3: Zoë Öztürk-de Vries <zoe@example.nl>: "));
  g_assert_nonnull (strstr (err, "excel.csv: this file is not in UTF-8, so it was read as "
                                 "Windows-1252"));

  g_string_replace (escaped, "John;Doe", "\x1b[2J;Doe\x07", 1);
  g_free (write_file ("escaped.csv", escaped->str));
  g_assert_cmpint (run_cli (NULL, &esc_out, NULL, "order", "--batch", "escaped.csv",
                            "--dry-run"), ==, 2);
  g_assert_true (g_str_has_prefix (esc_out, "escaped.csv:2: \\u001B[2J Doe\\u0007 <"));
  g_assert_null (strchr (esc_out, '\x1b'));
}

/* The options are used together as they should be. */
static void
test_usage (void)
{
  g_autofree char *text = batch_test_base_table (',', "\r\n");
  g_autofree char *path = write_file ("people.csv", text);
  struct { const char *args[4]; const char *says; } cases[] = {
    { { "--batch", "people.csv" }, "add --yes" },
    { { "--batch", "--dry-run" }, "Name the batch file" },
    { { "--batch", "people.csv", "people.csv", "--dry-run" }, "one batch file at a time" },
    { { "--batch-template", "people.csv" }, "--batch-template takes no file" },
    { { "--batch-template", "--batch", "people.csv" }, "not both" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (NULL, &out, &err, "order", cases[i].args[0], cases[i].args[1],
                                cases[i].args[2], cases[i].args[3]), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, cases[i].says));
    }
  assert_no_post ();
}

/* ---- placing ---- */

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;
  return n;
}

static void
test_place_and_again (void)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again_out = NULL;
  g_autofree char *again_err = NULL;
  g_autofree char *results = NULL;
  g_autofree char *results_path = NULL;
  g_autoptr(PkioBatch) read_back = NULL;
  g_autoptr(PkioBatch) input = NULL;
  gint64 before = posts ();

  if (!require_stored_key ())
    return;
  text = batch_test_people_table (4, ';');
  path = write_file ("four.csv", text);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", "four.csv", "--yes",
                            "--results", "four-results.csv"), ==, 0);
  g_assert_cmpint (posts () - before, ==, 4);
  posts_placed_here += 4;
  g_assert_cmpuint (count_lines_with (out, ": placed as order "), ==, 4);
  g_assert_true (g_str_has_prefix (out, "four.csv:2: John Doe <person01@example.com>: "
                                        "placed as order "));
  g_assert_nonnull (strstr (err, "1 of 4 placed\n"));
  g_assert_nonnull (strstr (err, "four.csv: 4 of 4 placed.\n"));

  /* The results: the input with Order, Status and Message; the telephone number, which
   * begins with "+", is kept from a spreadsheet's formulas with a "'", and the file read back
   * is the same batch. */
  results_path = g_build_filename (cli.tmpdir, "four-results.csv", NULL);
  g_assert_true (g_file_get_contents (results_path, &results, NULL, NULL));
  g_assert_true (g_str_has_prefix (results, "\xef\xbb\xbfProfile;"));
  g_assert_nonnull (strstr (results, ";Order;Status;Message\r\n"));
  g_assert_cmpuint (count_lines_with (results, ";\"'+31(0)20 254 7999\";"), ==, 4);
  g_assert_cmpuint (count_lines_with (results, ";+31"), ==, 0);
  g_assert_cmpuint (count_lines_with (results, ";\"+31"), ==, 0);
  g_assert_cmpuint (count_lines_with (results, ";placed;"), ==, 4);
  read_back = batch_test_read (results, -1);
  input = batch_test_read (text, -1);
  g_assert_cmpuint (pkio_batch_count_problems (read_back), ==, 0);
  g_assert_cmpstr (pkio_batch_get_key (read_back), ==, pkio_batch_get_key (input));

  /* The results file as input: nothing is sent again. */
  g_assert_cmpint (run_cli (NULL, &again_out, &again_err, "order", "--batch",
                            "four-results.csv", "--yes"), ==, 0);
  g_assert_cmpint (posts () - before, ==, 4);
  g_assert_cmpuint (count_lines_with (again_out, ": already placed as order "),
                    ==, 4);
  g_assert_nonnull (strstr (again_err, "four-results.csv: 4 of 4 placed.\n"));
}

/* A CSV injection attempt in a cell comes back out of the results file defused. */
static void
test_results_injection (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) evil = NULL;
  g_autofree char *results = NULL;
  g_autofree char *results_path = NULL;
  g_autofree char *out = NULL;
  gint64 before = posts ();

  if (!require_stored_key ())
    return;
  text = batch_test_people_table (1, ',');
  evil = g_string_new (text);
  /* A quoted cell: =HYPERLINK("http://x"). */
  g_assert_cmpuint (g_string_replace (evil, "Suite 20", "\"=HYPERLINK(\"\"http://x\"\")\"", 1), ==,
                    1);
  g_assert_cmpuint (g_string_replace (evil, "John Doe,813", "@SUM(1+1) Doe,813", 1), ==, 1);
  /* Another person than four.csv's first: else the duplicate check leaves the row out. */
  g_assert_cmpuint (g_string_replace (evil, "person01@", "evil01@", 1), ==, 1);
  g_free (write_file ("evil.csv", evil->str));
  g_assert_cmpint (run_cli (NULL, &out, NULL, "order", "--batch", "evil.csv", "--yes",
                            "--results", "evil-results.csv"), ==, 0);
  posts_placed_here += posts () - before;
  results_path = g_build_filename (cli.tmpdir, "evil-results.csv", NULL);
  g_assert_true (g_file_get_contents (results_path, &results, NULL, NULL));
  /* Each such cell begins with the "'" (inside the quotes a cell may have). */
  g_assert_nonnull (strstr (results, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_nonnull (strstr (results, ",\"'@SUM(1+1) Doe\","));
  g_assert_nonnull (strstr (results, ",\"'+31(0)20 254 7999\","));
  for (guint i = 0; i < 3; i++)
    {
      const char *starts[] = { "=", "@", "+" };
      g_autofree char *bare = g_strconcat (",", starts[i], NULL);
      g_autofree char *quoted = g_strconcat (",\"", starts[i], NULL);

      g_assert_null (strstr (results, bare));
      g_assert_null (strstr (results, quoted));
    }
}

/* The worst row decides: 1 not placed (still rate-limited), 3 refused, 4 unknown. */
static void
test_exit_codes (void)
{
  struct { const char *file; guint rows; const char *setup; int exit; const char *says; }
    cases[] = {
      { "limited.csv", 2, "fault POST order/certificate/pkio_burger rate-limit 2", 1,
        ": not placed: " },
      { "refused.csv", 3, "balance 15000", 3, ": rejected: " },
      { "unknown.csv", 5, "fault POST order/certificate/pkio_burger server-error 1", 4,
        ": outcome unknown: " },
    };

  if (!require_stored_key ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* People of each file's own: the earlier files' orders would be found as theirs. */
      g_autofree char *domain = g_strdup_printf ("%s.example.org", cases[i].file);
      g_autofree char *text = batch_test_people_table_at (cases[i].rows, ',', domain);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *answer = sim_command ("%s", cases[i].setup);
      g_autofree char *reset = NULL;
      gint64 before = posts ();

      g_assert_cmpstr (answer, ==, "ok");
      g_free (write_file (cases[i].file, text));
      g_assert_cmpint (run_cli (NULL, &out, &err, "order", "--batch", cases[i].file, "--yes"),
                       ==, cases[i].exit);
      /* One POST per row, whatever came of it. */
      g_assert_cmpint (posts () - before, ==, cases[i].rows);
      posts_placed_here += cases[i].rows;
      g_assert_nonnull (strstr (out, cases[i].says));
      reset = sim_command ("balance 100000000");
      g_assert_cmpstr (reset, ==, "ok");
    }
}

/* Without a terminal to ask on, --yes is needed; a Dutch run speaks Dutch. */
static void
test_place_needs_yes_and_dutch (void)
{
  g_autofree char *text = batch_test_people_table_at (2, ';', "two.example.org");
  g_autofree char *err = NULL;
  g_autofree char *nl_out = NULL;
  g_autofree char *nl_err = NULL;
  gint64 before = posts ();

  g_free (write_file ("two.csv", text));
  g_assert_cmpint (run_cli (NULL, NULL, &err, "order", "--batch", "two.csv"), ==, 2);
  g_assert_nonnull (strstr (err, "add --yes"));
  g_assert_cmpint (posts (), ==, before);

  if (!require_stored_key ())
    return;
  g_assert_cmpint (run_cli_full (NULL, dutch, &nl_out, &nl_err, "order", "--batch", "two.csv",
                                 "--yes", NULL), ==, 0);
  posts_placed_here += 2;
  g_assert_true (g_str_has_prefix (nl_out, "two.csv:2: John Doe <person01@two.example.org>: "
                                           "geplaatst als bestelling "));
  g_assert_nonnull (strstr (nl_err, "2 van 2 geplaatst"));
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli-batch/template", test_template);
  g_test_add_func ("/cli-batch/valid-file", test_valid_file);
  g_test_add_func ("/cli-batch/problems", test_problems);
  g_test_add_func ("/cli-batch/column-problems", test_column_problems);
  g_test_add_func ("/cli-batch/standard-input", test_standard_input);
  g_test_add_func ("/cli-batch/refused-files", test_refused_files);
  g_test_add_func ("/cli-batch/windows-1252-and-safe-names", test_windows_1252_and_safe_names);
  g_test_add_func ("/cli-batch/usage", test_usage);
  g_test_add_func ("/cli-batch/place-and-again", test_place_and_again);
  g_test_add_func ("/cli-batch/results-injection", test_results_injection);
  g_test_add_func ("/cli-batch/exit-codes", test_exit_codes);
  g_test_add_func ("/cli-batch/place-needs-yes-and-dutch", test_place_needs_yes_and_dutch);

  return cli_test_run ();
}
