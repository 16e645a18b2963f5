/* pl-source.h — a source that the dataset's claims come from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_SOURCE (pl_source_get_type ())
G_DECLARE_FINAL_TYPE (PlSource, pl_source, PL, SOURCE, PlRecord)

struct _PlSource
{
  PlRecord      parent_instance;
  char         *title;
  char         *outlet;
  char         *author;
  PlDate        published;
  char         *url;
  PlSourceKind  kind;
  char         *description;
};

G_END_DECLS
