/* pl-chronicle.h — the events as a list grouped by year, for reading and screen readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-notebook.h"
#include "model/pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_CHRONICLE (pl_chronicle_get_type ())
G_DECLARE_FINAL_TYPE (PlChronicle, pl_chronicle, PL, CHRONICLE, GtkWidget)

void        pl_chronicle_set_store    (PlChronicle *self,
                                       PlStore     *store);
void        pl_chronicle_set_events   (PlChronicle *self,
                                       GListModel  *events);
void        pl_chronicle_set_selected (PlChronicle *self,
                                       PlEvent     *event);
void        pl_chronicle_set_notebook (PlChronicle *self,
                                       PlNotebook  *notebook);
GListModel *pl_chronicle_get_rows     (PlChronicle *self);

G_END_DECLS
