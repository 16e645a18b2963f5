/* pl-treaty.h — a treaty and its parties
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_TREATY (pl_treaty_get_type ())
G_DECLARE_FINAL_TYPE (PlTreaty, pl_treaty, PL, TREATY, PlRecord)

struct _PlTreaty
{
  PlRecord      parent_instance;
  char         *title;
  PlRecordList  parties;
  PlDate        signed_on;  /* "signed" is a C keyword */
  char         *summary;
};

G_END_DECLS
