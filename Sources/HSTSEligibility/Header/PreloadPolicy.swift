/// The hstspreload.org submission policy whose max-age minimum applies.
public enum PreloadPolicy: String, Sendable, Hashable, CaseIterable {
    /// At least one year (31,536,000 s): the current requirement.
    case bulk1Year = "bulk-1-year"
    /// At least 18 weeks (10,886,400 s): the earlier requirement.
    case bulk18Weeks = "bulk-18-weeks"

    /// The minimum max-age in seconds.
    public var minimumMaxAge: UInt64 {
        switch self {
        case .bulk1Year: 31_536_000
        case .bulk18Weeks: 10_886_400
        }
    }
}
