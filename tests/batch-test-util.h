/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-batch.h"

G_BEGIN_DECLS

/* Shared by test-batch-read.c and test-batch-write.c. */

/* The English column names, every order column, separated by @separator. */
char      *batch_test_english_header (char        separator);
/* Row @n (0-2) of the base table: John Doe (the seed's first example), Zoë Öztürk-de Vries
 * (non-ASCII, expedited, 2 years, saved card) and CertCentral number 21 (a Belgian address,
 * 90 days), separated by @separator, without a line end. */
char      *batch_test_base_row       (guint       n,
                                      char        separator);
/* Header and the three rows with @separator and @line_end. */
char      *batch_test_base_table     (char        separator,
                                      const char *line_end);
/* The header and @n_rows copies of base row 0, each for another person
 * ("person01@example.com", …), CR LF. */
char      *batch_test_people_table   (guint       n_rows,
                                      char        separator);
/* The same, "person01@@domain", …: people of their own, whom the orders of another test do not
 * make duplicates (issue 20). */
char      *batch_test_people_table_at (guint       n_rows,
                                       char        separator,
                                       const char *domain);

/* 2025-06-01 12:00 UTC, like the fuzz harnesses. */
GDateTime *batch_test_now            (void);
/* pkio_batch_read() of @length bytes (-1: a string); asserts it is read. */
PkioBatch *batch_test_read           (const char *data,
                                      gssize      length);
PkioBatch *batch_test_read_custom    (const char *data,
                                      gssize      length,
                                      const char * const *custom_labels);
/* pkio_batch_read() must refuse with @code; returns the message. */
char      *batch_test_refused        (const char *data,
                                      gssize      length,
                                      int         code);

/* The problems of the batch as "ROW: COLUMN: CODE" lines ("ROW: CODE" without a column),
 * header first, one per line; the messages are logged. */
char      *batch_test_problems       (PkioBatch  *batch);
/* Each row's key, joined by spaces. */
char      *batch_test_row_keys       (PkioBatch  *batch);

/* The compact normalized request body of @order. */
char      *batch_test_body           (const PkioOrder *order);
/* The compact normalized body of a fixture (tests/fixtures/NAME). */
char      *batch_test_fixture_body   (const char *name);

G_END_DECLS
