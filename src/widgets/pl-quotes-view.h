/* pl-quotes-view.h — every quote of the dataset that matches the filter, as cards
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"

G_BEGIN_DECLS

#define PL_TYPE_QUOTES_VIEW (pl_quotes_view_get_type ())
G_DECLARE_FINAL_TYPE (PlQuotesView, pl_quotes_view, PL, QUOTES_VIEW, GtkWidget)

void        pl_quotes_view_set_filter (PlQuotesView *self,
                                       PlFilter     *filter);
gboolean    pl_quotes_view_show_quote (PlQuotesView *self,
                                       PlQuote      *quote);
PlQuote    *pl_quotes_view_get_selected (PlQuotesView *self);
GListModel *pl_quotes_view_get_shown  (PlQuotesView *self);

G_END_DECLS
