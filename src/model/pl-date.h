/* pl-date.h — partial ISO 8601 dates (year, year-month or full day)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_DATE (pl_date_get_type ())

typedef enum
{
  PL_DATE_PRECISION_NONE = 0,
  PL_DATE_PRECISION_YEAR,
  PL_DATE_PRECISION_MONTH,
  PL_DATE_PRECISION_DAY,
} PlDatePrecision;

/* A plain value: copy it by assignment and pass it around freely.
 * month and day are 0 when the source does not give them.  precision holds
 * a PlDatePrecision; it is a guint8 to keep the struct at six bytes. */
typedef struct
{
  gint16 year;
  guint8 month;
  guint8 day;
  guint8 precision;
} PlDate;

#define PL_DATE_INIT { 0, 0, 0, PL_DATE_PRECISION_NONE }

GType     pl_date_get_type    (void) G_GNUC_CONST;
PlDate   *pl_date_copy        (const PlDate *date);
void      pl_date_free        (PlDate       *date);

gboolean  pl_date_parse       (const char   *text,
                               PlDate       *out);
gboolean  pl_date_is_valid    (const PlDate *date);
char     *pl_date_to_iso      (const PlDate *date) G_GNUC_WARN_UNUSED_RESULT;
int       pl_date_compare     (const PlDate *a,
                               const PlDate *b);
gboolean  pl_date_equal       (const PlDate *a,
                               const PlDate *b);
gboolean  pl_date_get_span    (const PlDate *date,
                               guint32      *first_day,
                               guint32      *last_day);
gboolean  pl_date_ends_before (const PlDate *end,
                               const PlDate *start);
char     *pl_date_format      (const PlDate *date) G_GNUC_WARN_UNUSED_RESULT;
double    pl_date_to_days     (const PlDate *date);

gboolean     pl_date_is_leap_year  (gint64        year);
int          pl_date_days_in_month (gint64        year,
                                    int           month);

G_END_DECLS
