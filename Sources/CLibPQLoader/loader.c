// libpq, loaded when first used. Linked the usual way, libpq and the libraries it needs (Kerberos, LDAP,
// GnuTLS, SASL, OpenSSL: about twenty) are mapped and relocated at every start of `verity`, about 7 ms of
// CPU before main, which `verity segment` on a 100 KB batch would spend three times over. Here each libpq
// function Verity calls is defined as a forwarder: the first call, from any thread, dlopens libpq once and
// looks up every function; later calls are one indirect call. A machine without libpq gets one clear
// message and exit status 69 (EX_UNAVAILABLE) at the first database use, instead of failing to start.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <postgresql/libpq-fe.h>

#define LIBPQ_FUNCTIONS(X)                                                                                   \
    X(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))                                             \
    X(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname), \
      (keywords, values, expand_dbname))                                                                     \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                                \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn))                                                  \
    X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))                                  \
    X(PGresult *, PQexecParams,                                                                              \
      (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues, \
       const int *paramLengths, const int *paramFormats, int resultFormat),                                  \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))           \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                                          \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))                    \
    X(int, PQntuples, (const PGresult *res), (res))                                                          \
    X(int, PQnfields, (const PGresult *res), (res))                                                          \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))      \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))        \
    X(char *, PQhost, (const PGconn *conn), (conn))                                                          \
    X(char *, PQuser, (const PGconn *conn), (conn))                                                          \
    X(char *, PQport, (const PGconn *conn), (conn))                                                          \
    X(char *, PQpass, (const PGconn *conn), (conn))                                                          \
    X(char *, PQdb, (const PGconn *conn), (conn))                                                            \
    X(int, PQsslInUse, (PGconn *conn), (conn))                                                               \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg)) \
    X(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))        \
    X(PQconninfoOption *, PQconninfo, (PGconn *conn), (conn))

#define LIBPQ_PROCEDURES(X)                                                                                  \
    X(PQfinish, (PGconn *conn), (conn))                                                                      \
    X(PQclear, (PGresult *res), (res))                                                                       \
    X(PQfreemem, (void *ptr), (ptr))                                                                         \
    X(PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))

static struct {
#define FIELD(type, name, params, args) type (*name) params;
#define PROCEDURE_FIELD(name, params, args) void (*name) params;
    LIBPQ_FUNCTIONS(FIELD)
    LIBPQ_PROCEDURES(PROCEDURE_FIELD)
#undef FIELD
#undef PROCEDURE_FIELD
} libpq;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *resolve(void *handle, const char *name) {
    void *function = dlsym(handle, name);
    if (function == NULL) {
        fprintf(stderr, "verity: the PostgreSQL client library has no %s (libpq 10 or later is needed)\n", name);
        exit(69);
    }
    return function;
}

static void load(void) {
    static const char *const names[] = {"libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"};
    void *handle = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && handle == NULL; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        fprintf(stderr, "verity: cannot load the PostgreSQL client library (libpq.so.5): %s\n", dlerror());
        exit(69);
    }
#define RESOLVE(type, name, params, args) *(void **)&libpq.name = resolve(handle, #name);
#define RESOLVE_PROCEDURE(name, params, args) *(void **)&libpq.name = resolve(handle, #name);
    LIBPQ_FUNCTIONS(RESOLVE)
    LIBPQ_PROCEDURES(RESOLVE_PROCEDURE)
#undef RESOLVE
#undef RESOLVE_PROCEDURE
}

#define FORWARD(type, name, params, args)                                                                    \
    type name params {                                                                                       \
        pthread_once(&once, load);                                                                           \
        return libpq.name args;                                                                              \
    }
#define FORWARD_PROCEDURE(name, params, args)                                                                \
    void name params {                                                                                       \
        pthread_once(&once, load);                                                                           \
        libpq.name args;                                                                                     \
    }
LIBPQ_FUNCTIONS(FORWARD)
LIBPQ_PROCEDURES(FORWARD_PROCEDURE)
