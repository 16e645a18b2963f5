/* pl-bench-util.c — what the benchmarks share: figures and main-loop watches
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pl-bench-util.h"

static gboolean
watch_tick (gpointer data)
{
  PlBenchWatch *watch = data;
  gint64 now = g_get_monotonic_time ();

  watch->longest = MAX (watch->longest, now - watch->last);
  watch->last = now;
  return G_SOURCE_CONTINUE;
}

/* Starts @watch with a timer every @interval_ms. */
void
pl_bench_watch_start (PlBenchWatch *watch,
                      guint         interval_ms)
{
  watch->last = g_get_monotonic_time ();
  watch->longest = 0;
  watch->source = g_timeout_add (interval_ms, watch_tick, watch);
}

/* Stops @watch, the stretch since its last tick counted too; the longest
 * stretch in milliseconds. */
double
pl_bench_watch_stop (PlBenchWatch *watch)
{
  watch_tick (watch);
  g_clear_handle_id (&watch->source, g_source_remove);
  return watch->longest / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median and the 95th percentile of @times (doubles), which it
 * sorts; NAN for none. */
void
pl_bench_summarize (GArray *times,
                    double  out[2])
{
  guint n = times->len;

  g_array_sort (times, compare_doubles);
  out[0] = n > 0 ? g_array_index (times, double, n / 2) : NAN;
  out[1] = n > 0 ? g_array_index (times, double, MIN (n - 1, (guint) ceil (n * 0.95) - 1)) : NAN;
}
