/* pl-quote.h — a verbatim passage with its speaker and source
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"
#include "pl-actor.h"
#include "pl-source.h"
#include "pl-treaty.h"

G_BEGIN_DECLS

#define PL_TYPE_QUOTE (pl_quote_get_type ())
G_DECLARE_FINAL_TYPE (PlQuote, pl_quote, PL, QUOTE, PlRecord)

struct _PlQuote
{
  PlRecord      parent_instance;
  char         *text;
  PlActor      *speaker;
  PlTreaty     *document;
  PlSource     *source;
  PlDate        said_on;
  char         *context;
  PlRecordList  events;
  PlRecordList  provisions;
};

char *pl_quote_format_citation (PlQuote *self);

G_END_DECLS
