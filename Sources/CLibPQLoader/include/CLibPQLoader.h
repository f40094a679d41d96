#ifndef VERITY_CLIBPQ_LOADER_H
#define VERITY_CLIBPQ_LOADER_H
// Nothing to import: this target defines the libpq functions CLibPQ declares, as forwarders to libpq
// loaded on first use (see loader.c).
#endif
