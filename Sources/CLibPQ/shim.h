#ifndef VERITY_CLIBPQ_SHIM_H
#define VERITY_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
