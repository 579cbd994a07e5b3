/// The attributes of an entry that matched a host; its name is the host's last `nameLength` bytes.
///
/// No `String` is stored, so producing a decision allocates nothing; `name(in:)` slices the host. The entry's
/// `attributes` are also readable as members of the matched entry itself (`entry.mode`).
@dynamicMemberLookup
public struct MatchedEntry: Sendable, Hashable {
    /// UTF-8 length of the entry's name, which is a suffix of the normalized host.
    public var nameLength: Int
    /// Policy, mode and flags.
    public var attributes: EntryAttributes
    /// Index of the pinset in the list (`PreloadList.pinsetName(at:)`), or `nil`.
    public var pinsetIndex: Int?

    /// One of the entry's `attributes`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<EntryAttributes, Value>) -> Value {
        get { attributes[keyPath: field] }
        set { attributes[keyPath: field] = newValue }
    }

    /// The entry's name, sliced from the host it matched.
    public func name(in host: HostName) -> Substring {
        let utf8 = host.value.utf8
        let start = utf8.index(utf8.endIndex, offsetBy: -min(nameLength, utf8.count))
        return host.value[start...]
    }

    package init(nameLength: Int, entryClass: EntryClass) {
        self.nameLength = nameLength
        attributes = entryClass.attributes
        pinsetIndex = entryClass.pinsetIndex
    }
}
