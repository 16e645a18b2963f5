/* fuzz-dataset.c — libFuzzer target for the JSON dataset validator and importer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is validated from memory, as a file dropped on the window is.
 * One that validates is then imported for real: written to a file, turned
 * into a SQLite dataset by pl_import_file() and opened again with PlStore,
 * which reads back every kind of item. TimelineJS3 JSON is recognised by
 * its content and converted on the way, so this target covers that reader
 * too. Build and run it with build-aux/fuzz (docs/testing.md).
 */
#include "config.h"

#include "fuzz-common.h"
#include "pl-enums.h"
#include "pl-error.h"
#include "pl-importer.h"
#include "pl-store.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_report (const PlImportReport *report,
              gboolean              valid,
              const GError         *error)
{
  /* The contract of the API: a report always, an error exactly when the
   * dataset has problems, and every problem listed up to the limit. */
  if (report == NULL)
    abort ();
  if (valid != (error == NULL) || valid != (report->n_problems == 0))
    abort ();
  if (report->problems->len != MIN (report->n_problems, PL_IMPORT_MAX_PROBLEMS))
    abort ();
  fuzz_check_problems (report->problems);
}

static void
read_back (const char *sqlite_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (sqlite_path, NULL, &error);

  /* What the importer wrote, the store must open. */
  if (store == NULL)
    g_error ("An imported dataset does not open: %s", error->message);

  for (PlItemKind kind = PL_ITEM_KIND_EVENT; kind <= PL_ITEM_KIND_TOUR; kind++)
    {
      GListModel *items = pl_store_get_items (store, kind);
      guint n = items != NULL ? g_list_model_get_n_items (items) : 0;

      for (guint i = 0; i < n; i++)
        g_object_unref (g_list_model_get_item (items, i));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(PlImportReport) import_report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *sqlite_path = NULL;
  gboolean valid;

  valid = pl_import_validate_data ((const char *) data, size, &report, &error);
  check_report (report, valid, error);
  if (!valid)
    return 0;

  /* Valid: the SQLite writing, then reading it back. */
  json_path = fuzz_write ("input.json", data, size);
  sqlite_path = fuzz_path ("dataset.sqlite");
  if (!pl_import_file (json_path, sqlite_path, NULL, NULL, NULL, &import_report, &error))
    g_error ("A valid dataset did not import: %s", error->message);
  check_report (import_report, TRUE, NULL);
  if (import_report->n_events != report->n_events)
    abort ();

  read_back (sqlite_path);

  g_unlink (sqlite_path);
  g_unlink (json_path);
  return 0;
}
