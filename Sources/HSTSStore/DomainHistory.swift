public import HSTSPreload

/// How every stored version, oldest first, answers for one domain: which entry decides (Chromium's rule: the most
/// specific entry whose name is the domain or one of its parents) and whether it upgrades.
public struct DomainHistory: Sendable {
    /// The domain, normalized (lower case, A-labels).
    public var domain: String
    /// One answer per stored version, in import order.
    public var answers: [VersionAnswer]
    /// The id of the version that answers today.
    public var currentVersionID: Int?

    /// The current version's answer.
    public var current: VersionAnswer? { answers.first { $0.version.id == currentVersionID } }

    /// The domain's status as of the current version, with when it started or ended.
    public var status: DomainStatus {
        guard let current else { return .unknown }
        if current.preloaded, let entry = current.entry {
            // The start of the run of versions, ending at the current one, that preloaded it.
            var since = current.version
            for answer in answers.reversed() where answer.version.id < current.version.id {
                guard answer.preloaded else { break }
                since = answer.version
            }
            return .preloaded(by: entry, since: since)
        }
        guard let last = answers.last(where: \.preloaded), let entry = last.entry else { return .unknown }
        let removedIn = answers.first { $0.version.id > last.version.id && !$0.preloaded }?.version ?? current.version
        return .removed(lastEntry: entry, lastPresent: last.version, removedIn: removedIn)
    }

    /// The versions in which the deciding entry appeared, changed or disappeared, oldest first.
    public var events: [HistoryEvent] {
        var result: [HistoryEvent] = []
        var previous: Entry?
        for answer in answers {
            switch (previous, answer.entry) {
            case (nil, let entry?):
                result.append(HistoryEvent(version: answer.version, kind: .appeared(entry)))
            case (let old?, nil):
                result.append(HistoryEvent(version: answer.version, kind: .disappeared(old)))
            case (let old?, let new?) where old.name != new.name:
                result.append(HistoryEvent(version: answer.version, kind: .replaced(old, by: new)))
            case (let old?, let new?):
                let fields = EntryField.allCases.compactMap { field -> FieldChange? in
                    let before = field.value(in: old)
                    let after = field.value(in: new)
                    return before == after ? nil : FieldChange(field: field, old: before, new: after)
                }
                if !fields.isEmpty { result.append(HistoryEvent(version: answer.version, kind: .changed(new, fields))) }
            case (nil, nil):
                break
            }
            previous = answer.entry
        }
        return result
    }
}

/// One version's answer for a domain.
public struct VersionAnswer: Sendable, Hashable {
    /// The version.
    public var version: StoreVersion
    /// The most specific entry whose name is the domain or one of its parents, if any.
    public var entry: Entry?
    /// Whether that entry upgrades the domain (force-https, and the domain itself or include_subdomains).
    public var preloaded: Bool
}

/// A domain's status as hstspreload.org names it (`unknown`, `preloaded`, `removed`), from the stored versions.
public enum DomainStatus: Sendable, Hashable {
    /// No stored version preloads it.
    case unknown
    /// The current version preloads it through `entry` (its own or an ancestor's), since version `since` without a
    /// gap.
    case preloaded(by: Entry, since: StoreVersion)
    /// An earlier version preloaded it and the current one does not: `lastPresent` was the last that did,
    /// `removedIn` the first after it that did not.
    case removed(lastEntry: Entry, lastPresent: StoreVersion, removedIn: StoreVersion)

    /// hstspreload.org's `status` value.
    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .preloaded: "preloaded"
        case .removed: "removed"
        }
    }
}

/// One change of a domain's deciding entry.
public struct HistoryEvent: Sendable, Hashable {
    /// The version in which it happened.
    public var version: StoreVersion
    /// What happened.
    public var kind: Kind

    /// What happened to the deciding entry.
    public enum Kind: Sendable, Hashable {
        /// An entry decides where none did.
        case appeared(Entry)
        /// No entry decides any more (the last one is attached).
        case disappeared(Entry)
        /// Another entry (a different name) decides now.
        case replaced(Entry, by: Entry)
        /// The same entry decides with these fields changed.
        case changed(Entry, [FieldChange])
    }
}

extension Policy {
    /// Whether hstspreload.org's weekly scan re-checks entries with this policy and queues failing ones for removal
    /// (`bulk-18-weeks` and `bulk-1-year`; chromium/hstspreload.org `RemoveIneligibleDomains`).
    public var isScannedForAutomatedRemoval: Bool { self == .bulk18Weeks || self == .bulk1Year }

    /// hstspreload.org's `bulk`: added through the site's bulk form (`bulk-legacy`, `bulk-18-weeks`, `bulk-1-year`).
    public var isBulk: Bool { self == .bulkLegacy || self == .bulk18Weeks || self == .bulk1Year }
}
