/* pl-test-ui.c — helpers shared by the widget tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-test-ui.h"

void
pl_test_wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
pl_test_find_child (GtkWidget *root,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pl_test_find_child (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

void
pl_test_collect_type (GtkWidget *root,
                      GType      type,
                      GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pl_test_collect_type (child, type, found);
}
