/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the duplicate check found, said for people (the review page) and for scripts (the
 * command line's "already-ordered:" line). One place, so both say the same. */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-date-text.h"
#include "pkio-duplicate-check.h"

/* "an authentication certificate": the profile as the sentence's object. */
static const char *
certificate_phrase (const char *profile)
{
  if (g_strcmp0 (profile, "nonrepudiation") == 0)
    return _("a signing certificate");
  if (g_strcmp0 (profile, "encryption") == 0)
    return _("an encryption certificate");
  return _("an authentication certificate");
}

/* "3 December", with the year only when it is not this one. */
static char *
day_text (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  g_autoptr(GDateTime) now = pkio_calendar_dup_now ();

  g_autoptr(GDateTime) now_local = g_date_time_to_local (now);

  if (g_date_time_get_year (local) == g_date_time_get_year (now_local))
    /* TRANSLATORS: a day of this year, e.g. "3 December" (strftime format) */
    return pkio_date_text_format (local, _("%-d %B"));
  return pkio_date_text_format (local, _("%-d %B %Y"));
}

/* "pending since 3 December", "valid until 3 December 2029". */
static char *
state_phrase (const PkioRemoteOrder *order)
{
  g_autofree char *since = order->date_created != NULL ? day_text (order->date_created) : NULL;
  const char *status = order->status != NULL ? order->status : "";

  if (g_str_equal (status, "issued"))
    {
      g_autoptr(GDateTime) end = NULL;
      g_autofree char *until = NULL;

      if (order->valid_till == 0)
        return g_strdup (_("issued"));
      end = pkio_calendar_day_to_date_time (order->valid_till, NULL);
      until = day_text (end);
      /* TRANSLATORS: %s is a date, e.g. "3 December 2029" */
      return g_strdup_printf (_("valid until %s"), until);
    }
  if (since == NULL)
    return g_strdup (_("in progress"));
  /* TRANSLATORS: each %s is a date, e.g. "3 December" */
  if (g_str_equal (status, "needs_approval"))
    return g_strdup_printf (_("waiting for approval since %s"), since);
  if (g_str_equal (status, "processing"))
    return g_strdup_printf (_("being processed since %s"), since);
  if (g_str_equal (status, "waiting_pickup"))
    return g_strdup_printf (_("waiting for pickup since %s"), since);
  if (g_str_equal (status, "reissue_pending"))
    return g_strdup_printf (_("waiting for reissue since %s"), since);
  return g_strdup_printf (_("pending since %s"), since);
}

char *
pkio_duplicate_dup_text (const PkioDuplicate *duplicate)
{
  const PkioRemoteOrder *order;
  g_autofree char *id = NULL;
  g_autofree char *state = NULL;
  const char *holder;

  g_return_val_if_fail (duplicate != NULL, NULL);

  if (duplicate->outcome == PKIO_DUPLICATE_NONE)
    return NULL;
  if (duplicate->outcome == PKIO_DUPLICATE_UNCHECKED)
    /* TRANSLATORS: %s says why, e.g. "Could not connect to CertCentral." */
    return g_strdup_printf (_("Could not check whether this person already has a certificate "
                              "of this kind: %s"),
                            duplicate->error != NULL ? duplicate->error->message : "");

  order = duplicate->existing;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, order->order_id);
  state = state_phrase (order);
  holder = order->common_name != NULL && *order->common_name != '\0'
           ? order->common_name : _("This person");
  if (duplicate->placed_here)
    /* TRANSLATORS: "Anna de Vries already has an authentication certificate on order
     * 843668399, pending since 3 December, placed on this computer." */
    return g_strdup_printf (_("%1$s already has %2$s on order %3$s, %4$s, placed on this "
                              "computer."),
                            holder, certificate_phrase (order->profile_option), id, state);
  /* TRANSLATORS: "Anna de Vries already has an authentication certificate on order 843668399,
   * pending since 3 December, placed on another computer." */
  return g_strdup_printf (_("%1$s already has %2$s on order %3$s, %4$s, placed on another "
                            "computer."),
                          holder, certificate_phrase (order->profile_option), id, state);
}

char *
pkio_duplicate_dup_script_line (const PkioDuplicate *duplicate)
{
  const PkioRemoteOrder *order;
  g_autofree char *when = NULL;

  g_return_val_if_fail (duplicate != NULL, NULL);

  if (duplicate->outcome != PKIO_DUPLICATE_FOUND)
    return NULL;
  order = duplicate->existing;
  if (g_strcmp0 (order->status, "issued") == 0 && order->valid_till != 0)
    {
      g_autofree char *till = pkio_calendar_day_to_iso (order->valid_till);

      when = g_strdup_printf (", valid until %s", till);
    }
  else if (order->date_created != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (order->date_created);
      g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

      when = g_strdup_printf (" since %s", day);
    }
  /* For scripts: words as CertCentral names them, never translated. */
  return g_strdup_printf ("already-ordered: order %" G_GINT64_FORMAT ", %s, %s%s",
                          order->order_id,
                          order->profile_option != NULL ? order->profile_option : "",
                          order->status != NULL ? order->status : "",
                          when != NULL ? when : "");
}
