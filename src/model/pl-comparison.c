/* pl-comparison.c — a cell of the comparison matrix: one treaty and one clause type
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-comparison.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PlComparison, pl_comparison, PL_TYPE_RECORD)

static const PlField comparison_fields[] = {
  { "clause-type", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlComparison, clause_type), 0 },
  { "treaty", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlComparison, treaty), 0 },
  { "value", PL_FIELD_ENUM, G_STRUCT_OFFSET (PlComparison, value), 0 },
  { "note", PL_FIELD_STRING, G_STRUCT_OFFSET (PlComparison, note), G_TYPE_INVALID },
  { "provisions", PL_FIELD_LIST, G_STRUCT_OFFSET (PlComparison, provisions), G_TYPE_INVALID },
  { "quotes", PL_FIELD_LIST, G_STRUCT_OFFSET (PlComparison, quotes), G_TYPE_INVALID },
  { "events", PL_FIELD_LIST, G_STRUCT_OFFSET (PlComparison, events), G_TYPE_INVALID },
  { "sources", PL_FIELD_LIST, G_STRUCT_OFFSET (PlComparison, sources), G_TYPE_INVALID },
};

static void
pl_comparison_class_init (PlComparisonClass *klass)
{
  static PlField fields[G_N_ELEMENTS (comparison_fields)];

  memcpy (fields, comparison_fields, sizeof fields);
  fields[0].value_type = PL_TYPE_CLAUSE_TYPE;
  fields[1].value_type = PL_TYPE_TREATY;
  fields[2].value_type = PL_TYPE_COMPARISON_VALUE;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_COMPARISON,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_comparison_init (PlComparison *self)
{
}
