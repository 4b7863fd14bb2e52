/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-date-text.h"
#include "pkio-history-format.h"

/* One stored request field: where it sits in the storage JSON, and how it is called. */
static const struct {
  const char *path;
  const char *section;
  const char *label;
} request_fields[] = {
  { "certificate.individual.first_name", N_("Certificate holder"), N_("First name") },
  { "certificate.individual.last_name", N_("Certificate holder"), N_("Last name") },
  { "certificate.individual.email", N_("Certificate holder"), N_("Email") },
  { "certificate.individual.telephone", N_("Certificate holder"), N_("Telephone") },
  { "certificate.individual.city", N_("Certificate holder"), N_("City") },
  { "certificate.individual.state", N_("Certificate holder"), N_("State or province") },
  { "certificate.individual.zip", N_("Certificate holder"), N_("Postal code") },
  { "certificate.individual.country", N_("Certificate holder"), N_("Country") },
  { "certificate.individual.id", N_("Certificate holder"), N_("Holder number in CertCentral") },
  { "certificate.profile_option", N_("Certificate"), N_("Profile") },
  { "certificate.signature_hash", N_("Certificate"), N_("Signature hash") },
  { "certificate.is_rsassa_pss", N_("Certificate"), N_("RSASSA-PSS signatures") },
  { "provisioning_method", N_("Certificate"), N_("Delivery") },
  { "order_validity.years", N_("Certificate"), N_("Validity in years") },
  { "order_validity.days", N_("Certificate"), N_("Validity in days") },
  { "custom_expiration_date", N_("Certificate"), N_("Valid until") },
  { "ship_info.name", N_("Shipping"), N_("Recipient") },
  { "ship_info.addr1", N_("Shipping"), N_("Address line 1") },
  { "ship_info.addr2", N_("Shipping"), N_("Address line 2") },
  { "ship_info.city", N_("Shipping"), N_("City") },
  { "ship_info.state", N_("Shipping"), N_("State or province") },
  { "ship_info.zip", N_("Shipping"), N_("Postal code") },
  { "ship_info.country", N_("Shipping"), N_("Country") },
  { "ship_info.method", N_("Shipping"), N_("Shipping method") },
  { "payment_method", N_("Payment"), N_("Paid with") },
  { "card_last4", N_("Payment"), N_("Card") },
  { "csa_agreed_to", N_("Payment"), N_("Subscriber agreement accepted") },
};

static char *
value_to_text (const PkioStoredValue *value)
{
  const char *path = value->path;
  const char *text = value->text != NULL ? value->text : "";

  switch (value->kind)
    {
    case PKIO_STORED_NULL:
      return NULL;
    case PKIO_STORED_BOOLEAN:
      return g_strdup (value->boolean ? _("Yes") : _("No"));
    case PKIO_STORED_NUMBER:
    case PKIO_STORED_OTHER:
      return g_strdup (text);
    case PKIO_STORED_TEXT:
    default:
      break;
    }
  if (g_str_equal (path, "certificate.profile_option"))
    return g_strdup (pkio_history_profile_label (text));
  if (g_str_equal (path, "ship_info.method"))
    return g_strdup (pkio_history_ship_method_label (text));
  if (g_str_equal (path, "provisioning_method") && g_str_equal (text, "token"))
    return g_strdup (_("Hardware token, shipped"));
  if (g_str_equal (path, "payment_method"))
    {
      if (g_str_equal (text, "balance"))
        return g_strdup (_("Account balance"));
      if (g_str_equal (text, "profile"))
        return g_strdup (_("The account’s saved card"));
      if (g_str_equal (text, "card"))
        return g_strdup (_("A new card"));
    }
  if (g_str_equal (path, "card_last4"))
    /* Translators: %s is the last four digits of the payment card */
    return g_strdup_printf (_("Card ending %s"), text);
  if (g_str_has_suffix (path, ".country"))
    return g_ascii_strup (text, -1);
  return g_strdup (text);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
field_free (PkioHistoryField *field)
{
  g_free (field->value);
  g_free (field->label_owned);
  g_free (field);
}

GPtrArray *
pkio_history_format_request_fields (const char *request_json)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) stored = pkio_history_request_dup_values (request_json);

  for (guint i = 0; i < stored->len; i++)
    {
      const PkioStoredValue *value = g_ptr_array_index (stored, i);

      g_hash_table_insert (values, g_strdup (value->path), value_to_text (value));
    }

  for (guint i = 0; i < G_N_ELEMENTS (request_fields); i++)
    {
      PkioHistoryField *field;

      if (!g_hash_table_contains (values, request_fields[i].path))
        continue;
      field = g_new0 (PkioHistoryField, 1);
      field->section = _(request_fields[i].section);
      field->label = _(request_fields[i].label);
      field->value = g_strdup (g_hash_table_lookup (values, request_fields[i].path));
      g_ptr_array_add (fields, field);
      g_hash_table_remove (values, request_fields[i].path);
    }

  /* Fields this version has no name for are still shown: the record is the proof. */
  if (g_hash_table_size (values) > 0)
    {
      guint n = 0;
      g_autofree char **paths = (char **) g_hash_table_get_keys_as_array (values, &n);

      g_qsort_with_data (paths, n, sizeof (char *), (GCompareDataFunc) compare_strings, NULL);
      for (guint i = 0; i < n; i++)
        {
          PkioHistoryField *field = g_new0 (PkioHistoryField, 1);

          field->section = _("Other fields");
          field->label_owned = g_strdup (paths[i]);
          field->label = field->label_owned;
          field->value = g_strdup (g_hash_table_lookup (values, paths[i]));
          g_ptr_array_add (fields, field);
        }
    }
  return fields;
}

/* The history list formats a date for each of the 200 rows GTK 4.8 builds at once, and GLib
 * reads the local zone's file (/etc/localtime) each time it is asked for it: asked again only
 * when TZ changes or a second has passed, which still follows a change of the system's zone. */
static GTimeZone *
local_zone (void)
{
  static GTimeZone *zone;
  static char *zone_tz;
  static gint64 asked;
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();

  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0 || now - asked > G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone = g_time_zone_new_local ();
      zone_tz = g_strdup (tz);
      asked = now;
    }
  return zone;
}

char *
pkio_history_format_date_time (GDateTime *utc)
{
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, local_zone ());
  /* Translators: a date and time, see g_date_time_format(); e.g. "26 Nov 2026, 14:05" */
  return pkio_date_text_format (local, _("%-d %b %Y, %H:%M"));
}

char *
pkio_history_format_date (GDateTime *utc)
{
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, local_zone ());
  /* Translators: a date, see g_date_time_format(); e.g. "26 Nov 2026" */
  return pkio_date_text_format (local, _("%-d %b %Y"));
}

char *
pkio_history_format_last_updated (gint64 unix_time,
                                  gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *time = NULL;
  gint64 minutes;

  if (unix_time <= 0)
    return g_strdup (_("Not updated yet"));
  minutes = MAX (now - unix_time, 0) / 60;
  if (minutes < 1)
    return g_strdup (_("Last updated just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last updated %d minute ago",
                                         "Last updated %d minutes ago", (gulong) minutes),
                            (int) minutes);
  then = g_date_time_new_from_unix_local (unix_time);
  today = g_date_time_new_from_unix_local (now);
  if (g_date_time_get_year (then) == g_date_time_get_year (today)
      && g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    {
      time = g_date_time_format (then, "%H:%M");
      /* Translators: %s is a time of day, e.g. 14:05 */
      return g_strdup_printf (_("Last updated today at %s"), time);
    }
  /* Translators: a date and time, see g_date_time_format() */
  time = pkio_date_text_format (then, _("%-d %b %Y, %H:%M"));
  /* Translators: %s is a date and time */
  return g_strdup_printf (_("Last updated %s"), time);
}

const char *
pkio_history_format_category_class (PkioStatusCategory category)
{
  switch (category)
    {
    case PKIO_STATUS_CATEGORY_ISSUED: return "issued";
    case PKIO_STATUS_CATEGORY_PROBLEM: return "problem";
    case PKIO_STATUS_CATEGORY_UNKNOWN: return "unknown";
    case PKIO_STATUS_CATEGORY_IN_PROGRESS:
    default:
      return "in-progress";
    }
}

void
pkio_history_format_badge_style (GtkWidget         *widget,
                                 PkioHistoryRecord *record)
{
  const char *classes[] = { "status-badge", NULL, NULL };

  classes[1] = pkio_history_format_category_class (
    pkio_history_record_get_status_category (record));
  gtk_widget_set_css_classes (widget, classes);
}

void
pkio_history_format_badge (GtkLabel          *label,
                           PkioHistoryRecord *record)
{
  gtk_label_set_text (label, pkio_history_record_get_status_label (record));
  pkio_history_format_badge_style (GTK_WIDGET (label), record);
}

char *
pkio_history_format_days_left (PkioHistoryRecord      *record,
                               const PkioExpiryWindow *window)
{
  PkioExpiry expiry = pkio_history_record_get_expiry (record, window);
  g_autofree char *count = NULL;
  gint64 left = 0;

  pkio_history_record_get_days_left (record, window->today, &left);
  count = g_strdup_printf ("%" G_GINT64_FORMAT, left >= 0 ? left : -left);
  switch (expiry)
    {
    case PKIO_EXPIRY_ENDS_SOON:
      if (left == 0)
        return g_strdup (_("ends today"));
      /* Translators: %s is a number of days */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %s day", "in %s days", left),
                              count);
    case PKIO_EXPIRY_ENDED:
      /* Revoked or expired before its date: it ended, whatever the date says. */
      if (left >= 0)
        return g_strdup (_("ended"));
      /* Translators: %s is a number of days */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "ended %s day ago",
                                           "ended %s days ago", -left), count);
    case PKIO_EXPIRY_NONE:
    case PKIO_EXPIRY_VALID:
    default:
      return NULL;
    }
}

char *
pkio_history_format_counts (guint shown,
                            guint total,
                            guint in_progress,
                            guint ending_soon)
{
  g_autofree char *orders = NULL;
  g_autofree char *with_progress = NULL;

  if (shown == total)
    orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order", "%u orders", total),
                              total);
  else
    /* Translators: "5 of 12 orders shown" */
    orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u order shown",
                                           "%u of %u orders shown", total),
                              shown, total);
  if (in_progress == 0)
    with_progress = g_steal_pointer (&orders);
  else
    /* Translators: "12 orders, 3 in progress" */
    with_progress = g_strdup_printf (_("%s, %u in progress"), orders, in_progress);
  if (ending_soon == 0)
    return g_steal_pointer (&with_progress);
  /* Translators: "12 orders, 3 in progress, 2 end soon": the first %s is the counts before */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u ends soon", "%s, %u end soon",
                                       ending_soon),
                          with_progress, ending_soon);
}

char *
pkio_history_format_sync_error (const GError *error)
{
  if (g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_NETWORK)
      || g_error_matches (error, PKIO_API_ERROR, PKIO_API_ERROR_TIMEOUT))
    return g_strdup (_("CertCentral cannot be reached. The list shows the orders as they were at "
                       "the last update; check the internet connection and try again."));
  /* The messages of the core are whole sentences: shown on their own line, not spliced. */
  return g_strdup_printf (_("The history could not be updated.\n%s"), error->message);
}

char *
pkio_history_format_key_note (PkioWorkspaceState  state,
                              const char         *keyring_message)
{
  switch (state)
    {
    case PKIO_WORKSPACE_STATE_NO_KEY:
      return g_strdup (_("No API key is stored, so this list only shows the orders known on this "
                         "computer. Connect your CertCentral account to see all its orders."));
    case PKIO_WORKSPACE_STATE_KEYRING_UNAVAILABLE:
      /* Translators: %s says why the keyring could not be used (one or more sentences) */
      return g_strdup_printf (_("This list only shows the orders known on this computer: the API "
                                "key could not be read from the keyring.\n%s"),
                              keyring_message ? keyring_message : "");
    case PKIO_WORKSPACE_STATE_LOADING:
    case PKIO_WORKSPACE_STATE_READY:
    case PKIO_WORKSPACE_STATE_FAILED:
    default:
      return NULL;
    }
}
