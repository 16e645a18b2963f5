/* pl-date.c — partial ISO 8601 dates (year, year-month or full day)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-date.h"

#include <math.h>
#include <glib/gi18n-lib.h>

/* A date that fails pl_date_is_valid() is handled exactly like
 * PL_DATE_PRECISION_NONE everywhere below, so a hand-built struct with
 * stray fields can never produce a bogus span or a crash. */

G_DEFINE_BOXED_TYPE (PlDate, pl_date, pl_date_copy, pl_date_free)

/* Days before the first of each month in a common year; the leap day is
 * added separately so one table serves both kinds of year. */
static const guint16 days_before_month[13] = {
  0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

/* The proleptic Gregorian calendar, for any year (the remainder tests hold
 * for negative years too, which the time scale may reach while panning). */
gboolean
pl_date_is_leap_year (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
pl_date_days_in_month (gint64 year,
                       int    month)
{
  static const guint8 days[13] = {
    0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
  };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && pl_date_is_leap_year (year))
    return 29;
  return days[month];
}

/* Same numbering as g_date_get_julian() (0001-01-01 is day 1), computed
 * directly because spans are needed while sorting large datasets and
 * building a GDate each time would be wasteful. */
static inline guint32
julian_day (guint year,
            guint month,
            guint day)
{
  guint32 y = year - 1;
  guint32 n = y * 365 + y / 4 - y / 100 + y / 400;

  n += days_before_month[month] + day;
  if (month > 2 && pl_date_is_leap_year (year))
    n++;
  return n;
}

PlDate *
pl_date_copy (const PlDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return g_memdup2 (date, sizeof *date);
}

void
pl_date_free (PlDate *date)
{
  g_free (date);
}

/* Reads exactly @n ASCII digits.  Stops at the first non-digit, so a short
 * string fails at its terminating NUL and nothing past it is touched.
 * Comparing bytes rather than using g_ascii_isdigit() keeps the check
 * locale- and table-free; multi-byte digits (e.g. fullwidth) never match. */
static inline gboolean
read_digits (const char *p,
             guint       n,
             guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      guint d = (guint) ((unsigned char) p[i]) - '0';

      if (d > 9)
        return FALSE;
      v = v * 10 + d;
    }

  *value = v;
  return TRUE;
}

/**
 * pl_date_parse:
 * @text: (nullable): text to parse
 * @out: (out) (optional): where to store the date
 *
 * Accepts exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real day of
 * the proleptic Gregorian calendar, years 0001 to 9999.  Anything else,
 * including surrounding white space, is rejected: the dataset format is
 * strict so that a file means the same thing to every reader.
 *
 * @out may be %NULL to only validate.
 *
 * Returns: %TRUE if @text is a valid date; otherwise @out is set to
 *   %PL_DATE_INIT.
 */
gboolean
pl_date_parse (const char *text,
               PlDate     *out)
{
  PlDate date = PL_DATE_INIT;
  guint year, month, day;

  /* NULL and "" are ordinary "no date" input from a loader, not a
   * programming error, so no g_return_val_if_fail() here. */
  if (text == NULL)
    goto fail;

  if (!read_digits (text, 4, &year) || year == 0)
    goto fail;

  if (text[4] == '\0')
    {
      date.precision = PL_DATE_PRECISION_YEAR;
      goto done;
    }

  if (text[4] != '-' || !read_digits (text + 5, 2, &month)
      || month < 1 || month > 12)
    goto fail;

  if (text[7] == '\0')
    {
      date.month = (guint8) month;
      date.precision = PL_DATE_PRECISION_MONTH;
      goto done;
    }

  if (text[7] != '-' || !read_digits (text + 8, 2, &day)
      || text[10] != '\0'
      || day < 1 || day > (guint) pl_date_days_in_month (year, (int) month))
    goto fail;

  date.month = (guint8) month;
  date.day = (guint8) day;
  date.precision = PL_DATE_PRECISION_DAY;

done:
  date.year = (gint16) year;
  if (out != NULL)
    *out = date;
  return TRUE;

fail:
  if (out != NULL)
    *out = (PlDate) PL_DATE_INIT;
  return FALSE;
}

/**
 * pl_date_is_valid:
 * @date: a date
 *
 * Returns: %TRUE if @date has a precision and its fields match it: a
 *   year-only date has month and day 0, a month date has day 0, and every
 *   given field names a real calendar day.
 */
gboolean
pl_date_is_valid (const PlDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (date->year < 1 || date->year > 9999)
    return FALSE;

  switch (date->precision)
    {
    case PL_DATE_PRECISION_YEAR:
      return date->month == 0 && date->day == 0;

    case PL_DATE_PRECISION_MONTH:
      return date->month >= 1 && date->month <= 12 && date->day == 0;

    case PL_DATE_PRECISION_DAY:
      return date->month >= 1 && date->month <= 12
             && date->day >= 1
             && date->day <= pl_date_days_in_month (date->year, date->month);

    default:
      return FALSE;
    }
}

/**
 * pl_date_to_iso:
 * @date: a date
 *
 * Returns: (transfer full) (nullable): @date in the form it was written,
 *   e.g. "2025", "2025-01" or "2025-01-17", or %NULL if it has no value.
 */
char *
pl_date_to_iso (const PlDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  if (!pl_date_is_valid (date))
    return NULL;

  switch (date->precision)
    {
    case PL_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", (int) date->year);
    case PL_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", (int) date->year,
                              (int) date->month);
    case PL_DATE_PRECISION_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", (int) date->year,
                              (int) date->month, (int) date->day);
    default:
      g_assert_not_reached ();
    }
}

/**
 * pl_date_compare:
 * @a: a date
 * @b: another date
 *
 * A total order for sorting.  Dates are ordered by the first day they
 * cover; when that ties the coarser one comes first, so "2025" <
 * "2025-01" < "2025-01-01".  Dates without a value sort after all others.
 *
 * Returns: -1, 0 or 1
 */
int
pl_date_compare (const PlDate *a,
                 const PlDate *b)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  gboolean a_valid = pl_date_is_valid (a);
  gboolean b_valid = pl_date_is_valid (b);

  if (!a_valid || !b_valid)
    return (int) !a_valid - (int) !b_valid;

  /* Ordering (year, month, day) with 0 read as 1 is the same as ordering by
   * first Julian day, without the arithmetic. */
  guint32 ka = ((guint32) a->year << 16) | (MAX (a->month, 1) << 8)
               | MAX (a->day, 1);
  guint32 kb = ((guint32) b->year << 16) | (MAX (b->month, 1) << 8)
               | MAX (b->day, 1);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;
  return 0;
}

/**
 * pl_date_equal:
 * @a: a date
 * @b: another date
 *
 * Returns: %TRUE if @a and @b are the same date at the same precision, or
 *   both have no value.  "2025" and "2025-01-01" are not equal.
 */
gboolean
pl_date_equal (const PlDate *a,
               const PlDate *b)
{
  return pl_date_compare (a, b) == 0;
}

/**
 * pl_date_get_span:
 * @date: a date
 * @first_day: (out) (optional): Julian day number of the first day covered
 * @last_day: (out) (optional): Julian day number of the last day covered
 *
 * A year covers 1 January to 31 December and a month all of its days,
 * because the dataset format says a partial date means "sometime in" that
 * period.  Day numbers follow g_date_get_julian(): 0001-01-01 is day 1.
 *
 * Returns: %FALSE, leaving the outputs untouched, if @date has no value
 */
gboolean
pl_date_get_span (const PlDate *date,
                  guint32      *first_day,
                  guint32      *last_day)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (!pl_date_is_valid (date))
    return FALSE;

  guint year = date->year;
  guint32 first, last;

  switch (date->precision)
    {
    case PL_DATE_PRECISION_YEAR:
      first = julian_day (year, 1, 1);
      last = julian_day (year, 12, 31);
      break;
    case PL_DATE_PRECISION_MONTH:
      first = julian_day (year, date->month, 1);
      last = first + (guint32) pl_date_days_in_month (year, date->month) - 1;
      break;
    case PL_DATE_PRECISION_DAY:
      first = last = julian_day (year, date->month, date->day);
      break;
    default:
      g_assert_not_reached ();
    }

  if (first_day != NULL)
    *first_day = first;
  if (last_day != NULL)
    *last_day = last;
  return TRUE;
}

/**
 * pl_date_ends_before:
 * @end: a candidate end date
 * @start: the start date
 *
 * Checks the dataset rule that an end must not end before its start
 * begins.  Overlapping spans are allowed on purpose: an era that starts in
 * "2020-06" may end in "2020", since the year may mean December.
 *
 * Returns: %TRUE if every day @end covers is before every day @start
 *   covers; %FALSE if they overlap or either has no value.
 */
gboolean
pl_date_ends_before (const PlDate *end,
                     const PlDate *start)
{
  guint32 end_last, start_first;

  g_return_val_if_fail (end != NULL, FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  if (!pl_date_get_span (end, NULL, &end_last)
      || !pl_date_get_span (start, &start_first, NULL))
    return FALSE;

  return end_last < start_first;
}

/**
 * pl_date_format:
 * @date: a date
 *
 * Formats @date for display at its own precision, so "2025" is never shown
 * as "1 January 2025".
 *
 * Returns: (transfer full) (nullable): a UTF-8 string, or %NULL if @date
 *   has no value
 */
char *
pl_date_format (const PlDate *date)
{
  const char *format;

  g_return_val_if_fail (date != NULL, NULL);

  if (!pl_date_is_valid (date))
    return NULL;

  switch (date->precision)
    {
    case PL_DATE_PRECISION_YEAR:
      /* Translators: a date given only as a year, in g_date_time_format()
       * syntax. */
      format = C_("date format", "%Y");
      break;
    case PL_DATE_PRECISION_MONTH:
      /* Translators: a date given only as a month and year, in
       * g_date_time_format() syntax, e.g. "January 2025".  Use %OB instead
       * of %B if your language needs the nominative month name here. */
      format = C_("date format", "%B %Y");
      break;
    case PL_DATE_PRECISION_DAY:
      /* Translators: a full date in g_date_time_format() syntax, e.g.
       * "17 January 2025". */
      format = C_("date format", "%-d %B %Y");
      break;
    default:
      g_assert_not_reached ();
    }

  /* A calendar date has no time zone; building it at UTC midnight keeps the
   * local zone from ever shifting the day. */
  g_autoptr (GDateTime) dt = g_date_time_new_utc (date->year,
                                                  MAX (date->month, 1),
                                                  MAX (date->day, 1),
                                                  0, 0, 0);
  char *text = dt != NULL ? g_date_time_format (dt, format) : NULL;

  /* A broken translation must not make a date vanish from the display. */
  if (text == NULL)
    text = pl_date_to_iso (date);
  return text;
}

/**
 * pl_date_to_days:
 * @date: a date
 *
 * Returns: the Julian day number of the first day @date covers, for use on
 *   a continuous time scale, or NAN if @date has no value, so that a
 *   missing date cannot silently land on a real position.
 */
double
pl_date_to_days (const PlDate *date)
{
  guint32 first;

  g_return_val_if_fail (date != NULL, NAN);

  if (!pl_date_get_span (date, &first, NULL))
    return NAN;
  return (double) first;
}
