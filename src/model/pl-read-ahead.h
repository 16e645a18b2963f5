/* pl-read-ahead.h — a dataset file read into memory in order, while SQLite reads it at random
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlReadAhead PlReadAhead;

PlReadAhead *pl_read_ahead_start  (const char  *path);
void         pl_read_ahead_finish (PlReadAhead *self,
                                   gboolean     stop);

G_END_DECLS
