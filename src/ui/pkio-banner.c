/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-banner.h"

struct _PkioBanner
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (PkioBanner, pkio_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_ACTION_NAME,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_button (PkioBanner *self)
{
  const char *label = gtk_button_get_label (self->button);

  gtk_widget_set_visible (GTK_WIDGET (self->button),
                          label != NULL && *label != '\0'
                          && gtk_actionable_get_action_name (GTK_ACTIONABLE (self->button))
                             != NULL);
}

static void
pkio_banner_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PkioBanner *self = PKIO_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, pkio_banner_get_title (self));
      break;
    case PROP_BUTTON_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->button));
      break;
    case PROP_ACTION_NAME:
      g_value_set_string (value, pkio_banner_get_action_name (self));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, pkio_banner_get_revealed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_banner_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PkioBanner *self = PKIO_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pkio_banner_set_title (self, g_value_get_string (value));
      break;
    case PROP_BUTTON_LABEL:
      pkio_banner_set_button_label (self, g_value_get_string (value));
      break;
    case PROP_ACTION_NAME:
      pkio_banner_set_action_name (self, g_value_get_string (value));
      break;
    case PROP_REVEALED:
      pkio_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_banner_class_init (PkioBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pkio_banner_get_property;
  object_class->set_property = pkio_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION_NAME] =
    g_param_spec_string ("action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "banner");
}

/* The slide out ended: the content goes until the banner is revealed again. */
static void
child_revealed_cb (PkioBanner *self)
{
  if (!gtk_revealer_get_reveal_child (self->revealer)
      && !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (gtk_revealer_get_child (self->revealer), FALSE);
}

static void
pkio_banner_init (PkioBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  /* Role alert: the one way GTK 4.8 has to tell a screen reader that this is news. */
  self->title_label = g_object_new (GTK_TYPE_LABEL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                    "hexpand", TRUE,
                                    "wrap", TRUE,
                                    "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                    "xalign", 0.0f,
                                    NULL);
  self->button = g_object_new (GTK_TYPE_BUTTON,
                               "valign", GTK_ALIGN_CENTER,
                               "use-underline", TRUE,
                               "visible", FALSE,
                               NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
  /* A GtkRevealer measures its child even when it shows none of it: the text of a banner
   * that is not shown would be laid out in every frame that measures the window, the first
   * one included. It is visible only while revealed or sliding. */
  gtk_widget_set_visible (box, FALSE);
  g_signal_connect_object (self->revealer, "notify::child-revealed",
                           G_CALLBACK (child_revealed_cb), self, G_CONNECT_SWAPPED);
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}

PkioBanner *
pkio_banner_new (void)
{
  return g_object_new (PKIO_TYPE_BANNER, NULL);
}

void
pkio_banner_set_title (PkioBanner *self,
                       const char *title)
{
  g_return_if_fail (PKIO_IS_BANNER (self));

  if (g_strcmp0 (title, pkio_banner_get_title (self)) == 0)
    return;
  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pkio_banner_get_title (PkioBanner *self)
{
  g_return_val_if_fail (PKIO_IS_BANNER (self), NULL);
  return gtk_label_get_text (self->title_label);
}

void
pkio_banner_set_button_label (PkioBanner *self,
                              const char *label)
{
  g_return_if_fail (PKIO_IS_BANNER (self));

  if (g_strcmp0 (label, gtk_button_get_label (self->button)) == 0)
    return;
  gtk_button_set_label (self->button, label);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUTTON_LABEL]);
}

void
pkio_banner_set_action_name (PkioBanner *self,
                             const char *action_name)
{
  g_return_if_fail (PKIO_IS_BANNER (self));

  if (g_strcmp0 (action_name, pkio_banner_get_action_name (self)) == 0)
    return;
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->button), action_name);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION_NAME]);
}

const char *
pkio_banner_get_action_name (PkioBanner *self)
{
  g_return_val_if_fail (PKIO_IS_BANNER (self), NULL);
  return gtk_actionable_get_action_name (GTK_ACTIONABLE (self->button));
}

void
pkio_banner_set_revealed (PkioBanner *self,
                          gboolean    revealed)
{
  g_return_if_fail (PKIO_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;
  if (revealed)
    gtk_widget_set_visible (gtk_revealer_get_child (self->revealer), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, revealed);
  child_revealed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

gboolean
pkio_banner_get_revealed (PkioBanner *self)
{
  g_return_val_if_fail (PKIO_IS_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

GtkWidget *
pkio_banner_get_button (PkioBanner *self)
{
  g_return_val_if_fail (PKIO_IS_BANNER (self), NULL);
  return GTK_WIDGET (self->button);
}
