/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* For callbacks of requests that change data (store a key, cancel or place an order): they
 * are never cancelled once sent, so they may come back after the widget that started them is
 * gone. Pass pkio_weak_ref_new (self) as user data, and take it back once with
 * pkio_weak_ref_steal (): a strong ref to the widget, or NULL when it no longer exists. */
static inline GWeakRef *
pkio_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static inline gpointer
pkio_weak_ref_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

G_END_DECLS
