public import HSTSPreload

/// hstspreload.org's answer to `GET /api/v2/status?domain=D`, computed from a list as its server computes it
/// from its database (`api/domain_handlers.go`, `statusForDomain`).
///
/// Its database holds one state per name: every force-https entry of the list is `preloaded` (with the entry's
/// include_subdomains and policy), a name dropped from the list is `removed`. A name with no state of its own
/// walks up its parents and is `preloaded` by the nearest one that is preloaded with include_subdomains; then
/// `bulk` is false (the state is the name's own, with no policy) and `preloadedDomain` names that parent.
public struct DomainStatus: Sendable, Hashable {
    /// The status values hstspreload.org defines.
    ///
    /// A list answers `unknown`, `preloaded` and `removed`; the
    /// others are states of its submission queue, which a list does not have.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case unknown
        case pending
        case preloaded
        case rejected
        case removed
        case pendingRemoval = "pending-removal"
        case pendingAutomatedRemoval = "pending-automated-removal"
    }

    /// The domain as asked, in lower-case A-labels.
    public var name: String
    /// The status.
    public var status: Status
    /// Whether the name's own entry has a bulk policy (`bulk-legacy`, `bulk-18-weeks`, `bulk-1-year`).
    public var bulk: Bool
    /// The name whose entry preloads this one (itself, or a parent); empty unless `preloaded`.
    public var preloadedDomain: String
    /// The store version from which `preloadedDomain` has been on the list without a break; nil unless
    /// `preloaded` from a store.
    public var preloadedSince: String?

    /// The status of `host` in `served`.
    public init(of host: HostName, in served: ServedList) {
        name = host.value
        bulk = false
        preloadedDomain = ""
        preloadedSince = nil
        let length = host.value.utf8.count
        let entries = served.list.matchingEntries(for: host).filter { $0.mode == .forceHTTPS }
        if let own = entries.first(where: { $0.nameLength == length }) {
            status = .preloaded
            bulk = own.policy.map(Self.bulkPolicies.contains) ?? false
            preloadedDomain = host.value
            preloadedSince = served.preloadedSince[host.value]
            return
        }
        if served.removedNames.contains(host.value) {
            status = .removed
            return
        }
        let parent = entries.filter { $0.nameLength < length && $0.includeSubdomains }.max {
            $0.nameLength < $1.nameLength
        }
        if let parent {
            status = .preloaded
            preloadedDomain = String(parent.name(in: host))
            preloadedSince = served.preloadedSince[preloadedDomain]
        } else {
            status = .unknown
        }
    }

    static let bulkPolicies: Set<Policy> = [.bulkLegacy, .bulk18Weeks, .bulk1Year]

    /// The JSON object, with hstspreload.org's fields first and in its order, then hstsq's own.
    package func json(list served: ServedList) -> JSONOutput {
        .object([
            ("name", .string(name)),
            ("status", .string(status.rawValue)),
            ("bulk", .bool(bulk)),
            ("preloadedDomain", .string(preloadedDomain)),
            ("preloadedSince", .optional(preloadedSince)),
            ("listVersion", .optional(served.version)),
            ("listSHA256", .string(served.sourceSHA256)),
        ])
    }

    /// `json(list:).indented`, written straight into one string: the single-domain status is the hot path
    /// under load, and this skips building the intermediate value (a test holds the two equal).
    package func indentedJSON(list served: ServedList) -> String {
        var out = "{\n  \"name\": "
        out.reserveCapacity(200 + 2 * name.utf8.count)
        JSONOutput.appendGoString(name, to: &out)
        out += ",\n  \"status\": \""
        out += status.rawValue
        out +=
            bulk
            ? "\",\n  \"bulk\": true,\n  \"preloadedDomain\": " : "\",\n  \"bulk\": false,\n  \"preloadedDomain\": "
        JSONOutput.appendGoString(preloadedDomain, to: &out)
        out += ",\n  \"preloadedSince\": "
        if let preloadedSince {
            JSONOutput.appendGoString(preloadedSince, to: &out)
        } else {
            out += "null"
        }
        out += ",\n  \"listVersion\": "
        if let version = served.version {
            JSONOutput.appendGoString(version, to: &out)
        } else {
            out += "null"
        }
        out += ",\n  \"listSHA256\": \""
        out += served.sourceSHA256
        out += "\"\n}\n"
        return out
    }
}
