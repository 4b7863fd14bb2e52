/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-history-details-private.h"
#include "pkio-history-format.h"

G_DEFINE_FINAL_TYPE (PkioHistoryDetails, pkio_history_details, ADW_TYPE_BIN)

static void fill_note (PkioHistoryDetails *self);

/* ---- helpers ---- */

void
_pkio_history_details_show_toast (PkioHistoryDetails *self,
                                  const char         *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

void
_pkio_history_details_show_error (PkioHistoryDetails *self,
                                  const char         *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Plain text before the text is set: a title such as "… by Ada <ada@example.com>" is no
   * markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

static AdwPreferencesGroup *
request_group (PkioHistoryDetails *self,
               GHashTable         *groups,
               const char         *title)
{
  AdwPreferencesGroup *group = g_hash_table_lookup (groups, title);

  if (group == NULL)
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, title);
      gtk_box_append (self->request_box, GTK_WIDGET (group));
      g_hash_table_insert (groups, (gpointer) title, group);
    }
  return group;
}

static void
show_request (PkioHistoryDetails *self,
              const char         *request_json,
              const char         *error_text)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) scratch = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->request_box))) != NULL)
    gtk_box_remove (self->request_box, child);

  if (error_text != NULL)
    {
      /* Said where the order's details would be; the record and the database are left as they
       * are (nothing is lost: the next time it is shown, it is read again). */
      GtkWidget *label = gtk_label_new (error_text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_name (label, "request_error_label");
      gtk_box_append (self->request_box, label);
      return;
    }
  fields = pkio_history_format_request_fields (request_json);
  for (guint i = 0; i < fields->len; i++)
    {
      const PkioHistoryField *field = g_ptr_array_index (fields, i);

      add_row (request_group (self, groups, field->section), scratch, field->label, field->value);
    }
}

static void
read_request_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = pkio_history_store_read_request_finish (PKIO_HISTORY_STORE (source),
                                                                  result, &error);
  PkioHistoryDetails *self;

  /* Another record shown, or the pane disposed: the read was cancelled, self may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  self->request_reading = FALSE;
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The details of this order could not be read "
                                                 "from the history: %s"), error->message);

      g_message ("record %" G_GINT64_FORMAT ": request not read: %s",
                 pkio_history_record_get_local_id (self->record), error->message);
      show_request (self, NULL, text);
      return;
    }
  g_free (self->request_json);
  self->request_json = g_steal_pointer (&json);
  self->request_read = TRUE;
  show_request (self, self->request_json, NULL);
}

/* The request the order was placed with: the database keeps it, not the record (issue 24).
 * Read once per record shown, on the store's worker thread; a record's request never changes,
 * so a fill after a status change shows what was read. */
static void
fill_request (PkioHistoryDetails *self)
{
  if (!pkio_history_record_has_request (self->record) || self->workspace == NULL)
    {
      show_request (self, NULL, NULL);
      return;
    }
  if (self->request_read)
    {
      show_request (self, self->request_json, NULL);
      return;
    }
  if (self->request_reading)
    return;
  self->request_reading = TRUE;
  pkio_history_store_read_request_async (pkio_workspace_get_store (self->workspace),
                                         self->record, self->cancellable, read_request_cb,
                                         self);
}

static void
fill_messages (PkioHistoryDetails *self)
{
  g_autoptr(GPtrArray) entries = pkio_history_record_dup_errors (self->record);

  clear_rows (self->messages_group, self->message_rows);
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioApiErrorEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row;

      /* CertCentral's words, and the field they are about; its codes only in the debug log
       * (docs/decisions.md#errors-and-the-key). */
      g_debug ("record %" G_GINT64_FORMAT ": %s%s%s",
               pkio_history_record_get_local_id (self->record),
               entry->code != NULL ? entry->code : "(no code)",
               entry->code_detail != NULL ? "|" : "",
               entry->code_detail != NULL ? entry->code_detail : "");
      row = add_row (self->messages_group, self->message_rows,
                     entry->message != NULL ? entry->message : "", entry->field);
      if (entry->field == NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->messages_group), self->message_rows->len > 0);
}

static void
timeline_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = pkio_history_store_get_timeline_finish (PKIO_HISTORY_STORE (source),
                                                                         result, &error);
  PkioHistoryDetails *self;

  /* A read: a details pane disposed meanwhile, or showing another record, cancelled it. */
  if (events == NULL)
    return;
  self = user_data;
  /* A sync that looked for this attempt and found nothing leaves "not-found" last. */
  if (events->len > 0
      && ((PkioHistoryEvent *) g_ptr_array_index (events, events->len - 1))->kind
         == PKIO_HISTORY_EVENT_NOT_FOUND
      && !self->not_found)
    {
      self->not_found = TRUE;
      fill_note (self);
    }
  clear_rows (self->timeline_group, self->timeline_rows);
  for (guint i = 0; i < events->len; i++)
    {
      const PkioHistoryEvent *event = g_ptr_array_index (events, i);
      g_autofree char *text = pkio_history_event_get_text (event);
      g_autofree char *when = pkio_history_format_date_time (event->time);

      add_row (self->timeline_group, self->timeline_rows, text, when);
    }
}

static void
fill_note (PkioHistoryDetails *self)
{
  gboolean unknown = self->record != NULL
                     && pkio_history_record_get_state (self->record) == PKIO_RECORD_STATE_UNKNOWN;

  if (unknown && pkio_history_record_get_candidates (self->record)->len > 0)
    gtk_label_set_text (self->note_label,
                        _("CertCentral has several orders that may be this attempt. Before you "
                          "order again for this person, see below whether one of them is "
                          "yours."));
  else if (unknown && self->not_found)
    gtk_label_set_text (self->note_label,
                        _("CertCentral has no order for this attempt, so it was most likely not "
                          "placed. Nothing is ordered again automatically: place a new order if "
                          "the certificate is still needed."));
  else if (unknown)
    gtk_label_set_text (self->note_label,
                        _("It is not known whether CertCentral received this order. Use “Check "
                          "outcome” before you order again for this person."));
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), unknown);
}

static void
init_window (PkioHistoryDetails *self,
             PkioExpiryWindow   *window)
{
  pkio_expiry_window_init (window, self->workspace != NULL
                                   ? pkio_workspace_get_expiry_warning_days (self->workspace)
                                   : PKIO_EXPIRY_WARNING_DAYS_DEFAULT);
}

static gboolean
can_renew (PkioHistoryDetails *self)
{
  PkioExpiryWindow window;

  if (self->record == NULL || pkio_history_record_get_order_id (self->record) <= 0)
    return FALSE;
  init_window (self, &window);
  /* Only when there is someone to fill the form for (an id, an email or a stored request). */
  return pkio_history_record_can_renew (self->record, &window)
         && pkio_history_record_has_renewal_holder (self->record);
}

/* "Replaces order N" on a renewal, "Replaced by order M" on the order it replaced. */
static void
fill_renewal_links (PkioHistoryDetails *self)
{
  gint64 replaces = pkio_history_record_get_replaces_order_id (self->record);
  gint64 replaced_by = pkio_history_record_get_replaced_by_order_id (self->record);

  if (replaces > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, replaces);

      add_row (self->order_group, self->order_rows, _("Replaces order"), number);
    }
  if (replaced_by > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, replaced_by);

      add_row (self->order_group, self->order_rows, _("Replaced by order"), number);
    }
}

/* "Valid from", "Valid until" and "Days left", once CertCentral has said. */
static void
fill_validity (PkioHistoryDetails *self)
{
  PkioHistoryRecord *record = self->record;
  g_autofree char *from = pkio_history_day_dup_text (pkio_history_record_get_valid_from (record));
  g_autofree char *till = pkio_history_day_dup_text (pkio_history_record_get_valid_till (record));
  g_autofree char *left_text = NULL;
  PkioExpiryWindow window;
  gint64 left;

  if (till == NULL)
    return;
  init_window (self, &window);
  pkio_history_record_get_days_left (record, window.today, &left);
  if (pkio_history_record_get_expiry (record, &window) == PKIO_EXPIRY_ENDED)
    left_text = pkio_history_format_days_left (record, &window);
  else if (left == 0)
    left_text = g_strdup (_("0: its last day is today"));
  else
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, left);

      /* Translators: %s is a number of days */
      left_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", left),
                                   count);
    }
  if (from != NULL)
    add_row (self->order_group, self->order_rows, _("Valid from"), from);
  add_row (self->order_group, self->order_rows, _("Valid until"), till);
  add_row (self->order_group, self->order_rows, _("Days left"), left_text);
}

void
_pkio_history_details_update_actions (PkioHistoryDetails *self)
{
  PkioHistoryRecord *record = self->record;
  gboolean online = self->workspace != NULL && pkio_workspace_get_client (self->workspace) != NULL;
  gboolean unknown = record != NULL
                     && pkio_history_record_get_state (record) == PKIO_RECORD_STATE_UNKNOWN;
  gboolean has_id = record != NULL && pkio_history_record_get_order_id (record) > 0;
  /* An issued certificate; one whose last revocation has an unknown outcome is checked first
   * (the same button). */
  gboolean revocable = record != NULL
                       && (pkio_history_record_can_revoke (record)
                           || (pkio_history_record_get_revoke_state (record) == PKIO_REVOKE_UNKNOWN
                               && g_strcmp0 (pkio_history_record_get_remote_status (record),
                                             "issued") == 0));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.refresh",
                                 online && has_id && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.cancel",
                                 online && !self->busy && record != NULL
                                 && pkio_history_record_can_cancel (record));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.revoke",
                                 online && !self->busy && revocable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-id", has_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.check-outcome",
                                 online && unknown && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.link-order",
                                 online && unknown && !self->busy);
  /* What can never apply to this record is not shown at all. */
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), unknown);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), has_id);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), has_id);
  /* Only pending / waiting-for-pickup orders can be cancelled at all: otherwise no button. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          has_id && pkio_history_record_can_cancel (record));
  gtk_widget_set_visible (GTK_WIDGET (self->revoke_button), has_id && revocable);
  /* Only an order placed here has a stored request to fill the form from. */
  gtk_widget_set_visible (GTK_WIDGET (self->again_button),
                          record != NULL && pkio_history_record_has_request (record));
  /* A certificate that ends soon or has ended, that no order replaces yet (when one does, the
   * details say which: "Replaced by order"). */
  gtk_widget_set_visible (GTK_WIDGET (self->renew_button), can_renew (self));
  if (record != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->again_button), "x",
                                        pkio_history_record_get_local_id (record));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->renew_button), "x",
                                        pkio_history_record_get_local_id (record));
    }
}

void
_pkio_history_details_set_busy (PkioHistoryDetails *self,
                                gboolean            busy)
{
  self->busy = busy;
  _pkio_history_details_update_actions (self);
}

void
_pkio_history_details_fill (PkioHistoryDetails *self)
{
  PkioHistoryRecord *record = self->record;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *when = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *certificate_id = NULL;
  g_autofree char *status_sentence = NULL;
  const char *email;

  _pkio_history_details_update_actions (self);
  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "record");

  email = pkio_history_record_get_holder_email (record);
  {
    g_autofree char *label = pkio_history_record_dup_holder_label (record);

    gtk_label_set_text (self->title_label, label != NULL ? label : _("Unnamed holder"));
  }
  gtk_label_set_text (self->subtitle_label, email ? email : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), email != NULL && *email);
  pkio_history_format_badge (self->status_badge, record);

  fill_note (self);
  pkio_candidates_group_set_record (self->candidates_group, record,
                                    self->workspace ? pkio_workspace_get_store (self->workspace)
                                                    : NULL);

  clear_rows (self->order_group, self->order_rows);
  if (pkio_history_record_get_order_id (record) > 0)
    order_id = g_strdup_printf ("%" G_GINT64_FORMAT, pkio_history_record_get_order_id (record));
  if (pkio_history_record_get_certificate_id (record) > 0)
    certificate_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                      pkio_history_record_get_certificate_id (record));
  created = pkio_history_record_dup_created (record);
  when = pkio_history_format_date_time (created);
  status_sentence = pkio_history_record_dup_status_sentence (record);
  add_row (self->order_group, self->order_rows, _("Order number"), order_id);
  add_row (self->order_group, self->order_rows, _("Certificate number"), certificate_id);
  add_row (self->order_group, self->order_rows, _("Status"),
           status_sentence != NULL ? status_sentence
                                   : pkio_history_record_get_status_label (record));
  fill_validity (self);
  fill_renewal_links (self);
  add_row (self->order_group, self->order_rows, _("Date"), when);
  add_row (self->order_group, self->order_rows, _("Placed from"),
           pkio_history_origin_label (pkio_history_record_get_origin (record)));
  /* Only when CertCentral's order info said who (docs/decisions.md#who-placed-an-order). */
  if (pkio_history_record_get_placed_by (record) != NULL)
    add_row (self->order_group, self->order_rows, _("Placed by"),
             pkio_history_record_get_placed_by (record));
  /* A row of a spreadsheet (order --batch, "Order from a spreadsheet…"): which file. */
  if (pkio_history_record_get_batch_file (record) != NULL)
    add_row (self->order_group, self->order_rows, _("Batch file"),
             pkio_history_record_get_batch_file (record));
  /* Practice orders went to the simulator, whose loopback address changes every run. */
  add_row (self->order_group, self->order_rows, _("Account"),
           self->workspace != NULL && pkio_workspace_get_practice (self->workspace)
           ? _("Practice mode (simulator on this computer)")
           : pkio_history_record_get_account (record));

  fill_request (self);
  fill_messages (self);
  if (self->workspace != NULL)
    pkio_history_store_get_timeline_async (pkio_workspace_get_store (self->workspace), record,
                                           self->cancellable, timeline_cb, self);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  PkioHistoryDetails *self = user_data;

  self->fill_idle = 0;
  _pkio_history_details_fill (self);
  return G_SOURCE_REMOVE;
}

/* A record notifies each property it changes: show them all at once. */
static void
schedule_fill (PkioHistoryDetails *self)
{
  if (self->fill_idle == 0)
    self->fill_idle = g_idle_add (fill_idle_cb, self);
}

/* ---- GObject ---- */

static void
pkio_history_details_dispose (GObject *object)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fill_idle, g_source_remove);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->record);
  g_clear_object (&self->workspace);
  /* AdwBin unparents its child itself: gtk_widget_dispose_template () would do it twice. */

  G_OBJECT_CLASS (pkio_history_details_parent_class)->dispose (object);
}

static void
pkio_history_details_finalize (GObject *object)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (object);

  g_clear_object (&self->cancellable);
  g_free (self->request_json);
  g_clear_pointer (&self->order_rows, g_ptr_array_unref);
  g_clear_pointer (&self->timeline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->message_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pkio_history_details_parent_class)->finalize (object);
}

static void
pkio_history_details_class_init (PkioHistoryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_history_details_dispose;
  object_class->finalize = pkio_history_details_finalize;

  g_type_ensure (PKIO_TYPE_CANDIDATES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/history/pkio-history-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, back_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, again_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, renew_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, revoke_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, check_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, copy_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, status_badge);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, note_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, candidates_group);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, order_group);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, request_box);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, messages_group);

  _pkio_history_details_class_actions_init (klass);
}

static void
pkio_history_details_init (PkioHistoryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->order_rows = g_ptr_array_new ();
  self->timeline_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();
  /* A record notifies each property it changes; the pane follows whichever record it shows. */
  self->record_signals = g_signal_group_new (PKIO_TYPE_HISTORY_RECORD);
  g_signal_group_connect_swapped (self->record_signals, "notify", G_CALLBACK (schedule_fill),
                                  self);
  _pkio_history_details_fill (self);
}

PkioHistoryDetails *
pkio_history_details_new (void)
{
  return g_object_new (PKIO_TYPE_HISTORY_DETAILS, NULL);
}

void
pkio_history_details_set_workspace (PkioHistoryDetails *self,
                                    PkioWorkspace      *workspace)
{
  g_return_if_fail (PKIO_IS_HISTORY_DETAILS (self));

  if (g_set_object (&self->workspace, workspace))
    {
      g_signal_connect_object (workspace, "notify::client", G_CALLBACK (_pkio_history_details_update_actions), self,
                               G_CONNECT_SWAPPED);
      _pkio_history_details_fill (self);
    }
}

void
pkio_history_details_set_record (PkioHistoryDetails *self,
                                 PkioHistoryRecord  *record)
{
  g_return_if_fail (PKIO_IS_HISTORY_DETAILS (self));

  if (self->record == record)
    return;
  /* Reads about the previous record must not land on this one. Changes (a cancel) are not
   * cancelled: they finish and are recorded whatever is shown (see the actions). */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  self->not_found = FALSE;
  self->request_read = FALSE;
  self->request_reading = FALSE;
  g_clear_pointer (&self->request_json, g_free);
  _pkio_history_details_show_error (self, NULL);
  g_set_object (&self->record, record);
  g_signal_group_set_target (self->record_signals, record);
  _pkio_history_details_fill (self);
}

PkioHistoryRecord *
pkio_history_details_get_record (PkioHistoryDetails *self)
{
  g_return_val_if_fail (PKIO_IS_HISTORY_DETAILS (self), NULL);

  return self->record;
}

void
pkio_history_details_set_show_back (PkioHistoryDetails *self,
                                    gboolean            show_back)
{
  g_return_if_fail (PKIO_IS_HISTORY_DETAILS (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}
