/* pl-quote.c — a verbatim passage with its speaker and source
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-quote.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PlQuote, pl_quote, PL_TYPE_RECORD)

static const PlField quote_fields[] = {
  { "text", PL_FIELD_STRING, G_STRUCT_OFFSET (PlQuote, text), G_TYPE_INVALID },
  { "speaker", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlQuote, speaker), 0 },
  { "document", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlQuote, document), 0 },
  { "source", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlQuote, source), 0 },
  { "said-on", PL_FIELD_DATE, G_STRUCT_OFFSET (PlQuote, said_on), G_TYPE_INVALID },
  { "context", PL_FIELD_STRING, G_STRUCT_OFFSET (PlQuote, context), G_TYPE_INVALID },
  { "events", PL_FIELD_LIST, G_STRUCT_OFFSET (PlQuote, events), G_TYPE_INVALID },
  { "provisions", PL_FIELD_LIST, G_STRUCT_OFFSET (PlQuote, provisions), G_TYPE_INVALID },
};

static void
pl_quote_class_init (PlQuoteClass *klass)
{
  static PlField fields[G_N_ELEMENTS (quote_fields)];

  memcpy (fields, quote_fields, sizeof fields);
  fields[1].value_type = PL_TYPE_ACTOR;
  fields[2].value_type = PL_TYPE_TREATY;
  fields[3].value_type = PL_TYPE_SOURCE;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_QUOTE,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_quote_init (PlQuote *self)
{
}
