/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pkio-order-notifier.h"

struct _PkioOrderNotifier
{
  GObject                 parent_instance;

  GApplication           *application;   /* not owned: it owns the notifier */
  PkioWorkspace          *workspace;
  PkioHistoryStore       *store;
  GSettings              *settings;      /* the workspace's, for the warning period */
  GSignalGroup           *store_signals;    /* of @store */
  GSignalGroup           *settings_signals; /* of @settings */
  PkioNotificationSender  sender;
  gpointer                sender_data;
  guint                   warning_idle;
  gboolean                warning;       /* warnings are being written */
  gboolean                warn_again;    /* something changed meanwhile: look again after */
};

/* More certificates entering the warning period at once than this are told in one
 * notification (the first start after the update, on an account with many). */
#define MAX_SINGLE_WARNINGS 3

G_DEFINE_FINAL_TYPE (PkioOrderNotifier, pkio_order_notifier, G_TYPE_OBJECT)

static void
send_with_gapplication (GApplication          *application,
                        const PkioOrderNotice *notice,
                        gpointer               user_data)
{
  g_autoptr(GNotification) notification = g_notification_new (notice->title);

  g_notification_set_body (notification, notice->body);
  if (notice->local_id > 0)
    g_notification_set_default_action_and_target (notification, notice->action, "x",
                                                  notice->local_id);
  else
    g_notification_set_default_action (notification, notice->action);
  g_application_send_notification (application, notice->id, notification);
}

static void
status_changed_cb (PkioOrderNotifier *self,
                   PkioHistoryRecord *record,
                   const char        *old_status)
{
  const char *status = pkio_history_record_get_remote_status (record);
  g_autofree char *holder = pkio_history_record_dup_holder_label (record);
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  gboolean issued = g_strcmp0 (status, "issued") == 0;
  long order_id = (long) pkio_history_record_get_order_id (record);
  PkioOrderNotice notice = { 0 };

  if (!issued && g_strcmp0 (status, "rejected") != 0)
    return;

  body = issued
    /* Translators: %s is the certificate holder, %ld the order number */
    ? g_strdup_printf (_("The certificate for %s (order %ld) is issued. DigiCert ships the "
                         "token to the recipient."), holder, order_id)
    /* Translators: %s is the certificate holder, %ld the order number */
    : g_strdup_printf (_("CertCentral rejected the order for %s (order %ld). See its details "
                         "for why."), holder, order_id);
  id = g_strdup_printf ("order-%ld-%s", order_id, status);
  notice.id = id;
  notice.title = issued ? _("Certificate issued") : _("Order rejected by CertCentral");
  notice.body = body;
  notice.action = "app.show-order";
  notice.local_id = pkio_history_record_get_local_id (record);
  self->sender (self->application, &notice, self->sender_data);
}

/* ---- certificates that end soon ---- */

static void check_warnings (PkioOrderNotifier *self);

static void
warn_one (PkioOrderNotifier      *self,
          PkioHistoryRecord      *record,
          const PkioExpiryWindow *window)
{
  g_autofree char *holder = pkio_history_record_dup_holder_label (record);
  g_autofree char *date = pkio_history_day_dup_text (pkio_history_record_get_valid_till (record));
  g_autofree char *order = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            pkio_history_record_get_order_id (record));
  g_autofree char *id = g_strdup_printf ("ends-soon-%s", order);
  g_autofree char *body = NULL;
  PkioOrderNotice notice = { 0 };
  gint64 left = 0;

  pkio_history_record_get_days_left (record, window->today, &left);
  if (left == 0)
    /* Translators: the first %s is the certificate holder, the second the order number, the
     * third a date */
    body = g_strdup_printf (_("The certificate of %s (order %s) ends today, %s. Order a new "
                              "one if it is still needed."),
                            holder != NULL ? holder : "", order, date);
  else
    {
      g_autofree char *days = g_strdup_printf ("%" G_GINT64_FORMAT, left);

      /* Translators: the certificate holder, the order number, a date, a number of days */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The certificate of %s (order %s) ends on %s, in %s "
                                           "day. Order a new one in time.",
                                           "The certificate of %s (order %s) ends on %s, in %s "
                                           "days. Order a new one in time.", left),
                              holder != NULL ? holder : "", order, date, days);
    }
  notice.id = id;
  notice.title = _("Certificate ends soon");
  notice.body = body;
  notice.action = "app.show-order";
  notice.local_id = pkio_history_record_get_local_id (record);
  self->sender (self->application, &notice, self->sender_data);
}

static void
warn_many (PkioOrderNotifier      *self,
           guint                   n,
           const PkioExpiryWindow *window)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u certificate ends soon",
                                                         "%u certificates end soon", n), n);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "They end within %u day. Open History "
                                                        "to see them and order new ones in "
                                                        "time.",
                                                        "They end within %u days. Open History "
                                                        "to see them and order new ones in "
                                                        "time.", window->warning_days),
                                           window->warning_days);
  PkioOrderNotice notice = { 0 };

  notice.id = "ends-soon";
  notice.title = title;
  notice.body = body;
  notice.action = "app.show-ending-soon";
  self->sender (self->application, &notice, self->sender_data);
}

typedef struct
{
  PkioOrderNotifier *self;
  GPtrArray         *due;
  PkioExpiryWindow   window;
} Warning;

static void
warning_free (Warning *warning)
{
  g_object_unref (warning->self);
  g_ptr_array_unref (warning->due);
  g_free (warning);
}

static void
warned_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Warning *warning = user_data;
  PkioOrderNotifier *self = warning->self;
  g_autoptr(GError) error = NULL;

  self->warning = FALSE;
  /* Written first, told after: a warning is never given twice, also when the app stops in
   * between. When it cannot be written, nothing is said now; the next look tries again. */
  if (!pkio_history_store_mark_warned_finish (PKIO_HISTORY_STORE (source), result, &error))
    g_message ("Could not record the warnings of certificates that end soon: %s",
               error->message);
  else if (warning->due->len > MAX_SINGLE_WARNINGS)
    warn_many (self, warning->due->len, &warning->window);
  else
    for (guint i = 0; i < warning->due->len; i++)
      warn_one (self, g_ptr_array_index (warning->due, i), &warning->window);
  if (self->warn_again)
    check_warnings (self);
  warning_free (warning);
}

/* Entering the warning period is no change of status: it is worked out from the stored dates,
 * with no request, once the history is read and after each sync. */
static void
check_warnings (PkioOrderNotifier *self)
{
  Warning *warning;

  self->warn_again = FALSE;
  if (self->store == NULL || !pkio_history_store_is_loaded (self->store))
    return;
  if (self->warning)
    {
      self->warn_again = TRUE;
      return;
    }
  warning = g_new0 (Warning, 1);
  pkio_expiry_window_init (&warning->window,
                           pkio_workspace_get_expiry_warning_days (self->workspace));
  warning->due = pkio_history_store_list_due_warnings (self->store, &warning->window);
  if (warning->due->len == 0)
    {
      g_ptr_array_unref (warning->due);
      g_free (warning);
      return;
    }
  warning->self = g_object_ref (self);
  self->warning = TRUE;
  pkio_history_store_mark_warned_async (self->store, warning->due, warned_cb, warning);
}

static gboolean
check_warnings_idle_cb (gpointer user_data)
{
  PkioOrderNotifier *self = user_data;

  self->warning_idle = 0;
  check_warnings (self);
  return G_SOURCE_REMOVE;
}

/* The history was read, a sync finished, the warning period changed: look once, after the
 * burst of changes. */
static void
schedule_check (PkioOrderNotifier *self)
{
  if (self->warning_idle == 0)
    self->warning_idle = g_idle_add (check_warnings_idle_cb, self);
}

/* ---- GObject ---- */

static void
pkio_order_notifier_dispose (GObject *object)
{
  PkioOrderNotifier *self = PKIO_ORDER_NOTIFIER (object);

  g_clear_handle_id (&self->warning_idle, g_source_remove);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->settings_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (pkio_order_notifier_parent_class)->dispose (object);
}

static void
pkio_order_notifier_class_init (PkioOrderNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pkio_order_notifier_dispose;
}

static void
pkio_order_notifier_init (PkioOrderNotifier *self)
{
  self->sender = send_with_gapplication;
  /* Connected once; following a workspace is setting their targets (set_workspace ()). */
  self->store_signals = g_signal_group_new (PKIO_TYPE_HISTORY_STORE);
  g_signal_group_connect_object (self->store_signals, "status-changed",
                                 G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::loaded",
                                 G_CALLBACK (schedule_check), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::last-sync",
                                 G_CALLBACK (schedule_check), self, G_CONNECT_SWAPPED);
  self->settings_signals = g_signal_group_new (G_TYPE_SETTINGS);
  g_signal_group_connect_object (self->settings_signals, "changed::expiry-warning-days",
                                 G_CALLBACK (schedule_check), self, G_CONNECT_SWAPPED);
}

PkioOrderNotifier *
pkio_order_notifier_new (GApplication *application)
{
  PkioOrderNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  self = g_object_new (PKIO_TYPE_ORDER_NOTIFIER, NULL);
  self->application = application;
  return self;
}

void
pkio_order_notifier_set_workspace (PkioOrderNotifier *self,
                                   PkioWorkspace     *workspace)
{
  g_return_if_fail (PKIO_IS_ORDER_NOTIFIER (self));

  g_return_if_fail (workspace == NULL || PKIO_IS_WORKSPACE (workspace));

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->workspace);
  if (workspace != NULL)
    {
      self->workspace = g_object_ref (workspace);
      self->store = g_object_ref (pkio_workspace_get_store (workspace));
      g_object_get (workspace, "settings", &self->settings, NULL);
    }
  g_signal_group_set_target (self->store_signals, self->store);
  g_signal_group_set_target (self->settings_signals, self->settings);
  if (workspace != NULL)
    schedule_check (self);
}

void
pkio_order_notifier_set_sender (PkioOrderNotifier      *self,
                                PkioNotificationSender  sender,
                                gpointer                user_data)
{
  g_return_if_fail (PKIO_IS_ORDER_NOTIFIER (self));

  self->sender = sender != NULL ? sender : send_with_gapplication;
  self->sender_data = user_data;
}
