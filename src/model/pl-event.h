/* pl-event.h — a dated event with its actors, themes and sources
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_EVENT (pl_event_get_type ())
G_DECLARE_FINAL_TYPE (PlEvent, pl_event, PL, EVENT, PlRecord)

struct _PlEvent
{
  PlRecord      parent_instance;
  PlDate        start;
  PlDate        end;
  char         *title;
  char         *summary;
  PlEventKind   kind;
  PlCertainty   certainty;
  char         *date_note;
  PlRecordList  actors;
  PlRecordList  themes;
  PlRecordList  sources;

  /* The days the event covers as Julian day numbers: from the first day
   * of its start to the end of the last day of its end (or of its start),
   * so end_day is one past the last day. Worked out once, when the store
   * loads the event, since views read them for every event they lay out. */
  double        first_day;
  double        end_day;
};

G_END_DECLS
