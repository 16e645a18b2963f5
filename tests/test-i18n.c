/* test-i18n.c — dates, plurals and axis labels through the built Russian and Persian catalogues
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the model's formatting under ru_RU.UTF-8 and fa_IR.UTF-8 with the
 * catalogues compiled into the build tree (PACTLINE_LOCALEDIR), so it fails
 * when a catalogue is missing, is not bound, or formats a date wrongly:
 * Russian day dates take the genitive month ("17 января 2025"), Persian
 * dates use the Gregorian calendar with the months' Persian names and the
 * locale's own digits ("۱۷ ژانویه ۲۰۲۵"), and counts keep ASCII digits.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "pl-date.h"
#include "pl-time-scale.h"

/* Switches the language as a user's session would. setlocale() also tells
 * gettext to drop what it has looked up so far. A missing locale fails the
 * test (build-aux/setup.sh generates both), except inside flatpak-builder,
 * whose SDK carries only the locales of the builder's own languages. */
static gboolean
use_locale (const char *language,
            const char *locale)
{
  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", locale, TRUE);
  if (setlocale (LC_ALL, locale) != NULL)
    return TRUE;

  if (g_getenv ("FLATPAK_ID") != NULL)
    g_test_skip_printf ("the locale %s is not in this Flatpak SDK", locale);
  else
    g_test_fail_printf ("the locale %s is not installed (build-aux/setup.sh generates it)", locale);
  return FALSE;
}

static char *
format_iso (const char *iso)
{
  PlDate date = PL_DATE_INIT;

  g_assert_true (pl_date_parse (iso, &date));
  return pl_date_format (&date);
}

static char *
format_tick (int        year,
             int        month,
             int        day,
             PlTickUnit unit,
             gboolean   major)
{
  PlTick tick = { 0 };

  tick.year = year;
  tick.month = month;
  tick.day_of_month = day;
  tick.unit = unit;
  return major ? pl_tick_format_major (&tick, unit) : pl_tick_format (&tick, unit);
}

static void
assert_formats (const char *iso,
                const char *expected)
{
  g_autofree char *text = format_iso (iso);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_russian (void)
{
  if (!use_locale ("ru", "ru_RU.UTF-8"))
    return;

  assert_formats ("2025-01-17", "17 января 2025");
  assert_formats ("2024-03-01", "1 марта 2024");
  /* Without a day the month stands alone: nominative. */
  assert_formats ("2025-01", "Январь 2025");
  assert_formats ("2025", "2025");

  g_autofree char *day = format_tick (2025, 1, 17, PL_TICK_UNIT_DAY, FALSE);
  g_autofree char *above_days = format_tick (2025, 3, 1, PL_TICK_UNIT_DAY, TRUE);
  g_assert_cmpstr (day, ==, "17");
  g_assert_cmpstr (above_days, ==, "Март 2025");

  /* Three plural forms: 1, 21 — 2, 3, 4, 22 — 5, 11, 12, 25. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 1), ==, "%'u событие");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 21), ==, "%'u событие");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 3), ==, "%'u события");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 22), ==, "%'u события");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 5), ==, "%'u событий");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 11), ==, "%'u событий");
  g_assert_cmpstr (C_("item kind", "Event"), ==, "Событие");
  /* Counts of a large dataset are grouped as the locale groups digits. */
  {
    g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u event", "%'u of %'u events", 1000000),
                                                12345, 1000000);
    g_assert_cmpstr (summary, ==, "12\u202f345 из 1\u202f000\u202f000 событий");
  }
  /* Russian quotation marks around quoted text. */
  g_assert_cmpstr (_("“%s”"), ==, "«%s»");
}

static void
test_persian (void)
{
  if (!use_locale ("fa", "fa_IR.UTF-8"))
    return;

  assert_formats ("2025-01-17", "۱۷ ژانویه ۲۰۲۵");
  assert_formats ("2024-12", "دسامبر ۲۰۲۴");
  assert_formats ("1801", "۱۸۰۱");

  g_autofree char *year = format_tick (1950, 1, 1, PL_TICK_UNIT_YEAR, FALSE);
  g_autofree char *day = format_tick (2025, 1, 17, PL_TICK_UNIT_DAY, FALSE);
  g_autofree char *month = format_tick (2025, 6, 1, PL_TICK_UNIT_MONTH, FALSE);
  g_assert_cmpstr (year, ==, "۱۹۵۰");
  g_assert_cmpstr (day, ==, "۱۷");
  g_assert_cmpstr (month, ==, "ژوئن");

  /* A noun after a number stays singular in Persian; the count itself is
   * printed by printf, in ASCII digits grouped as the locale says. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 1), ==, "%'u رویداد");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u event", "%'u events", 5), ==, "%'u رویداد");
  {
    g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u event", "%'u of %'u events", 1000000),
                                                12345, 1000000);
    g_assert_cmpstr (summary, ==, "12,345 از 1,000,000 رویداد");
  }
  g_assert_cmpstr (_("“%s”"), ==, "«%s»");
}

/* A year outside what GDateTime holds still gets a label; BC years keep
 * the translated suffix. */
static void
test_persian_bc (void)
{
  if (!use_locale ("fa", "fa_IR.UTF-8"))
    return;

  g_autofree char *bc = format_tick (-99, 1, 1, PL_TICK_UNIT_YEAR, FALSE);
  g_assert_cmpstr (bc, ==, "100 پیش از میلاد");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("PACTLINE_LOCALEDIR");

  /* As main() does, before the first g_dgettext(): GLib decides once
   * whether the domain has a catalogue for the locale. */
  g_setenv ("LANGUAGE", "ru", TRUE);
  setlocale (LC_ALL, "ru_RU.UTF-8");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/russian", test_russian);
  g_test_add_func ("/i18n/persian", test_persian);
  g_test_add_func ("/i18n/persian-bc", test_persian_bc);
  return g_test_run ();
}
