/* pl-command-line.c — the commands of the pactline binary that need no window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "model/pl-error.h"
#include "model/pl-importer.h"
#include "model/pl-store.h"
#include "pl-command-line.h"

#define BUNDLED_DATASET "russia-iran-2025.sqlite"

/* The bundled dataset: installed under PKGDATADIR, or in the build tree
 * when PACTLINE_DATASET_DIR says so (meson devenv and the tests set it). */
char *
pl_command_line_default_dataset (void)
{
  const char *dir = g_getenv ("PACTLINE_DATASET_DIR");

  if (dir == NULL || dir[0] == '\0')
    return g_build_filename (PKGDATADIR, "datasets", BUNDLED_DATASET, NULL);

  return g_build_filename (dir, BUNDLED_DATASET, NULL);
}

static void
print_problems (const PlImportReport *report)
{
  for (guint i = 0; i < report->problems->len; i++)
    g_printerr ("%s\n", (const char *) report->problems->pdata[i]);

  if (report->n_problems > report->problems->len)
    g_printerr (_("… and %u more problems\n"), report->n_problems - report->problems->len);
}

static int
validate (const char *path)
{
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!pl_import_validate_file (path, &report, &error))
    {
      if (report != NULL && report->n_problems > 0)
        print_problems (report);
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  {
    g_autofree char *summary = pl_import_report_summary (report);
    g_print (_("%s is valid — %s\n"), path, summary);
  }
  return 0;
}

static int
import (const char *json_path,
        const char *sqlite_path)
{
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (!pl_import_file (json_path, sqlite_path, NULL, NULL, NULL, &report, &error))
    {
      if (report != NULL && report->n_problems > 0)
        print_problems (report);
      g_printerr (_("%s: nothing was written: %s\n"), json_path, error->message);
      return 1;
    }

  summary = pl_import_report_summary (report);
  g_print (_("Wrote %s — %s\n"), sqlite_path, summary);
  return 0;
}

static guint
n_items (PlStore    *store,
         PlItemKind  kind)
{
  return g_list_model_get_n_items (pl_store_get_items (store, kind));
}

/* What a dataset holds, for scripts and for a quick look without a window. */
static int
summarize (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  GListModel *events;
  guint n_events;

  if (g_str_has_suffix (path, ".json"))
    return validate (path);

  store = pl_store_open (path, NULL, &error);
  if (store == NULL)
    {
      g_printerr (_("Could not open %s: %s\n"), path, error->message);
      return 1;
    }

  events = pl_store_get_items (store, PL_ITEM_KIND_EVENT);
  n_events = g_list_model_get_n_items (events);

  g_print ("%s\n", pl_store_get_title (store));
  g_print (_("Dataset %s, version %s (%s)\n"), pl_store_get_dataset_id (store),
           pl_store_get_metadata (store, "version") ? pl_store_get_metadata (store, "version") : "?",
           path);
  g_print (_("%u events, %u actors, %u quotes, %u treaties, %u provisions, %u sources, %u themes, %u eras\n"),
           n_events, n_items (store, PL_ITEM_KIND_ACTOR), n_items (store, PL_ITEM_KIND_QUOTE),
           n_items (store, PL_ITEM_KIND_TREATY), n_items (store, PL_ITEM_KIND_PROVISION),
           n_items (store, PL_ITEM_KIND_SOURCE), n_items (store, PL_ITEM_KIND_THEME),
           n_items (store, PL_ITEM_KIND_ERA));

  if (n_events > 0)
    {
      g_autoptr(PlEvent) first = g_list_model_get_item (events, 0);
      g_autoptr(PlEvent) last = g_list_model_get_item (events, n_events - 1);
      g_autofree char *from = pl_date_format (&first->start);
      g_autofree char *to = pl_date_format (&last->start);

      g_print (_("From %s (%s) to %s (%s)\n"), from, first->title, to, last->title);
    }

  return 0;
}

gboolean
pl_command_line_handle (int    argc,
                        char **argv,
                        int   *exit_status)
{
  g_autofree char *validate_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *output_path = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = NULL;
  gboolean version = FALSE;
  gboolean summary = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_FILENAME, &validate_path,
      N_("Check a JSON dataset and print every problem with its place"), N_("FILE.json") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_path,
      N_("Build a dataset file from a JSON dataset (with --output)"), N_("FILE.json") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Where --import writes the dataset file"), N_("FILE.sqlite") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary,
      N_("Print what a dataset holds instead of opening a window"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE]") },
    { NULL }
  };

  /* The window parses the same arguments again, so work on a copy. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Read, annotate and present treaties, events and quotes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, FALSE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      *exit_status = 2;
      return TRUE;
    }

  if (files != NULL && g_strv_length (files) > 1)
    {
      g_printerr (_("Open one dataset at a time\n"));
      *exit_status = 2;
      return TRUE;
    }

  if (version)
    {
      g_print ("pactline %s\n", PACKAGE_VERSION);
      *exit_status = 0;
    }
  else if (validate_path != NULL)
    *exit_status = validate (validate_path);
  else if (import_path != NULL || output_path != NULL)
    {
      if (import_path == NULL || output_path == NULL)
        {
          g_printerr (_("--import and --output go together: pactline --import FILE.json --output FILE.sqlite\n"));
          *exit_status = 2;
        }
      else
        *exit_status = import (import_path, output_path);
    }
  else if (summary)
    {
      g_autofree char *bundled = pl_command_line_default_dataset ();
      *exit_status = summarize (files != NULL && files[0] != NULL ? files[0] : bundled);
    }
  else
    return FALSE;

  return TRUE;
}
