/* pl-detail-pane.h — the selected event: dates, text, links and its quotes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-store.h"
#include "model/pl-notebook.h"

G_BEGIN_DECLS

#define PL_TYPE_DETAIL_PANE (pl_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (PlDetailPane, pl_detail_pane, PL, DETAIL_PANE, GtkWidget)

void     pl_detail_pane_set_store (PlDetailPane *self,
                                   PlStore      *store);
void     pl_detail_pane_set_event (PlDetailPane *self,
                                   PlEvent      *event);
/* The reader's notes: the event's editor and the marks on its quotes. */
void     pl_detail_pane_set_notebook (PlDetailPane *self,
                                      PlNotebook   *notebook);
PlEvent *pl_detail_pane_get_event (PlDetailPane *self);


G_END_DECLS
