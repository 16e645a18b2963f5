/* pl-command-line.h — the commands of the pactline binary that need no window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pl_command_line_default_dataset (void);
gboolean pl_command_line_handle       (int    argc,
                                       char **argv,
                                       int   *exit_status);

G_END_DECLS
