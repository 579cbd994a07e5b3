/// A stable identifier of a failed requirement: the same strings the hstspreload.org checker reports.
///
/// Codes are data, not errors (like GRDB's `ResultCode`): an unknown code read from elsewhere still round-trips.
public struct IssueCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code, such as `header.preloadable.preload.missing`.
    public let rawValue: String

    /// Wraps a code string.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The code string.
    public var description: String { rawValue }

    /// Orders codes alphabetically.
    public static func < (lhs: IssueCode, rhs: IssueCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every header code (`header.parse.*`, `header.preloadable.*`, `header.removable.*`).
    public static let allHeaderCodes: [IssueCode] = [
        .headerParseEmpty, .headerParseEmptyDirective, .headerParseRepeatedPreload,
        .headerParseRepeatedIncludeSubDomains,
        .headerParseRepeatedMaxAge, .headerParseInvalidPreload, .headerParseInvalidIncludeSubDomains,
        .headerParseInvalidMaxAgeNoValue, .headerParseMaxAgeLeadingZero, .headerParseMaxAgeNonDigitCharacters,
        .headerParseMaxAgeParseIntError, .headerParseUnknownDirective, .headerPreloadableIncludeSubDomainsMissing,
        .headerPreloadablePreloadMissing, .headerPreloadableMaxAgeMissing, .headerPreloadableMaxAgeZero,
        .headerPreloadableMaxAgeBelow1Year, .headerPreloadableMaxAgeBelow18Weeks, .headerPreloadableMaxAgeOver10Years,
        .headerRemovableContainsPreload, .headerRemovableMissingMaxAge,
    ]

    // Domain.
    /// The name begins with a dot.
    public static let domainFormatBeginsWithDot = IssueCode(rawValue: "domain.format.begins_with_dot")
    /// The name ends with a dot.
    public static let domainFormatEndsWithDot = IssueCode(rawValue: "domain.format.ends_with_dot")
    /// The name contains `..`.
    public static let domainFormatContainsDoubleDot = IssueCode(rawValue: "domain.format.contains_double_dot")
    /// The name is itself a public suffix.
    public static let domainFormatPublicSuffix = IssueCode(rawValue: "domain.format.public_suffix")
    /// A character other than letters, digits, `-` and `.`.
    public static let domainFormatInvalidCharacters = IssueCode(rawValue: "domain.format.invalid_characters")
    /// An IP address.
    public static let domainFormatIsIPAddress = IssueCode(rawValue: "domain.format.is_ip_address")
    /// Not a registrable domain (eTLD+1).
    public static let domainIsSubdomain = IssueCode(rawValue: "domain.is_subdomain")
    /// No TLS connection to https://DOMAIN.
    public static let domainTLSCannotConnect = IssueCode(rawValue: "domain.tls.cannot_connect")
    /// Connects only when certificate checks are skipped.
    public static let domainTLSInvalidCertChain = IssueCode(rawValue: "domain.tls.invalid_cert_chain")
    /// A certificate below the root is signed with SHA-1.
    public static let domainTLSSHA1 = IssueCode(rawValue: "domain.tls.sha1")
    /// www.DOMAIN accepts TCP on 443 but not TLS.
    public static let domainWWWNoTLS = IssueCode(rawValue: "domain.www.no_tls")
    /// TLS 1.2 or older without a modern AEAD ECDHE suite.
    public static let tlsObsoleteCipherSuite = IssueCode(rawValue: "tls.obsolete_cipher_suite")

    // Response.
    /// The HTTPS response has no Strict-Transport-Security header.
    public static let responseNoHeader = IssueCode(rawValue: "response.no_header")
    /// The HTTPS response has more than one.
    public static let responseMultipleHeaders = IssueCode(rawValue: "response.multiple_headers")

    // Redirects.
    /// http://DOMAIN does not answer.
    public static let redirectsHTTPDoesNotExist = IssueCode(rawValue: "redirects.http.does_not_exist")
    /// The HTTP response carries an HSTS header.
    public static let redirectsHTTPUselessHeader = IssueCode(rawValue: "redirects.http.useless_header")
    /// http://DOMAIN does not redirect.
    public static let redirectsHTTPNoRedirect = IssueCode(rawValue: "redirects.http.no_redirect")
    /// The first redirect goes to www.DOMAIN.
    public static let redirectsHTTPWWWFirst = IssueCode(rawValue: "redirects.http.www_first")
    /// The first redirect is not to https on the same host.
    public static let redirectsHTTPFirstRedirectInsecure = IssueCode(rawValue: "redirects.http.first_redirect.insecure")
    /// The first redirect target cannot be fetched.
    public static let redirectsHTTPFirstRedirectInvalid = IssueCode(rawValue: "redirects.http.first_redirect.invalid")
    /// The first redirect target's HSTS header fails the requirements.
    public static let redirectsHTTPFirstRedirectNoHSTS = IssueCode(rawValue: "redirects.http.first_redirect.no_hsts")
    /// The first redirect of a chain goes to http.
    public static let redirectsInsecureInitial = IssueCode(rawValue: "redirects.insecure.initial")
    /// A later redirect of a chain goes to http.
    public static let redirectsInsecureSubsequent = IssueCode(rawValue: "redirects.insecure.subsequent")
    /// More than 3 redirects.
    public static let redirectsTooMany = IssueCode(rawValue: "redirects.too_many")
    /// Following redirects failed.
    public static let redirectsFollowError = IssueCode(rawValue: "redirects.follow_error")

    /// Every code this module reports.
    public static var allCodes: [IssueCode] {
        allHeaderCodes + [
            .responseNoHeader, .responseMultipleHeaders, .domainFormatBeginsWithDot, .domainFormatEndsWithDot,
            .domainFormatContainsDoubleDot, .domainFormatPublicSuffix, .domainFormatInvalidCharacters,
            .domainFormatIsIPAddress, .domainIsSubdomain, .domainTLSCannotConnect, .domainTLSInvalidCertChain,
            .domainTLSSHA1, .domainWWWNoTLS, .tlsObsoleteCipherSuite, .redirectsHTTPDoesNotExist,
            .redirectsHTTPUselessHeader, .redirectsHTTPNoRedirect, .redirectsHTTPWWWFirst,
            .redirectsHTTPFirstRedirectInsecure, .redirectsHTTPFirstRedirectInvalid, .redirectsHTTPFirstRedirectNoHSTS,
            .redirectsInsecureInitial, .redirectsInsecureSubsequent, .redirectsTooMany, .redirectsFollowError,
        ] + removalCodes
    }

    // Header syntax.
    /// The whole value is empty or whitespace.
    public static let headerParseEmpty = IssueCode(rawValue: "header.parse.empty")
    /// An empty directive (a trailing or doubled `;`).
    public static let headerParseEmptyDirective = IssueCode(rawValue: "header.parse.empty_directive")
    /// `preload` appears more than once.
    public static let headerParseRepeatedPreload = IssueCode(rawValue: "header.parse.repeated.preload")
    /// `includeSubDomains` appears more than once.
    public static let headerParseRepeatedIncludeSubDomains = IssueCode(
        rawValue: "header.parse.repeated.include_sub_domains"
    )
    /// A second valid `max-age`.
    public static let headerParseRepeatedMaxAge = IssueCode(rawValue: "header.parse.repeated.max_age")
    /// A directive that starts with `preload` but has more.
    public static let headerParseInvalidPreload = IssueCode(rawValue: "header.parse.invalid.preload")
    /// A directive that starts with `includeSubDomains` but has more.
    public static let headerParseInvalidIncludeSubDomains = IssueCode(
        rawValue: "header.parse.invalid.include_sub_domains"
    )
    /// `max-age` without `=value`.
    public static let headerParseInvalidMaxAgeNoValue = IssueCode(rawValue: "header.parse.invalid.max_age.no_value")
    /// A max-age value with a leading 0.
    public static let headerParseMaxAgeLeadingZero = IssueCode(rawValue: "header.parse.max_age.leading_zero")
    /// A max-age value with a non-digit.
    public static let headerParseMaxAgeNonDigitCharacters = IssueCode(
        rawValue: "header.parse.max_age.non_digit_characters"
    )
    /// Max-age digits that do not fit in 64 bits.
    public static let headerParseMaxAgeParseIntError = IssueCode(rawValue: "header.parse.max_age.parse_int_error")
    /// Any other directive.
    public static let headerParseUnknownDirective = IssueCode(rawValue: "header.parse.unknown_directive")

    // Header requirements for preloading.
    /// No `includeSubDomains`.
    public static let headerPreloadableIncludeSubDomainsMissing = IssueCode(
        rawValue: "header.preloadable.include_sub_domains.missing"
    )
    /// No `preload`.
    public static let headerPreloadablePreloadMissing = IssueCode(rawValue: "header.preloadable.preload.missing")
    /// No valid `max-age`.
    public static let headerPreloadableMaxAgeMissing = IssueCode(rawValue: "header.preloadable.max_age.missing")
    /// `max-age=0`.
    public static let headerPreloadableMaxAgeZero = IssueCode(rawValue: "header.preloadable.max_age.zero")
    /// Below one year (policy bulk-1-year).
    public static let headerPreloadableMaxAgeBelow1Year = IssueCode(rawValue: "header.preloadable.max_age.below_1_year")
    /// Below 18 weeks (policy bulk-18-weeks).
    public static let headerPreloadableMaxAgeBelow18Weeks = IssueCode(
        rawValue: "header.preloadable.max_age.below_18_weeks"
    )
    /// Above ten years.
    public static let headerPreloadableMaxAgeOver10Years = IssueCode(
        rawValue: "header.preloadable.max_age.over_10_years"
    )

    // Header requirements for removal.
    /// The header still has `preload`.
    public static let headerRemovableContainsPreload = IssueCode(rawValue: "header.removable.contains.preload")
    /// No valid `max-age`.
    public static let headerRemovableMissingMaxAge = IssueCode(rawValue: "header.removable.missing.max_age")
}

/// How serious an issue is: errors block preloading, warnings do not.
public enum Severity: String, Sendable, Hashable {
    /// Blocks preloading (or removal).
    case error
    /// Worth fixing; does not block.
    case warning
}

/// One failed requirement: its code, severity, a short summary and a message with the details.
public struct Issue: Sendable, Hashable, CustomStringConvertible {
    /// The stable code.
    public var code: IssueCode
    /// Error or warning.
    public var severity: Severity
    /// A few words, such as "No preload directive".
    public var summary: String
    /// The details, naming the offending value.
    public var message: String

    /// Creates an issue.
    public init(code: IssueCode, severity: Severity, summary: String, message: String) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.message = message
    }

    /// `severity code: message`.
    public var description: String { "\(severity.rawValue) \(code): \(message)" }
}

/// Errors and warnings in the order found, with hstspreload.org's "reported once" rule for some codes.
public struct Issues: Sendable, Hashable {
    /// Issues that block.
    public private(set) var errors: [Issue] = []
    /// Issues that do not block.
    public private(set) var warnings: [Issue] = []

    /// No issues.
    public init() {}

    /// Whether there is neither an error nor a warning.
    public var isEmpty: Bool { errors.isEmpty && warnings.isEmpty }

    /// Every code, errors first.
    public var codes: [IssueCode] { errors.map(\.code) + warnings.map(\.code) }

    /// Adds an issue; with `once`, only when no issue of the same code is present.
    public mutating func add(_ issue: Issue, once: Bool = false) {
        if once && (errors + warnings).contains(where: { $0.code == issue.code }) { return }
        switch issue.severity {
        case .error: errors.append(issue)
        case .warning: warnings.append(issue)
        }
    }

    /// Adds an error.
    public mutating func error(_ code: IssueCode, _ summary: String, _ message: String, once: Bool = false) {
        add(Issue(code: code, severity: .error, summary: summary, message: message), once: once)
    }

    /// Adds a warning.
    public mutating func warning(_ code: IssueCode, _ summary: String, _ message: String, once: Bool = false) {
        add(Issue(code: code, severity: .warning, summary: summary, message: message), once: once)
    }

    /// Appends all of `other`'s issues.
    public mutating func append(_ other: Issues) {
        errors += other.errors
        warnings += other.warnings
    }

    /// Drops the warnings (removal checks ignore parse warnings).
    public func droppingWarnings() -> Issues {
        var copy = self
        copy.warnings = []
        return copy
    }
}
