/* pl-application.c — the Pactline application: actions, accelerators, windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pl-application.h"
#include "pl-command-line.h"
#include "pl-window.h"

struct _PlApplication
{
  AdwApplication parent_instance;
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

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Pactline developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (application);

  adw_show_about_window (parent,
                         "application-name", _("Pactline"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Pactline developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Read, annotate and present treaties, events and quotes, each traceable to its source."),
                         NULL);
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

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
pl_application_startup (GApplication *application)
{
  GtkApplication *gtk_app = GTK_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "view.show-filters", { "F8", NULL } },
    { "win.show-view::timeline", { "<Alt>1", NULL } },
    { "win.show-view::actors", { "<Alt>2", NULL } },
    { "win.show-view::provisions", { "<Alt>3", NULL } },
    { "win.show-view::quotes", { "<Alt>4", NULL } },
    { "win.show-view::notes", { "<Alt>5", NULL } },
    { "win.toggle-chronicle", { "<Control>l", NULL } },
    { "view.show-detail", { "F9", NULL } },
  };

  G_APPLICATION_CLASS (pl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);
}

static void
pl_application_class_init (PlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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
