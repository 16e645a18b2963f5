/* pl-handout.h — the printed handout: the events shown, on a timeline strip and as a list with quotes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"
#include "model/pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_HANDOUT (pl_handout_get_type ())
G_DECLARE_FINAL_TYPE (PlHandout, pl_handout, PL, HANDOUT, GtkPrintOperation)

/* A print operation for @events (PlEvent of @store, in chronological
 * order), taken as they are now; @filter, if given, is what chose them
 * and is described under the title. */
PlHandout *pl_handout_new        (PlStore    *store,
                                  GListModel *events,
                                  PlFilter   *filter);
/* Shows the print dialog for @parent and prints, without blocking; the
 * settings chosen are offered again next time. A failure is reported
 * through @parent's win.toast action. */
void       pl_handout_run_dialog (PlHandout  *self,
                                  GtkWindow  *parent);

G_END_DECLS
