/// The contents of a `transport_security_state_static.json` file, validated: pinsets, entries, and warnings.
public struct PreloadListSource: Sendable {
    /// The pinsets, in file order.
    public var pinsets: [PinSet]
    /// The entries, in file order.
    public var entries: [Entry]
    /// Problems that did not stop the import.
    public var warnings: [ImportWarning]
    /// SHA-256 of the source bytes.
    public var sourceSHA256: [UInt8]

    /// Creates a source from parts (tests and programmatic lists); `sourceSHA256` defaults to zeros.
    public init(
        pinsets: [PinSet] = [],
        entries: [Entry],
        warnings: [ImportWarning] = [],
        sourceSHA256: [UInt8] = .init(repeating: 0, count: 32)
    ) {
        self.pinsets = pinsets
        self.entries = entries
        self.warnings = warnings
        self.sourceSHA256 = sourceSHA256
    }

    /// Parses and validates a list in either of Chromium's layouts (2016, or the current one with `policy`).
    ///
    /// Errors stop the import: bad syntax, a missing `name`, the same name twice, an unknown `mode` or `policy`,
    /// `pins` naming a pinset that does not exist, a field of the wrong type, a name that is no host name.
    /// Warnings do not: a name not in normalized form (kept as written; it can never match, as in Chromium),
    /// unknown fields. With `strict`, the first warning is thrown as an error.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - fileName: the name used in messages.
    ///   - strict: treat warnings as errors.
    /// - Returns: the validated entries and pinsets, with the warnings.
    /// - Throws: `ListImportError`, naming the file and line:column or entry index and name.
    /// - Complexity: O(n) in the size of the file.
    public static func parse(
        _ bytes: [UInt8],
        fileName: String,
        strict: Bool = false
    ) throws(ListImportError) -> PreloadListSource {
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw .syntax(file: fileName, SourceLocation(offset: error.offset, in: bytes), expected: error.expected)
        }
        var importer = ListImporter(bytes: bytes, fileName: fileName, strict: strict)
        return try importer.read(root)
    }

    /// Parses and validates a list in Chromium's current two-file layout: `entries` (the HSTS file,
    /// `transport_security_state_static.json` since 2022) and `pins` (`transport_security_state_static_pins.json`).
    ///
    /// Applies the rules of Chromium's generator (`net/tools/transport_security_state_generator/input_file_parsers.cc`):
    /// every HSTS entry has a valid `policy` and only the fields `name`, `policy`, `mode`, `include_subdomains`,
    /// `pins` (whose value the generator ignores: pins come from the pins file); the pins file has `pinsets` and
    /// `entries` whose fields are `name`, `pins` (required) and `include_subdomains` (pins also apply below the
    /// name); no host twice in either file. A host in both files gets the pinset; a host only in the pins file
    /// becomes an entry that does not force HTTPS (no `mode`, no `policy`), added after the HSTS entries in name
    /// order, as the generator does.
    ///
    /// `sourceSHA256` is the SHA-256 of the two files' SHA-256 digests, entries first, so the same pair is the
    /// same source and neither file alone matches it.
    ///
    /// - Parameters:
    ///   - entries: the HSTS file's contents.
    ///   - entriesFileName: its name in messages.
    ///   - pins: the pins file's contents.
    ///   - pinsFileName: its name in messages.
    ///   - strict: treat warnings as errors.
    /// - Returns: the HSTS entries (with their pinsets) followed by the pins-only entries, the pins file's pinsets,
    ///   and the warnings of both files.
    /// - Throws: `ListImportError`, naming the file and line:column.
    /// - Complexity: O(n log n) in the number of entries.
    public static func parse(
        entries: [UInt8],
        entriesFileName: String,
        pins: [UInt8],
        pinsFileName: String,
        strict: Bool = false
    ) throws(ListImportError) -> PreloadListSource {
        let pinsRoot: JSONValue
        do {
            pinsRoot = try JSONReader.parse(pins)
        } catch {
            throw .syntax(file: pinsFileName, SourceLocation(offset: error.offset, in: pins), expected: error.expected)
        }
        let entriesRoot: JSONValue
        do {
            entriesRoot = try JSONReader.parse(entries)
        } catch {
            throw .syntax(
                file: entriesFileName,
                SourceLocation(offset: error.offset, in: entries),
                expected: error.expected
            )
        }
        var pinsImporter = ListImporter(bytes: pins, fileName: pinsFileName, strict: strict)
        let (pinsets, pinnedHosts) = try pinsImporter.readPinsFile(pinsRoot)
        var importer = ListImporter(bytes: entries, fileName: entriesFileName, strict: strict)
        importer.currentLayout = true
        var source = try importer.read(entriesRoot)
        var remaining = pinnedHosts
        for index in source.entries.indices {
            if let pinned = remaining.removeValue(forKey: source.entries[index].name) {
                source.entries[index].pins = pinned.pinset
                source.entries[index].includeSubdomainsForPinning = pinned.includeSubdomains
            }
        }
        for name in remaining.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let pinned = remaining[name] else { continue }
            source.entries.append(
                Entry(name: name, includeSubdomainsForPinning: pinned.includeSubdomains, pins: pinned.pinset)
            )
        }
        source.pinsets = pinsets
        source.warnings = pinsImporter.warnings + source.warnings
        source.sourceSHA256 = SHA256.hash(SHA256.hash(entries) + SHA256.hash(pins))
        return source
    }
}

/// Maps a parsed JSON document onto entries and pinsets, applying the list maintainers' rules.
private struct ListImporter {
    let bytes: [UInt8]
    let fileName: String
    let strict: Bool
    var warnings: [ImportWarning] = []
    /// Chromium's current layout: the HSTS file of a pair, whose pinsets are in the pins file.
    var currentLayout = false

    init(bytes: [UInt8], fileName: String, strict: Bool) {
        self.bytes = bytes
        self.fileName = fileName
        self.strict = strict
    }

    func location(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset, in: bytes) }

    mutating func warn(_ offset: Int, entry: Int?, name: String?, _ message: String) throws(ListImportError) {
        let warning = ImportWarning(
            file: fileName,
            location: location(offset),
            entryIndex: entry,
            name: name,
            message: message
        )
        if strict { throw .strict(warning) }
        warnings.append(warning)
    }

    mutating func read(_ root: JSONValue) throws(ListImportError) -> PreloadListSource {
        guard let members = root.objectValue else {
            throw .invalidDocument(
                file: fileName,
                location(root.offset),
                problem: "the top level must be an object with \"entries\", found \(root.typeName)"
            )
        }
        var pinsetsValue: JSONValue?
        var entriesValue: JSONValue?
        for member in members {
            switch member.key {
            case "pinsets" where currentLayout:
                throw .invalidDocument(
                    file: fileName,
                    location(member.keyOffset),
                    problem: "\"pinsets\" belongs in the pins file in Chromium's current layout, not beside the entries"
                )
            case "pinsets": pinsetsValue = member.value
            case "entries": entriesValue = member.value
            // Chromium's 2016 layout lists the domains that have pin-report IDs; nothing here needs them.
            case "domain_ids": break
            default:
                try warn(member.keyOffset, entry: nil, name: nil, "unknown top-level field \"\(member.key)\" ignored")
            }
        }
        let pinsets = try readPinSets(pinsetsValue)
        let entryValues = try entriesArray(entriesValue, root: root)
        let pinsetNames = Set(pinsets.map(\.name))
        var entries: [Entry] = []
        entries.reserveCapacity(entryValues.count)
        var firstIndexByName: [String: Int] = [:]
        firstIndexByName.reserveCapacity(entryValues.count)
        for (index, value) in entryValues.enumerated() {
            let entry = try readEntry(value, index: index, pinsetNames: pinsetNames)
            try checkUnique(entry.name, index: index, at: value.offset, firstIndexByName: &firstIndexByName)
            entries.append(entry)
        }
        return PreloadListSource(
            pinsets: pinsets,
            entries: entries,
            warnings: warnings,
            sourceSHA256: SHA256.hash(bytes)
        )
    }

    mutating func readPinSets(_ value: JSONValue?) throws(ListImportError) -> [PinSet] {
        guard let value else { return [] }
        guard let values = value.arrayValue else {
            throw .invalidDocument(
                file: fileName,
                location(value.offset),
                problem: "\"pinsets\" must be an array, found \(value.typeName)"
            )
        }
        var pinsets: [PinSet] = []
        var seen: Set<String> = []
        for (index, item) in values.enumerated() {
            guard let members = item.objectValue else {
                throw .invalidPinSet(
                    file: fileName,
                    index: index,
                    name: nil,
                    location(item.offset),
                    problem: "must be an object, found \(item.typeName)"
                )
            }
            let name = item["name"]?.stringValue
            func fail(_ offset: Int, _ problem: String) -> ListImportError {
                .invalidPinSet(file: fileName, index: index, name: name, location(offset), problem: problem)
            }
            guard let name else { throw fail(item.offset, "missing \"name\" (a string)") }
            var pinset = PinSet(name: name)
            for member in members {
                switch member.key {
                case "name": break
                case "static_spki_hashes", "bad_static_spki_hashes":
                    guard let array = member.value.arrayValue else {
                        throw fail(
                            member.value.offset,
                            "\"\(member.key)\" must be an array of strings, found \(member.value.typeName)"
                        )
                    }
                    var hashes: [String] = []
                    for element in array {
                        guard let hash = element.stringValue else {
                            throw fail(
                                element.offset,
                                "\"\(member.key)\" must be an array of strings, found \(element.typeName)"
                            )
                        }
                        hashes.append(hash)
                    }
                    if member.key == "static_spki_hashes" {
                        pinset.staticSPKIHashes = hashes
                    } else {
                        pinset.badStaticSPKIHashes = hashes
                    }
                case "report_uri":
                    guard let uri = member.value.stringValue else {
                        throw fail(
                            member.value.offset,
                            "\"report_uri\" must be a string, found \(member.value.typeName)"
                        )
                    }
                    pinset.reportURI = uri
                default:
                    try warn(
                        member.keyOffset,
                        entry: nil,
                        name: name,
                        "pinset \(index) '\(name)': unknown field \"\(member.key)\" ignored"
                    )
                }
            }
            if !seen.insert(name).inserted { throw fail(item.offset, "duplicate pinset name") }
            pinsets.append(pinset)
        }
        return pinsets
    }

    mutating func readEntry(_ value: JSONValue, index: Int, pinsetNames: Set<String>) throws(ListImportError) -> Entry {
        let (members, name) = try entryObject(value, index: index)
        func fail(_ offset: Int, _ problem: String) -> ListImportError {
            .invalidEntry(file: fileName, index: index, name: name, location(offset), problem: problem)
        }
        var entry = Entry(name: name)
        func bool(_ member: JSONMember) throws(ListImportError) -> Bool {
            guard let flag = member.value.boolValue else {
                throw fail(
                    member.value.offset,
                    "\"\(member.key)\" must be true or false, found \(member.value.typeName)"
                )
            }
            return flag
        }
        func string(_ member: JSONMember) throws(ListImportError) -> String {
            guard let text = member.value.stringValue else {
                throw fail(member.value.offset, "\"\(member.key)\" must be a string, found \(member.value.typeName)")
            }
            return text
        }
        for member in members {
            if currentLayout, !Self.currentLayoutFields.contains(member.key) {
                throw fail(
                    member.keyOffset,
                    "field \"\(member.key)\" is not allowed in Chromium's current layout (entries take \(Self.currentLayoutFields.joined(separator: ", ")))"
                )
            }
            switch member.key {
            case "name": break
            case "mode" where currentLayout && member.value.stringValue == "":
                // The generator reads an empty mode as none.
                break
            case "pins" where currentLayout:
                // The generator accepts the field and ignores it: pinning comes from the pins file.
                _ = try string(member)
                try warn(
                    member.keyOffset,
                    entry: index,
                    name: name,
                    "\"pins\" ignored: in Chromium's current layout the pins file decides a host's pinset"
                )
            case "policy":
                let text = try string(member)
                guard let policy = Policy(rawValue: text) else {
                    throw fail(
                        member.value.offset,
                        "unknown policy \"\(text)\" (expected one of \(Policy.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                entry.policy = policy
            case "mode":
                let text = try string(member)
                guard let mode = Mode(rawValue: text) else {
                    throw fail(member.value.offset, "unknown mode \"\(text)\" (expected \"force-https\")")
                }
                entry.mode = mode
            case "include_subdomains": entry.includeSubdomains = try bool(member)
            case "include_subdomains_for_pinning": entry.includeSubdomainsForPinning = try bool(member)
            case "pins":
                let text = try string(member)
                guard pinsetNames.contains(text) else {
                    throw fail(member.value.offset, "\"pins\" names pinset \"\(text)\", which does not exist")
                }
                entry.pins = text
            case "expect_ct": entry.expectCT = try bool(member)
            case "expect_ct_report_uri": entry.expectCTReportURI = try string(member)
            case "expect_staple": entry.expectStaple = try bool(member)
            case "include_subdomains_for_expect_staple": entry.includeSubdomainsForExpectStaple = try bool(member)
            case "expect_staple_report_uri": entry.expectStapleReportURI = try string(member)
            default:
                try warn(member.keyOffset, entry: index, name: name, "unknown field \"\(member.key)\" ignored")
            }
        }
        if currentLayout && entry.policy == nil {
            throw fail(
                value.offset,
                "missing \"policy\" (Chromium's current layout requires one of \(Policy.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        return entry
    }

    /// The fields an HSTS entry may have in Chromium's current layout (the generator rejects any other).
    static let currentLayoutFields = ["name", "policy", "mode", "include_subdomains", "pins"]

    /// A host of the pins file: its pinset, and whether the pins apply below it.
    struct PinnedHost {
        var pinset: String
        var includeSubdomains: Bool
    }

    /// The pins file of Chromium's current layout: `pinsets`, and `entries` naming a host and its pinset.
    mutating func readPinsFile(_ root: JSONValue) throws(ListImportError) -> ([PinSet], [String: PinnedHost]) {
        guard let members = root.objectValue else {
            throw .invalidDocument(
                file: fileName,
                location(root.offset),
                problem: "the top level must be an object with \"pinsets\" and \"entries\", found \(root.typeName)"
            )
        }
        var pinsetsValue: JSONValue?
        var entriesValue: JSONValue?
        for member in members {
            switch member.key {
            case "pinsets": pinsetsValue = member.value
            case "entries": entriesValue = member.value
            default:
                try warn(member.keyOffset, entry: nil, name: nil, "unknown top-level field \"\(member.key)\" ignored")
            }
        }
        guard let pinsetsValue else {
            throw .invalidDocument(file: fileName, location(root.offset), problem: "missing \"pinsets\" array")
        }
        let pinsets = try readPinSets(pinsetsValue)
        let values = try entriesArray(entriesValue, root: root)
        let pinsetNames = Set(pinsets.map(\.name))
        var hosts: [String: PinnedHost] = [:]
        var firstIndexByName: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            let (fields, name) = try entryObject(value, index: index)
            func fail(_ offset: Int, _ problem: String) -> ListImportError {
                .invalidEntry(file: fileName, index: index, name: name, location(offset), problem: problem)
            }
            var pinset: String?
            var includeSubdomains = false
            for field in fields {
                switch field.key {
                case "name": break
                case "pins":
                    guard let text = field.value.stringValue else {
                        throw fail(field.value.offset, "\"pins\" must be a string, found \(field.value.typeName)")
                    }
                    guard pinsetNames.contains(text) else {
                        throw fail(field.value.offset, "\"pins\" names pinset \"\(text)\", which does not exist")
                    }
                    pinset = text
                case "include_subdomains":
                    guard let flag = field.value.boolValue else {
                        throw fail(
                            field.value.offset,
                            "\"include_subdomains\" must be true or false, found \(field.value.typeName)"
                        )
                    }
                    includeSubdomains = flag
                default:
                    throw fail(
                        field.keyOffset,
                        "field \"\(field.key)\" is not allowed in a pins file entry (it takes name, pins, include_subdomains)"
                    )
                }
            }
            guard let pinset else { throw fail(value.offset, "missing \"pins\" (the pinset's name)") }
            try checkUnique(name, index: index, at: value.offset, firstIndexByName: &firstIndexByName)
            hosts[name] = PinnedHost(pinset: pinset, includeSubdomains: includeSubdomains)
        }
        return (pinsets, hosts)
    }

    /// The `entries` array of the document whose top level is `root` (either layout).
    func entriesArray(_ value: JSONValue?, root: JSONValue) throws(ListImportError) -> [JSONValue] {
        guard let value else {
            throw .invalidDocument(file: fileName, location(root.offset), problem: "missing \"entries\" array")
        }
        guard let values = value.arrayValue else {
            throw .invalidDocument(
                file: fileName,
                location(value.offset),
                problem: "\"entries\" must be an array, found \(value.typeName)"
            )
        }
        return values
    }

    /// Entry `index`'s members and its name, checked by `checkName` (either layout).
    mutating func entryObject(
        _ value: JSONValue,
        index: Int
    ) throws(ListImportError) -> (members: [JSONMember], name: String) {
        guard let members = value.objectValue else {
            throw .invalidEntry(
                file: fileName,
                index: index,
                name: nil,
                location(value.offset),
                problem: "must be an object, found \(value.typeName)"
            )
        }
        let nameValue = value["name"]
        let name = nameValue?.stringValue
        func fail(_ offset: Int, _ problem: String) -> ListImportError {
            .invalidEntry(file: fileName, index: index, name: name, location(offset), problem: problem)
        }
        guard let nameValue else { throw fail(value.offset, "missing \"name\"") }
        guard let name else { throw fail(nameValue.offset, "\"name\" must be a string, found \(nameValue.typeName)") }
        try checkName(name, at: nameValue.offset, index: index)
        return (members, name)
    }

    /// Rejects a name listed before (either layout): `firstIndexByName` remembers where each name first stood.
    func checkUnique(
        _ name: String,
        index: Int,
        at offset: Int,
        firstIndexByName: inout [String: Int]
    ) throws(ListImportError) {
        if let first = firstIndexByName.updateValue(index, forKey: name) {
            throw .invalidEntry(
                file: fileName,
                index: index,
                name: name,
                location(offset),
                problem: "duplicate name, first listed as entry \(first)"
            )
        }
    }

    /// Rejects a name that is no host name; warns (keeping it as written) when it is not in normalized form.
    mutating func checkName(_ name: String, at offset: Int, index: Int) throws(ListImportError) {
        func fail(_ offset: Int, _ problem: String) -> ListImportError {
            .invalidEntry(file: fileName, index: index, name: name, location(offset), problem: problem)
        }
        do {
            let normalized = try HostName(name)
            if normalized.value != name {
                try warn(
                    offset,
                    entry: index,
                    name: name,
                    "name is not in normalized form ('\(normalized.value)'); kept as written, it can never match a host"
                )
            }
        } catch let error as HostNameError {
            throw fail(offset, "\"name\" is not a valid host name: \(error)")
        } catch let error as ListImportError {
            throw error
        } catch {
            throw fail(offset, "\(error)")
        }
    }
}
