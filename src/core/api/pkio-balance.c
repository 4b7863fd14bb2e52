/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "pkio-balance.h"

/* "4900", "4900.5", "-12.50", "+3.999" (rounded half away from zero); FALSE for anything else.
 * Parsed by hand: strtod would follow the locale's decimal separator. */
static gboolean
parse_decimal (const char *text,
               gint64     *out_cents)
{
  gboolean negative = FALSE;
  gint64 units = 0;
  gint64 cents = 0;
  guint n_digits = 0;
  guint n_decimals = 0;
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, n_digits++)
    {
      if (units > G_MAXINT64 / 1000)
        return FALSE;
      units = units * 10 + (*p - '0');
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, n_decimals++)
      {
        if (n_decimals < 2)
          cents = cents * 10 + (*p - '0');
        else if (n_decimals == 2 && *p >= '5')
          cents++;
      }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || n_digits + n_decimals == 0)
    return FALSE;
  if (n_decimals == 1)
    cents *= 10;
  cents += units * 100;
  *out_cents = negative ? -cents : cents;
  return TRUE;
}

PkioBalance *
pkio_balance_from_json (JsonObject  *object,
                        GError     **error)
{
  JsonNode *node;
  GType type;
  gint64 cents = 0;
  gboolean ok = FALSE;
  PkioBalance *balance;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, "balance");
  type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                       : G_TYPE_INVALID;
  if (type == G_TYPE_STRING)
    ok = parse_decimal (json_node_get_string (node), &cents);
  else if (type == G_TYPE_INT64 && ABS (json_node_get_int (node)) < G_MAXINT64 / 100)
    {
      cents = json_node_get_int (node) * 100;
      ok = TRUE;
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node) * 100.0;

      /* Also FALSE for NaN. */
      ok = value > -1e17 && value < 1e17;
      if (ok)
        cents = (gint64) (value + (value >= 0 ? 0.5 : -0.5));
    }
  if (!ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "finance/balance: the answer has no readable balance");
      return NULL;
    }

  balance = g_new0 (PkioBalance, 1);
  balance->cents = cents;
  node = json_object_get_member (object, "currency");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    balance->currency = g_strdup (json_node_get_string (node));
  return balance;
}

PkioBalance *
pkio_balance_copy (const PkioBalance *balance)
{
  PkioBalance *copy;

  if (balance == NULL)
    return NULL;
  copy = g_new0 (PkioBalance, 1);
  copy->cents = balance->cents;
  copy->currency = g_strdup (balance->currency);
  return copy;
}

void
pkio_balance_free (PkioBalance *balance)
{
  if (balance == NULL)
    return;
  g_free (balance->currency);
  g_free (balance);
}

char *
pkio_balance_format (const PkioBalance *balance)
{
  guint64 magnitude;

  g_return_val_if_fail (balance != NULL, NULL);

  magnitude = balance->cents < 0 ? (guint64) -(balance->cents + 1) + 1 : (guint64) balance->cents;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u%s%s",
                          balance->cents < 0 ? "-" : "", magnitude / 100,
                          (guint) (magnitude % 100),
                          balance->currency != NULL ? " " : "",
                          balance->currency != NULL ? balance->currency : "");
}
