/* pl-parallel.h — one piece of work cut into parts run at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_PARALLEL_MAX_PARTS 8

/* Does part @part of @n_parts. */
typedef void (*PlParallelFunc) (guint    part,
                                guint    n_parts,
                                gpointer user_data);

guint pl_parallel_n_parts (guint n_items,
                           guint min_items_per_part);
void  pl_parallel_run     (guint          n_parts,
                           PlParallelFunc func,
                           gpointer       user_data);

G_END_DECLS
