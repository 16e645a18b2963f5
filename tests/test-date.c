/* test-date.c — tests for the partial-date value type
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "pl-date.h"

static PlDate
parse_ok (const char *text)
{
  PlDate date = PL_DATE_INIT;

  if (!pl_date_parse (text, &date))
    g_error ("\"%s\" should parse", text);
  return date;
}

/* Julian day from GLib itself, as an independent oracle for the
 * hand-written arithmetic in pl-date.c. */
static guint32
glib_julian (guint year,
             guint month,
             guint day)
{
  g_autoptr (GDate) gd = g_date_new_dmy (day, month, year);

  return g_date_get_julian (gd);
}

static void
test_parse_valid (void)
{
  PlDate date;

  date = parse_ok ("2025");
  g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_YEAR);
  g_assert_cmpint (date.year, ==, 2025);
  g_assert_cmpuint (date.month, ==, 0);
  g_assert_cmpuint (date.day, ==, 0);
  g_assert_true (pl_date_is_valid (&date));

  date = parse_ok ("2025-01");
  g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_MONTH);
  g_assert_cmpint (date.year, ==, 2025);
  g_assert_cmpuint (date.month, ==, 1);
  g_assert_cmpuint (date.day, ==, 0);
  g_assert_true (pl_date_is_valid (&date));

  date = parse_ok ("2025-01-17");
  g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_DAY);
  g_assert_cmpint (date.year, ==, 2025);
  g_assert_cmpuint (date.month, ==, 1);
  g_assert_cmpuint (date.day, ==, 17);
  g_assert_true (pl_date_is_valid (&date));

  date = parse_ok ("0001-01-01");
  g_assert_cmpint (date.year, ==, 1);
  date = parse_ok ("9999-12-31");
  g_assert_cmpint (date.year, ==, 9999);
  date = parse_ok ("2024-12");
  g_assert_cmpuint (date.month, ==, 12);
  date = parse_ok ("2024-04-30");
  g_assert_cmpuint (date.day, ==, 30);

  /* Validation-only use. */
  g_assert_true (pl_date_parse ("2024-01-31", NULL));
  g_assert_false (pl_date_parse ("2024-01-32", NULL));
}

static void
test_parse_invalid (void)
{
  static const char *const cases[] = {
    "2024-13-01", "2023-02-30", "1900-02-29", "2024-00", "2024-1-5",
    "24", "02024", " 2024", "2024 ", "2024-02-3x", "", "0000", "2024-",
    "2024--01", "+2024", "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94",
    "2024-04-31", "2024-06-31", "abcd", "2024/01/01", "2024-01-00",
    "2024-01-32", "2024-13", "2024-1", "2024-001", "2024-01-1",
    "2024-01-011", "2024-01-01T00:00", "2024-01-01Z", "-2024",
    "2024-09-31", "2024-11-31", "2100-02-29", "2023-02-29", "2024-02-30",
    "0000-01-01", "10000", "2024-01-", "2024-01--1", "2024-+1",
    "2024-0a", "2o24", "2024\n", "\t2024", "2024-01-01 ", "20240101",
    "2024.01", "2024-1a-01", "2024-99-99", "1e3", "0x7e8", "2024-02-29-",
    /* The bytes either side of the digit range, where an off-by-one in a
     * range check would let them through as digits. */
    "201:", "201/", "2024-0:", "2024-0/", "2024-01-0:", "2024-01-0/",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Start from a valid date so a failing parse must reset it. */
      PlDate date = { 1999, 9, 9, PL_DATE_PRECISION_DAY };
      g_autofree char *escaped = g_strescape (cases[i], NULL);

      g_test_message ("case \"%s\"", escaped);
      g_assert_false (pl_date_parse (cases[i], &date));
      g_assert_cmpint (date.year, ==, 0);
      g_assert_cmpuint (date.month, ==, 0);
      g_assert_cmpuint (date.day, ==, 0);
      g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_NONE);
    }

  /* An embedded NUL ends the string: what follows must not be read. */
  {
    static const char embedded[] = "2024\0-01";
    PlDate date;

    g_assert_true (pl_date_parse (embedded, &date));
    g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_YEAR);
  }

  {
    PlDate date = { 1999, 9, 9, PL_DATE_PRECISION_DAY };

    g_assert_false (pl_date_parse (NULL, &date));
    g_assert_cmpint (date.precision, ==, PL_DATE_PRECISION_NONE);
  }
}

static void
test_leap_years (void)
{
  static const struct { const char *text; gboolean valid; } cases[] = {
    { "2000-02-29", TRUE },
    { "2024-02-29", TRUE },
    { "1600-02-29", TRUE },
    { "0004-02-29", TRUE },
    { "2100-02-29", FALSE },
    { "1900-02-29", FALSE },
    { "2023-02-29", FALSE },
    { "0001-02-29", FALSE },
    { "2000-02-30", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case \"%s\"", cases[i].text);
      g_assert_cmpint (pl_date_parse (cases[i].text, NULL), ==,
                       cases[i].valid);
    }
}

/* Checks every day-precision string over whole 400-year cycles (plus the
 * edges of the range) against GDate, for both validity and Julian day. */
static void
test_against_gdate (void)
{
  static const struct { guint from, to; } ranges[] = {
    { 1, 401 }, { 1890, 2110 }, { 9598, 9999 },
  };

  for (gsize r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint y = ranges[r].from; y <= ranges[r].to; y++)
      for (guint m = 0; m <= 13; m++)
        for (guint d = 0; d <= 32; d++)
          {
            char text[16];
            PlDate date;
            guint32 first = 0, last = 0;
            gboolean expect;

            g_snprintf (text, sizeof text, "%04u-%02u-%02u", y, m, d);
            expect = g_date_valid_dmy (d, m, y);
            if (pl_date_parse (text, &date) != expect)
              g_error ("\"%s\": expected %s", text,
                       expect ? "valid" : "invalid");
            if (!expect)
              continue;

            g_assert_true (pl_date_get_span (&date, &first, &last));
            g_assert_cmpuint (first, ==, last);
            if (first != glib_julian (y, m, d))
              g_error ("\"%s\": Julian %u, GDate says %u", text, first,
                       glib_julian (y, m, d));
          }
}

static void
test_round_trip (void)
{
  static const char *const cases[] = {
    "2025", "2025-01", "2025-01-17", "0001", "0005-06", "0099-12-31",
    "9999", "9999-12-31", "2024-02-29", "1066-10-14",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PlDate date = parse_ok (cases[i]);
      g_autofree char *iso = pl_date_to_iso (&date);

      g_assert_cmpstr (iso, ==, cases[i]);
    }

  {
    PlDate none = PL_DATE_INIT;

    g_assert_null (pl_date_to_iso (&none));
  }
}

static void
test_is_valid (void)
{
  static const PlDate bad[] = {
    PL_DATE_INIT,
    { 0, 0, 0, PL_DATE_PRECISION_YEAR },
    { -5, 0, 0, PL_DATE_PRECISION_YEAR },
    { 10000, 0, 0, PL_DATE_PRECISION_YEAR },
    { 2024, 1, 0, PL_DATE_PRECISION_YEAR },
    { 2024, 0, 1, PL_DATE_PRECISION_YEAR },
    { 2024, 0, 0, PL_DATE_PRECISION_MONTH },
    { 2024, 13, 0, PL_DATE_PRECISION_MONTH },
    { 2024, 1, 1, PL_DATE_PRECISION_MONTH },
    { 2024, 1, 0, PL_DATE_PRECISION_DAY },
    { 2023, 2, 29, PL_DATE_PRECISION_DAY },
    { 2024, 4, 31, PL_DATE_PRECISION_DAY },
    { 2024, 1, 1, 7 },
    { 2024, 0, 0, PL_DATE_PRECISION_NONE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint32 first = 42, last = 42;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (pl_date_is_valid (&bad[i]));
      /* Invalid structs behave as "no date" everywhere. */
      g_assert_false (pl_date_get_span (&bad[i], &first, &last));
      g_assert_cmpuint (first, ==, 42);
      g_assert_cmpuint (last, ==, 42);
      g_assert_null (pl_date_to_iso (&bad[i]));
      g_assert_null (pl_date_format (&bad[i]));
      g_assert_true (isnan (pl_date_to_days (&bad[i])));
    }
}

static void
test_spans (void)
{
  guint32 first, last;
  PlDate date;

  date = parse_ok ("2023");
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpuint (first, ==, glib_julian (2023, 1, 1));
  g_assert_cmpuint (last, ==, glib_julian (2023, 12, 31));
  g_assert_cmpuint (last - first + 1, ==, 365);

  date = parse_ok ("2024");
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpuint (first, ==, glib_julian (2024, 1, 1));
  g_assert_cmpuint (last, ==, glib_julian (2024, 12, 31));
  g_assert_cmpuint (last - first + 1, ==, 366);

  date = parse_ok ("2024-02");
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpuint (first, ==, glib_julian (2024, 2, 1));
  g_assert_cmpuint (last, ==, glib_julian (2024, 2, 29));
  g_assert_cmpuint (last - first + 1, ==, 29);

  date = parse_ok ("2023-02");
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpuint (last - first + 1, ==, 28);

  date = parse_ok ("2024-12");
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpuint (first, ==, glib_julian (2024, 12, 1));
  g_assert_cmpuint (last, ==, glib_julian (2024, 12, 31));

  date = parse_ok ("2025-01-17");
  g_assert_true (pl_date_get_span (&date, &first, &last));
  g_assert_cmpuint (first, ==, glib_julian (2025, 1, 17));
  g_assert_cmpuint (last, ==, first);

  date = parse_ok ("0001-01-01");
  g_assert_true (pl_date_get_span (&date, &first, NULL));
  g_assert_cmpuint (first, ==, 1);

  date = parse_ok ("9999");
  g_assert_true (pl_date_get_span (&date, NULL, &last));
  g_assert_cmpuint (last, ==, glib_julian (9999, 12, 31));

  /* Every month of a leap and a common year. */
  for (guint y = 2023; y <= 2024; y++)
    for (guint m = 1; m <= 12; m++)
      {
        PlDate month = { y, m, 0, PL_DATE_PRECISION_MONTH };

        g_assert_true (pl_date_get_span (&month, &first, &last));
        g_assert_cmpuint (first, ==, glib_julian (y, m, 1));
        g_assert_cmpuint (last, ==,
                          glib_julian (y, m, g_date_get_days_in_month (m, y)));
      }

  /* to_days is the first day of the span. */
  date = parse_ok ("2024-02");
  g_assert_cmpfloat (pl_date_to_days (&date), ==,
                     (double) glib_julian (2024, 2, 1));
  date = parse_ok ("2024");
  g_assert_cmpfloat (pl_date_to_days (&date), ==,
                     (double) glib_julian (2024, 1, 1));
  {
    PlDate none = PL_DATE_INIT;

    g_assert_false (pl_date_get_span (&none, &first, &last));
    g_assert_true (isnan (pl_date_to_days (&none)));
  }
}

static int
compare_for_qsort (const void *a,
                   const void *b)
{
  return pl_date_compare (a, b);
}

static void
test_ordering (void)
{
  /* The expected order. */
  static const char *const sorted[] = {
    "0001", "0999-12-31", "2019", "2019-12", "2019-12-31",
    "2020", "2020-01", "2020-01-01", "2020-01-02", "2020-02",
    "2020-02-01", "2020-12-31", "2021-01-01", "9999",
    NULL, NULL,   /* NONE, last */
  };
  /* A fixed shuffle of the indices above, so the test is reproducible. */
  static const guint shuffle[] = {
    14, 7, 3, 12, 0, 9, 15, 5, 11, 1, 13, 6, 2, 10, 8, 4,
  };
  PlDate dates[G_N_ELEMENTS (sorted)];

  G_STATIC_ASSERT (G_N_ELEMENTS (sorted) == G_N_ELEMENTS (shuffle));

  for (gsize i = 0; i < G_N_ELEMENTS (shuffle); i++)
    {
      const char *text = sorted[shuffle[i]];

      if (text == NULL)
        dates[i] = (PlDate) PL_DATE_INIT;
      else
        dates[i] = parse_ok (text);
    }

  qsort (dates, G_N_ELEMENTS (dates), sizeof dates[0], compare_for_qsort);

  for (gsize i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autofree char *iso = pl_date_to_iso (&dates[i]);

      g_assert_cmpstr (iso, ==, sorted[i]);
    }

  /* The order must be total and consistent: antisymmetric, reflexive, and
   * agreeing with the expected positions for every pair. */
  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (dates); j++)
      {
        int c = pl_date_compare (&dates[i], &dates[j]);
        int expect;

        if (sorted[i] == NULL && sorted[j] == NULL)
          expect = 0;
        else
          expect = i < j ? -1 : i > j ? 1 : 0;

        g_assert_cmpint (c, ==, expect);
        g_assert_cmpint (c, ==, -pl_date_compare (&dates[j], &dates[i]));
        g_assert_cmpint (pl_date_equal (&dates[i], &dates[j]), ==, c == 0);
      }
}

static void
test_equal (void)
{
  PlDate a = parse_ok ("2025");
  PlDate b = parse_ok ("2025-01-01");
  PlDate c = parse_ok ("2025");
  PlDate none = PL_DATE_INIT;
  PlDate none2 = PL_DATE_INIT;

  g_assert_true (pl_date_equal (&a, &c));
  g_assert_false (pl_date_equal (&a, &b));
  g_assert_false (pl_date_equal (&a, &none));
  g_assert_true (pl_date_equal (&none, &none2));
}

static void
test_ends_before (void)
{
  static const struct {
    const char *end;
    const char *start;
    gboolean ends_before;
  } cases[] = {
    { "2019", "2020-03", TRUE },
    { "2020", "2020-06", FALSE },
    { "2024-03", "2024-06-15", TRUE },
    { "2024-06-01", "2024-06", FALSE },
    { "2024-05-31", "2024-06", TRUE },
    { "2024-06", "2024-06-30", FALSE },
    { "2024-06-14", "2024-06-15", TRUE },
    { "2024-06-15", "2024-06-15", FALSE },
    { "2024-06-16", "2024-06-15", FALSE },
    { "2023-12-31", "2024", TRUE },
    { "2024-01-01", "2024", FALSE },
    { "2023", "2024", TRUE },
    { "2024", "2024", FALSE },
    { "2025", "2024", FALSE },
    { "2024-01", "2024", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PlDate end = parse_ok (cases[i].end);
      PlDate start = parse_ok (cases[i].start);

      g_test_message ("end \"%s\", start \"%s\"", cases[i].end,
                      cases[i].start);
      g_assert_cmpint (pl_date_ends_before (&end, &start), ==,
                       cases[i].ends_before);
    }

  {
    PlDate none = PL_DATE_INIT;
    PlDate date = parse_ok ("2024");

    g_assert_false (pl_date_ends_before (&none, &date));
    g_assert_false (pl_date_ends_before (&date, &none));
  }
}

static void
test_format (void)
{
  static const struct { const char *iso; const char *display; } cases[] = {
    { "2025", "2025" },
    { "2025-01", "January 2025" },
    { "2025-01-17", "17 January 2025" },
    { "2024-03-05", "5 March 2024" },
    { "2024-12-31", "31 December 2024" },
    { "0001-01-01", "1 January 1" },
  };
  const char *old_tz = g_getenv ("TZ");
  g_autofree char *saved_tz = g_strdup (old_tz);

  setlocale (LC_ALL, "C");

  /* A zone far east of UTC would show the previous or next day if the
   * formatting went through local time. */
  for (guint z = 0; z < 2; z++)
    {
      g_setenv ("TZ", z == 0 ? "Pacific/Kiritimati" : "Etc/GMT+12", TRUE);
      tzset ();

      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          PlDate date = parse_ok (cases[i].iso);
          g_autofree char *text = pl_date_format (&date);

          g_assert_cmpstr (text, ==, cases[i].display);
        }
    }

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
test_boxed (void)
{
  PlDate date = parse_ok ("2024-02-29");
  PlDate *copy;
  GValue value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (PL_TYPE_DATE));
  g_assert_cmpstr (g_type_name (PL_TYPE_DATE), ==, "PlDate");

  copy = pl_date_copy (&date);
  g_assert_true (copy != &date);
  g_assert_true (pl_date_equal (copy, &date));
  pl_date_free (copy);

  g_value_init (&value, PL_TYPE_DATE);
  g_value_set_boxed (&value, &date);
  g_assert_true (g_value_get_boxed (&value) != &date);
  g_assert_true (pl_date_equal (g_value_get_boxed (&value), &date));
  g_value_unset (&value);

  pl_date_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/parse/leap-years", test_leap_years);
  g_test_add_func ("/date/parse/against-gdate", test_against_gdate);
  g_test_add_func ("/date/round-trip", test_round_trip);
  g_test_add_func ("/date/is-valid", test_is_valid);
  g_test_add_func ("/date/spans", test_spans);
  g_test_add_func ("/date/ordering", test_ordering);
  g_test_add_func ("/date/equal", test_equal);
  g_test_add_func ("/date/ends-before", test_ends_before);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/boxed", test_boxed);

  return g_test_run ();
}
