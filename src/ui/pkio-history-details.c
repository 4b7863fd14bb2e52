/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pkio-cancel-dialog.h"
#include "pkio-candidates-group.h"
#include "pkio-history-details.h"
#include "pkio-history-format.h"

struct _PkioHistoryDetails
{
  AdwBin              parent_instance;

  /* Template children */
  GtkStack           *stack;
  GtkButton          *back_button;
  GtkButton          *cancel_button;
  GtkButton          *check_button;
  GtkButton          *copy_button;
  GtkButton          *refresh_button;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_badge;
  GtkLabel           *note_label;
  GtkLabel           *error_label;
  PkioCandidatesGroup *candidates_group;
  AdwPreferencesGroup *order_group;
  GtkBox             *request_box;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *messages_group;

  PkioWorkspace      *workspace;
  PkioHistoryRecord  *record;
  GCancellable       *cancellable;       /* actions and the timeline of this record */
  GPtrArray          *order_rows;
  GPtrArray          *timeline_rows;
  GPtrArray          *message_rows;
  guint               fill_idle;
  guint               busy : 1;
  guint               not_found : 1;     /* "Check outcome" found nothing for this record */
};

G_DEFINE_FINAL_TYPE (PkioHistoryDetails, pkio_history_details, ADW_TYPE_BIN)

static void fill (PkioHistoryDetails *self);
static void fill_note (PkioHistoryDetails *self);

/* ---- helpers ---- */

static void
show_toast (PkioHistoryDetails *self,
            const char         *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
show_error (PkioHistoryDetails *self,
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

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
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
fill_request (PkioHistoryDetails *self)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) scratch = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->request_box))) != NULL)
    gtk_box_remove (self->request_box, child);

  fields = pkio_history_format_request_fields (pkio_history_record_get_request_json (self->record));
  for (guint i = 0; i < fields->len; i++)
    {
      const PkioHistoryField *field = g_ptr_array_index (fields, i);

      add_row (request_group (self, groups, field->section), scratch, field->label, field->value);
    }
}

static void
fill_messages (PkioHistoryDetails *self)
{
  const char *json = pkio_history_record_get_errors_json (self->record);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  clear_rows (self->messages_group, self->message_rows);
  if (json != NULL)
    root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->messages_group), FALSE);
      return;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        continue;
      object = json_node_get_object (entry);
      add_row (self->messages_group, self->message_rows,
               json_object_get_string_member_with_default (object, "message", ""),
               json_object_get_string_member_with_default (object, "field",
                 json_object_get_string_member_with_default (object, "code", "")));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->messages_group), self->message_rows->len > 0);
}

static void
timeline_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PkioHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = pkio_history_store_get_timeline_finish (PKIO_HISTORY_STORE (source),
                                                                         result, &error);

  if (events == NULL)
    return;
  /* A sync that looked for this attempt and found nothing leaves "not-found" last. */
  if (events->len > 0
      && g_strcmp0 (((PkioHistoryEvent *) g_ptr_array_index (events, events->len - 1))->kind,
                    "not-found") == 0
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
update_actions (PkioHistoryDetails *self)
{
  PkioHistoryRecord *record = self->record;
  gboolean online = self->workspace != NULL && pkio_workspace_get_client (self->workspace) != NULL;
  gboolean unknown = record != NULL
                     && pkio_history_record_get_state (record) == PKIO_RECORD_STATE_UNKNOWN;
  gboolean has_id = record != NULL && pkio_history_record_get_order_id (record) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.refresh",
                                 online && has_id && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.cancel",
                                 online && !self->busy && record != NULL
                                 && pkio_history_record_can_cancel (record));
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
}

static void
set_busy (PkioHistoryDetails *self,
          gboolean            busy)
{
  self->busy = busy;
  update_actions (self);
}

static void
fill (PkioHistoryDetails *self)
{
  PkioHistoryRecord *record = self->record;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *when = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *certificate_id = NULL;
  const char *email;

  update_actions (self);
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
  add_row (self->order_group, self->order_rows, _("Order number"), order_id);
  add_row (self->order_group, self->order_rows, _("Certificate number"), certificate_id);
  add_row (self->order_group, self->order_rows, _("Status"),
           pkio_history_record_get_status_label (record));
  add_row (self->order_group, self->order_rows, _("Date"), when);
  add_row (self->order_group, self->order_rows, _("Placed from"),
           pkio_history_origin_label (pkio_history_record_get_origin (record)));
  /* Practice orders went to the simulator, whose loopback address changes every run. */
  add_row (self->order_group, self->order_rows, _("Account"),
           self->workspace != NULL && pkio_workspace_get_practice (self->workspace)
           ? _("Practice mode (simulator on this computer)")
           : pkio_history_record_get_account (record));

  fill_request (self);
  fill_messages (self);
  if (self->workspace != NULL)
    pkio_history_store_get_timeline_async (pkio_workspace_get_store (self->workspace), record,
                                           self->cancellable, timeline_cb, g_object_ref (self));
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  PkioHistoryDetails *self = user_data;

  self->fill_idle = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

/* A record notifies each property it changes: show them all at once. */
static void
schedule_fill (PkioHistoryDetails *self)
{
  if (self->fill_idle == 0)
    self->fill_idle = g_idle_add (fill_idle_cb, self);
}

/* ---- actions ---- */

static gboolean
action_failed (PkioHistoryDetails *self,
               GError             *error)
{
  if (error == NULL)
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_busy (self, FALSE);
      show_error (self, error->message);
    }
  return TRUE;
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PkioHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_workspace_refresh_order_finish (PKIO_WORKSPACE (source), result, &error);
  if (action_failed (self, error))
    return;
  set_busy (self, FALSE);
  show_toast (self, _("Status updated"));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  show_error (self, NULL);
  set_busy (self, TRUE);
  pkio_workspace_refresh_order_async (self->workspace, self->record, self->cancellable,
                                      refreshed_cb, g_object_ref (self));
}

static void
canceled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PkioHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_workspace_cancel_order_finish (PKIO_WORKSPACE (source), result, &error);
  if (action_failed (self, error))
    return;
  set_busy (self, FALSE);
  show_toast (self, _("Order canceled"));
}

static void
cancel_response_cb (PkioCancelDialog   *dialog,
                    const char         *response,
                    PkioHistoryDetails *self)
{
  g_autofree char *note = pkio_cancel_dialog_dup_note (dialog);

  if (g_strcmp0 (response, "cancel-order") != 0 || self->record == NULL)
    return;
  show_error (self, NULL);
  set_busy (self, TRUE);
  pkio_workspace_cancel_order_async (self->workspace, self->record, note, self->cancellable,
                                     canceled_cb, g_object_ref (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PkioCancelDialog *dialog;

  dialog = pkio_cancel_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->record);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           pkio_history_record_get_order_id (self->record));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Order number copied"));
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 order_id = pkio_workspace_check_outcome_finish (PKIO_WORKSPACE (source), result, &error);
  g_autofree char *text = NULL;

  if (action_failed (self, error))
    return;
  set_busy (self, FALSE);
  if (order_id > 0)
    {
      /* Translators: %ld is an order number */
      text = g_strdup_printf (_("The order was placed: it is order %ld"), (long) order_id);
      show_toast (self, text);
    }
  else
    {
      self->not_found = TRUE;
      fill (self);
      /* The note above changed where the focus is not. */
      show_toast (self, pkio_history_record_get_candidates (self->record)->len > 0
                        ? _("Still unknown: more than one order may be this attempt")
                        : _("CertCentral has no order for this attempt"));
    }
}

static void
check_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  show_error (self, NULL);
  set_busy (self, TRUE);
  pkio_workspace_check_outcome_async (self->workspace, self->record, self->cancellable,
                                      checked_cb, g_object_ref (self));
}

static void
linked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PkioHistoryDetails) self = user_data;
  g_autoptr(GError) error = NULL;

  pkio_workspace_link_order_finish (PKIO_WORKSPACE (source), result, &error);
  if (action_failed (self, error))
    return;
  set_busy (self, FALSE);
  show_toast (self, _("Recorded as placed"));
}

/* "This is my order" on one of the candidates: the person knows which one they placed. */
static void
link_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (widget);

  show_error (self, NULL);
  set_busy (self, TRUE);
  pkio_workspace_link_order_async (self->workspace, self->record, g_variant_get_int64 (parameter),
                                   self->cancellable, linked_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
pkio_history_details_dispose (GObject *object)
{
  PkioHistoryDetails *self = PKIO_HISTORY_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fill_idle, g_source_remove);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
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
                                               RESOURCE_PREFIX "/pkio-history-details.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, back_button);
  gtk_widget_class_bind_template_child (widget_class, PkioHistoryDetails, cancel_button);
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

  gtk_widget_class_install_action (widget_class, "details.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "details.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "details.copy-id", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "details.check-outcome", NULL,
                                   check_action_cb);
  gtk_widget_class_install_action (widget_class, "details.link-order", "x", link_action_cb);
}

static void
pkio_history_details_init (PkioHistoryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->order_rows = g_ptr_array_new ();
  self->timeline_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();
  fill (self);
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
      g_signal_connect_object (workspace, "notify::client", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
      fill (self);
    }
}

void
pkio_history_details_set_record (PkioHistoryDetails *self,
                                 PkioHistoryRecord  *record)
{
  g_return_if_fail (PKIO_IS_HISTORY_DETAILS (self));

  if (self->record == record)
    return;
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  /* Answers about the previous record must not land on this one. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  self->not_found = FALSE;
  show_error (self, NULL);
  g_set_object (&self->record, record);
  if (record != NULL)
    g_signal_connect_swapped (record, "notify", G_CALLBACK (schedule_fill), self);
  fill (self);
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
