/* fuzz-timelinejs-csv.c — libFuzzer target for TimelineJS spreadsheets saved as CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer takes a file whose name ends in ".csv" for the TimelineJS
 * spreadsheet template and converts it into a dataset before the usual
 * checks. Each input is written to such a file and validated; one that
 * validates is imported into SQLite as well. Build and run it with
 * build-aux/fuzz (docs/testing.md).
 */
#include "config.h"

#include "fuzz-common.h"
#include "pl-importer.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(PlImportReport) import_report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = fuzz_write ("Timeline.csv", data, size);
  g_autofree char *sqlite_path = fuzz_path ("dataset.sqlite");
  gboolean valid;

  valid = pl_import_validate_file (csv_path, &report, &error);
  if (report == NULL || valid != (error == NULL) || valid != (report->n_problems == 0))
    abort ();
  fuzz_check_problems (report->problems);

  if (valid)
    {
      if (!pl_import_file (csv_path, sqlite_path, NULL, NULL, NULL, &import_report, &error))
        g_error ("A valid spreadsheet did not import: %s", error->message);
      g_unlink (sqlite_path);
    }

  g_unlink (csv_path);
  return 0;
}
