/* pl-theme.h — a theme events and provisions are grouped by
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-record.h"

G_BEGIN_DECLS

#define PL_TYPE_THEME (pl_theme_get_type ())
G_DECLARE_FINAL_TYPE (PlTheme, pl_theme, PL, THEME, PlRecord)

struct _PlTheme
{
  PlRecord      parent_instance;
  char         *name;
  char         *color;
};

G_END_DECLS
