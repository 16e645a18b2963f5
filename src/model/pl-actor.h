/* pl-actor.h — a person, state, organisation, outlet or group
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_ACTOR (pl_actor_get_type ())
G_DECLARE_FINAL_TYPE (PlActor, pl_actor, PL, ACTOR, PlRecord)

struct _PlActor
{
  PlRecord      parent_instance;
  char         *name;
  PlActorKind   kind;
  char         *country;
  char         *role;
  char         *summary;
};

G_END_DECLS
