/* fuzz-notes.c — libFuzzer target for importing a notes file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is merged, as an exported notes file, into a fresh notes
 * database in the scratch folder, which is removed again afterwards so no
 * input sees what another one wrote. Build and run it with build-aux/fuzz
 * (docs/testing.md).
 */
#include "config.h"

#include "fuzz-common.h"
#include "pl-notes.h"
#include "pl-user-db.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *db_path = fuzz_path ("notes.sqlite");
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(PlNotesImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  db = pl_user_db_open (db_path, &error);
  if (db == NULL)
    g_error ("Could not open a notes database: %s", error->message);

  ok = pl_notes_import_data (db, (const char *) data, size, NULL,
                             PL_NOTES_IMPORT_DEFAULT, &report, &error);
  if (ok != (error == NULL))
    abort ();
  if (report != NULL)
    {
      g_autofree char *summary = pl_notes_import_report_summary (report);
      g_autofree char *description = pl_notes_import_report_describe (report);

      fuzz_check_problems (report->problems);
      if (!g_utf8_validate (summary, -1, NULL) || !g_utf8_validate (description, -1, NULL))
        abort ();
    }

  g_clear_object (&db);
  remove_database (db_path);
  return 0;
}
