/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-cli-batch.h"
#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-request.h"
#include "pkio-cli-workspace.h"
#include "pkio-order-json.h"
#include "pkio-order.h"
#include "pkio-problem.h"

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const PkioProblem *problem = g_ptr_array_index (problems, i);

      g_printerr ("%s: %s\n", problem->path, problem->message);
    }
}

/* Every problem of the file, then that nothing was sent. */
static void
print_file_problems (GPtrArray  *problems,
                     const char *file)
{
  print_problems (problems);
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%u problem in %s: nothing was sent. Correct it and try again.\n",
                           "%u problems in %s: nothing was sent. Correct them and try "
                           "again.\n",
                           problems->len),
              problems->len, pkio_cli_file_display_name (file));
}

/* Reads and checks FILE. Returns the order, or NULL after printing every problem. */
static PkioOrder *
load_order (const char *path)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) problems = pkio_problem_list_new ();
  g_autoptr(GPtrArray) rule_problems = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PkioOrder) order = NULL;

  root = pkio_cli_read_json_file (path);
  if (root == NULL)
    return NULL;

  order = pkio_order_from_json (root, problems);
  if (order == NULL)
    {
      g_printerr (_("%s: the file does not hold an order.\n"), pkio_cli_file_display_name (path));
      return NULL;
    }

  rule_problems = pkio_order_validate (order, now);
  pkio_problem_list_merge (problems, rule_problems);

  if (problems->len > 0)
    {
      print_file_problems (problems, path);
      return NULL;
    }

  return g_steal_pointer (&order);
}

/* The normalized body, with card data hidden: card details are never printed. */
static int
print_dry_run (const PkioOrder *order)
{
  g_autoptr(JsonNode) body = pkio_order_to_json (order);
  JsonObject *object = json_node_get_object (body);
  g_autofree char *text = NULL;

  if (json_object_has_member (object, "credit_card"))
    {
      JsonObject *card = json_object_get_object_member (object, "credit_card");
      const char *number = json_object_get_string_member_with_default (card, "number", "");
      gsize len = strlen (number);
      g_autofree char *masked = g_strdup_printf ("…%s", len >= 4 ? number + len - 4 : "");
      const char *hidden[] = { "cvv", "expiration_month", "expiration_year" };

      /* Overwrite in place before the node is dropped, so the digits do not linger. */
      explicit_bzero ((char *) number, len);
      json_object_set_string_member (card, "number", masked);
      for (gsize i = 0; i < G_N_ELEMENTS (hidden); i++)
        if (json_object_has_member (card, hidden[i]))
          {
            const char *value = json_object_get_string_member_with_default (card, hidden[i], "");

            explicit_bzero ((char *) value, strlen (value));
            json_object_set_string_member (card, hidden[i], "…");
          }
      g_printerr ("%s\n", _("The card number, expiry date and security code are hidden here; "
                            "they would be sent as given."));
    }

  text = pkio_cli_json_to_string (body);
  g_print ("%s", text);
  return PKIO_CLI_EXIT_OK;
}

/* CertCentral refused the order itself: what it says is about the order's fields. */
static void
print_rejected (PkioWorkspace *workspace,
                const GError  *error)
{
  GPtrArray *entries = pkio_api_error_get_entries (error);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  g_printerr ("%s\n", _("CertCentral refused the order: it was not placed. Correct what it "
                        "says below and send it again."));
  if (entries == NULL || entries->len == 0)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  /* A refusal about one of the account's own fields is said at that field, by its label. */
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);
      gint64 id = pkio_workspace_custom_field_for_refusal (workspace, entry);
      const PkioCustomField *field =
        id > 0 ? pkio_custom_field_list_find (pkio_workspace_get_custom_fields (workspace), id) : NULL;

      if (field != NULL)
        {
          g_autofree char *path = pkio_custom_field_path (id);

          g_printerr ("%s (%s): %s\n", path, field->label,
                      entry->message != NULL ? entry->message : "");
        }
      else
        g_ptr_array_add (others, (gpointer) entry);
    }
  pkio_cli_print_api_error_entries (others);
}

/* The order's values for the account's own order fields, checked against the account's list
 * (GET account/metadata) before anything is recorded or sent. FALSE (problems printed) when
 * they are wrong. When the list cannot be had, CertCentral checks them when the order arrives:
 * that is said, and the order goes on. */
static gboolean
check_custom_fields (PkioWorkspace *workspace,
                     PkioOrder     *order,
                     const char    *file)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  pkio_workspace_get_custom_fields_async (workspace, NULL, pkio_cli_async_cb, &result);
  fields = pkio_workspace_get_custom_fields_finish (workspace, pkio_cli_wait (&result), &error);
  if (fields == NULL)
    {
      /* A key CertCentral refuses is explained once, by the order's own answer. */
      if (pkio_api_error_get_meaning (error) != PKIO_ERROR_MEANING_FIX_KEY)
        g_printerr ("%s\n%s\n", _("Could not read the account’s own order fields from "
                                  "CertCentral; CertCentral checks them when the order "
                                  "arrives."), error->message);
      return TRUE;
    }
  problems = pkio_workspace_check_custom_fields (workspace, order);
  if (problems == NULL || problems->len == 0)
    return TRUE;
  print_file_problems (problems, file);
  return FALSE;
}

/* ---- does the holder already have one (issue 20, docs/decisions.md#duplicate-orders) ---- */

static PkioDuplicate *
check_duplicate (PkioWorkspace   *workspace,
                 const PkioOrder *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioDuplicate *duplicate;

  pkio_workspace_check_duplicate_async (workspace, order, 0, NULL, pkio_cli_async_cb, &result);
  duplicate = pkio_workspace_check_duplicate_finish (workspace, pkio_cli_wait (&result), &error);
  /* Nothing here cancels: a failure is CertCentral's, and that is "could not check". */
  if (duplicate == NULL)
    {
      duplicate = g_new0 (PkioDuplicate, 1);
      duplicate->outcome = PKIO_DUPLICATE_UNCHECKED;
      duplicate->error = g_steal_pointer (&error);
    }
  return duplicate;
}

/* Says what the check found, on standard error: the "already-ordered:" line for scripts and
 * the sentence for people; nothing when there is nothing to say. */
static void
print_duplicate (const PkioDuplicate *duplicate)
{
  g_autofree char *line = pkio_duplicate_dup_script_line (duplicate);
  g_autofree char *text = pkio_duplicate_dup_text (duplicate);

  if (line != NULL)
    g_printerr ("%s\n", line);
  if (text != NULL)
    g_printerr ("%s\n", text);
}

/* Before the POST: PKIO_CLI_EXIT_OK to go on, else the exit code, after saying why. */
static int
refuse_duplicate (PkioWorkspace   *workspace,
                  const PkioOrder *order,
                  gboolean         allow_existing)
{
  g_autoptr(PkioDuplicate) duplicate = NULL;

  /* --allow-existing: whatever the check found, the order would go; so it is not asked. */
  if (allow_existing)
    return PKIO_CLI_EXIT_OK;
  duplicate = check_duplicate (workspace, order);
  if (duplicate->outcome == PKIO_DUPLICATE_NONE)
    return PKIO_CLI_EXIT_OK;
  /* A known individual this computer has no email for: CertCentral could not be asked, which
   * is said, but is not CertCentral failing (docs/decisions.md#duplicate-orders). */
  if (duplicate->outcome == PKIO_DUPLICATE_UNCHECKED
      && g_error_matches (duplicate->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      print_duplicate (duplicate);
      return PKIO_CLI_EXIT_OK;
    }
  /* A key CertCentral no longer accepts would not place the order either: said as such, and
   * nothing is sent. */
  if (duplicate->outcome == PKIO_DUPLICATE_UNCHECKED
      && pkio_cli_explain_key_rejected (duplicate->error, _("Nothing was placed.")))
    return PKIO_CLI_EXIT_FAILURE;
  print_duplicate (duplicate);
  if (duplicate->outcome == PKIO_DUPLICATE_FOUND)
    {
      g_printerr ("%s\n", _("Nothing was sent. To order a second one anyway, run the command "
                            "again with --allow-existing."));
      return PKIO_CLI_EXIT_INVALID;
    }
  g_printerr ("%s\n", _("Nothing was sent. Try again later, or add --allow-existing to order "
                        "without this check."));
  return PKIO_CLI_EXIT_FAILURE;
}

/* --dry-run: the check too, when it can be made; its exit code stays the file's. */
static void
dry_run_check (gboolean         practice,
               const PkioOrder *order)
{
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(PkioDuplicate) duplicate = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  int exit_code;

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_LOADED, &exit_code);
  if (workspace == NULL)
    {
      g_printerr ("%s\n", _("Could not check whether this person already has a certificate of "
                            "this kind."));
      return;
    }
  /* The history names a known individual's email; without it the check says so. */
  pkio_workspace_read_history_async (workspace, NULL, pkio_cli_async_cb, &result);
  pkio_workspace_read_history_finish (workspace, pkio_cli_wait (&result), NULL);
  duplicate = check_duplicate (workspace, order);
  if (duplicate->outcome == PKIO_DUPLICATE_NONE)
    g_printerr ("%s\n", _("No order of this person for this kind of certificate was found at "
                          "CertCentral."));
  else
    print_duplicate (duplicate);
}

static int
place_order (gboolean    practice,
             PkioOrder  *order,
             const char *file,
             gboolean    allow_existing)
{
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioSendResult) sent = NULL;
  int exit_code;

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_KEY | PKIO_CLI_NEED_HISTORY,
                                       &exit_code);
  if (workspace == NULL)
    {
      /* Said after why: no key, or a history that cannot record the attempt first. */
      g_printerr ("%s\n", _("The order was not sent."));
      return exit_code;
    }
  if (!check_custom_fields (workspace, order, file))
    return PKIO_CLI_EXIT_INVALID;

  exit_code = refuse_duplicate (workspace, order, allow_existing);
  if (exit_code != PKIO_CLI_EXIT_OK)
    return exit_code;

  pkio_workspace_place_order_async (workspace, order, NULL, pkio_cli_async_cb, &result);
  sent = pkio_workspace_place_order_finish (workspace, pkio_cli_wait (&result));

  switch (sent->state)
    {
    case PKIO_SEND_STATE_PLACED:
      g_print ("order_id: %" G_GINT64_FORMAT "\n", sent->order_id);
      if (sent->certificate_id > 0)
        g_print ("certificate_id: %" G_GINT64_FORMAT "\n", sent->certificate_id);
      else
        g_print ("certificate_id: %s\n", _("(pending approval)"));
      return PKIO_CLI_EXIT_OK;

    case PKIO_SEND_STATE_INVALID:
      print_problems (sent->problems);
      if (sent->error != NULL)
        g_printerr ("%s\n", sent->error->message);
      return PKIO_CLI_EXIT_INVALID;

    case PKIO_SEND_STATE_NOT_RECORDED:
      /* TRANSLATORS: %s says why, e.g. the disk is full */
      g_printerr (_("The order was not sent, because this computer could not record it "
                    "first: %s\nFree some disk space or fix the data folder, then try "
                    "again.\n"), sent->error != NULL ? sent->error->message : "");
      return PKIO_CLI_EXIT_FAILURE;

    case PKIO_SEND_STATE_UNKNOWN:
      if (sent->error != NULL)
        g_printerr ("%s\n", sent->error->message);
      g_printerr ("%s\n", _("The order may or may not have been placed: CertCentral did not "
                            "give a usable answer after receiving it. Do NOT send it again. "
                            "Run “pkio-orders history” later to check whether it went "
                            "through."));
      return PKIO_CLI_EXIT_UNKNOWN;

    case PKIO_SEND_STATE_REJECTED:
    default:
      break;
    }

  /* Not placed: the key is no longer accepted (1), CertCentral refused the order (3) or this
   * key may not order (3), or it never left, e.g. no connection (1). */
  if (pkio_cli_explain_key_rejected (sent->error, _("Nothing was placed.")))
    ;
  else if (g_error_matches (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_INVALID_INPUT))
    print_rejected (workspace, sent->error);
  else if (g_error_matches (sent->error, PKIO_API_ERROR, PKIO_API_ERROR_FORBIDDEN))
    /* Says itself that the order was not placed, and why. */
    g_printerr ("%s\n", sent->error->message);
  else
    g_printerr (_("The order was not placed: %s\n"),
                sent->error != NULL ? sent->error->message : _("unknown error"));
  return pkio_cli_exit_for_send_result (sent);
}

/* --batch and --batch-template: many orders from a spreadsheet (pkio-cli-batch.c, placing them
 * pkio-cli-batch-place.c). */
static int
run_batch (gboolean     practice,
           gboolean     batch,
           gboolean     batch_template,
           gboolean     dry_run,
           gboolean     yes,
           gboolean     new_batch,
           gboolean     allow_existing,
           const char  *results,
           int          argc,
           char       **argv)
{
  if (batch && batch_template)
    {
      g_printerr ("%s\n", _("Give either --batch with a file or --batch-template, not both."));
      return PKIO_CLI_EXIT_INVALID;
    }
  if (batch_template)
    {
      if (argc != 1)
        {
          g_printerr ("%s\n", _("--batch-template takes no file: it writes the template to "
                                 "standard output, for example: pkio-orders order "
                                 "--batch-template > people.csv"));
          return PKIO_CLI_EXIT_INVALID;
        }
      return pkio_cli_batch_template (practice);
    }
  if (argc != 2)
    {
      g_printerr ("%s\n", argc < 2
                  ? _("Name the batch file: pkio-orders order --batch FILE.csv")
                  : _("Give one batch file at a time: pkio-orders order --batch FILE.csv"));
      return PKIO_CLI_EXIT_INVALID;
    }
  if (dry_run)
    return pkio_cli_batch_check (argv[1], practice);
  return pkio_cli_batch_place (argv[1], practice, yes, new_batch, allow_existing, results);
}

int
pkio_cli_order (gboolean   practice,
                int        argc,
                char     **argv)
{
  gboolean dry_run = FALSE;
  gboolean practice_option = FALSE;
  gboolean batch = FALSE;
  gboolean batch_template = FALSE;
  gboolean allow_existing = FALSE;
  gboolean yes = FALSE;
  gboolean new_batch = FALSE;
  g_autofree char *results = NULL;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only check the file and show what would be sent; place nothing"), NULL },
    { "allow-existing", 0, 0, G_OPTION_ARG_NONE, &allow_existing,
      N_("Place the order without asking CertCentral whether the holder already has a "
         "certificate of this kind"), NULL },
    { "batch", 0, 0, G_OPTION_ARG_NONE, &batch,
      N_("The file is a spreadsheet saved as CSV: one order per row"), NULL },
    { "batch-template", 0, 0, G_OPTION_ARG_NONE, &batch_template,
      N_("Write a spreadsheet template for --batch (CSV) to standard output"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("With --batch: place the orders without asking first"), NULL },
    { "results", 0, 0, G_OPTION_ARG_FILENAME, &results,
      N_("With --batch: save the results (the file with Order, Status and Message added) as "
         "RESULTS.csv"), N_("RESULTS.csv") },
    { "new-batch", 0, 0, G_OPTION_ARG_NONE, &new_batch,
      N_("With --batch: place every row again as a new batch, even rows an earlier run of "
         "this file placed"), NULL },
    PKIO_CLI_PRACTICE_ENTRY (&practice_option, N_("Place the order with the practice simulator, "
                                                  "not with CertCentral")),
    { NULL }
  };
  g_autoptr(PkioOrder) order = NULL;

  if (!pkio_cli_parse_options ("order", _("FILE.json | --batch FILE.csv"),
                               _("Checks an order file and places the order with "
                                 "CertCentral.\n\nFILE.json is a request body as in "
                                 "CertCentral's documentation; “-” reads it from standard "
                                 "input. The account’s own order fields go in "
                                 "“custom_fields”, and are checked against the account’s list "
                                 "before anything is sent.\n\nBefore it is placed, "
                                 "CertCentral is asked whether the holder already has a certificate of this kind "
                                 "(in progress, or issued and not ending soon); if so, nothing "
                                 "is sent and the line “already-ordered: order N, profile, "
                                 "status since YYYY-MM-DD” names it. --allow-existing skips "
                                 "the check and places it anyway. Exit "
                                 "status: 0 placed (or valid, with --dry-run), 2 invalid file "
                                 "or already ordered, 3 refused by CertCentral, 4 outcome "
                                 "unknown, 1 other problems (among them an API key "
                                 "CertCentral no longer accepts, and a check that could not "
                                 "be made).\n\nWith --batch, FILE.csv "
                                 "is a spreadsheet saved as CSV with one order per row and the "
                                 "columns of the template (--batch-template); --dry-run checks "
                                 "every row and prints each problem as FILE:ROW: Column: "
                                 "message. Without --dry-run every row is checked and, when "
                                 "all are valid, the orders are placed one after another "
                                 "(after a question, or with --yes). Every row is first checked "
                                 "as a single order is: a row whose holder already has a "
                                 "certificate of its kind is named (“FILE:ROW: holder: "
                                 "already-ordered: …”) and left out unless --allow-existing is "
                                 "given; when a row cannot be checked, nothing is sent. The "
                                 "same file run again places only the rows not placed yet. "
                                 "Exit status: 0 all placed, 2 a row is invalid (nothing "
                                 "sent), else the worst row: 4 outcome unknown, 3 refused, 1 "
                                 "not placed (or a row could not be checked), 2 left out."),
                               entries, &argc, &argv))
    return PKIO_CLI_EXIT_INVALID;

  if (!pkio_cli_practice_mode (practice, practice_option, &practice))
    return PKIO_CLI_EXIT_FAILURE;

  if (batch || batch_template)
    return run_batch (practice, batch, batch_template, dry_run, yes, new_batch, allow_existing,
                      results, argc, argv);

  if (argc != 2)
    {
      g_printerr ("%s\n", argc < 2
                  ? _("Name the order file: pkio-orders order FILE.json")
                  : _("Give one order file at a time: pkio-orders order FILE.json"));
      return PKIO_CLI_EXIT_INVALID;
    }

  order = load_order (argv[1]);
  if (order == NULL)
    return PKIO_CLI_EXIT_INVALID;

  if (dry_run)
    {
      int exit_code = print_dry_run (order);

      dry_run_check (practice, order);
      return exit_code;
    }

  return place_order (practice, order, argv[1], allow_existing);
}
