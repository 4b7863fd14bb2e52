/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-history-row.h"

struct _PkioHistoryRow
{
  GObject            parent_instance;

  PkioHistoryRecord *record;
};

G_DEFINE_FINAL_TYPE (PkioHistoryRow, pkio_history_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pkio_history_row_finalize (GObject *object)
{
  PkioHistoryRow *self = PKIO_HISTORY_ROW (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (pkio_history_row_parent_class)->finalize (object);
}

static void
pkio_history_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PkioHistoryRow *self = PKIO_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD: g_value_set_object (value, self->record); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_history_row_class_init (PkioHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_history_row_finalize;
  object_class->get_property = pkio_history_row_get_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, PKIO_TYPE_HISTORY_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_history_row_init (PkioHistoryRow *self)
{
}

PkioHistoryRow *
pkio_history_row_new (PkioHistoryRecord *record)
{
  PkioHistoryRow *self;

  g_return_val_if_fail (PKIO_IS_HISTORY_RECORD (record), NULL);

  self = g_object_new (PKIO_TYPE_HISTORY_ROW, NULL);
  self->record = g_object_ref (record);
  return self;
}

PkioHistoryRecord *
pkio_history_row_get_record (PkioHistoryRow *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_ROW (self), NULL);

  return self->record;
}

void
pkio_history_row_set_record (PkioHistoryRow    *self,
                             PkioHistoryRecord *record)
{
  g_return_if_fail (PKIO_IS_HISTORY_ROW (self));
  g_return_if_fail (PKIO_IS_HISTORY_RECORD (record));

  if (g_set_object (&self->record, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
