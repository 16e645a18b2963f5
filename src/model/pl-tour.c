/* pl-tour.c — a guided path through the story: chosen events in the order to present them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-tour.h"

G_DEFINE_FINAL_TYPE (PlTour, pl_tour, PL_TYPE_RECORD)

static const PlField tour_fields[] = {
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlTour, title), G_TYPE_INVALID },
  { "intro", PL_FIELD_STRING, G_STRUCT_OFFSET (PlTour, intro), G_TYPE_INVALID },
  { "events", PL_FIELD_LIST, G_STRUCT_OFFSET (PlTour, events), G_TYPE_INVALID },
};

static void
pl_tour_class_init (PlTourClass *klass)
{
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_TOUR,
                                  tour_fields, G_N_ELEMENTS (tour_fields));
}

static void
pl_tour_init (PlTour *self)
{
}
