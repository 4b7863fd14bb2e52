/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-cancel-note.h"

char *
pkio_cancel_note_normalize (const char  *note,
                            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (note != NULL ? note : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Write a short note why the order is canceled: CertCentral "
                             "requires one."));
      return NULL;
    }
  if (!g_utf8_validate (trimmed, -1, NULL) ||
      g_utf8_strlen (trimmed, -1) > PKIO_CANCEL_NOTE_MAX_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The note is too long: write at most %d characters."),
                   PKIO_CANCEL_NOTE_MAX_LENGTH);
      return NULL;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The note contains a control character. Type it again as "
                                 "plain text."));
          return NULL;
        }
    }
  return g_steal_pointer (&trimmed);
}

gboolean
pkio_cancel_note_is_valid (const char *note)
{
  g_autofree char *normalized = pkio_cancel_note_normalize (note, NULL);

  return normalized != NULL;
}
