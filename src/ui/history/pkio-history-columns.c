/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-accessible.h"
#include "pkio-cell-text.h"
#include "pkio-history-columns.h"
#include "pkio-history-format.h"
#include "pkio-history-row.h"

/* What a cell needs to show another record when its row gets one (PkioHistoryRows): GTK keeps
 * the row, the cell follows the row's "record" from bind to unbind. */
typedef struct
{
  GtkListItem             *item;     /* owns this */
  PkioHistoryColumn        column;
  const PkioExpiryWindow  *window;   /* the view's */
  PkioHistoryRow          *row;      /* while bound */
  gulong                   record_handler;
} CellBinding;

static PkioHistoryRecord *
record_of_item (GtkListItem *item)
{
  PkioHistoryRow *row = gtk_list_item_get_item (item);

  return row != NULL ? pkio_history_row_get_record (row) : NULL;
}

/* "Waiting for approval": by whom and since when. */
static gboolean
status_query_tooltip_cb (GtkWidget  *label,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  PkioHistoryRecord *record = record_of_item (GTK_LIST_ITEM (user_data));
  g_autofree char *sentence = NULL;

  if (record == NULL)
    return FALSE;
  sentence = pkio_history_record_dup_status_sentence (record);
  if (sentence == NULL || *sentence == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, sentence);
  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  PkioHistoryColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = pkio_cell_text_new ();
  CellBinding *binding = g_new0 (CellBinding, 1);

  binding->item = item;
  binding->column = column;
  binding->window = g_object_get_data (G_OBJECT (factory), "expiry-window");
  g_object_set_data_full (G_OBJECT (item), "pkio-cell-binding", binding, g_free);

  /* Dates, statuses and numbers are short and must be read whole. */
  if (column != PKIO_HISTORY_COLUMN_DATE && column != PKIO_HISTORY_COLUMN_STATUS
      && column != PKIO_HISTORY_COLUMN_ORDER && column != PKIO_HISTORY_COLUMN_VALID_UNTIL)
    pkio_cell_text_set_ellipsize (PKIO_CELL_TEXT (label), TRUE);
  if (column == PKIO_HISTORY_COLUMN_VALID_UNTIL)
    {
      /* The date, and under it how far off it is when it ends soon or has ended. */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *left = pkio_cell_text_new ();

      gtk_widget_add_css_class (left, "caption");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), left);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_list_item_set_child (item, box);
    }
  else if (column == PKIO_HISTORY_COLUMN_HOLDER)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *email = pkio_cell_text_new ();

      pkio_cell_text_set_ellipsize (PKIO_CELL_TEXT (email), TRUE);
      gtk_widget_add_css_class (email, "dim-label");
      gtk_widget_add_css_class (email, "caption");
      /* Long names and addresses end in "…" rather than widen the list past the window. */
      pkio_cell_text_set_max_width_chars (PKIO_CELL_TEXT (label), 24);
      pkio_cell_text_set_max_width_chars (PKIO_CELL_TEXT (email), 28);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), email);
      gtk_widget_set_size_request (box, 160, -1);
      gtk_list_item_set_child (item, box);
    }
  else if (column == PKIO_HISTORY_COLUMN_STATUS)
    {
      /* One widget: GTK 4.8 builds cells anew whenever the rows shown change. Its tooltip is
       * made when asked for: gtk_widget_set_tooltip_text () asks the X server where the
       * pointer is, a round trip for each of the 200 rows a search builds. */
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (status_query_tooltip_cb), item);
      gtk_list_item_set_child (item, label);
    }
  else
    {
      if (column == PKIO_HISTORY_COLUMN_ORDER)
        {
          gtk_widget_add_css_class (label, "numeric");
          pkio_cell_text_set_digits_alike (PKIO_CELL_TEXT (label), TRUE);
        }
      gtk_list_item_set_child (item, label);
    }
}

/* What a screen reader says for a row, whichever of its cells is bound: "Sophie Bakker,
 * Pending, 3 Dec 2026, order 8436003". */
static char *
row_label (PkioHistoryRecord *record)
{
  g_autoptr(GDateTime) created = pkio_history_record_dup_created (record);
  g_autofree char *date = pkio_history_format_date (created);
  g_autofree char *holder = NULL;
  g_autofree char *order = NULL;
  g_autofree char *number = NULL;
  const char *name = pkio_history_record_get_holder_name (record);
  const char *email = pkio_history_record_get_holder_email (record);

  holder = name != NULL && *name != '\0' ? g_strdup (name)
           : email != NULL && *email != '\0' ? g_strdup (email)
           : pkio_history_record_dup_holder_label (record);
  if (pkio_history_record_get_order_id (record) > 0)
    {
      number = g_strdup_printf ("%" G_GINT64_FORMAT, pkio_history_record_get_order_id (record));
      /* Translators: the end of a history row as a screen reader says it: "order 8436003" */
      order = g_strdup_printf (_("order %s"), number);
    }
  else
    order = g_strdup (_("no order number"));
  /* Translators: a history row as a screen reader says it: holder, status, date, "order 12" */
  return g_strdup_printf (_("%s, %s, %s, %s"), holder,
                          pkio_history_record_get_status_label (record), date, order);
}

static void
show_record (CellBinding       *binding,
             PkioHistoryRecord *record)
{
  PkioHistoryColumn column = binding->column;
  GtkListItem *item = binding->item;
  GtkWidget *child = gtk_list_item_get_child (item);
  gboolean unknown = pkio_history_record_get_state (record) == PKIO_RECORD_STATE_UNKNOWN;
  g_autofree char *text = NULL;

  /* The date's cell labels the row: GTK 4.8 binds the cells of every column, shown or hidden,
   * whenever it binds a row (the other seven would say the same again). */
  if (column == PKIO_HISTORY_COLUMN_DATE)
    {
      g_autofree char *label = row_label (record);

      pkio_accessible_label_list_row (item, label);
    }

  switch (column)
    {
    case PKIO_HISTORY_COLUMN_DATE:
      {
        g_autoptr(GDateTime) created = pkio_history_record_dup_created (record);

        text = pkio_history_format_date (created);
        pkio_cell_text_set_text (PKIO_CELL_TEXT (child), text);
      }
      break;
    case PKIO_HISTORY_COLUMN_HOLDER:
      {
        GtkWidget *name = gtk_widget_get_first_child (child);
        GtkWidget *email = gtk_widget_get_next_sibling (name);
        const char *holder_email = pkio_history_record_get_holder_email (record);
        const char *holder_name = pkio_history_record_get_holder_name (record);
        g_autofree char *fallback = NULL;

        /* No name yet (ordered by individual id, not synced): "Individual 21", not a blank. */
        if ((holder_name == NULL || *holder_name == '\0')
            && (holder_email == NULL || *holder_email == '\0'))
          holder_name = fallback = pkio_history_record_dup_holder_label (record);
        pkio_cell_text_set_text (PKIO_CELL_TEXT (name), holder_name ? holder_name : "");
        pkio_cell_text_set_text (PKIO_CELL_TEXT (email), holder_email ? holder_email : "");
        gtk_widget_set_visible (email, holder_email != NULL && *holder_email);
        if (unknown)
          gtk_widget_add_css_class (name, "history-unknown");
        else
          gtk_widget_remove_css_class (name, "history-unknown");
      }
      break;
    case PKIO_HISTORY_COLUMN_STATUS:
      pkio_history_format_badge_style (child, record);
      pkio_cell_text_set_text (PKIO_CELL_TEXT (child),
                               pkio_history_record_get_status_label (record));
      /* What the tooltip says (status_query_tooltip_cb ()), for a screen reader as a tooltip's
       * text is. */
      text = pkio_history_record_dup_status_sentence (record);
      if (text != NULL && *text != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      break;
    case PKIO_HISTORY_COLUMN_VALID_UNTIL:
      {
        const PkioExpiryWindow *window = binding->window;
        GtkWidget *date = gtk_widget_get_first_child (child);
        GtkWidget *left = gtk_widget_get_next_sibling (date);
        g_autofree char *how_far = pkio_history_format_days_left (record, window);
        PkioExpiry expiry = pkio_history_record_get_expiry (record, window);

        text = pkio_history_day_dup_text (pkio_history_record_get_valid_till (record));
        pkio_cell_text_set_text (PKIO_CELL_TEXT (date), text ? text : "—");
        pkio_cell_text_set_text (PKIO_CELL_TEXT (left), how_far ? how_far : "");
        gtk_widget_set_visible (left, how_far != NULL);
        if (expiry == PKIO_EXPIRY_ENDS_SOON)
          gtk_widget_add_css_class (left, "warning");
        else
          gtk_widget_remove_css_class (left, "warning");
        if (expiry == PKIO_EXPIRY_ENDED)
          gtk_widget_add_css_class (left, "dim-label");
        else
          gtk_widget_remove_css_class (left, "dim-label");
      }
      break;
    case PKIO_HISTORY_COLUMN_ORDER:
      if (pkio_history_record_get_order_id (record) > 0)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, pkio_history_record_get_order_id (record));
      pkio_cell_text_set_text (PKIO_CELL_TEXT (child), text ? text : "—");
      break;
    case PKIO_HISTORY_COLUMN_PROFILE:
      pkio_cell_text_set_text (PKIO_CELL_TEXT (child), pkio_history_profile_label (
                                 pkio_history_record_get_profile (record)));
      break;
    case PKIO_HISTORY_COLUMN_SHIPPING:
      pkio_cell_text_set_text (PKIO_CELL_TEXT (child), pkio_history_ship_method_label (
                                 pkio_history_record_get_ship_method (record)));
      break;
    case PKIO_HISTORY_COLUMN_PLACED:
      pkio_cell_text_set_text (PKIO_CELL_TEXT (child), pkio_history_origin_label (
                                 pkio_history_record_get_origin (record)));
      break;
    case PKIO_HISTORY_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
row_record_changed_cb (PkioHistoryRow *row,
                       GParamSpec     *pspec,
                       CellBinding    *binding)
{
  show_record (binding, pkio_history_row_get_record (row));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CellBinding *binding = g_object_get_data (G_OBJECT (item), "pkio-cell-binding");

  binding->row = gtk_list_item_get_item (item);
  binding->record_handler = g_signal_connect (binding->row, "notify::record",
                                              G_CALLBACK (row_record_changed_cb), binding);
  show_record (binding, pkio_history_row_get_record (binding->row));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  CellBinding *binding = g_object_get_data (G_OBJECT (item), "pkio-cell-binding");

  g_clear_signal_handler (&binding->record_handler, binding->row);
  binding->row = NULL;
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  PkioHistoryRecord *x = PKIO_HISTORY_RECORD ((gpointer) a);
  PkioHistoryRecord *y = PKIO_HISTORY_RECORD ((gpointer) b);
  int result = 0;

  switch (GPOINTER_TO_INT (user_data))
    {
    case PKIO_HISTORY_COLUMN_DATE:
      result = compare_int64 (pkio_history_record_get_created (x),
                              pkio_history_record_get_created (y));
      break;
    case PKIO_HISTORY_COLUMN_HOLDER:
      result = g_utf8_collate (pkio_history_record_get_holder_name (x) ?: "",
                               pkio_history_record_get_holder_name (y) ?: "");
      break;
    case PKIO_HISTORY_COLUMN_STATUS:
      result = g_utf8_collate (pkio_history_record_get_status_label (x),
                               pkio_history_record_get_status_label (y));
      break;
    case PKIO_HISTORY_COLUMN_VALID_UNTIL:
      /* No known end sorts after every date. */
      result = compare_int64 (pkio_history_record_get_valid_till (x) ?: G_MAXUINT32,
                              pkio_history_record_get_valid_till (y) ?: G_MAXUINT32);
      break;
    case PKIO_HISTORY_COLUMN_ORDER:
      result = compare_int64 (pkio_history_record_get_order_id (x),
                              pkio_history_record_get_order_id (y));
      break;
    case PKIO_HISTORY_COLUMN_PROFILE:
      result = g_strcmp0 (pkio_history_record_get_profile (x), pkio_history_record_get_profile (y));
      break;
    case PKIO_HISTORY_COLUMN_SHIPPING:
      result = g_strcmp0 (pkio_history_record_get_ship_method (x),
                          pkio_history_record_get_ship_method (y));
      break;
    case PKIO_HISTORY_COLUMN_PLACED:
      result = compare_int64 (pkio_history_record_get_origin (x),
                              pkio_history_record_get_origin (y));
      break;
    default:
      break;
    }
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

int
pkio_history_columns_compare_attention (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  gboolean x = pkio_history_record_get_state (PKIO_HISTORY_RECORD ((gpointer) a))
               == PKIO_RECORD_STATE_UNKNOWN;
  gboolean y = pkio_history_record_get_state (PKIO_HISTORY_RECORD ((gpointer) b))
               == PKIO_RECORD_STATE_UNKNOWN;

  return x == y ? GTK_ORDERING_EQUAL : x ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

void
pkio_history_columns_init (GtkColumnViewColumn    **columns,
                           const PkioExpiryWindow  *window)
{
  for (int i = 0; i < PKIO_HISTORY_N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;

      /* The view's today and warning period, for how far off an end is. */
      g_object_set_data (G_OBJECT (factory), "expiry-window", (gpointer) window);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (columns[i], factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_records, GINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (columns[i], sorter);
    }
}
