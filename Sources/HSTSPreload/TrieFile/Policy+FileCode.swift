/// The codes a compiled file's attribute class records store for a policy (docs/trie-format.md, "Attribute class record").
///
/// Written out case by case, so that adding or reordering cases of `Policy` cannot change what an existing file
/// means; 0 in a record stands for no policy.
extension Policy {
    /// The policy's code in a class record.
    package var fileCode: UInt8 {
        switch self {
        case .test: 1
        case .google: 2
        case .custom: 3
        case .bulkLegacy: 4
        case .bulk18Weeks: 5
        case .bulk1Year: 6
        case .publicSuffix: 7
        case .publicSuffixRequested: 8
        }
    }

    /// The policy a class record's code stands for; `nil` for a code no policy has (0 included).
    package init?(fileCode: UInt8) {
        switch fileCode {
        case 1: self = .test
        case 2: self = .google
        case 3: self = .custom
        case 4: self = .bulkLegacy
        case 5: self = .bulk18Weeks
        case 6: self = .bulk1Year
        case 7: self = .publicSuffix
        case 8: self = .publicSuffixRequested
        default: return nil
        }
    }
}
