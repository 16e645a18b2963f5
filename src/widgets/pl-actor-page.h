/* pl-actor-page.h — one actor: who they are, their events on a small timeline, their quotes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/pl-store.h"
#include "model/pl-notebook.h"

G_BEGIN_DECLS

#define PL_TYPE_ACTOR_PAGE (pl_actor_page_get_type ())
G_DECLARE_FINAL_TYPE (PlActorPage, pl_actor_page, PL, ACTOR_PAGE, GtkWidget)

void     pl_actor_page_set_actor (PlActorPage *self,
                                  PlStore     *store,
                                  PlActor     *actor);
PlActor    *pl_actor_page_get_actor (PlActorPage *self);
void        pl_actor_page_set_notebook (PlActorPage *self,
                                        PlNotebook  *notebook);
const char *pl_actor_kind_label    (int          kind);

G_END_DECLS
