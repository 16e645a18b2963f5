/* pl-filter-private.h — what tests may change in a PlFilter
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-filter.h"

G_BEGIN_DECLS

/* The pass over the events in @n_parts parts, run at once in threads;
 * 0 lets the filter choose by the number of events and processors. */
void pl_filter_set_n_parts (PlFilter *self,
                            guint     n_parts);

G_END_DECLS
