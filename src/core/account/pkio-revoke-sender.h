/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pkio-client.h"
#include "pkio-history-store.h"

G_BEGIN_DECLS

/* How an attempt to revoke a certificate ended. */
typedef enum
{
  PKIO_REVOKE_RESULT_INVALID,       /* refused before anything (a comment missing or too long,
                                       a certificate that cannot be revoked now): error says
                                       why (G_IO_ERROR_INVALID_ARGUMENT); nothing written or
                                       sent */
  PKIO_REVOKE_RESULT_NOT_RECORDED,  /* the journal could not be written: NOT sent */
  PKIO_REVOKE_RESULT_NOT_SENT,      /* it never left (no connection, no key): nothing asked */
  PKIO_REVOKE_RESULT_REFUSED,       /* CertCentral refused it (error carries its entries) */
  PKIO_REVOKE_RESULT_REQUESTED,     /* CertCentral made a request (request_id, 0 when its
                                       answer did not say); an administrator approves it */
  PKIO_REVOKE_RESULT_UNKNOWN,       /* sent, no usable answer: check before asking again */
} PkioRevokeResultState;

typedef struct
{
  PkioRevokeResultState state;
  gint64                request_id;
  PkioHistoryRecord    *record;     /* the certificate's record */
  GError               *error;      /* NULL only when REQUESTED */
} PkioRevokeResult;

void pkio_revoke_result_free (PkioRevokeResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioRevokeResult, pkio_revoke_result_free)

#define PKIO_REVOKE_COMMENT_MAX_CHARS 500

/* The comment as it will be sent: trimmed; NULL with G_IO_ERROR_INVALID_ARGUMENT when a
 * reason of one's own has none, when it is longer than PKIO_REVOKE_COMMENT_MAX_CHARS or holds
 * control characters other than line breaks and tabs. "" when there is none and none is
 * needed. */
char *pkio_revoke_comment_normalize (PkioRevokeReason   reason,
                                     const char        *comment,
                                     GError           **error);
/* What CertCentral's "comments" says, for the administrator who approves it (in English, as
 * CertCentral speaks): the reason, then the comment. */
char *pkio_revoke_comments_text     (PkioRevokeReason   reason,
                                     const char        *comment);

/* THE one way to revoke a certificate (CLI and window, through pkio_workspace_revoke_async ()),
 * with the steps of the order sender (src/core/README.md, "The path of one revocation"):
 * refuse what cannot be sent (pkio_history_record_can_revoke (), the comment) -> ask whom the
 * key belongs to (GET user/me: who asked, for the timeline) -> journal the revocation as
 * SENDING (synced to disk) -> PUT certificate/{id}/revoke once, with "comments" only (never
 * skip_approval, never revocation_reason) -> record requested / refused / not sent / unknown.
 * Never sent twice by itself; an UNKNOWN one is refused until pkio_workspace_check_revoke_async
 * () settled it. Without a @client: NOT_SENT with pkio_api_error_new_no_key (). @cancellable
 * works until the journal is written. The test hook of pkio-test-hooks-private.h stops it at
 * "revoke-after-journal" and "revoke-after-send". */
void              pkio_revoke_sender_send_async  (gpointer             source_object,
                                                  PkioHistoryStore    *store,
                                                  PkioClient          *client,
                                                  PkioHistoryRecord   *record,
                                                  PkioRevokeReason     reason,
                                                  const char          *comment,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Never NULL. */
PkioRevokeResult *pkio_revoke_sender_send_finish (GAsyncResult        *result);

G_END_DECLS
