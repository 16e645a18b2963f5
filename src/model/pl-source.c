/* pl-source.c — a source that the dataset's claims come from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-source.h"

#include <string.h>

G_DEFINE_FINAL_TYPE (PlSource, pl_source, PL_TYPE_RECORD)

static const PlField source_fields[] = {
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlSource, title), G_TYPE_INVALID },
  { "outlet", PL_FIELD_STRING, G_STRUCT_OFFSET (PlSource, outlet), G_TYPE_INVALID },
  { "author", PL_FIELD_STRING, G_STRUCT_OFFSET (PlSource, author), G_TYPE_INVALID },
  { "published", PL_FIELD_DATE, G_STRUCT_OFFSET (PlSource, published), G_TYPE_INVALID },
  { "url", PL_FIELD_STRING, G_STRUCT_OFFSET (PlSource, url), G_TYPE_INVALID },
  { "kind", PL_FIELD_ENUM, G_STRUCT_OFFSET (PlSource, kind), 0 },
  { "description", PL_FIELD_STRING, G_STRUCT_OFFSET (PlSource, description), G_TYPE_INVALID },
};

static void
pl_source_class_init (PlSourceClass *klass)
{
  static PlField fields[G_N_ELEMENTS (source_fields)];

  memcpy (fields, source_fields, sizeof fields);
  fields[5].value_type = PL_TYPE_SOURCE_KIND;
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_SOURCE,
                                  fields, G_N_ELEMENTS (fields));
}

static void
pl_source_init (PlSource *self)
{
}
