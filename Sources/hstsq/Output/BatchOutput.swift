import Foundation
import HSTSEligibility
import HSTSPreload
import NIOConcurrencyHelpers

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
    func write(_ report: AuditReport, automatedRemoval: AutomatedRemoval? = nil) {
        state.withLockedValue { state in
            guard !state.finished else { return }
            state.tally.add(report)
            if progress { Terminal.errorRaw("\r\u{1B}[K") }
            Terminal.line(
                json
                    ? Audit.json(report, automatedRemoval: automatedRemoval).rendered
                    : Audit.text(report, automatedRemoval: automatedRemoval)
            )
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
