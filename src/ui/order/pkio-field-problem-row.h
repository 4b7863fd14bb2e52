/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PKIO_TYPE_FIELD_PROBLEM_ROW (pkio_field_problem_row_get_type ())
G_DECLARE_FINAL_TYPE (PkioFieldProblemRow, pkio_field_problem_row, PKIO, FIELD_PROBLEM_ROW,
                      GtkListBoxRow)

/* The row right under a form field that says what is wrong with it. It is never a stop of the
 * keyboard focus: Tab, Shift+Tab and the arrow keys go through it to the rows around it. (A
 * screen reader hears the problem on the field itself, as its description.) */
PkioFieldProblemRow *pkio_field_problem_row_new      (void);
void                 pkio_field_problem_row_set_text (PkioFieldProblemRow *self,
                                                      const char          *text);
const char          *pkio_field_problem_row_get_text (PkioFieldProblemRow *self);

G_END_DECLS
