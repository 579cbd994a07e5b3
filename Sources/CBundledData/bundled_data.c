#include "bundled_data.h"

/* #embed is C23; clang takes it in every C mode. */
#pragma clang diagnostic ignored "-Wc23-extensions"

/* Paths are relative to this file; the list's name must match ListLocator.bundledFileName. */
static const unsigned char bundled_list[] __attribute__((aligned(16))) = {
#embed "../../data/preload-2026-06-01.hstsq"
};
const size_t hstsq_bundled_list_size = sizeof bundled_list;
const unsigned char *hstsq_bundled_list_pointer(void) { return bundled_list; }

static const unsigned char bundled_public_suffix_list[] = {
#embed "../../data/public_suffix_list.dat"
};
const size_t hstsq_bundled_public_suffix_list_size = sizeof bundled_public_suffix_list;
const unsigned char *hstsq_bundled_public_suffix_list_pointer(void) { return bundled_public_suffix_list; }
