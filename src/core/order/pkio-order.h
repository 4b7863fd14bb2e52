/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pkio-problem.h"

G_BEGIN_DECLS

/* The one product this app orders: CertCentral Europe's name id of the PKIoverheid "Citizen"
 * certificate on a hardware token. It names the order's URL (POST order/certificate/<id>), the
 * product's details (GET product/<id>) and the filter of the account's order list. */
#define PKIO_PRODUCT_NAME_ID "pkio_burger"

typedef enum
{
  PKIO_PROFILE_AUTHENTICATION,
  PKIO_PROFILE_NONREPUDIATION,
  PKIO_PROFILE_ENCRYPTION,
} PkioProfile;

typedef enum
{
  PKIO_SHIP_STANDARD,
  PKIO_SHIP_EXPEDITED,
} PkioShipMethod;

typedef enum
{
  PKIO_VALIDITY_YEARS,
  PKIO_VALIDITY_DAYS,
  PKIO_VALIDITY_CUSTOM_DATE,
} PkioValidityKind;

typedef enum
{
  PKIO_PAYMENT_BALANCE,
  PKIO_PAYMENT_PROFILE,
  PKIO_PAYMENT_CARD,
} PkioPaymentMethod;

/* The certificate holder: either an existing individual (@use_id, @id) or the full details. */
typedef struct
{
  gboolean  use_id;
  gint64    id;
  char     *first_name;
  char     *last_name;
  char     *email;
  char     *telephone;
  char     *country;     /* ISO 3166-1 alpha-2, any case; sent lower case */
  char     *city;
  char     *state;
  char     *zip;
} PkioIndividual;

typedef struct
{
  char           *name;
  char           *addr1;
  char           *addr2;    /* may be NULL or "" */
  char           *city;
  char           *state;
  char           *zip;
  char           *country;
  PkioShipMethod  method;
} PkioShipInfo;

/* Secret: wiped with explicit_bzero() when freed, never stored or logged. */
typedef struct
{
  char     *number;            /* spaces and dashes allowed; sent as digits only */
  char     *expiration_month;  /* "01".."12" */
  char     *expiration_year;   /* "YYYY" */
  char     *cvv;
  char     *cardholder_name;
  gboolean  save_credit_card;
  gboolean  set_as_default;
} PkioCreditCard;

typedef struct
{
  char *address;
  char *address2;   /* optional */
  char *city;
  char *state;      /* optional */
  char *country;
  char *zip;
} PkioBillingAddress;

typedef struct
{
  PkioValidityKind kind;
  gint64           years;
  gint64           days;
  GDate            custom_date;   /* g_date_valid() is FALSE when not set */
  guint            allowed_years; /* bit Y set = Y years offered; default years 1, 2 and 3 */
} PkioValidity;

/* The value an order gives one of the account's own order fields (pkio-custom-fields.h). */
typedef struct
{
  gint64  metadata_id;
  char   *value;          /* as given; trimmed when sent */
} PkioCustomValue;

typedef struct _PkioOrder PkioOrder;

struct _PkioOrder
{
  char               *signature_hash;       /* "sha256" */
  PkioProfile         profile;
  gboolean            is_rsassa_pss;
  PkioIndividual      individual;
  gboolean            csa_agreed_to;
  char               *provisioning_method;  /* "token" */
  PkioShipInfo        ship_info;
  PkioValidity        validity;
  PkioPaymentMethod   payment_method;
  PkioCreditCard      credit_card;          /* only used with PKIO_PAYMENT_CARD */
  PkioBillingAddress  billing_address;      /* only used with PKIO_PAYMENT_CARD */
  /* Ours, never in the request: the order this one replaces (a renewal), 0 when none.
   * CertCentral's renewal_of_order_id is not documented for this product
   * (docs/decisions.md#renewal); the history keeps the link. */
  gint64              replaces_order_id;
  GPtrArray          *custom_fields;        /* of PkioCustomValue, one per metadata_id, in the
                                               order given; NULL when none */
};

#define PKIO_ORDER_ALLOWED_YEARS_DEFAULT ((1u << 1) | (1u << 2) | (1u << 3))

PkioOrder  *pkio_order_new                    (void);
void        pkio_order_free                   (PkioOrder       *order);
PkioOrder  *pkio_order_copy                   (const PkioOrder *order);

/* Wipes and frees the card data (number, expiry, CVV, cardholder); the rest stays. */
void        pkio_order_clear_card             (PkioOrder       *order);
/* Wipes and frees the CVV only (after every attempt). */
void        pkio_order_clear_cvv              (PkioOrder       *order);
/* Replaces *@field by a copy of @value, wiping the old value first. */
void        pkio_order_set_secret             (char           **field,
                                               const char      *value);

/* Narrows the offered years to @years (as GET product/pkio_burger answers); values outside
 * 1..3 are ignored. An empty list restores the default. */
void        pkio_order_set_allowed_years      (PkioOrder       *order,
                                               const gint64    *years,
                                               guint            n_years);

/* The account's own order fields: sets (a copy of @value; NULL removes it) or reads the value
 * for @metadata_id (NULL when the order gives none). */
void        pkio_order_set_custom_value       (PkioOrder       *order,
                                               gint64           metadata_id,
                                               const char      *value);
const char *pkio_order_get_custom_value       (const PkioOrder *order,
                                               gint64           metadata_id);

const char *pkio_order_holder_email           (const PkioOrder *order);
gint64      pkio_order_holder_individual_id   (const PkioOrder *order);

/* "09 JUN 2025": English upper-case month, whatever the locale. */
char       *pkio_order_format_expiration_date (GDate           *date);
/* Reads "09 JUN 2025" (month in any case); FALSE when @text is not such a date. */
gboolean    pkio_order_parse_expiration_date  (const char      *text,
                                               GDate           *out_date);

const char *pkio_profile_to_string            (PkioProfile        profile);
gboolean    pkio_profile_from_string          (const char        *text,
                                               PkioProfile       *out_profile);
const char *pkio_ship_method_to_string        (PkioShipMethod     method);
gboolean    pkio_ship_method_from_string      (const char        *text,
                                               PkioShipMethod    *out_method);
const char *pkio_payment_method_to_string     (PkioPaymentMethod  method);
gboolean    pkio_payment_method_from_string   (const char        *text,
                                               PkioPaymentMethod *out_method);

/* Every problem at once (PkioProblem, empty = valid). @now is "today" for dates. */
GPtrArray  *pkio_order_validate               (const PkioOrder *order,
                                               GDateTime       *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioOrder, pkio_order_free)

G_END_DECLS
