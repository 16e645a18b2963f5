/* pl-presentation.h — the fullscreen presentation of events or of a tour
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-notebook.h"
#include "model/pl-store.h"
#include "pl-slide-view.h"

G_BEGIN_DECLS

#define PL_TYPE_PRESENTATION (pl_presentation_get_type ())
G_DECLARE_FINAL_TYPE (PlPresentation, pl_presentation, PL, PRESENTATION, GtkWindow)

/* A presentation of @tour, or without one of @events in their order, over
 * @parent. Escape closes it after emitting "finished" with the event on
 * screen (NULL on the opening slide). */
PlPresentation *pl_presentation_new            (GtkWindow      *parent,
                                                PlStore        *store,
                                                GListModel     *events,
                                                PlTour         *tour,
                                                PlNotebook     *notebook);
PlSlideView    *pl_presentation_get_slide_view (PlPresentation *self);

G_END_DECLS
