/* placeholder while being written */
#include <glib.h>
