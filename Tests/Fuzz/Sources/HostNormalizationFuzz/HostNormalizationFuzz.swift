// libFuzzer target: the host parser (URL Standard host parsing, UTS #46, IPv4 forms, Chromium's HSTS
// canonicalization), as bytes and as Unicode text. Properties: no crash; parsing a canonical host again changes
// nothing; the allocation-free fast path and `HostName` agree on every input; the fast path settles every canonical
// host itself.

import CLibFuzzer
import HSTSPreload

let list: PreloadList? = try? PreloadList(
    compiling: PreloadListSource(entries: [
        Entry(name: "a.com", mode: .forceHTTPS), Entry(name: "1.0.0.1", mode: .forceHTTPS),
        Entry(name: "xn--bcher-kva.de", mode: .forceHTTPS, includeSubdomains: true),
    ])
)

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHostNormalization(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = unsafe Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let name = try? HostName(text)
    if let name {
        precondition((try? HostName(name.value)) == name, "parsing '\(name.value)' again changed it")
        precondition(name.value.utf8.count <= 253)
        precondition(name.value.utf8.allSatisfy { $0 < 0x80 }, "'\(name.value)' is not ASCII")
    }
    _ = try? LookupTarget(parsing: text)
    guard let list else { return 0 }
    let fast = list.decision(utf8: bytes.span)
    if let name {
        // Valid UTF-8 in, the same answer out, whichever path took it.
        if String(validating: bytes, as: UTF8.self) != nil {
            precondition(fast == list.decision(for: name), "fast path and HostName disagree on \(bytes)")
        }
        precondition(
            list.decision(utf8: name.value.utf8.span) == list.decision(for: name),
            "the fast path does not settle the canonical host '\(name.value)'"
        )
    } else if !bytes.contains(UInt8(ascii: ":")) && !bytes.contains(UInt8(ascii: "[")) {
        precondition(fast == nil, "fast path accepted what HostName rejects: \(bytes)")
    }
    return 0
}
