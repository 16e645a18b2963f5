/* pl-event.c — a dated event with its actors, themes and sources
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-event.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PlEvent, pl_event, PL_TYPE_RECORD)

static const PlField event_fields[] = {
  { "start", PL_FIELD_DATE, G_STRUCT_OFFSET (PlEvent, start), G_TYPE_INVALID },
  { "end", PL_FIELD_DATE, G_STRUCT_OFFSET (PlEvent, end), G_TYPE_INVALID },
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlEvent, title), G_TYPE_INVALID },
  { "summary", PL_FIELD_STRING, G_STRUCT_OFFSET (PlEvent, summary), G_TYPE_INVALID },
  { "kind", PL_FIELD_ENUM, G_STRUCT_OFFSET (PlEvent, kind), 0 },
  { "certainty", PL_FIELD_ENUM, G_STRUCT_OFFSET (PlEvent, certainty), 0 },
  { "date-note", PL_FIELD_STRING, G_STRUCT_OFFSET (PlEvent, date_note), G_TYPE_INVALID },
  { "actors", PL_FIELD_LIST, G_STRUCT_OFFSET (PlEvent, actors), G_TYPE_INVALID },
  { "themes", PL_FIELD_LIST, G_STRUCT_OFFSET (PlEvent, themes), G_TYPE_INVALID },
  { "sources", PL_FIELD_LIST, G_STRUCT_OFFSET (PlEvent, sources), G_TYPE_INVALID },
};

static void
pl_event_class_init (PlEventClass *klass)
{
  static PlField fields[G_N_ELEMENTS (event_fields)];

  memcpy (fields, event_fields, sizeof fields);
  fields[4].value_type = PL_TYPE_EVENT_KIND;
  fields[5].value_type = PL_TYPE_CERTAINTY;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_EVENT,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_event_init (PlEvent *self)
{
}
