import Foundation
public import HSTSEligibility
package import HSTSPreload
import HSTSProbe

/// The answers of `/api/v2/preloadable` and `/api/v2/removable`: the same rules as `hstsq audit`, from a live
/// probe (with the audit's timeouts, a bounded number at once) or, offline, from captures only.
public struct EligibilityAnswers: Sendable {
    /// The Public Suffix List of the audit.
    public var publicSuffixes: PublicSuffixList
    /// The preload policy whose max-age minimum applies.
    public var policy: PreloadPolicy
    let configuration: ServerConfiguration
    let slots: ProbeSlots

    /// Answers with these rules, the probe limits and the offline setting of `configuration`.
    public init(publicSuffixes: PublicSuffixList, policy: PreloadPolicy, configuration: ServerConfiguration) {
        self.publicSuffixes = publicSuffixes
        self.policy = policy
        self.configuration = configuration
        slots = ProbeSlots(limit: configuration.probeConcurrency)
    }

    /// hstspreload.org's `{"errors":[…],"warnings":[…]}` for preloading `domain`.
    package func preloadable(_ domain: String, list: ServedList) async throws(APIError) -> JSONOutput {
        let report = try await audit(domain, list: list)
        var fields = Self.issuesFields(report.issues)
        fields.append(("eligible", .bool(report.eligible)))
        fields.append(
            (
                "notChecked",
                .array(
                    report.notChecked.map {
                        .object([("code", .string($0.code.rawValue)), ("reason", .string($0.reason))])
                    }
                )
            )
        )
        return .object(fields)
    }

    /// hstspreload.org's removal answer: a name preloaded through a parent cannot be removed on its own, a
    /// name with a non-bulk entry is protected, else the header served must allow removal (no `preload`).
    package func removable(_ domain: String, host: HostName, list: ServedList) async throws(APIError) -> JSONOutput {
        let status = DomainStatus(of: host, in: list)
        if status.status == .preloaded && status.preloadedDomain != host.value {
            let ancestor = status.preloadedDomain
            var issues = Issues()
            if ancestor.contains(".") {
                issues.add(
                    Issue(
                        code: IssueCode(rawValue: "server.removable.subdomain"),
                        severity: .error,
                        summary: "Domain is subdomain of preloaded domain",
                        message:
                            "This domain is a subdomain of \(ancestor), which is on the preload list. To remove the HSTS policy for \(host.value), the domain \(ancestor) would need to be removed from the preload list."
                    )
                )
            } else {
                issues.add(
                    Issue(
                        code: IssueCode(rawValue: "server.removable.preloaded_tld"),
                        severity: .error,
                        summary: "Domain is registered under a preloaded TLD",
                        message:
                            "The entire TLD \(ancestor) is preloaded for HSTS and individual domain names cannot be removed."
                    )
                )
            }
            return .object(Self.issuesFields(issues))
        }
        let report = try await audit(domain, list: list)
        var issues = Issues()
        // Connection and certificate failures are what hstspreload.org's removal check reports before it
        // looks at the header.
        for issue in report.issues.errors where issue.code.rawValue.hasPrefix("domain.tls.") { issues.add(issue) }
        if issues.errors.isEmpty {
            if let header = report.header {
                let removal = HeaderRequirements.removable(StrictTransportSecurity(parsing: header))
                for issue in removal.errors + removal.warnings { issues.add(issue) }
            } else if let noHeader = report.issues.errors.first(where: { $0.code == .responseNoHeader }) {
                issues.add(noHeader)
            }
        }
        // hstspreload.org protects every preloaded name whose state is not bulk.
        if status.status == .preloaded && !status.bulk {
            issues.add(
                Issue(
                    code: IssueCode(rawValue: "server.removable.protected"),
                    severity: .error,
                    summary: "Domain protected",
                    message:
                        "This domain is currently protected against removal through the hstspreload.org site. Please contact us via email if you want to remove it from the preload list."
                )
            )
        }
        var fields = Self.issuesFields(issues)
        fields.append(("header", .optional(report.header)))
        return .object(fields)
    }

    /// Audits `domain` live or from its capture.
    func audit(_ domain: String, list: ServedList) async throws(APIError) -> AuditReport {
        let auditor = Auditor(list: list.list, publicSuffixes: publicSuffixes, policy: policy)
        if configuration.offline {
            return auditor.audit(domain, evidence: capture(for: domain))
        }
        try await slots.acquire(waitingAtMost: configuration.probeSlotWait)
        defer { Task { await slots.release() } }
        let prober: Prober
        do {
            prober = try Prober(
                configuration: configuration.probe,
                domains: [(try? HostName(domain))?.value ?? domain.lowercased()]
            )
        } catch {
            // Without TLS there is no live answer; the domain rules still apply.
            return auditor.audit(domain, evidence: nil)
        }
        let result = await LiveAuditor(auditor: auditor, prober: prober).audit(domain)
        await prober.shutdown()
        return result.report
    }

    /// The capture of `domain` in the evidence folder, if there is one that reads.
    func capture(for domain: String) -> Evidence? {
        guard let directory = configuration.evidenceDirectory else { return nil }
        let name = (try? HostName(domain))?.value ?? domain.lowercased()
        // A name is one path component: no `/`, and not `.` or `..` (HostName allows neither, but the
        // fallback keeps the text as given).
        guard !name.contains("/"), name != ".", name != ".." else { return nil }
        let base = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        guard let path = [base + ".har", base + ".txt"].first(where: { FileManager.default.fileExists(atPath: $0) })
        else { return nil }
        return try? Evidence(contentsOfFile: path, domain: name, maximumBytes: 128 << 20)
    }

    static func issuesFields(_ issues: Issues) -> [(String, JSONOutput)] {
        [
            ("errors", .array(issues.errors.map(issueJSON))),
            ("warnings", .array(issues.warnings.map(issueJSON))),
        ]
    }

    static func issueJSON(_ issue: Issue) -> JSONOutput {
        .object([
            ("code", .string(issue.code.rawValue)),
            ("summary", .string(issue.summary)),
            ("message", .string(issue.message)),
        ])
    }
}
