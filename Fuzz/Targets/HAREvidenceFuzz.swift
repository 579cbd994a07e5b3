// libFuzzer target: the HAR evidence reader. Properties: no crash; evidence it accepts, written back as HAR
// (the format `--save-evidence` writes) and read again, is the same evidence; the audit rules run on it.

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHARReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(unsafe UnsafeBufferPointer(start: data, count: size))
    guard let evidence = try? Evidence.readHAR(bytes, fileName: "fuzz.har", domain: "example.com") else { return 0 }
    _ = EvidenceRules.evaluate(evidence, domain: "example.com", policy: .bulk1Year, checkWWW: true)
    let written = evidence.harDocument(creatorVersion: "fuzz")
    guard let again = try? Evidence.readHAR(Array(written.utf8), fileName: "again.har", domain: "example.com") else {
        preconditionFailure("the HAR written for accepted evidence does not read back: \(written)")
    }
    precondition(again.harDocument(creatorVersion: "fuzz") == written, "HAR round trip changed the evidence")
    return 0
}
