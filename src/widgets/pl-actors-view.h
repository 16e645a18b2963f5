/* pl-actors-view.h — the actors as cards, sortable and filtered, and one actor's page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-filter.h"
#include "model/pl-user-db.h"

G_BEGIN_DECLS

#define PL_TYPE_ACTORS_VIEW (pl_actors_view_get_type ())
G_DECLARE_FINAL_TYPE (PlActorsView, pl_actors_view, PL, ACTORS_VIEW, GtkWidget)

void        pl_actors_view_set_filter (PlActorsView *self,
                                       PlFilter     *filter);
void        pl_actors_view_show_actor (PlActorsView *self,
                                       PlActor      *actor);
void        pl_actors_view_show_all   (PlActorsView *self);
PlActor    *pl_actors_view_get_actor  (PlActorsView *self);
GListModel *pl_actors_view_get_shown  (PlActorsView *self);


G_END_DECLS
