/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pkio-batch-columns.h"
#include "pkio-order.h"

G_BEGIN_DECLS

/* The words a batch file's cells may hold, from a fixed table of English and Dutch words
 * with a few aliases each, compared as headers are (pkio_batch_header_fold()): "Met spoed",
 * "met-spoed" and "MET SPOED" are one word. Every reader takes a cell as written (NULL counts
 * as ""); an empty cell gives the default where the column has one. */

/* authentication / signing / encryption (Dutch: authenticiteit, onweerlegbaarheid,
 * vertrouwelijkheid); the API's own names too. No default. */
gboolean    pkio_batch_read_profile       (const char        *cell,
                                           PkioProfile       *out_profile);
const char *pkio_batch_profile_word       (PkioProfile        profile,
                                           PkioBatchLanguage  language);

/* "RSA" or "RSASSA-PSS" ("PSS"); empty: RSA. */
gboolean    pkio_batch_read_signature     (const char        *cell,
                                           gboolean          *out_rsassa_pss);
const char *pkio_batch_signature_word     (gboolean           rsassa_pss);

/* standard / expedited (standaard, met spoed); empty: standard. */
gboolean    pkio_batch_read_ship_method   (const char        *cell,
                                           PkioShipMethod    *out_method);
const char *pkio_batch_ship_method_word   (PkioShipMethod     method,
                                           PkioBatchLanguage  language);

typedef enum
{
  PKIO_BATCH_PAYMENT_READ,
  PKIO_BATCH_PAYMENT_CARD,     /* a new card: never from a file */
  PKIO_BATCH_PAYMENT_UNKNOWN,
} PkioBatchPaymentRead;

/* balance / saved card (tegoed, bewaarde creditcard), also the API's "balance" and
 * "profile"; empty: balance. PKIO_PAYMENT_CARD is never the result. */
PkioBatchPaymentRead pkio_batch_read_payment (const char        *cell,
                                              PkioPaymentMethod *out_method);
const char *pkio_batch_payment_word       (PkioPaymentMethod  method,
                                           PkioBatchLanguage  language);

/* TRUE only for yes (ja, true, x, …): agreeing is never a default. */
gboolean    pkio_batch_read_agreement     (const char        *cell);
const char *pkio_batch_yes_word           (PkioBatchLanguage  language);

/* Sets @validity's kind and amount from "1 year", "2 jaar", "3" (years), "90 days",
 * "90 dagen", or an end date "2026-06-09", "9-6-2026" (day first) or "09 JUN 2026" (English
 * or Dutch month, abbreviated or not). Empty: left as it is (1 year). FALSE (and @validity
 * left alone) for anything else. The range is pkio_order_validate()'s to check. */
gboolean    pkio_batch_read_validity      (const char        *cell,
                                           PkioValidity      *validity);
/* "1 year", "2 jaar", "90 days", or an end date as "2026-06-09". */
char       *pkio_batch_validity_text      (const PkioValidity *validity,
                                           PkioBatchLanguage  language);

G_END_DECLS
