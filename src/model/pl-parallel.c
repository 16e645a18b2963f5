/* pl-parallel.c — one piece of work cut into parts run at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The passes over every event that follow each change of a filter are
 * cut into parts, one per processor, on large datasets. The caller does
 * the first part itself and waits for the others, which a shared pool of
 * threads does; a part the pool cannot take is done by the caller too.
 * Parts must not wait for each other.
 */
#include "config.h"

#include "pl-parallel.h"

typedef struct
{
  PlParallelFunc func;
  gpointer       user_data;
  guint          n_parts;
  GMutex         mutex;
  GCond          cond;
  guint          n_pending;
} Run;

typedef struct
{
  Run   *run;
  guint  part;
} Job;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  Run *run = job->run;

  run->func (job->part, run->n_parts, run->user_data);
  g_mutex_lock (&run->mutex);
  if (--run->n_pending == 0)
    g_cond_signal (&run->cond);
  g_mutex_unlock (&run->mutex);
}

static GThreadPool *
pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (run_job, NULL, PL_PARALLEL_MAX_PARTS - 1, FALSE, NULL));
  return pool;
}

/* As many parts as processors, but none smaller than @min_items_per_part
 * and always at least one. */
guint
pl_parallel_n_parts (guint n_items,
                     guint min_items_per_part)
{
  guint n = MIN ((guint) g_get_num_processors (), n_items / MAX (min_items_per_part, 1));

  return CLAMP (n, 1, PL_PARALLEL_MAX_PARTS);
}

/* Runs @func for each part 0 .. @n_parts - 1 (at most
 * PL_PARALLEL_MAX_PARTS) and returns when all are done. */
void
pl_parallel_run (guint          n_parts,
                 PlParallelFunc func,
                 gpointer       user_data)
{
  Job jobs[PL_PARALLEL_MAX_PARTS];
  Run run = { func, user_data, n_parts, { 0 }, { 0 }, 0 };

  g_return_if_fail (n_parts >= 1 && n_parts <= PL_PARALLEL_MAX_PARTS);

  if (n_parts == 1)
    {
      func (0, 1, user_data);
      return;
    }

  g_mutex_init (&run.mutex);
  g_cond_init (&run.cond);
  run.n_pending = n_parts - 1;
  for (guint p = 1; p < n_parts; p++)
    {
      jobs[p] = (Job) { &run, p };
      if (!g_thread_pool_push (pool (), &jobs[p], NULL))
        run_job (&jobs[p], NULL);
    }
  func (0, n_parts, user_data);

  g_mutex_lock (&run.mutex);
  while (run.n_pending > 0)
    g_cond_wait (&run.cond, &run.mutex);
  g_mutex_unlock (&run.mutex);
  g_mutex_clear (&run.mutex);
  g_cond_clear (&run.cond);
}
