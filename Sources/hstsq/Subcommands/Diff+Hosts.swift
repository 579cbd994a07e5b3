import ArgumentParser
import Foundation
import HSTSPreload

/// `hstsq diff OLD NEW --hosts FILE`: which of the user's hosts get another answer from the newer list.
struct HostsDiff {
    let from: Diff.Side
    let to: Diff.Side
    let json: Bool

    /// What changed for one host.
    enum Change: String {
        case nowUpgraded = "now-upgraded"
        case noLongerUpgraded = "no-longer-upgraded"
        case entryChanged = "entry-changed"
    }

    func run(hostsFile: String) throws {
        let old = try from.list()
        let new = try to.list()
        var counts: [Change: Int] = [:]
        var total = 0
        var invalid = 0
        func handle(_ input: String, place: String) {
            let host: HostName
            do {
                host = try HostName(input)
            } catch {
                Terminal.error("\(place): invalid host \(JSONOutput.string(input).rendered): \(error)")
                invalid += 1
                return
            }
            total += 1
            let before = old.decision(for: host)
            let after = new.decision(for: host)
            let change: Change
            if before.upgrade != after.upgrade {
                change = after.upgrade ? .nowUpgraded : .noLongerUpgraded
            } else if before.entry?.nameLength != after.entry?.nameLength
                || before.entry?.attributes != after.entry?.attributes
            {
                change = .entryChanged
            } else {
                return
            }
            counts[change, default: 0] += 1
            let oldName = before.entry.map { String($0.name(in: host)) }
            let newName = after.entry.map { String($0.name(in: host)) }
            if json {
                Terminal.line(
                    JSONOutput.object([
                        ("host", .string(host.value)), ("change", .string(change.rawValue)),
                        ("old", Self.json(before, name: oldName)), ("new", Self.json(after, name: newName)),
                    ]).rendered
                )
            } else {
                Terminal.line(
                    "\(host.value): \(Self.text(before, name: oldName)) -> \(Self.text(after, name: newName))"
                )
            }
        }
        if hostsFile == "-" {
            var number = 0
            while let line = readLine(strippingNewline: true) {
                number += 1
                let trimmed = line.trimmingASCIIWhitespace()
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                handle(trimmed, place: "standard input:\(number)")
            }
        } else {
            let text = String(decoding: try ListLocator.readFile(hostsFile), as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = String(line).trimmingASCIIWhitespace()
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                handle(trimmed, place: "\(hostsFile):\(index + 1)")
            }
        }
        let changed = counts.values.reduce(0, +)
        if json {
            Terminal.line(
                JSONOutput.object([
                    (
                        "summary",
                        .object([
                            ("from", from.json), ("to", to.json), ("hosts", .int(total)), ("changed", .int(changed)),
                            ("now_upgraded", .int(counts[.nowUpgraded] ?? 0)),
                            ("no_longer_upgraded", .int(counts[.noLongerUpgraded] ?? 0)),
                            ("entry_changed", .int(counts[.entryChanged] ?? 0)), ("invalid", .int(invalid)),
                        ])
                    )
                ]).rendered
            )
        } else {
            Terminal.line(
                "\(total) hosts, \(changed) changed: \(counts[.nowUpgraded] ?? 0) now upgraded, "
                    + "\(counts[.noLongerUpgraded] ?? 0) no longer upgraded, \(counts[.entryChanged] ?? 0) deciding entry changed"
                    + " (from \(from.short) to \(to.short))"
            )
        }
        if invalid > 0 { throw ExitCode(3) }
    }

    static func text(_ decision: UpgradeDecision, name: String?) -> String {
        guard let entry = decision.entry, let name else { return "not upgraded (no entry)" }
        let policy = entry.policy.map { ", policy \($0.rawValue)" } ?? ""
        return (decision.upgrade ? "upgraded" : "not upgraded") + " (entry \(name)"
            + (entry.includeSubdomains ? ", include_subdomains" : "") + policy + ")"
    }

    static func json(_ decision: UpgradeDecision, name: String?) -> JSONOutput {
        .object([
            ("upgrade", .bool(decision.upgrade)), ("entry", .optional(name)),
            ("mode", .optional(decision.entry?.mode?.rawValue)),
            ("include_subdomains", decision.entry.map { .bool($0.includeSubdomains) } ?? .null),
            ("policy", .optional(decision.entry?.policy?.rawValue)),
        ])
    }
}
