/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-batch-file.h"
#include "pkio-batch-list.h"
#include "pkio-batch-placer.h"
#include "pkio-batch-values.h"
#include "pkio-batch-window-private.h"
#include "pkio-field-rules.h"
#include "pkio-money.h"
#include "pkio-order-review.h"

/* A holder as the rows show it: long enough for a name and an address, never a whole cell. */
#define HOLDER_MAX_CHARS 120

G_DEFINE_FINAL_TYPE (PkioBatchWindow, pkio_batch_window, ADW_TYPE_WINDOW)

void
_pkio_batch_window_add_toast (PkioBatchWindow *self,
                              const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

char *
_pkio_batch_window_dup_file_name (PkioBatchWindow *self)
{
  return self->file != NULL ? g_file_get_basename (self->file) : g_strdup ("");
}

void
_pkio_batch_window_update_actions (PkioBatchWindow *self)
{
  gboolean idle = !self->placing && !self->done;
  gboolean checked;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.choose-file", !self->placing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.reload",
                                 !self->placing && self->file != NULL);
  /* The placer is made for a file without problems; its check must have asked about every
   * row. */
  checked = self->placer != NULL && !self->checking && !self->check_failed
            && _pkio_batch_window_count_unchecked (self) == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.place",
                                 idle && checked && self->n_to_place > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.stop",
                                 self->placing && !g_cancellable_is_cancelled (self->stop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.save-results", self->done);
  gtk_widget_set_visible (GTK_WIDGET (self->place_button), idle);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), self->placing);
  gtk_widget_set_visible (GTK_WIDGET (self->results_button), self->done);
  for (guint r = 0; self->people != NULL && r < g_list_model_get_n_items (G_LIST_MODEL (self->people)); r++)
    {
      g_autoptr(PkioBatchRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->people), r);

      pkio_batch_row_item_set_choice_sensitive (item, idle);
    }
}

/* ---- the problems ---- */

static void
add_problem (GPtrArray              *items,
             const PkioBatchProblem *problem)
{
  g_autofree char *title = NULL;

  if (problem->column != NULL)
    /* TRANSLATORS: where a problem of a spreadsheet is: its row number and column name */
    title = g_strdup_printf (_("Row %u, %s"), problem->row, problem->column);
  else
    /* TRANSLATORS: where a problem of a spreadsheet is: its row number */
    title = g_strdup_printf (_("Row %u"), problem->row);
  g_ptr_array_add (items, pkio_batch_row_item_new (items->len, title, problem->message));
}

static void
show_problems (PkioBatchWindow *self)
{
  GPtrArray *header = pkio_batch_get_header_problems (self->batch);
  guint n = pkio_batch_count_problems (self->batch);
  g_autofree char *name = _pkio_batch_window_dup_file_name (self);
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < header->len; i++)
    add_problem (items, g_ptr_array_index (header, i));
  for (guint r = 0; r < pkio_batch_get_n_rows (self->batch); r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (self->batch, r);

      for (guint i = 0; i < row->problems->len; i++)
        add_problem (items, g_ptr_array_index (row->problems, i));
    }
  /* One change of the list, not one per problem. */
  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       items->pdata, items->len);
  /* TRANSLATORS: the title over the problems of a spreadsheet, as in "3 problems in
   * people.csv" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem in %s",
                                        "%u problems in %s", n), n, name);
  gtk_label_set_text (self->problems_title, title);
  gtk_stack_set_visible_child_name (self->pages, "problems");
  _pkio_batch_window_focus_page (self);
}

/* ---- the review ---- */

static void
update_payment (PkioBatchWindow *self)
{
  guint n_rows = pkio_batch_get_n_rows (self->batch);
  guint from_balance = 0;
  g_autofree char *text = NULL;

  for (guint r = 0; r < n_rows; r++)
    if (pkio_batch_get_row (self->batch, r)->order->payment_method == PKIO_PAYMENT_BALANCE)
      from_balance++;
  if (from_balance == 0 || from_balance == n_rows)
    text = pkio_order_review_describe_payment (pkio_batch_get_row (self->batch, 0)->order,
                                               self->balance_text, NULL);
  else if (self->balance_text != NULL)
    /* TRANSLATORS: the payment of a batch of orders, as in "12 from the account balance
     * (€5,000.00 now), 18 with the card saved in the CertCentral account" */
    text = g_strdup_printf (_("%u from the account balance (%s now), %u with the card saved in "
                              "the CertCentral account"),
                            from_balance, self->balance_text, n_rows - from_balance);
  else
    text = g_strdup_printf (_("%u from the account balance, %u with the card saved in the "
                              "CertCentral account"), from_balance, n_rows - from_balance);
  adw_action_row_set_subtitle (self->payment_row, text);
}

static void
balance_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PkioBatchWindow *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBalance) balance = pkio_workspace_get_balance_finish (PKIO_WORKSPACE (source),
                                                                      result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PKIO_BATCH_WINDOW (user_data);
  if (balance == NULL)
    {
      /* The review says "From the account balance" without the amount. */
      g_debug ("balance not available: %s", error->message);
      return;
    }
  g_free (self->balance_text);
  self->balance_text = pkio_money_format (balance);
  if (self->batch != NULL && pkio_batch_get_n_rows (self->batch) > 0)
    update_payment (self);
}

/* The row's holder has no name: the title is the email address itself. */
static gboolean
holder_is_email (const PkioOrder *order)
{
  g_autofree char *first = pkio_field_trim (order->individual.first_name);
  g_autofree char *last = pkio_field_trim (order->individual.last_name);

  return *first == '\0' && *last == '\0';
}

/* The holder's name ("CertCentral number 21" for a known one, the address when there is no
 * name). */
static char *
row_title (const PkioOrder *order)
{
  PkioOrder named;

  if (order->individual.use_id || holder_is_email (order))
    return pkio_batch_row_dup_holder (order, HOLDER_MAX_CHARS);
  /* The name alone: pkio_batch_row_dup_holder () of the order without its address. */
  named = *order;
  named.individual.email = NULL;
  return pkio_batch_row_dup_holder (&named, HOLDER_MAX_CHARS);
}

char *
_pkio_batch_window_row_summary (const PkioBatchRow *row)
{
  PkioBatchLanguage language = pkio_batch_language_current ();
  const PkioOrder *order = row->order;
  g_autofree char *validity = pkio_batch_validity_text (&order->validity, language);

  g_autofree char *email = NULL;
  g_autofree char *summary = NULL;

  /* TRANSLATORS: a row of a spreadsheet in the review: its number, the kind of certificate,
   * the validity and the shipping in the words of a batch file, as in "Row 2 · encryption,
   * 1 year, shipping standard" */
  summary = g_strdup_printf (_("Row %u · %s, %s, shipping %s"), row->number,
                             pkio_batch_profile_word (order->profile, language), validity,
                             pkio_batch_ship_method_word (order->ship_info.method, language));
  /* The email address under the name (row_title ()): a subtitle wraps anywhere, a title only
   * between words, and an address is one long word on a narrow screen. */
  if (!order->individual.use_id && !holder_is_email (order))
    {
      g_autofree char *trimmed = pkio_field_trim (order->individual.email);

      if (*trimmed != '\0')
        email = pkio_field_printable (trimmed, HOLDER_MAX_CHARS);
    }
  return email != NULL ? g_strdup_printf ("%s\n%s", email, summary) : g_steal_pointer (&summary);
}

static void
show_review (PkioBatchWindow *self)
{
  guint n_rows = pkio_batch_get_n_rows (self->batch);
  guint expedited = 0;
  g_autofree char *name = _pkio_batch_window_dup_file_name (self);
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *shipping = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < n_rows; r++)
    {
      const PkioBatchRow *row = pkio_batch_get_row (self->batch, r);
      g_autofree char *holder = row_title (row->order);
      g_autofree char *summary = _pkio_batch_window_row_summary (row);

      if (row->order->ship_info.method == PKIO_SHIP_EXPEDITED)
        expedited++;
      g_ptr_array_add (items, pkio_batch_row_item_new (r, holder, summary));
    }
  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)),
                       items->pdata, items->len);

  /* TRANSLATORS: the title of a batch's review, as in "Place 30 orders from people.csv?" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Place %u order from %s?",
                                        "Place %u orders from %s?", n_rows), n_rows, name);
  gtk_label_set_text (self->orders_title, title);
  gtk_label_set_text (self->orders_note,
                      _("Every row was checked. Each order costs money; nothing is sent until "
                        "you press Place. The orders are placed one after the other."));
  count = g_strdup_printf ("%u", n_rows);
  adw_action_row_set_subtitle (self->count_row, count);
  /* TRANSLATORS: how many orders of a batch are shipped expedited, as in "3 of 30, at
   * additional cost" */
  shipping = expedited == 0 ? g_strdup (_("None"))
             : g_strdup_printf (_("%u of %u, at additional cost"), expedited, n_rows);
  adw_action_row_set_subtitle (self->shipping_row, shipping);
  update_payment (self);
  _pkio_batch_window_update_place_label (self);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_stack_set_visible_child_name (self->pages, "orders");
  /* Not Place: it waits for the duplicate check, and cannot take the focus until then. */
  _pkio_batch_window_focus_page (self);

  /* The placer that will place these rows asks first who already has one (issue 20). */
  self->placer = pkio_batch_placer_new (self->workspace, self->batch, name, FALSE);
  _pkio_batch_window_start_check (self);

  for (guint r = 0; r < n_rows; r++)
    if (pkio_batch_get_row (self->batch, r)->order->payment_method == PKIO_PAYMENT_BALANCE)
      {
        pkio_workspace_get_balance_async (self->workspace, self->cancellable, balance_cb, self);
        break;
      }
}

/* ---- reading ---- */

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PkioBatchWindow *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBatch) batch = pkio_batch_file_read_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PKIO_BATCH_WINDOW (user_data);
  g_set_object (&self->batch, batch);
  if (batch == NULL)
    {
      adw_status_page_set_description (self->refused_page, error->message);
      gtk_stack_set_visible_child_name (self->pages, "refused");
      _pkio_batch_window_focus_page (self);
    }
  else if (pkio_batch_count_problems (batch) > 0)
    show_problems (self);
  else if (pkio_batch_get_n_rows (batch) == 0)
    {
      adw_status_page_set_description (self->refused_page,
                                       _("There are no orders in the file: only its column "
                                         "names. Add a row for each order."));
      gtk_stack_set_visible_child_name (self->pages, "refused");
      _pkio_batch_window_focus_page (self);
    }
  else
    show_review (self);
  _pkio_batch_window_update_actions (self);
}

void
pkio_batch_window_open_file (PkioBatchWindow *self,
                             GFile           *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PKIO_IS_BATCH_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->placing && !self->done);

  g_set_object (&self->file, file);
  /* What was being asked about the file's earlier contents has no use any more. */
  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->placer != NULL)
    g_signal_handlers_disconnect_by_data (self->placer, self);
  g_clear_object (&self->placer);
  self->checking = FALSE;
  self->check_failed = FALSE;
  g_clear_object (&self->batch);
  name = _pkio_batch_window_dup_file_name (self);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_stack_set_visible_child_name (self->pages, "reading");
  _pkio_batch_window_update_actions (self);
  /* The account's own order fields as New order knows them (asked when the window starts):
   * their columns are read into each order. Not known (yet): such a column is refused as
   * unknown, and nothing is sent. */
  pkio_batch_file_read_async (file,
                              self->workspace != NULL
                              ? pkio_workspace_get_custom_fields (self->workspace) : NULL,
                              self->cancellable, read_cb, self);
}

/* ---- the window ---- */

static gboolean
close_request_cb (PkioBatchWindow *self)
{
  return _pkio_batch_window_close_request (self);
}

static void
pkio_batch_window_dispose (GObject *object)
{
  PkioBatchWindow *self = PKIO_BATCH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refocus_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_BATCH_WINDOW);
  G_OBJECT_CLASS (pkio_batch_window_parent_class)->dispose (object);
}

static void
pkio_batch_window_finalize (GObject *object)
{
  PkioBatchWindow *self = PKIO_BATCH_WINDOW (object);

  g_clear_object (&self->placer);
  g_clear_object (&self->batch);
  g_clear_object (&self->file);
  g_clear_object (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stop);
  g_clear_object (&self->problems);
  g_clear_object (&self->people);
  g_free (self->balance_text);
  G_OBJECT_CLASS (pkio_batch_window_parent_class)->finalize (object);
}

static void
pkio_batch_window_class_init (PkioBatchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_batch_window_dispose;
  object_class->finalize = pkio_batch_window_finalize;

  g_type_ensure (PKIO_TYPE_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/batch/pkio-batch-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, practice_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, refused_page);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, refused_button);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, problems_title);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, orders_title);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, orders_note);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, count_row);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, payment_row);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, place_button);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, results_button);
  gtk_widget_class_bind_template_child (widget_class, PkioBatchWindow, people_list);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "batch.choose-file", NULL,
                                   _pkio_batch_window_choose_file_action);
  gtk_widget_class_install_action (widget_class, "batch.reload", NULL, _pkio_batch_window_reload_action);
  gtk_widget_class_install_action (widget_class, "batch.place", NULL, _pkio_batch_window_place_action);
  gtk_widget_class_install_action (widget_class, "batch.stop", NULL, _pkio_batch_window_stop_action);
  gtk_widget_class_install_action (widget_class, "batch.save-template", NULL, _pkio_batch_window_save_action);
  gtk_widget_class_install_action (widget_class, "batch.save-results", NULL, _pkio_batch_window_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pkio_batch_window_init (PkioBatchWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->problems = g_list_store_new (PKIO_TYPE_BATCH_ROW_ITEM);
  self->people = g_list_store_new (PKIO_TYPE_BATCH_ROW_ITEM);
  pkio_batch_list_init (self->problems_list, G_LIST_MODEL (self->problems));
  pkio_batch_list_init (self->people_list, G_LIST_MODEL (self->people));
  _pkio_batch_window_init_speech (self);
  self->cancellable = g_cancellable_new ();
  self->stop = g_cancellable_new ();
  _pkio_batch_window_update_actions (self);
}

PkioBatchWindow *
pkio_batch_window_new (GtkWindow     *parent,
                       PkioWorkspace *workspace)
{
  PkioBatchWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PKIO_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PKIO_TYPE_BATCH_WINDOW, "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                     : NULL,
                       NULL);
  self->workspace = g_object_ref (workspace);
  /* The orders of a practice workspace are practice orders, and this window says so. */
  g_object_bind_property (workspace, "practice", self->practice_banner, "revealed",
                          G_BINDING_SYNC_CREATE);
  return self;
}

const char *
pkio_batch_window_get_page (PkioBatchWindow *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}

gboolean
pkio_batch_window_get_placing (PkioBatchWindow *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_WINDOW (self), FALSE);

  return self->placing;
}

gboolean
pkio_batch_window_get_done (PkioBatchWindow *self)
{
  g_return_val_if_fail (PKIO_IS_BATCH_WINDOW (self), FALSE);

  return self->done;
}
