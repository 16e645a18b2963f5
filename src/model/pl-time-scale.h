/* pl-time-scale.h — timeline maths: view mapping, calendar ticks, label rows, clusters
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain functions on small structs, with no GTK, so that everything the
 * timeline widget computes per frame is unit-tested without a display.
 *
 * Time is a double "day" on the scale of pl_date_get_span() and
 * g_date_get_julian(): 0001-01-01 is day 1, and day d covers [d, d + 1),
 * so a fractional part is a time within the day.  There are no time zones
 * anywhere: a calendar boundary is always an integer day.
 *
 * Right-to-left: every x here is a logical position, growing with time.
 * Time flows in the reading direction, so for right-to-left readers the
 * widget draws the past on the right, as GNOME Calendar's week view does.
 * It does so by passing each logical x (a point, or a box's right edge)
 * through pl_time_scale_mirror_x() when drawing and each pointer x through
 * it when hit-testing, and by negating drag deltas before
 * pl_time_scale_pan().  Keeping the maths in one direction means ticks,
 * label rows and clusters behave identically in both.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits of pl_time_scale_zoom() and pl_time_scale_fit(): at least two
 * days across the whole width so a day stays a readable unit, and at most
 * 5,000 years, which covers any dataset between years 1 and 9999 with room
 * for context while keeping tick and cluster work bounded. */
#define PL_TIME_SCALE_MIN_SPAN 2.0
#define PL_TIME_SCALE_MAX_SPAN (5000 * 365.2425)

/* Beyond this many days from day 0 (about 2.7 million years) the calendar
 * is not computed, so a runaway pan cannot overflow integer arithmetic. */
#define PL_TIME_SCALE_DAY_LIMIT 1e9

/* The most ticks one call produces; a step too fine for the view yields
 * none rather than an unbounded array. */
#define PL_TIME_SCALE_MAX_TICKS 100000

/* The visible days [start_day, end_day) mapped to pixels [0, width).
 * A plain value: copy it by assignment. */
typedef struct
{
  double start_day;
  double end_day;
  double width;
} PlTimeScale;

gboolean  pl_time_scale_is_valid        (const PlTimeScale *scale);
double    pl_time_scale_days_per_pixel  (const PlTimeScale *scale);
double    pl_time_scale_day_to_x        (const PlTimeScale *scale,
                                         double             day);
double    pl_time_scale_x_to_day        (const PlTimeScale *scale,
                                         double             x);
double    pl_time_scale_mirror_x        (const PlTimeScale *scale,
                                         double             x);
gboolean  pl_time_scale_zoom            (PlTimeScale       *scale,
                                         double             factor,
                                         double             anchor_x);
void      pl_time_scale_pan             (PlTimeScale       *scale,
                                         double             dx_pixels);
void      pl_time_scale_fit             (PlTimeScale       *scale,
                                         double             first_day,
                                         double             last_day,
                                         double             margin_fraction);
gboolean  pl_time_scale_clamp_to        (PlTimeScale       *scale,
                                         double             min_day,
                                         double             max_day);
char     *pl_time_scale_format_range    (const PlTimeScale *scale) G_GNUC_WARN_UNUSED_RESULT;

/* Proleptic Gregorian calendar with astronomical years (year 0 is 1 BC),
 * exact over the whole gint64 range the view allows. */
gint64    pl_time_scale_day_from_civil  (int                year,
                                         int                month,
                                         int                day_of_month);
void      pl_time_scale_civil_from_day  (gint64             day,
                                         int               *year,
                                         int               *month,
                                         int               *day_of_month);

/* Ordered from finest to coarsest, so units compare with < and >. */
typedef enum
{
  PL_TICK_UNIT_DAY,
  PL_TICK_UNIT_MONTH,
  PL_TICK_UNIT_YEAR,
} PlTickUnit;

/* A tick every @count units, e.g. { PL_TICK_UNIT_YEAR, 50 }. */
typedef struct
{
  PlTickUnit unit;
  guint      count;
} PlTickStep;

/* One calendar boundary in the view.  @unit is the unit of the step that
 * produced it; @major marks the next coarser boundary (a month's first day
 * for day steps, 1 January for month steps, a round decade, century or
 * millennium for year steps) so the widget can draw a second label row or
 * a stronger grid line. */
typedef struct
{
  double     day;
  double     x;
  int        year;
  int        month;
  int        day_of_month;
  PlTickUnit unit;
  gboolean   major;
} PlTick;

void      pl_time_scale_choose_step       (const PlTimeScale *scale,
                                           double             min_spacing_px,
                                           PlTickStep        *out_step);
gboolean  pl_time_scale_get_ticks_for_step (const PlTimeScale *scale,
                                            const PlTickStep  *step,
                                            GArray            *out_ticks);
void      pl_time_scale_get_ticks         (const PlTimeScale *scale,
                                           double             min_spacing_px,
                                           PlTickStep        *out_step,
                                           GArray            *out_ticks);
char     *pl_tick_format                  (const PlTick      *tick,
                                           PlTickUnit         unit) G_GNUC_WARN_UNUSED_RESULT;
char     *pl_tick_format_major            (const PlTick      *tick,
                                           PlTickUnit         step_unit) G_GNUC_WARN_UNUSED_RESULT;

/* A label's horizontal extent [x, x + width) in logical pixels.  Inputs
 * are x, width and priority; pl_label_layout() sets row and visible. */
typedef struct
{
  double   x;
  double   width;
  int      priority;
  int      row;
  gboolean visible;
} PlLabelBox;

void      pl_label_layout                 (PlLabelBox        *boxes,
                                           guint              n,
                                           guint              max_rows,
                                           double             gap);

/* Events first .. first + count - 1 of the sorted array; count 1 is a
 * single event.  x_start and x_end are the first and last event's x. */
typedef struct
{
  guint  first;
  guint  count;
  double x_start;
  double x_end;
} PlCluster;

guint     pl_time_scale_lower_bound       (const double      *days,
                                           guint              n,
                                           double             day);
void      pl_cluster_events               (const double      *days,
                                           guint              n,
                                           const PlTimeScale *scale,
                                           double             min_gap_px,
                                           GArray            *out_clusters);
/* The same, but a cluster reaches at most @max_width_px from its first
 * event; the next event starts a new one. Dense stretches then show as a
 * row of clusters with their counts, a density, instead of one cluster
 * for everything that chains together. */
void      pl_cluster_events_bounded       (const double      *days,
                                           guint              n,
                                           const PlTimeScale *scale,
                                           double             min_gap_px,
                                           double             max_width_px,
                                           GArray            *out_clusters);

G_END_DECLS
