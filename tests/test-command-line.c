/* test-command-line.c — the pactline binary's commands, run as a user would
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>

#include "pl-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_pactline (Run        *run,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("PACTLINE");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static void
test_validate (void)
{
  g_autofree char *example = pl_test_data_path ("example.json");
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *bad = NULL;
  g_auto(Run) good_run = { 0, };
  g_auto(Run) bad_run = { 0, };
  g_autofree char *json = pl_test_read_example ();
  g_autoptr(GString) broken = g_string_new (json);

  run_pactline (&good_run, "--validate", example, NULL);
  g_assert_cmpint (good_run.status, ==, 0);
  g_assert_true (g_str_has_suffix (good_run.out,
                 " is valid — example-treaty: 2 events, 3 actors, 2 quotes, 1 treaties, 1 provisions, 1 sources, 1 themes, 1 eras\n"));

  g_string_replace (broken, "\"2025-01-17\", \"title\"", "\"2025-02-30\", \"title\"", 1);
  g_string_replace (broken, "\"north-president\"],", "\"putn\"],", 1);
  bad = pl_test_write_file (dir, "bad.json", broken->str, -1);
  run_pactline (&bad_run, "--validate", bad, NULL);
  g_assert_cmpint (bad_run.status, ==, 1);
  g_assert_cmpstr (bad_run.out, ==, "");
  g_assert_true (strstr (bad_run.err, "events[1].start: \"2025-02-30\" is not a valid date") != NULL);
  g_assert_true (strstr (bad_run.err, "events[1].actors[2]: unknown actor \"putn\"\n") != NULL);
  g_assert_true (strstr (bad_run.err, "The dataset has 2 problems") != NULL);

  pl_test_rmdir (dir);
}

static void
test_import (void)
{
  g_autofree char *example = pl_test_data_path ("example.json");
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *output = g_build_filename (dir, "example.sqlite", NULL);
  g_autofree char *bad = pl_test_write_file (dir, "bad.json", "{\"format\": \"pactline-dataset\", \"format_version\": 1,", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;
  g_auto(Run) import_run = { 0, };
  g_auto(Run) open_run = { 0, };
  g_auto(Run) bad_run = { 0, };
  g_auto(Run) half_run = { 0, };

  run_pactline (&import_run, "--import", example, "--output", output, NULL);
  g_assert_cmpint (import_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (import_run.out, "Wrote "));

  run_pactline (&open_run, "--summary", output, NULL);
  g_assert_cmpint (open_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (open_run.out, "An example treaty\n"));
  g_assert_true (strstr (open_run.out, "2 events, 3 actors, 2 quotes") != NULL);
  g_assert_true (strstr (open_run.out, "From 2020 (Talks on a treaty begin) to 17 January 2025 (The treaty is signed)") != NULL);

  g_assert_true (g_file_get_contents (output, &before, &before_length, NULL));
  run_pactline (&bad_run, "--import", bad, "--output", output, NULL);
  g_assert_cmpint (bad_run.status, ==, 1);
  g_assert_true (g_str_has_prefix (bad_run.err, "line 1, column "));
  g_assert_true (strstr (bad_run.err, "nothing was written") != NULL);
  g_assert_true (g_file_get_contents (output, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  run_pactline (&half_run, "--import", example, NULL);
  g_assert_cmpint (half_run.status, ==, 2);
  g_assert_true (strstr (half_run.err, "--import and --output go together") != NULL);

  pl_test_rmdir (dir);
}

static void
test_open_errors (void)
{
  g_autofree char *dir = pl_test_mkdtemp ();
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *text = pl_test_write_file (dir, "notes.sqlite", "These are not the droids you are looking for.", -1);
  g_auto(Run) missing_run = { 0, };
  g_auto(Run) text_run = { 0, };
  g_auto(Run) two_run = { 0, };
  g_auto(Run) option_run = { 0, };

  run_pactline (&missing_run, "--summary", missing, NULL);
  g_assert_cmpint (missing_run.status, ==, 1);
  g_assert_true (strstr (missing_run.err, "Could not open") != NULL);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  run_pactline (&text_run, "--summary", text, NULL);
  g_assert_cmpint (text_run.status, ==, 1);
  g_assert_true (strstr (text_run.err, "The file is not an SQLite database") != NULL);

  run_pactline (&two_run, "--summary", text, missing, NULL);
  g_assert_cmpint (two_run.status, ==, 2);

  run_pactline (&option_run, "--no-such-option", NULL);
  g_assert_cmpint (option_run.status, ==, 2);

  pl_test_rmdir (dir);
}

/* With no file, the summary is of the bundled dataset. */
static void
test_bundled (void)
{
  g_auto(Run) run = { 0, };

  if (g_getenv ("PACTLINE_DATASET_DIR") == NULL)
    {
      g_test_skip ("PACTLINE_DATASET_DIR is not set");
      return;
    }

  run_pactline (&run, "--summary", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (strstr (run.out, "Dataset russia-iran-2025, version ") != NULL);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command-line/validate", test_validate);
  g_test_add_func ("/command-line/import", test_import);
  g_test_add_func ("/command-line/open-errors", test_open_errors);
  g_test_add_func ("/command-line/bundled", test_bundled);

  return g_test_run ();
}
