/* pl-error.h — the error domain shared by the model layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_ERROR (pl_error_quark ())

typedef enum
{
  PL_ERROR_FAILED,          /* anything not covered below */
  PL_ERROR_INVALID_DATA,    /* a dataset failed validation */
  PL_ERROR_NOT_A_DATASET,   /* the file is not a Pactline dataset at all */
  PL_ERROR_TOO_NEW,         /* written by a newer Pactline */
  PL_ERROR_CORRUPT,         /* SQLite says the file is damaged */
  PL_ERROR_DATABASE,        /* SQLite failed for another reason */
  PL_ERROR_NOT_FOUND,       /* an id that does not exist */
} PlError;

GQuark pl_error_quark (void);

G_END_DECLS
