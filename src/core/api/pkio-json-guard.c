/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-api-error.h"
#include "pkio-json-guard.h"

static void
set_bad_answer (GError    **error,
                const char *message)
{
  g_propagate_error (error, pkio_api_error_new_literal (PKIO_API_ERROR_BAD_ANSWER, message, NULL));
}

gboolean
pkio_json_guard_check_size (goffset   size,
                            GError  **error)
{
  if (size > PKIO_JSON_GUARD_MAX_BODY)
    {
      set_bad_answer (error, _("CertCentral sent an answer that is far too large to be real data. Try again later; if it keeps happening, tell your administrator."));
      return FALSE;
    }
  return TRUE;
}

gboolean
pkio_json_guard_check_depth (const char  *data,
                             gsize        length,
                             guint        max_depth,
                             GError     **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            {
              set_bad_answer (error, _("CertCentral sent data nested too deeply to be a real answer. Try again later; if it keeps happening, tell your administrator."));
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
read_escape_unit (const char *p,
                  const char *end,
                  guint      *out_unit)
{
  guint unit = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return FALSE;
  for (int k = 2; k < 6; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return FALSE;
      unit = unit * 16 + (guint) g_ascii_xdigit_value (p[k]);
    }
  *out_unit = unit;
  return TRUE;
}

/* Walks the escapes inside JSON strings (keys and values) for what json-glib 1.6 misreads
 * without a word: a \u without four hex digits ("\u00zz" reads as an empty string, "\udda "
 * as bytes that are not UTF-8) and, with @refuse_nul, \u0000 (the C string ends there:
 * "Jo\u0000hn" reads "Jo"). Returns the offset of the first such escape, or -1. A lone UTF-16
 * surrogate ("\ud800" without its pair) would also become bytes that are not UTF-8: with
 * @repaired, each is rewritten to \ufffd (same length) in a copy made at the first one. */
static gssize
scan_escapes (const char  *data,
              gsize        length,
              gboolean     refuse_nul,
              char       **repaired)
{
  const char *end = data + length;
  gboolean in_string = FALSE;

  for (const char *p = data; p < end; p++)
    {
      guint unit;
      guint next;

      if (!in_string)
        {
          in_string = *p == '"';
          continue;
        }
      if (*p == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] != 'u')
        {
          p++;  /* skip the escaped character, so "\\" and "\"" end or start nothing */
          continue;
        }
      if (!read_escape_unit (p, end, &unit) || (refuse_nul && unit == 0))
        return p - data;
      if (unit >= 0xd800 && unit <= 0xdbff && read_escape_unit (p + 6, end, &next)
          && next >= 0xdc00 && next <= 0xdfff)
        {
          p += 11;  /* a proper pair */
          continue;
        }
      if (unit >= 0xd800 && unit <= 0xdfff && repaired != NULL)
        {
          if (*repaired == NULL)
            *repaired = g_memdup2 (data, length);
          memcpy (*repaired + (p - data), "\\ufffd", 6);
        }
      p += 5;
    }
  return -1;
}

gssize
pkio_json_guard_find_bad_escape (const char *data,
                                 gsize       length)
{
  return scan_escapes (data, length, TRUE, NULL);
}

gssize
pkio_json_guard_find_trailing_data (const char *data,
                                    gsize       length)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  gboolean started = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (started && depth == 0 && !g_ascii_isspace (c))
        return (gssize) i;
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          depth++;
          started = TRUE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return -1;
}

static const char *
skip_space (const char *data,
            gsize       length,
            gsize      *out_rest)
{
  gsize i = 0;

  /* A UTF-8 byte order mark is harmless. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  *out_rest = length - i;
  return data + i;
}

static gboolean
content_type_is_json (const char *content_type)
{
  g_autofree char *lower = NULL;
  char *semicolon;

  if (content_type == NULL)
    return FALSE;
  lower = g_ascii_strdown (content_type, -1);
  semicolon = strchr (lower, ';');
  if (semicolon != NULL)
    *semicolon = '\0';
  g_strstrip (lower);
  return g_str_equal (lower, "application/json") || g_str_has_suffix (lower, "+json")
         || g_str_equal (lower, "text/json");
}

gboolean
pkio_json_guard_looks_like_json (const char *content_type,
                                 const char *data,
                                 gsize       length)
{
  gsize rest;
  const char *start;

  if (content_type_is_json (content_type))
    return TRUE;
  if (data == NULL)
    return FALSE;
  start = skip_space (data, length, &rest);
  return rest > 0 && (*start == '{' || *start == '[');
}

JsonNode *
pkio_json_guard_parse (const char  *content_type,
                       GBytes      *body,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *repaired = NULL;
  const char *data = NULL;
  const char *start;
  gsize length = 0;
  gsize rest;
  JsonNode *root;

  if (body != NULL)
    data = g_bytes_get_data (body, &length);
  if (!pkio_json_guard_check_size (length, error))
    return NULL;

  start = data != NULL ? skip_space (data, length, &rest) : NULL;
  if (start == NULL || rest == 0)
    {
      set_bad_answer (error, _("CertCentral sent an empty answer. Try again later."));
      return NULL;
    }

  if (!pkio_json_guard_looks_like_json (content_type, data, length))
    {
      g_autofree char *lower = content_type ? g_ascii_strdown (content_type, -1) : NULL;

      if (*start == '<' || (lower != NULL && strstr (lower, "html") != NULL))
        set_bad_answer (error, _("CertCentral sent a web page instead of data. A proxy or a maintenance page may be in the way; try again later or ask your administrator."));
      else
        set_bad_answer (error, _("CertCentral sent an answer the app does not understand. Try again later; if it keeps happening, tell your administrator."));
      return NULL;
    }

  if (!pkio_json_guard_check_depth (start, rest, PKIO_JSON_GUARD_MAX_DEPTH, error))
    return NULL;

  if (scan_escapes (start, rest, FALSE, &repaired) >= 0
      || pkio_json_guard_find_trailing_data (start, rest) >= 0)
    {
      set_bad_answer (error, _("CertCentral sent damaged data. Try again later; if it keeps happening, tell your administrator."));
      return NULL;
    }
  if (repaired != NULL)
    start = repaired;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, start, rest, &parse_error))
    {
      g_debug ("Unparsable answer: %s", parse_error->message);
      set_bad_answer (error, _("CertCentral sent damaged data. Try again later; if it keeps happening, tell your administrator."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      set_bad_answer (error, _("CertCentral sent an empty answer. Try again later."));
      return NULL;
    }
  return json_node_copy (root);
}

static void
set_wrong_shape (GError **error)
{
  set_bad_answer (error, _("CertCentral sent an answer in an unexpected form. The app may need an update; if it keeps happening, tell your administrator."));
}

JsonObject *
pkio_json_guard_parse_object (const char  *content_type,
                              GBytes      *body,
                              GError     **error)
{
  g_autoptr(JsonNode) root = pkio_json_guard_parse (content_type, body, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_wrong_shape (error);
      return NULL;
    }
  return json_node_dup_object (root);
}

gboolean
pkio_json_guard_get_int (JsonObject  *object,
                         const char  *member,
                         gint64      *out_value,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_wrong_shape (error);
      return FALSE;
    }
  if (out_value != NULL)
    *out_value = json_node_get_int (node);
  return TRUE;
}

gint64
pkio_json_guard_int_or_zero (JsonObject *object,
                             const char *member)
{
  gint64 value = 0;

  if (!pkio_json_guard_get_int (object, member, &value, NULL))
    return 0;
  return value;
}

const char *
pkio_json_guard_string_or_null (JsonObject *object,
                                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
pkio_json_guard_boolean_or (JsonObject *object,
                            const char *member,
                            gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

JsonArray *
pkio_json_guard_get_array (JsonObject  *object,
                           const char  *member,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_wrong_shape (error);
      return NULL;
    }
  return json_node_get_array (node);
}

gboolean
pkio_json_guard_has_member (JsonObject  *object,
                            const char  *member,
                            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      set_wrong_shape (error);
      return FALSE;
    }
  return TRUE;
}
