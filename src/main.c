/* main.c — entry point of the pactline binary
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "model/pl-sqlite.h"
#include "pl-application.h"
#include "pl-command-line.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PlApplication) application = NULL;
  const char *localedir = g_getenv ("PACTLINE_LOCALEDIR");
  int status = 0;

  /* Before anything is translated: GLib decides once, on the first
   * g_dgettext(), whether this domain has a catalogue for the locale, and
   * GTK reads the text direction from its own catalogue then too.
   * `meson devenv` and the tests point PACTLINE_LOCALEDIR at the build
   * tree's catalogues; an install uses its own. */
  setlocale (LC_ALL, "");
  pl_sqlite_configure ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Validating, importing and summarizing need no display. */
  if (pl_command_line_handle (argc, argv, &status))
    return status;

  application = pl_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
