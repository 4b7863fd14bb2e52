/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-workspace.h"

G_BEGIN_DECLS

/* Shared by the workspace's files: pkio-workspace.c (properties and state),
 * pkio-workspace-load.c (loading, the address setting), pkio-workspace-key.c (the key),
 * pkio-workspace-actions.c and pkio-workspace-account.c (what is done with the account),
 * pkio-workspace-fields.c (the account's own order fields). */
struct _PkioWorkspace
{
  GObject           parent_instance;

  GSettings        *settings;
  gboolean          practice;
  char             *base_url;
  PkioKeyState      key_state;
  char             *key_message;
  PkioClient       *client;
  PkioHistoryStore *store;
  PkioSimulator    *simulator;
  GPtrArray        *load_waiters;   /* GTask, while loading */
  guint             load_pending;   /* parts of loading (key, history) still running */
  GError           *load_error;     /* of the history's opening, while loading */
  char             *history_error;  /* why the history could not be opened, else NULL */
  GCancellable     *lookup_cancellable;  /* of the current keyring lookup */
  guint             lookup_generation;   /* bumped when the address changes */
  gboolean          lookup_in_load;      /* the current lookup is half of a load */
  guint             keyring_timeout_ms;
  GPtrArray        *sync_waiters;   /* GTask, while syncing */
  PkioWorkspaceState state;
  GPtrArray        *custom_fields;  /* the account's own order fields, all of them
                                       (PkioCustomField), NULL until answered */
  GPtrArray        *active_custom_fields;  /* the active ones of those */
  GPtrArray        *custom_field_waiters;  /* GTask, while they are asked */
  gboolean          custom_fields_asking;
  gboolean          no_examples;    /* tests: a practice history that starts empty */
  gboolean          syncing;
  gboolean          key_rejected;   /* CertCentral's last word on the client's key was a 401 */
  gboolean          loaded;
};

/* Answers every task in @waiters (GTask) with @error, or TRUE when it is NULL. */
void          _pkio_workspace_finish_waiters (GPtrArray    *waiters,
                                              const GError *error);

void          _pkio_workspace_update_state   (PkioWorkspace *self);
void          _pkio_workspace_set_syncing    (PkioWorkspace *self,
                                              gboolean       syncing);
void          _pkio_workspace_set_key_state  (PkioWorkspace *self,
                                              PkioKeyState   state,
                                              const char    *message);
/* A client for @key at the workspace's address replaces the one there was. */
gboolean      _pkio_workspace_use_key        (PkioWorkspace  *self,
                                              const char     *key,
                                              GError        **error);
/* The address setting changed: another account (pkio-workspace-load.c). */
void          _pkio_workspace_base_url_setting_changed (PkioWorkspace *self);
/* The client changed: what is known of the old account's own order fields goes
 * (pkio-workspace-fields.c). */
void          _pkio_workspace_forget_custom_fields (PkioWorkspace *self);
/* Drops the client (the key is gone). */
void          _pkio_workspace_forget_client  (PkioWorkspace  *self);
/* Practice mode: starts the simulator (once) and takes its address. TRUE otherwise. */
gboolean      _pkio_workspace_ensure_practice_simulator (PkioWorkspace  *self,
                                                         GError        **error);

/* A cancellable that cancels itself after the keyring timeout; pass it and the timeout id
 * to _pkio_workspace_keyring_error () when the call has finished. */
GCancellable *_pkio_workspace_keyring_cancellable_new (PkioWorkspace *self,
                                                       guint         *out_timeout_id);
/* Stops the timer and turns a cancellation by it into G_IO_ERROR_TIMED_OUT with a message for
 * people. Takes @error (may be NULL) and returns the error to report. */
GError       *_pkio_workspace_keyring_error  (PkioWorkspace *self,
                                              GCancellable  *cancellable,
                                              guint         *timeout_id,
                                              GError        *error);

/* A task for a call to CertCentral; NULL (and @callback told why) when there is no client. */
GTask        *_pkio_workspace_client_task_new (PkioWorkspace       *self,
                                               gpointer             source_tag,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);

/* Tests: practice mode without its example orders (call before loading). */
void          _pkio_workspace_set_practice_examples (PkioWorkspace *self,
                                                     gboolean       examples);

/* Tests: a keyring that never answers is given up after @timeout_ms instead. */
void          _pkio_workspace_set_keyring_timeout (PkioWorkspace *self,
                                                   guint          timeout_ms);

G_END_DECLS
