/* fuzz-common.h — what the fuzz targets share: a private scratch folder
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target writes its input and its output under one folder made when
 * the process starts and removed when it exits, and removes each file again
 * after every input, so runs leave nothing behind and never see what an
 * earlier input wrote. Warnings and criticals abort, as in the test suite
 * (G_DEBUG=fatal-warnings), so a failed g_return_if_fail() is a finding.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

static char *fuzz_dir;

static void
fuzz_remove_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fuzz_dir == NULL)
    return;
  dir = g_dir_open (fuzz_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* Makes the scratch folder; TMPDIR chooses where (build-aux/fuzz points
 * it at a RAM-backed folder when there is one, as fsync there is free). */
static void
fuzz_init (void)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* User data (notes) and caches go to the scratch folder too. */
  fuzz_dir = g_dir_make_tmp ("pactline-fuzz-XXXXXX", &error);
  if (fuzz_dir == NULL)
    g_error ("Could not make a scratch folder: %s", error->message);
  atexit (fuzz_remove_dir);
}

/* A path in the scratch folder; free it with g_free(). */
static inline char *
fuzz_path (const char *name)
{
  return g_build_filename (fuzz_dir, name, NULL);
}

/* Writes @data to @name in the scratch folder and returns its path. */
static inline char *
fuzz_write (const char    *name,
            const uint8_t *data,
            size_t         size)
{
  g_autofree char *path = fuzz_path (name);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    g_error ("Could not write %s: %s", path, error->message);
  return g_steal_pointer (&path);
}

/* Problems are shown as they are, in the window and on a terminal: each
 * must be valid UTF-8, with nothing from the file that could drive a
 * terminal. */
static inline void
fuzz_check_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const char *line = problems->pdata[i];

      if (!g_utf8_validate (line, -1, NULL))
        abort ();
      for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
            abort ();
        }
    }
}
