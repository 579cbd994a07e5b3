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
}

/// Maps a parsed JSON document onto entries and pinsets, applying the list maintainers' rules.
private struct ListImporter {
    let bytes: [UInt8]
    let fileName: String
    let strict: Bool
    var warnings: [ImportWarning] = []

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
            case "pinsets": pinsetsValue = member.value
            case "entries": entriesValue = member.value
            // Chromium's 2016 layout lists the domains that have pin-report IDs; nothing here needs them.
            case "domain_ids": break
            default:
                try warn(member.keyOffset, entry: nil, name: nil, "unknown top-level field \"\(member.key)\" ignored")
            }
        }
        let pinsets = try readPinSets(pinsetsValue)
        guard let entriesValue else {
            throw .invalidDocument(file: fileName, location(root.offset), problem: "missing \"entries\" array")
        }
        guard let entryValues = entriesValue.arrayValue else {
            throw .invalidDocument(
                file: fileName,
                location(entriesValue.offset),
                problem: "\"entries\" must be an array, found \(entriesValue.typeName)"
            )
        }
        let pinsetNames = Set(pinsets.map(\.name))
        var entries: [Entry] = []
        entries.reserveCapacity(entryValues.count)
        var firstIndexByName: [String: Int] = [:]
        firstIndexByName.reserveCapacity(entryValues.count)
        for (index, value) in entryValues.enumerated() {
            let entry = try readEntry(value, index: index, pinsetNames: pinsetNames)
            if let first = firstIndexByName.updateValue(index, forKey: entry.name) {
                throw .invalidEntry(
                    file: fileName,
                    index: index,
                    name: entry.name,
                    location(value.offset),
                    problem: "duplicate name, first listed as entry \(first)"
                )
            }
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
        do {
            let normalized = try HostName(name)
            if normalized.value != name {
                try warn(
                    nameValue.offset,
                    entry: index,
                    name: name,
                    "name is not in normalized form ('\(normalized.value)'); kept as written, it can never match a host"
                )
            }
        } catch let error as HostNameError {
            throw fail(nameValue.offset, "\"name\" is not a valid host name: \(error)")
        } catch let error as ListImportError {
            throw error
        } catch {
            throw fail(nameValue.offset, "\(error)")
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
            switch member.key {
            case "name": break
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
        return entry
    }
}
