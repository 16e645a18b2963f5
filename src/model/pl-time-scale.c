/* pl-time-scale.c — timeline maths: view mapping, calendar ticks, label rows, clusters
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here runs once per frame on a view that may hold a million
 * events, so each result costs in proportion to what it returns (ticks,
 * clusters, labels), never to the span of time or the size of the dataset.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "pl-date.h"
#include "pl-time-scale.h"

/* ------------------------------------------------------------------ */
/* The view                                                           */
/* ------------------------------------------------------------------ */

/**
 * pl_time_scale_is_valid:
 * @scale: a view
 *
 * A view exists before the widget has a size, so every function below
 * accepts an invalid one and does nothing harmful with it.
 *
 * Returns: %TRUE if @scale has a positive width and a finite, non-empty
 *   span
 */
gboolean
pl_time_scale_is_valid (const PlTimeScale *scale)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  return isfinite (scale->start_day) && isfinite (scale->end_day)
         && scale->end_day > scale->start_day
         && isfinite (scale->width) && scale->width > 0;
}

/**
 * pl_time_scale_days_per_pixel:
 * @scale: a view
 *
 * Returns: the days one pixel covers, or 0 if @scale is not valid
 */
double
pl_time_scale_days_per_pixel (const PlTimeScale *scale)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (!pl_time_scale_is_valid (scale))
    return 0;
  return (scale->end_day - scale->start_day) / scale->width;
}

/**
 * pl_time_scale_day_to_x:
 * @scale: a view
 * @day: a day, possibly outside the view
 *
 * Returns: the logical x of @day; 0 if @scale is not valid
 */
double
pl_time_scale_day_to_x (const PlTimeScale *scale,
                        double             day)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (!pl_time_scale_is_valid (scale))
    return 0;
  return (day - scale->start_day) * scale->width
         / (scale->end_day - scale->start_day);
}

/**
 * pl_time_scale_x_to_day:
 * @scale: a view
 * @x: a logical x, possibly outside [0, width)
 *
 * Returns: the day at @x; the view's start if @scale is not valid
 */
double
pl_time_scale_x_to_day (const PlTimeScale *scale,
                        double             x)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (!pl_time_scale_is_valid (scale))
    return scale->start_day;
  return scale->start_day
         + x * (scale->end_day - scale->start_day) / scale->width;
}

/**
 * pl_time_scale_mirror_x:
 * @scale: a view
 * @x: a logical or a drawn x
 *
 * Converts between logical and drawn x for right-to-left text; applying it
 * twice gives @x back.  A box [x, x + w) is drawn at
 * [mirror (x + w), mirror (x)).  See the header for why the timeline
 * mirrors at all.
 *
 * Returns: @scale's width minus @x
 */
double
pl_time_scale_mirror_x (const PlTimeScale *scale,
                        double             x)
{
  g_return_val_if_fail (scale != NULL, x);

  return scale->width - x;
}

/**
 * pl_time_scale_zoom:
 * @scale: a view
 * @factor: magnification; above 1 zooms in, as GtkGestureZoom's scale does
 * @anchor_x: the logical x that must keep showing the same day, usually
 *   the pointer or the centre of a pinch
 *
 * The span is clamped to [%PL_TIME_SCALE_MIN_SPAN, %PL_TIME_SCALE_MAX_SPAN]
 * so a scroll wheel held down stops at a readable extreme instead of
 * producing a degenerate view.
 *
 * Returns: %TRUE if the view changed, so the widget knows to redraw
 */
gboolean
pl_time_scale_zoom (PlTimeScale *scale,
                    double       factor,
                    double       anchor_x)
{
  g_return_val_if_fail (scale != NULL, FALSE);
  g_return_val_if_fail (isfinite (factor) && factor > 0, FALSE);
  g_return_val_if_fail (isfinite (anchor_x), FALSE);

  if (!pl_time_scale_is_valid (scale))
    return FALSE;

  double span = scale->end_day - scale->start_day;
  double new_span = CLAMP (span / factor,
                           PL_TIME_SCALE_MIN_SPAN, PL_TIME_SCALE_MAX_SPAN);

  if (new_span == span)
    return FALSE;

  double anchor_day = pl_time_scale_x_to_day (scale, anchor_x);

  scale->start_day = anchor_day - anchor_x / scale->width * new_span;
  scale->end_day = scale->start_day + new_span;
  return TRUE;
}

/**
 * pl_time_scale_pan:
 * @scale: a view
 * @dx_pixels: how far the content follows the pointer; positive drags it
 *   to the right, revealing earlier days
 *
 * No limit is applied here; pl_time_scale_clamp_to() keeps a view near
 * its data when the widget wants that.
 */
void
pl_time_scale_pan (PlTimeScale *scale,
                   double       dx_pixels)
{
  g_return_if_fail (scale != NULL);
  g_return_if_fail (isfinite (dx_pixels));

  if (!pl_time_scale_is_valid (scale))
    return;

  double shift = dx_pixels * pl_time_scale_days_per_pixel (scale);

  scale->start_day -= shift;
  scale->end_day -= shift;
}

/**
 * pl_time_scale_fit:
 * @scale: a view; only its days change
 * @first_day: the first day to show in full
 * @last_day: the last day to show in full; the content ends at
 *   @last_day + 1 because a day covers [d, d + 1)
 * @margin_fraction: blank space on each side, as a fraction of the content
 *
 * Centres the view on the content.  A single day, or any content narrower
 * than %PL_TIME_SCALE_MIN_SPAN, is shown at the minimum span rather than
 * stretched to a meaningless zoom; content wider than
 * %PL_TIME_SCALE_MAX_SPAN shows its middle.
 */
void
pl_time_scale_fit (PlTimeScale *scale,
                   double       first_day,
                   double       last_day,
                   double       margin_fraction)
{
  g_return_if_fail (scale != NULL);
  g_return_if_fail (isfinite (first_day) && isfinite (last_day));

  if (first_day > last_day)
    {
      double t = first_day;

      first_day = last_day;
      last_day = t;
    }
  /* Written so that NaN also becomes 0. */
  if (!(margin_fraction > 0))
    margin_fraction = 0;

  double content = last_day + 1 - first_day;
  double span = CLAMP (content * (1 + 2 * margin_fraction),
                       PL_TIME_SCALE_MIN_SPAN, PL_TIME_SCALE_MAX_SPAN);
  double centre = first_day + content / 2;

  scale->start_day = centre - span / 2;
  scale->end_day = scale->start_day + span;
}

/**
 * pl_time_scale_clamp_to:
 * @scale: a view
 * @min_day: earliest day the view may show
 * @max_day: latest day the view may reach (its exclusive end)
 *
 * Shifts the view, never zooming it, so that it stays within
 * [@min_day, @max_day); a view wider than that range is centred on it, so
 * zooming out past the data keeps the data in the middle.
 *
 * Returns: %TRUE if the view moved
 */
gboolean
pl_time_scale_clamp_to (PlTimeScale *scale,
                        double       min_day,
                        double       max_day)
{
  g_return_val_if_fail (scale != NULL, FALSE);
  g_return_val_if_fail (isfinite (min_day) && isfinite (max_day), FALSE);
  g_return_val_if_fail (min_day < max_day, FALSE);

  if (!pl_time_scale_is_valid (scale))
    return FALSE;

  double span = scale->end_day - scale->start_day;
  double start = scale->start_day;

  if (span >= max_day - min_day)
    start = min_day + (max_day - min_day - span) / 2;
  else if (start < min_day)
    start = min_day;
  else if (scale->end_day > max_day)
    start = max_day - span;

  if (start == scale->start_day)
    return FALSE;

  scale->start_day = start;
  scale->end_day = start + span;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Calendar                                                           */
/* ------------------------------------------------------------------ */

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static inline gint64
floor_mod (gint64 a,
           gint64 b)
{
  return a - floor_div (a, b) * b;
}

/* Howard Hinnant's days_from_civil / civil_from_days: branch-light and
 * exact for negative years too, which a view may reach while panning.
 * They count from 0000-03-01 so the leap day ends each 400-year era;
 * that date is day -305 in our numbering, where 0001-01-01 is day 1. */
#define ERA_EPOCH_DAY G_GINT64_CONSTANT (-305)

/**
 * pl_time_scale_day_from_civil:
 * @year: astronomical year (0 is 1 BC)
 * @month: 1 to 12
 * @day_of_month: 1 to 31; not checked against the month, so day 0 or
 *   32 simply counts on from the month's start
 *
 * Returns: the day number, equal to g_date_get_julian() for years 1 to
 *   9999
 */
gint64
pl_time_scale_day_from_civil (int year,
                              int month,
                              int day_of_month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  gint64 y = (gint64) year - (month <= 2);
  gint64 era = floor_div (y, 400);
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5
               + day_of_month - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe + ERA_EPOCH_DAY;
}

/**
 * pl_time_scale_civil_from_day:
 * @day: a day number
 * @year: (out) (optional): astronomical year
 * @month: (out) (optional): 1 to 12
 * @day_of_month: (out) (optional): 1 to 31
 */
void
pl_time_scale_civil_from_day (gint64  day,
                              int    *year,
                              int    *month,
                              int    *day_of_month)
{
  gint64 z = day - ERA_EPOCH_DAY;
  gint64 era = floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  if (year != NULL)
    *year = (int) (yoe + era * 400 + (m <= 2));
  if (month != NULL)
    *month = m;
  if (day_of_month != NULL)
    *day_of_month = (int) (doy - (153 * mp + 2) / 5 + 1);
}

/* ------------------------------------------------------------------ */
/* Ticks                                                              */
/* ------------------------------------------------------------------ */

static gboolean
within_calendar_limit (const PlTimeScale *scale)
{
  return fabs (scale->start_day) <= PL_TIME_SCALE_DAY_LIMIT
         && fabs (scale->end_day) <= PL_TIME_SCALE_DAY_LIMIT;
}

/* A lower bound on the distance between two consecutive ticks of @step,
 * which is what spacing has to be judged on: months and years vary in
 * length and day ticks skip the end of a month (see emit_day_ticks()).
 * Any @count months hold at least 30 * count - 2 days, because only
 * February is shorter than 30 days and every full year adds 5 back. */
static double
step_min_gap_days (const PlTickStep *step)
{
  switch (step->unit)
    {
    case PL_TICK_UNIT_DAY:
      return step->count;
    case PL_TICK_UNIT_MONTH:
      return 30.0 * step->count - 2;
    case PL_TICK_UNIT_YEAR:
      return 365.0 * step->count;
    default:
      g_assert_not_reached ();
    }
}

/* Finest first.  Days stop at 14 and months at 6 because coarser steps
 * of those units would not fall on the boundaries people read (weeks of a
 * month, quarters, halves); beyond a year the familiar 1-2-5 series runs
 * as far as any view can need. */
static const PlTickStep fixed_ladder[] = {
  { PL_TICK_UNIT_DAY, 1 },
  { PL_TICK_UNIT_DAY, 2 },
  { PL_TICK_UNIT_DAY, 7 },
  { PL_TICK_UNIT_DAY, 14 },
  { PL_TICK_UNIT_MONTH, 1 },
  { PL_TICK_UNIT_MONTH, 3 },
  { PL_TICK_UNIT_MONTH, 6 },
};

/**
 * pl_time_scale_choose_step:
 * @scale: a view
 * @min_spacing_px: the least distance between ticks, typically the widest
 *   label plus a gap; values below 1 are read as 1, so there is never
 *   more than one tick per pixel
 * @out_step: (out): the finest step whose ticks are never closer than
 *   @min_spacing_px
 *
 * An invalid view gets the coarsest yearly step, which yields few ticks.
 */
void
pl_time_scale_choose_step (const PlTimeScale *scale,
                           double             min_spacing_px,
                           PlTickStep        *out_step)
{
  g_return_if_fail (scale != NULL);
  g_return_if_fail (out_step != NULL);

  double days_per_px = pl_time_scale_days_per_pixel (scale);
  /* Written so that NaN also becomes 1. */
  double min_gap_days = (min_spacing_px >= 1 ? min_spacing_px : 1)
                        * days_per_px;

  if (days_per_px > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fixed_ladder); i++)
        if (step_min_gap_days (&fixed_ladder[i]) >= min_gap_days)
          {
            *out_step = fixed_ladder[i];
            return;
          }
    }

  static const guint mantissas[] = { 1, 2, 5 };
  PlTickStep step = { PL_TICK_UNIT_YEAR, 1 };

  for (guint power = 1; power <= 100000000; power *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
      {
        step.count = mantissas[i] * power;
        if (days_per_px > 0 && step_min_gap_days (&step) >= min_gap_days)
          {
            *out_step = step;
            return;
          }
      }

  *out_step = step;
}

static inline void
append_tick (GArray            *out,
             const PlTimeScale *scale,
             gint64             day,
             int                year,
             int                month,
             int                day_of_month,
             PlTickUnit         unit,
             gboolean           major)
{
  PlTick tick = {
    .day = (double) day,
    .x = pl_time_scale_day_to_x (scale, (double) day),
    .year = year,
    .month = month,
    .day_of_month = day_of_month,
    .unit = unit,
    .major = major,
  };

  g_array_append_val (out, tick);
}

/* 1 January of years divisible by @count.  Majors are the round number of
 * the next power of ten (decades for 1, 2 and 5 years, and so on). */
static void
emit_year_ticks (const PlTimeScale *scale,
                 gint64             first,
                 guint              count,
                 GArray            *out)
{
  gint64 major_every = 10;
  int y0;

  while (major_every <= count)
    major_every *= 10;

  pl_time_scale_civil_from_day (first, &y0, NULL, NULL);
  for (gint64 year = floor_div (y0, count) * count;; year += count)
    {
      gint64 day = pl_time_scale_day_from_civil ((int) year, 1, 1);

      if (day < scale->start_day)
        continue;
      if (day >= scale->end_day)
        break;
      append_tick (out, scale, day, (int) year, 1, 1, PL_TICK_UNIT_YEAR,
                   floor_mod (year, major_every) == 0);
    }
}

/* The 1st of months whose index since year 0 is divisible by @count,
 * which for divisors of 12 means January, April, July and October for
 * quarters, and so on.  Majors are 1 January. */
static void
emit_month_ticks (const PlTimeScale *scale,
                  gint64             first,
                  guint              count,
                  GArray            *out)
{
  int y0, m0;

  pl_time_scale_civil_from_day (first, &y0, &m0, NULL);
  for (gint64 index = floor_div ((gint64) y0 * 12 + m0 - 1, count) * count;;
       index += count)
    {
      int year = (int) floor_div (index, 12);
      int month = (int) floor_mod (index, 12) + 1;
      gint64 day = pl_time_scale_day_from_civil (year, month, 1);

      if (day < scale->start_day)
        continue;
      if (day >= scale->end_day)
        break;
      append_tick (out, scale, day, year, month, 1, PL_TICK_UNIT_MONTH,
                   month == 1);
    }
}

/* Days 1, 1 + count, 1 + 2 count, ... of each month, restarting on every
 * 1st so that the labels read as the same days month after month.  A tick
 * is dropped when the next month starts fewer than @count days after it
 * (the 29th for weekly steps in February of a leap year, the 31st for
 * two-day steps), which keeps every gap at least @count days.  Majors are
 * the 1st of each month. */
static void
emit_day_ticks (const PlTimeScale *scale,
                gint64             first,
                guint              count,
                GArray            *out)
{
  int year, month, dom;

  pl_time_scale_civil_from_day (first, &year, &month, &dom);

  gint64 month_start = first - (dom - 1);
  int dim = pl_date_days_in_month (year, month);
  gint64 d = 1 + (gint64) ((dom - 1 + count - 1) / count) * count;

  for (;;)
    {
      if (d + count > dim + 1)
        {
          month_start += dim;
          if (++month > 12)
            {
              month = 1;
              year++;
            }
          dim = pl_date_days_in_month (year, month);
          d = 1;
        }

      gint64 day = month_start + d - 1;

      if (day >= scale->end_day)
        break;
      append_tick (out, scale, day, year, month, (int) d, PL_TICK_UNIT_DAY,
                   d == 1);
      d += count;
    }
}

/**
 * pl_time_scale_get_ticks_for_step:
 * @scale: a view
 * @step: the step; a day step must have a count of 1 to 28, so that every
 *   month gets its 1st
 * @out_ticks: (element-type PlTick): cleared, then filled with the ticks
 *   in [start_day, end_day), sorted by day
 *
 * Ticks fall on real calendar boundaries, computed with integer calendar
 * arithmetic so no floating-point drift accumulates across centuries; the
 * work done is proportional to the number of ticks.
 *
 * Returns: %FALSE, leaving @out_ticks empty, if @scale is not valid, lies
 *   beyond %PL_TIME_SCALE_DAY_LIMIT, or would need more than
 *   %PL_TIME_SCALE_MAX_TICKS ticks at this step
 */
gboolean
pl_time_scale_get_ticks_for_step (const PlTimeScale *scale,
                                  const PlTickStep  *step,
                                  GArray            *out_ticks)
{
  g_return_val_if_fail (scale != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (step->count >= 1, FALSE);
  g_return_val_if_fail (step->unit != PL_TICK_UNIT_DAY || step->count <= 28,
                        FALSE);
  g_return_val_if_fail (step->unit <= PL_TICK_UNIT_YEAR, FALSE);
  g_return_val_if_fail (out_ticks != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (out_ticks) == sizeof (PlTick),
                        FALSE);

  g_array_set_size (out_ticks, 0);

  if (!pl_time_scale_is_valid (scale) || !within_calendar_limit (scale))
    return FALSE;

  double span = scale->end_day - scale->start_day;

  if (span / step_min_gap_days (step) + 2 > PL_TIME_SCALE_MAX_TICKS)
    return FALSE;

  gint64 first = (gint64) ceil (scale->start_day);

  switch (step->unit)
    {
    case PL_TICK_UNIT_DAY:
      emit_day_ticks (scale, first, step->count, out_ticks);
      break;
    case PL_TICK_UNIT_MONTH:
      emit_month_ticks (scale, first, step->count, out_ticks);
      break;
    case PL_TICK_UNIT_YEAR:
      emit_year_ticks (scale, first, step->count, out_ticks);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/**
 * pl_time_scale_get_ticks:
 * @scale: a view
 * @min_spacing_px: see pl_time_scale_choose_step()
 * @out_step: (out) (optional): the step chosen
 * @out_ticks: (element-type PlTick): cleared, then filled with the ticks
 *
 * The usual per-frame call: pl_time_scale_choose_step() followed by
 * pl_time_scale_get_ticks_for_step().  Reusing @out_ticks across frames
 * avoids an allocation per frame.
 */
void
pl_time_scale_get_ticks (const PlTimeScale *scale,
                         double             min_spacing_px,
                         PlTickStep        *out_step,
                         GArray            *out_ticks)
{
  PlTickStep step;

  g_return_if_fail (scale != NULL);
  g_return_if_fail (out_ticks != NULL);

  pl_time_scale_choose_step (scale, min_spacing_px, &step);
  if (out_step != NULL)
    *out_step = step;
  pl_time_scale_get_ticks_for_step (scale, &step, out_ticks);
}

/* GDateTime, which knows the locale's month names, only covers years 1 to
 * 9999; outside them the caller falls back to plain numbers.  A calendar
 * date has no time zone, so it is built at UTC midnight where no zone can
 * shift its day. */
static char *
format_civil (int         year,
              int         month,
              int         day_of_month,
              const char *format)
{
  if (year < 1 || year > 9999)
    return NULL;

  g_autoptr (GDateTime) dt = g_date_time_new_utc (year, month, day_of_month,
                                                  0, 0, 0);

  return dt != NULL ? g_date_time_format (dt, format) : NULL;
}

static char *
format_year (int year)
{
  char *text;

  if (year < 1)
    /* Translators: a year before AD 1 on the timeline's axis, which
     * appears only when the view is scrolled past the data; %d counts
     * backwards, so "1 BC" is the year just before AD 1. */
    return g_strdup_printf (C_("timeline year", "%d BC"), 1 - year);

  /* Translators: a date given only as a year, in g_date_time_format()
   * syntax. */
  text = format_civil (year, 1, 1, C_("date format", "%Y"));
  return text != NULL ? text : g_strdup_printf ("%d", year);
}

/* Month and day names do not depend on the year, so a year GDateTime
 * cannot represent is replaced by 2000, a leap year in which every month
 * and day exist. */
static char *
format_month_or_day (const PlTick *tick,
                     const char   *format,
                     int           fallback)
{
  int year = tick->year >= 1 && tick->year <= 9999 ? tick->year : 2000;
  char *text = format_civil (year, tick->month, tick->day_of_month, format);

  /* A broken translation must not make a tick lose its label. */
  if (text == NULL)
    text = g_strdup_printf ("%d", fallback);
  return text;
}

static gboolean
tick_date_is_sane (const PlTick *tick)
{
  return tick->month >= 1 && tick->month <= 12
         && tick->day_of_month >= 1 && tick->day_of_month <= 31;
}

/**
 * pl_tick_format:
 * @tick: a tick
 * @unit: the precision to label at, usually @tick's own unit
 *
 * The label under a tick: "2020" for years (whatever the step, so
 * centuries and decades read as "1900" and "2020"), an abbreviated month
 * name such as "Mar" for months, and the day of the month such as "17" for
 * days.  The coarser context comes from pl_tick_format_major().
 *
 * Returns: (transfer full): a UTF-8 string
 */
char *
pl_tick_format (const PlTick *tick,
                PlTickUnit    unit)
{
  g_return_val_if_fail (tick != NULL, NULL);
  g_return_val_if_fail (tick_date_is_sane (tick), NULL);

  switch (unit)
    {
    case PL_TICK_UNIT_YEAR:
      return format_year (tick->year);
    case PL_TICK_UNIT_MONTH:
      /* Translators: a month under a tick of the timeline's axis, in
       * g_date_time_format() syntax, e.g. "Mar"; keep it short.  Use %Ob
       * instead of %b if your language needs the nominative form here. */
      return format_month_or_day (tick, C_("timeline tick", "%b"),
                                  tick->month);
    case PL_TICK_UNIT_DAY:
      /* Translators: a day of the month under a tick of the timeline's
       * axis, in g_date_time_format() syntax, e.g. "17"; "%O-d" writes
       * it in the locale's own digits.
       * xgettext:no-c-format */
      return format_month_or_day (tick, C_("timeline tick", "%-d"),
                                  tick->day_of_month);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pl_tick_format_major:
 * @tick: a tick, normally a major one
 * @step_unit: the unit of the step in use
 *
 * The label for the second row, which names the period the minor labels
 * belong to: "March 2025" above day ticks and "2025" above month ticks.
 * Year ticks need no second row since each already names its year.  The
 * widget may also call this on a tick it builds for the view's start, so
 * the period stays named when no major tick is visible.
 *
 * Returns: (transfer full) (nullable): a UTF-8 string, or %NULL for year
 *   steps
 */
char *
pl_tick_format_major (const PlTick *tick,
                      PlTickUnit    step_unit)
{
  g_return_val_if_fail (tick != NULL, NULL);
  g_return_val_if_fail (tick_date_is_sane (tick), NULL);

  switch (step_unit)
    {
    case PL_TICK_UNIT_DAY:
      {
        /* Translators: a date given only as a month and year, in
         * g_date_time_format() syntax, e.g. "January 2025".  Use %OB
         * instead of %B if your language needs the nominative month name
         * here. */
        char *text = format_civil (tick->year, tick->month, 1,
                                   C_("date format", "%B %Y"));

        if (text == NULL)
          {
            g_autofree char *month = NULL;
            g_autofree char *year = NULL;

            month = format_month_or_day (tick, "%B", tick->month);
            year = format_year (tick->year);

            /* Only reached for years GDateTime cannot hold, which no
             * dataset contains; a fixed order is good enough there. */
            text = g_strdup_printf ("%s %s", month, year);
          }
        return text;
      }
    case PL_TICK_UNIT_MONTH:
      return format_year (tick->year);
    case PL_TICK_UNIT_YEAR:
      return NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pl_time_scale_format_range:
 * @scale: a view
 *
 * Describes the visible window for assistive technologies, at a precision
 * that suits the zoom: "1900 to 2025", "March 2025 to June 2025" or
 * "3 March 2025 to 17 March 2025".  Both ends are days that are at least
 * partly visible.
 *
 * Returns: (transfer full) (nullable): a UTF-8 string, or %NULL if @scale
 *   is not valid
 */
char *
pl_time_scale_format_range (const PlTimeScale *scale)
{
  g_return_val_if_fail (scale != NULL, NULL);

  if (!pl_time_scale_is_valid (scale) || !within_calendar_limit (scale))
    return NULL;

  gint64 first_day = (gint64) floor (scale->start_day);
  gint64 last_day = MAX ((gint64) ceil (scale->end_day) - 1, first_day);
  double span = scale->end_day - scale->start_day;
  PlTick first = { 0 }, last = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  pl_time_scale_civil_from_day (first_day, &first.year, &first.month,
                                &first.day_of_month);
  pl_time_scale_civil_from_day (last_day, &last.year, &last.month,
                                &last.day_of_month);

  if (span >= 3 * 365)
    {
      from = format_year (first.year);
      to = format_year (last.year);
    }
  else if (span >= 60)
    {
      from = pl_tick_format_major (&first, PL_TICK_UNIT_DAY);
      to = pl_tick_format_major (&last, PL_TICK_UNIT_DAY);
    }
  else
    {
      /* Translators: a full date in g_date_time_format() syntax, e.g.
       * "17 January 2025". */
      const char *format = C_("date format", "%-d %B %Y");

      from = format_civil (first.year, first.month, first.day_of_month,
                           format);
      to = format_civil (last.year, last.month, last.day_of_month, format);
      if (from == NULL || to == NULL)
        {
          g_free (from);
          g_free (to);
          from = g_strdup_printf ("%d-%02d-%02d", first.year, first.month,
                                  first.day_of_month);
          to = g_strdup_printf ("%d-%02d-%02d", last.year, last.month,
                                last.day_of_month);
        }
    }

  /* Translators: the part of the timeline on screen, read by screen
   * readers; each %s is a year, a month or a date, e.g. "1900 to 2025" or
   * "3 March 2025 to 17 March 2025". */
  return g_strdup_printf (C_("timeline range", "%s to %s"), from, to);
}

/* ------------------------------------------------------------------ */
/* Label rows                                                         */
/* ------------------------------------------------------------------ */

/* Labels are ordered by x, then by index so that equal x still gives a
 * strict order a GTree can hold. */
static int
compare_box_position (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const PlLabelBox *boxes = user_data;
  guint ia = GPOINTER_TO_UINT (a);
  guint ib = GPOINTER_TO_UINT (b);

  if (boxes[ia].x != boxes[ib].x)
    return boxes[ia].x < boxes[ib].x ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

static int
compare_box_placement (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const PlLabelBox *boxes = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (boxes[ia].priority != boxes[ib].priority)
    return boxes[ia].priority > boxes[ib].priority ? -1 : 1;
  return compare_box_position (GUINT_TO_POINTER (ia), GUINT_TO_POINTER (ib),
                               user_data);
}

/* The placed labels of a row never overlap, so in x order their right
 * edges increase too: a label that clears its nearest placed neighbour on
 * each side clears every label in the row. */
static gboolean
fits_in_row (GTree            *row,
             const PlLabelBox *boxes,
             guint             i,
             double            gap)
{
  GTreeNode *next = g_tree_upper_bound (row, GUINT_TO_POINTER (i));
  GTreeNode *prev = next != NULL ? g_tree_node_previous (next)
                                 : g_tree_node_last (row);

  if (prev != NULL)
    {
      const PlLabelBox *p = &boxes[GPOINTER_TO_UINT (g_tree_node_key (prev))];

      if (p->x + p->width + gap > boxes[i].x)
        return FALSE;
    }
  if (next != NULL)
    {
      const PlLabelBox *n = &boxes[GPOINTER_TO_UINT (g_tree_node_key (next))];

      if (boxes[i].x + boxes[i].width + gap > n->x)
        return FALSE;
    }
  return TRUE;
}

/**
 * pl_label_layout:
 * @boxes: (array length=n): labels; sorting them by x is customary but not
 *   required
 * @n: number of labels
 * @max_rows: rows available
 * @gap: least blank space between two labels of a row
 *
 * Places each label in the first row, from 0, where it overlaps no label
 * already placed there, counting @gap as part of each label.  Labels are
 * placed by descending priority and then by x, so when two compete for
 * space the more important one wins, and among equals the earlier one;
 * labels that fit in no row get visible = %FALSE and row -1, as do labels
 * with a non-finite position or a negative width.  No two visible labels
 * in a row overlap.  The result only depends on positions relative to
 * each other, so panning does not reshuffle the rows.
 *
 * Costs O(n log n) for a fixed number of rows.
 */
void
pl_label_layout (PlLabelBox *boxes,
                 guint       n,
                 guint       max_rows,
                 double      gap)
{
  g_return_if_fail (boxes != NULL || n == 0);

  if (!(gap > 0))
    gap = 0;

  g_autofree guint *order = g_new (guint, MAX (n, 1));
  guint n_order = 0;

  for (guint i = 0; i < n; i++)
    {
      boxes[i].row = -1;
      boxes[i].visible = FALSE;
      if (isfinite (boxes[i].x) && isfinite (boxes[i].width)
          && boxes[i].width >= 0)
        order[n_order++] = i;
    }

  if (n_order == 0 || max_rows == 0)
    return;

  g_qsort_with_data (order, n_order, sizeof *order, compare_box_placement,
                     boxes);

  /* Rows are created only when a label needs them, so a huge max_rows
   * costs nothing; at most n rows ever exist. */
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_tree_unref);

  for (guint k = 0; k < n_order; k++)
    {
      guint i = order[k];

      for (guint r = 0; r < max_rows; r++)
        {
          if (r == rows->len)
            g_ptr_array_add (rows, g_tree_new_full (compare_box_position,
                                                    boxes, NULL, NULL));

          GTree *row = g_ptr_array_index (rows, r);

          if (fits_in_row (row, boxes, i, gap))
            {
              g_tree_insert (row, GUINT_TO_POINTER (i), GUINT_TO_POINTER (i));
              boxes[i].row = (int) r;
              boxes[i].visible = TRUE;
              break;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Clusters                                                           */
/* ------------------------------------------------------------------ */

/**
 * pl_time_scale_lower_bound:
 * @days: (array length=n): days sorted in ascending order, without NaN
 * @n: number of days
 * @day: the day to look for
 *
 * Returns: the index of the first element not less than @day, or @n
 */
guint
pl_time_scale_lower_bound (const double *days,
                           guint         n,
                           double        day)
{
  guint lo = 0, hi = n;

  g_return_val_if_fail (days != NULL || n == 0, 0);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (days[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first index in [from, hi) whose day is not below @limit, or @hi.
 * Searching outwards from @from costs O(log distance), so a sparse view
 * pays one comparison per event and a dense one leaps over whole pixel
 * columns of events at once. */
static guint
gallop_lower_bound (const double *days,
                    guint         from,
                    guint         hi,
                    double        limit)
{
  if (from >= hi || !(days[from] < limit))
    return from;

  guint lo = from;   /* days[lo] < limit */
  guint top = hi;    /* days[top] >= limit, or top == hi */

  for (guint64 step = 1;; step *= 2)
    {
      if (step >= (guint64) (hi - lo))
        break;

      guint probe = lo + (guint) step;

      if (!(days[probe] < limit))
        {
          top = probe;
          break;
        }
      lo = probe;
    }

  return lo + 1 + pl_time_scale_lower_bound (days + lo + 1, top - lo - 1, limit);
}

/**
 * pl_cluster_events:
 * @days: (array length=n): event days sorted in ascending order, without
 *   NaN (leave undated events out)
 * @n: number of events
 * @scale: the view
 * @min_gap_px: events closer than this, in pixels, are drawn as one
 * @out_clusters: (element-type PlCluster): cleared, then filled with the
 *   clusters of visible events, from left to right
 *
 * Groups consecutive events of [start_day, end_day) whose distance is
 * below @min_gap_px: a chain of close events is one cluster even if its
 * ends are far apart, which is what a reader sees as one dense stretch.
 * Only the visible window is looked at, found by binary search, and inside
 * a cluster the search leaps ahead by galloping, so the cost grows with
 * the visible events when they are sparse and with the number of pixels
 * when they are dense: a million events in view stay cheap as long as
 * @min_gap_px is at least about one pixel.  Clusters split as the view
 * zooms in, since the same days grow further apart in pixels.
 *
 * Two events join when day[k] < day[j] + @min_gap_px ×
 * pl_time_scale_days_per_pixel(), computed in that order, so callers can
 * reproduce the decision exactly.
 */
void
pl_cluster_events (const double      *days,
                   guint              n,
                   const PlTimeScale *scale,
                   double             min_gap_px,
                   GArray            *out_clusters)
{
  pl_cluster_events_bounded (days, n, scale, min_gap_px, INFINITY, out_clusters);
}

void
pl_cluster_events_bounded (const double      *days,
                           guint              n,
                           const PlTimeScale *scale,
                           double             min_gap_px,
                           double             max_width_px,
                           GArray            *out_clusters)
{
  g_return_if_fail (days != NULL || n == 0);
  g_return_if_fail (scale != NULL);
  g_return_if_fail (out_clusters != NULL);
  g_return_if_fail (g_array_get_element_size (out_clusters) == sizeof (PlCluster));

  g_array_set_size (out_clusters, 0);

  if (n == 0 || !pl_time_scale_is_valid (scale))
    return;

  guint lo = pl_time_scale_lower_bound (days, n, scale->start_day);
  guint hi = lo + pl_time_scale_lower_bound (days + lo, n - lo,
                                             scale->end_day);
  /* Written so that NaN also gives no joining at all. */
  double gap_days = min_gap_px > 0
                    ? min_gap_px * pl_time_scale_days_per_pixel (scale)
                    : 0;
  double max_days = max_width_px > 0
                    ? max_width_px * pl_time_scale_days_per_pixel (scale)
                    : 0;

  for (guint i = lo; i < hi;)
    {
      guint last = i;
      double cap = days[i] + max_days;

      /* Everything below day[last] + gap joins, and from the new last the
       * cluster may reach further still, up to its cap; every second leap
       * advances by at least a full gap. */
      for (;;)
        {
          guint next = gallop_lower_bound (days, last + 1, hi,
                                           MIN (days[last] + gap_days, cap));

          if (next == last + 1)
            break;
          last = next - 1;
        }

      PlCluster cluster = {
        .first = i,
        .count = last - i + 1,
        .x_start = pl_time_scale_day_to_x (scale, days[i]),
        .x_end = pl_time_scale_day_to_x (scale, days[last]),
      };

      g_array_append_val (out_clusters, cluster);
      i = last + 1;
    }
}
