/*
 * libhsts.h: the API of libhsts 0.1.0 (Tim Ruehsen, MIT licence), answered by hstsq's lookup, so a program written
 * for libhsts compiles and links against libhstsq unchanged (-lhstsq instead of -lhsts).
 *
 * Differences from libhsts, each a fix (docs/c-api.md):
 * - hsts_load_file and hsts_load_fp read an hstsq compiled file (hstsq compile), not a libhsts DAFSA file;
 *   hsts_dist_filename() names the list installed with the library.
 * - hsts_search answers with Chromium's rule on the normalized host: "Example.COM." finds example.com, and a
 *   pins-only entry (no force-https mode) is not preloaded, so it is HSTS_ERR_NOT_FOUND.
 * - A file that cannot be opened is HSTS_ERR_INPUT_FAILURE (libhsts: HSTS_ERR_INVALID_ARG).
 */
#ifndef LIBHSTS_HSTS_H
#define LIBHSTS_HSTS_H

#include <stdio.h>
#include <time.h>

#define HSTS_VERSION "0.1.0"
#define HSTS_VERSION_MAJOR 0
#define HSTS_VERSION_MINOR 1
#define HSTS_VERSION_PATCH 0
#define HSTS_VERSION_NUMBER 0x000100

#ifndef HSTS_API
#define HSTS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define HSTS_FLAG_INCLUDE_SUBDOMAINS (1 << 0)

/* Return codes; negative values are failures. */
typedef enum {
    HSTS_SUCCESS = 0,              /* Success. */
    HSTS_ERR_INVALID_ARG = -1,     /* Invalid argument. */
    HSTS_ERR_NO_MEM = -2,          /* Failed to allocate memory. */
    HSTS_ERR_INPUT_FAILURE = -3,   /* Failed to read any input data. */
    HSTS_ERR_INPUT_TOO_SHORT = -4, /* Not enough input data available. */
    HSTS_ERR_INPUT_TOO_LONG = -5,  /* Length of input data is too large. */
    HSTS_ERR_INPUT_FORMAT = -6,    /* Input data format is unknown (not a compiled hstsq file). */
    HSTS_ERR_INPUT_VERSION = -7,   /* Input data format version is unknown. */
    HSTS_ERR_NOT_FOUND = -8        /* Domain could not be found. */
} hsts_status_t;

typedef struct _hsts_st hsts_t;
typedef struct _hsts_entry_st hsts_entry_t;

/* Loads a compiled hstsq file; *hsts is freed with hsts_free. hsts may be NULL (the file is only checked). */
HSTS_API hsts_status_t hsts_load_file(const char *fname, hsts_t **hsts);

/* Loads a compiled hstsq file from fp (read to its end, at most 20 MiB). */
HSTS_API hsts_status_t hsts_load_fp(FILE *fp, hsts_t **hsts);

/* Frees a list; NULL is allowed. */
HSTS_API void hsts_free(hsts_t *hsts);

/* HSTS_SUCCESS when a browser upgrades domain (then *entry, when entry is not NULL, is a new entry to free with
 * hsts_free_entry), HSTS_ERR_NOT_FOUND when it does not, HSTS_ERR_INVALID_ARG for a NULL hsts or domain.
 * flags is unused, as in libhsts. Thread-safe on one hsts_t. */
HSTS_API hsts_status_t hsts_search(const hsts_t *hsts, const char *domain, int flags, hsts_entry_t **entry);

/* Frees an entry; NULL is allowed. */
HSTS_API void hsts_free_entry(hsts_entry_t *entry);

/* 1 when the deciding entry has include_subdomains, else 0 (also for NULL). */
HSTS_API int hsts_has_include_subdomains(const hsts_entry_t *entry);

/* The path of the list installed with the library (hstsq_bundled_path()); owned by the library. */
HSTS_API const char *hsts_dist_filename(void);

/* "0.1.0", the libhsts API version this header provides. */
HSTS_API const char *hsts_get_version(void);

/* HSTS_VERSION_NUMBER, or 0 when version is older than HSTS_VERSION_NUMBER (as libhsts). */
HSTS_API int hsts_check_version_number(int version);

/* One line describing a status; never NULL; owned by the library. */
HSTS_API const char *hsts_strerror(hsts_status_t err);

#ifdef __cplusplus
}
#endif

#endif /* LIBHSTS_HSTS_H */
