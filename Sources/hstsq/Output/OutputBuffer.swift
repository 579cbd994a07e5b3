import Foundation

/// Standard output as bytes, for streams of millions of lines: one buffer, written out at 64 KiB (after every line
/// when standard output is a terminal) and by `flush()`.
///
/// It owns its memory and copies with `memcpy`, so appending a fragment is a bounds check and a copy, with no
/// uniqueness check or metadata lookup as an `Array` append has. It bypasses `Terminal`'s buffer; the owner calls
/// `flush()` before anything else writes (an error line, the exit).
@safe struct OutputBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let flushesEveryLine: Bool
    private static let threshold = 1 << 16

    init(flushesEveryLine: Bool = Terminal.standardOutputIsTerminal) {
        self.flushesEveryLine = flushesEveryLine
        capacity = Self.threshold * 2
        unsafe start = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        unsafe start.deallocate()
    }

    /// Room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        unsafe bigger.update(from: start, count: count)
        unsafe start.deallocate()
        unsafe start = bigger
        capacity = grown
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let base = bytes.baseAddress {
            unsafe UnsafeMutableRawPointer(start + count).copyMemory(from: base, byteCount: bytes.count)
        }
        count += bytes.count
    }

    /// Appends a fixed fragment.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        unsafe append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends text as UTF-8.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { unsafe append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends bytes as they are.
    @inline(__always)
    mutating func append(_ slice: ArraySlice<UInt8>) {
        unsafe slice.withUnsafeBytes { unsafe append($0) }
    }

    /// Appends bytes as they are.
    @inline(__always)
    mutating func append(_ array: [UInt8]) {
        unsafe array.withUnsafeBytes { unsafe append($0) }
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1)
        unsafe start[count] = byte
        count += 1
    }

    /// Appends UTF-8 `text` as a JSON string literal, by the rule of `JSONStringLiteral` (quotes, `"`, `\` and control
    /// characters escaped, `\n`, `\r`, `\t` by name, the others as `\u00XX`; every other byte as it is).
    mutating func appendJSONString(_ text: some Collection<UInt8>) {
        append(byte: UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                append("\\u00")
                append(byte: unsafe hex.utf8Start[Int(byte >> 4)])
                append(byte: unsafe hex.utf8Start[Int(byte & 0x0F)])
            default: append(byte: byte)
            }
        }
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends `text` as a JSON string literal, or `null`.
    mutating func appendJSON(_ text: String?) {
        guard let text else { return append("null") }
        appendJSONString(text.utf8)
    }

    /// Ends a line: a newline, and a write when the buffer is full or standard output is a terminal.
    @inline(__always)
    mutating func endLine() {
        append(byte: 0x0A)
        if count >= Self.threshold || flushesEveryLine { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard count > 0 else { return }
        var written = 0
        while written < count {
            let result = unsafe Glibc.write(1, start + written, count - written)
            if result < 0 && errno == EINTR { continue }
            // A closed or failing standard output ends the output, as it does for `Terminal`.
            if result <= 0 { break }
            written += result
        }
        count = 0
    }
}
