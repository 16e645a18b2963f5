/* pl-test-ui.h — helpers shared by the widget tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds, so frames and idles happen. */
void       pl_test_wait_ms      (guint      ms);
/* The first widget of @type at or under @root, depth first, or NULL. */
GtkWidget *pl_test_find_child   (GtkWidget *root,
                                 GType      type);
/* Adds every widget of @type at or under @root to @found. */
void       pl_test_collect_type (GtkWidget *root,
                                 GType      type,
                                 GPtrArray *found);

G_END_DECLS
