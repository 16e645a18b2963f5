/* pl-data-dir.c — where the installed data is: beside the binary, or under the compiled-in prefix
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An install copied somewhere else than its prefix (meson install
 * --destdir, an unpacked archive) keeps bin/ and share/ side by side, so
 * the binary looks for its data relative to itself first. The compiled-in
 * PKGDATADIR stays the answer whenever nothing is found there.
 */
#include "config.h"

#include "pl-data-dir.h"

/**
 * pl_data_dir_find_for_exe:
 * @exe_path: (nullable): the absolute path of the running binary
 * @relative_path: a path inside the package data directory
 *
 * Returns: the path of @relative_path in the package data directory of the
 *   install @exe_path belongs to when the file exists there, otherwise its
 *   path under the compiled-in PKGDATADIR.
 */
char *
pl_data_dir_find_for_exe (const char *exe_path,
                          const char *relative_path)
{
  g_return_val_if_fail (relative_path != NULL, NULL);

  if (exe_path != NULL && g_path_is_absolute (exe_path) && PKGDATADIR_FROM_BINDIR[0] != '\0')
    {
      g_autofree char *bindir = g_path_get_dirname (exe_path);
      g_autofree char *candidate = g_build_filename (bindir, PKGDATADIR_FROM_BINDIR, relative_path, NULL);

      if (g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_canonicalize_filename (candidate, NULL);
    }

  return g_build_filename (PKGDATADIR, relative_path, NULL);
}

/**
 * pl_data_dir_find:
 * @relative_path: a path inside the package data directory
 *
 * Like pl_data_dir_find_for_exe() for the running binary.
 *
 * Returns: the path to use for @relative_path.
 */
char *
pl_data_dir_find (const char *relative_path)
{
  g_autofree char *exe_path = g_file_read_link ("/proc/self/exe", NULL);

  return pl_data_dir_find_for_exe (exe_path, relative_path);
}
