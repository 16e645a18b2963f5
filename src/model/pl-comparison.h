/* pl-comparison.h — a cell of the comparison matrix: one treaty and one clause type
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-clause-type.h"
#include "pl-record.h"
#include "pl-treaty.h"

G_BEGIN_DECLS

#define PL_TYPE_COMPARISON (pl_comparison_get_type ())
G_DECLARE_FINAL_TYPE (PlComparison, pl_comparison, PL, COMPARISON, PlRecord)

/* Its id is "<clause type id>/<treaty id>"; ids never contain "/", so it is
 * unique. The evidence lists hold what supports the value. */
struct _PlComparison
{
  PlRecord           parent_instance;
  PlClauseType      *clause_type;
  PlTreaty          *treaty;
  PlComparisonValue  value;
  char              *note;
  PlRecordList       provisions;
  PlRecordList       quotes;
  PlRecordList       events;
  PlRecordList       sources;
};

G_END_DECLS
