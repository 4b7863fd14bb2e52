/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-accessible.h"
#include "pkio-money.h"
#include "pkio-order-view-private.h"

G_DEFINE_FINAL_TYPE (PkioOrderView, pkio_order_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- pages and actions ---- */

PkioOrderReview *
_pkio_order_view_ensure_review (PkioOrderView *self)
{
  if (self->review == NULL)
    {
      self->review = pkio_order_review_new ();
      adw_bin_set_child (self->review_slot, GTK_WIDGET (self->review));
      g_signal_connect_object (self->review, "notify::place-confirmed",
                               G_CALLBACK (_pkio_order_view_update_actions), self,
                               G_CONNECT_SWAPPED);
    }
  return self->review;
}

PkioOrderOutcome *
_pkio_order_view_ensure_outcome (PkioOrderView *self)
{
  if (self->outcome == NULL)
    {
      self->outcome = pkio_order_outcome_new ();
      adw_bin_set_child (self->outcome_slot, GTK_WIDGET (self->outcome));
    }
  return self->outcome;
}

void
_pkio_order_view_show_page (PkioOrderView *self,
                            const char    *name)
{
  gtk_stack_set_visible_child_name (self->pages, name);
  _pkio_order_view_update_actions (self);
}

void
_pkio_order_view_update_actions (PkioOrderView *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);
  gboolean busy = self->sending || self->checking;
  gboolean on_form = g_strcmp0 (page, "form") == 0;
  gboolean on_review = g_strcmp0 (page, "review") == 0;
  gboolean placed = g_strcmp0 (page, "outcome") == 0 && self->order_id > 0;
  /* CertCentral no longer accepts the key: the review says so, and nothing is sent. */
  gboolean key_rejected = self->workspace != NULL
                          && pkio_workspace_get_key_rejected (self->workspace);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "order.review", on_form && !busy);
  /* Not with a key CertCentral no longer accepts (issue 21), not before CertCentral said
   * whether the holder already has one, nor against a finding the person has not confirmed
   * (issue 20). */
  gtk_widget_action_set_enabled (widget, "order.place",
                                 on_review && !busy && !key_rejected && !self->duplicate_checking
                                 && (self->review == NULL
                                     || pkio_order_review_get_place_confirmed (self->review)));
  gtk_widget_action_set_enabled (widget, "order.back", on_review && !busy);
  gtk_widget_action_set_enabled (widget, "order.new", !busy);
  gtk_widget_action_set_enabled (widget, "order.again", placed && self->placed_order != NULL);
  gtk_widget_action_set_enabled (widget, "order.copy-order-id", placed);
  gtk_widget_action_set_enabled (widget, "order.copy-certificate-id",
                                 placed && self->certificate_id > 0);
  gtk_widget_action_set_enabled (widget, "order.check-again",
                                 !busy && self->unknown_record != NULL);
  gtk_widget_action_set_enabled (widget, "order.send-again",
                                 !busy && self->unknown_record != NULL && self->send_again_allowed);
  /* The form follows "busy" (_pkio_order_view_ensure_form ()). */
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

void
_pkio_order_view_toast (PkioOrderView *self,
                        const char    *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

/* The last placed or unknown order is History's now: the view starts over. */
void
_pkio_order_view_forget_outcome (PkioOrderView *self)
{
  g_clear_object (&self->unknown_record);
  self->send_again_allowed = FALSE;
  self->order_id = 0;
  self->certificate_id = 0;
}

void
_pkio_order_view_scroll_to_top (PkioOrderView *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->form_scroller), 0);
}

/* ---- what the account offers ---- */

/* One of the reads the view asks for came back. NULL when it was cancelled: a view disposed
 * meanwhile cancelled it, and is not touched. Else the view, with one ask fewer in flight;
 * when the read failed, the debug log says that @what is not available, and why. */
static PkioOrderView *
view_for_answer (gpointer      user_data,
                 const GError *error,
                 const char   *what)
{
  PkioOrderView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  self->asks_in_flight--;
  if (error != NULL)
    g_debug ("%s: not available (%s)", what, error->message);
  return self;
}

static void
product_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioProductInfo) info = pkio_workspace_get_product_finish (PKIO_WORKSPACE (source),
                                                                       result, &error);
  PkioOrderView *self = view_for_answer (user_data, error, "product information");

  /* Without an answer all of 1, 2 and 3 years stay offered; CertCentral checks anyway. */
  if (self != NULL && info != NULL)
    pkio_order_form_set_allowed_years (_pkio_order_view_ensure_form (self),
                                       info->allowed_validity_years);
}

static void
balance_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioBalance) balance = pkio_workspace_get_balance_finish (PKIO_WORKSPACE (source),
                                                                     result, &error);
  PkioOrderView *self = view_for_answer (user_data, error, "balance");

  if (self == NULL)
    return;
  g_clear_pointer (&self->balance_text, g_free);
  if (balance != NULL)
    self->balance_text = pkio_money_format (balance);
  pkio_order_form_set_balance_text (_pkio_order_view_ensure_form (self), self->balance_text);
}

void
_pkio_order_view_refresh_balance (PkioOrderView *self)
{
  if (self->workspace == NULL || pkio_workspace_get_client (self->workspace) == NULL)
    return;
  self->asks_in_flight++;
  pkio_workspace_get_balance_async (self->workspace, self->cancellable, balance_cb, self);
}

/* The form's section follows the workspace's "custom-fields"; this only asks for them. */
static void
custom_fields_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = pkio_workspace_get_custom_fields_finish (PKIO_WORKSPACE (source),
                                                                         result, &error);

  /* Without the list the form asks for no field of the account's own; CertCentral checks
   * them anyway, and its refusal is shown. */
  view_for_answer (user_data, error, "the account's own order fields");
}

static void
key_rejected_changed_cb (PkioOrderView *self)
{
  if (self->review != NULL)
    pkio_order_review_set_key_rejected (self->review,
                                        pkio_workspace_get_key_rejected (self->workspace));
  _pkio_order_view_update_actions (self);
}

static void
client_changed_cb (PkioOrderView *self)
{
  if (pkio_workspace_get_client (self->workspace) == NULL)
    return;
  self->asks_in_flight++;
  pkio_workspace_get_product_async (self->workspace, self->cancellable, product_cb, self);
  self->asks_in_flight++;
  pkio_workspace_get_custom_fields_async (self->workspace, self->cancellable, custom_fields_cb,
                                          self);
  _pkio_order_view_refresh_balance (self);
}

static void
workspace_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A history that cannot be opened is the history view's to explain; sending says it too. */
  if (!pkio_workspace_load_finish (PKIO_WORKSPACE (source), result, &error))
    g_debug ("workspace not loaded: %s", error->message);
}

/* After the first frame: the draft, and what the account offers. */
static gboolean
start_idle_cb (gpointer user_data)
{
  PkioOrderView *self = user_data;

  self->start_idle = 0;
  if (self->started || self->workspace == NULL)
    return G_SOURCE_REMOVE;
  self->started = TRUE;
  _pkio_order_view_restore_draft (self);
  g_signal_group_set_target (self->workspace_signals, self->workspace);
  pkio_workspace_load_async (self->workspace, self->cancellable, workspace_loaded_cb, NULL);
  if (pkio_workspace_get_client (self->workspace) != NULL)
    client_changed_cb (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_start (PkioOrderView *self)
{
  if (self->started || self->start_idle != 0 || self->workspace == NULL || self->form == NULL)
    return;
  self->start_idle = g_idle_add_full (G_PRIORITY_LOW, start_idle_cb, self, NULL);
}

PkioOrderForm *
_pkio_order_view_ensure_form (PkioOrderView *self)
{
  g_autoptr(PkioOrder) blank = NULL;

  if (self->form != NULL)
    return self->form;
  g_clear_handle_id (&self->form_idle, g_source_remove);
  self->form = pkio_order_form_new ();
  /* Built after the window's first frame, when AT-SPI may already read the window. */
  pkio_accessible_prepare (GTK_WIDGET (self->form));
  adw_bin_set_child (self->form_slot, GTK_WIDGET (self->form));
  gtk_widget_set_visible (self->heading, TRUE);
  /* Nothing can be changed while the order is on its way or its outcome is checked. */
  g_object_bind_property (self, "busy", self->form, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  blank = pkio_order_form_dup_draft (self->form);
  self->blank_draft = pkio_order_draft_serialize (blank);
  g_signal_connect_object (self->form, "changed", G_CALLBACK (_pkio_order_view_form_changed),
                           self, G_CONNECT_SWAPPED);
  /* The account's own order fields: one more section, its rows known only at run time. */
  self->custom_section = pkio_custom_fields_section_new ();
  pkio_order_form_add_section (self->form, PKIO_ORDER_SECTION (self->custom_section));
  if (self->workspace != NULL)
    {
      pkio_order_form_set_store (self->form, pkio_workspace_get_store (self->workspace));
      pkio_custom_fields_section_set_workspace (self->custom_section, self->workspace);
    }
  pkio_order_form_set_balance_text (self->form, self->balance_text);
  _pkio_order_view_update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_start (self);
  return self->form;
}

static gboolean build_form_idle_cb (gpointer user_data);

/* The account's state is known: the form follows unless the welcome page stands in for the
 * views (still mapped while the window cross-fades to it). Then it waits until this view is
 * shown again (mapped_cb ()). */
static void
form_state_known_cb (PkioOrderView *self)
{
  if (pkio_workspace_get_state (self->workspace) == PKIO_WORKSPACE_STATE_LOADING)
    return;
  g_signal_handlers_disconnect_by_func (self->workspace, form_state_known_cb, self);
  if (self->form == NULL && self->form_idle == 0 && gtk_widget_get_mapped (GTK_WIDGET (self))
      && !pkio_workspace_get_needs_key (self->workspace))
    self->form_idle = g_idle_add_full (G_PRIORITY_DEFAULT, build_form_idle_cb, self, NULL);
}

/* Not before the account's state is known: in a first start (no key) the welcome page stands
 * in for the views, and a form built behind it (6-10 MiB, README, Performance) would wait
 * there unseen. Once the view is shown (mapped_cb ()), it follows on the next frame. */
static gboolean
build_form_idle_cb (gpointer user_data)
{
  PkioOrderView *self = user_data;

  self->form_idle = 0;
  if (self->workspace != NULL
      && pkio_workspace_get_state (self->workspace) == PKIO_WORKSPACE_STATE_LOADING)
    {
      g_signal_handlers_disconnect_by_func (self->workspace, form_state_known_cb, self);
      g_signal_connect_object (self->workspace, "notify::state",
                               G_CALLBACK (form_state_known_cb), self, G_CONNECT_SWAPPED);
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self))
      && (self->workspace == NULL || !pkio_workspace_get_needs_key (self->workspace)))
    _pkio_order_view_ensure_form (self);
  return G_SOURCE_REMOVE;
}

/* The window's first frame shows none of the page: a form of boxed lists is what would make
 * the start slow, drawn in software, and the heading and introduction alone cost a second font,
 * large glyphs and their shaders (README, Performance). They follow with the form. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        PkioOrderView *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  if (self->form == NULL && self->form_idle == 0)
    self->form_idle = g_idle_add_full (G_PRIORITY_DEFAULT, build_form_idle_cb, self, NULL);
}

static void
mapped_cb (PkioOrderView *self)
{
  if (self->form != NULL)
    {
      schedule_start (self);
      return;
    }
  if (self->form_idle != 0)
    return;
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                        first_frame_painted_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), self, 0);
}

/* ---- GObject ---- */

static void
pkio_order_view_dispose (GObject *object)
{
  PkioOrderView *self = PKIO_ORDER_VIEW (object);

  _pkio_order_view_flush_draft (self);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  g_clear_handle_id (&self->start_idle, g_source_remove);
  g_clear_handle_id (&self->form_idle, g_source_remove);
  g_clear_handle_id (&self->recheck_timeout, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  _pkio_order_view_cancel_duplicate (self);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->workspace);
  g_clear_object (&self->draft);
  g_clear_object (&self->unknown_record);
  g_clear_pointer (&self->placed_order, pkio_order_free);
  /* AdwBin unparents its child itself: gtk_widget_dispose_template () would do it twice. */

  G_OBJECT_CLASS (pkio_order_view_parent_class)->dispose (object);
}

static void
pkio_order_view_finalize (GObject *object)
{
  PkioOrderView *self = PKIO_ORDER_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->balance_text);
  g_free (self->blank_draft);

  G_OBJECT_CLASS (pkio_order_view_parent_class)->finalize (object);
}

static void
pkio_order_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PkioOrderView *self = PKIO_ORDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_order_view_class_init (PkioOrderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_order_view_dispose;
  object_class->finalize = pkio_order_view_finalize;
  object_class->get_property = pkio_order_view_get_property;

  /* An order is being sent, or its outcome checked (pkio_order_view_is_busy ()). */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/order/pkio-order-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioOrderView, pages);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderView, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderView, heading);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderView, form_slot);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderView, review_slot);
  gtk_widget_class_bind_template_child (widget_class, PkioOrderView, outcome_slot);

  _pkio_order_view_class_add_actions (widget_class);
}

static void
pkio_order_view_init (PkioOrderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* The workspace's client, once the view has started (start_idle_cb ()). */
  self->workspace_signals = g_signal_group_new (PKIO_TYPE_WORKSPACE);
  g_signal_group_connect_object (self->workspace_signals, "notify::client",
                                 G_CALLBACK (client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  _pkio_order_view_update_actions (self);
}

PkioOrderView *
pkio_order_view_new (void)
{
  return g_object_new (PKIO_TYPE_ORDER_VIEW, NULL);
}

void
pkio_order_view_set_workspace (PkioOrderView *self,
                               PkioWorkspace *workspace)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PKIO_IS_ORDER_VIEW (self));
  g_return_if_fail (PKIO_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    {
      /* Another account (practice mode started or left): what was typed for this one stays
       * its draft, and the form starts over with the other one's. An order being sent keeps
       * going: its outcome is recorded in the history it was sent from. */
      _pkio_order_view_flush_draft (self);
      g_signal_group_set_target (self->workspace_signals, NULL);
      g_signal_handlers_disconnect_by_func (self->workspace, key_rejected_changed_cb, self);
      /* A form waiting for this account's state waits for the other one's instead. */
      if (g_signal_handlers_disconnect_by_func (self->workspace, form_state_known_cb, self) > 0)
        self->form_idle = g_idle_add_full (G_PRIORITY_DEFAULT, build_form_idle_cb, self, NULL);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->asks_in_flight = 0;
      g_clear_handle_id (&self->start_idle, g_source_remove);
      g_clear_handle_id (&self->recheck_timeout, g_source_remove);
      g_clear_object (&self->workspace);
      g_clear_object (&self->draft);
      g_clear_object (&self->unknown_record);
      g_clear_pointer (&self->placed_order, pkio_order_free);
      self->started = FALSE;
      self->typed = FALSE;
      self->checking = FALSE;
      self->look_again = FALSE;
      self->send_again_allowed = FALSE;
      if (self->form != NULL)
        pkio_order_form_reset (self->form);
      _pkio_order_view_show_page (self, "form");
    }

  self->workspace = g_object_ref (workspace);
  g_signal_connect_object (workspace, "notify::key-rejected",
                           G_CALLBACK (key_rejected_changed_cb), self, G_CONNECT_SWAPPED);
  key_rejected_changed_cb (self);
  path = pkio_order_draft_path_for (pkio_workspace_get_practice (workspace));
  self->draft = pkio_order_draft_new (path);
  if (self->form != NULL)
    {
      pkio_order_form_set_store (self->form, pkio_workspace_get_store (workspace));
      pkio_custom_fields_section_set_workspace (self->custom_section, workspace);
    }
  schedule_start (self);
}

PkioWorkspace *
pkio_order_view_get_workspace (PkioOrderView *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_VIEW (self), NULL);
  return self->workspace;
}

PkioOrderForm *
pkio_order_view_get_form (PkioOrderView *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_VIEW (self), NULL);
  return _pkio_order_view_ensure_form (self);
}

const char *
pkio_order_view_get_page (PkioOrderView *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pages);
}

gboolean
pkio_order_view_is_busy (PkioOrderView *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_VIEW (self), FALSE);
  return self->sending || self->checking;
}

gboolean
pkio_order_view_is_settled (PkioOrderView *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_VIEW (self), FALSE);
  return self->started && self->asks_in_flight == 0;
}

gboolean
pkio_order_view_draft_is_saved (PkioOrderView *self)
{
  g_return_val_if_fail (PKIO_IS_ORDER_VIEW (self), FALSE);
  return self->draft_timeout == 0 && self->saves_in_flight == 0;
}
