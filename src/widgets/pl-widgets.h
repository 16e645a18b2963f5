/* pl-widgets.h — small building blocks the views share: plain labels, headings, links
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *pl_plain_label  (const char *text,
                            const char *css_class);
GtkWidget *pl_row_label    (const char *text,
                            const char *css_class);
GtkWidget *pl_heading      (const char *text);
GtkWidget *pl_link_button  (const char *text,
                            const char *action,
                            const char *id);

G_END_DECLS
