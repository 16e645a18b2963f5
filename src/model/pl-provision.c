/* pl-provision.c — an article or clause of a treaty
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-provision.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PlProvision, pl_provision, PL_TYPE_RECORD)

static const PlField provision_fields[] = {
  { "treaty", PL_FIELD_RECORD, G_STRUCT_OFFSET (PlProvision, treaty), 0 },
  { "article", PL_FIELD_STRING, G_STRUCT_OFFSET (PlProvision, article), G_TYPE_INVALID },
  { "area", PL_FIELD_STRING, G_STRUCT_OFFSET (PlProvision, area), G_TYPE_INVALID },
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlProvision, title), G_TYPE_INVALID },
  { "summary", PL_FIELD_STRING, G_STRUCT_OFFSET (PlProvision, summary), G_TYPE_INVALID },
  { "text", PL_FIELD_STRING, G_STRUCT_OFFSET (PlProvision, text), G_TYPE_INVALID },
  { "strength", PL_FIELD_ENUM, G_STRUCT_OFFSET (PlProvision, strength), 0 },
  { "themes", PL_FIELD_LIST, G_STRUCT_OFFSET (PlProvision, themes), G_TYPE_INVALID },
  { "sources", PL_FIELD_LIST, G_STRUCT_OFFSET (PlProvision, sources), G_TYPE_INVALID },
};

static void
pl_provision_class_init (PlProvisionClass *klass)
{
  static PlField fields[G_N_ELEMENTS (provision_fields)];

  memcpy (fields, provision_fields, sizeof fields);
  fields[0].value_type = PL_TYPE_TREATY;
  fields[6].value_type = PL_TYPE_STRENGTH;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_PROVISION,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_provision_init (PlProvision *self)
{
}
