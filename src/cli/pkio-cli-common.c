/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-json-guard.h"
#include "pkio-settings.h"

/* An order body is a few KiB; anything this big is not one. */
#define ORDER_FILE_MAX_SIZE (1024 * 1024)

gboolean
pkio_cli_parse_options (const char          *command,
                        const char          *parameter_string,
                        const char          *summary,
                        const GOptionEntry  *entries,
                        int                 *argc,
                        char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("pkio-orders %s", command);

  /* None of our options takes a value, so "--name=value" is never ours. Refuse it here,
   * naming only the option: the value may be a secret someone tried to pass on the
   * command line, and must not be echoed into a terminal or a log. */
  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];
      const char *eq;

      if (g_str_equal (arg, "--"))
        break;
      if (arg[0] != '-' || (eq = strchr (arg, '=')) == NULL)
        continue;

      {
        g_autofree char *name = g_strndup (arg, eq - arg);

        /* TRANSLATORS: first %s is an option such as --api-key, second a command name */
        g_printerr (_("Unknown option %s. Run “pkio-orders %s --help” to see the options.\n"),
                    name, command);
      }
      return FALSE;
    }

  g_set_prgname (prgname);
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr (_("%s. Run “pkio-orders %s --help” to see the options.\n"),
                  error->message, command);
      return FALSE;
    }

  return TRUE;
}

gboolean
pkio_cli_practice_mode (gboolean  practice,
                        gboolean  practice_option,
                        gboolean *out_practice)
{
  practice = practice || practice_option;
  *out_practice = practice;
  if (!practice)
    return TRUE;
  /* The organisation's say is read where the window reads it: the installed settings. */
  {
    g_autoptr(GSettings) settings = pkio_settings_new_if_installed ();

    if (!pkio_settings_practice_allowed (settings))
      {
        g_printerr ("%s\n", pkio_settings_practice_refused ());
        return FALSE;
      }
  }
  pkio_cli_announce_practice ();
  return TRUE;
}

void
pkio_cli_async_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
pkio_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
print_parse_error (const char   *path,
                   const GError *error)
{
  int line = 0;
  int column = 0;
  int consumed = 0;

  /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; show the file's name instead. */
  if (sscanf (error->message, "<data>:%d:%d: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    g_printerr (_("%s: this is not valid JSON (line %d, column %d: %s). Check the file "
                  "for a missing comma, quote or brace.\n"),
                path, line, column, error->message + consumed);
  else
    g_printerr (_("%s: this is not valid JSON (%s).\n"), path, error->message);
}

const char *
pkio_cli_file_display_name (const char *file)
{
  /* TRANSLATORS: where an order is read from when it is piped in, as in "(standard input):
   * this is not valid JSON" */
  return g_str_equal (file, "-") ? _("(standard input)") : file;
}

PkioCliRead
pkio_cli_read_file (const char  *file,
                    gsize        max_size,
                    GBytes     **out_bytes,
                    guint64     *out_size)
{
  /* "-" is standard input: inside a sandbox (Flatpak) the app may see no files at all. */
  gboolean from_stdin = g_str_equal (file, "-");
  const char *path = pkio_cli_file_display_name (file);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  struct stat st;
  int fd;

  *out_bytes = NULL;
  *out_size = 0;

  /* Look at the size before reading: a 1 GB (or sparse) file is refused at once. The read
   * itself stops past the limit too, for pipes, devices and files that grow meanwhile. */
  fd = from_stdin ? dup (STDIN_FILENO) : g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      if (saved_errno == ENOENT)
        g_printerr (_("%s: there is no such file. Check the name and the folder.\n"), path);
      else
        g_printerr (_("%s: the file could not be read: %s\n"), path, g_strerror (saved_errno));
      return PKIO_CLI_READ_FAILED;
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      close (fd);
      *out_size = (guint64) st.st_size;
      return PKIO_CLI_READ_TOO_BIG;
    }
  while (bytes->len <= max_size)
    {
      guint8 chunk[65536];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_printerr (_("%s: the file could not be read: %s\n"), path, g_strerror (saved_errno));
          return PKIO_CLI_READ_FAILED;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, chunk, (guint) n);
    }
  close (fd);
  if (bytes->len > max_size)
    return PKIO_CLI_READ_TOO_BIG;

  *out_size = bytes->len;
  *out_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  return PKIO_CLI_READ_OK;
}

JsonNode *
pkio_cli_read_json_file (const char *file)
{
  const char *path = pkio_cli_file_display_name (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *contents;
  gsize length = 0;
  guint64 size = 0;
  gssize bad_escape;
  gssize trailing;
  JsonNode *root;

  switch (pkio_cli_read_file (file, ORDER_FILE_MAX_SIZE, &bytes, &size))
    {
    case PKIO_CLI_READ_FAILED:
      return NULL;

    case PKIO_CLI_READ_TOO_BIG:
      if (size > 0)
        {
          g_autofree char *shown = g_format_size (size);

          /* TRANSLATORS: %s: the file, then its size such as "1.1 GB" */
          g_printerr (_("%s: the file is too big to be an order (%s; an order file is at most "
                        "1 MiB).\n"), path, shown);
        }
      else
        g_printerr (_("%s: the file is too big to be an order (more than 1 MiB).\n"), path);
      return NULL;

    case PKIO_CLI_READ_OK:
    default:
      break;
    }
  contents = g_bytes_get_data (bytes, &length);
  if (contents == NULL)
    contents = "";

  if (!g_utf8_validate (contents, length, NULL))
    {
      g_printerr (_("%s: this is not a text file in UTF-8, so it cannot be an order in "
                    "JSON.\n"), path);
      return NULL;
    }

  /* json-glib would misread these without a word ("Jo\u0000hn" reads "Jo"). */
  bad_escape = pkio_json_guard_find_bad_escape (contents, length);
  if (bad_escape >= 0)
    {
      int line = 1;

      for (gssize i = 0; i < bad_escape; i++)
        line += contents[i] == '\n';
      /* TRANSLATORS: %s is the file, %d a line number; keep \\u0000 and \\u as they are */
      g_printerr (_("%s: line %d holds \\u0000 (a NUL character, which no field of an order "
                    "may contain) or a \\u without four hex digits. Remove or correct it.\n"),
                  path, line);
      return NULL;
    }

  /* json-glib 1.6 would read the first of "{…}{…}" and drop the rest without a word. */
  trailing = pkio_json_guard_find_trailing_data (contents, length);
  if (trailing >= 0)
    {
      int line = 1;

      for (gssize i = 0; i < trailing; i++)
        line += contents[i] == '\n';
      /* TRANSLATORS: %s is the file, %d a line number */
      g_printerr (_("%s: line %d holds more after the order’s closing brace. A file holds "
                    "one order: remove the rest, or put each order in its own file.\n"),
                  path, line);
      return NULL;
    }

  /* json-glib 1.6 would recurse without limit on deeply nested input. */
  if (!pkio_json_guard_check_depth (contents, length, PKIO_JSON_GUARD_MAX_DEPTH, NULL))
    {
      g_printerr (_("%s: the JSON is nested too deeply to be an order.\n"), path);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, contents, length, &error))
    {
      g_autoptr(GString) quoted = g_string_new (NULL);
      g_autofree char *message = g_utf8_make_valid (error->message, -1);

      /* json-glib quotes the offending text, line breaks, tabs and terminal escapes included:
       * keep the message on one line and the terminal safe. */
      for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            g_string_append_c (quoted, ' ');
          else
            g_string_append_unichar (quoted, c);
        }
      g_free (error->message);
      error->message = g_string_free (g_steal_pointer (&quoted), FALSE);
      print_parse_error (path, error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_printerr (_("%s: the file is empty. It should hold one order as a JSON object "
                    "{ … }.\n"), path);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_printerr (_("%s: the file holds JSON, but not an object. It should hold one order as "
                    "a JSON object { … }.\n"), path);
      return NULL;
    }

  return json_node_ref (root);
}

int
pkio_cli_exit_for_error (const GError *error)
{
  if (error == NULL)
    return PKIO_CLI_EXIT_OK;

  switch (pkio_api_error_get_meaning (error))
    {
    case PKIO_ERROR_MEANING_REJECTED:
    case PKIO_ERROR_MEANING_FIX_KEY:
    case PKIO_ERROR_MEANING_NOT_ALLOWED:
      return PKIO_CLI_EXIT_REJECTED;
    case PKIO_ERROR_MEANING_UNKNOWN:
      return PKIO_CLI_EXIT_UNKNOWN;
    case PKIO_ERROR_MEANING_RETRY_LATER:
    case PKIO_ERROR_MEANING_FAILED:
    default:
      return PKIO_CLI_EXIT_FAILURE;
    }
}

void
pkio_cli_print_api_error_entries (GPtrArray *entries)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);
      const char *message = entry->message != NULL ? entry->message : "";

      if (entry->field != NULL && *entry->field != '\0')
        g_printerr ("%s: %s\n", entry->field, message);
      else if (entry->code_detail != NULL && *entry->code_detail != '\0')
        g_printerr ("%s|%s: %s\n", entry->code != NULL ? entry->code : "",
                    entry->code_detail, message);
      else
        g_printerr ("%s: %s\n", entry->code != NULL ? entry->code : "error", message);
    }
}

void
pkio_cli_print_api_error (const GError *error)
{
  g_printerr ("%s\n", error->message);
  pkio_cli_print_api_error_entries (pkio_api_error_get_entries (error));
}

char *
pkio_cli_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
pkio_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
