// libFuzzer target: the HAR evidence reader. Properties: no crash; evidence it accepts, written back as HAR
// (the format `--save-evidence` writes) and read again, is the same evidence; the audit rules run on it
// (the EvidenceProperties module).

import CLibFuzzer
import EvidenceProperties
import HSTSEligibility

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHARReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = unsafe Array(UnsafeBufferPointer(start: data, count: size))
    if let evidence = try? Evidence.readHAR(bytes, fileName: "fuzz.har", domain: "example.com") {
        checkEvidenceProperties(evidence)
    }
    return 0
}
