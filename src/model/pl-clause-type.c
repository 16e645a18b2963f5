/* pl-clause-type.c — a row of the comparison matrix: a kind of clause treaties may have
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-clause-type.h"

G_DEFINE_FINAL_TYPE (PlClauseType, pl_clause_type, PL_TYPE_RECORD)

static const PlField clause_type_fields[] = {
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlClauseType, title), G_TYPE_INVALID },
  { "description", PL_FIELD_STRING, G_STRUCT_OFFSET (PlClauseType, description), G_TYPE_INVALID },
};

static void
pl_clause_type_class_init (PlClauseTypeClass *klass)
{
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_CLAUSE_TYPE,
                                  clause_type_fields, G_N_ELEMENTS (clause_type_fields));
}

static void
pl_clause_type_init (PlClauseType *self)
{
}
