/*
 * hstsq.h: HSTS preload lookups from C, C++ and any language with a C FFI.
 *
 * A list handle (hstsq_list) is opened from a compiled hstsq file (memory-mapped, checksum verified) or from bytes
 * in memory, answers lookups, and is closed once. Lookups take a host as UTF-8 bytes, normalize it as a browser
 * does (ASCII case, trailing dots, IDNA for non-ASCII names) and apply Chromium's rule (the most specific entry at a
 * label boundary decides) or the any-ancestor rule (Firefox, curl, RFC 6797 section 8.3).
 *
 * Ownership: every pointer the library returns is either owned by the library and valid for the life of the process
 * (hstsq_strerror, hstsq_version, hstsq_bundled_path), or is a list handle the caller owns and closes with
 * hstsq_close. Every other result is written into memory the caller provides. The library keeps no pointer the
 * caller passes in after a call returns (hstsq_open_memory copies the bytes).
 *
 * Threads: a list handle is immutable once opened; any number of threads may look up through one handle at the same
 * time. Closing a handle while another thread uses it is the caller's bug, as with free().
 *
 * See docs/c-api.md for an example and the exact semantics.
 */
#ifndef HSTSQ_H
#define HSTSQ_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HSTSQ_API_VERSION 1

/* Results of every call that can fail. Negative values are errors. */
typedef enum hstsq_status {
    HSTSQ_OK = 0,
    HSTSQ_ERR_INVALID_ARGUMENT = -1,  /* a required pointer is NULL, or an option is out of range */
    HSTSQ_ERR_INVALID_HOST = -2,      /* not a host name: empty, over 253 bytes, a bad label, invalid UTF-8 or IDNA */
    HSTSQ_ERR_IO = -3,                /* the file cannot be opened, read or mapped (missing, a directory, denied) */
    HSTSQ_ERR_NOT_A_LIST = -4,        /* not a compiled hstsq file (bad magic) */
    HSTSQ_ERR_UNSUPPORTED_VERSION = -5, /* a compiled file of a format version this library does not read */
    HSTSQ_ERR_TRUNCATED = -6,         /* the file is shorter than its structure says */
    HSTSQ_ERR_CORRUPT = -7,           /* checksum mismatch or a structural field out of range */
    HSTSQ_ERR_BUFFER_TOO_SMALL = -8,  /* the caller's buffer cannot hold the answer */
    HSTSQ_ERR_NO_MEMORY = -9          /* memory could not be allocated */
} hstsq_status;

/* How lookups find entries (hstsq_open's index argument). */
typedef enum hstsq_index {
    HSTSQ_INDEX_COMPILED_FILE = 0, /* search the mapped file's blocks: fast open, the file's size in memory */
    HSTSQ_INDEX_HASH_TABLE = 1     /* decode every entry into a hash table at open: faster lookups, ~46 B/entry */
} hstsq_index;

/* Which engine's matching rule a lookup applies. */
typedef enum hstsq_rule {
    HSTSQ_RULE_CHROMIUM = 0,     /* the most specific entry decides, even one without include_subdomains */
    HSTSQ_RULE_ANY_ANCESTOR = 1  /* an exact force-https entry or any force-https include_subdomains ancestor */
} hstsq_rule;

/* How the deciding entry relates to the host. */
typedef enum hstsq_match {
    HSTSQ_MATCH_NONE = 0,     /* no entry decided (no entry covers the host, or it is an IP literal) */
    HSTSQ_MATCH_EXACT = 1,    /* the entry's name is the host */
    HSTSQ_MATCH_ANCESTOR = 2  /* the entry's name is a parent of the host */
} hstsq_match;

/* The deciding entry's mode. */
typedef enum hstsq_mode {
    HSTSQ_MODE_NONE = 0,       /* no mode: a pins-only entry, or no entry */
    HSTSQ_MODE_FORCE_HTTPS = 1 /* "force-https" */
} hstsq_mode;

/* The deciding entry's policy (Chromium's list header). */
typedef enum hstsq_policy {
    HSTSQ_POLICY_NONE = 0,
    HSTSQ_POLICY_TEST = 1,
    HSTSQ_POLICY_GOOGLE = 2,
    HSTSQ_POLICY_CUSTOM = 3,
    HSTSQ_POLICY_BULK_LEGACY = 4,
    HSTSQ_POLICY_BULK_18_WEEKS = 5,
    HSTSQ_POLICY_BULK_1_YEAR = 6,
    HSTSQ_POLICY_PUBLIC_SUFFIX = 7,
    HSTSQ_POLICY_PUBLIC_SUFFIX_REQUESTED = 8
} hstsq_policy;

/* Bits of hstsq_decision.flags: the deciding entry's boolean fields. */
#define HSTSQ_FLAG_INCLUDE_SUBDOMAINS (1u << 0)
#define HSTSQ_FLAG_INCLUDE_SUBDOMAINS_FOR_PINNING (1u << 1)
#define HSTSQ_FLAG_EXPECT_CT (1u << 2)
#define HSTSQ_FLAG_EXPECT_STAPLE (1u << 3)
#define HSTSQ_FLAG_INCLUDE_SUBDOMAINS_FOR_EXPECT_STAPLE (1u << 4)

/* The answer for one host. Every field is written by every lookup. */
typedef struct hstsq_decision {
    int32_t status;             /* HSTSQ_OK, or why this host has no answer (batch lookups) */
    int32_t upgrade;            /* 1: http:// (ws://) to the host is rewritten to https:// (wss://); else 0 */
    int32_t match;              /* hstsq_match */
    int32_t mode;               /* hstsq_mode of the deciding entry */
    uint32_t flags;             /* HSTSQ_FLAG_* of the deciding entry */
    int32_t policy;             /* hstsq_policy of the deciding entry */
    int32_t pinset;             /* the deciding entry's pinset number, or -1 */
    uint32_t entry_name_length; /* the entry's name is the last entry_name_length bytes of the normalized host */
} hstsq_decision;

/* What a list is (hstsq_list_info). Strings are NUL-terminated, inside the struct. */
typedef struct hstsq_info {
    char label[256];          /* the file name without its directory and ".hstsq" ("memory" for hstsq_open_memory) */
    char date[11];            /* compiled_at as YYYY-MM-DD (UTC) */
    char source_sha256[65];   /* lower-case hex SHA-256 of the JSON list the file was compiled from */
    int64_t compiled_at;      /* when the file was compiled, in seconds since 1970 */
    uint64_t entry_count;     /* entries in the list */
    uint64_t file_size;       /* bytes of the compiled form */
    uint64_t hash_table_size; /* bytes of the hash table (HSTSQ_INDEX_HASH_TABLE), else 0 */
} hstsq_info;

typedef struct hstsq_list hstsq_list;

/* Opens the compiled file at path. On success *list is a handle to close with hstsq_close; on failure *list is NULL
 * and, when message is not NULL, message holds one line naming the file and the problem (truncated to
 * message_size, always NUL-terminated when message_size > 0). */
hstsq_status hstsq_open(const char *path, int index, hstsq_list **list, char *message, size_t message_size);

/* Opens compiled bytes held in memory; the bytes are copied, so the caller may free them on return. */
hstsq_status hstsq_open_memory(const void *bytes, size_t length, int index, hstsq_list **list, char *message,
                               size_t message_size);

/* Opens the list installed with the library (hstsq_bundled_path()). */
hstsq_status hstsq_open_bundled(int index, hstsq_list **list, char *message, size_t message_size);

/* The path of the list installed with the library: $HSTSQ_DEFAULT_LIST when set and not empty, else
 * <prefix>/share/hstsq/preload-2026-06-01.hstsq beside <prefix>/lib/libhstsq.so. Resolved on the first call; the
 * string belongs to the library and lives as long as the process. */
const char *hstsq_bundled_path(void);

/* Closes a list. NULL is allowed. */
void hstsq_close(hstsq_list *list);

/* Looks up host (length bytes of UTF-8, need not be NUL-terminated) and writes the answer to *decision.
 * Returns HSTSQ_OK (decision->status is HSTSQ_OK too) or an error, also written to decision->status when decision
 * is not NULL. An IP literal is HSTSQ_OK with upgrade 0 and match HSTSQ_MATCH_NONE. Allocates nothing for ASCII
 * hosts. */
hstsq_status hstsq_lookup(const hstsq_list *list, const char *host, size_t length, int rule,
                          hstsq_decision *decision);

/* Looks up count hosts: decisions[i] answers hosts[i], whose length is lengths[i], or strlen(hosts[i]) when
 * lengths is NULL. A host that has no answer (NULL, invalid) gets its own status in decisions[i].status; the call
 * returns HSTSQ_OK unless list, hosts or decisions is NULL (with count > 0) or rule is out of range. */
hstsq_status hstsq_lookup_batch(const hstsq_list *list, const char *const *hosts, const size_t *lengths,
                                size_t count, int rule, hstsq_decision *decisions);

/* Writes the deciding entry's name (NUL-terminated) for a decision made for host into buffer: the last
 * decision->entry_name_length bytes of the normalized host; "" when no entry decided. Returns
 * HSTSQ_ERR_BUFFER_TOO_SMALL when size cannot hold it and the NUL (254 bytes always can). */
hstsq_status hstsq_entry_name(const char *host, size_t length, const hstsq_decision *decision, char *buffer,
                              size_t size);

/* Writes the normalized form of host (lower case, no trailing dot, IDNA to punycode; NUL-terminated) into
 * buffer, and its length into *normalized_length when that is not NULL. */
hstsq_status hstsq_normalize(const char *host, size_t length, char *buffer, size_t size, size_t *normalized_length);

/* Writes what the list is to *info. */
hstsq_status hstsq_list_info(const hstsq_list *list, hstsq_info *info);

/* One line describing a status; never NULL; owned by the library. */
const char *hstsq_strerror(int status);

/* The library's version, "MAJOR.MINOR.PATCH"; owned by the library. */
const char *hstsq_version(void);

#ifdef __cplusplus
}
#endif

#endif /* HSTSQ_H */
