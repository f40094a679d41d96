#ifndef VERITY_CLIBPQ_SHIM_H
#define VERITY_CLIBPQ_SHIM_H
// libpq's declarations only: the library itself is loaded on first use by CLibPQLoader (see loader.c),
// so commands that never reach PostgreSQL do not pay for loading it and the twenty libraries it needs.
#include <postgresql/libpq-fe.h>
#endif
