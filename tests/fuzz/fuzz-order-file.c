/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pkio-cli-common.h"
#include "pkio-order-json.h"
#include "pkio-order.h"
#include "pkio-problem.h"

#include "fuzz-util.h"

/* An order file, read the way `pkio-orders order FILE` reads it: pkio_cli_read_json_file()
 * (size, UTF-8, depth and JSON checks), then pkio_order_from_json() and pkio_order_validate().
 * A refused file must be explained in lines that name the file; an accepted order must
 * survive its own normalized body unchanged (what --dry-run prints is what would be sent),
 * and its storage form must never hold the card number. */

static char *order_path;
static int order_fd = -1;
static GString *printed;

static void
capture_printerr (const char *text)
{
  g_string_append (printed, text);
}

static void
remove_order_file (void)
{
  if (order_path != NULL)
    g_unlink (order_path);
}

static void
init_once (void)
{
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  if (order_path != NULL)
    return;
  order_fd = g_file_open_tmp ("pkio-fuzz-order-XXXXXX.json", &order_path, &error);
  g_assert_no_error (error);
  atexit (remove_order_file);
  printed = g_string_new (NULL);
  g_set_printerr_handler (capture_printerr);
}

static void
write_input (const uint8_t *data,
             size_t         size)
{
  size_t done = 0;

  g_assert_cmpint (ftruncate (order_fd, 0), ==, 0);
  while (done < size)
    {
      ssize_t n = pwrite (order_fd, data + done, size - done, done);

      g_assert_cmpint (n, >, 0);
      done += n;
    }
}

static void
check_refusal_names_file (void)
{
  g_auto(GStrv) lines = g_strsplit (printed->str, "\n", -1);
  g_autofree char *prefix = g_strconcat (order_path, ": ", NULL);

  g_assert_cmpuint (printed->len, >, 0);
  g_assert_true (g_str_has_suffix (printed->str, "\n"));
  for (gsize i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    g_assert_true (g_str_has_prefix (lines[i], prefix));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) rule_problems = NULL;
  g_autoptr(PkioOrder) order = NULL;
  g_autoptr(GDateTime) now = NULL;

  init_once ();
  write_input (data, size);
  g_string_truncate (printed, 0);

  root = pkio_cli_read_json_file (order_path);
  if (root == NULL)
    {
      check_refusal_names_file ();
      return 0;
    }
  g_assert_cmpuint (printed->len, ==, 0);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  now = fuzz_now ();
  problems = pkio_problem_list_new ();
  order = pkio_order_from_json (root, problems);
  g_assert_nonnull (order);
  rule_problems = pkio_order_validate (order, now);
  fuzz_check_problems (problems);
  fuzz_check_problems (rule_problems);
  pkio_problem_list_merge (problems, rule_problems);
  if (problems->len > 0)
    return 0;

  fuzz_check_round_trip (order, now);
  fuzz_check_storage (order);
  return 0;
}
