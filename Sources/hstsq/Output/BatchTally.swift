import HSTSEligibility
import HSTSPreload

/// Counts over a batch: codes, eligible domains, unreadable evidence, and the combined exit code.
struct BatchTally {
    let total: Int
    var done = 0
    var eligible = 0
    var unreadable = 0
    var worst: Int32 = 0
    var counts: [String: Int] = [:]

    init(total: Int) {
        self.total = total
    }

    mutating func add(_ report: AuditReport) {
        done += 1
        for code in report.issues.codes { counts[code.rawValue, default: 0] += 1 }
        if report.eligible { eligible += 1 }
        worst = Audit.combine(worst, Audit.exitCode(report))
    }

    mutating func addUnreadable() {
        done += 1
        unreadable += 1
        worst = 3
    }

    /// The summary: one JSON line, or a text block with a line per code, most frequent first.
    func summary(json: Bool, interrupted: Bool = false) -> [String] {
        let sorted = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        if json {
            var fields: [(String, JSONOutput)] = [
                ("domains", .int(total)), ("eligible", .int(eligible)), ("unreadable_evidence", .int(unreadable)),
                ("codes", .object(sorted.map { ($0.key, JSONOutput.int($0.value)) })),
            ]
            if interrupted { fields += [("interrupted", .bool(true)), ("audited", .int(done))] }
            return [JSONOutput.object([("summary", .object(fields))]).rendered]
        }
        var lines = [
            "\nsummary: \(total) domains"
                + (interrupted ? " (interrupted after \(done))" : "")
                + ", \(eligible) eligible, \(unreadable) with unreadable evidence"
        ]
        for (code, count) in sorted { lines.append("  \(count)\t\(code)") }
        return lines
    }
}
