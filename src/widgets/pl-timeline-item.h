/* pl-timeline-item.h — one event or cluster drawn on the timeline, reachable by assistive technology
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-event.h"

G_BEGIN_DECLS

#define PL_TYPE_TIMELINE_ITEM (pl_timeline_item_get_type ())
G_DECLARE_FINAL_TYPE (PlTimelineItem, pl_timeline_item, PL, TIMELINE_ITEM, GtkWidget)

PlTimelineItem *pl_timeline_item_new           (void);
void            pl_timeline_item_set_event     (PlTimelineItem *self,
                                                PlEvent        *event);
void            pl_timeline_item_set_cluster   (PlTimelineItem *self,
                                                guint           count,
                                                double          first_day,
                                                double          last_day,
                                                const char     *description);
PlEvent        *pl_timeline_item_get_event     (PlTimelineItem *self);
guint           pl_timeline_item_get_count     (PlTimelineItem *self);
const char     *pl_timeline_item_get_description (PlTimelineItem *self);
void            pl_timeline_item_get_days      (PlTimelineItem *self,
                                                double         *first_day,
                                                double         *last_day);
void            pl_timeline_item_set_show_label (PlTimelineItem *self,
                                                 gboolean        show_label);
void            pl_timeline_item_set_selected  (PlTimelineItem *self,
                                                gboolean        selected);
void            pl_timeline_item_set_marks     (PlTimelineItem *self,
                                                gboolean        starred,
                                                const char     *highlight);
int             pl_timeline_item_get_label_width (PlTimelineItem *self);
int             pl_timeline_item_get_marker_width (PlTimelineItem *self);

G_END_DECLS
