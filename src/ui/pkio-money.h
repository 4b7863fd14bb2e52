/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-workspace.h"

G_BEGIN_DECLS

/* An amount as people of the UI's language write it: "€5,000.00" in English, "€ 5.000,00" in
 * Dutch. The marks come from the translation, not from the locale: only C locales may exist
 * (the language can be chosen in Preferences). Other currencies keep their code. */
char *pkio_money_format (const PkioBalance *balance);

G_END_DECLS
