/* pl-places.h — a list view's items as places whose rows change
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PL_TYPE_PLACE (pl_place_get_type ())
G_DECLARE_FINAL_TYPE (PlPlace, pl_place, PL, PLACE, GObject)

#define PL_TYPE_PLACES (pl_places_get_type ())
G_DECLARE_FINAL_TYPE (PlPlaces, pl_places, PL, PLACES, GObject)

typedef void (*PlPlaceShowFunc) (GtkListItem *item,
                                 GObject     *row,
                                 gpointer     user_data);

PlPlaces *pl_places_new          (GListModel      *rows);
GObject  *pl_place_get_row       (PlPlace         *self);
void      pl_places_bind_item    (GtkListItem     *item,
                                  PlPlaceShowFunc  show,
                                  gpointer         user_data);
void      pl_places_unbind_item  (GtkListItem     *item);

G_END_DECLS
