/* notes-crash-writer.c — saves notes in a loop until it is killed, for test-notes' crash test
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * notes-crash-writer PATH RUN
 *
 * Opens the notes database at PATH and, for N = 0, 1, 2 …, saves a new
 * annotation on event "rRUN-N" and prints "saved N" once the save has
 * returned TRUE; every third time it also rewrites the annotation on event
 * "counter" with the note "RUN N" and prints "counter RUN N". Each line is
 * flushed before the next save starts, so every line the test reads names
 * a save that was reported complete.
 */
#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "pl-user-db.h"

static gboolean
save_or_die (PlUserDb     *db,
             PlAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;

  if (!pl_user_db_save (db, annotation, &error))
    {
      fprintf (stderr, "notes-crash-writer: saving %s failed: %s\n", annotation->item_id, error->message);
      exit (2);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const char * const *highlights = pl_highlight_list_names ();
  g_autoptr(PlUserDb) db = NULL;
  g_autoptr(GError) error = NULL;
  guint run;

  setlocale (LC_ALL, "");

  if (argc != 3)
    {
      fprintf (stderr, "usage: notes-crash-writer PATH RUN\n");
      return 1;
    }
  run = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  db = pl_user_db_open (argv[1], &error);
  if (db == NULL)
    {
      fprintf (stderr, "notes-crash-writer: %s\n", error->message);
      return 1;
    }
  if (pl_user_db_get_set_aside_path (db) != NULL)
    {
      fprintf (stderr, "notes-crash-writer: the database was set aside as %s: %s\n",
               pl_user_db_get_set_aside_path (db), pl_user_db_get_set_aside_reason (db));
      return 3;
    }

  for (guint n = 0; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("r%u-%u", run, n);
      g_autoptr(PlAnnotation) annotation = pl_annotation_new ("crash", PL_ITEM_KIND_EVENT, id);
      g_autoptr(GString) note = g_string_new (NULL);

      /* Notes of different sizes, some longer than a page. */
      g_string_printf (note, "run %u note %u\n", run, n);
      for (guint i = 0; i < (n % 5) * 300; i++)
        g_string_append_c (note, 'a' + (char) (i % 26));
      g_free (annotation->note);
      annotation->note = g_string_free (g_steal_pointer (&note), FALSE);
      annotation->starred = n % 2 == 0;
      annotation->highlight = g_strdup (highlights[n % 5]);
      g_strfreev (annotation->tags);
      annotation->tags = g_new0 (char *, 3);
      annotation->tags[0] = g_strdup_printf ("run-%u", run);
      annotation->tags[1] = g_strdup_printf ("n-%u", n);

      save_or_die (db, annotation);
      printf ("saved %u\n", n);
      fflush (stdout);

      if (n % 3 == 0)
        {
          g_autoptr(PlAnnotation) counter = pl_annotation_new ("crash", PL_ITEM_KIND_EVENT, "counter");

          g_free (counter->note);
          counter->note = g_strdup_printf ("%u %u", run, n);
          save_or_die (db, counter);
          printf ("counter %u %u\n", run, n);
          fflush (stdout);
        }
    }
}
