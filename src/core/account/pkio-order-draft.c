/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "pkio-order-draft.h"
#include "pkio-paths.h"

/* A draft is a few hundred bytes; anything much larger is not ours. */
#define DRAFT_MAX_BYTES (256 * 1024)

struct _PkioOrderDraft
{
  GObject  parent_instance;

  char    *path;
  GMutex   lock;          /* guards the file and written_seq */
  guint64  next_seq;      /* main thread */
  guint64  written_seq;   /* the newest job that reached the file */
};

G_DEFINE_FINAL_TYPE (PkioOrderDraft, pkio_order_draft, G_TYPE_OBJECT)

/* One write (contents) or removal (contents NULL), numbered in call order. */
typedef struct
{
  guint64  seq;
  char    *contents;
} Job;

static void
job_free (Job *job)
{
  g_free (job->contents);
  g_free (job);
}

/* ---- the file ---- */

/* Runs on any thread; the newest job wins. */
static gboolean
run_job (PkioOrderDraft  *self,
         Job             *job,
         GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  if (job->seq > self->written_seq)
    {
      if (job->contents != NULL)
        {
          if (g_mkdir_with_parents (dir, 0700) != 0)
            {
              int saved = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           "Cannot create the folder “%s”: %s", dir, g_strerror (saved));
              ok = FALSE;
            }
          else
            ok = g_file_set_contents_full (self->path, job->contents, -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
        }
      else if (g_unlink (self->path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot remove the draft “%s”: %s", self->path, g_strerror (saved));
          ok = FALSE;
        }
      /* Even a failed write ends the turn of older jobs: they must not overwrite it later. */
      self->written_seq = job->seq;
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_job (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
queue_job (PkioOrderDraft      *self,
           char                *contents,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->seq = ++self->next_seq;
  job->contents = contents;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* Not cancelled half-way: a write that started finishes. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

void
pkio_order_draft_save_async (PkioOrderDraft      *self,
                             const PkioOrder     *order,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_ORDER_DRAFT (self));
  g_return_if_fail (order != NULL);

  queue_job (self, pkio_order_draft_serialize (order), pkio_order_draft_save_async,
             cancellable, callback, user_data);
}

gboolean
pkio_order_draft_save_finish (PkioOrderDraft  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pkio_order_draft_save (PkioOrderDraft  *self,
                       const PkioOrder *order,
                       GError         **error)
{
  Job job = { 0 };
  gboolean ok;

  g_return_val_if_fail (PKIO_IS_ORDER_DRAFT (self), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  job.seq = ++self->next_seq;
  job.contents = pkio_order_draft_serialize (order);
  ok = run_job (self, &job, error);
  g_free (job.contents);
  return ok;
}

void
pkio_order_draft_discard_async (PkioOrderDraft      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PKIO_IS_ORDER_DRAFT (self));

  queue_job (self, NULL, pkio_order_draft_discard_async, cancellable, callback, user_data);
}

gboolean
pkio_order_draft_discard_finish (PkioOrderDraft  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PkioOrderDraft *self = source_object;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GError *error = NULL;
  PkioOrder *order;
  gboolean read;

  g_mutex_lock (&self->lock);
  read = g_file_get_contents (self->path, &contents, &length, &error);
  g_mutex_unlock (&self->lock);
  if (!read)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&error);
          g_task_return_pointer (task, NULL, NULL);
        }
      else
        g_task_return_error (task, error);
      return;
    }
  if (length > DRAFT_MAX_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "the draft “%s” is too large", self->path);
      return;
    }
  order = pkio_order_draft_parse (contents, &error);
  if (order == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, order, (GDestroyNotify) pkio_order_free);
}

void
pkio_order_draft_load_async (PkioOrderDraft      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PKIO_IS_ORDER_DRAFT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_order_draft_load_async);
  g_task_run_in_thread (task, load_thread);
}

PkioOrder *
pkio_order_draft_load_finish (PkioOrderDraft  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- GObject ---- */

static void
pkio_order_draft_finalize (GObject *object)
{
  PkioOrderDraft *self = PKIO_ORDER_DRAFT (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pkio_order_draft_parent_class)->finalize (object);
}

static void
pkio_order_draft_class_init (PkioOrderDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pkio_order_draft_finalize;
}

static void
pkio_order_draft_init (PkioOrderDraft *self)
{
  g_mutex_init (&self->lock);
}

PkioOrderDraft *
pkio_order_draft_new (const char *path)
{
  PkioOrderDraft *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PKIO_TYPE_ORDER_DRAFT, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
pkio_order_draft_get_path (PkioOrderDraft *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_DRAFT (self), NULL);
  return self->path;
}

char *
pkio_order_draft_path_for (gboolean practice)
{
  g_autofree char *dir = pkio_paths_data_dir ();

  return g_build_filename (dir, practice ? "practice-draft.json" : "draft.json", NULL);
}
