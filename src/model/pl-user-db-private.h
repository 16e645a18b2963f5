/* pl-user-db-private.h — what the tests may see of the notes database
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pl-user-db.h"

G_BEGIN_DECLS

sqlite3 *pl_user_db_get_connection (PlUserDb *self);

G_END_DECLS
