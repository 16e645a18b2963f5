/* pl-filter-sidebar.h — search, dates and facets that filter every view
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"

G_BEGIN_DECLS

#define PL_TYPE_FILTER_SIDEBAR (pl_filter_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PlFilterSidebar, pl_filter_sidebar, PL, FILTER_SIDEBAR, GtkWidget)

void      pl_filter_sidebar_set_filter   (PlFilterSidebar *self,
                                          PlFilter        *filter);
PlFilter *pl_filter_sidebar_get_filter   (PlFilterSidebar *self);
void      pl_filter_sidebar_focus_search (PlFilterSidebar *self);

G_END_DECLS
