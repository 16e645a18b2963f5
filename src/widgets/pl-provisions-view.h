/* pl-provisions-view.h — treaties' provisions by area, one provision's page, and the comparison matrix
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"
#include "model/pl-user-db.h"

G_BEGIN_DECLS

#define PL_TYPE_PROVISIONS_VIEW (pl_provisions_view_get_type ())
G_DECLARE_FINAL_TYPE (PlProvisionsView, pl_provisions_view, PL, PROVISIONS_VIEW, GtkWidget)

void         pl_provisions_view_set_filter     (PlProvisionsView *self,
                                                PlFilter         *filter);
void         pl_provisions_view_show_provision (PlProvisionsView *self,
                                                PlProvision      *provision);
void         pl_provisions_view_show_list      (PlProvisionsView *self);
void         pl_provisions_view_show_matrix    (PlProvisionsView *self);
PlProvision *pl_provisions_view_get_provision  (PlProvisionsView *self);


G_END_DECLS
