/* pl-preferences.h — the Preferences window: style, timeline text size, lanes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PL_TYPE_PREFERENCES (pl_preferences_get_type ())
G_DECLARE_FINAL_TYPE (PlPreferences, pl_preferences, PL, PREFERENCES, AdwPreferencesWindow)

/* Every row edits a key of @settings at once; there is nothing to apply. */
GtkWidget *pl_preferences_new (GSettings *settings);

/* The value each choice row stands for, for GSettings mappings. */
double     pl_preferences_text_scale_for (const char *size);

G_END_DECLS
