/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a batch file's bytes were read: what spreadsheets write when they save CSV. */
typedef enum
{
  PKIO_BATCH_ENCODING_UTF8,          /* LibreOffice; Excel's "CSV UTF-8" without a BOM */
  PKIO_BATCH_ENCODING_UTF8_BOM,      /* Excel's "CSV UTF-8 (Comma delimited)" */
  PKIO_BATCH_ENCODING_UTF16LE,       /* Excel's "Unicode Text", with its BOM */
  PKIO_BATCH_ENCODING_UTF16BE,       /* the same, big-endian, with its BOM */
  PKIO_BATCH_ENCODING_WINDOWS_1252,  /* Excel's plain "CSV" on (Dutch) Windows */
} PkioBatchEncoding;

/* "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252": names, not sentences. */
const char *pkio_batch_encoding_to_string (PkioBatchEncoding encoding);

/* Decodes a batch file into UTF-8 without a BOM and without NUL characters.
 * - a UTF-8 BOM, or a UTF-16 BOM (either byte order): read as such; damaged UTF-16 (an odd
 *   number of bytes, a lone surrogate) is refused;
 * - no BOM and valid UTF-8: UTF-8;
 * - no BOM and not valid UTF-8: Windows-1252, unless the bytes also hold UTF-8 sequences
 *   (then it is damaged UTF-8, and reading it as Windows-1252 would put "Ã©" in names) or a
 *   byte Windows-1252 leaves undefined;
 * - refused: a workbook (.xlsx/.ods/.xls), a UTF-32 BOM, NUL bytes (UTF-16 without its BOM,
 *   or binary data).
 * A refusal (PKIO_BATCH_ERROR_NOT_TEXT or _ENCODING) says how to save the file instead. */
char       *pkio_batch_text_decode        (const guint8      *data,
                                           gsize              size,
                                           PkioBatchEncoding *out_encoding,
                                           gsize             *out_length,
                                           GError           **error);

/* The sentence every encoding refusal ends with: how to save a CSV file that is read. */
const char *pkio_batch_text_save_hint     (void);

G_END_DECLS
