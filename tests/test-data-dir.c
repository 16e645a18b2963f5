/* test-data-dir.c — the installed data is found beside the binary, else under the prefix
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pl-data-dir.h"
#include "pl-test-util.h"

#define DATASET "datasets" G_DIR_SEPARATOR_S "bundled.sqlite"

/* A copy of an install under @root: bin/pactline (its path only) and the
 * dataset where the binary's relative data path leads. Returns the binary's
 * path. */
static char *
make_install (const char *root,
              char      **dataset_path)
{
  g_autofree char *bindir = g_build_filename (root, "bin", NULL);
  g_autofree char *datasets = g_build_filename (bindir, PKGDATADIR_FROM_BINDIR, "datasets", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (bindir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (datasets, 0700), ==, 0);
  path = g_build_filename (datasets, "bundled.sqlite", NULL);
  g_file_set_contents (path, "SQLite format 3", -1, &error);
  g_assert_no_error (error);

  *dataset_path = g_canonicalize_filename (path, NULL);
  return g_build_filename (bindir, "pactline", NULL);
}

/* meson computes the relative path from bindir and datadir: it must lead
 * from the binary's directory to the very PKGDATADIR of a normal install. */
static void
test_relative_path_matches_prefix (void)
{
  const char *relative = PKGDATADIR_FROM_BINDIR;
  guint n_up = 0;

  if (relative[0] == '\0')
    {
      g_test_skip ("bindir or datadir lies outside the prefix: no relocation");
      return;
    }

  g_assert_false (g_path_is_absolute (relative));
  while (g_str_has_prefix (relative, "../"))
    {
      relative += 3;
      n_up++;
    }
  g_assert_cmpuint (n_up, >, 0);
  g_assert_false (strstr (relative, "..") != NULL);
  g_assert_true (g_str_has_suffix (PKGDATADIR, relative));
  g_assert_true (g_str_has_suffix (relative, "pactline"));
}

static void
test_beside_binary (void)
{
  g_autofree char *root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *found = NULL;

  if (PKGDATADIR_FROM_BINDIR[0] == '\0')
    {
      g_test_skip ("bindir or datadir lies outside the prefix: no relocation");
      return;
    }

  root = pl_test_mkdtemp ();
  exe = make_install (root, &expected);
  found = pl_data_dir_find_for_exe (exe, DATASET);
  g_assert_cmpstr (found, ==, expected);
  /* A clean path, as users see it in the window and in messages. */
  g_assert_null (strstr (found, ".."));
  g_assert_true (g_str_has_prefix (found, root));
  g_assert_true (g_file_test (found, G_FILE_TEST_IS_REGULAR));

  pl_test_rmdir (root);
}

static void
test_nothing_beside_binary (void)
{
  g_autofree char *root = pl_test_mkdtemp ();
  g_autofree char *exe = g_build_filename (root, "bin", "pactline", NULL);
  g_autofree char *expected = g_build_filename (PKGDATADIR, DATASET, NULL);
  g_autofree char *found = pl_data_dir_find_for_exe (exe, DATASET);

  g_assert_cmpstr (found, ==, expected);
  pl_test_rmdir (root);
}

static void
test_other_file_beside_binary (void)
{
  g_autofree char *root = pl_test_mkdtemp ();
  g_autofree char *dataset = NULL;
  g_autofree char *exe = make_install (root, &dataset);
  g_autofree char *expected = g_build_filename (PKGDATADIR, "datasets", "other.sqlite", NULL);
  g_autofree char *found = pl_data_dir_find_for_exe (exe, "datasets" G_DIR_SEPARATOR_S "other.sqlite");

  /* Only a file that is there wins over the prefix. */
  g_assert_cmpstr (found, ==, expected);
  pl_test_rmdir (root);
}

static void
test_unknown_binary (void)
{
  g_autofree char *expected = g_build_filename (PKGDATADIR, DATASET, NULL);
  g_autofree char *from_null = pl_data_dir_find_for_exe (NULL, DATASET);
  g_autofree char *from_relative = pl_data_dir_find_for_exe ("bin/pactline", DATASET);

  g_assert_cmpstr (from_null, ==, expected);
  g_assert_cmpstr (from_relative, ==, expected);
}

/* This test program sits in the build tree, where no share/ lies beside
 * it: the running binary falls back to the prefix. */
static void
test_running_binary (void)
{
  g_autofree char *expected = g_build_filename (PKGDATADIR, DATASET, NULL);
  g_autofree char *found = pl_data_dir_find (DATASET);

  g_assert_cmpstr (found, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data-dir/relative-path-matches-prefix", test_relative_path_matches_prefix);
  g_test_add_func ("/data-dir/beside-binary", test_beside_binary);
  g_test_add_func ("/data-dir/nothing-beside-binary", test_nothing_beside_binary);
  g_test_add_func ("/data-dir/other-file-beside-binary", test_other_file_beside_binary);
  g_test_add_func ("/data-dir/unknown-binary", test_unknown_binary);
  g_test_add_func ("/data-dir/running-binary", test_running_binary);

  return g_test_run ();
}
