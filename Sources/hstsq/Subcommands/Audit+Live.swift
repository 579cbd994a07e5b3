import ArgumentParser
import Dispatch
import Foundation
import HSTSEligibility
import HSTSProbe

extension Audit {
    /// Probes and audits one domain.
    func auditLive(_ domain: String, auditor: Auditor) async throws -> LiveAudit {
        let prober = try live.prober(for: [domain])
        let result = await LiveAuditor(auditor: auditor, prober: prober).audit(domain)
        save(result.evidence)
        // Not awaited: a connection still open to a server that never answered can hold a graceful shutdown for
        // seconds, and the process ends right after printing anyway.
        Task { await prober.shutdown() }
        return result
    }

    /// Probes `host` (normalized) and returns what was observed, saved to `--save-evidence` when asked.
    func probeLive(_ host: String) async throws -> Evidence {
        let prober = try live.prober(for: [host])
        let evidence = await prober.evidence(for: host)
        save(evidence)
        // Not awaited, as for an audit.
        Task { await prober.shutdown() }
        return evidence
    }

    /// Audits every domain live, `--concurrency` at once, writing each result as it arrives (docs/cli-contract.md:
    /// not in input order); Ctrl-C ends the batch with a summary of what was written.
    func auditLiveBatch(_ domains: [String], auditor: Auditor) async throws {
        let prober = try live.prober(for: domains)
        let output = BatchOutput(total: domains.count, json: json)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "hstsq.sigint"))
        signal(SIGINT, SIG_IGN)
        interrupt.setEventHandler { output.interrupt() }
        interrupt.resume()
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }
        output.start()
        let results = LiveAuditor(auditor: auditor, prober: prober)
            .audit(domains, concurrency: live.concurrency, order: .completion)
        for await result in results {
            save(result.evidence)
            output.write(
                result.report,
                automatedRemoval: auditor.automatedRemoval(for: result.domain, evidence: result.evidence)
            )
        }
        // Not awaited, as for one domain: the process ends right after the summary.
        Task { await prober.shutdown() }
        throw ExitCode(output.finish())
    }

    /// Writes what the probe observed to `--save-evidence`/DOMAIN.har, when asked and when something was probed.
    private func save(_ evidence: Evidence?) {
        guard let directory = live.saveEvidence, let evidence else { return }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(evidence.domain + ".har")
        do {
            try Data(evidence.harDocument(creatorVersion: HSTSQVersion.current).utf8).write(to: path, options: .atomic)
        } catch {
            Terminal.warning("\(path.path): cannot save the evidence (\(error.localizedDescription))")
        }
    }
}
