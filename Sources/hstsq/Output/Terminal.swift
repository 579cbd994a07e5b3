import Foundation
import NIOConcurrencyHelpers

/// Writes to the process's standard streams.
///
/// Standard output is buffered (flushed at 64 KiB, at exit, and after every line when it is a terminal) so that
/// streaming millions of JSON lines costs few system calls.
enum Terminal {
    // NIO's lock rather than Synchronization.Mutex, here and in BatchOutput: on Linux, Mutex's futex is invisible to
    // ThreadSanitizer (every access under it is reported as a race) and it degrades badly under contention.
    private static let pending = NIOLockedValueBox<[UInt8]>([])
    private static let flushThreshold = 1 << 16
    private static let outputIsTerminal = isatty(1) == 1

    /// Writes `text` and a newline to standard output.
    static func line(_ text: String) {
        let shouldFlush = pending.withLockedValue { buffer in
            buffer.append(contentsOf: text.utf8)
            buffer.append(UInt8(ascii: "\n"))
            return buffer.count >= flushThreshold || outputIsTerminal
        }
        if shouldFlush { flush() }
    }

    /// Writes `text` and a newline to standard error, after flushing standard output so the two interleave in order.
    static func errorLine(_ text: String) {
        flush()
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints the contract's one-line error (`hstsq: error: …`) on standard error.
    static func error(_ message: String) {
        errorLine("hstsq: error: " + message)
    }

    /// Prints a warning line on standard error.
    static func warning(_ message: String) {
        errorLine("hstsq: warning: " + message)
    }

    /// Writes pending standard output.
    static func flush() {
        let bytes = pending.withLockedValue { buffer in
            let bytes = buffer
            buffer.removeAll(keepingCapacity: true)
            return bytes
        }
        if !bytes.isEmpty { try? FileHandle.standardOutput.write(contentsOf: bytes) }
    }

    /// Writes raw text to standard error without a newline (progress bars).
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal (progress bars go there only then).
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Whether standard output is a terminal.
    static var standardOutputIsTerminal: Bool { outputIsTerminal }
}
