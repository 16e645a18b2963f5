/* pl-user-db-private.h — what the tests and the notes importer may see of the notes database
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pl-user-db.h"

G_BEGIN_DECLS

sqlite3  *pl_user_db_get_connection (PlUserDb            *self);

/* A time as stored and exported: UTC, always with microseconds, so the
 * text sorts as the time does ("2025-01-17T09:30:00.000000Z"). */
char     *pl_user_db_format_time    (GDateTime           *time);
/* Parses an ISO 8601 date and time that names its zone; NULL otherwise. */
GDateTime *pl_user_db_parse_time    (const char          *text);

/* For writing several annotations in one transaction (the importer). */
gboolean  pl_user_db_begin          (PlUserDb            *self,
                                     GError             **error);
gboolean  pl_user_db_commit         (PlUserDb            *self,
                                     GError             **error);
void      pl_user_db_rollback       (PlUserDb            *self);
/* Inside a transaction: writes @annotation as it is, its created and
 * modified included; both must be set and it must be valid and not empty. */
gboolean  pl_user_db_write          (PlUserDb            *self,
                                     const PlAnnotation  *annotation,
                                     GError             **error);

G_END_DECLS
