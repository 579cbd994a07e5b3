/// A `Strict-Transport-Security` header value, parsed the way the hstspreload.org checker parses it.
///
/// Directives are split on `;` and trimmed; names compare case-insensitively. The first valid `max-age` counts.
/// See `HeaderRequirements` for the checks, and `BrowserVerdict` for the stricter RFC 6797 reading.
public struct StrictTransportSecurity: Sendable, Hashable {
    /// The value as given.
    public var value: String
    /// The first valid `max-age`, in seconds; `nil` when absent or unparsable.
    public var maxAge: UInt64?
    /// Whether `includeSubDomains` is present.
    public var includeSubdomains: Bool
    /// Whether `preload` is present.
    public var preload: Bool
    /// Syntax issues (`header.parse.*`).
    public var parseIssues: Issues

    /// Parses `value`, collecting `header.parse.*` issues with hstspreload.org's once-only rules.
    public init(parsing value: String) {
        self.value = value
        maxAge = nil
        includeSubdomains = false
        preload = false
        var issues = Issues()
        let directives = value.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingHeaderWhitespace()
        }
        if directives.count == 1 && directives[0].isEmpty {
            issues.warning(.headerParseEmpty, "Empty Header", "The HSTS header is empty.")
            parseIssues = issues
            return
        }
        for directive in directives {
            let lower = directive.lowercased()
            switch true {
            case lower == "preload":
                if preload {
                    issues.warning(
                        .headerParseRepeatedPreload,
                        "Repeated preload directive",
                        "Header contains a repeated directive: `preload`",
                        once: true
                    )
                }
                preload = true
            case lower.hasPrefix("preload"):
                issues.warning(
                    .headerParseInvalidPreload,
                    "Invalid preload directive",
                    "Header contains a `preload` directive with extra parts.",
                    once: true
                )
            case lower == "includesubdomains":
                if includeSubdomains {
                    issues.warning(
                        .headerParseRepeatedIncludeSubDomains,
                        "Repeated includeSubDomains directive",
                        "Header contains a repeated directive: `includeSubDomains`",
                        once: true
                    )
                }
                includeSubdomains = true
            case lower.hasPrefix("includesubdomains"):
                issues.warning(
                    .headerParseInvalidIncludeSubDomains,
                    "Invalid includeSubDomains directive",
                    "The header contains an `includeSubDomains` directive with extra directives.",
                    once: true
                )
            case lower.hasPrefix("max-age="):
                var directiveIssues = Issues()
                let parsed = Self.parseMaxAge(directive, issues: &directiveIssues)
                issues.append(directiveIssues)
                guard let parsed else { continue }
                if maxAge == nil {
                    maxAge = parsed
                } else {
                    issues.warning(
                        .headerParseRepeatedMaxAge,
                        "Repeated max-age directive",
                        "The header contains a repeated directive: `max-age`",
                        once: true
                    )
                }
            case lower.hasPrefix("max-age"):
                issues.error(
                    .headerParseInvalidMaxAgeNoValue,
                    "Max-age directive without a value",
                    "The header contains a max-age directive name without an associated value. Please specify the max-age in seconds.",
                    once: true
                )
            case directive.isEmpty:
                issues.warning(
                    .headerParseEmptyDirective,
                    "Empty directive or extra semicolon",
                    "The header includes an empty directive or extra semicolon.",
                    once: true
                )
            default:
                issues.warning(
                    .headerParseUnknownDirective,
                    "Unknown directive",
                    "The header contains an unknown directive: `\(directive)`"
                )
            }
        }
        parseIssues = issues
    }

    /// The value after `max-age=`: digits only (a quoted value is a non-digit), fitting in 64 bits.
    private static func parseMaxAge(_ directive: Substring, issues: inout Issues) -> UInt64? {
        let digits = directive.dropFirst("max-age=".count)
        if digits.count > 1 && digits.first == "0" {
            issues.warning(
                .headerParseMaxAgeLeadingZero,
                "Unexpected max-age syntax",
                "The header's max-age value contains a leading 0: `\(directive)`"
            )
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            issues.error(
                .headerParseMaxAgeNonDigitCharacters,
                "Invalid max-age syntax",
                "The header's max-age value contains characters that are not digits: `\(directive)`"
            )
            return nil
        }
        guard let seconds = UInt64(digits) else {
            issues.error(
                .headerParseMaxAgeParseIntError,
                "Invalid max-age syntax",
                "We could not parse the header's max-age value `\(digits)`."
            )
            return nil
        }
        return seconds
    }
}

extension Substring {
    /// Without leading and trailing whitespace (what Go's `strings.TrimSpace` removes, as the reference does).
    func trimmingHeaderWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}"
        }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[start...end]
    }
}
