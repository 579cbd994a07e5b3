import ArgumentParser
import Foundation
import HSTSEligibility
import HSTSPreload
import HSTSProbe

/// `hstsq audit`: would hstspreload.org accept this domain? Live over HTTP and HTTPS, or offline from captured
/// evidence.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a domain's preload eligibility: live (the default) or from captured evidence.",
        discussion: """
            Checks the domain rules (format, public suffix, eTLD+1), whether the list already preloads it, and the \
            response, redirect and TLS requirements as hstspreload.org does. Live: fetches https://DOMAIN/ and \
            http://DOMAIN/ (redirects followed by hand, at most 3), inspects TLS, and tries www.DOMAIN. Offline \
            (--evidence, or --evidence-dir with --batch): reads a .har file or `curl -sSI -L` output instead \
            (docs/eligibility.md). Requirements nothing could decide are listed as not checked, never counted as \
            passed.
            Batch: one domain per line in FILE; JSON lines (or text) as results arrive, then a per-code summary. \
            Ctrl-C stops cleanly, keeping the results already written (exit 130).
            A domain the list preloads by its own entry: says whether hstspreload.org's weekly scan covers the \
            entry (policies bulk-18-weeks and bulk-1-year; failing scans more than 30 days apart queue it for \
            removal) and whether the site passes that scan today, judged with the entry's own policy.
            --removal: the removal requirements instead (a single HSTS header over HTTPS with max-age and without \
            preload, as hstspreload.org's removal check; and what its removal form says about the list entry).
            Exit status: 0 eligible (removable) with no warnings, 1 not eligible (not removable), 2 eligible \
            (removable) with warnings, 3 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The domain to audit.", valueName: "domain"))
    var domain: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Audit offline from this capture: .har or curl -sSI -L text.", valueName: "file")
    )
    var evidence: String?

    @Option(name: .long, help: ArgumentHelp("Audit every domain listed in FILE (one per line).", valueName: "file"))
    var batch: String?

    @Option(
        name: .customLong("evidence-dir"),
        help: ArgumentHelp("With --batch, offline: where DOMAIN.har or DOMAIN.txt are.", valueName: "dir")
    )
    var evidenceDirectory: String?

    @Flag(
        name: .long,
        help: "Check the removal requirements instead: HTTPS reachable, one HSTS header without preload, a bulk entry."
    )
    var removal = false

    @Flag(name: .long, help: "JSON output (one object per domain; with --batch, JSON lines and a final summary line).")
    var json = false

    @Option(name: .long, help: "Preload policy whose max-age minimum applies.")
    var policy: PolicyOption = .bulk1Year

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The preload list: JSON, compiled, or a store folder (default: the store's newest version, else the bundled list).",
            valueName: "file"
        )
    )
    var list: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The Public Suffix List (default: data/public_suffix_list.dat).", valueName: "file")
    )
    var psl: String?

    @Flag(
        name: .long,
        help: "No network: audit from --evidence / --evidence-dir, or the domain rules and preload status only."
    )
    var offline = false

    @OptionGroup var live: LiveOptions

    func validate() throws {
        if removal && batch != nil { throw ValidationError("--removal is for one domain, not with --batch") }
        if batch != nil {
            if domain != nil { throw ValidationError("give either a DOMAIN or --batch FILE, not both") }
            if evidence != nil {
                throw ValidationError("--evidence is for one domain; with --batch use --evidence-dir")
            }
        } else {
            if domain == nil { throw ValidationError("Missing expected argument '<domain>' (or --batch FILE)") }
            if evidenceDirectory != nil { throw ValidationError("--evidence-dir goes with --batch") }
        }
        if isOffline && live.isSet {
            throw ValidationError(
                "--connect-to, --ca-file, --timeout and --save-evidence are for live audits, not with --offline or evidence files"
            )
        }
        try live.validate()
    }

    /// Offline when asked, or when evidence files are given.
    var isOffline: Bool { offline || evidence != nil || evidenceDirectory != nil }

    func run() async throws {
        let auditor = Auditor(
            list: try ListLocator.open(list, store: storeOptions.preloadStore),
            publicSuffixes: try Self.loadPSL(psl),
            policy: policy.policy
        )
        if let batch {
            let domains = try Self.readDomains(batch)
            if isOffline {
                try runBatch(domains, directory: evidenceDirectory, auditor: auditor)
            } else {
                try await auditLiveBatch(domains, auditor: auditor)
            }
            return
        }
        guard let domain else { return }
        if removal {
            try await runRemoval(domain, auditor: auditor)
            return
        }
        let report: AuditReport
        let observed: Evidence?
        if let evidence {
            observed = try Self.readEvidence(evidence, domain: Self.evidenceDomain(domain))
            report = auditor.audit(domain, evidence: observed)
        } else if offline {
            observed = nil
            report = auditor.audit(domain, evidence: nil)
        } else {
            let result = try await auditLive(domain, auditor: auditor)
            observed = result.evidence
            report = result.report
        }
        let scan = auditor.automatedRemoval(for: domain, evidence: observed)
        Terminal.line(
            json ? Self.json(report, automatedRemoval: scan).rendered : Self.text(report, automatedRemoval: scan)
        )
        throw ExitCode(Self.exitCode(report))
    }

    /// `--removal`: the removal requirements for one domain, live or from `--evidence`.
    func runRemoval(_ domain: String, auditor: Auditor) async throws {
        var report = auditor.removal(domain, evidence: nil)
        let needsSite = report.host != nil && report.preloadedBy?.match != .ancestor
        if needsSite, let evidence {
            report = auditor.removal(
                domain,
                evidence: try Self.readEvidence(evidence, domain: Self.evidenceDomain(domain))
            )
        } else if needsSite, !offline, let host = report.host {
            let observed = try await probeLive(host.value)
            report = auditor.removal(domain, evidence: observed)
        }
        Terminal.line(json ? Self.removalJSON(report).rendered : Self.removalText(report))
        if !report.removable { throw ExitCode(1) }
        throw ExitCode(report.issues.warnings.isEmpty ? 0 : 2)
    }

    static func exitCode(_ report: AuditReport) -> Int32 {
        if !report.eligible { return 1 }
        return report.issues.warnings.isEmpty ? 0 : 2
    }

    /// The domain as evidence files name it (lower-case, A-labels), falling back to the text as given.
    static func evidenceDomain(_ domain: String) -> String {
        (try? HostName(domain))?.value ?? domain.lowercased()
    }

    /// `--psl FILE`, else `$HSTSQ_PSL`, else the list embedded in the binary.
    static func loadPSL(_ path: String?) throws -> PublicSuffixList {
        let resolved: String
        let bytes: [UInt8]
        if let file = path ?? ListLocator.override("HSTSQ_PSL") {
            resolved = file
            bytes = try ListLocator.readFile(file)
        } else {
            resolved = "public_suffix_list.dat (embedded)"
            bytes = BundledData.publicSuffixList
        }
        do {
            return try PublicSuffixList(parsing: bytes, fileName: resolved)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// The capture at `path` (HAR or curl text, whichever it is), with the file limits every command reads with.
    static func readEvidence(_ path: String, domain: String) throws -> Evidence {
        do throws(EvidenceError) {
            return try Evidence(contentsOfFile: path, domain: domain, maximumBytes: ListLocator.maximumFileBytes)
        } catch {
            if case .fileTooLarge(let file, let size, _) = error { throw ListLocator.fileTooLarge(file, size: size) }
            throw CLIError("\(error)")
        }
    }

    /// The domains in a batch file: one per line; blank lines and `#` comments skipped.
    static func readDomains(_ file: String) throws -> [String] {
        let bytes = try ListLocator.readFile(file)
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { String($0).trimmingASCIIWhitespace() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// The offline batch: evidence from `directory` (or none: the domain rules and preload status only).
    func runBatch(_ domains: [String], directory: String?, auditor: Auditor) throws {
        let progress = Terminal.standardErrorIsTerminal
        var tally = BatchTally(total: domains.count)
        for (index, domain) in domains.enumerated() {
            if progress { Terminal.errorRaw(Self.progressBar(done: index, total: domains.count)) }
            var path: String?
            if let directory {
                let base = URL(fileURLWithPath: directory).appendingPathComponent(Self.evidenceDomain(domain)).path
                path = [base + ".har", base + ".txt"].first { FileManager.default.fileExists(atPath: $0) }
            }
            var evidence: Evidence?
            if let path {
                do {
                    evidence = try Self.readEvidence(path, domain: Self.evidenceDomain(domain))
                } catch {
                    tally.addUnreadable()
                    let message = (error as? CLIError)?.description ?? "\(error)"
                    if json {
                        Terminal.line(
                            JSONOutput.object([
                                ("domain", .string(domain)),
                                (
                                    "error",
                                    .object([("code", .string("evidence.invalid")), ("message", .string(message))])
                                ),
                            ]).rendered
                        )
                    } else {
                        Terminal.line("\(domain): error: \(message)")
                    }
                    continue
                }
            }
            let report = auditor.audit(domain, evidence: evidence)
            tally.add(report)
            let scan = auditor.automatedRemoval(for: domain, evidence: evidence)
            Terminal.line(
                json ? Self.json(report, automatedRemoval: scan).rendered : Self.text(report, automatedRemoval: scan)
            )
        }
        if progress { Terminal.errorRaw(Self.progressBar(done: domains.count, total: domains.count) + "\n") }
        for line in tally.summary(json: json) { Terminal.line(line) }
        throw ExitCode(tally.worst)
    }

    /// The batch's exit code: 3 (unreadable input) over 1 (some domain not eligible) over 2 (warnings) over 0.
    static func combine(_ a: Int32, _ b: Int32) -> Int32 {
        let rank: [Int32: Int] = [0: 0, 2: 1, 1: 2, 3: 3]
        return (rank[a] ?? 3) >= (rank[b] ?? 3) ? a : b
    }

    static func progressBar(done: Int, total: Int, eligible: Int? = nil) -> String {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(done)/\(total) domains" + (eligible.map { ", \($0) eligible" } ?? "")
    }

    static func json(_ report: AuditReport, automatedRemoval: AutomatedRemoval?) -> JSONOutput {
        guard case .object(var fields) = json(report) else { return json(report) }
        if let scan = automatedRemoval {
            fields.append(
                (
                    "automated_removal",
                    .object([
                        ("entry", .string(scan.entry.name)), ("match", .string(scan.entry.match.rawValue)),
                        ("policy", .optional(scan.entry.policy?.rawValue)),
                        ("scanned", scan.scanned.map(JSONOutput.bool) ?? .null),
                        ("passes", scan.passes.map(JSONOutput.bool) ?? .null),
                        ("failing", .array(scan.failing.map { .string($0.code.rawValue) })),
                        ("passes_final_check", scan.passesFinalCheck.map(JSONOutput.bool) ?? .null),
                    ])
                )
            )
        }
        return .object(fields)
    }

    static func text(_ report: AuditReport, automatedRemoval: AutomatedRemoval?) -> String {
        var text = Self.text(report)
        if let scan = automatedRemoval { text += "\n  automated removal: " + automatedRemovalText(scan) }
        return text
    }

    /// One line on hstspreload.org's weekly scan of the entry.
    static func automatedRemovalText(_ scan: AutomatedRemoval) -> String {
        let entry = scan.entry
        let policy = entry.policy.map { " (\($0.rawValue))" } ?? ""
        guard let scanned = scan.scanned else {
            return "unknown: the list records no policy for entry \(entry.name)"
        }
        guard scanned else {
            return "not scanned: entry \(entry.name)\(policy) is not a bulk-18-weeks or bulk-1-year entry"
        }
        guard entry.match == .exact else {
            return "the weekly scan checks parent entry \(entry.name)\(policy), not this domain (audit \(entry.name))"
        }
        let verdict: String
        switch scan.passes {
        case true?: verdict = "it would pass the scan today"
        case false?:
            verdict = "it would fail the scan today (\(scan.failing.map(\.code.rawValue).joined(separator: ", ")))"
        case nil: verdict = "today's result is not decided (no evidence)"
        }
        var text =
            "entry \(entry.name)\(policy) is scanned weekly; \(verdict); failing scans more than "
            + "\(AutomatedRemoval.daysBetweenFailingScans) days apart queue it for removal"
        if scan.passes == false && scan.passesFinalCheck == true {
            text += ", but it passes the check before removal (18-week minimum), so it would not be removed"
        }
        return text
    }

    static func removalJSON(_ report: RemovalReport) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("domain", .string(report.domain)),
            ("removable", .bool(report.removable)),
            ("preloaded", .bool(report.preloadedBy != nil)),
        ]
        fields += Self.findingsJSON(report.issues, notChecked: report.notChecked)
        if let host = report.host { fields.append(("host", .string(host.value))) }
        if let entry = report.preloadedBy {
            fields.append(
                (
                    "preloaded_by",
                    .object([
                        ("name", .string(entry.name)), ("match", .string(entry.match.rawValue)),
                        ("policy", .optional(entry.policy?.rawValue)),
                    ])
                )
            )
        }
        fields.append(("header", .optional(report.header)))
        return .object(fields)
    }

    static func removalText(_ report: RemovalReport) -> String {
        var lines: [String] = []
        let verdict =
            report.removable
            ? (report.issues.warnings.isEmpty ? "removable" : "removable, with warnings") : "not removable"
        lines.append("\(report.domain): \(verdict)")
        if let entry = report.preloadedBy {
            let policy = entry.policy.map { ", policy \($0.rawValue)" } ?? ""
            lines.append("  preloaded: \(entry.match == .exact ? "entry" : "parent entry") \(entry.name)\(policy)")
        }
        if let header = report.header { lines.append("  Strict-Transport-Security: \(header)") }
        for issue in report.issues.errors + report.issues.warnings {
            lines.append("  \(issue.severity.rawValue): \(issue.code): \(issue.message)")
        }
        for (code, reason) in report.notChecked { lines.append("  not checked: \(code) (\(reason))") }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: AuditReport) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("domain", .string(report.domain)),
            ("eligible", .bool(report.eligible)),
            ("preloaded", .bool(report.preloaded)),
        ]
        fields += Self.findingsJSON(report.issues, notChecked: report.notChecked)
        if let host = report.host { fields.append(("host", .string(host.value))) }
        if let (name, match) = report.preloadedBy {
            fields.append(("preloaded_by", .object([("name", .string(name)), ("match", .string(match.rawValue))])))
        }
        fields.append(("header", .optional(report.header)))
        fields.append(("browser_had_hsts", .bool(report.browserHadHSTS)))
        if let header = report.header {
            let verdict = BrowserVerdict(evaluating: header)
            fields.append(("honored_by_browsers", .bool(verdict.honored)))
        }
        return .object(fields)
    }

    static func text(_ report: AuditReport) -> String {
        var lines: [String] = []
        let verdict =
            report.eligible ? (report.issues.warnings.isEmpty ? "eligible" : "eligible, with warnings") : "not eligible"
        lines.append("\(report.domain): \(verdict)")
        if let (name, match) = report.preloadedBy {
            lines.append("  already preloaded: \(match == .exact ? "entry" : "parent entry") \(name)")
        } else {
            lines.append("  not preloaded yet")
        }
        if report.browserHadHSTS {
            lines.append(
                "  the browser already had HSTS for \(report.host?.value ?? report.domain): it redirected http:// "
                    + "internally, so the capture holds no server response for http://"
            )
        }
        if let header = report.header { lines.append("  Strict-Transport-Security: \(header)") }
        for issue in report.issues.errors + report.issues.warnings {
            lines.append("  \(issue.severity.rawValue): \(issue.code): \(issue.message)")
        }
        for (code, reason) in report.notChecked { lines.append("  not checked: \(code) (\(reason))") }
        return lines.joined(separator: "\n")
    }
}

extension Audit {
    /// The `errors`, `warnings` and `not_checked` fields shared by the eligibility and removal reports.
    static func findingsJSON(
        _ issues: Issues,
        notChecked: [(code: IssueCode, reason: String)]
    ) -> [(String, JSONOutput)] {
        [
            ("errors", .array(issues.errors.map(Header.json))),
            ("warnings", .array(issues.warnings.map(Header.json))),
            (
                "not_checked",
                .array(
                    notChecked.map { .object([("code", .string($0.code.rawValue)), ("reason", .string($0.reason))]) }
                )
            ),
        ]
    }
}
