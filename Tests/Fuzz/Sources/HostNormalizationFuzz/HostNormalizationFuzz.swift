// libFuzzer target: host normalization, as bytes and as Unicode text. Properties: no crash; normalizing a
// normalized host changes nothing; the allocation-free fast path and `HostName` agree on every ASCII input.

import CLibFuzzer
import HSTSPreload

let emptyList: PreloadList? = try? PreloadList(
    compiling: PreloadListSource(entries: [Entry(name: "a.com", mode: .forceHTTPS)])
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
        precondition((try? HostName(name.value)) == name, "normalizing '\(name.value)' again changed it")
        precondition(name.value.utf8.count <= 253)
    }
    _ = try? LookupTarget(parsing: text)
    guard let list = emptyList else { return 0 }
    let fast = list.decision(utf8: bytes.span)
    if bytes.allSatisfy({ $0 < 0x80 }) {
        if let name {
            if IPAddress(name.value) == nil {
                precondition(fast == list.decision(for: name), "fast path and HostName disagree on \(bytes)")
            }
        } else if !bytes.contains(UInt8(ascii: ":")) && !bytes.contains(UInt8(ascii: "[")) {
            precondition(fast == nil, "fast path accepted what HostName rejects: \(bytes)")
        }
    }
    return 0
}
