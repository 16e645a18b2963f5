/* pl-test-util.h — helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its files by pl_test_rmdir. */
char    *pl_test_mkdtemp      (void);
void     pl_test_rmdir        (const char *path);
char    *pl_test_write_file   (const char *dir,
                               const char *name,
                               const char *contents,
                               gssize      length);
char    *pl_test_data_path    (const char *name);
char    *pl_test_read_example (void);
/* The example dataset with @n events more, each filled in by @fill (id,
 * start, title and so on), as JSON text. */
void     pl_test_fill_generated_event (JsonObject *event,
                                       guint       i,
                                       guint       n);
char    *pl_test_example_with_events (guint   n,
                                      void  (*fill) (JsonObject *event,
                                                     guint       i,
                                                     guint       n));
/* Imports @json into dir/name.sqlite and returns its path; asserts success. */
char    *pl_test_import       (const char *dir,
                               const char *name,
                               const char *json);

G_END_DECLS
