/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-countries.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define ISO_3166_1_JSON ISO_CODES_PREFIX "/share/iso-codes/json/iso_3166-1.json"

typedef struct
{
  char *code;   /* lower case */
  char *name;   /* English, the msgid */
} Country;

/* code (lower case) -> Country; never freed: it lives as long as the process. */
static GHashTable *
load_countries (void)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *list;

  if (!json_parser_load_from_file (parser, ISO_3166_1_JSON, &error))
    {
      g_critical ("Cannot read the country list %s (install iso-codes): %s",
                  ISO_3166_1_JSON, error->message);
      return table;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "3166-1"))
    {
      g_critical ("The country list %s is not in the iso-codes format", ISO_3166_1_JSON);
      return table;
    }

  list = json_object_get_array_member (json_node_get_object (root), "3166-1");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      const char *alpha2;
      const char *name;
      Country *country;

      if (entry == NULL)
        continue;
      alpha2 = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
      name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (alpha2 == NULL || name == NULL || strlen (alpha2) != 2)
        continue;

      country = g_new0 (Country, 1);
      country->code = g_ascii_strdown (alpha2, -1);
      country->name = g_strdup (name);
      g_hash_table_insert (table, country->code, country);
    }

  return table;
}

static GHashTable *
get_countries (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, (gsize) load_countries ());
  return (GHashTable *) table;
}

static Country *
lookup (const char *alpha2)
{
  char key[3];

  if (alpha2 == NULL || strlen (alpha2) != 2
      || !g_ascii_isalpha (alpha2[0]) || !g_ascii_isalpha (alpha2[1]))
    return NULL;
  key[0] = g_ascii_tolower (alpha2[0]);
  key[1] = g_ascii_tolower (alpha2[1]);
  key[2] = '\0';
  return g_hash_table_lookup (get_countries (), key);
}

gboolean
pkio_countries_is_valid (const char *alpha2_any_case)
{
  return lookup (alpha2_any_case) != NULL;
}

const char *
pkio_countries_get_name (const char *alpha2)
{
  Country *country = lookup (alpha2);

  if (country == NULL)
    return NULL;
  return g_dgettext ("iso_3166-1", country->name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *keys = user_data;

  return strcmp (g_hash_table_lookup (keys, *(const char * const *) a),
                 g_hash_table_lookup (keys, *(const char * const *) b));
}

GPtrArray *
pkio_countries_list_sorted (void)
{
  GHashTable *countries = get_countries ();
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *codes = g_ptr_array_sized_new (g_hash_table_size (countries));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, countries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Country *country = value;

      g_ptr_array_add (codes, country->code);
      g_hash_table_insert (keys, country->code,
                           g_utf8_collate_key (g_dgettext ("iso_3166-1", country->name), -1));
    }
  g_ptr_array_sort_with_data (codes, compare_names, keys);
  return codes;
}
