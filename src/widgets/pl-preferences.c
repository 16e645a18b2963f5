/* pl-preferences.c — the Preferences window: style, timeline text size, lanes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three choices, each bound to its GSettings key, so a change shows at
 * once in every window and is remembered: the style (follow the system,
 * light or dark), the timeline's text size, and how the timeline groups
 * events into lanes by default.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-preferences.h"

struct _PlPreferences
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (PlPreferences, pl_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const styles[] = { "default", "light", "dark", NULL };
static const char * const text_sizes[] = { "small", "normal", "large", "larger", NULL };
static const char * const lane_modes[] = { "theme", "actor", "none", NULL };

double
pl_preferences_text_scale_for (const char *size)
{
  if (g_strcmp0 (size, "small") == 0)
    return 0.85;
  if (g_strcmp0 (size, "large") == 0)
    return 1.25;
  if (g_strcmp0 (size, "larger") == 0)
    return 1.5;
  return 1.0;
}

/* GSettings string ↔ the row's position in its list. */
static gboolean
get_position (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], text))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
set_position (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  const char * const *choices = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[position]);
}

static GtkWidget *
choice_row (PlPreferences      *self,
            const char         *title,
            const char         *subtitle,
            const char         *key,
            const char * const *choices,
            const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_unref (model);
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                get_position, set_position, (gpointer) choices, NULL);
  return row;
}

static void
pl_preferences_dispose (GObject *object)
{
  PlPreferences *self = PL_PREFERENCES (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pl_preferences_parent_class)->dispose (object);
}

static void
pl_preferences_class_init (PlPreferencesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pl_preferences_dispose;
}

static void
pl_preferences_init (PlPreferences *self)
{
}

GtkWidget *
pl_preferences_new (GSettings *settings)
{
  PlPreferences *self = g_object_new (PL_TYPE_PREFERENCES, NULL);
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *appearance = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *timeline = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *style_labels[] = {
    /* Translators: the style follows the system's light or dark setting */
    _("Follow System"), _("Light"), _("Dark"), NULL,
  };
  const char *size_labels[] = { _("Small"), _("Normal"), _("Large"), _("Larger"), NULL };
  const char *lane_labels[] = { _("By Theme"), _("By Actor"), _("No Lanes"), NULL };

  g_set_object (&self->settings, settings);

  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");

  adw_preferences_group_set_title (appearance, _("Appearance"));
  adw_preferences_group_add (appearance, choice_row (self, _("Style"), NULL, "style", styles, style_labels));
  adw_preferences_page_add (page, appearance);

  adw_preferences_group_set_title (timeline, _("Timeline"));
  adw_preferences_group_add (timeline, choice_row (self, _("Text Size"),
                                                   _("Titles, dates and labels; rows grow with them"),
                                                   "timeline-text-size", text_sizes, size_labels));
  adw_preferences_group_add (timeline, choice_row (self, _("Lanes"),
                                                   _("How the timeline groups events"),
                                                   "lane-mode", lane_modes, lane_labels));
  adw_preferences_page_add (page, timeline);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 420);
  return GTK_WIDGET (self);
}
