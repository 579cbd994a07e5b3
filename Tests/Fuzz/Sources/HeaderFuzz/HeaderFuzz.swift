// libFuzzer target: the Strict-Transport-Security parser and its checks. Properties: no crash; the parse (max-age,
// includeSubDomains, preload, issue codes) does not depend on the case of ASCII letters or on spaces around `;`;
// the preload and removal checks and the browser readings run on every input; what Chromium and Firefox would
// store does not depend on the case of ASCII letters either.

import CLibFuzzer
import HSTSEligibility

/// What must not change under the transformations.
func outcome(_ header: StrictTransportSecurity) -> [String] {
    [String(describing: header.maxAge), "\(header.includeSubdomains)", "\(header.preload)"]
        + header.parseIssues.codes.map(\.rawValue)
}

/// What a browser stores, without the wording of its reason.
func storedOutcome(_ storage: BrowserStorage) -> [String] {
    [
        "\(storage.accepted)", String(describing: storage.storedMaxAge), "\(storage.includeSubdomains)",
        "\(storage.maxAgeCapped)",
    ]
}

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = unsafe String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let header = StrictTransportSecurity(parsing: text)
    _ = HeaderRequirements.preloadable(header)
    _ = HeaderRequirements.removable(header)
    _ = BrowserVerdict(evaluating: text)
    let stored = BrowserStorage.all(evaluating: text).map(storedOutcome)

    let upper = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII ? $0.uppercasedASCII : $0 }))
    precondition(
        outcome(StrictTransportSecurity(parsing: upper)) == outcome(header),
        "case changed the parse of \(text.debugDescription)"
    )
    precondition(
        BrowserStorage.all(evaluating: upper).map(storedOutcome) == stored,
        "case changed a browser's reading of \(text.debugDescription)"
    )
    let spaced = text.split(separator: ";", omittingEmptySubsequences: false).joined(separator: " ; ")
    precondition(
        outcome(StrictTransportSecurity(parsing: spaced)) == outcome(header),
        "spaces around ';' changed the parse of \(text.debugDescription)"
    )
    return 0
}

extension Unicode.Scalar {
    var uppercasedASCII: Unicode.Scalar {
        (0x61...0x7A).contains(value) ? Unicode.Scalar(UInt8(value - 0x20)) : self
    }
}
