/* pl-treaty.c — a treaty and its parties
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-treaty.h"

G_DEFINE_FINAL_TYPE (PlTreaty, pl_treaty, PL_TYPE_RECORD)

static const PlField treaty_fields[] = {
  { "title", PL_FIELD_STRING, G_STRUCT_OFFSET (PlTreaty, title), G_TYPE_INVALID },
  { "parties", PL_FIELD_LIST, G_STRUCT_OFFSET (PlTreaty, parties), G_TYPE_INVALID },
  { "signed", PL_FIELD_DATE, G_STRUCT_OFFSET (PlTreaty, signed_on), G_TYPE_INVALID },
  { "summary", PL_FIELD_STRING, G_STRUCT_OFFSET (PlTreaty, summary), G_TYPE_INVALID },
};

static void
pl_treaty_class_init (PlTreatyClass *klass)
{
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_TREATY,
                                  treaty_fields, G_N_ELEMENTS (treaty_fields));
}

static void
pl_treaty_init (PlTreaty *self)
{
}
