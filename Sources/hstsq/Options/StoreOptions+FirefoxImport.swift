import ArgumentParser
import Foundation
import HSTSMechanisms
import HSTSPreload
import HSTSStore

/// `import --format`: which browser's file format a list is in.
enum ListFormatOption: String, ExpressibleByArgument, CaseIterable {
    /// Chromium's `transport_security_state_static.json`.
    case chromium
    /// Firefox's `nsSTSPreloadList.inc`.
    case firefox
}

extension StoreOptions {
    /// Imports Firefox's `nsSTSPreloadList.inc` as a version marked Firefox's (it never becomes the current version:
    /// `check --browser firefox` finds it), and prints the outcome as `importList` does.
    func importFirefoxList(_ bytes: [UInt8], source: String, label: String?, json: Bool) throws {
        let parsed: FirefoxList
        do {
            parsed = try FirefoxList.parse(bytes, fileName: source)
        } catch {
            throw CLIError(error.description)
        }
        let outcome: ImportOutcome
        do {
            outcome = try preloadStore.importSource(
                parsed.source,
                fileName: source,
                source: source,
                label: label,
                now: Int64(Date().timeIntervalSince1970),
                browser: "firefox",
                expiresAt: parsed.expiration
            )
        } catch {
            throw error.cliError
        }
        let (version, imported): (StoreVersion, Bool) =
            switch outcome {
            case .imported(let version, _): (version, true)
            case .unchanged(let version): (version, false)
            }
        let expires = CalendarDay.format(parsed.expiration)
        if json {
            Terminal.line(
                JSONOutput.object([
                    ("imported", .bool(imported)), ("version", versionJSON(version)), ("browser", .string("firefox")),
                    ("expires", .string(expires)), ("current", .bool(false)),
                ]).rendered
            )
        } else if imported {
            Terminal.line("imported Firefox's list \(describe(version))  expires \(expires)")
        } else {
            Terminal.line(
                "unchanged: the same Firefox list (sha256 \(version.sourceSHA256.prefix(12))) is already version #\(version.id)"
            )
        }
    }
}
