/* pl-theme.c — a theme events and provisions are grouped by
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-theme.h"

G_DEFINE_FINAL_TYPE (PlTheme, pl_theme, PL_TYPE_RECORD)

static const PlField theme_fields[] = {
  { "name", PL_FIELD_STRING, G_STRUCT_OFFSET (PlTheme, name), G_TYPE_INVALID },
  { "color", PL_FIELD_STRING, G_STRUCT_OFFSET (PlTheme, color), G_TYPE_INVALID },
};

static void
pl_theme_class_init (PlThemeClass *klass)
{
  pl_record_class_install_fields (PL_RECORD_CLASS (klass), PL_ITEM_KIND_THEME,
                                  theme_fields, G_N_ELEMENTS (theme_fields));
}

static void
pl_theme_init (PlTheme *self)
{
}
