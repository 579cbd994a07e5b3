public import HSTSPreload

/// What changed between two lists: entries added, removed, and changed field by field.
public struct ListDiff: Sendable {
    /// Entries only in the newer list, by name.
    public var added: [Entry]
    /// Entries only in the older list, by name.
    public var removed: [Entry]
    /// Entries in both whose fields differ, by name.
    public var changed: [EntryChange]

    /// Compares two lists by entry name (the first entry of a duplicated name counts, as in the importer).
    public init(from old: [Entry], to new: [Entry]) {
        func byName(_ entries: [Entry]) -> [Entry] {
            var seen: Set<String> = []
            return entries.filter { seen.insert($0.name).inserted }
                .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        let old = byName(old)
        let new = byName(new)
        var added: [Entry] = []
        var removed: [Entry] = []
        var changed: [EntryChange] = []
        var i = 0
        var j = 0
        // A merge of the two sorted lists: linear, and the output comes out sorted.
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i].name.utf8.lexicographicallyPrecedes(new[j].name.utf8)) {
                removed.append(old[i])
                i += 1
            } else if i == old.count || new[j].name.utf8.lexicographicallyPrecedes(old[i].name.utf8) {
                added.append(new[j])
                j += 1
            } else {
                let fields = EntryField.allCases.compactMap { field -> FieldChange? in
                    let before = field.value(in: old[i])
                    let after = field.value(in: new[j])
                    return before == after ? nil : FieldChange(field: field, old: before, new: after)
                }
                if !fields.isEmpty { changed.append(EntryChange(name: new[j].name, fields: fields)) }
                i += 1
                j += 1
            }
        }
        self.added = added
        self.removed = removed
        self.changed = changed
    }
}

/// One entry whose fields differ between two lists.
public struct EntryChange: Sendable, Hashable {
    /// The entry's name.
    public var name: String
    /// The fields that differ, in `EntryField` order.
    public var fields: [FieldChange]
}

/// One field's old and new value.
public struct FieldChange: Sendable, Hashable {
    /// Which field.
    public var field: EntryField
    /// Its value in the older list.
    public var old: FieldValue
    /// Its value in the newer list.
    public var new: FieldValue
}

/// A field's value: absent, a flag, or text.
public enum FieldValue: Sendable, Hashable {
    /// The key is absent (a `false` flag is a flag, not absent).
    case absent
    /// A boolean field.
    case flag(Bool)
    /// A text field.
    case text(String)
}

/// The fields of an entry other than its name, by their JSON keys.
public enum EntryField: String, Sendable, Hashable, CaseIterable {
    case policy, mode
    case includeSubdomains = "include_subdomains"
    case includeSubdomainsForPinning = "include_subdomains_for_pinning"
    case pins
    case expectCT = "expect_ct"
    case expectCTReportURI = "expect_ct_report_uri"
    case expectStaple = "expect_staple"
    case includeSubdomainsForExpectStaple = "include_subdomains_for_expect_staple"
    case expectStapleReportURI = "expect_staple_report_uri"

    /// This field's value in `entry`.
    public func value(in entry: Entry) -> FieldValue {
        func text(_ value: String?) -> FieldValue { value.map(FieldValue.text) ?? .absent }
        switch self {
        case .policy: return text(entry.policy?.rawValue)
        case .mode: return text(entry.mode?.rawValue)
        case .includeSubdomains: return .flag(entry.includeSubdomains)
        case .includeSubdomainsForPinning: return .flag(entry.includeSubdomainsForPinning)
        case .pins: return text(entry.pins)
        case .expectCT: return .flag(entry.expectCT)
        case .expectCTReportURI: return text(entry.expectCTReportURI)
        case .expectStaple: return .flag(entry.expectStaple)
        case .includeSubdomainsForExpectStaple: return .flag(entry.includeSubdomainsForExpectStaple)
        case .expectStapleReportURI: return text(entry.expectStapleReportURI)
        }
    }
}
