/* pl-clause-type.h — a row of the comparison matrix: a kind of clause treaties may have
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_CLAUSE_TYPE (pl_clause_type_get_type ())
G_DECLARE_FINAL_TYPE (PlClauseType, pl_clause_type, PL, CLAUSE_TYPE, PlRecord)

struct _PlClauseType
{
  PlRecord      parent_instance;
  char         *title;
  char         *description;
};

G_END_DECLS
