/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-batch-row-item.h"

struct _PkioBatchRowItem
{
  GObject   parent_instance;

  guint     index;
  char     *title;
  char     *subtitle;
  char     *state;
  char     *state_style;
  gboolean  choice;
  gboolean  included;
  gboolean  choice_sensitive;
};

G_DEFINE_FINAL_TYPE (PkioBatchRowItem, pkio_batch_row_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_STATE,
  PROP_STATE_STYLE,
  PROP_CHOICE,
  PROP_INCLUDED,
  PROP_CHOICE_SENSITIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What g_set_str () does (GLib 2.76). */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
pkio_batch_row_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PkioBatchRowItem *self = PKIO_BATCH_ROW_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:            g_value_set_uint (value, self->index); break;
    case PROP_TITLE:            g_value_set_string (value, self->title); break;
    case PROP_SUBTITLE:         g_value_set_string (value, self->subtitle); break;
    case PROP_STATE:            g_value_set_string (value, self->state); break;
    case PROP_STATE_STYLE:      g_value_set_string (value, self->state_style); break;
    case PROP_CHOICE:           g_value_set_boolean (value, self->choice); break;
    case PROP_INCLUDED:         g_value_set_boolean (value, self->included); break;
    case PROP_CHOICE_SENSITIVE: g_value_set_boolean (value, self->choice_sensitive); break;
    default:                    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_batch_row_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PkioBatchRowItem *self = PKIO_BATCH_ROW_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;
    case PROP_SUBTITLE:
      pkio_batch_row_item_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_CHOICE:
      pkio_batch_row_item_set_choice (self, g_value_get_boolean (value));
      break;
    case PROP_INCLUDED:
      pkio_batch_row_item_set_included (self, g_value_get_boolean (value));
      break;
    case PROP_CHOICE_SENSITIVE:
      pkio_batch_row_item_set_choice_sensitive (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_batch_row_item_finalize (GObject *object)
{
  PkioBatchRowItem *self = PKIO_BATCH_ROW_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->state);
  g_free (self->state_style);
  G_OBJECT_CLASS (pkio_batch_row_item_parent_class)->finalize (object);
}

static void
pkio_batch_row_item_class_init (PkioBatchRowItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pkio_batch_row_item_get_property;
  object_class->set_property = pkio_batch_row_item_set_property;
  object_class->finalize = pkio_batch_row_item_finalize;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  /* Set together, with pkio_batch_row_item_set_state (). */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_STYLE] =
    g_param_spec_string ("state-style", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHOICE] = g_param_spec_boolean ("choice", NULL, NULL, FALSE, flags);
  properties[PROP_INCLUDED] = g_param_spec_boolean ("included", NULL, NULL, FALSE, flags);
  properties[PROP_CHOICE_SENSITIVE] =
    g_param_spec_boolean ("choice-sensitive", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_batch_row_item_init (PkioBatchRowItem *self)
{
  self->choice_sensitive = TRUE;
}

PkioBatchRowItem *
pkio_batch_row_item_new (guint       index,
                         const char *title,
                         const char *subtitle)
{
  return g_object_new (PKIO_TYPE_BATCH_ROW_ITEM, "index", index, "title", title,
                       "subtitle", subtitle, NULL);
}

guint
pkio_batch_row_item_get_index (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), 0);

  return self->index;
}

const char *
pkio_batch_row_item_get_title (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), NULL);

  return self->title;
}

const char *
pkio_batch_row_item_get_subtitle (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), NULL);

  return self->subtitle;
}

void
pkio_batch_row_item_set_subtitle (PkioBatchRowItem *self,
                                  const char       *subtitle)
{
  g_return_if_fail (PKIO_IS_BATCH_ROW_ITEM (self));

  if (set_str (&self->subtitle, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

const char *
pkio_batch_row_item_get_state (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), NULL);

  return self->state;
}

const char *
pkio_batch_row_item_get_state_style (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), NULL);

  return self->state_style;
}

void
pkio_batch_row_item_set_state (PkioBatchRowItem *self,
                               const char       *state,
                               const char       *style)
{
  gboolean changed;

  g_return_if_fail (PKIO_IS_BATCH_ROW_ITEM (self));

  /* Both first, then one notification: a row bound to the item shows them together. */
  changed = set_str (&self->state_style, style);
  if (set_str (&self->state, state) || changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gboolean
pkio_batch_row_item_get_choice (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), FALSE);

  return self->choice;
}

void
pkio_batch_row_item_set_choice (PkioBatchRowItem *self,
                                gboolean          choice)
{
  g_return_if_fail (PKIO_IS_BATCH_ROW_ITEM (self));

  if (self->choice == !!choice)
    return;
  self->choice = !!choice;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICE]);
}

gboolean
pkio_batch_row_item_get_included (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), FALSE);

  return self->included;
}

void
pkio_batch_row_item_set_included (PkioBatchRowItem *self,
                                  gboolean          included)
{
  g_return_if_fail (PKIO_IS_BATCH_ROW_ITEM (self));

  if (self->included == !!included)
    return;
  self->included = !!included;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDED]);
}

gboolean
pkio_batch_row_item_get_choice_sensitive (PkioBatchRowItem *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_ROW_ITEM (self), FALSE);

  return self->choice_sensitive;
}

void
pkio_batch_row_item_set_choice_sensitive (PkioBatchRowItem *self,
                                          gboolean          sensitive)
{
  g_return_if_fail (PKIO_IS_BATCH_ROW_ITEM (self));

  if (self->choice_sensitive == !!sensitive)
    return;
  self->choice_sensitive = !!sensitive;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICE_SENSITIVE]);
}
