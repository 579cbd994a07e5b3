/// The attributes a compiled file keeps per entry: one record per distinct combination.
///
/// The record's number is folded into the key's end-of-key Huffman symbol, so attributes cost almost nothing per
/// entry.
package struct EntryClass: Sendable, Hashable {
    /// Policy, mode and flags.
    package var attributes: EntryAttributes
    /// Index into the file's pinset names.
    package var pinsetIndex: Int?

    package init(attributes: EntryAttributes, pinsetIndex: Int?) {
        self.attributes = attributes
        self.pinsetIndex = pinsetIndex
    }

    /// Decodes an 8-byte class record; `nil` for a record no writer produces.
    package init?(record bytes: [UInt8], pinsetCount: Int) {
        guard bytes.count == TrieFileFormat.classRecordSize else { return nil }
        var attributes = EntryAttributes()
        switch bytes[0] {
        case 0: attributes.mode = nil
        case 1: attributes.mode = .forceHTTPS
        default: return nil
        }
        let flags = bytes[1]
        guard flags & ~0x1F == 0 else { return nil }
        attributes.includeSubdomains = flags & TrieFileFormat.ClassFlag.includeSubdomains != 0
        attributes.includeSubdomainsForPinning = flags & TrieFileFormat.ClassFlag.includeSubdomainsForPinning != 0
        attributes.expectCT = flags & TrieFileFormat.ClassFlag.expectCT != 0
        attributes.expectStaple = flags & TrieFileFormat.ClassFlag.expectStaple != 0
        attributes.includeSubdomainsForExpectStaple =
            flags & TrieFileFormat.ClassFlag.includeSubdomainsForExpectStaple != 0
        if bytes[2] == 0 {
            attributes.policy = nil
        } else {
            guard let policy = Policy(fileCode: bytes[2]) else { return nil }
            attributes.policy = policy
        }
        self.attributes = attributes
        let pinset = Int(bytes[4]) | Int(bytes[5]) << 8
        if pinset == 0 {
            pinsetIndex = nil
        } else {
            guard pinset - 1 < pinsetCount else { return nil }
            pinsetIndex = pinset - 1
        }
    }

    /// The 8-byte record: mode, flags, policy code, 0, pinset + 1 (u16 LE), 0, 0.
    package var record: [UInt8] {
        var flags: UInt8 = 0
        if attributes.includeSubdomains { flags |= TrieFileFormat.ClassFlag.includeSubdomains }
        if attributes.includeSubdomainsForPinning { flags |= TrieFileFormat.ClassFlag.includeSubdomainsForPinning }
        if attributes.expectCT { flags |= TrieFileFormat.ClassFlag.expectCT }
        if attributes.expectStaple { flags |= TrieFileFormat.ClassFlag.expectStaple }
        if attributes.includeSubdomainsForExpectStaple {
            flags |= TrieFileFormat.ClassFlag.includeSubdomainsForExpectStaple
        }
        let pinset = UInt16(truncatingIfNeeded: (pinsetIndex ?? -1) + 1)
        return [
            attributes.mode == .forceHTTPS ? 1 : 0, flags, attributes.policy?.fileCode ?? 0, 0,
            UInt8(truncatingIfNeeded: pinset), UInt8(truncatingIfNeeded: pinset >> 8), 0, 0,
        ]
    }
}
