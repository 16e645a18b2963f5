/* pl-error.c — the error domain shared by the model layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pl-error.h"

G_DEFINE_QUARK (pl-error-quark, pl_error)
