public import HSTSPreload

/// A name that curl, reading the exported cache file, would upgrade and Chromium does not.
///
/// curl takes an exact entry, else the longest parent entry with include_subdomains. Chromium lets the most
/// specific entry decide, even one that does not upgrade: `www.figma.com` (force-https, no include_subdomains)
/// under `figma.com` (include_subdomains) stops `a.www.figma.com` from being upgraded in Chromium, while curl
/// upgrades it through `.figma.com`. curl answers yes wherever Chromium does, so the differences go one way.
public struct CurlDifference: Sendable, Hashable, CustomStringConvertible {
    /// The overriding entry.
    public var entry: Entry
    /// The parent whose include_subdomains entry curl applies instead.
    public var coveringParent: String
    /// Whether the entry's own name differs too (it has no force-https mode), not only the names below it.
    public var includesEntryName: Bool

    /// `name` and/or `*.name`, with both answers.
    public var description: String {
        let names = includesEntryName ? "\(entry.name) and *.\(entry.name)" : "*.\(entry.name)"
        return
            "\(names): Chromium does not upgrade (entry \(entry.name): \(entry.mode?.rawValue ?? "no mode"), \(entry.includeSubdomains ? "include_subdomains" : "exact name only")); curl upgrades (.\(coveringParent))"
    }

    /// Every difference in `entries`, in the entries' order.
    public static func all(in entries: [Entry]) -> [CurlDifference] {
        var coversSubdomains: Set<String> = []
        for entry in entries where entry.upgradesSubdomains { coversSubdomains.insert(entry.name) }
        var result: [CurlDifference] = []
        for entry in entries where !entry.upgradesSubdomains {
            var name = Substring(entry.name)
            while let dot = name.firstIndex(of: ".") {
                name = name[name.index(after: dot)...]
                if coversSubdomains.contains(String(name)) {
                    result.append(
                        CurlDifference(
                            entry: entry,
                            coveringParent: String(name),
                            includesEntryName: !entry.upgradesExactMatch
                        )
                    )
                    break
                }
            }
        }
        return result
    }
}
