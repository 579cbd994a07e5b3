import ArgumentParser
import Dispatch
import Foundation
import HSTSEligibility
import HSTSPreload
import HSTSProbe
import NIOConcurrencyHelpers
import NIOCore

/// The options of a live audit.
struct LiveOptions: ParsableArguments {
    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to ADDRESS:PORT2 for requests to HOST:PORT1 (curl's syntax; empty HOST or PORT1 matches any; repeatable).",
            valueName: "host:port1:address:port2"
        )
    )
    var connectTo: [String] = []

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp("Also trust the certificates in this PEM file (staging and test CAs).", valueName: "pem")
    )
    var caFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds each request may take (connect and TLS handshake: at most 5 s each; default 10).",
            valueName: "seconds"
        )
    )
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("With --batch: domains audited at once.", valueName: "n"))
    var concurrency = 16

    @Option(
        name: .customLong("save-evidence"),
        help: ArgumentHelp(
            "Write what was observed to DIR/DOMAIN.har (replay with --offline --evidence, or --evidence-dir).",
            valueName: "dir"
        )
    )
    var saveEvidence: String?

    /// Whether any option that only a live audit uses was given.
    var isSet: Bool { !connectTo.isEmpty || caFile != nil || timeout != nil || saveEvidence != nil }

    func validate() throws {
        for rule in connectTo where ConnectTo(parsing: rule) == nil {
            throw ValidationError(
                "--connect-to '\(rule)' is not HOST:PORT:ADDRESS:PORT (ports 1-65535, IPv6 addresses in brackets)"
            )
        }
        if let timeout, !(timeout > 0 && timeout <= 600) {
            throw ValidationError("--timeout must be between 0 and 600 seconds")
        }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 1024") }
    }

    /// A prober configured by these options, for `domains` as given (normalized here; invalid ones are skipped).
    func prober(for domains: [String]) throws -> Prober {
        var configuration = ProbeConfiguration()
        configuration.connectTo = connectTo.compactMap(ConnectTo.init(parsing:))
        if let timeout {
            let request = TimeAmount.nanoseconds(Int64(timeout * 1e9))
            configuration.requestTimeout = request
            configuration.connectTimeout = min(configuration.connectTimeout, request)
            configuration.tlsTimeout = min(configuration.tlsTimeout, request)
        }
        if let caFile {
            let bytes = try ListLocator.readFile(caFile)
            do {
                configuration.additionalTrustRoots = try Prober.trustRoots(pem: bytes)
            } catch {
                throw CLIError("\(caFile): not a PEM certificate file (\(error))")
            }
            if configuration.additionalTrustRoots.isEmpty {
                throw CLIError("\(caFile): no PEM certificate in the file")
            }
        }
        if let saveEvidence {
            do {
                try FileManager.default.createDirectory(atPath: saveEvidence, withIntermediateDirectories: true)
            } catch {
                throw CLIError("\(saveEvidence): cannot create the evidence folder (\(error.localizedDescription))")
            }
        }
        do {
            return try Prober(
                configuration: configuration,
                domains: domains.compactMap { try? HostName($0).value }
            )
        } catch {
            throw CLIError("cannot set up TLS: \(error)")
        }
    }
}

/// Live audits, one or a batch: probe, evaluate, report as results arrive.
struct LiveBatch {
    let domains: [String]
    let auditor: Auditor
    let prober: Prober
    let concurrency: Int
    let saveEvidence: String?
    let json: Bool

    /// Probes and audits one domain; a domain that fails the format rules is not probed.
    static func audit(
        _ domain: String,
        auditor: Auditor,
        prober: Prober,
        saveEvidence: String?
    ) async -> AuditReport {
        let rulesOnly = auditor.audit(domain, evidence: nil)
        // The format rules failed (nothing left to check), so there is nothing to connect to.
        guard let host = rulesOnly.host, !rulesOnly.notChecked.isEmpty else { return rulesOnly }
        let evidence = await prober.evidence(for: host.value)
        if let saveEvidence {
            let path = URL(fileURLWithPath: saveEvidence).appendingPathComponent(host.value + ".har")
            do {
                try Data(evidence.harDocument(creatorVersion: HSTSQVersion.current).utf8).write(
                    to: path,
                    options: .atomic
                )
            } catch {
                Terminal.warning("\(path.path): cannot save the evidence (\(error.localizedDescription))")
            }
        }
        return auditor.audit(domain, evidence: evidence)
    }

    /// Audits every domain, at most `concurrency` at once, writing each result as it arrives.
    func run() async throws {
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
        let (auditor, prober, saveEvidence) = (auditor, prober, saveEvidence)
        await withTaskGroup(of: Void.self) { group in
            var pending = domains.makeIterator()
            func launch(_ domain: String) {
                group.addTask {
                    let report = await Self.audit(domain, auditor: auditor, prober: prober, saveEvidence: saveEvidence)
                    output.write(report)
                }
            }
            for _ in 0..<concurrency {
                guard let domain = pending.next() else { break }
                launch(domain)
            }
            while await group.next() != nil {
                if let domain = pending.next() { launch(domain) }
            }
        }
        // Not awaited, as for one domain: the process ends right after the summary.
        Task { await prober.shutdown() }
        throw ExitCode(output.finish())
    }
}

/// The batch's output: results, progress bar and summary, written under one lock so that Ctrl-C can end the run
/// between two results with every line already written complete.
final class BatchOutput: Sendable {
    private struct State {
        var tally: BatchTally
        var finished = false
    }

    private let state: NIOLockedValueBox<State>
    private let json: Bool
    private let progress = Terminal.standardErrorIsTerminal

    init(total: Int, json: Bool) {
        state = NIOLockedValueBox(State(tally: BatchTally(total: total)))
        self.json = json
    }

    func start() {
        state.withLockedValue { state in
            if progress { Terminal.errorRaw(Audit.progressBar(done: 0, total: state.tally.total, eligible: 0)) }
        }
    }

    /// Writes one result (and flushes, so a reader sees it now).
    func write(_ report: AuditReport) {
        state.withLockedValue { state in
            guard !state.finished else { return }
            state.tally.add(report)
            if progress { Terminal.errorRaw("\r\u{1B}[K") }
            Terminal.line(json ? Audit.json(report).rendered : Audit.text(report))
            Terminal.flush()
            if progress {
                Terminal.errorRaw(
                    Audit.progressBar(done: state.tally.done, total: state.tally.total, eligible: state.tally.eligible)
                )
            }
        }
    }

    /// Ends the batch: the summary; returns the exit code.
    func finish() -> Int32 {
        end(interrupted: false)?.worst ?? 0
    }

    /// Ctrl-C: the summary of what was audited so far, then exit 130 (results in flight are dropped).
    func interrupt() {
        guard let tally = end(interrupted: true) else { return }
        Terminal.errorLine("hstsq: interrupted after \(tally.done) of \(tally.total) domains")
        Foundation.exit(130)
    }

    /// Writes the summary once and returns the final counts (`nil` when the batch had already ended).
    ///
    /// The batch stays marked as ended, so a result arriving after Ctrl-C is not written below the summary.
    private func end(interrupted: Bool) -> BatchTally? {
        state.withLockedValue { state in
            guard !state.finished else { return nil }
            state.finished = true
            if progress { Terminal.errorRaw("\n") }
            for line in state.tally.summary(json: json, interrupted: interrupted) { Terminal.line(line) }
            Terminal.flush()
            return state.tally
        }
    }
}
