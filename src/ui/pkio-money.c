/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-money.h"

char *
pkio_money_format (const PkioBalance *balance)
{
  g_autoptr(GString) number = g_string_new (NULL);
  g_autofree char *units = NULL;
  const char *currency;
  gint64 cents;
  /* Translators: the mark between whole units and cents in amounts of money (Dutch: ",") */
  const char *decimal = _(".");
  /* Translators: the mark between thousands in amounts of money (Dutch: ".") */
  const char *thousands = _(",");
  gsize len;

  g_return_val_if_fail (balance != NULL, NULL);

  cents = balance->cents < 0 ? -balance->cents : balance->cents;
  units = g_strdup_printf ("%" G_GINT64_FORMAT, cents / 100);
  len = strlen (units);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (number, thousands);
      g_string_append_c (number, units[i]);
    }
  g_string_append_printf (number, "%s%02d", decimal, (int) (cents % 100));
  if (balance->cents < 0)
    g_string_prepend (number, "−");

  currency = balance->currency != NULL ? balance->currency : "";
  if (g_ascii_strcasecmp (currency, "EUR") == 0)
    /* Translators: an amount in euro: %s is the number, e.g. "5,000.00" (Dutch: "€ %s") */
    return g_strdup_printf (_("€%s"), number->str);
  if (*currency == '\0')
    return g_string_free (g_steal_pointer (&number), FALSE);
  /* Translators: an amount: first %s the number, second the currency code, e.g. "12.00 USD" */
  return g_strdup_printf (_("%s %s"), number->str, currency);
}
