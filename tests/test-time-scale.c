/* test-time-scale.c — tests for the timeline maths: view, ticks, label rows, clusters
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "pl-date.h"
#include "pl-time-scale.h"

/* Day numbers from GLib itself, as an independent oracle for the calendar
 * arithmetic in pl-time-scale.c. */
static gint64
glib_julian (int year,
             int month,
             int day)
{
  g_autoptr (GDate) gd = g_date_new_dmy (day, month, year);

  return g_date_get_julian (gd);
}

static PlTimeScale
make_scale (double start,
            double end,
            double width)
{
  PlTimeScale scale = { start, end, width };

  return scale;
}

static double
span_of (const PlTimeScale *scale)
{
  return scale->end_day - scale->start_day;
}

static void
assert_close (double a,
              double b,
              double tolerance)
{
  if (!(fabs (a - b) <= tolerance))
    g_error ("%.17g and %.17g differ by more than %g", a, b, tolerance);
}

/* A random view of years 1 to 9000, with a span spread evenly on a log
 * scale between the minimum and the maximum. */
static PlTimeScale
random_scale (void)
{
  double span = exp (g_test_rand_double_range (log (PL_TIME_SCALE_MIN_SPAN),
                                               log (PL_TIME_SCALE_MAX_SPAN)));
  double start = g_test_rand_double_range (1, 9000 * 365.2425 - span);

  return make_scale (start, start + span, g_test_rand_double_range (150, 3000));
}

/* ------------------------------------------------------------------ */
/* Calendar                                                           */
/* ------------------------------------------------------------------ */

static void
test_calendar_against_gdate (void)
{
  static const int dates[][3] = {
    { 1, 1, 1 }, { 1, 12, 31 }, { 4, 2, 29 }, { 100, 3, 1 },
    { 1600, 2, 29 }, { 1700, 2, 28 }, { 1700, 3, 1 }, { 1900, 3, 1 },
    { 1970, 1, 1 }, { 2000, 2, 29 }, { 2024, 2, 29 }, { 2025, 1, 17 },
    { 9999, 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      int y, m, d;
      gint64 day = pl_time_scale_day_from_civil (dates[i][0], dates[i][1],
                                                 dates[i][2]);

      g_assert_cmpint (day, ==, glib_julian (dates[i][0], dates[i][1],
                                             dates[i][2]));
      pl_time_scale_civil_from_day (day, &y, &m, &d);
      g_assert_cmpint (y, ==, dates[i][0]);
      g_assert_cmpint (m, ==, dates[i][1]);
      g_assert_cmpint (d, ==, dates[i][2]);
    }

  g_assert_cmpint (pl_time_scale_day_from_civil (1, 1, 1), ==, 1);

  /* The same numbering as the dates the dataset stores. */
  PlDate date;
  guint32 first, last;

  g_assert_true (pl_date_parse ("2024-02", &date));
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpint (pl_time_scale_day_from_civil (2024, 2, 1), ==, first);
  g_assert_cmpint (pl_time_scale_day_from_civil (2024, 2, 29), ==, last);

  for (guint i = 0; i < 2000; i++)
    {
      int y, m, d;
      gint64 day = g_test_rand_int_range (1, 3652060);
      g_autoptr (GDate) gd = g_date_new_julian ((guint32) day);

      pl_time_scale_civil_from_day (day, &y, &m, &d);
      g_assert_cmpint (y, ==, g_date_get_year (gd));
      g_assert_cmpint (m, ==, g_date_get_month (gd));
      g_assert_cmpint (d, ==, g_date_get_day (gd));
    }
}

/* Walking day by day across year 0 and the 400-year era boundaries must
 * visit every date exactly once, in order. */
static void
test_calendar_continuity (void)
{
  static const gint64 starts[] = { -1000, 146000, 730000, -146500 };

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
    {
      int py, pm, pd;

      pl_time_scale_civil_from_day (starts[s], &py, &pm, &pd);
      for (gint64 day = starts[s] + 1; day < starts[s] + 2000; day++)
        {
          int y, m, d;

          pl_time_scale_civil_from_day (day, &y, &m, &d);
          if (d == pd + 1)
            g_assert_true (y == py && m == pm);
          else
            {
              g_assert_cmpint (d, ==, 1);
              g_assert_true ((y == py && m == pm + 1)
                             || (y == py + 1 && m == 1 && pm == 12));
              /* The month that just ended was complete. */
              /* GDate lacks years below 1; the calendar repeats every
               * 400 years. */
              int same_year = 2000 + ((py % 400) + 400) % 400;

              g_assert_cmpint (pd, ==, g_date_get_days_in_month (pm, same_year));
            }
          g_assert_cmpint (pl_time_scale_day_from_civil (y, m, d), ==, day);
          py = y;
          pm = m;
          pd = d;
        }
    }

  /* Year 0 is the leap year 1 BC, right before day 1. */
  g_assert_cmpint (pl_time_scale_day_from_civil (0, 12, 31), ==, 0);
  g_assert_cmpint (pl_time_scale_day_from_civil (0, 3, 1)
                   - pl_time_scale_day_from_civil (0, 2, 1), ==, 29);
}

/* ------------------------------------------------------------------ */
/* The view                                                           */
/* ------------------------------------------------------------------ */

static void
test_round_trip (void)
{
  PlTimeScale scales[] = {
    make_scale (739000, 739002, 800),
    make_scale (1, 1826212.5, 1920),
    make_scale (693596.25, 693961.75, 333),
    make_scale (-5000, 12000, 10),
  };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      const PlTimeScale *s = &scales[i];
      double tolerance = 1e-9 * MAX (fabs (s->start_day), fabs (s->end_day));

      g_assert_true (pl_time_scale_is_valid (s));
      assert_close (pl_time_scale_day_to_x (s, s->start_day), 0, 1e-9);
      assert_close (pl_time_scale_day_to_x (s, s->end_day), s->width, 1e-6);
      assert_close (pl_time_scale_x_to_day (s, 0), s->start_day, tolerance);
      assert_close (pl_time_scale_x_to_day (s, s->width), s->end_day, tolerance);
      assert_close (pl_time_scale_days_per_pixel (s), span_of (s) / s->width,
                    1e-12);

      for (guint k = 0; k < 200; k++)
        {
          double x = g_test_rand_double_range (-s->width, 2 * s->width);
          double day = g_test_rand_double_range (s->start_day - span_of (s),
                                                 s->end_day + span_of (s));

          assert_close (pl_time_scale_day_to_x (s, pl_time_scale_x_to_day (s, x)),
                        x, 1e-6);
          assert_close (pl_time_scale_x_to_day (s, pl_time_scale_day_to_x (s, day)),
                        day, tolerance);
        }

      /* Linear: the midpoint maps to the middle. */
      assert_close (pl_time_scale_day_to_x (s, (s->start_day + s->end_day) / 2),
                    s->width / 2, 1e-6);
    }

  /* Before the widget has a size nothing may become NaN. */
  PlTimeScale unsized = make_scale (739000, 739100, 0);

  g_assert_false (pl_time_scale_is_valid (&unsized));
  g_assert_cmpfloat (pl_time_scale_day_to_x (&unsized, 739050), ==, 0);
  g_assert_cmpfloat (pl_time_scale_x_to_day (&unsized, 10), ==, 739000);
  g_assert_cmpfloat (pl_time_scale_days_per_pixel (&unsized), ==, 0);
  g_assert_false (pl_time_scale_zoom (&unsized, 2, 0));
  pl_time_scale_pan (&unsized, 50);
  g_assert_cmpfloat (unsized.start_day, ==, 739000);

  PlTimeScale empty = make_scale (739000, 739000, 100);

  g_assert_false (pl_time_scale_is_valid (&empty));
}

static void
test_mirror (void)
{
  PlTimeScale s = make_scale (739000, 739100, 500);

  g_assert_cmpfloat (pl_time_scale_mirror_x (&s, 0), ==, 500);
  g_assert_cmpfloat (pl_time_scale_mirror_x (&s, 500), ==, 0);
  g_assert_cmpfloat (pl_time_scale_mirror_x (&s, 120), ==, 380);
  g_assert_cmpfloat (pl_time_scale_mirror_x (&s, pl_time_scale_mirror_x (&s, 123.5)),
                     ==, 123.5);

  /* In a mirrored view later days are further left. */
  double early = pl_time_scale_mirror_x (&s, pl_time_scale_day_to_x (&s, 739010));
  double late = pl_time_scale_mirror_x (&s, pl_time_scale_day_to_x (&s, 739090));

  g_assert_cmpfloat (late, <, early);
}

static void
test_zoom (void)
{
  static const double anchors[] = { 0, 123.4, 500, 1000, -50, 1200 };

  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    {
      PlTimeScale s = make_scale (730000, 740000, 1000);
      double anchor_day = pl_time_scale_x_to_day (&s, anchors[i]);

      g_assert_true (pl_time_scale_zoom (&s, 4, anchors[i]));
      assert_close (span_of (&s), 2500, 1e-6);
      assert_close (pl_time_scale_x_to_day (&s, anchors[i]), anchor_day, 1e-6);

      g_assert_true (pl_time_scale_zoom (&s, 0.1, anchors[i]));
      assert_close (span_of (&s), 25000, 1e-6);
      assert_close (pl_time_scale_x_to_day (&s, anchors[i]), anchor_day, 1e-6);
    }

  /* Zooming in stops at the minimum span, still around the anchor. */
  PlTimeScale s = make_scale (730000, 740000, 1000);
  double anchor_day = pl_time_scale_x_to_day (&s, 250);

  for (guint i = 0; i < 100; i++)
    pl_time_scale_zoom (&s, 1.5, 250);
  assert_close (span_of (&s), PL_TIME_SCALE_MIN_SPAN, 1e-9);
  assert_close (pl_time_scale_x_to_day (&s, 250), anchor_day, 1e-6);
  g_assert_false (pl_time_scale_zoom (&s, 2, 250));
  g_assert_true (pl_time_scale_zoom (&s, 0.5, 250));

  /* Zooming out stops at the maximum span, still around the anchor. */
  anchor_day = pl_time_scale_x_to_day (&s, 700);
  for (guint i = 0; i < 100; i++)
    pl_time_scale_zoom (&s, 0.5, 700);
  assert_close (span_of (&s), PL_TIME_SCALE_MAX_SPAN, 1e-6);
  assert_close (pl_time_scale_x_to_day (&s, 700), anchor_day, 1e-3);
  g_assert_false (pl_time_scale_zoom (&s, 0.9, 700));

  /* A factor of 1 is no change. */
  PlTimeScale same = make_scale (730000, 740000, 1000);

  g_assert_false (pl_time_scale_zoom (&same, 1, 300));
  g_assert_cmpfloat (same.start_day, ==, 730000);
  g_assert_cmpfloat (same.end_day, ==, 740000);
}

static void
test_pan (void)
{
  PlTimeScale s = make_scale (730000, 731000, 500);

  /* Dragging right shows earlier days: 100 px is 200 days here. */
  pl_time_scale_pan (&s, 100);
  assert_close (s.start_day, 729800, 1e-9);
  assert_close (s.end_day, 730800, 1e-9);

  /* The day under the pointer follows it. */
  double day = pl_time_scale_x_to_day (&s, 40);

  pl_time_scale_pan (&s, -25);
  assert_close (pl_time_scale_x_to_day (&s, 15), day, 1e-9);

  pl_time_scale_pan (&s, 25);
  pl_time_scale_pan (&s, -100);
  assert_close (s.start_day, 730000, 1e-9);
  assert_close (s.end_day, 731000, 1e-9);
  assert_close (s.width, 500, 0);
}

static void
test_fit (void)
{
  PlTimeScale s = make_scale (0, 1, 800);
  double first = pl_time_scale_day_from_civil (1800, 1, 1);
  double last = pl_time_scale_day_from_civil (2027, 12, 31);

  /* The whole content, both end days included, plus 5 % on each side. */
  pl_time_scale_fit (&s, first, last, 0.05);
  double content = last + 1 - first;

  assert_close (span_of (&s), content * 1.1, 1e-6);
  assert_close (s.start_day, first - content * 0.05, 1e-6);
  assert_close (s.end_day, last + 1 + content * 0.05, 1e-6);
  g_assert_cmpfloat (s.width, ==, 800);

  /* Arguments in either order. */
  PlTimeScale r = make_scale (0, 1, 800);

  pl_time_scale_fit (&r, last, first, 0.05);
  assert_close (r.start_day, s.start_day, 1e-9);
  assert_close (r.end_day, s.end_day, 1e-9);

  /* No margin: exactly the content. */
  pl_time_scale_fit (&s, first, last, 0);
  assert_close (s.start_day, first, 1e-9);
  assert_close (s.end_day, last + 1, 1e-9);

  /* A single day: the minimum span, centred on the day, showing it all. */
  double day = pl_time_scale_day_from_civil (2025, 1, 17);

  pl_time_scale_fit (&s, day, day, 0.1);
  assert_close (span_of (&s), PL_TIME_SCALE_MIN_SPAN, 1e-9);
  assert_close ((s.start_day + s.end_day) / 2, day + 0.5, 1e-9);
  g_assert_cmpfloat (s.start_day, <=, day);
  g_assert_cmpfloat (s.end_day, >=, day + 1);

  /* Wider than the maximum: its middle. */
  pl_time_scale_fit (&s, 1, 3652059, 0.1);
  assert_close (span_of (&s), PL_TIME_SCALE_MAX_SPAN, 1e-6);
  assert_close ((s.start_day + s.end_day) / 2, (1 + 3652060) / 2.0, 1e-6);
}

static void
test_clamp (void)
{
  PlTimeScale s = make_scale (100, 200, 500);

  g_assert_false (pl_time_scale_clamp_to (&s, 0, 1000));
  g_assert_cmpfloat (s.start_day, ==, 100);

  s = make_scale (-50, 50, 500);
  g_assert_true (pl_time_scale_clamp_to (&s, 0, 1000));
  g_assert_cmpfloat (s.start_day, ==, 0);
  g_assert_cmpfloat (s.end_day, ==, 100);

  s = make_scale (950, 1050, 500);
  g_assert_true (pl_time_scale_clamp_to (&s, 0, 1000));
  g_assert_cmpfloat (s.start_day, ==, 900);
  g_assert_cmpfloat (s.end_day, ==, 1000);

  /* Wider than the range: centred, not zoomed. */
  s = make_scale (0, 3000, 500);
  g_assert_true (pl_time_scale_clamp_to (&s, 0, 1000));
  g_assert_cmpfloat (s.start_day, ==, -1000);
  g_assert_cmpfloat (s.end_day, ==, 2000);
  g_assert_false (pl_time_scale_clamp_to (&s, 0, 1000));
}

/* ------------------------------------------------------------------ */
/* Ticks                                                              */
/* ------------------------------------------------------------------ */

static GArray *
tick_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (PlTick));
}

static void check_ticks (const PlTimeScale *s,
                         const PlTickStep  *step,
                         GArray            *ticks,
                         double             min_spacing);

/* The step chosen for a view, and the ticks it gives being valid. */
static void
assert_step (double     span,
             double     width,
             double     min_spacing,
             PlTickUnit unit,
             guint      count)
{
  double start = pl_time_scale_day_from_civil (1500, 1, 1) + 0.3;
  PlTimeScale s = make_scale (start, start + span, width);
  PlTickStep step;

  g_autoptr (GArray) ticks = tick_array ();

  pl_time_scale_choose_step (&s, min_spacing, &step);
  if (step.unit != unit || step.count != count)
    g_error ("span %g, width %g, spacing %g: got unit %d x %u, expected %d x %u",
             span, width, min_spacing, step.unit, step.count, unit, count);
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &step, ticks));
  check_ticks (&s, &step, ticks, min_spacing);
}

static void
test_ticks_step_choice (void)
{
  double year = 365.2425;

  /* 5,000 years: centuries. */
  assert_step (5000 * year, 1000, 60, PL_TICK_UNIT_YEAR, 500);
  assert_step (5000 * year, 3100, 60, PL_TICK_UNIT_YEAR, 100);
  /* 50 years: 5-year steps, or single years on a wide screen. */
  assert_step (50 * year, 1000, 60, PL_TICK_UNIT_YEAR, 5);
  assert_step (50 * year, 3000, 50, PL_TICK_UNIT_YEAR, 1);
  /* 2 years: quarters, or months on a wide screen. */
  assert_step (2 * year, 1000, 60, PL_TICK_UNIT_MONTH, 3);
  assert_step (2 * year, 2000, 60, PL_TICK_UNIT_MONTH, 1);
  /* 29 days to 60 px: months would fit but for February. */
  assert_step (1000 * 29.0 / 60, 1000, 60, PL_TICK_UNIT_MONTH, 3);
  assert_step (1000 * 27.9 / 60, 1000, 60, PL_TICK_UNIT_MONTH, 1);
  /* 2 months: weeks of the month. */
  assert_step (61, 1000, 60, PL_TICK_UNIT_DAY, 7);
  /* Fully zoomed in: every day. */
  assert_step (PL_TIME_SCALE_MIN_SPAN, 400, 60, PL_TICK_UNIT_DAY, 1);
  /* Half a year on a phone: half years. */
  assert_step (1.5 * year, 320, 100, PL_TICK_UNIT_MONTH, 6);
  /* 1000 years on a tiny widget: beyond the usual ladder. */
  assert_step (5000 * year, 100, 60, PL_TICK_UNIT_YEAR, 5000);

  /* The choice never gets finer as the view widens. */
  PlTickStep previous = { PL_TICK_UNIT_DAY, 1 };
  double previous_gap = 0;

  for (double span = 2; span < PL_TIME_SCALE_MAX_SPAN; span *= 1.1)
    {
      PlTimeScale s = make_scale (730000, 730000 + span, 900);
      PlTickStep step;
      double gap;

      pl_time_scale_choose_step (&s, 70, &step);
      gap = step.unit == PL_TICK_UNIT_YEAR ? step.count * 365.0
            : step.unit == PL_TICK_UNIT_MONTH ? step.count * 28.0
            : step.count;
      g_assert_cmpfloat (gap, >=, previous_gap);
      g_assert_true (step.unit >= previous.unit);
      previous = step;
      previous_gap = gap;
    }
  g_assert_cmpint (previous.unit, ==, PL_TICK_UNIT_YEAR);
}

static gboolean
tick_matches_step (int y,
                   int m,
                   int d,
                   const PlTickStep *step)
{
  switch (step->unit)
    {
    case PL_TICK_UNIT_YEAR:
      return m == 1 && d == 1 && ((y % (int) step->count) + (int) step->count)
                                   % (int) step->count == 0;
    case PL_TICK_UNIT_MONTH:
      return d == 1 && (m - 1) % (int) step->count == 0;
    case PL_TICK_UNIT_DAY:
      return (d - 1) % (int) step->count == 0
             && d + (int) step->count <= g_date_get_days_in_month (m, y) + 1;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
expected_major (const PlTick     *tick,
                const PlTickStep *step)
{
  switch (step->unit)
    {
    case PL_TICK_UNIT_YEAR:
      {
        int every = step->count < 10 ? 10 : step->count < 100 ? 100
                    : step->count < 1000 ? 1000 : 10000;

        return tick->year % every == 0;
      }
    case PL_TICK_UNIT_MONTH:
      return tick->month == 1;
    case PL_TICK_UNIT_DAY:
      return tick->day_of_month == 1;
    default:
      g_assert_not_reached ();
    }
}

/* Every property a tick array must have, checked against GDate; also
 * that no boundary of the step inside the view is missing. */
static void
check_ticks (const PlTimeScale *s,
             const PlTickStep  *step,
             GArray            *ticks,
             double             min_spacing)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      const PlTick *t = &g_array_index (ticks, PlTick, i);
      g_autoptr (GDate) gd = g_date_new_julian ((guint32) t->day);

      g_assert_cmpfloat (t->day, ==, floor (t->day));
      g_assert_cmpfloat (t->day, >=, s->start_day);
      g_assert_cmpfloat (t->day, <, s->end_day);
      g_assert_cmpfloat (t->x, >=, 0);
      g_assert_cmpfloat (t->x, <=, s->width);
      assert_close (t->x, pl_time_scale_day_to_x (s, t->day), 1e-6);
      g_assert_cmpint (t->year, ==, g_date_get_year (gd));
      g_assert_cmpint (t->month, ==, g_date_get_month (gd));
      g_assert_cmpint (t->day_of_month, ==, g_date_get_day (gd));
      g_assert_cmpint (t->unit, ==, step->unit);
      g_assert_true (tick_matches_step (t->year, t->month, t->day_of_month, step));
      g_assert_cmpint (t->major, ==, expected_major (t, step));

      if (i > 0)
        {
          const PlTick *p = &g_array_index (ticks, PlTick, i - 1);

          g_assert_cmpfloat (p->day, <, t->day);
          g_assert_cmpfloat (t->x - p->x, >=, min_spacing - 1e-6);
        }
    }

  /* Completeness, from GDate: walk the view by the unit and collect every
   * boundary that belongs to the step. */
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GDate) gd = g_date_new_julian ((guint32) MAX (1, floor (s->start_day)));

  g_date_set_day (gd, 1);
  if (step->unit != PL_TICK_UNIT_DAY)
    g_date_set_month (gd, 1);
  while (g_date_get_julian (gd) < s->end_day)
    {
      guint32 j = g_date_get_julian (gd);

      if (j >= s->start_day
          && tick_matches_step (g_date_get_year (gd), g_date_get_month (gd),
                                g_date_get_day (gd), step))
        g_array_append_val (expected, j);

      switch (step->unit)
        {
        case PL_TICK_UNIT_YEAR:
          g_date_add_years (gd, 1);
          break;
        case PL_TICK_UNIT_MONTH:
          g_date_add_months (gd, 1);
          break;
        case PL_TICK_UNIT_DAY:
          g_date_add_days (gd, 1);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (ticks->len, ==, expected->len);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpfloat (g_array_index (ticks, PlTick, i).day, ==,
                       g_array_index (expected, guint32, i));
}

static void
test_ticks_random_views (void)
{
  g_autoptr (GArray) ticks = tick_array ();

  for (guint i = 0; i < 300; i++)
    {
      PlTimeScale s = random_scale ();
      double min_spacing = g_test_rand_double_range (20, 150);
      PlTickStep step;

      pl_time_scale_get_ticks (&s, min_spacing, &step, ticks);
      check_ticks (&s, &step, ticks, min_spacing);
      /* A step chosen for the view always gives several ticks when the
       * view is much wider than the spacing. */
      if (s.width > 4 * min_spacing)
        g_assert_cmpuint (ticks->len, >=, 1);
    }
}

static void
test_ticks_every_step (void)
{
  static const PlTickStep steps[] = {
    { PL_TICK_UNIT_DAY, 1 }, { PL_TICK_UNIT_DAY, 2 }, { PL_TICK_UNIT_DAY, 7 },
    { PL_TICK_UNIT_DAY, 14 }, { PL_TICK_UNIT_MONTH, 1 },
    { PL_TICK_UNIT_MONTH, 3 }, { PL_TICK_UNIT_MONTH, 6 },
    { PL_TICK_UNIT_YEAR, 1 }, { PL_TICK_UNIT_YEAR, 2 },
    { PL_TICK_UNIT_YEAR, 5 }, { PL_TICK_UNIT_YEAR, 20 },
    { PL_TICK_UNIT_YEAR, 50 }, { PL_TICK_UNIT_YEAR, 500 },
  };
  g_autoptr (GArray) ticks = tick_array ();

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    for (guint k = 0; k < 20; k++)
      {
        /* Wide enough for a few dozen ticks at this step. */
        double unit_days = steps[i].unit == PL_TICK_UNIT_DAY ? 1
                           : steps[i].unit == PL_TICK_UNIT_MONTH ? 30.44
                           : 365.2425;
        double span = unit_days * steps[i].count * g_test_rand_double_range (0.5, 40);
        double start = g_test_rand_double_range (1, 3000000);
        PlTimeScale s = make_scale (start, start + span, 1000);
        double spacing;

        g_assert_true (pl_time_scale_get_ticks_for_step (&s, &steps[i], ticks));
        /* The least gap the step promises, in pixels. */
        spacing = (steps[i].unit == PL_TICK_UNIT_YEAR ? 365.0 * steps[i].count
                   : steps[i].unit == PL_TICK_UNIT_MONTH ? 28.0 * steps[i].count
                   : steps[i].count) / pl_time_scale_days_per_pixel (&s);
        check_ticks (&s, &steps[i], ticks, spacing);
      }
}

static void
append_days (GArray *days,
             int     year,
             int     month,
             const int *dom,
             guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      double d = pl_time_scale_day_from_civil (year, month, dom[i]);

      g_array_append_val (days, d);
    }
}

static void
assert_tick_days (GArray *ticks,
                  GArray *expected)
{
  g_assert_cmpuint (ticks->len, ==, expected->len);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpfloat (g_array_index (ticks, PlTick, i).day, ==,
                       g_array_index (expected, double, i));
}

static void
test_ticks_leap_years (void)
{
  g_autoptr (GArray) ticks = tick_array ();
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (double));
  PlTickStep daily = { PL_TICK_UNIT_DAY, 1 };
  PlTickStep weekly = { PL_TICK_UNIT_DAY, 7 };
  PlTickStep monthly = { PL_TICK_UNIT_MONTH, 1 };
  PlTimeScale s;

  /* 2024 has a 29 February, 2023 and 1900 do not, 2000 does. */
  static const struct { int year; int last; } febs[] = {
    { 2024, 29 }, { 2023, 28 }, { 1900, 28 }, { 2000, 29 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (febs); i++)
    {
      s = make_scale (pl_time_scale_day_from_civil (febs[i].year, 2, 26),
                      pl_time_scale_day_from_civil (febs[i].year, 3, 3), 600);
      g_assert_true (pl_time_scale_get_ticks_for_step (&s, &daily, ticks));
      const PlTick *t = &g_array_index (ticks, PlTick, febs[i].last - 26);

      g_assert_cmpint (t->month, ==, 2);
      g_assert_cmpint (t->day_of_month, ==, febs[i].last);
      t++;
      g_assert_cmpint (t->month, ==, 3);
      g_assert_cmpint (t->day_of_month, ==, 1);
      g_assert_true (t->major);
      g_assert_cmpuint (ticks->len, ==, febs[i].last - 26 + 1 + 2);
    }

  /* Weekly ticks restart on each 1st; the 29th of a leap February is
   * dropped because 1 March follows a day later. */
  s = make_scale (pl_time_scale_day_from_civil (2024, 1, 20),
                  pl_time_scale_day_from_civil (2024, 3, 10), 800);
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &weekly, ticks));
  append_days (expected, 2024, 1, (int[]) { 22 }, 1);
  append_days (expected, 2024, 2, (int[]) { 1, 8, 15, 22 }, 4);
  append_days (expected, 2024, 3, (int[]) { 1, 8 }, 2);
  assert_tick_days (ticks, expected);

  /* Monthly ticks are on the 1st and follow the real month lengths. */
  s = make_scale (pl_time_scale_day_from_civil (2024, 1, 1),
                  pl_time_scale_day_from_civil (2025, 1, 1) + 0.5, 800);
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &monthly, ticks));
  g_assert_cmpuint (ticks->len, ==, 13);
  g_assert_cmpfloat (g_array_index (ticks, PlTick, 2).day
                     - g_array_index (ticks, PlTick, 1).day, ==, 29);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PlTick *t = &g_array_index (ticks, PlTick, i);

      g_assert_cmpint (t->day_of_month, ==, 1);
      g_assert_cmpint (t->month, ==, (int) i % 12 + 1);
      g_assert_cmpint (t->major, ==, t->month == 1);
    }
}

/* A fractional view start excludes the boundary before it, and one exactly
 * on a boundary includes it; the end is always excluded. */
static void
test_ticks_edges (void)
{
  g_autoptr (GArray) ticks = tick_array ();
  PlTickStep yearly = { PL_TICK_UNIT_YEAR, 1 };
  double y2000 = pl_time_scale_day_from_civil (2000, 1, 1);
  double y2010 = pl_time_scale_day_from_civil (2010, 1, 1);
  PlTimeScale s = make_scale (y2000, y2010, 500);

  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &yearly, ticks));
  g_assert_cmpuint (ticks->len, ==, 10);
  g_assert_cmpint (g_array_index (ticks, PlTick, 0).year, ==, 2000);
  g_assert_cmpfloat (g_array_index (ticks, PlTick, 0).x, ==, 0);
  g_assert_cmpint (g_array_index (ticks, PlTick, 9).year, ==, 2009);

  s.start_day += 0.25;
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &yearly, ticks));
  g_assert_cmpuint (ticks->len, ==, 9);
  g_assert_cmpint (g_array_index (ticks, PlTick, 0).year, ==, 2001);

  /* Years before AD 1 are counted astronomically and still aligned. */
  PlTickStep fifty = { PL_TICK_UNIT_YEAR, 50 };

  s = make_scale (pl_time_scale_day_from_civil (-120, 6, 1),
                  pl_time_scale_day_from_civil (130, 1, 1), 800);
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &fifty, ticks));
  g_assert_cmpuint (ticks->len, ==, 5);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PlTick *t = &g_array_index (ticks, PlTick, i);

      g_assert_cmpint (t->year, ==, -100 + 50 * (int) i);
      g_assert_cmpfloat (t->day, ==, pl_time_scale_day_from_civil (t->year, 1, 1));
      g_assert_cmpint (t->major, ==, t->year % 100 == 0);
    }
}

/* Cost follows the ticks, not the span: a 5,000-year view at yearly steps
 * is 5,000 ticks, and a step that would need millions gives none. */
static void
test_ticks_bounded (void)
{
  g_autoptr (GArray) ticks = tick_array ();
  PlTickStep yearly = { PL_TICK_UNIT_YEAR, 1 };
  PlTickStep daily = { PL_TICK_UNIT_DAY, 1 };
  PlTimeScale s = make_scale (pl_time_scale_day_from_civil (1000, 1, 1),
                              pl_time_scale_day_from_civil (6000, 1, 1), 1000);

  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &yearly, ticks));
  g_assert_cmpuint (ticks->len, ==, 5000);
  check_ticks (&s, &yearly, ticks, 0);

  g_assert_false (pl_time_scale_get_ticks_for_step (&s, &daily, ticks));
  g_assert_cmpuint (ticks->len, ==, 0);

  /* A tiny spacing is read as one pixel, never more ticks than pixels. */
  PlTickStep step;

  pl_time_scale_get_ticks (&s, 0, &step, ticks);
  g_assert_cmpuint (ticks->len, <=, (guint) s.width + 1);
  g_assert_cmpuint (ticks->len, >, 0);

  /* Far beyond any calendar: nothing, and no overflow. */
  s = make_scale (1e15, 1e15 + 100, 1000);
  pl_time_scale_get_ticks (&s, 50, &step, ticks);
  g_assert_cmpuint (ticks->len, ==, 0);

  s = make_scale (0, 100, 0);
  pl_time_scale_get_ticks (&s, 50, &step, ticks);
  g_assert_cmpuint (ticks->len, ==, 0);

  /* The array is cleared before it is filled. */
  s = make_scale (730000, 730010, 1000);
  pl_time_scale_get_ticks (&s, 50, &step, ticks);
  g_assert_cmpuint (ticks->len, ==, 10);
  pl_time_scale_get_ticks (&s, 50, &step, ticks);
  g_assert_cmpuint (ticks->len, ==, 10);
}

static void
test_ticks_major (void)
{
  g_autoptr (GArray) ticks = tick_array ();
  PlTimeScale s = make_scale (pl_time_scale_day_from_civil (1890, 1, 1),
                              pl_time_scale_day_from_civil (2110, 1, 1), 1000);
  static const struct { guint count; int every; } years[] = {
    { 1, 10 }, { 5, 10 }, { 10, 100 }, { 50, 100 }, { 100, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      PlTickStep step = { PL_TICK_UNIT_YEAR, years[i].count };
      guint n_major = 0;

      g_assert_true (pl_time_scale_get_ticks_for_step (&s, &step, ticks));
      for (guint k = 0; k < ticks->len; k++)
        {
          const PlTick *t = &g_array_index (ticks, PlTick, k);

          g_assert_cmpint (t->major, ==, t->year % years[i].every == 0);
          n_major += t->major;
        }
      g_assert_cmpuint (n_major, >=, 1);
    }

  /* Month steps: 1 January; day steps: the 1st. */
  PlTickStep quarters = { PL_TICK_UNIT_MONTH, 3 };
  PlTickStep days = { PL_TICK_UNIT_DAY, 1 };

  s = make_scale (pl_time_scale_day_from_civil (2023, 5, 1),
                  pl_time_scale_day_from_civil (2026, 5, 1), 1000);
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &quarters, ticks));
  g_assert_cmpuint (ticks->len, ==, 12);
  for (guint k = 0; k < ticks->len; k++)
    {
      const PlTick *t = &g_array_index (ticks, PlTick, k);

      g_assert_cmpint ((t->month - 1) % 3, ==, 0);
      g_assert_cmpint (t->major, ==, t->month == 1);
    }

  s = make_scale (pl_time_scale_day_from_civil (2025, 3, 20),
                  pl_time_scale_day_from_civil (2025, 4, 10), 1000);
  g_assert_true (pl_time_scale_get_ticks_for_step (&s, &days, ticks));
  g_assert_cmpuint (ticks->len, ==, 21);
  for (guint k = 0; k < ticks->len; k++)
    {
      const PlTick *t = &g_array_index (ticks, PlTick, k);

      g_assert_cmpint (t->major, ==, t->month == 4 && t->day_of_month == 1);
    }
}

/* ------------------------------------------------------------------ */
/* Labels                                                             */
/* ------------------------------------------------------------------ */

static PlTick
make_tick (int        year,
           int        month,
           int        dom,
           PlTickUnit unit)
{
  PlTick tick = {
    .day = pl_time_scale_day_from_civil (year, month, dom),
    .year = year,
    .month = month,
    .day_of_month = dom,
    .unit = unit,
  };

  return tick;
}

static void
assert_label (char       *label,
              const char *expected)
{
  g_assert_cmpstr (label, ==, expected);
  g_free (label);
}

static void
test_tick_format (void)
{
  PlTick t;

  t = make_tick (2020, 1, 1, PL_TICK_UNIT_YEAR);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_YEAR), "2020");
  t = make_tick (1900, 1, 1, PL_TICK_UNIT_YEAR);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_YEAR), "1900");
  assert_label (pl_tick_format_major (&t, PL_TICK_UNIT_YEAR), NULL);
  t = make_tick (1, 1, 1, PL_TICK_UNIT_YEAR);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_YEAR), "1");
  t = make_tick (0, 1, 1, PL_TICK_UNIT_YEAR);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_YEAR), "1 BC");
  t = make_tick (-99, 1, 1, PL_TICK_UNIT_YEAR);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_YEAR), "100 BC");

  t = make_tick (2025, 3, 1, PL_TICK_UNIT_MONTH);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_MONTH), "Mar");
  t = make_tick (2025, 1, 1, PL_TICK_UNIT_MONTH);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_MONTH), "Jan");
  assert_label (pl_tick_format_major (&t, PL_TICK_UNIT_MONTH), "2025");
  t = make_tick (2025, 12, 1, PL_TICK_UNIT_MONTH);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_MONTH), "Dec");

  t = make_tick (2025, 1, 17, PL_TICK_UNIT_DAY);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_DAY), "17");
  t = make_tick (2025, 3, 1, PL_TICK_UNIT_DAY);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_DAY), "1");
  assert_label (pl_tick_format_major (&t, PL_TICK_UNIT_DAY), "March 2025");
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_MONTH), "Mar");
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_YEAR), "2025");
  t = make_tick (2024, 2, 29, PL_TICK_UNIT_DAY);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_DAY), "29");
  assert_label (pl_tick_format_major (&t, PL_TICK_UNIT_DAY), "February 2024");

  /* Outside GDateTime's years the labels stay readable. */
  t = make_tick (0, 3, 5, PL_TICK_UNIT_DAY);
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_DAY), "5");
  assert_label (pl_tick_format (&t, PL_TICK_UNIT_MONTH), "Mar");
  assert_label (pl_tick_format_major (&t, PL_TICK_UNIT_DAY), "March 1 BC");
  t = make_tick (12000, 7, 1, PL_TICK_UNIT_MONTH);
  assert_label (pl_tick_format_major (&t, PL_TICK_UNIT_MONTH), "12000");

  /* Every tick the generator produces has a label at its unit. */
  g_autoptr (GArray) ticks = tick_array ();

  for (guint i = 0; i < 50; i++)
    {
      PlTimeScale s = random_scale ();
      PlTickStep step;

      pl_time_scale_get_ticks (&s, 60, &step, ticks);
      for (guint k = 0; k < ticks->len; k++)
        {
          const PlTick *tick = &g_array_index (ticks, PlTick, k);
          g_autofree char *label = pl_tick_format (tick, step.unit);
          g_autofree char *major = pl_tick_format_major (tick, step.unit);

          g_assert_nonnull (label);
          g_assert_cmpuint (strlen (label), >, 0);
          g_assert_true ((major == NULL) == (step.unit == PL_TICK_UNIT_YEAR));
        }
    }
}

static void
test_format_range (void)
{
  PlTimeScale s;

  s = make_scale (pl_time_scale_day_from_civil (1900, 1, 1),
                  pl_time_scale_day_from_civil (2026, 1, 1), 800);
  assert_label (pl_time_scale_format_range (&s), "1900 to 2025");

  s = make_scale (pl_time_scale_day_from_civil (2025, 3, 1),
                  pl_time_scale_day_from_civil (2025, 7, 1), 800);
  assert_label (pl_time_scale_format_range (&s), "March 2025 to June 2025");

  s = make_scale (pl_time_scale_day_from_civil (2025, 3, 3) + 0.5,
                  pl_time_scale_day_from_civil (2025, 3, 17) + 0.5, 800);
  assert_label (pl_time_scale_format_range (&s), "3 March 2025 to 17 March 2025");

  s = make_scale (0, 10, 0);
  assert_label (pl_time_scale_format_range (&s), NULL);
}

/* ------------------------------------------------------------------ */
/* Label rows                                                         */
/* ------------------------------------------------------------------ */

static gboolean
boxes_overlap (const PlLabelBox *a,
               const PlLabelBox *b,
               double            gap)
{
  return !(a->x + a->width + gap <= b->x || b->x + b->width + gap <= a->x);
}

/* Whether @j was placed before @i: higher priority, then left to right. */
static gboolean
placed_before (const PlLabelBox *boxes,
               guint             j,
               guint             i)
{
  if (boxes[j].priority != boxes[i].priority)
    return boxes[j].priority > boxes[i].priority;
  if (boxes[j].x != boxes[i].x)
    return boxes[j].x < boxes[i].x;
  return j < i;
}

static void
check_layout (const PlLabelBox *boxes,
              guint             n,
              guint             max_rows,
              double            gap)
{
  for (guint i = 0; i < n; i++)
    {
      const PlLabelBox *b = &boxes[i];

      if (b->visible)
        {
          g_assert_cmpint (b->row, >=, 0);
          g_assert_cmpint (b->row, <, (int) max_rows);
        }
      else
        g_assert_cmpint (b->row, ==, -1);

      /* No overlap within a row. */
      for (guint j = i + 1; j < n; j++)
        if (b->visible && boxes[j].visible && boxes[j].row == b->row)
          g_assert_false (boxes_overlap (b, &boxes[j], gap));

      /* Each row before a label's own (all rows, for a hidden label) was
       * refused because of a label that got there first. */
      int rows_refused = b->visible ? b->row : (int) max_rows;

      for (int r = 0; r < rows_refused; r++)
        {
          gboolean blocked = FALSE;

          for (guint j = 0; j < n && !blocked; j++)
            blocked = j != i && boxes[j].visible && boxes[j].row == r
                      && placed_before (boxes, j, i)
                      && boxes_overlap (b, &boxes[j], gap);
          if (!blocked)
            g_error ("label %u could have gone in row %d", i, r);
        }
    }
}

static void
test_label_layout_basic (void)
{
  /* Three labels that all overlap, two rows: the lowest priority goes. */
  PlLabelBox boxes[] = {
    { 0, 50, 1, 0, FALSE },
    { 20, 50, 3, 0, FALSE },
    { 40, 50, 2, 0, FALSE },
  };

  pl_label_layout (boxes, 3, 2, 4);
  check_layout (boxes, 3, 2, 4);
  g_assert_true (boxes[1].visible);
  g_assert_cmpint (boxes[1].row, ==, 0);
  g_assert_true (boxes[2].visible);
  g_assert_cmpint (boxes[2].row, ==, 1);
  g_assert_false (boxes[0].visible);
  g_assert_cmpint (boxes[0].row, ==, -1);

  /* Equal priorities: left to right, first row that fits. */
  PlLabelBox equal[] = {
    { 0, 50, 0, 0, FALSE },
    { 20, 50, 0, 0, FALSE },
    { 40, 50, 0, 0, FALSE },
    { 60, 50, 0, 0, FALSE },
  };

  pl_label_layout (equal, 4, 2, 4);
  check_layout (equal, 4, 2, 4);
  g_assert_cmpint (equal[0].row, ==, 0);
  g_assert_cmpint (equal[1].row, ==, 1);
  g_assert_false (equal[2].visible);
  g_assert_cmpint (equal[3].row, ==, 0);

  /* A higher priority on the right wins a single row over its left
   * neighbour. */
  PlLabelBox pair[] = {
    { 0, 50, 0, 0, FALSE },
    { 30, 50, 9, 0, FALSE },
    { 84, 10, 0, 0, FALSE },
  };

  pl_label_layout (pair, 3, 1, 4);
  check_layout (pair, 3, 1, 4);
  g_assert_false (pair[0].visible);
  g_assert_true (pair[1].visible);
  /* 30 + 50 + 4 = 84: touching with the gap is not overlapping. */
  g_assert_true (pair[2].visible);

  /* The gap counts: one pixel less and the third label must go. */
  pair[2].x = 83;
  pl_label_layout (pair, 3, 1, 4);
  check_layout (pair, 3, 1, 4);
  g_assert_false (pair[2].visible);

  /* No rows, broken boxes. */
  pl_label_layout (pair, 3, 0, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_false (pair[i].visible);

  PlLabelBox broken[] = {
    { NAN, 10, 0, 0, TRUE },
    { 0, -5, 0, 0, TRUE },
    { 0, 10, 0, 0, FALSE },
  };

  pl_label_layout (broken, 3, 2, 0);
  g_assert_false (broken[0].visible);
  g_assert_false (broken[1].visible);
  g_assert_true (broken[2].visible);
  pl_label_layout (NULL, 0, 2, 0);
}

static void
test_label_layout_random (void)
{
  for (guint round = 0; round < 200; round++)
    {
      guint n = g_test_rand_int_range (0, 150);
      guint max_rows = g_test_rand_int_range (1, 5);
      double gap = g_test_rand_double_range (0, 8);
      g_autofree PlLabelBox *boxes = g_new0 (PlLabelBox, MAX (n, 1));
      double x = 0;

      for (guint i = 0; i < n; i++)
        {
          /* Mostly sorted by x as the widget passes them, with ties. */
          if (g_test_rand_int_range (0, 4) != 0)
            x += g_test_rand_double_range (0, 40);
          boxes[i].x = x;
          boxes[i].width = g_test_rand_double_range (0, 80);
          boxes[i].priority = g_test_rand_int_range (0, 4);
        }

      pl_label_layout (boxes, n, max_rows, gap);
      check_layout (boxes, n, max_rows, gap);

      /* Panning moves every label alike and must not reshuffle them. */
      g_autofree PlLabelBox *moved = g_memdup2 (boxes, sizeof *boxes * MAX (n, 1));

      for (guint i = 0; i < n; i++)
        moved[i].x += 256;
      pl_label_layout (moved, n, max_rows, gap);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (moved[i].visible, ==, boxes[i].visible);
          g_assert_cmpint (moved[i].row, ==, boxes[i].row);
        }
    }
}

/* Unsorted input is laid out exactly as its sorted copy. */
static void
test_label_layout_unsorted (void)
{
  PlLabelBox sorted[] = {
    { 0, 30, 0, 0, FALSE }, { 10, 30, 1, 0, FALSE }, { 25, 30, 0, 0, FALSE },
    { 50, 30, 2, 0, FALSE }, { 70, 5, 0, 0, FALSE }, { 90, 30, 1, 0, FALSE },
  };
  PlLabelBox shuffled[] = {
    sorted[3], sorted[0], sorted[5], sorted[2], sorted[4], sorted[1],
  };
  static const guint origin[] = { 3, 0, 5, 2, 4, 1 };

  pl_label_layout (sorted, 6, 2, 2);
  pl_label_layout (shuffled, 6, 2, 2);
  check_layout (sorted, 6, 2, 2);
  check_layout (shuffled, 6, 2, 2);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpint (shuffled[i].visible, ==, sorted[origin[i]].visible);
      g_assert_cmpint (shuffled[i].row, ==, sorted[origin[i]].row);
    }
}

/* ------------------------------------------------------------------ */
/* Clusters                                                           */
/* ------------------------------------------------------------------ */

static GArray *
cluster_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (PlCluster));
}

/* The obvious linear version, as the oracle. */
static GArray *
naive_clusters (const double      *days,
                guint              n,
                const PlTimeScale *s,
                double             min_gap_px)
{
  GArray *out = cluster_array ();
  double gap_days = min_gap_px > 0
                    ? min_gap_px * pl_time_scale_days_per_pixel (s)
                    : 0;

  for (guint i = 0; i < n; i++)
    {
      if (days[i] < s->start_day || days[i] >= s->end_day)
        continue;

      if (out->len > 0)
        {
          PlCluster *c = &g_array_index (out, PlCluster, out->len - 1);
          guint last = c->first + c->count - 1;

          if (last == i - 1 && days[i] < days[last] + gap_days)
            {
              c->count++;
              c->x_end = pl_time_scale_day_to_x (s, days[i]);
              continue;
            }
        }

      PlCluster c = { i, 1, pl_time_scale_day_to_x (s, days[i]),
                      pl_time_scale_day_to_x (s, days[i]) };

      g_array_append_val (out, c);
    }
  return out;
}

static void
assert_same_clusters (GArray *got,
                      GArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      const PlCluster *a = &g_array_index (got, PlCluster, i);
      const PlCluster *b = &g_array_index (expected, PlCluster, i);

      g_assert_cmpuint (a->first, ==, b->first);
      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_cmpfloat (a->x_start, ==, b->x_start);
      g_assert_cmpfloat (a->x_end, ==, b->x_end);
    }
}

/* What every clustering must satisfy, whatever the oracle says. */
static void
check_clusters (const double      *days,
                guint              n,
                const PlTimeScale *s,
                double             min_gap_px,
                GArray            *clusters)
{
  guint lo = 0, hi = 0;
  double gap_days = min_gap_px * pl_time_scale_days_per_pixel (s);
  guint total = 0;

  while (lo < n && days[lo] < s->start_day)
    lo++;
  hi = lo;
  while (hi < n && days[hi] < s->end_day)
    hi++;

  for (guint i = 0; i < clusters->len; i++)
    {
      const PlCluster *c = &g_array_index (clusters, PlCluster, i);

      g_assert_cmpuint (c->count, >=, 1);
      g_assert_cmpuint (c->first, ==, i == 0 ? lo : total + lo);
      total += c->count;
      for (guint k = c->first + 1; k < c->first + c->count; k++)
        g_assert_cmpfloat (days[k], <, days[k - 1] + gap_days);
      if (i > 0)
        g_assert_false (days[c->first] < days[c->first - 1] + gap_days);
      g_assert_cmpfloat (c->x_start, <=, c->x_end);
      g_assert_cmpfloat (c->x_start, >=, 0);
      g_assert_cmpfloat (c->x_end, <, s->width);
    }
  g_assert_cmpuint (total, ==, hi - lo);
}

static void
test_lower_bound (void)
{
  static const double days[] = { 1, 2, 2, 2, 5, 8, 8, 13 };
  guint n = G_N_ELEMENTS (days);

  for (double day = -1; day <= 15; day += 0.5)
    {
      guint expected = 0;

      while (expected < n && days[expected] < day)
        expected++;
      g_assert_cmpuint (pl_time_scale_lower_bound (days, n, day), ==, expected);
    }
  g_assert_cmpuint (pl_time_scale_lower_bound (days, 0, 3), ==, 0);
  g_assert_cmpuint (pl_time_scale_lower_bound (NULL, 0, 3), ==, 0);
}

static void
test_cluster_basic (void)
{
  static const double days[] = {
    5, 10, 10.1, 10.2, 20, 30, 30.05, 30.05, 95, 99.99, 100, 120,
  };
  g_autoptr (GArray) clusters = cluster_array ();
  /* 0.1 day per pixel; 5 px is half a day. */
  PlTimeScale s = make_scale (8, 100, 920);
  static const struct { guint first; guint count; } expected[] = {
    { 1, 3 }, { 4, 1 }, { 5, 3 }, { 8, 1 }, { 9, 1 },
  };

  pl_cluster_events (days, G_N_ELEMENTS (days), &s, 5, clusters);
  check_clusters (days, G_N_ELEMENTS (days), &s, 5, clusters);
  g_assert_cmpuint (clusters->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < clusters->len; i++)
    {
      const PlCluster *c = &g_array_index (clusters, PlCluster, i);

      g_assert_cmpuint (c->first, ==, expected[i].first);
      g_assert_cmpuint (c->count, ==, expected[i].count);
      assert_close (c->x_start, pl_time_scale_day_to_x (&s, days[c->first]), 1e-9);
      assert_close (c->x_end, pl_time_scale_day_to_x (&s, days[c->first + c->count - 1]),
                    1e-9);
    }

  /* A chain of close events is one cluster even if its ends are far. */
  static const double chain[] = { 10, 10.4, 10.8, 11.2, 11.6, 12.0 };

  pl_cluster_events (chain, G_N_ELEMENTS (chain), &s, 5, clusters);
  g_assert_cmpuint (clusters->len, ==, 1);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 0).count, ==, 6);

  /* Bounded, the same chain splits where it would pass 12 px (1.2 days)
   * from its first event. */
  pl_cluster_events_bounded (chain, G_N_ELEMENTS (chain), &s, 5, 12, clusters);
  g_assert_cmpuint (clusters->len, ==, 2);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 0).first, ==, 0);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 0).count, ==, 3);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 1).first, ==, 3);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 1).count, ==, 3);
  /* A dense run of 10,000 events a tenth of a pixel apart becomes clusters
   * of at most 30 px, each starting at least 30 px after the last. */
  {
    g_autofree double *dense = g_new (double, 10000);
    guint total = 0;

    for (guint i = 0; i < 10000; i++)
      dense[i] = 8 + i * 0.01;
    pl_cluster_events_bounded (dense, 10000, &s, 5, 30, clusters);
    g_assert_cmpuint (clusters->len, >=, 30);
    for (guint i = 0; i < clusters->len; i++)
      {
        const PlCluster *c = &g_array_index (clusters, PlCluster, i);

        g_assert_cmpfloat (c->x_end - c->x_start, <, 30);
        if (i > 0)
          g_assert_cmpfloat (c->x_start - g_array_index (clusters, PlCluster, i - 1).x_start, >=, 30 - 1e-9);
        total += c->count;
      }
    g_assert_cmpuint (total, ==, pl_time_scale_lower_bound (dense, 10000, s.end_day));
  }

  /* Exactly the gap apart is not closer: that event starts a cluster. */
  static const double exact[] = { 10, 10, 14, 20, 23.5, 27.5 };
  static const struct { guint first; guint count; } exact_expected[] = {
    { 0, 2 }, { 2, 1 }, { 3, 2 }, { 5, 1 },
  };
  PlTimeScale one_day_per_px = make_scale (0, 1000, 1000);

  pl_cluster_events (exact, G_N_ELEMENTS (exact), &one_day_per_px, 4, clusters);
  g_assert_cmpuint (clusters->len, ==, G_N_ELEMENTS (exact_expected));
  for (guint i = 0; i < clusters->len; i++)
    {
      g_assert_cmpuint (g_array_index (clusters, PlCluster, i).first, ==,
                        exact_expected[i].first);
      g_assert_cmpuint (g_array_index (clusters, PlCluster, i).count, ==,
                        exact_expected[i].count);
    }

  /* No gap: every event alone, even two on the same day. */
  pl_cluster_events (days, G_N_ELEMENTS (days), &s, 0, clusters);
  check_clusters (days, G_N_ELEMENTS (days), &s, 0, clusters);
  g_assert_cmpuint (clusters->len, ==, 9);

  /* Nothing visible, nothing at all, or no size yet. */
  s = make_scale (200, 300, 500);
  pl_cluster_events (days, G_N_ELEMENTS (days), &s, 5, clusters);
  g_assert_cmpuint (clusters->len, ==, 0);
  pl_cluster_events (NULL, 0, &s, 5, clusters);
  g_assert_cmpuint (clusters->len, ==, 0);
  s = make_scale (0, 300, 0);
  pl_cluster_events (days, G_N_ELEMENTS (days), &s, 5, clusters);
  g_assert_cmpuint (clusters->len, ==, 0);
}

static void
test_cluster_split_on_zoom (void)
{
  g_autoptr (GArray) clusters = cluster_array ();
  double days[40];

  /* Four bursts of ten events an hour apart, the bursts a month apart. */
  for (guint b = 0; b < 4; b++)
    for (guint k = 0; k < 10; k++)
      days[b * 10 + k] = 739000 + 30 * b + k / 24.0;

  PlTimeScale s = make_scale (738990, 739110, 1000);
  guint previous = 0;

  /* Far out, everything is one cluster. */
  pl_time_scale_zoom (&s, 0.01, 500);
  pl_cluster_events (days, 40, &s, 6, clusters);
  check_clusters (days, 40, &s, 6, clusters);
  g_assert_cmpuint (clusters->len, ==, 1);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 0).count, ==, 40);

  /* Zooming in around the bursts splits them, never merges. */
  pl_time_scale_fit (&s, 739000, 739090, 0.05);
  pl_cluster_events (days, 40, &s, 6, clusters);
  check_clusters (days, 40, &s, 6, clusters);
  g_assert_cmpuint (clusters->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (g_array_index (clusters, PlCluster, i).count, ==, 10);

  previous = clusters->len;
  for (guint i = 0; i < 40; i++)
    {
      /* Anchored on the first event, the first burst stays in view. */
      double anchor = pl_time_scale_day_to_x (&s, days[0]);

      pl_time_scale_zoom (&s, 1.25, anchor);
      pl_cluster_events (days, 40, &s, 6, clusters);
      check_clusters (days, 40, &s, 6, clusters);

      guint in_burst = 0, burst_events = 0;

      for (guint k = 0; k < clusters->len; k++)
        {
          const PlCluster *c = &g_array_index (clusters, PlCluster, k);

          if (c->first < 10)
            {
              in_burst++;
              burst_events += c->count;
            }
        }
      g_assert_cmpuint (burst_events, ==, 10);
      if (i > 0)
        g_assert_cmpuint (in_burst, >=, previous);
      previous = in_burst;
    }
  /* At two days across 1000 px an hour is about 21 px: all apart. */
  g_assert_cmpfloat (span_of (&s), ==, PL_TIME_SCALE_MIN_SPAN);
  g_assert_cmpuint (previous, ==, 10);
}

/* Only the visible window counts, and its edges are exact. */
static void
test_cluster_visible_only (void)
{
  g_autoptr (GArray) clusters = cluster_array ();
  static const double days[] = { 99, 99.999, 100, 100.001, 150, 199.999, 200, 200 };
  PlTimeScale s = make_scale (100, 200, 100);

  pl_cluster_events (days, G_N_ELEMENTS (days), &s, 3, clusters);
  check_clusters (days, G_N_ELEMENTS (days), &s, 3, clusters);
  g_assert_cmpuint (clusters->len, ==, 3);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 0).first, ==, 2);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 0).count, ==, 2);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 2).first, ==, 5);
  g_assert_cmpuint (g_array_index (clusters, PlCluster, 2).count, ==, 1);
}

/* Clumpy random data: bursts of near-identical days, sparse stretches
 * and exact duplicates, so both the sparse and the galloping paths run. */
static double *
random_days (guint  n,
             double start,
             double mean_gap)
{
  double *days = g_new (double, n);
  double day = start;

  for (guint i = 0; i < n; i++)
    {
      switch (g_test_rand_int_range (0, 4))
        {
        case 0:
          break;
        case 1:
          day += g_test_rand_double_range (0, mean_gap * 0.01);
          break;
        case 2:
          day += g_test_rand_double_range (0, mean_gap);
          break;
        default:
          day += g_test_rand_double_range (0, mean_gap * 3);
          break;
        }
      if (g_test_rand_int_range (0, 5000) == 0)
        day += mean_gap * 20000;
      days[i] = day;
    }
  return days;
}

static void
test_cluster_random (void)
{
  for (guint round = 0; round < 300; round++)
    {
      guint n = g_test_rand_int_range (0, 3000);
      g_autofree double *days = random_days (n, 730000, 0.5);
      PlTimeScale s;
      double gap = g_test_rand_double_range (0, 12);

      if (n == 0)
        s = make_scale (0, 10, 100);
      else if (round % 2 == 0)
        {
          /* Quarter days, whole pixels and one day per pixel: every sum
           * is exact, so events land exactly on the gap as often as not. */
          for (guint i = 0; i < n; i++)
            days[i] = floor (days[i] * 4) / 4;
          gap = g_test_rand_int_range (0, 6);
          s.start_day = floor (days[g_test_rand_int_range (0, n)]) - 1;
          s.end_day = s.start_day + g_test_rand_int_range (2, 800);
          s.width = s.end_day - s.start_day;
        }
      else
        {
          double a = days[g_test_rand_int_range (0, n)];
          double b = days[g_test_rand_int_range (0, n)];

          s = make_scale (MIN (a, b) - 1, MAX (a, b) + g_test_rand_double_range (0.1, 5),
                          g_test_rand_double_range (100, 2000));
        }

      g_autoptr (GArray) clusters = cluster_array ();
      g_autoptr (GArray) expected = naive_clusters (days, n, &s, gap);

      pl_cluster_events (days, n, &s, gap, clusters);
      check_clusters (days, n, &s, gap, clusters);
      assert_same_clusters (clusters, expected);
    }
}

/* A million events in view, as the widget will have them: the answer is
 * the oracle's, and bounded by the pixels rather than the events. */
static void
test_cluster_million (void)
{
  const guint n = 1000000;
  g_autofree double *days = random_days (n, 1, 0.3);
  g_autoptr (GArray) clusters = cluster_array ();
  double last = days[n - 1];
  double a = days[n / 10 * 3], b = days[n / 2], c = days[n / 10 * 7];
  PlTimeScale views[] = {
    make_scale (0, last + 1, 1920),
    make_scale (a - 1825, a + 1825, 1920),
    make_scale (b - 15, b + 15, 1920),
    make_scale (c - 1, c + 1, 800),
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      const PlTimeScale *s = &views[i];
      g_autoptr (GArray) expected = naive_clusters (days, n, s, 4);
      guint visible = 0;

      pl_cluster_events (days, n, s, 4, clusters);
      check_clusters (days, n, s, 4, clusters);
      assert_same_clusters (clusters, expected);

      for (guint k = 0; k < clusters->len; k++)
        visible += g_array_index (clusters, PlCluster, k).count;
      g_test_message ("view %u: %u events in %u clusters", i, visible,
                      clusters->len);
      /* Clusters are at least 4 px apart. */
      g_assert_cmpuint (clusters->len, <=, s->width / 4 + 1);
    }

  /* The whole range holds every event. */
  pl_cluster_events (days, n, &views[0], 4, clusters);
  guint total = 0;

  for (guint k = 0; k < clusters->len; k++)
    total += g_array_index (clusters, PlCluster, k).count;
  g_assert_cmpuint (total, ==, n);
  g_assert_cmpuint (clusters->len, >, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-scale/calendar/against-gdate", test_calendar_against_gdate);
  g_test_add_func ("/time-scale/calendar/continuity", test_calendar_continuity);
  g_test_add_func ("/time-scale/view/round-trip", test_round_trip);
  g_test_add_func ("/time-scale/view/mirror", test_mirror);
  g_test_add_func ("/time-scale/view/zoom", test_zoom);
  g_test_add_func ("/time-scale/view/pan", test_pan);
  g_test_add_func ("/time-scale/view/fit", test_fit);
  g_test_add_func ("/time-scale/view/clamp", test_clamp);
  g_test_add_func ("/time-scale/ticks/step-choice", test_ticks_step_choice);
  g_test_add_func ("/time-scale/ticks/random-views", test_ticks_random_views);
  g_test_add_func ("/time-scale/ticks/every-step", test_ticks_every_step);
  g_test_add_func ("/time-scale/ticks/leap-years", test_ticks_leap_years);
  g_test_add_func ("/time-scale/ticks/edges", test_ticks_edges);
  g_test_add_func ("/time-scale/ticks/bounded", test_ticks_bounded);
  g_test_add_func ("/time-scale/ticks/major", test_ticks_major);
  g_test_add_func ("/time-scale/labels/tick-format", test_tick_format);
  g_test_add_func ("/time-scale/labels/range", test_format_range);
  g_test_add_func ("/time-scale/layout/basic", test_label_layout_basic);
  g_test_add_func ("/time-scale/layout/random", test_label_layout_random);
  g_test_add_func ("/time-scale/layout/unsorted", test_label_layout_unsorted);
  g_test_add_func ("/time-scale/cluster/lower-bound", test_lower_bound);
  g_test_add_func ("/time-scale/cluster/basic", test_cluster_basic);
  g_test_add_func ("/time-scale/cluster/split-on-zoom", test_cluster_split_on_zoom);
  g_test_add_func ("/time-scale/cluster/visible-only", test_cluster_visible_only);
  g_test_add_func ("/time-scale/cluster/random", test_cluster_random);
  g_test_add_func ("/time-scale/cluster/million", test_cluster_million);

  return g_test_run ();
}
