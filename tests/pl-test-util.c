/* pl-test-util.c — helpers shared by the test programs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* dl_iterate_phdr, for the sanitizer builds */
#include <glib/gstdio.h>

#include "pl-importer.h"
#include "pl-test-util.h"

#if defined (__SANITIZE_ADDRESS__)
#include <link.h>
#include <string.h>

/* From the sanitizer allocator's interface. */
extern int    __sanitizer_get_ownership      (const volatile void *p);
extern size_t __sanitizer_get_allocated_size (const volatile void *p);

/* GLib keeps its quark names in an array that starts at 2048 entries and,
 * when it grows, leaves the old array allocated on purpose, since other
 * threads may still read it without a lock (gquark.c: "This leaks the old
 * quarks array"). Widget tests create enough quarks to grow it once, and
 * GLib has no frame pointers, so LeakSanitizer reports that first array
 * with a stack that cannot be told from any other g_malloc and no
 * suppression can single it out.
 *
 * So before any test runs, the array is found — the one allocation of
 * exactly 2048 pointers that GLib's own data points to and that holds the
 * quark made here — and a pointer to it is kept in this program's data,
 * where LeakSanitizer sees it as still in use. Nothing else is hidden. */
static gpointer quark_array_kept;

typedef struct
{
  GQuark      quark;
  const char *name;
} QuarkProbe;

static int
find_quark_array (struct dl_phdr_info *info,
                  size_t               size,
                  void                *data)
{
  QuarkProbe *probe = data;

  if (info->dlpi_name == NULL || strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;

  for (int h = 0; h < info->dlpi_phnum && quark_array_kept == NULL; h++)
    {
      const ElfW (Phdr) *segment = &info->dlpi_phdr[h];
      gpointer *slot, *end;

      if (segment->p_type != PT_LOAD || (segment->p_flags & PF_W) == 0)
        continue;
      slot = (gpointer *) (info->dlpi_addr + segment->p_vaddr);
      end = (gpointer *) (info->dlpi_addr + segment->p_vaddr + segment->p_memsz);
      for (; slot < end; slot++)
        {
          gpointer candidate = *slot;

          if (candidate != NULL && __sanitizer_get_ownership (candidate) &&
              __sanitizer_get_allocated_size (candidate) == 2048 * sizeof (char *) &&
              ((const char **) candidate)[probe->quark] == probe->name)
            {
              quark_array_kept = candidate;
              break;
            }
        }
    }
  return 1;
}

__attribute__ ((constructor)) static void
keep_quark_array (void)
{
  QuarkProbe probe;

  probe.quark = g_quark_from_static_string ("pl-test-util-probe");
  probe.name = g_quark_to_string (probe.quark);
  dl_iterate_phdr (find_quark_array, &probe);
}
#endif

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

/* A generated event for pl_test_example_with_events(): over 1990–2029,
 * the certainties in turn, a meeting of envoys. */
void
pl_test_fill_generated_event (JsonObject *event,
                              guint       i,
                              guint       n)
{
  static const char *certainties[] = { "confirmed", "reported", "planned", "disputed" };
  g_autofree char *id = g_strdup_printf ("generated-%05u", i);
  g_autofree char *title = g_strdup_printf ("Generated meeting %u", i + 1);
  g_autofree char *start = g_strdup_printf ("%04u-%02u-%02u", 1990 + i % 40, 1 + i % 12, 1 + i % 28);

  json_object_set_string_member (event, "id", id);
  json_object_set_string_member (event, "start", start);
  json_object_set_string_member (event, "title", title);
  json_object_set_string_member (event, "summary", "Envoys met to talk about a treaty, and said little afterwards.");
  json_object_set_string_member (event, "kind", "meeting");
  json_object_set_string_member (event, "certainty", certainties[i % 4]);
}

char *
pl_test_example_with_events (guint   n,
                             void  (*fill) (JsonObject *event,
                                            guint       i,
                                            guint       n))
{
  g_autofree char *example = pl_test_read_example ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *events;

  json_parser_load_from_data (parser, example, -1, &error);
  g_assert_no_error (error);
  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "events");
  for (guint i = 0; i < n; i++)
    {
      JsonObject *event = json_object_new ();

      fill (event, i, n);
      json_array_add_object_element (events, event);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
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
