/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checks that run on an untrusted answer before json-glib sees it (json-glib 1.6 has no
 * nesting limit and would read anything). Errors are PKIO_API_ERROR_BAD_ANSWER. */

#define PKIO_JSON_GUARD_MAX_BODY  (8 * 1024 * 1024)
#define PKIO_JSON_GUARD_MAX_DEPTH 64

/* Refuses a declared Content-Length (-1: unknown) or a read size over the cap. */
gboolean    pkio_json_guard_check_size   (goffset      size,
                                          GError     **error);
/* String-aware bracket depth scan. */
gboolean    pkio_json_guard_check_depth  (const char  *data,
                                          gsize        length,
                                          guint        max_depth,
                                          GError     **error);
/* Offset of the first \u escape inside a JSON string (key or value) that json-glib would
 * silently misread: \u0000 ("Jo\u0000hn" reads as "Jo") or one without four hex digits.
 * -1 when there is none. */
gssize      pkio_json_guard_find_bad_escape (const char *data,
                                             gsize       length);
/* Offset of the first character after the first complete top-level object or array other than
 * white space, or -1. json-glib 1.6 reads "{…}{…}" as the first object, drops (and leaks) the
 * rest without a word. */
gssize      pkio_json_guard_find_trailing_data (const char *data,
                                                gsize       length);
/* JSON Content-Type ("application/json", "…+json"), or the body starts with { or [. */
gboolean    pkio_json_guard_looks_like_json (const char *content_type,
                                             const char *data,
                                             gsize       length);

/* All checks, then parses. Returns the root node (owned). @content_type may be NULL. */
JsonNode   *pkio_json_guard_parse        (const char  *content_type,
                                          GBytes      *body,
                                          GError     **error);
/* Same, and the root must be an object. Returns a new reference. */
JsonObject *pkio_json_guard_parse_object (const char  *content_type,
                                          GBytes      *body,
                                          GError     **error);

/* Shape checks on an answer object. */
gboolean    pkio_json_guard_get_int      (JsonObject  *object,
                                          const char  *member,
                                          gint64      *out_value,
                                          GError     **error);
/* The lenient reading of an answer where a member of the wrong type counts as absent: its
 * integer as pkio_json_guard_get_int () reads it, or 0. */
gint64      pkio_json_guard_int_or_zero  (JsonObject  *object,
                                          const char  *member);
/* The same for a string (NULL when absent or not a string; owned by @object) and a boolean
 * (@fallback when absent or not a boolean). */
const char *pkio_json_guard_string_or_null (JsonObject *object,
                                            const char *member);
gboolean    pkio_json_guard_boolean_or   (JsonObject  *object,
                                          const char  *member,
                                          gboolean     fallback);
JsonArray  *pkio_json_guard_get_array    (JsonObject  *object,
                                          const char  *member,
                                          GError     **error);
gboolean    pkio_json_guard_has_member   (JsonObject  *object,
                                          const char  *member,
                                          GError     **error);

G_END_DECLS
