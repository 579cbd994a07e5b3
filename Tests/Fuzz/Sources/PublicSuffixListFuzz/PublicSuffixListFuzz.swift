// libFuzzer target: the Public Suffix List parser. Properties: no crash; on an accepted list, for a set of hosts,
// the public suffix is a label-aligned suffix of the host and the registrable domain is the suffix plus one label.

import CLibFuzzer
import HSTSEligibility
import HSTSPreload

let probeHosts: [HostName] = [
    "com", "example.com", "a.b.example.com", "x.appspot.com", "www.ck", "city.kawasaki.jp", "a.b.c.d.e.f",
    "xn--p1ai", "test.xn--p1ai", "localhost",
].compactMap { try? HostName($0) }

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPublicSuffixList(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = unsafe Array(UnsafeBufferPointer(start: data, count: size))
    guard let list = try? PublicSuffixList(parsing: bytes, fileName: "fuzz.dat") else { return 0 }
    for host in probeHosts {
        let suffix = list.publicSuffix(of: host)
        precondition(
            host.value == suffix || host.value.hasSuffix("." + suffix),
            "public suffix '\(suffix)' of \(host.value) is not a label-aligned suffix"
        )
        if let registrable = list.registrableDomain(of: host) {
            precondition(registrable == host.value || host.value.hasSuffix("." + registrable))
            precondition(registrable.hasSuffix("." + suffix), "\(registrable) is not one label above \(suffix)")
            precondition(
                registrable.split(separator: ".").count == suffix.split(separator: ".").count + 1,
                "\(registrable) is not exactly one label above \(suffix)"
            )
        }
    }
    return 0
}
