/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Binds the string setting @key to the "selected" item of @object (a GtkDropDown or an
 * AdwComboRow), item i standing for @values[i] (NULL-terminated, kept by the caller for as
 * long as the binding lives). A stored value that is not in @values selects item 0. */
void pkio_settings_bind_choice (GSettings          *settings,
                                const char         *key,
                                gpointer            object,
                                const char * const *values);

G_END_DECLS
