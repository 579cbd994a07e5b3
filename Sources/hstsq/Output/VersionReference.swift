import Foundation
import HSTSCheck
import HSTSPreload
import HSTSStore

/// How store answers name the version they came from: id, label, import date and SHA-256 prefix.
enum VersionReference {
    /// `#3 june (2026-06-01, sha256 4be2a1c09f3d)`.
    static func text(_ version: StoreVersion) -> String {
        "\(short(version)) (\(date(version)), sha256 \(version.sourceSHA256.prefix(12)))"
    }

    /// `#3 june`.
    static func short(_ version: StoreVersion) -> String { AnsweringList.shortName(of: version) }

    /// `{"id", "label", "imported_at", "sha256"}` with the 12-digit SHA-256 prefix.
    static func json(_ version: StoreVersion) -> JSONOutput {
        .object([
            ("id", .int(version.id)), ("label", .optional(version.label)),
            ("imported_at", .string(ISO8601DateFormatter().string(from: importDate(version)))),
            ("sha256", .string(String(version.sourceSHA256.prefix(12)))),
        ])
    }

    static func importDate(_ version: StoreVersion) -> Date {
        Date(timeIntervalSince1970: TimeInterval(version.importedAt))
    }

    /// The import day, `YYYY-MM-DD` in UTC.
    static func date(_ version: StoreVersion) -> String {
        String(ISO8601DateFormatter().string(from: importDate(version)).prefix(10))
    }

    /// `force-https, include_subdomains, policy bulk-1-year`.
    static func describe(_ entry: Entry) -> String {
        var parts: [String] = [entry.mode?.rawValue ?? "no mode (pins only)"]
        parts.append(entry.includeSubdomains ? "include_subdomains" : "exact host only")
        parts.append("policy \(entry.policy?.rawValue ?? "none")")
        return parts.joined(separator: ", ")
    }

    /// Whether hstspreload.org's weekly scan re-checks `entry` (its policy is bulk-18-weeks or bulk-1-year).
    static func scanned(_ entry: Entry) -> Bool { entry.policy?.isScannedForAutomatedRemoval ?? false }
}
