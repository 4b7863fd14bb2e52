/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <json-glib/json-glib.h>

#include "pkio-order.h"

G_BEGIN_DECLS

/* Shared by the fuzz harnesses (tests/fuzz/fuzz-*.c). Each harness defines
 * LLVMFuzzerTestOneInput(); libFuzzer (meson -Dfuzzing=true, clang) or the replay driver
 * (fuzz-replay.c, the normal test suite) calls it. A harness aborts, through g_assert or a
 * fatal GLib warning, when the code under test breaks a promise its header makes. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Once per process: makes g_warning and g_critical (a failed g_return_if_fail) abort. */
void       fuzz_init          (void);

/* What PkioClient does with an answer body before any reader sees it: the JSON guard (size,
 * depth, content type) and json-glib. NULL (and a PKIO_API_ERROR_BAD_ANSWER) when refused. */
JsonNode  *fuzz_parse_answer  (const uint8_t  *data,
                               size_t          size,
                               const char     *content_type);

/* A fixed "today" (2025-06-01 12:00 UTC), so a replayed input gives the same result. */
GDateTime *fuzz_now           (void);

/* TRUE when @text is valid UTF-8 (NULL counts as valid). */
gboolean   fuzz_is_utf8       (const char     *text);

/* Every problem has a path, a code and a message, in UTF-8. */
void       fuzz_check_problems   (GPtrArray       *problems);
/* @order is valid: its normalized body, read back and validated, has no problem and gives
 * the very same body (what --dry-run prints is what would be sent). */
void       fuzz_check_round_trip (const PkioOrder *order,
                                  GDateTime       *now);
/* @order is valid: what it keeps on disk holds nothing of the card but its last four digits. */
void       fuzz_check_storage    (const PkioOrder *order);

G_END_DECLS
