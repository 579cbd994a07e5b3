/// The attributes a compiled file keeps per entry.
///
/// Entries share one record per distinct combination, and the record's number is folded into the key's end-of-key
/// Huffman symbol, so attributes cost almost nothing per entry.
package struct EntryClass: Sendable, Hashable {
    /// `mode`.
    package var mode: Mode?
    /// `include_subdomains`.
    package var includeSubdomains: Bool
    /// `include_subdomains_for_pinning`.
    package var includeSubdomainsForPinning: Bool
    /// `expect_ct`.
    package var expectCT: Bool
    /// `expect_staple`.
    package var expectStaple: Bool
    /// `include_subdomains_for_expect_staple`.
    package var includeSubdomainsForExpectStaple: Bool
    /// `policy`.
    package var policy: Policy?
    /// Index into the file's pinset names.
    package var pinsetIndex: Int?

    package init(_ entry: Entry, pinsetIndex: Int?) {
        mode = entry.mode
        includeSubdomains = entry.includeSubdomains
        includeSubdomainsForPinning = entry.includeSubdomainsForPinning
        expectCT = entry.expectCT
        expectStaple = entry.expectStaple
        includeSubdomainsForExpectStaple = entry.includeSubdomainsForExpectStaple
        policy = entry.policy
        self.pinsetIndex = pinsetIndex
    }

    package init?(record bytes: [UInt8], pinsetCount: Int) {
        guard bytes.count == TrieFileFormat.classRecordSize else { return nil }
        switch bytes[0] {
        case 0: mode = nil
        case 1: mode = .forceHTTPS
        default: return nil
        }
        let flags = bytes[1]
        guard flags & ~0x1F == 0 else { return nil }
        includeSubdomains = flags & TrieFileFormat.ClassFlag.includeSubdomains != 0
        includeSubdomainsForPinning = flags & TrieFileFormat.ClassFlag.includeSubdomainsForPinning != 0
        expectCT = flags & TrieFileFormat.ClassFlag.expectCT != 0
        expectStaple = flags & TrieFileFormat.ClassFlag.expectStaple != 0
        includeSubdomainsForExpectStaple = flags & TrieFileFormat.ClassFlag.includeSubdomainsForExpectStaple != 0
        if bytes[2] == 0 {
            policy = nil
        } else {
            let index = Int(bytes[2]) - 1
            guard index < Policy.allCases.count else { return nil }
            policy = Policy.allCases[index]
        }
        let pinset = Int(bytes[4]) | Int(bytes[5]) << 8
        if pinset == 0 {
            pinsetIndex = nil
        } else {
            guard pinset - 1 < pinsetCount else { return nil }
            pinsetIndex = pinset - 1
        }
    }

    /// The 8-byte record: mode, flags, policy + 1, 0, pinset + 1 (u16 LE), 0, 0.
    package var record: [UInt8] {
        var flags: UInt8 = 0
        if includeSubdomains { flags |= TrieFileFormat.ClassFlag.includeSubdomains }
        if includeSubdomainsForPinning { flags |= TrieFileFormat.ClassFlag.includeSubdomainsForPinning }
        if expectCT { flags |= TrieFileFormat.ClassFlag.expectCT }
        if expectStaple { flags |= TrieFileFormat.ClassFlag.expectStaple }
        if includeSubdomainsForExpectStaple { flags |= TrieFileFormat.ClassFlag.includeSubdomainsForExpectStaple }
        let policyByte = policy.flatMap { p in Policy.allCases.firstIndex(of: p).map { UInt8($0 + 1) } } ?? 0
        let pinset = UInt16(truncatingIfNeeded: (pinsetIndex ?? -1) + 1)
        return [
            mode == .forceHTTPS ? 1 : 0, flags, policyByte, 0, UInt8(truncatingIfNeeded: pinset),
            UInt8(truncatingIfNeeded: pinset >> 8), 0, 0,
        ]
    }
}
