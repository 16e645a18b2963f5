/* main.c — entry point of the pactline binary
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pl-application.h"
#include "pl-command-line.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PlApplication) application = NULL;
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Validating, importing and summarizing need no display. */
  if (pl_command_line_handle (argc, argv, &status))
    return status;

  application = pl_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
