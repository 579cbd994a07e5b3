// libFuzzer target: arbitrary bytes as a list file. Properties: the importer never crashes; an accepted list
// compiles, opens, verifies, and every entry it holds is found again by name with its own attributes.

import CLibFuzzer
import HSTSPreload

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = unsafe Array(UnsafeBufferPointer(start: data, count: size))
    guard let source = try? PreloadListSource.parse(bytes, fileName: "fuzz.json") else { return 0 }
    let list: PreloadList
    do {
        list = try PreloadList(compiling: source)
        try list.verify()
    } catch {
        // The importer accepted it, so the compiler must too (names, classes and pinsets are validated before).
        fatalError("accepted list failed to compile: \(error)")
    }
    precondition(list.entryCount == source.entries.count, "entry count changed")
    for entry in source.entries.prefix(200) {
        guard let host = try? HostName(entry.name), host.value == entry.name, IPAddress(entry.name) == nil else {
            continue
        }
        let decision = list.decision(for: host)
        precondition(decision.match == .exact, "entry \(entry.name) not found")
        precondition(decision.entry?.mode == entry.mode && decision.entry?.includeSubdomains == entry.includeSubdomains)
    }
    return 0
}
