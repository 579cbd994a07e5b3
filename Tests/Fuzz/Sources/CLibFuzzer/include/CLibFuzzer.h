#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

/// Runs libFuzzer on the calling executable's `LLVMFuzzerTestOneInput` with the process's arguments (the options
/// and corpus folders of a libFuzzer command line), and exits with libFuzzer's status.
///
/// A SwiftPM executable always gets SwiftPM's `main`, so libFuzzer's own `main` is never linked; each fuzz target
/// calls this from its `@main` type instead. It goes through `LLVMFuzzerRunDriver`, libFuzzer's interface for
/// programs that have a `main` of their own (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
_Noreturn void CLibFuzzerRun(int argc, char **argv);

#endif
