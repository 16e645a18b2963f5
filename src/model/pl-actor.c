/* pl-actor.c — a person, state, organisation, outlet or group
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-actor.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PlActor, pl_actor, PL_TYPE_RECORD)

static const PlField actor_fields[] = {
  { "name", PL_FIELD_STRING, G_STRUCT_OFFSET (PlActor, name), G_TYPE_INVALID },
  { "kind", PL_FIELD_ENUM, G_STRUCT_OFFSET (PlActor, kind), 0 },
  { "country", PL_FIELD_STRING, G_STRUCT_OFFSET (PlActor, country), G_TYPE_INVALID },
  { "role", PL_FIELD_STRING, G_STRUCT_OFFSET (PlActor, role), G_TYPE_INVALID },
  { "summary", PL_FIELD_STRING, G_STRUCT_OFFSET (PlActor, summary), G_TYPE_INVALID },
};

static void
pl_actor_class_init (PlActorClass *klass)
{
  static PlField fields[G_N_ELEMENTS (actor_fields)];

  memcpy (fields, actor_fields, sizeof fields);
  fields[1].value_type = PL_TYPE_ACTOR_KIND;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_ACTOR,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_actor_init (PlActor *self)
{
}
