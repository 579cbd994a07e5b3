import Foundation

/// Standard output as bytes, for streams of millions of lines: one buffer, written out at 64 KiB (after every line
/// when standard output is a terminal) and by `flush()`.
///
/// It bypasses `Terminal`'s buffer; the owner calls `flush()` before anything else writes (an error line, the exit).
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []
    private let flushesEveryLine: Bool
    private static let threshold = 1 << 16

    init(flushesEveryLine: Bool = Terminal.standardOutputIsTerminal) {
        self.flushesEveryLine = flushesEveryLine
        bytes.reserveCapacity(Self.threshold + 4096)
    }

    /// Appends text as UTF-8.
    @inline(__always)
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends bytes as they are.
    @inline(__always)
    mutating func append(_ slice: ArraySlice<UInt8>) {
        bytes.append(contentsOf: slice)
    }

    /// Appends bytes as they are.
    @inline(__always)
    mutating func append(_ array: [UInt8]) {
        bytes.append(contentsOf: array)
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends UTF-8 `text` as a JSON string literal, by the rule of `JSONStringLiteral` (quotes, `"`, `\` and control
    /// characters escaped, `\n`, `\r`, `\t` by name, the others as `\u00XX`; every other byte as it is).
    mutating func appendJSONString(_ text: some Collection<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                append("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` as a JSON string literal, or `null`.
    mutating func appendJSON(_ text: String?) {
        guard let text else { return append("null") }
        appendJSONString(text.utf8)
    }

    /// Ends a line: a newline, and a write when the buffer is full or standard output is a terminal.
    @inline(__always)
    mutating func endLine() {
        bytes.append(0x0A)
        if bytes.count >= Self.threshold || flushesEveryLine { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard !bytes.isEmpty else { return }
        try? FileHandle.standardOutput.write(contentsOf: bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
