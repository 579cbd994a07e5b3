public import HSTSPreload

/// The hstspreload.org requirements on the name itself: format, not a public suffix, not an IP, a whole
/// registrable domain (eTLD+1).
public enum DomainRequirements {
    /// Checks `domain` in the reference checker's order; format errors stop the checks.
    ///
    /// Unicode input is converted to A-labels first (the form the list holds); the character check then applies.
    /// - Returns: the issues, and the normalized name when it is a usable host name.
    public static func check(_ domain: String, publicSuffixes: PublicSuffixList) -> (issues: Issues, host: HostName?) {
        var issues = Issues()
        if domain.hasPrefix(".") {
            issues.error(
                .domainFormatBeginsWithDot,
                "Invalid domain name",
                "Please provide a domain that does not begin with `.`"
            )
            return (issues, nil)
        }
        if domain.hasSuffix(".") {
            issues.error(
                .domainFormatEndsWithDot,
                "Invalid domain name",
                "Please provide a domain that does not end with `.`"
            )
            return (issues, nil)
        }
        if domain.contains("..") {
            issues.error(
                .domainFormatContainsDoubleDot,
                "Invalid domain name",
                "Please provide a domain that does not contain `..`"
            )
            return (issues, nil)
        }
        if IPAddress(domain) != nil {
            issues.error(.domainFormatIsIPAddress, "Invalid domain name", "Please provide a domain, not an IP address")
            return (issues, nil)
        }
        let ascii =
            domain.unicodeScalars.allSatisfy(\.isASCII)
            ? domain.lowercased() : ((try? HostName(domain))?.value ?? domain)
        let allowed = ascii.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "."
        }
        guard allowed, let host = try? HostName(ascii) else {
            issues.error(
                .domainFormatInvalidCharacters,
                "Invalid domain name",
                "Please provide a domain using valid characters (letters, numbers, dashes, dots)."
            )
            return (issues, nil)
        }
        if publicSuffixes.publicSuffix(of: host) == host.value {
            issues.error(
                .domainFormatPublicSuffix,
                "Domain is a TLD or public suffix",
                "You have entered a public suffix (ccTLD, gTLD, or other domain listed at https://publicsuffix.org/), which cannot be submitted through this website. If you operate a TLD or public suffix and are interested in preloading HSTS for it, please see https://hstspreload.org/#tld"
            )
            return (issues, host)
        }
        if let registrable = publicSuffixes.registrableDomain(of: host), registrable != host.value {
            issues.error(
                .domainIsSubdomain,
                "Subdomain",
                "`\(host.value)` is a subdomain. Please preload `\(registrable)` instead. (Due to the size of the preload list and the behaviour of cookies across subdomains, we only accept automated preload list submissions of whole registered domains.)"
            )
        }
        return (issues, host)
    }
}
