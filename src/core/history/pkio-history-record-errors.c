/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-api-error.h"
#include "pkio-history-record.h"

/* What CertCentral answered to a refused order, as the record keeps it (a JSON array written
 * by the order sender), read back here so that no front end parses JSON. */
GPtrArray *
pkio_history_record_dup_errors (PkioHistoryRecord *self)
{
  const char *json;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (self), NULL);

  json = pkio_history_record_get_errors_json (self);
  if (json != NULL)
    root = json_from_string (json, NULL);
  return pkio_api_error_parse_entry_array (root);
}
