/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What GET finance/balance says: the balance (CertCentral sends a number or a decimal string
 * such as "4900.00") and its currency. Front ends never look at the JSON. */
typedef struct
{
  gint64  cents;      /* hundredths of the currency unit, rounded */
  char   *currency;   /* "EUR"; NULL when not sent */
} PkioBalance;

/* NULL with G_IO_ERROR_INVALID_DATA when "balance" is missing or not a number. */
PkioBalance *pkio_balance_from_json (JsonObject        *object,
                                     GError           **error);
PkioBalance *pkio_balance_copy      (const PkioBalance *balance);
void         pkio_balance_free      (PkioBalance       *balance);
/* "4900.00 EUR", "-12.50 EUR", "4900.00" without a currency. Not localized: amounts are
 * shown as CertCentral states them. */
char        *pkio_balance_format    (const PkioBalance *balance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioBalance, pkio_balance_free)

G_END_DECLS
