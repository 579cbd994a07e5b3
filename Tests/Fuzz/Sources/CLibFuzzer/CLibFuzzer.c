#include "CLibFuzzer.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

// Defined by libFuzzer (compiler-rt's FuzzerInterface.h), linked in by -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// Defined by each fuzz target, with @_cdecl("LLVMFuzzerTestOneInput").
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void CLibFuzzerRun(int argc, char **argv) {
    exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput));
}
