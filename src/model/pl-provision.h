/* pl-provision.h — an article or clause of a treaty
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"
#include "pl-treaty.h"

G_BEGIN_DECLS

#define PL_TYPE_PROVISION (pl_provision_get_type ())
G_DECLARE_FINAL_TYPE (PlProvision, pl_provision, PL, PROVISION, PlRecord)

struct _PlProvision
{
  PlRecord      parent_instance;
  PlTreaty     *treaty;
  char         *article;
  char         *area;
  char         *title;
  char         *summary;
  char         *text;
  PlStrength    strength;
  PlRecordList  themes;
  PlRecordList  sources;
};

G_END_DECLS
