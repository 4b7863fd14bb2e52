/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One problem with an order: where (a field path such as "ship_info.zip"), what (a machine
 * code such as "invalid_zip") and what the person should do (a translated message). */
typedef struct
{
  char *path;
  char *code;
  char *message;
} PkioProblem;

PkioProblem *pkio_problem_new       (const char *path,
                                     const char *code,
                                     const char *message);
void         pkio_problem_free      (PkioProblem *problem);

/* A GPtrArray of PkioProblem (element free func pkio_problem_free). */
GPtrArray   *pkio_problem_list_new  (void);
void         pkio_problem_list_add  (GPtrArray  *problems,
                                     const char *path,
                                     const char *code,
                                     const char *message);
void         pkio_problem_list_take (GPtrArray  *problems,
                                     const char *path,
                                     const char *code,
                                     char       *message);
/* The first problem at @path, or NULL. */
PkioProblem *pkio_problem_list_find (GPtrArray  *problems,
                                     const char *path);
/* Moves the problems of @src to @dest, except those at a path (or below a path) that @dest
 * already reports: from_json's structural problem then wins over validate's follow-up. */
void         pkio_problem_list_merge (GPtrArray *dest,
                                      GPtrArray *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioProblem, pkio_problem_free)

G_END_DECLS
