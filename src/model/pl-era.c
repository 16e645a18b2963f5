/* pl-era.c — a period shaded behind the timeline
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-era.h"

G_DEFINE_FINAL_TYPE (PlEra, pl_era, PL_TYPE_RECORD)

static const PlField era_fields[] = {
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlEra, title), G_TYPE_INVALID },
  { "start", PL_FIELD_DATE, G_STRUCT_OFFSET (PlEra, start), G_TYPE_INVALID },
  { "end", PL_FIELD_DATE, G_STRUCT_OFFSET (PlEra, end), G_TYPE_INVALID },
  { "color", PL_FIELD_STRING, G_STRUCT_OFFSET (PlEra, color), G_TYPE_INVALID },
  { "summary", PL_FIELD_STRING, G_STRUCT_OFFSET (PlEra, summary), G_TYPE_INVALID },
};

static void
pl_era_class_init (PlEraClass *klass)
{
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_ERA,
                                  era_fields, G_N_ELEMENTS (era_fields));
}

static void
pl_era_init (PlEra *self)
{
}
