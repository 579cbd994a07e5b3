public import HSTSEligibility

/// One live audit: the report, and the evidence it was judged on.
public struct LiveAudit: Sendable {
    /// The domain as given.
    public var domain: String
    /// The verdict.
    public var report: AuditReport
    /// What the probe observed; `nil` when the domain failed the format rules and nothing was probed.
    public var evidence: Evidence?

    /// Creates a result.
    public init(domain: String, report: AuditReport, evidence: Evidence?) {
        self.domain = domain
        self.report = report
        self.evidence = evidence
    }
}
