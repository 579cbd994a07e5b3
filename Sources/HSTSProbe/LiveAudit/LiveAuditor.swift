public import HSTSEligibility
internal import HSTSPreload

/// Audits domains live: each one probed over HTTP and HTTPS by a `Prober`, its evidence judged by an `Auditor`.
///
/// ```swift
/// let auditor = LiveAuditor(auditor: Auditor(list: list, publicSuffixes: psl), prober: try Prober(configuration: .init()))
/// for await result in auditor.audit(domains, concurrency: 16) { print(result.report.eligible) }
/// ```
public struct LiveAuditor: Sendable {
    /// The rules the evidence is judged by.
    public var auditor: Auditor
    /// Where the evidence comes from.
    public var prober: Prober

    /// An auditor over `prober`'s observations; shut the prober down when done.
    public init(auditor: Auditor, prober: Prober) {
        self.auditor = auditor
        self.prober = prober
    }

    /// Probes and audits `domain`.
    ///
    /// A domain that fails the format rules is judged without connecting anywhere: there is nothing to connect to.
    public func audit(_ domain: String) async -> LiveAudit {
        let rulesOnly = auditor.audit(domain, evidence: nil)
        guard let host = rulesOnly.host, !rulesOnly.notChecked.isEmpty else {
            return LiveAudit(domain: domain, report: rulesOnly, evidence: nil)
        }
        let evidence = await prober.evidence(for: host.value)
        return LiveAudit(domain: domain, report: auditor.audit(domain, evidence: evidence), evidence: evidence)
    }

    /// The order a batch yields its results in.
    public enum Order: Sendable, Hashable {
        /// The order of the domains given: a result that is ready waits for the ones before it, while the next
        /// domains start, so one slow server holds back the output but not the work.
        case input
        /// As each audit finishes: nothing waits, and the order changes from run to run.
        case completion
    }

    /// Audits every domain in `domains`, at most `concurrency` at once, and yields one result for each.
    ///
    /// Ending the iteration early cancels the audits in flight.
    /// - Parameters:
    ///   - domains: the domains, as given.
    ///   - concurrency: how many domains are probed at once (at least 1).
    ///   - order: whether results come in the order of `domains` or as they finish.
    /// - Returns: one result for each domain.
    public func audit(_ domains: [String], concurrency: Int, order: Order = .input) -> AsyncStream<LiveAudit> {
        let (stream, continuation) = AsyncStream.makeStream(of: LiveAudit.self)
        let width = max(1, concurrency)
        let task = Task {
            await withTaskGroup(of: (Int, LiveAudit).self) { group in
                var launched = 0
                var yielded = 0
                var waiting: [Int: LiveAudit] = [:]
                while launched < min(width, domains.count) {
                    let index = launched
                    group.addTask { (index, await audit(domains[index])) }
                    launched += 1
                }
                while let (index, result) = await group.next() {
                    switch order {
                    case .completion:
                        continuation.yield(result)
                    case .input:
                        waiting[index] = result
                        while let next = waiting.removeValue(forKey: yielded) {
                            continuation.yield(next)
                            yielded += 1
                        }
                    }
                    if launched < domains.count && !Task.isCancelled {
                        let index = launched
                        group.addTask { (index, await audit(domains[index])) }
                        launched += 1
                    }
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
