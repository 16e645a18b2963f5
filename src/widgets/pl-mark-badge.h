/* pl-mark-badge.h — the reader's marks on one item, shown on cards and rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-notebook.h"

G_BEGIN_DECLS

#define PL_TYPE_MARK_BADGE (pl_mark_badge_get_type ())
G_DECLARE_FINAL_TYPE (PlMarkBadge, pl_mark_badge, PL, MARK_BADGE, GtkWidget)

GtkWidget  *pl_mark_badge_new          (void);
/* Shows @item_id's star, highlight, note and tags as @notebook has them,
 * and follows the notebook's changes. @notebook may be NULL: no marks. */
void        pl_mark_badge_set_item     (PlMarkBadge *self,
                                        PlNotebook  *notebook,
                                        PlItemKind   kind,
                                        const char  *item_id);
/* "Starred, yellow highlight, has a note, tags: exam" — what the badge
 * shows, in words; NULL when it shows nothing. */
const char *pl_mark_badge_get_summary  (PlMarkBadge *self);

G_END_DECLS
