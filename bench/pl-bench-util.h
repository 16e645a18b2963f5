/* pl-bench-util.h — what the benchmarks share: figures and main-loop watches
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A timer on the main loop noting the longest it went without running:
 * how long the window would have been held. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  source;
} PlBenchWatch;

void   pl_bench_watch_start (PlBenchWatch *watch,
                             guint         interval_ms);
double pl_bench_watch_stop  (PlBenchWatch *watch);

void   pl_bench_summarize   (GArray       *times,
                             double        out[2]);

G_END_DECLS
