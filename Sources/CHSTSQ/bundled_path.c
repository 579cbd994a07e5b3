/* Where the list installed with the library is, found from where the library itself is, so an installed tree can
 * move as a whole. Also the library's fixed strings. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hstsq.h"

/* The list file shipped in data/ and installed into <prefix>/share/hstsq (the CLI's ListLocator names it too). */
#define HSTSQ_BUNDLED_FILE "preload-2026-06-01.hstsq"

static pthread_once_t bundled_once = PTHREAD_ONCE_INIT;
static char bundled_path[4096];

static void resolve_bundled_path(void) {
    const char *override = getenv("HSTSQ_DEFAULT_LIST");
    if (override && *override) {
        snprintf(bundled_path, sizeof bundled_path, "%s", override);
        return;
    }
    Dl_info info;
    const char *library = NULL;
    if (dladdr((void *)&hstsq_bundled_path, &info) && info.dli_fname) library = info.dli_fname;
    char directory[4096] = ".";
    if (library) {
        const char *slash = strrchr(library, '/');
        if (slash) {
            size_t length = (size_t)(slash - library);
            if (length >= sizeof directory) length = sizeof directory - 1;
            memcpy(directory, library, length);
            directory[length] = 0;
        }
    }
    /* <prefix>/lib/libhstsq.so -> <prefix>/share/hstsq/ */
    snprintf(bundled_path, sizeof bundled_path, "%s/../share/hstsq/%s", directory, HSTSQ_BUNDLED_FILE);
}

const char *hstsq_bundled_path(void) {
    pthread_once(&bundled_once, resolve_bundled_path);
    return bundled_path;
}

const char *hstsq_strerror(int status) {
    switch (status) {
    case HSTSQ_OK: return "success";
    case HSTSQ_ERR_INVALID_ARGUMENT: return "invalid argument (a NULL pointer or an option out of range)";
    case HSTSQ_ERR_INVALID_HOST: return "not a valid host name";
    case HSTSQ_ERR_IO: return "the file cannot be opened, read or mapped";
    case HSTSQ_ERR_NOT_A_LIST: return "not a compiled hstsq file";
    case HSTSQ_ERR_UNSUPPORTED_VERSION: return "unsupported compiled file format version";
    case HSTSQ_ERR_TRUNCATED: return "truncated compiled file";
    case HSTSQ_ERR_CORRUPT: return "corrupted compiled file";
    case HSTSQ_ERR_BUFFER_TOO_SMALL: return "buffer too small";
    case HSTSQ_ERR_NO_MEMORY: return "out of memory";
    default: return "unknown status";
    }
}

/* The version of hstsq this library belongs to (the CLI's HSTSQVersion.current). */
const char *hstsq_version(void) { return "0.1.0"; }
