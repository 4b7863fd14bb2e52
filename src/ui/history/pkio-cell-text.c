/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-cell-text.h"

/* A measure of a font, taken once: the history list has a handful of fonts (body, caption,
 * badge) and hundreds of cells. */
typedef struct
{
  PangoFontDescription *font;
  int                   height;          /* of one line */
  int                   baseline;
  int                   char_width;      /* approximate, for a width in characters */
  int                   ellipsis_width;
} FontInfo;

/* A text's width in a font (FontInfo*, never freed): the list shows the same dates, statuses
 * and labels over and over. Emptied when it holds too many. */
typedef struct
{
  const FontInfo *font;
  char           *text;
} TextKey;

#define MAX_WIDTHS 8192

struct _PkioCellText
{
  GtkWidget        parent_instance;

  char            *text;
  const FontInfo  *font;          /* NULL until measured, and after a change of style */
  int              text_width;    /* in font, -1: not looked up yet */
  PangoLayout     *layout;        /* made when first drawn */
  int              max_width_chars;
  guint            ellipsize : 1;
  guint            digits_alike : 1;
};

G_DEFINE_FINAL_TYPE (PkioCellText, pkio_cell_text, GTK_TYPE_WIDGET)

static guint
font_hash (gconstpointer key)
{
  return pango_font_description_hash (key);
}

static gboolean
font_equal (gconstpointer a,
            gconstpointer b)
{
  return pango_font_description_equal (a, b);
}

static const FontInfo *
font_info (PkioCellText *self)
{
  static GHashTable *fonts;
  PangoContext *context;
  const PangoFontDescription *description;
  FontInfo *info;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  PangoFontMetrics *metrics;

  if (self->font != NULL)
    return self->font;
  if (fonts == NULL)
    fonts = g_hash_table_new (font_hash, font_equal);
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  description = pango_context_get_font_description (context);
  info = g_hash_table_lookup (fonts, description);
  if (info == NULL)
    {
      info = g_new0 (FontInfo, 1);
      info->font = pango_font_description_copy (description);
      layout = pango_layout_new (context);
      /* One line as a label has it: its height and where its baseline is. */
      pango_layout_set_text (layout, "Ag", -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      info->height = logical.height;
      info->baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;
      pango_layout_set_text (layout, "…", -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      info->ellipsis_width = logical.width;
      metrics = pango_context_get_metrics (context, description, NULL);
      info->char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (metrics));
      pango_font_metrics_unref (metrics);
      g_hash_table_insert (fonts, info->font, info);
    }
  self->font = info;
  return info;
}

/* Tabular figures for numbers, which the "numeric" style class asks of a label in CSS (a
 * layout of gtk_widget_create_pango_layout () has the widget's font, not its font features). */
static void
apply_attributes (PkioCellText *self,
                  PangoLayout  *layout)
{
  g_autoptr(PangoAttrList) attributes = NULL;

  if (!self->digits_alike)
    return;
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attributes);
}

static guint
text_key_hash (gconstpointer data)
{
  const TextKey *key = data;

  return g_str_hash (key->text) ^ GPOINTER_TO_UINT (key->font);
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *x = a, *y = b;

  return x->font == y->font && g_str_equal (x->text, y->text);
}

static void
text_key_free (gpointer data)
{
  TextKey *key = data;

  g_free (key->text);
  g_free (key);
}

static int
text_width (PkioCellText *self)
{
  static GHashTable *widths;
  g_autofree char *shape = NULL;
  TextKey key = { font_info (self), self->text };
  gpointer found;

  if (self->text_width >= 0)
    return self->text_width;
  if (widths == NULL)
    widths = g_hash_table_new_full (text_key_hash, text_key_equal, text_key_free, NULL);
  if (self->digits_alike)
    {
      /* Order numbers: every one of the same length is as wide. */
      shape = g_strdup (self->text);
      for (char *p = shape; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          *p = '0';
      key.text = shape;
    }
  if (g_hash_table_lookup_extended (widths, &key, NULL, &found))
    self->text_width = GPOINTER_TO_INT (found);
  else
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
      PangoRectangle logical;
      TextKey *stored = g_new (TextKey, 1);

      pango_layout_set_text (layout, key.text, -1);
      apply_attributes (self, layout);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      self->text_width = logical.width;
      if (g_hash_table_size (widths) >= MAX_WIDTHS)
        g_hash_table_remove_all (widths);
      stored->font = key.font;
      stored->text = g_strdup (key.text);
      g_hash_table_insert (widths, stored, GINT_TO_POINTER (self->text_width));
    }
  return self->text_width;
}

static void
pkio_cell_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  PkioCellText *self = PKIO_CELL_TEXT (widget);
  const FontInfo *font = font_info (self);
  int width;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = font->height;
      *minimum_baseline = *natural_baseline = font->baseline;
      return;
    }
  width = self->text != NULL && *self->text != '\0' ? text_width (self) : 0;
  /* As a label's: no wider than its maximum, if it has one. */
  if (self->max_width_chars >= 0)
    width = MIN (width, self->max_width_chars * font->char_width);
  *natural = width;
  *minimum = self->ellipsize ? MIN (width, font->ellipsis_width) : width;
}

static void
pkio_cell_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PkioCellText *self = PKIO_CELL_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  PangoRectangle logical;
  GdkRGBA color;
  int x = 0;

  if (self->text == NULL || *self->text == '\0')
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      apply_attributes (self, self->layout);
      if (self->ellipsize)
        pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_width (self->layout, self->ellipsize ? width * PANGO_SCALE : -1);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    x = width - logical.width;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (gtk_widget_get_height (widget) - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
forget_layout (PkioCellText *self)
{
  self->font = NULL;
  self->text_width = -1;
  g_clear_object (&self->layout);
}

static void
pkio_cell_text_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  PkioCellText *self = PKIO_CELL_TEXT (widget);

  /* GtkWidget's own handler brings the Pango context up to date and asks for a new size or
   * drawing when the change needs one. A change of colour (a row selected, the pointer over
   * it) leaves the text as it was laid out. */
  GTK_WIDGET_CLASS (pkio_cell_text_parent_class)->css_changed (widget, change);
  if (self->font != NULL
      && !pango_font_description_equal (self->font->font, pango_context_get_font_description (
                                          gtk_widget_get_pango_context (widget))))
    forget_layout (self);
}

static void
pkio_cell_text_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous)
{
  forget_layout (PKIO_CELL_TEXT (widget));
  gtk_widget_queue_draw (widget);
}

static void
pkio_cell_text_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (pkio_cell_text_parent_class)->system_setting_changed (widget, setting);
  forget_layout (PKIO_CELL_TEXT (widget));
  gtk_widget_queue_resize (widget);
}

static void
pkio_cell_text_finalize (GObject *object)
{
  PkioCellText *self = PKIO_CELL_TEXT (object);

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (pkio_cell_text_parent_class)->finalize (object);
}

static void
pkio_cell_text_class_init (PkioCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pkio_cell_text_finalize;
  widget_class->measure = pkio_cell_text_measure;
  widget_class->snapshot = pkio_cell_text_snapshot;
  widget_class->css_changed = pkio_cell_text_css_changed;
  widget_class->direction_changed = pkio_cell_text_direction_changed;
  widget_class->system_setting_changed = pkio_cell_text_system_setting_changed;
  /* Styled as a label by the theme and by the app's classes (dim-label, caption, badges). */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
pkio_cell_text_init (PkioCellText *self)
{
  self->text_width = -1;
  self->max_width_chars = -1;
}

GtkWidget *
pkio_cell_text_new (void)
{
  return g_object_new (PKIO_TYPE_CELL_TEXT, NULL);
}

void
pkio_cell_text_set_text (PkioCellText *self,
                         const char   *text)
{
  g_return_if_fail (PKIO_IS_CELL_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  self->text_width = -1;
  g_clear_object (&self->layout);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  if (self->max_width_chars >= 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  else
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
pkio_cell_text_get_text (PkioCellText *self)
{
  g_return_val_if_fail (PKIO_IS_CELL_TEXT (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
pkio_cell_text_set_ellipsize (PkioCellText *self,
                              gboolean      ellipsize)
{
  g_return_if_fail (PKIO_IS_CELL_TEXT (self));

  self->ellipsize = ellipsize != FALSE;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pkio_cell_text_set_max_width_chars (PkioCellText *self,
                                    int           n_chars)
{
  g_return_if_fail (PKIO_IS_CELL_TEXT (self));

  self->max_width_chars = n_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pkio_cell_text_set_digits_alike (PkioCellText *self,
                                 gboolean      alike)
{
  g_return_if_fail (PKIO_IS_CELL_TEXT (self));

  self->digits_alike = alike != FALSE;
  self->text_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
