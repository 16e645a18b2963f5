/* pl-timeline-private.h — what the parts of the timeline share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pl-timeline.c is the widget: state, input and the public API.
 * pl-timeline-layout.c builds lanes and places the items for a view.
 * pl-timeline-draw.c draws everything that is not an item.
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-time-scale.h"
#include "pl-timeline-item.h"
#include "pl-timeline.h"

G_BEGIN_DECLS

/* Sizes at the normal text size; the reader's text size (Preferences)
 * scales them with the text, so larger type never overflows its rows.
 * They need a "self" in scope. */
#define AXIS_HEIGHT      (44.0 * self->text_scale)
#define ERA_ROW_HEIGHT   (18.0 * self->text_scale)
#define ERA_ROWS         2
#define OVERVIEW_HEIGHT  36.0
#define LANE_TITLE       (18.0 * self->text_scale)
#define BAR_HEIGHT       6.0
#define ROW_HEIGHT       (26.0 * self->text_scale)
#define LABEL_ROWS       2
#define LANE_HEIGHT      (LANE_TITLE + BAR_HEIGHT + 4.0 + ROW_HEIGHT * (LABEL_ROWS + 1) + 6.0)
#define MIN_GAP          (26.0 * self->text_scale)
#define LABEL_GAP        (10.0 * self->text_scale)
#define TICK_SPACING     (90.0 * self->text_scale)
#define ZOOM_STEP        1.5

typedef struct
{
  char      *title;
  GArray    *days;      /* double: first day of each event, sorted */
  GPtrArray *events;    /* PlEvent, borrowed, in the same order */
  GPtrArray *long_events; /* events covering more than a few days: drawn as bars,
                           * sorted by first day like events */
  double     longest;   /* the most days one of long_events covers */
  double     last_long_first; /* the first day of the last long event added */
  gboolean   unsorted;  /* long_events came out of date order */

  /* How many bars cover each stretch of the dataset's span, per
   * certainty: a level of detail for views where a pixel holds several
   * stretches. Worked out when first drawn, dropped with the lane. */
  guint16   *coverage;  /* 4 × n_bins */
  guint      n_bins;
  double     bin_start;
  double     bin_days;
} Lane;

typedef enum
{
  NODE_AXIS,
  NODE_GRID,
  NODE_LANE,
  NODE_LANE_TITLE,
  NODE_OVERVIEW,
  NODE_OVERVIEW_WINDOW,
  NODE_DENSITY,
  NODE_SELECTION,
  NODE_BAR_CONFIRMED,
  NODE_BAR_REPORTED,
  NODE_BAR_PLANNED,
  NODE_BAR_DISPUTED,
  N_NODES
} Node;

/* From this many events in the store, lanes are made in a thread. */
#define LANES_IN_THREAD_FROM 200000

struct _PlTimeline
{
  GtkWidget     parent_instance;

  PlStore      *store;
  PlLaneMode    lane_mode;
  guint         n_parts;         /* the lanes are filled in; 0 to choose */
  guint         lanes_in_thread_from; /* events in the store from which lanes
                                  * are made in a thread; tests lower it */
  GCancellable *making_lanes;    /* the thread making lanes, or NULL */
  PlEvent      *selected;

  GPtrArray    *lanes;           /* Lane */
  GPtrArray    *spare_lanes;     /* Lane, shown before: their arrays are
                                  * used again for the next lanes */
  GPtrArray    *events;          /* every event, chronological, borrowed */
  GArray       *event_days;      /* double, first day of each event */
  GArray       *positions;       /* guint32, each event's position in the store */

  /* The store's events by their position in its list, as the store
   * keeps them in arrays (pl_store_peek_events), so following a filter
   * reads arrays, not the events; all borrowed from the store. */
  PlEvent * const *store_events;
  const float  *store_first;     /* first day each covers (whole days,
                                  * exact in a float) */
  const float  *store_end;       /* the day after the last */
  guint         n_store_events;
  double        first_day;       /* span of the dataset, eras included */
  double        last_day;
  GListModel   *events_model;
  PlNotebook   *notebook;
  double        text_scale;      /* the reader's text size, 1 for normal */
  GHashTable   *marks;           /* event id → PlTimelineMark, the reader's */    /* what to show; the store's events or a filter's */
  double        events_first_day; /* span of the events shown */
  double        events_last_day;

  PlTimeScale   scale;
  gboolean      fitted;
  double        v_offset;        /* lanes scrolled by this many pixels */

  GPtrArray    *items;           /* PlTimelineItem pool */
  guint         n_items_used;
  GtkWidget    *nodes[N_NODES];  /* style nodes, never shown */

  GArray       *overview_counts; /* guint per overview pixel column */
  guint         overview_max;
  int           overview_width;

  GHashTable   *layouts;         /* text → PangoLayout, for axis and titles */

  double        pointer_x;
  double        drag_start_day;
  double        drag_last_x;
  gboolean      drag_in_overview;
  gboolean      overview_selecting;  /* a drag on the overview picks dates */
  double        overview_from_x;
  double        overview_to_x;
  double        zoom_last_scale;
  guint         notify_idle;
  guint         relayout_tick;
  GArray       *placements;      /* Placement, for the items in use */
  int           laid_out_width;
  int           laid_out_height;
};

typedef struct
{
  PlTimelineItem *item;
  double          x;
  int             with_label;
  int             without_label;
  int             height;
} Placed;

/* What the reader marked on an event. */
typedef struct
{
  gboolean  starred;
  char     *highlight;
} PlTimelineMark;

/* Where an item in use goes; decided before the frame's layout phase. */
typedef struct
{
  PlTimelineItem *item;
  GtkAllocation   allocation;
} Placement;

static inline gboolean
is_rtl (PlTimeline *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

static inline double
day_to_x (PlTimeline *self,
          double      day)
{
  double x = pl_time_scale_day_to_x (&self->scale, day);

  return is_rtl (self) ? pl_time_scale_mirror_x (&self->scale, x) : x;
}

static inline double
lanes_top (PlTimeline *self)
{
  return AXIS_HEIGHT + ERA_ROW_HEIGHT * ERA_ROWS;
}

static inline double
lanes_bottom (PlTimeline *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) - OVERVIEW_HEIGHT;
}

static inline double
lanes_content_height (PlTimeline *self)
{
  return self->lanes->len * LANE_HEIGHT;
}

static inline void
clamp_v_offset (PlTimeline *self)
{
  double visible = lanes_bottom (self) - lanes_top (self);
  double max = MAX (0.0, lanes_content_height (self) - visible);

  self->v_offset = CLAMP (self->v_offset, 0.0, max);
}

static inline void
event_span (PlEvent *event,
            double  *first,
            double  *end)
{
  *first = event->first_day;
  *end = event->end_day;
}

/* pl-timeline-draw.c */
void  pl_timeline_init_style        (PlTimeline  *self);
void  pl_timeline_snapshot          (GtkWidget   *widget,
                                     GtkSnapshot *snapshot);

/* pl-timeline-layout.c */
void  pl_timeline_lane_free         (Lane        *lane);
void  pl_timeline_rebuild_lanes     (PlTimeline  *self);
void  pl_timeline_stop_making_lanes (PlTimeline  *self);
void  pl_timeline_rebuild_overview  (PlTimeline  *self,
                                     int          width);
void  pl_timeline_schedule_relayout (PlTimeline  *self);
/* Places the items now instead of at the next frame, for the benchmark,
 * which times whole frames without a frame clock. */
void  pl_timeline_relayout_now      (PlTimeline  *self);

G_END_DECLS
