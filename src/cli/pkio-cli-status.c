/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
#include "pkio-cli-request.h"
#include "pkio-cli-table.h"
#include "pkio-cli-workspace.h"
#include "pkio-history-record.h"

static gboolean
parse_order_id (const char *text,
                gint64     *out_id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out_id = (gint64) value;
  return TRUE;
}

static void
print_field (const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  /* TRANSLATORS: a label and its value in "pkio-orders status", e.g. "Status: Issued" */
  g_print (_("%s: %s\n"), label, value);
}

/* "2027-03-31 (in 114 days)", "2026-12-01 (ended 6 days ago)". */
static char *
validity_text (PkioDay valid_till)
{
  g_autofree char *date = pkio_calendar_day_to_iso (valid_till);
  gint64 left = (gint64) valid_till - (gint64) pkio_calendar_today (NULL);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, left >= 0 ? left : -left);

  if (left == 0)
    /* TRANSLATORS: %s is a date */
    return g_strdup_printf (_("%s (its last day is today)"), date);
  if (left > 0)
    /* TRANSLATORS: first %s is a date, second a number of days */
    return g_strdup_printf (g_dngettext (NULL, "%s (in %s day)", "%s (in %s days)", left),
                            date, count);
  /* TRANSLATORS: first %s is a date, second a number of days */
  return g_strdup_printf (g_dngettext (NULL, "%s (ended %s day ago)", "%s (ended %s days ago)",
                                       -left), date, count);
}

/* What is shown of one order, from CertCentral's answer or from the history's record. */
typedef struct
{
  gint64             order_id;
  gint64             certificate_id;
  const char        *status;          /* CertCentral's word, or NULL */
  const char        *status_label;    /* its translation; NULL: from @status */
  char              *holder;
  const char        *profile;
  const char        *ship_method;
  const char        *placed_by;       /* as order info names them, or NULL */
  GDateTime         *created;
  PkioDay            valid_from;
  PkioDay            valid_till;
  PkioHistoryRecord *record;          /* for "waiting for approval since …"; may be NULL */
} OrderFacts;

static void
print_order (const OrderFacts *facts)
{
  g_autofree char *order_id = g_strdup_printf ("%" G_GINT64_FORMAT, facts->order_id);
  g_autofree char *certificate_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *created = NULL;

  if (facts->status != NULL)
    /* TRANSLATORS: first %s is the translated status, second CertCentral's own word for it */
    status = g_strdup_printf (_("%s (%s)"),
                              facts->status_label != NULL ? facts->status_label
                                                          : pkio_history_status_label (facts->status),
                              facts->status);
  else if (facts->status_label != NULL)
    status = g_strdup (facts->status_label);
  else
    status = g_strdup (_("not reported by CertCentral"));

  if (facts->certificate_id > 0)
    certificate_id = g_strdup_printf ("%" G_GINT64_FORMAT, facts->certificate_id);
  else
    certificate_id = g_strdup (_("(pending approval)"));

  if (facts->created != NULL)
    created = pkio_cli_format_time (facts->created);

  print_field (_("Order"), order_id);
  print_field (_("Status"), status);
  print_field (_("Holder"), facts->holder);
  print_field (_("Profile"), facts->profile != NULL
                             ? pkio_history_profile_label (facts->profile) : NULL);
  print_field (_("Shipping"), facts->ship_method != NULL
                              ? pkio_history_ship_method_label (facts->ship_method) : NULL);
  print_field (_("Certificate"), certificate_id);
  print_field (_("Ordered on"), created);
  /* Only when CertCentral said who (docs/decisions.md#who-placed-an-order). */
  print_field (_("Placed by"), facts->placed_by);
  if (facts->valid_from != 0)
    {
      g_autofree char *from = pkio_calendar_day_to_iso (facts->valid_from);

      print_field (_("Valid from"), from);
    }
  if (facts->valid_till != 0)
    {
      g_autofree char *till = validity_text (facts->valid_till);

      print_field (_("Valid until"), till);
    }
  /* What "Waiting for approval" means, and since when (the history knows). */
  if (facts->record != NULL)
    {
      g_autofree char *sentence = pkio_history_record_dup_status_sentence (facts->record);

      if (sentence != NULL)
        g_print ("%s\n", sentence);
    }
}

static void
print_remote_order (const PkioRemoteOrder *order,
                    PkioHistoryRecord     *record)
{
  OrderFacts facts = {
    .order_id = order->order_id,
    .certificate_id = order->certificate_id,
    .status = order->status,
    .profile = order->profile_option,
    .ship_method = order->ship_method,
    .placed_by = order->placed_by,
    .created = order->date_created,
    .valid_from = order->valid_from,
    .valid_till = order->valid_till,
    .record = record,
  };

  if (order->common_name != NULL && order->email != NULL)
    facts.holder = g_strdup_printf ("%s <%s>", order->common_name, order->email);
  else
    facts.holder = pkio_history_holder_label (order->common_name, order->email,
                                              order->individual_id);
  print_order (&facts);
  g_free (facts.holder);
}

static void
print_record (PkioHistoryRecord *record)
{
  g_autoptr(GDateTime) created = pkio_history_record_dup_created (record);
  OrderFacts facts = {
    .order_id = pkio_history_record_get_order_id (record),
    .certificate_id = pkio_history_record_get_certificate_id (record),
    .status = pkio_history_record_get_remote_status (record),
    .status_label = pkio_history_record_get_status_label (record),
    .holder = pkio_cli_holder_text (record),
    .profile = pkio_history_record_get_profile (record),
    .ship_method = pkio_history_record_get_ship_method (record),
    .placed_by = pkio_history_record_get_placed_by (record),
    .created = created,
    .valid_from = pkio_history_record_get_valid_from (record),
    .valid_till = pkio_history_record_get_valid_till (record),
    .record = record,
  };

  print_order (&facts);
  g_free (facts.holder);
}

/* CertCentral could not be asked, or could not be used: what the history on this computer
 * knows of the order instead, and how old that is. Always PKIO_CLI_EXIT_FAILURE: what is
 * shown may be stale. */
static int
show_stored (PkioWorkspace *workspace,
             gint64         order_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);
  PkioHistoryRecord *record = NULL;
  gint64 seen;

  if (!pkio_history_store_is_open (pkio_workspace_get_store (workspace)))
    {
      /* TRANSLATORS: first %s is a file, second the reason */
      g_printerr (_("Could not open the order history “%s”: %s\n"),
                  pkio_workspace_get_history_path (workspace),
                  pkio_workspace_get_state_message (workspace) != NULL
                  ? pkio_workspace_get_state_message (workspace) : "");
      return PKIO_CLI_EXIT_FAILURE;
    }
  pkio_workspace_read_history_async (workspace, NULL, pkio_cli_async_cb, &result);
  if (pkio_workspace_read_history_finish (workspace, pkio_cli_wait (&result), &error))
    record = pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace),
                                                  order_id);
  else
    g_debug ("history not read: %s", error->message);
  if (record == NULL)
    {
      /* TRANSLATORS: %s is an order number */
      g_printerr (_("The order history on this computer does not hold order %s either.\n"), id);
      return PKIO_CLI_EXIT_FAILURE;
    }

  seen = pkio_history_record_get_last_synced (record);
  if (seen <= 0)
    seen = pkio_history_record_get_updated (record);
  if (seen > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seen);
      g_autofree char *text = pkio_cli_format_time (when);
      g_autofree char *age = pkio_cli_age_text (seen, g_get_real_time () / G_USEC_PER_SEC);

      /* TRANSLATORS: first %s is a date and time, second how long ago that was ("3 days ago") */
      g_printerr (_("Showing what the order history on this computer holds, as it was on %s "
                    "(%s).\n"), text, age);
    }
  else
    g_printerr ("%s\n", _("Showing what the order history on this computer holds."));
  print_record (record);
  return PKIO_CLI_EXIT_FAILURE;
}

int
pkio_cli_status (gboolean   practice,
                 int        argc,
                 char     **argv)
{
  gboolean practice_option = FALSE;
  const GOptionEntry entries[] = {
    PKIO_CLI_PRACTICE_ENTRY (&practice_option,
                             N_("Ask the practice simulator, not CertCentral")),
    { NULL }
  };
  g_autoptr(PkioWorkspace) workspace = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioRemoteOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  gint64 order_id = 0;
  int exit_code;

  if (!pkio_cli_parse_options ("status", _("ORDER_ID"),
                               _("Shows what CertCentral says about one order, and updates "
                                 "the order history. When CertCentral cannot be reached or "
                                 "used, it shows what the history on this computer holds, says "
                                 "how old that is, and exits with status 1."),
                               entries, &argc, &argv))
    return PKIO_CLI_EXIT_INVALID;

  if (!pkio_cli_practice_mode (practice, practice_option, &practice))
    return PKIO_CLI_EXIT_FAILURE;

  if (argc != 2)
    {
      g_printerr ("%s\n", _("Name one order: pkio-orders status ORDER_ID"));
      return PKIO_CLI_EXIT_INVALID;
    }
  if (!parse_order_id (argv[1], &order_id))
    {
      /* TRANSLATORS: %s is what the person typed */
      g_printerr (_("“%s” is not an order number. An order number is a whole number above "
                    "zero, such as 843668399 (see “pkio-orders history”).\n"), argv[1]);
      return PKIO_CLI_EXIT_INVALID;
    }

  /* Without a key, or a history, it still does what it can. */
  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_LOADED, &exit_code);
  if (workspace == NULL)
    return exit_code;

  if (!pkio_cli_can_ask_certcentral (workspace, &error))
    {
      g_printerr (_("Could not get the order from CertCentral: %s\n"), error->message);
      return show_stored (workspace, order_id);
    }

  /* Keeps the local history in step with what is shown. */
  pkio_workspace_fetch_order_async (workspace, order_id, NULL, pkio_cli_async_cb, &result);
  order = pkio_workspace_fetch_order_finish (workspace, pkio_cli_wait (&result), &store_error,
                                             &error);
  if (order == NULL)
    {
      if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NOT_FOUND))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order_id);

          /* TRANSLATORS: %s is an order number */
          g_printerr (_("No order %s on this account. Check the number with "
                        "“pkio-orders history”.\n"), id);
          return PKIO_CLI_EXIT_FAILURE;
        }
      if (pkio_api_error_get_meaning (error) == PKIO_ERROR_MEANING_FIX_KEY)
        {
          g_printerr ("%s\n", _("Could not get the order from CertCentral."));
          pkio_cli_explain_key_rejected (error, NULL);
        }
      else
        g_printerr (_("Could not get the order from CertCentral: %s\n"), error->message);
      return show_stored (workspace, order_id);
    }

  print_remote_order (order, pkio_history_store_find_by_order_id (
                               pkio_workspace_get_store (workspace), order_id));
  if (store_error != NULL)
    g_printerr (_("The status could not be saved in the order history: %s\n"),
                store_error->message);
  return PKIO_CLI_EXIT_OK;
}
