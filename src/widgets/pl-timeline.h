/* pl-timeline.h — the interactive timeline: lanes, eras, ticks, zoom and pan
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-store.h"
#include "model/pl-notebook.h"

G_BEGIN_DECLS

typedef enum
{
  PL_LANE_MODE_NONE,
  PL_LANE_MODE_THEME,
  PL_LANE_MODE_ACTOR,
} PlLaneMode;

#define PL_TYPE_LANE_MODE (pl_lane_mode_get_type ())
GType pl_lane_mode_get_type (void) G_GNUC_CONST;

#define PL_TYPE_TIMELINE (pl_timeline_get_type ())
G_DECLARE_FINAL_TYPE (PlTimeline, pl_timeline, PL, TIMELINE, GtkWidget)

void        pl_timeline_set_store          (PlTimeline *self,
                                            PlStore    *store);
void        pl_timeline_set_events         (PlTimeline *self,
                                            GListModel *events);
PlEvent    *pl_timeline_get_selected       (PlTimeline *self);
void        pl_timeline_set_selected       (PlTimeline *self,
                                            PlEvent    *event);
PlLaneMode  pl_timeline_get_lane_mode      (PlTimeline *self);
void        pl_timeline_set_lane_mode      (PlTimeline *self,
                                            PlLaneMode  mode);
void        pl_timeline_get_visible_range  (PlTimeline *self,
                                            double     *start_day,
                                            double     *end_day);
void        pl_timeline_set_visible_range  (PlTimeline *self,
                                            double      start_day,
                                            double      end_day);
void        pl_timeline_set_text_scale     (PlTimeline *self,
                                            double      scale);
double      pl_timeline_get_text_scale     (PlTimeline *self);
void        pl_timeline_set_notebook       (PlTimeline *self,
                                            PlNotebook *notebook);
char       *pl_timeline_describe_range     (PlTimeline *self);
guint       pl_timeline_get_n_lanes        (PlTimeline *self);
const char *pl_timeline_get_lane_title     (PlTimeline *self,
                                            guint       lane);

G_END_DECLS
