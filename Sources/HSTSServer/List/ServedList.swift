package import HSTSCheck
public import HSTSPreload

/// The list the server answers from, with what it knows about it beyond the entries.
public struct ServedList: Sendable {
    /// The compiled list.
    public var list: PreloadList { answering.list }
    /// The store version's label, or its id, when the list came from the store.
    public var version: String?
    /// Names that had a force-https entry in an earlier store version and have none now.
    ///
    /// hstspreload.org's `removed` status. Empty for a list that did not come from a store (no history to tell).
    public var removedNames: Set<String>
    /// For each force-https name: the store version (label, or id) that began its unbroken run on the list.
    ///
    /// Empty for a list that did not come from a store.
    public var preloadedSince: [String: String]
    /// The list with what `check` answers name it by (label, date, SHA-256 prefix).
    package let answering: AnsweringList
    /// The SHA-256 of the list's source, in hex: every status answer carries it, so it is rendered once.
    public let sourceSHA256: String

    /// A list with what is known about it; `label` names it in `check` answers (`bundled`, or the file's path, as
    /// `hstsq check` names it).
    public init(
        list: PreloadList,
        label: String = "bundled",
        version: String? = nil,
        removedNames: Set<String> = [],
        preloadedSince: [String: String] = [:]
    ) {
        self.init(
            answering: AnsweringList(compiled: list, label: label),
            version: version,
            removedNames: removedNames,
            preloadedSince: preloadedSince
        )
    }

    /// A list named as `answering` says.
    package init(
        answering: AnsweringList,
        version: String? = nil,
        removedNames: Set<String> = [],
        preloadedSince: [String: String] = [:]
    ) {
        self.answering = answering
        self.version = version
        self.removedNames = removedNames
        self.preloadedSince = preloadedSince
        sourceSHA256 = answering.list.sourceSHA256
    }
}
