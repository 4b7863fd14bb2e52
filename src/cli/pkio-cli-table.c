/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cli-table.h"

/* The plain text tables of `history` and `expiring`. */

static void
append_padded (GString    *line,
               const char *text,
               guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (line, ' ');
}

void
pkio_cli_print_records (GListModel        *records,
                        const char *const *titles,
                        guint              n_columns,
                        PkioCliCellFunc    cell,
                        gpointer           user_data)
{
  guint n = g_list_model_get_n_items (records);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *widths = g_new0 (guint, n_columns);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = g_utf8_strlen (_(titles[c]), -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PkioHistoryRecord) record = g_list_model_get_item (records, i);

      for (guint c = 0; c < n_columns; c++)
        {
          char *text = cell (record, c, user_data);

          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (text, -1));
          g_ptr_array_add (cells, text);
        }
    }

  for (guint row = 0; row <= n; row++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = row == 0
                             ? _(titles[c])
                             : g_ptr_array_index (cells, (row - 1) * n_columns + c);

          if (c + 1 < n_columns)
            {
              append_padded (line, text, widths[c]);
              g_string_append (line, "  ");
            }
          else
            g_string_append (line, text);
        }
      g_print ("%s\n", line->str);
    }
}

char *
pkio_cli_holder_text (PkioHistoryRecord *record)
{
  const char *name = pkio_history_record_get_holder_name (record);
  const char *email = pkio_history_record_get_holder_email (record);
  char *label;

  if (name != NULL && *name != '\0' && email != NULL && *email != '\0')
    return g_strdup_printf ("%s <%s>", name, email);
  label = pkio_history_record_dup_holder_label (record);
  return label != NULL ? label : g_strdup ("—");
}
