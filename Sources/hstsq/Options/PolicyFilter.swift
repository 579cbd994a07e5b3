import ArgumentParser
import HSTSPreload

/// `--policy` values for `entries` (a CLI-side type, to keep ArgumentParser out of the core).
struct PolicyFilter: ExpressibleByArgument {
    let policy: Policy

    init?(argument: String) {
        guard let policy = Policy(rawValue: argument) else { return nil }
        self.policy = policy
    }

    static var allValueStrings: [String] { Policy.allCases.map(\.rawValue) }
}
