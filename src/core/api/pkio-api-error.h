/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PKIO_API_ERROR (pkio_api_error_quark ())

typedef enum
{
  PKIO_API_ERROR_INVALID_INPUT,    /* 400/422: not placed, the person can correct and resend */
  PKIO_API_ERROR_KEY_REJECTED,     /* 401 (whatever its code): CertCentral no longer accepts
                                      the key; also no key stored at all */
  PKIO_API_ERROR_FORBIDDEN,        /* 403: the key may not do this one call (its role) */
  PKIO_API_ERROR_NOT_FOUND,        /* 404 */
  PKIO_API_ERROR_RATE_LIMITED,     /* 429 (after retries, for GETs) */
  PKIO_API_ERROR_SERVER_ERROR,     /* 5xx on a GET/PUT (after retries, for GETs) */
  PKIO_API_ERROR_NETWORK,          /* transport error; for the order POST only when nothing
                                      was sent */
  PKIO_API_ERROR_TIMEOUT,          /* our own per-request timer */
  PKIO_API_ERROR_OUTCOME_UNKNOWN,  /* order POST: sent, but no usable answer. Never resend
                                      automatically; reconcile first */
  PKIO_API_ERROR_BAD_ANSWER,       /* answer is not the data we expect (HTML, malformed, too big,
                                      too deep, wrong shape) */
  PKIO_API_ERROR_INSECURE_URL,     /* http:// to a non-loopback host, or not http(s) */
} PkioApiError;

/* One entry of CertCentral's errors[]: code "not_found|order" is split into code "not_found"
 * and code_detail "order"; field is the "field" member when sent. Every member may be NULL. */
typedef struct
{
  char *code;
  char *code_detail;
  char *field;
  char *message;
} PkioApiErrorEntry;

GQuark             pkio_api_error_quark       (void);

PkioApiErrorEntry *pkio_api_error_entry_new   (const char              *code,
                                               const char              *field,
                                               const char              *message);
PkioApiErrorEntry *pkio_api_error_entry_copy  (const PkioApiErrorEntry *entry);
void               pkio_api_error_entry_free  (PkioApiErrorEntry       *entry);

/* The errors[] entries that travel with a PKIO_API_ERROR GError (through g_error_copy and
 * GTask too). Returns NULL when @error is not a PKIO_API_ERROR or has no entries.
 * The array belongs to @error. */
GPtrArray         *pkio_api_error_get_entries (const GError            *error);

/* Reads errors[] from a CertCentral error answer (any root; non-objects are skipped).
 * Returns a new array (element free func set), possibly empty; never NULL. */
GPtrArray         *pkio_api_error_parse_entries (JsonNode              *root);
/* The same for the array itself ([{"code", "field", "message"}, …]), as the history keeps
 * it. Never NULL; wrong shapes give no entries. */
GPtrArray         *pkio_api_error_parse_entry_array (JsonNode            *node);

/* A new PKIO_API_ERROR GError carrying a copy of @entries (may be NULL). */
GError            *pkio_api_error_new_literal (PkioApiError             code,
                                               const char              *message,
                                               GPtrArray               *entries);

/* PKIO_API_ERROR_KEY_REJECTED for a call that needs an API key when none is stored: nothing
 * was sent. The words are for both front ends (the window and the command line). */
GError            *pkio_api_error_new_no_key  (void);

/* Maps an HTTP error status (>= 400) of a CertCentral answer to a GError with a message for a
 * non-technical person. @places_order (the order POST): a 5xx or 408 then means
 * PKIO_API_ERROR_OUTCOME_UNKNOWN, and the words say whether the order was placed.
 * @entries (may be NULL) are attached; their messages are appended to the message. */
GError            *pkio_api_error_new_for_status (guint                 status,
                                                  gboolean              places_order,
                                                  GPtrArray            *entries);

/* What an error means for the person, whatever the front end: the CLI's exit code and the
 * window's message both start from here. */
typedef enum
{
  PKIO_ERROR_MEANING_FAILED,       /* something else went wrong (locally, an unreadable
                                      answer, a refused address) */
  PKIO_ERROR_MEANING_REJECTED,     /* CertCentral said no: nothing was placed or changed.
                                      Correct what it names and send again */
  PKIO_ERROR_MEANING_UNKNOWN,      /* it may or may not have happened: check before doing it
                                      again (never repeat it automatically) */
  PKIO_ERROR_MEANING_RETRY_LATER,  /* it did not happen: no connection, no answer in time, too
                                      many requests, a server error. Try again later */
  PKIO_ERROR_MEANING_FIX_KEY,      /* the API key is missing, or CertCentral no longer accepts
                                      it: nothing works with it, a new key is needed (the
                                      request itself is fine) */
  PKIO_ERROR_MEANING_NOT_ALLOWED,  /* this key may not do this one call (its role): the
                                      account and its other calls are fine */
} PkioErrorMeaning;

PkioErrorMeaning   pkio_api_error_get_meaning    (const GError          *error);

/* TRUE when @error proves the request never took effect (CertCentral refused it, or it never
 * left): an order that failed so was certainly not placed. FALSE when it may have. */
gboolean           pkio_api_error_is_not_placed  (const GError          *error);

/* Stable name of a code, for logs and the CLI ("outcome-unknown"). */
const char        *pkio_api_error_code_to_string (PkioApiError          code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioApiErrorEntry, pkio_api_error_entry_free)

G_END_DECLS
