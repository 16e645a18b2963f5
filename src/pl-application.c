/* pl-application.c — the Pactline application: actions, accelerators, windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/pl-store.h"
#include "pl-application.h"
#include "pl-command-line.h"
#include "pl-window.h"
#include "widgets/pl-preferences.h"
#include "widgets/pl-widgets.h"

struct _PlApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (PlApplication, pl_application, ADW_TYPE_APPLICATION)

static PlWindow *
new_window (PlApplication *self)
{
  PlWindow *window = pl_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
pl_application_activate (GApplication *application)
{
  PlApplication *self = PL_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autofree char *bundled = pl_command_line_default_dataset ();
      g_autoptr(GFile) file = g_file_new_for_path (bundled);

      pl_window_open (new_window (self), file);
      return;
    }

  gtk_window_present (window);
}

static void
pl_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PlApplication *self = PL_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    pl_window_open (new_window (self), files[i]);
}

/* A source's credit line. AdwAboutWindow reads "name <email>" and
 * "name http://…" out of a credit and makes links of them, so the title's
 * angle brackets become look-alikes (no mailto: link from a title) and an
 * address inside it gets an invisible word joiner after the colon (no link
 * from a title, and no title cut short). The address itself follows only
 * when it is a web one. */
static char *
source_credit (PlSource *source)
{
  g_autoptr(GString) credit = g_string_new (source->title);

  g_string_replace (credit, "<", "‹", 0);
  g_string_replace (credit, ">", "›", 0);
  g_string_replace (credit, "://", ":\u2060//", 0);
  if (pl_uri_is_web (source->url))
    g_string_append_printf (credit, " %s", source->url);

  return g_string_free (g_steal_pointer (&credit), FALSE);
}

/* The sources the bundled dataset was built from, as it names them, so the
 * About window credits them; a source with a web address links to it. */
static GStrv
bundled_dataset_sources (void)
{
  g_autofree char *path = pl_command_line_default_dataset ();
  g_autoptr(PlStore) store = pl_store_open (path, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *items = store != NULL ? pl_store_get_items (store, PL_ITEM_KIND_SOURCE) : NULL;

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PlSource) source = g_list_model_get_item (items, i);
      g_autofree char *credit = source_credit (source);

      g_strv_builder_add (builder, credit);
    }

  return g_strv_builder_end (builder);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Pactline developers", NULL };
  g_auto(GStrv) sources = bundled_dataset_sources ();
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "modal", TRUE,
                        "application-name", _("Pactline"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Pactline developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Pactline developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/pactline/pactline",
                        "issue-url", "https://github.com/pactline/pactline/issues",
                        "comments", _("Read, annotate and present treaties, events and quotes, each traceable to its source."),
                        NULL);
  if (sources[0] != NULL)
    {
      adw_about_window_add_acknowledgement_section (about, _("Sources of the Bundled Dataset"),
                                                    (const char **) sources);
      adw_about_window_add_legal_section (about, _("Bundled Dataset"), NULL, GTK_LICENSE_CUSTOM,
                                          _("The bundled dataset is built from the articles listed under "
                                            "Acknowledgements. Its summaries are written in the "
                                            "project’s own words; its quotes are copied verbatim from the articles "
                                            "and remain their authors’ work."));
    }
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *application = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (application)));

  /* Closing each window saves its state; the application ends with the
   * last one. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PlApplication *self = user_data;
  GtkWidget *preferences = pl_preferences_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The style the reader chose: the system's, or always light or dark. */
static void
style_changed (PlApplication *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "style");
  AdwColorScheme scheme = g_str_equal (style, "light") ? ADW_COLOR_SCHEME_FORCE_LIGHT
                        : g_str_equal (style, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                        : ADW_COLOR_SCHEME_DEFAULT;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
pl_application_startup (GApplication *application)
{
  GtkApplication *gtk_app = GTK_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "view.show-filters", { "F8", NULL } },
    { "win.show-view::timeline", { "<Alt>1", NULL } },
    { "win.show-view::actors", { "<Alt>2", NULL } },
    { "win.show-view::provisions", { "<Alt>3", NULL } },
    { "win.show-view::quotes", { "<Alt>4", NULL } },
    { "win.show-view::notes", { "<Alt>5", NULL } },
    { "win.toggle-chronicle", { "<Control>l", NULL } },
    { "win.present('')", { "F5", NULL } },
    { "view.show-detail", { "F9", NULL } },
  };

  G_APPLICATION_CLASS (pl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);

  PL_APPLICATION (application)->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (PL_APPLICATION (application)->settings, "changed::style",
                            G_CALLBACK (style_changed), application);
  style_changed (PL_APPLICATION (application));
}

static void
pl_application_dispose (GObject *object)
{
  g_clear_object (&PL_APPLICATION (object)->settings);

  G_OBJECT_CLASS (pl_application_parent_class)->dispose (object);
}

static void
pl_application_class_init (PlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pl_application_dispose;

  app_class->activate = pl_application_activate;
  app_class->open = pl_application_open;
  app_class->startup = pl_application_startup;
}

static void
pl_application_init (PlApplication *self)
{
}

PlApplication *
pl_application_new (void)
{
  return g_object_new (PL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/pactline/Pactline",
                       NULL);
}
