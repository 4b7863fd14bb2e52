/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pkio-workspace.h"

G_BEGIN_DECLS

/* The cases of the fault matrix (test-fault-matrix.c) and what its cells share: the faults,
 * the operations, the simulator of the row, and the CLI run in this process. */

#define KEY          "fault-matrix-key"
#define TIMEOUT_MS   500
#define HUGE_TIMEOUT_MS 15000
#define DELAY_MS     1500

typedef enum
{
  OP_PLACE, OP_CHECK_KEY, OP_SYNC_LIST, OP_SYNC_CHANGES, OP_SYNC_ORDER_INFO, OP_STATUS,
  OP_CANCEL, OP_REVOKE, N_OPS
} Op;

typedef enum
{
  F_REFUSED, F_DELAY, F_DROP_BEFORE, F_DROP_AFTER, F_429, F_429_RETRY_AFTER, F_500, F_502,
  F_EMPTY, F_TRUNCATED, F_WRONG_TYPES, F_DEEP, F_HUGE, F_DRIP, N_FAULTS
} Fault;

typedef struct
{
  const char         *title;
  PkioSimulatorFault  fault;   /* NONE: nothing listens (connection refused) */
  guint               count;   /* how many requests get it */
  gboolean            cli;     /* also run through the CLI (one fault of each kind) */
} FaultCase;

typedef struct
{
  const char *title;
  const char *method;
  const char *cli;     /* the subcommand that does it, NULL when the CLI cannot */
} OperationCase;

extern const FaultCase     faults[N_FAULTS];
extern const OperationCase ops[N_OPS];

typedef struct
{
  PkioSimulator   *sim;
  PkioRateLimiter *limiter;
  char            *refused_url;
  char            *dir;
  gint64           order_id;     /* the row's order at CertCentral (status, order info) */
  gint64           certificate_id; /* its certificate (revoke) */
  guint            attempt;      /* numbers the holders' e-mail addresses */
  gboolean         keyring;
  char            *cells[N_FAULTS][N_OPS];
} Matrix;

extern Matrix m;

void           store_key          (const char    *url);
void           clear_key          (const char    *url);
void           spin_ms            (guint          ms);
/* A loaded workspace for the row's simulator, or for the port nothing listens on. */
PkioWorkspace *open_workspace     (gboolean       refused);
void           set_last_sync      (PkioWorkspace *workspace,
                                   gint64         when);
gboolean       sync_history       (PkioWorkspace *workspace,
                                   GError       **error);
/* The seed's order for @email, as a file and as an order. */
char          *order_file         (const char    *email);
PkioOrder     *make_order         (const char    *email);
char          *next_email         (void);
/* The path each operation's faults go to. */
char          *fault_path         (Op             op);
/* The row's fault @fault on the path of @op (nothing for connection refused). */
void           inject             (Op             op,
                                   Fault          fault);
void           wait_for_new_order (guint          before);
/* The subcommand of @op under @fault, run in this process: its exit code. It must say
 * @message (the workspace's), after its own words, and send no more than one POST;
 * @order_exists: CertCentral places the order (wait for it, so it is not the next cell's). */
int            cli_cell           (Op             op,
                                   Fault          fault,
                                   const char    *message,
                                   gboolean       order_exists);

G_END_DECLS
