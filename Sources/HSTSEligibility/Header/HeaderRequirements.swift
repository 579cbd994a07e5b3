/// The hstspreload.org requirements on a `Strict-Transport-Security` header, for preloading and for removal.
public enum HeaderRequirements {
    /// Ten years in seconds: above it, a warning.
    public static let tenYears: UInt64 = 315_360_000

    /// Parse issues plus the preload requirements: `includeSubDomains`, `preload`, a max-age of at least the
    /// policy's minimum (a warning above ten years).
    public static func preloadable(_ header: StrictTransportSecurity, policy: PreloadPolicy = .bulk1Year) -> Issues {
        var issues = header.parseIssues
        if !header.includeSubdomains {
            issues.error(
                .headerPreloadableIncludeSubDomainsMissing,
                "No includeSubDomains directive",
                "The header must contain the `includeSubDomains` directive."
            )
        }
        if !header.preload {
            issues.error(
                .headerPreloadablePreloadMissing,
                "No preload directive",
                "The header must contain the `preload` directive."
            )
        }
        let minimum = policy.minimumMaxAge
        let name = policy == .bulk1Year ? "1 year" : "18 weeks"
        switch header.maxAge {
        case nil:
            issues.error(
                .headerPreloadableMaxAgeMissing,
                "No max-age directive",
                "Header requirement error: Header must contain a valid `max-age` directive."
            )
        case 0:
            issues.error(
                .headerPreloadableMaxAgeZero,
                "Max-age is 0",
                "The max-age must be at least \(minimum) seconds (≈ \(name)), but the header currently only has max-age=0. If you are trying to remove this domain from the preload list, please visit https://hstspreload.org/removal/"
            )
        case let seconds? where seconds < minimum:
            issues.error(
                policy == .bulk1Year ? .headerPreloadableMaxAgeBelow1Year : .headerPreloadableMaxAgeBelow18Weeks,
                "Max-age too low",
                "The max-age must be at least \(minimum) seconds (≈ \(name)), but the header currently only has max-age=\(seconds)."
            )
        case let seconds? where seconds > tenYears:
            issues.warning(
                .headerPreloadableMaxAgeOver10Years,
                "Max-age > 10 years",
                "FYI: The max-age (\(seconds) seconds) is longer than 10 years, which is an unusually long value."
            )
        default:
            break
        }
        return issues
    }

    /// Parse errors (warnings are dropped, as hstspreload.org does for removal) plus the removal requirements:
    /// no `preload`, a valid `max-age`.
    public static func removable(_ header: StrictTransportSecurity) -> Issues {
        var issues = header.parseIssues.droppingWarnings()
        if header.preload {
            issues.error(
                .headerRemovableContainsPreload,
                "Contains preload directive",
                "Header requirement error: For preload list removal, the header must not contain the `preload` directive."
            )
        }
        if header.maxAge == nil {
            issues.error(
                .headerRemovableMissingMaxAge,
                "No max-age directive",
                "Header requirement error: Header must contain a valid `max-age` directive."
            )
        }
        return issues
    }
}
