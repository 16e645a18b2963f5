/* pl-notes-view.h — every note the reader wrote on this dataset, each leading to its item
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-store.h"
#include "model/pl-notebook.h"

G_BEGIN_DECLS

#define PL_TYPE_NOTES_VIEW (pl_notes_view_get_type ())
G_DECLARE_FINAL_TYPE (PlNotesView, pl_notes_view, PL, NOTES_VIEW, GtkWidget)

void  pl_notes_view_set_store   (PlNotesView *self,
                                 PlStore     *store,
                                 PlNotebook  *notebook);
void  pl_notes_view_reload      (PlNotesView *self);
guint pl_notes_view_get_n_notes (PlNotesView *self);

G_END_DECLS
