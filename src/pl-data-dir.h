/* pl-data-dir.h — where the installed data is: beside the binary, or under the compiled-in prefix
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pl_data_dir_find         (const char *relative_path);
char *pl_data_dir_find_for_exe (const char *exe_path,
                                const char *relative_path);

G_END_DECLS
