/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pkio-accessible-announce.h"

/* GTK 4.8 cannot announce (gtk_accessible_announce () came with GTK 4.14). A label whose text
 * changes is read by Orca 43 only when the focus reaches it, and an alert that shows is not
 * said either: GTK 4.8 tells AT-SPI that a window shows, but of a widget inside only that its
 * parent's children changed, which Orca 43 passes over. What Orca 43 does say at once is a new
 * description of the object that has its focus. So the text is the focused widget's
 * description; it stays, and is read again with the widget (the progress as it was last). */
void
pkio_accessible_announce (GtkWidget  *focus,
                          const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (focus));
  g_return_if_fail (text != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}
