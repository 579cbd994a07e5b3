public import HSTSPreload

/// The Public Suffix List (publicsuffix.org): which names are suffixes under which anyone can register a domain.
///
/// Implements the list's algorithm: normal rules, wildcard rules (`*.ck`) and exception rules (`!www.ck`); the
/// ICANN and private sections both apply; a name no rule matches has the implicit rule `*` (its last label).
/// Rules are stored as A-labels, so they match normalized hosts.
public struct PublicSuffixList: Sendable {
    enum Rule: Sendable {
        case normal
        case wildcard
        case exception
    }

    /// Rules by their text: `co.uk`, `*.ck` stored as `ck` under wildcards, `!www.ck` as `www.ck` under exceptions.
    private var normal: Set<String> = []
    private var wildcards: Set<String> = []
    private var exceptions: Set<String> = []

    /// Number of rules read.
    public private(set) var ruleCount = 0

    /// Parses the list's text format: one rule per line (the first whitespace-separated word), `//` comments.
    ///
    /// - Throws: `PublicSuffixListError` naming the file and line of a rule that is not a valid name.
    public init(parsing bytes: [UInt8], fileName: String) throws(PublicSuffixListError) {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(file: fileName) }
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so split on both line endings explicitly.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            guard let word = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first,
                !word.hasPrefix("//")
            else {
                continue
            }
            var rule = Substring(word)
            var kind = Rule.normal
            if rule.hasPrefix("!") {
                kind = .exception
                rule = rule.dropFirst()
            } else if rule.hasPrefix("*.") {
                kind = .wildcard
                rule = rule.dropFirst(2)
            }
            let name: HostName
            do {
                name = try HostName(rule)
            } catch {
                throw .invalidRule(file: fileName, line: lineNumber, rule: String(word), reason: error.description)
            }
            // An exception carves a name out of a wildcard, so it has at least two labels; `!com` would make the
            // public suffix of `com` empty (found by the public-suffix-list fuzz target).
            if kind == .exception && name.labels.count < 2 {
                throw .invalidRule(
                    file: fileName,
                    line: lineNumber,
                    rule: String(word),
                    reason: "an exception rule needs at least two labels"
                )
            }
            switch kind {
            case .normal: normal.insert(name.value)
            case .wildcard: wildcards.insert(name.value)
            case .exception: exceptions.insert(name.value)
            }
            ruleCount += 1
        }
        if ruleCount == 0 { throw .empty(file: fileName) }
    }

    /// The public suffix of a normalized host: the labels the prevailing rule matches.
    public func publicSuffix(of host: HostName) -> String {
        let labels = host.labels
        var longest = 1
        for start in 0..<labels.count {
            let suffix = labels[start...].joined(separator: ".")
            let length = labels.count - start
            // An exception rule prevails; its public suffix drops the rule's leftmost label.
            if exceptions.contains(suffix) { return labels[(start + 1)...].joined(separator: ".") }
            if length > longest {
                if normal.contains(suffix) {
                    longest = length
                } else if start + 1 < labels.count, wildcards.contains(labels[(start + 1)...].joined(separator: ".")) {
                    longest = length
                }
            }
        }
        return labels.suffix(longest).joined(separator: ".")
    }

    /// The registrable domain (eTLD+1) of a host, or `nil` when the host is itself a public suffix.
    public func registrableDomain(of host: HostName) -> String? {
        let suffix = publicSuffix(of: host)
        let suffixLabels = suffix.split(separator: ".").count
        let labels = host.labels
        guard labels.count > suffixLabels else { return nil }
        return labels.suffix(suffixLabels + 1).joined(separator: ".")
    }
}

/// Why a Public Suffix List file could not be read.
public enum PublicSuffixListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not UTF-8.
    case notUTF8(file: String)
    /// A rule is not a valid name.
    case invalidRule(file: String, line: Int, rule: String, reason: String)
    /// The file holds no rules.
    case empty(file: String)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .notUTF8(let file): "\(file): not UTF-8 text"
        case .invalidRule(let file, let line, let rule, let reason):
            "\(file):\(line): invalid rule '\(rule)': \(reason)"
        case .empty(let file): "\(file): no rules (is this the Public Suffix List?)"
        }
    }
}
