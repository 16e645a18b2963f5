/* pl-test-util.c — helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pl-importer.h"
#include "pl-test-util.h"

char *
pl_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pactline-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
pl_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        pl_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
pl_test_write_file (const char *dir,
                    const char *name,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
pl_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

char *
pl_test_read_example (void)
{
  g_autofree char *path = pl_test_data_path ("example.json");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

char *
pl_test_import (const char *dir,
                const char *name,
                const char *json)
{
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *sqlite_name = g_strconcat (name, ".sqlite", NULL);
  g_autofree char *json_path = pl_test_write_file (dir, json_name, json, -1);
  char *sqlite_path = g_build_filename (dir, sqlite_name, NULL);
  g_autoptr(PlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!pl_import_file (json_path, sqlite_path, NULL, NULL, NULL, &report, &error))
    {
      for (guint i = 0; report != NULL && i < report->problems->len; i++)
        g_test_message ("%s", (char *) report->problems->pdata[i]);
    }
  g_assert_no_error (error);
  return sqlite_path;
}
