/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pkio-workspace.h"

G_BEGIN_DECLS

#define PKIO_TYPE_WELCOME_PAGE (pkio_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (PkioWelcomePage, pkio_welcome_page, PKIO, WELCOME_PAGE, AdwBin)

/* First run: connect the app to a CertCentral account with an API key, or try practice mode.
 * "Connect" checks the key (GET user/me) before it is stored, and refuses a View Only key;
 * when CertCentral cannot be reached the person may save the key without checking.
 *
 * Signals: "connected" (const char *who: the person and account the key belongs to, or NULL
 * when saved without checking) once the key is stored; "practice" when practice mode is
 * chosen. The page also shows the workspace's keyring problem, if any.
 *
 * "practice-allowed" (default TRUE): whether practice mode is offered; the organisation may
 * turn it off (the setting "practice-mode-allowed"), and then the page does not mention it. */
PkioWelcomePage *pkio_welcome_page_new           (void);
void             pkio_welcome_page_set_workspace (PkioWelcomePage *self,
                                                  PkioWorkspace   *workspace);
void             pkio_welcome_page_set_practice_allowed (PkioWelcomePage *self,
                                                         gboolean         allowed);
gboolean         pkio_welcome_page_get_practice_allowed (PkioWelcomePage *self);
/* Empties the key field and any message (the page is shown again). */
void             pkio_welcome_page_reset         (PkioWelcomePage *self);

G_END_DECLS
