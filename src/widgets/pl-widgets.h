/* pl-widgets.h — small building blocks the views share: plain labels, headings, links
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"

G_BEGIN_DECLS

PangoWrapMode pl_wrap_mode_for (const char *text);
GtkWidget *pl_plain_label  (const char *text,
                            const char *css_class);
GtkWidget *pl_long_text    (const char *text,
                            const char *css_class);
GtkWidget *pl_row_label    (const char *text,
                            const char *css_class);
GtkWidget *pl_heading      (const char *text);
void       pl_release_focus_within (GtkWidget *scrolled);
GtkWidget *pl_link_button  (const char *text,
                            const char *action,
                            const char *id);

GtkWidget *pl_event_link   (PlEvent    *event);

typedef GtkWidget *(*PlItemWidgetFunc) (gpointer item,
                                        gpointer user_data);
GtkWidget *pl_event_link_item (gpointer event,
                               gpointer unused);
void       pl_name_cell_by_child (GtkListItem *item);
GtkWidget *pl_paged_list   (GListModel       *items,
                            guint             page_size,
                            const char       *more_label,
                            PlItemWidgetFunc  make,
                            gpointer          user_data,
                            GDestroyNotify    destroy);

gboolean    pl_uri_is_web       (const char *uri);

const char *pl_facet_title      (PlFacet     facet);
const char *pl_event_kind_label (int         kind);
const char *pl_certainty_label  (int         certainty);

G_END_DECLS
