/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-test-util.h"

/* Hostile order files given to `pkio-orders order FILE`: binary garbage, a 1 GB sparse file,
 * endless input, broken and tricky UTF-8, NUL characters. Each is refused with exit 2, nothing
 * on standard output and a message that names the file; none is sent (--dry-run, and the
 * simulator would not be reached anyway). */

typedef struct
{
  const char *file;
  const char *from;      /* replaced in the "details" seed by @to (bytes, @to_len long) */
  const char *to;
  gsize       to_len;
  const char *line_start; /* a line of stderr starts with this */
  const char *contains;   /* and stderr contains this */
} HostileCase;

#define BYTES(s) s, sizeof (s) - 1

static char *
write_bytes (const char *name,
             const char *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (cli.tmpdir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The "details" seed with the first @from replaced by @to_len bytes of @to. */
static char *
write_seed_variant (const HostileCase *c)
{
  g_autofree char *seed_path = fixture ("seed-details.json");
  g_autofree char *contents = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const char *at;

  g_file_get_contents (seed_path, &contents, NULL, &error);
  g_assert_no_error (error);
  at = strstr (contents, c->from);
  g_assert_nonnull (at);
  g_byte_array_append (bytes, (const guint8 *) contents, at - contents);
  g_byte_array_append (bytes, (const guint8 *) c->to, c->to_len);
  at += strlen (c->from);
  g_byte_array_append (bytes, (const guint8 *) at, strlen (at));
  return write_bytes (c->file, (const char *) bytes->data, bytes->len);
}

static gboolean
has_line_starting (const char *text,
                   const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (gsize i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return TRUE;
  return FALSE;
}

/* Runs `order FILE --dry-run` and checks the refusal. */
static void
check_refused (const char *file,
               const char *line_start,
               const char *contains)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_test_message ("case %s", file);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", file, "--dry-run"), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, file));
  if (!has_line_starting (err, line_start))
    g_error ("%s: expected a line starting with “%s” in:\n%s", file, line_start, err);
  if (contains != NULL && strstr (err, contains) == NULL)
    g_error ("%s: expected “%s” in:\n%s", file, contains, err);
  /* Nothing of the file's bytes reaches the terminal as control characters. */
  for (const char *p = err; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
}

static void
test_binary_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  char garbage[4096];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);
  garbage[0] = '\x7f';  /* ELF-like start, and surely not UTF-8 */
  g_free (write_bytes ("garbage.bin", garbage, sizeof garbage));
  check_refused ("garbage.bin", "garbage.bin: ", "UTF-8");
}

static void
test_huge_sparse_file (void)
{
  g_autofree char *path = g_build_filename (cli.tmpdir, "huge.json", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  /* 1 GiB that takes no disk space: refused by its size ("1.1 GB" comes from stat; reading
   * it would only find zero bytes). */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1024 * 1024 * 1024), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  /* g_format_size puts a no-break space between number and unit. */
  check_refused ("huge.json", "huge.json: ", "(1.1\u00a0GB; an order file is at most 1 MiB)");
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_endless_input (void)
{
  /* A device never ends: the read stops past 1 MiB instead of filling the memory. */
  check_refused ("/dev/zero", "/dev/zero: ", "more than 1 MiB");
}

static void
test_folder (void)
{
  check_refused (".", ".: ", "could not be read");
}

static void
test_hostile_text (void)
{
  const HostileCase cases[] = {
    /* Broken UTF-8: an overlong "/", a UTF-8-encoded surrogate, a cut sequence, Latin-1. */
    { "overlong.json", "\"John\"", BYTES ("\"Jo\xc0\xafhn\""), "overlong.json: ", "UTF-8" },
    { "surrogate.json", "\"John\"", BYTES ("\"Jo\xed\xa0\x80hn\""), "surrogate.json: ",
      "UTF-8" },
    { "cut.json", "\"John\"", BYTES ("\"Jo\xe2\x82\""), "cut.json: ", "UTF-8" },
    { "latin1.json", "\"John\"", BYTES ("\"Zo\xeb\""), "latin1.json: ", "UTF-8" },
    /* A lone surrogate written as an escape decodes to no character: the field says so. */
    { "surrogate-escape.json", "\"John\"", BYTES ("\"Jo\\ud800hn\""),
      "certificate.individual.first_name: ", "1 problem in surrogate-escape.json" },
    /* A byte order mark inside a name is an invisible character, not part of the name. */
    { "bom-inside.json", "\"John\"", BYTES ("\"\xef\xbb\xbfJohn\""),
      "certificate.individual.first_name: ", "1 problem in bom-inside.json" },
    { "bidi.json", "\"Doe\"", BYTES ("\"\xe2\x80\xae" "eoD\""),
      "certificate.individual.last_name: ", "1 problem in bidi.json" },
    /* NUL: a raw byte makes it no text file; the escape would silently cut the name short. */
    { "nul-raw.json", "\"John\"", BYTES ("\"Jo\0hn\""), "nul-raw.json: ", "UTF-8" },
    { "nul-escape.json", "\"John\"", BYTES ("\"Jo\\u0000hn\""), "nul-escape.json: line 7 ",
      "\\u0000" },
    { "nul-key.json", "\"city\": \"Amsterdam\"", BYTES ("\"ci\\u0000ty\": \"Amsterdam\""),
      "nul-key.json: line 12 ", "\\u0000" },
    /* json-glib reads "\u00zz" as an empty string: refused like the NUL. */
    { "bad-escape.json", "\"John\"", BYTES ("\"Jo\\u00zzhn\""), "bad-escape.json: line 7 ",
      "four hex digits" },
    /* A parse error quotes the file: its tabs and escape codes never reach the terminal. */
    { "escape-codes.json", "\"sha256\",", BYTES ("\"sha256\"\x1b[2J\t\x07,"),
      "escape-codes.json: ", "not valid JSON" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_free (write_seed_variant (&cases[i]));
      check_refused (cases[i].file, cases[i].line_start, cases[i].contains);
    }
}

static void
test_two_orders_in_one_file (void)
{
  g_autofree char *seed = fixture ("seed-details.json");
  g_autofree char *contents = NULL;
  g_autofree char *twice = NULL;
  g_autoptr(GError) error = NULL;

  /* json-glib alone would take the first order and drop the second without a word. */
  g_file_get_contents (seed, &contents, NULL, &error);
  g_assert_no_error (error);
  twice = g_strconcat (contents, contents, NULL);
  g_free (write_bytes ("two-orders.json", twice, strlen (twice)));
  check_refused ("two-orders.json", "two-orders.json: line 34 ", "one order");
}

static void
test_leading_bom_accepted (void)
{
  const HostileCase bom = { "bom.json", "{", BYTES ("\xef\xbb\xbf{"), NULL, NULL };
  const HostileCase escaped = { "backslash.json", "\"Suite 20\"",
                                BYTES ("\"Suite \\\\u0000 20\""), NULL, NULL };
  g_autofree char *plain_out = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *seed = fixture ("seed-details.json");

  /* Editors on Windows start UTF-8 files with a byte order mark: the same order. */
  g_free (write_seed_variant (&bom));
  g_assert_cmpint (run_cli (NULL, &plain_out, NULL, "order", seed, "--dry-run"), ==, 0);
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "bom.json", "--dry-run"), ==, 0);
  g_assert_cmpstr (out, ==, plain_out);
  /* Nothing but the duplicate check's "could not check" (no key in this test). */
  g_assert_true (g_str_has_prefix (err, "Could not check whether"));
  g_assert_cmpstr (strchr (err, '\n'), ==, "\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An escaped backslash followed by "u0000" is text, not a NUL character. */
  g_free (write_seed_variant (&escaped));
  g_assert_cmpint (run_cli (NULL, &out, &err, "order", "backslash.json", "--dry-run"), ==, 0);
  g_assert_nonnull (strstr (out, "\"Suite \\\\u0000 20\""));
  g_assert_null (strstr (err, "NUL"));
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli-files/binary-garbage", test_binary_garbage);
  g_test_add_func ("/cli-files/huge-sparse-file", test_huge_sparse_file);
  g_test_add_func ("/cli-files/endless-input", test_endless_input);
  g_test_add_func ("/cli-files/folder", test_folder);
  g_test_add_func ("/cli-files/hostile-text", test_hostile_text);
  g_test_add_func ("/cli-files/two-orders", test_two_orders_in_one_file);
  g_test_add_func ("/cli-files/leading-bom-accepted", test_leading_bom_accepted);

  return cli_test_run ();
}
