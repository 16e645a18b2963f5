/* pl-store-private.h — what tests may watch in a PlStore
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-store.h"

G_BEGIN_DECLS

/* Called, in the searching thread, each time SQLite's progress handler
 * looks at whether a search in a thread (pl_store_match_positions_in_thread)
 * was cancelled: a test cancels from it to cancel in mid-query. */
void pl_store_set_search_progress_hook (PlStore        *self,
                                        GSourceFunc     hook,
                                        gpointer        data);

G_END_DECLS
