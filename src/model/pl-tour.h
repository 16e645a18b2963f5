/* pl-tour.h — a guided path through the story: chosen events in the order to present them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_TOUR (pl_tour_get_type ())
G_DECLARE_FINAL_TYPE (PlTour, pl_tour, PL, TOUR, PlRecord)

struct _PlTour
{
  PlRecord      parent_instance;
  char         *title;
  char         *intro;      /* "" when the tour has none */
  PlRecordList  events;     /* PlEvent, in the tour's order, not by date */
};

G_END_DECLS
