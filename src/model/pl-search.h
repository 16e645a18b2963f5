/* pl-search.h — turns what a user types into a safe FTS5 query
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pl_search_build_query (const char *text);

G_END_DECLS
