#ifndef HSTSQ_BUNDLED_DATA_H
#define HSTSQ_BUNDLED_DATA_H

#include <stddef.h>

/* The files of data/ that hstsq ships, embedded in the binary at build time (C23 #embed), so that an installed
 * binary needs no file beside it. */

/* data/preload-2026-06-01.hstsq: the bundled compiled list. */
const unsigned char *hstsq_bundled_list_pointer(void);
extern const size_t hstsq_bundled_list_size;

/* data/public_suffix_list.dat: the Public Suffix List the eligibility audit uses. */
const unsigned char *hstsq_bundled_public_suffix_list_pointer(void);
extern const size_t hstsq_bundled_public_suffix_list_size;

#endif
