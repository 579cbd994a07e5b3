/* The libhsts 0.1.0 API on hstsq's lookup (include/libhsts.h says where the answers differ, and why). */
#include <stdlib.h>
#include <string.h>

#include "hstsq.h"
#include "libhsts.h"

struct _hsts_st {
    hstsq_list *list;
};

struct _hsts_entry_st {
    int flags;
};

/* libhsts's cap on what hsts_load_fp reads. */
#define HSTS_MAXIMUM_INPUT (20u * 1024u * 1024u)

static hsts_status_t hsts_status_for(hstsq_status status) {
    switch (status) {
    case HSTSQ_OK: return HSTS_SUCCESS;
    case HSTSQ_ERR_INVALID_ARGUMENT: return HSTS_ERR_INVALID_ARG;
    case HSTSQ_ERR_IO: return HSTS_ERR_INPUT_FAILURE;
    case HSTSQ_ERR_UNSUPPORTED_VERSION: return HSTS_ERR_INPUT_VERSION;
    case HSTSQ_ERR_TRUNCATED: return HSTS_ERR_INPUT_TOO_SHORT;
    case HSTSQ_ERR_NO_MEMORY: return HSTS_ERR_NO_MEM;
    default: return HSTS_ERR_INPUT_FORMAT;
    }
}

static hsts_status_t hsts_adopt(hstsq_status status, hstsq_list *list, hsts_t **hsts) {
    if (status != HSTSQ_OK) return hsts_status_for(status);
    if (!hsts) {
        hstsq_close(list);
        return HSTS_SUCCESS;
    }
    hsts_t *result = calloc(1, sizeof *result);
    if (!result) {
        hstsq_close(list);
        return HSTS_ERR_NO_MEM;
    }
    result->list = list;
    *hsts = result;
    return HSTS_SUCCESS;
}

hsts_status_t hsts_load_file(const char *fname, hsts_t **hsts) {
    if (!fname) return HSTS_ERR_INVALID_ARG;
    hstsq_list *list = NULL;
    hstsq_status status = hstsq_open(fname, HSTSQ_INDEX_COMPILED_FILE, &list, NULL, 0);
    return hsts_adopt(status, list, hsts);
}

hsts_status_t hsts_load_fp(FILE *fp, hsts_t **hsts) {
    if (!fp) return HSTS_ERR_INVALID_ARG;
    size_t capacity = 1u << 20, length = 0;
    unsigned char *bytes = malloc(capacity);
    if (!bytes) return HSTS_ERR_NO_MEM;
    for (;;) {
        size_t n = fread(bytes + length, 1, capacity - length, fp);
        length += n;
        if (n == 0) break;
        if (length == capacity) {
            if (capacity >= HSTS_MAXIMUM_INPUT) {
                free(bytes);
                return HSTS_ERR_INPUT_TOO_LONG;
            }
            unsigned char *grown = realloc(bytes, capacity *= 2);
            if (!grown) {
                free(bytes);
                return HSTS_ERR_NO_MEM;
            }
            bytes = grown;
        }
    }
    if (ferror(fp)) {
        free(bytes);
        return HSTS_ERR_INPUT_FAILURE;
    }
    if (length == 0) {
        free(bytes);
        return HSTS_ERR_INPUT_TOO_SHORT;
    }
    hstsq_list *list = NULL;
    hstsq_status status = hstsq_open_memory(bytes, length, HSTSQ_INDEX_COMPILED_FILE, &list, NULL, 0);
    free(bytes);
    return hsts_adopt(status, list, hsts);
}

void hsts_free(hsts_t *hsts) {
    if (!hsts) return;
    hstsq_close(hsts->list);
    free(hsts);
}

hsts_status_t hsts_search(const hsts_t *hsts, const char *domain, int flags, hsts_entry_t **entry) {
    (void)flags;
    if (!hsts || !domain) return HSTS_ERR_INVALID_ARG;
    /* libhsts drops one leading dot ("should be called without leading dots, just make sure"). */
    if (*domain == '.') domain++;
    hstsq_decision decision;
    if (hstsq_lookup(hsts->list, domain, strlen(domain), HSTSQ_RULE_CHROMIUM, &decision) != HSTSQ_OK
        || !decision.upgrade)
        return HSTS_ERR_NOT_FOUND;
    if (entry) {
        hsts_entry_t *result = calloc(1, sizeof *result);
        if (!result) return HSTS_ERR_NO_MEM;
        result->flags = (decision.flags & HSTSQ_FLAG_INCLUDE_SUBDOMAINS) ? HSTS_FLAG_INCLUDE_SUBDOMAINS : 0;
        *entry = result;
    }
    return HSTS_SUCCESS;
}

void hsts_free_entry(hsts_entry_t *entry) { free(entry); }

int hsts_has_include_subdomains(const hsts_entry_t *entry) {
    return entry && (entry->flags & HSTS_FLAG_INCLUDE_SUBDOMAINS) ? 1 : 0;
}

const char *hsts_dist_filename(void) { return hstsq_bundled_path(); }

const char *hsts_get_version(void) { return HSTS_VERSION; }

int hsts_check_version_number(int version) {
    if (version) {
        int major = version >> 16, minor = (version >> 8) & 0xFF, patch = version & 0xFF;
        if (major < HSTS_VERSION_MAJOR || (major == HSTS_VERSION_MAJOR && minor < HSTS_VERSION_MINOR)
            || (major == HSTS_VERSION_MAJOR && minor == HSTS_VERSION_MINOR && patch < HSTS_VERSION_PATCH))
            return 0;
    }
    return HSTS_VERSION_NUMBER;
}

const char *hsts_strerror(hsts_status_t err) {
    switch (err) {
    case HSTS_SUCCESS: return "Success";
    case HSTS_ERR_INVALID_ARG: return "Invalid argument";
    case HSTS_ERR_NO_MEM: return "Failed to allocate memory";
    case HSTS_ERR_INPUT_FAILURE: return "Failed to read input data";
    case HSTS_ERR_INPUT_TOO_SHORT: return "Not enough input data";
    case HSTS_ERR_INPUT_TOO_LONG: return "Input data too large";
    case HSTS_ERR_INPUT_FORMAT: return "Input is not a compiled hstsq file";
    case HSTS_ERR_INPUT_VERSION: return "Unsupported compiled file format version";
    case HSTS_ERR_NOT_FOUND: return "Domain not found";
    default: return "Unknown error";
    }
}
