import CHSTSQ
import Foundation
import HSTSPreload
import HSTSQCAPI
import Testing

/// hstsq.h's functions, called through their C declarations, against the Swift API on the differential query set
/// and on bad input. (The gcc-compiled programs in Tests/CLibrary test the installed library the same way from C.)
@Suite struct CFunctionTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let listPath = repositoryRoot.appendingPathComponent("data/preload-2026-06-01.hstsq").path

    /// Opens `path` through the C API, or records the status and message.
    static func open(_ path: String, index: hstsq_index = HSTSQ_INDEX_COMPILED_FILE) -> (OpaquePointer?, Int32, String)
    {
        var list: OpaquePointer?
        var message = [CChar](repeating: 0, count: 512)
        let status = hstsq_open(path, Int32(index.rawValue), &list, &message, message.count).rawValue
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (list, status, text)
    }

    /// The C answer for `host`.
    static func lookup(_ list: OpaquePointer?, _ host: String, _ rule: hstsq_rule) -> hstsq_decision {
        var decision = hstsq_decision()
        var bytes = Array(host.utf8)
        _ = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                hstsq_lookup(list, chars.baseAddress, chars.count, Int32(rule.rawValue), &decision)
            }
        }
        return decision
    }

    /// The deterministic query set of the Swift differential test: every entry, random subdomains below entries,
    /// random misses and near misses, plus case and trailing-dot variants, IP literals and invalid names.
    static func queries(_ names: [String]) -> [String] {
        var state: UInt64 = 2026_06_01
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        func label() -> String { String((0..<(1 + Int(next() % 12))).map { _ in alphabet[Int(next() % 36)] }) }
        var queries = names
        for name in names {
            queries.append(label() + "." + name)
            if next() % 4 == 0 { queries.append(label() + "." + label() + "." + name) }
        }
        let tlds = ["com", "net", "org", "de", "co.uk", "io", "dev", "app", "zz", "gov"]
        for _ in 0..<20_000 { queries.append(label() + "." + tlds[Int(next() % 10)]) }
        for name in names.prefix(10_000) {
            queries += [name + "x", "x" + name, name.uppercased() + ".", "WWW." + name + "."]
        }
        queries += ["1.2.3.4", "[::1]", "::1", "", ".", "a..b", "bücher.de", "xn--bcher-kva.de", "-bad-.com"]
        queries += [
            "1.0.0.1", "1.1", "0x1.0.0.1", "16777217", "999.1.1.1", "a.b.1", "figma%2Ecom", "ｆｉｇｍａ.com",
            "steel-pc.lu.", "steel-pc.lu..", "xn--a.com",
        ]
        return queries
    }

    @Test(arguments: [HSTSQ_INDEX_COMPILED_FILE, HSTSQ_INDEX_HASH_TABLE])
    func cAnswersEqualSwiftAnswersOnTheDifferentialSet(_ index: hstsq_index) throws {
        let swiftIndex: PreloadList.LookupIndex = index == HSTSQ_INDEX_HASH_TABLE ? .hashTable : .compiledFile
        let list = try PreloadList(contentsOfCompiledFile: Self.listPath, index: swiftIndex)
        let (handle, status, message) = Self.open(Self.listPath, index: index)
        defer { hstsq_close(handle) }
        #expect(status == 0, "\(message)")
        let queries = Self.queries(try list.entries().map(\.name))
        var disagreements: [String] = []
        for query in queries {
            for (rule, semantics) in [
                (HSTSQ_RULE_CHROMIUM, MatchingSemantics.chromium), (HSTSQ_RULE_ANY_ANCESTOR, .anyAncestor),
            ] {
                let c = Self.lookup(handle, query, rule)
                var utf8 = Array(query.utf8)
                let swift = utf8.withUnsafeMutableBufferPointer { list.decision(utf8: $0.span, semantics: semantics) }
                let expected = Self.expected(swift)
                let actual =
                    "\(c.status) \(c.upgrade) \(c.match) \(c.mode) \(c.flags & 1) \(c.pinset) \(c.entry_name_length)"
                if actual != expected {
                    disagreements.append("\(query) [\(semantics)]: C \(actual), Swift \(expected)")
                }
            }
        }
        #expect(queries.count > 150_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(5))")
    }

    /// The C fields the Swift decision should produce, as text.
    static func expected(_ decision: UpgradeDecision?) -> String {
        guard let decision else { return "\(HSTSQ_ERR_INVALID_HOST.rawValue) 0 0 0 0 -1 0" }
        guard let entry = decision.entry, let match = decision.match else {
            return "0 \(decision.upgrade ? 1 : 0) 0 0 0 -1 0"
        }
        let mode = entry.attributes.mode == .forceHTTPS ? 1 : 0
        let flag = entry.attributes.includeSubdomains ? 1 : 0
        return
            "0 \(decision.upgrade ? 1 : 0) \(match == .exact ? 1 : 2) \(mode) \(flag) \(entry.pinsetIndex ?? -1) \(entry.nameLength)"
    }

    @Test func entryNameIsTheSwiftAPIsName() throws {
        let list = try PreloadList(contentsOfCompiledFile: Self.listPath)
        let (handle, _, _) = Self.open(Self.listPath)
        defer { hstsq_close(handle) }
        for query in [
            "Sub.Fan.GOV.", "fan.gov", "www.paypal.com", "a.b.accounts.google.com", "bücher.de", "nothing.zz",
        ] {
            let decision = Self.lookup(handle, query, HSTSQ_RULE_CHROMIUM)
            var buffer = [CChar](repeating: 0, count: 254)
            let status = withUnsafePointer(to: decision) { pointer in
                hstsq_entry_name(query, query.utf8.count, pointer, &buffer, buffer.count).rawValue
            }
            let host = try HostName(query)
            let expected = list.decision(for: host).entry.map { String($0.name(in: host)) } ?? ""
            #expect(status == 0)
            #expect(
                String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) == expected,
                "\(query)"
            )
        }
    }

    @Test func batchAnswersEqualSingleAnswers() throws {
        let (handle, _, _) = Self.open(Self.listPath)
        defer { hstsq_close(handle) }
        let hosts = ["fan.gov", "x.fan.gov", "EXAMPLE.com.", "", "a..b", "1.2.3.4"]
        let cStrings = hosts.map { strdup($0) }
        defer { for s in cStrings { free(s) } }
        var pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) }
        pointers.append(nil)
        var decisions = [hstsq_decision](repeating: hstsq_decision(), count: pointers.count)
        let status = hstsq_lookup_batch(
            handle,
            &pointers,
            nil,
            pointers.count,
            Int32(HSTSQ_RULE_CHROMIUM.rawValue),
            &decisions
        )
        #expect(status == HSTSQ_OK)
        for (i, host) in hosts.enumerated() {
            let single = Self.lookup(handle, host, HSTSQ_RULE_CHROMIUM)
            #expect(decisions[i].status == single.status && decisions[i].upgrade == single.upgrade)
            #expect(decisions[i].entry_name_length == single.entry_name_length, "\(host)")
        }
        #expect(decisions[hosts.count].status == HSTSQ_ERR_INVALID_ARGUMENT.rawValue)
    }

    @Test func badInputReturnsErrorCodes() throws {
        let (handle, _, _) = Self.open(Self.listPath)
        defer { hstsq_close(handle) }
        var decision = hstsq_decision()
        #expect(hstsq_lookup(nil, "a.com", 5, 0, &decision) == HSTSQ_ERR_INVALID_ARGUMENT)
        #expect(hstsq_lookup(handle, nil, 5, 0, &decision) == HSTSQ_ERR_INVALID_ARGUMENT)
        #expect(hstsq_lookup(handle, "a.com", 5, 7, &decision) == HSTSQ_ERR_INVALID_ARGUMENT)
        #expect(hstsq_lookup(handle, "a.com", 5, 0, nil) == HSTSQ_ERR_INVALID_ARGUMENT)
        let huge = String(repeating: "a", count: 1 << 20)
        #expect(Self.lookup(handle, huge, HSTSQ_RULE_CHROMIUM).status == HSTSQ_ERR_INVALID_HOST.rawValue)
        let invalidUTF8: [CChar] = [0x61, -1, -2, 0x2E, 0x63, 0x6F, 0x6D]
        #expect(hstsq_lookup(handle, invalidUTF8, invalidUTF8.count, 0, &decision) == HSTSQ_ERR_INVALID_HOST)
        var list: OpaquePointer?
        #expect(hstsq_open(nil, 0, &list, nil, 0) == HSTSQ_ERR_INVALID_ARGUMENT)
        #expect(hstsq_open(Self.listPath, 0, nil, nil, 0) == HSTSQ_ERR_INVALID_ARGUMENT)
        #expect(Self.open("/nonexistent/list.hstsq").1 == HSTSQ_ERR_IO.rawValue)
        let directory = Self.open(NSTemporaryDirectory())
        #expect(directory.1 == HSTSQ_ERR_IO.rawValue, "\(directory.2)")
        #expect(directory.0 == nil)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.listPath)))
        for (cut, expected) in [(bytes.count / 2, HSTSQ_ERR_TRUNCATED), (4, HSTSQ_ERR_TRUNCATED)] {
            var opened: OpaquePointer?
            let status = hstsq_open_memory(bytes, cut, 0, &opened, nil, 0)
            #expect(status == expected || (cut > 8 && status == HSTSQ_ERR_CORRUPT), "cut at \(cut): \(status)")
            #expect(opened == nil)
        }
        var text = [UInt8]("not a list at all, but long enough to have a header".utf8)
        let garbage = hstsq_open_memory(&text, text.count, 0, &list, nil, 0)
        #expect(garbage == HSTSQ_ERR_NOT_A_LIST)
        #expect(String(cString: hstsq_strerror(Int32(HSTSQ_ERR_TRUNCATED.rawValue))) == "truncated compiled file")
    }

    @Test func infoNamesTheList() throws {
        let list = try PreloadList(contentsOfCompiledFile: Self.listPath)
        let (handle, _, _) = Self.open(Self.listPath)
        defer { hstsq_close(handle) }
        var info = hstsq_info()
        #expect(hstsq_list_info(handle, &info) == HSTSQ_OK)
        let label = withUnsafeBytes(of: info.label) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        let sha = withUnsafeBytes(of: info.source_sha256) {
            String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
        }
        #expect(label == "preload-2026-06-01")
        #expect(sha == list.sourceSHA256)
        #expect(info.entry_count == UInt64(list.entryCount))
        #expect(info.compiled_at == list.compiledAt)
    }
}
