/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cli-commands.h"
#include "pkio-cli-common.h"
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

static void
print_order (const PkioRemoteOrder *order,
             PkioHistoryRecord     *record)
{
  g_autofree char *order_id = g_strdup_printf ("%" G_GINT64_FORMAT, order->order_id);
  g_autofree char *certificate_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *created = NULL;

  if (order->status != NULL)
    /* TRANSLATORS: first %s is the translated status, second CertCentral's own word for it */
    status = g_strdup_printf (_("%s (%s)"), pkio_history_status_label (order->status),
                              order->status);
  else
    status = g_strdup (_("not reported by CertCentral"));

  if (order->common_name != NULL && order->email != NULL)
    holder = g_strdup_printf ("%s <%s>", order->common_name, order->email);
  else
    holder = pkio_history_holder_label (order->common_name, order->email, order->individual_id);

  if (order->certificate_id > 0)
    certificate_id = g_strdup_printf ("%" G_GINT64_FORMAT, order->certificate_id);
  else
    certificate_id = g_strdup (_("(pending approval)"));

  if (order->date_created != NULL)
    created = pkio_cli_format_time (order->date_created);

  print_field (_("Order"), order_id);
  print_field (_("Status"), status);
  print_field (_("Holder"), holder);
  print_field (_("Profile"), order->profile_option != NULL
                             ? pkio_history_profile_label (order->profile_option) : NULL);
  print_field (_("Shipping"), order->ship_method != NULL
                              ? pkio_history_ship_method_label (order->ship_method) : NULL);
  print_field (_("Certificate"), certificate_id);
  print_field (_("Ordered on"), created);
  if (order->valid_from != 0)
    {
      g_autofree char *from = pkio_calendar_day_to_iso (order->valid_from);

      print_field (_("Valid from"), from);
    }
  if (order->valid_till != 0)
    {
      g_autofree char *till = validity_text (order->valid_till);

      print_field (_("Valid until"), till);
    }
  /* What "Waiting for approval" means, and since when (the history knows). */
  if (record != NULL)
    {
      g_autofree char *sentence = pkio_history_record_dup_status_sentence (record);

      if (sentence != NULL)
        g_print ("%s\n", sentence);
    }
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
                                 "the order history."),
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

  workspace = pkio_cli_open_workspace (practice, PKIO_CLI_NEED_KEY, &exit_code);
  if (workspace == NULL)
    return exit_code;

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
      g_printerr (_("Could not get the order from CertCentral: %s\n"), error->message);
      return pkio_cli_exit_for_error (error);
    }

  print_order (order, pkio_history_store_find_by_order_id (pkio_workspace_get_store (workspace),
                                                           order_id));
  if (store_error != NULL)
    g_printerr (_("The status could not be saved in the order history: %s\n"),
                store_error->message);
  return PKIO_CLI_EXIT_OK;
}
