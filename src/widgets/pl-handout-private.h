/* pl-handout-private.h — what the parts of the printed handout share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pl-handout.c is the print operation: the text, its pagination and the
 * pages. pl-handout-timeline.c draws the strip of the timeline on its
 * first page. pl-handout-filter.c puts the filter into words.
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"
#include "model/pl-store.h"

G_BEGIN_DECLS

/* "Themes: Energy and nuclear · Search: “Bushehr”", or NULL when the
 * filter restricts nothing. */
char       *pl_handout_describe_filter (PlFilter *filter,
                                        PlStore  *store);
/* "Reported", as the sidebar and the details say it. */

/* All sizes are in points, the unit the handout prints in. */

typedef struct _PlHandoutTimeline PlHandoutTimeline;

/* Lays out @events (PlEvent, chronological) across @width; text is
 * measured with @pango, which must be the print context's. Event n of
 * the array is labelled n + 1, as in the handout's list. */
PlHandoutTimeline *pl_handout_timeline_new        (PlStore           *store,
                                                   GPtrArray         *events,
                                                   PangoContext      *pango,
                                                   double             width);
double             pl_handout_timeline_get_height (PlHandoutTimeline *self);
/* Draws with the top left corner at the current origin of @cr. */
void               pl_handout_timeline_draw       (PlHandoutTimeline *self,
                                                   cairo_t           *cr);
void               pl_handout_timeline_free       (PlHandoutTimeline *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlHandoutTimeline, pl_handout_timeline_free)

G_END_DECLS
