/* pl-slide-view.h — one slide of a presentation, drawn to be read from the back of a classroom
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-notebook.h"
#include "model/pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_SLIDE_VIEW (pl_slide_view_get_type ())
G_DECLARE_FINAL_TYPE (PlSlideView, pl_slide_view, PL, SLIDE_VIEW, GtkWidget)

GtkWidget  *pl_slide_view_new               (void);

/* The slides: an opening slide (the tour's title and introduction, or the
 * dataset's title), then one slide per event of @tour in the tour's order
 * or, without a tour, of @events in the order given. Starts on the
 * opening slide. */
void        pl_slide_view_set_slides        (PlSlideView *self,
                                             PlStore     *store,
                                             GListModel  *events,
                                             PlTour      *tour);
/* The reader's notes, shown as presenter notes when they are on. */
void        pl_slide_view_set_notebook      (PlSlideView *self,
                                             PlNotebook  *notebook);

/* Slide 0 is the opening slide; slide n is the n-th event. */
guint       pl_slide_view_get_n_slides      (PlSlideView *self);
guint       pl_slide_view_get_position      (PlSlideView *self);
void        pl_slide_view_set_position      (PlSlideView *self,
                                             guint        position);
/* The event on the current slide; NULL on the opening slide. */
PlEvent    *pl_slide_view_get_event         (PlSlideView *self);

gboolean    pl_slide_view_get_blank         (PlSlideView *self);
void        pl_slide_view_set_blank         (PlSlideView *self,
                                             gboolean     blank);
gboolean    pl_slide_view_get_show_notes    (PlSlideView *self);
void        pl_slide_view_set_show_notes    (PlSlideView *self,
                                             gboolean     show_notes);
/* The digits typed so far towards "number then Enter", or "". */
const char *pl_slide_view_get_pending_jump  (PlSlideView *self);

/* The height in pixels of the title as last drawn, and the size in pixels
 * its font was drawn at; 0 before the first drawing. */
int         pl_slide_view_get_title_height  (PlSlideView *self);
double      pl_slide_view_get_title_size    (PlSlideView *self);

G_END_DECLS
