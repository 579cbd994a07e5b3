// libFuzzer target: the `curl -sSI -L` evidence reader. Properties: no crash; evidence it accepts survives a HAR
// round trip unchanged; the audit rules run on it (the EvidenceProperties module).

import CLibFuzzer
import EvidenceProperties
import HSTSEligibility

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCurlReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = unsafe Array(UnsafeBufferPointer(start: data, count: size))
    if let evidence = try? Evidence.readCurl(bytes, fileName: "fuzz.txt", domain: "example.com") {
        checkEvidenceProperties(evidence)
    }
    return 0
}
