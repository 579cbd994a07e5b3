import ArgumentParser
import HSTSEligibility

/// `--policy` values.
enum PolicyOption: String, ExpressibleByArgument, CaseIterable {
    case bulk1Year = "bulk-1-year"
    case bulk18Weeks = "bulk-18-weeks"

    var policy: PreloadPolicy { self == .bulk1Year ? .bulk1Year : .bulk18Weeks }
}
