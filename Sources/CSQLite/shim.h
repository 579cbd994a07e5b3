#ifndef HSTSQ_CSQLITE_SHIM_H
#define HSTSQ_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import; this constant can.
static const sqlite3_destructor_type hstsq_sqlite_transient = SQLITE_TRANSIENT;

#endif
