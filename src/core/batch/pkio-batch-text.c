/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-batch-error.h"
#include "pkio-batch-text.h"

/* Windows-1252's 0x80-0x9F (the rest is Latin-1); 0 marks the five undefined bytes. */
static const gunichar cp1252_high[32] = {
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

const char *
pkio_batch_encoding_to_string (PkioBatchEncoding encoding)
{
  switch (encoding)
    {
    case PKIO_BATCH_ENCODING_UTF8:
      return "UTF-8";
    case PKIO_BATCH_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case PKIO_BATCH_ENCODING_UTF16LE:
      return "UTF-16LE";
    case PKIO_BATCH_ENCODING_UTF16BE:
      return "UTF-16BE";
    case PKIO_BATCH_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pkio_batch_text_save_hint (void)
{
  return _("Save it again as “CSV UTF-8 (Comma delimited)” in Excel, or as “Text CSV” with "
           "the character set “Unicode (UTF-8)” in LibreOffice Calc, and try again.");
}

/* The line (1 = first) that byte @offset of @data is on, counting LF bytes, or LF code
 * units for UTF-16 (@unit 2; @big_endian says where the code unit's high byte is). */
static guint
line_of (const guint8 *data,
         gsize         offset,
         guint         unit,
         gboolean      big_endian)
{
  guint line = 1;

  for (gsize i = 0; i + unit <= offset; i += unit)
    {
      if (unit == 1 && data[i] == '\n')
        line++;
      else if (unit == 2 && data[i + (big_endian ? 1 : 0)] == '\n'
               && data[i + (big_endian ? 0 : 1)] == 0)
        line++;
    }
  return line;
}

static void
set_error (GError    **error,
           gint        code,
           const char *reason)
{
  g_set_error (error, PKIO_BATCH_ERROR, code, "%s %s", reason, pkio_batch_text_save_hint ());
}

static char *
decode_utf16 (const guint8 *data,
              gsize         size,
              gboolean      big_endian,
              gsize        *out_length,
              GError      **error)
{
  g_autoptr(GString) text = g_string_sized_new (size / 2 + size / 8);
  gsize i;

  if (size % 2 != 0)
    {
      set_error (error, PKIO_BATCH_ERROR_ENCODING,
                 _("The file says it is UTF-16 text, but it ends in the middle of a "
                   "character."));
      return NULL;
    }
  for (i = 0; i < size; i += 2)
    {
      gunichar c = big_endian ? (guint) (data[i] << 8 | data[i + 1])
                              : (guint) (data[i + 1] << 8 | data[i]);

      if (c >= 0xd800 && c <= 0xdbff && i + 4 <= size)
        {
          gunichar low = big_endian ? (guint) (data[i + 2] << 8 | data[i + 3])
                                    : (guint) (data[i + 3] << 8 | data[i + 2]);

          if (low >= 0xdc00 && low <= 0xdfff)
            {
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              i += 2;
            }
        }
      if (c >= 0xd800 && c <= 0xdfff)
        {
          g_autofree char *reason =
            /* TRANSLATORS: %u is a line number */
            g_strdup_printf (_("The file says it is UTF-16 text, but line %u holds a broken "
                               "character."), line_of (data, i, 2, big_endian));

          set_error (error, PKIO_BATCH_ERROR_ENCODING, reason);
          return NULL;
        }
      if (c == 0)
        {
          g_autofree char *reason =
            /* TRANSLATORS: %u is a line number */
            g_strdup_printf (_("Line %u holds a NUL character, which no text of an order may "
                               "contain."), line_of (data, i, 2, big_endian));

          set_error (error, PKIO_BATCH_ERROR_NOT_TEXT, reason);
          return NULL;
        }
      g_string_append_unichar (text, c);
    }
  *out_length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* No BOM and not valid UTF-8. Returns the offset of the first byte that is not UTF-8, and
 * whether anything else in @data is a UTF-8 sequence of two or more bytes. */
static gsize
scan_invalid_utf8 (const guint8 *data,
                   gsize         size,
                   gboolean     *out_has_utf8_sequences)
{
  gsize first_invalid = size;
  gsize i = 0;

  *out_has_utf8_sequences = FALSE;
  while (i < size)
    {
      gunichar c;

      if (data[i] < 0x80)
        {
          i++;
          continue;
        }
      c = g_utf8_get_char_validated ((const char *) data + i, (gssize) MIN (size - i, 6));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          first_invalid = MIN (first_invalid, i);
          i++;
          continue;
        }
      *out_has_utf8_sequences = TRUE;
      i += g_utf8_skip[data[i]];
    }
  return first_invalid;
}

static char *
decode_windows_1252 (const guint8 *data,
                     gsize         size,
                     gsize        *out_length,
                     GError      **error)
{
  g_autoptr(GString) text = g_string_sized_new (size + size / 8);

  for (gsize i = 0; i < size; i++)
    {
      gunichar c = data[i];

      if (c >= 0x80 && c < 0xa0)
        c = cp1252_high[c - 0x80];
      if (c == 0)
        {
          /* NUL bytes were refused before: this is one of the five undefined bytes. */
          g_autofree char *reason =
            /* TRANSLATORS: %u is a line number, 0x%02X a byte such as 0x81 */
            g_strdup_printf (_("The file is not in UTF-8 and not in Windows-1252: line %u "
                               "holds the byte 0x%02X, which is a character of neither."),
                             line_of (data, i, 1, FALSE), data[i]);

          set_error (error, PKIO_BATCH_ERROR_ENCODING, reason);
          return NULL;
        }
      g_string_append_unichar (text, c);
    }
  *out_length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
starts_with (const guint8 *data,
             gsize         size,
             const char   *prefix,
             gsize         prefix_len)
{
  return size >= prefix_len && memcmp (data, prefix, prefix_len) == 0;
}

char *
pkio_batch_text_decode (const guint8      *data,
                        gsize              size,
                        PkioBatchEncoding *out_encoding,
                        gsize             *out_length,
                        GError           **error)
{
  const guint8 *nul;
  gsize first_invalid;
  gboolean has_utf8_sequences;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (out_encoding != NULL, NULL);
  g_return_val_if_fail (out_length != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty GBytes has no data at all: memchr () and friends must not see its NULL. */
  if (size == 0)
    {
      *out_encoding = PKIO_BATCH_ENCODING_UTF8;
      *out_length = 0;
      return g_strdup ("");
    }

  /* Zip (.xlsx, .ods) and OLE2 (.xls) workbooks: the commonest wrong file. */
  if (starts_with (data, size, "PK\x03\x04", 4)
      || starts_with (data, size, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
    {
      g_set_error_literal (error, PKIO_BATCH_ERROR, PKIO_BATCH_ERROR_NOT_TEXT,
                           _("This is a spreadsheet workbook (such as .xlsx or .ods), not a "
                             "CSV file. In the spreadsheet, save a copy as “CSV UTF-8 (Comma "
                             "delimited)” (Excel) or “Text CSV” (LibreOffice Calc), and use "
                             "that file."));
      return NULL;
    }
  if (starts_with (data, size, "\xff\xfe\x00\x00", 4)
      || starts_with (data, size, "\x00\x00\xfe\xff", 4))
    {
      set_error (error, PKIO_BATCH_ERROR_ENCODING,
                 _("The file is UTF-32 text, which is not read."));
      return NULL;
    }
  if (starts_with (data, size, "\xff\xfe", 2) || starts_with (data, size, "\xfe\xff", 2))
    {
      gboolean big_endian = data[0] == 0xfe;

      *out_encoding = big_endian ? PKIO_BATCH_ENCODING_UTF16BE : PKIO_BATCH_ENCODING_UTF16LE;
      return decode_utf16 (data + 2, size - 2, big_endian, out_length, error);
    }

  *out_encoding = PKIO_BATCH_ENCODING_UTF8;
  if (starts_with (data, size, "\xef\xbb\xbf", 3))
    {
      *out_encoding = PKIO_BATCH_ENCODING_UTF8_BOM;
      data += 3;
      size -= 3;
    }

  nul = memchr (data, 0, size);
  if (nul != NULL)
    {
      g_autofree char *reason =
        /* TRANSLATORS: %u is a line number */
        g_strdup_printf (_("Line %u holds a NUL character: this is UTF-16 text without its "
                           "byte order mark, or not text at all."),
                         line_of (data, (gsize) (nul - data), 1, FALSE));

      set_error (error, PKIO_BATCH_ERROR_NOT_TEXT, reason);
      return NULL;
    }

  if (g_utf8_validate ((const char *) data, (gssize) size, NULL))
    {
      *out_length = size;
      return g_strndup ((const char *) data, size);
    }

  first_invalid = scan_invalid_utf8 (data, size, &has_utf8_sequences);
  if (*out_encoding == PKIO_BATCH_ENCODING_UTF8_BOM || has_utf8_sequences)
    {
      g_autofree char *reason =
        /* TRANSLATORS: %u is a line number */
        g_strdup_printf (_("The file is UTF-8 text, but line %u holds a byte that is not "
                           "UTF-8: it was damaged, or put together from files in different "
                           "encodings."), line_of (data, first_invalid, 1, FALSE));

      set_error (error, PKIO_BATCH_ERROR_ENCODING, reason);
      return NULL;
    }

  *out_encoding = PKIO_BATCH_ENCODING_WINDOWS_1252;
  return decode_windows_1252 (data, size, out_length, error);
}
