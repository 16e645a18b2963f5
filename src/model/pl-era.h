/* pl-era.h — a period shaded behind the timeline
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_ERA (pl_era_get_type ())
G_DECLARE_FINAL_TYPE (PlEra, pl_era, PL, ERA, PlRecord)

struct _PlEra
{
  PlRecord      parent_instance;
  char         *title;
  PlDate        start;
  PlDate        end;
  char         *color;
  char         *summary;
};

G_END_DECLS
