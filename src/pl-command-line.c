/* pl-command-line.c — the commands of the pactline binary that need no window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "model/pl-error.h"
#include "model/pl-importer.h"
#include "model/pl-notes.h"
#include "model/pl-store.h"
#include "model/pl-timelinejs.h"
#include "model/pl-user-db.h"
#include "pl-command-line.h"
#include "pl-data-dir.h"

#define BUNDLED_DATASET "russia-iran-2025.sqlite"

/* The bundled dataset: installed in the package data directory (found
 * from the binary's own place first, see pl-data-dir.c), or in the build
 * tree when PACTLINE_DATASET_DIR says so (meson devenv and the tests set it). */
char *
pl_command_line_default_dataset (void)
{
  const char *dir = g_getenv ("PACTLINE_DATASET_DIR");

  if (dir == NULL || dir[0] == '\0')
    return pl_data_dir_find ("datasets" G_DIR_SEPARATOR_S BUNDLED_DATASET);

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

  if (g_str_has_suffix (path, ".json") || pl_timelinejs_is_csv_path (path))
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

/* A dataset imported by the window lives in the cache under a name made
 * from its source's path; find the one with this id. */
static PlStore *
find_cached_dataset (const char *dataset_id)
{
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "pactline", NULL);
  g_autoptr(GDir) dir = g_dir_open (cache_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(PlStore) store = NULL;

      if (!g_str_has_suffix (name, ".sqlite"))
        continue;
      path = g_build_filename (cache_dir, name, NULL);
      store = pl_store_open (path, NULL, NULL);
      if (store != NULL && g_strcmp0 (pl_store_get_dataset_id (store), dataset_id) == 0)
        return g_steal_pointer (&store);
    }

  return NULL;
}

/* The dataset whose notes to export: the bundled one by default, a dataset
 * file, or an id. An id that no dataset at hand has still names notes;
 * they are then exported without titles (*store is NULL). */
static gboolean
resolve_dataset (const char  *dataset,
                 PlStore    **store,
                 char       **dataset_id,
                 GError     **error)
{
  g_autofree char *bundled_path = pl_command_line_default_dataset ();
  g_autoptr(PlStore) bundled = NULL;

  /* Something that looks like a path is one, and must be there. */
  if (dataset == NULL || g_file_test (dataset, G_FILE_TEST_IS_REGULAR) ||
      strchr (dataset, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (dataset, ".sqlite"))
    {
      const char *path = dataset != NULL ? dataset : bundled_path;

      *store = pl_store_open (path, NULL, error);
      if (*store == NULL)
        {
          g_prefix_error (error, _("Could not open the dataset %s: "), path);
          return FALSE;
        }
      *dataset_id = g_strdup (pl_store_get_dataset_id (*store));
      return TRUE;
    }

  *dataset_id = g_strdup (dataset);
  bundled = pl_store_open (bundled_path, NULL, NULL);
  if (bundled != NULL && g_strcmp0 (pl_store_get_dataset_id (bundled), dataset) == 0)
    *store = g_steal_pointer (&bundled);
  else
    *store = find_cached_dataset (dataset);

  return TRUE;
}

static int
export_notes (const char *path,
              const char *dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlUserDb) db = NULL;
  g_autofree char *dataset_id = NULL;
  PlNotesFormat format;
  guint n_exported = 0;

  /* Before anything is opened: a wrong name is the likeliest mistake. */
  if (!pl_notes_format_for_path (path, &format, &error) ||
      !resolve_dataset (dataset, &store, &dataset_id, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  db = pl_user_db_open (NULL, &error);
  if (db == NULL)
    {
      g_printerr (_("Could not open the notes database: %s\n"), error->message);
      return 1;
    }
  if (pl_user_db_get_set_aside_path (db) != NULL)
    g_printerr (_("The notes database could not be read (%s) and was moved to %s; a new one was started.\n"),
                pl_user_db_get_set_aside_reason (db), pl_user_db_get_set_aside_path (db));

  if (!pl_notes_export_file (db, dataset_id, store, path, &n_exported, &error))
    {
      g_printerr (_("Could not export the notes to %s: %s\n"), path, error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: %u is a number, the first %s a dataset's id, the second a file */
                        "Wrote %u note on %s to %s\n",
                        "Wrote %u notes on %s to %s\n", n_exported),
           n_exported, dataset_id, path);
  if (store == NULL && format == PL_NOTES_FORMAT_MARKDOWN)
    g_printerr (_("No dataset with the id %s was found, so items are shown by their ids.\n"), dataset_id);
  return 0;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* Every event of a dataset, as TimelineJS3 JSON. The dataset is a dataset
 * file, an id, the bundled one by default, or a JSON or CSV dataset, which
 * is imported into a temporary file first. */
static int
export_timelinejs (const char *path,
                   const char *dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autofree char *dataset_id = NULL;
  g_autofree char *tmp_dir = NULL;
  guint n_written = 0;
  int status = 1;

  if (dataset != NULL && (g_str_has_suffix (dataset, ".json") || pl_timelinejs_is_csv_path (dataset)))
    {
      g_autoptr(PlImportReport) report = NULL;
      g_autofree char *sqlite_path = NULL;

      tmp_dir = g_dir_make_tmp ("pactline-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      sqlite_path = g_build_filename (tmp_dir, "dataset.sqlite", NULL);
      if (!pl_import_file (dataset, sqlite_path, NULL, NULL, NULL, &report, &error))
        {
          if (report != NULL && report->n_problems > 0)
            print_problems (report);
          g_printerr (_("%s: nothing was written: %s\n"), dataset, error->message);
          goto out;
        }
      store = pl_store_open (sqlite_path, NULL, &error);
      if (store == NULL)
        {
          g_printerr (_("Could not open the dataset %s: %s\n"), dataset, error->message);
          goto out;
        }
    }
  else if (!resolve_dataset (dataset, &store, &dataset_id, &error))
    {
      g_printerr ("%s\n", error->message);
      goto out;
    }
  else if (store == NULL)
    {
      g_printerr (_("No dataset with the id %s was found\n"), dataset_id);
      goto out;
    }

  if (!pl_timelinejs_export_file (store, pl_store_get_items (store, PL_ITEM_KIND_EVENT), path, &n_written, &error))
    {
      g_printerr (_("Could not export for TimelineJS to %s: %s\n"), path, error->message);
      goto out;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        /* Translators: %u is a number, the first %s a dataset's id, the second a file */
                        "Wrote %u event of %s to %s for TimelineJS\n",
                        "Wrote %u events of %s to %s for TimelineJS\n", n_written),
           n_written, pl_store_get_dataset_id (store), path);
  status = 0;

out:
  /* The store closes its file before the file goes. */
  g_clear_object (&store);
  if (tmp_dir != NULL)
    remove_dir (tmp_dir);
  return status;
}

gboolean
pl_command_line_handle (int    argc,
                        char **argv,
                        int   *exit_status)
{
  g_autofree char *validate_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *export_notes_path = NULL;
  g_autofree char *export_timelinejs_path = NULL;
  g_autofree char *dataset = NULL;
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
    { "export-notes", 0, 0, G_OPTION_ARG_FILENAME, &export_notes_path,
      N_("Write your notes on a dataset as Markdown or JSON, by the file’s extension"), N_("FILE.md|FILE.json") },
    { "export-timelinejs", 0, 0, G_OPTION_ARG_FILENAME, &export_timelinejs_path,
      N_("Write every event of a dataset as TimelineJS3 JSON"), N_("FILE.json") },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset,
      N_("Whose notes --export-notes writes, or what --export-timelinejs writes: a dataset’s id or file (default: the bundled dataset)"), N_("ID|FILE.sqlite") },
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
  else if (export_notes_path != NULL)
    *exit_status = export_notes (export_notes_path, dataset);
  else if (export_timelinejs_path != NULL)
    {
      if (dataset != NULL && files != NULL && files[0] != NULL)
        {
          g_printerr (_("Open one dataset at a time\n"));
          *exit_status = 2;
        }
      else
        *exit_status = export_timelinejs (export_timelinejs_path,
                                          dataset != NULL ? dataset : files != NULL ? files[0] : NULL);
    }
  else if (dataset != NULL)
    {
      g_printerr (_("--dataset goes with --export-notes or --export-timelinejs: pactline --export-notes FILE.md --dataset ID\n"));
      *exit_status = 2;
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
