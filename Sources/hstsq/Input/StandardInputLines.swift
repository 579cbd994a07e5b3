import Foundation

/// Standard input split into lines, read in large blocks into one growing buffer: a line is a range of `buffer`,
/// so reading a line allocates nothing (the buffer grows only for a line longer than any before).
///
/// A line is what `readLine(strippingNewline: true)` returns, as bytes: the newline and one carriage return before it
/// are not part of it, and a last line without a newline is a line.
struct StandardInputLines {
    /// The bytes read and not yet consumed; `next()` returns ranges of it, valid until the following `next()`.
    private(set) var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var atEnd = false
    private let fileDescriptor: Int32
    private static let blockSize = 1 << 16

    init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
        buffer.reserveCapacity(Self.blockSize * 2)
    }

    /// The next line's range in `buffer`, or `nil` at the end of input.
    mutating func next() -> Range<Int>? {
        while true {
            if let newline = firstNewline(from: scanned) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = start..<end
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = start..<buffer.count
                start = buffer.count
                scanned = start
                return line
            }
            refill()
        }
    }

    /// The index of the first `\n` at or after `index`, by `memchr`.
    private func firstNewline(from index: Int) -> Int? {
        guard index < buffer.count else { return nil }
        return unsafe buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            guard let found = unsafe memchr(base + index, 0x0A, bytes.count - index) else { return nil }
            return unsafe UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// Drops the consumed bytes and reads one block (what one `read` returns, so interactive input is answered line
    /// by line); a read error ends the input, as it ends `readLine`.
    private mutating func refill() {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        let count = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.blockSize))
        let descriptor = fileDescriptor
        let blockSize = Self.blockSize
        let read = unsafe buffer.withUnsafeMutableBufferPointer { bytes -> Int in
            guard let base = bytes.baseAddress else { return -1 }
            while true {
                let read = unsafe Glibc.read(descriptor, base + count, blockSize)
                if read < 0 && errno == EINTR { continue }
                return read
            }
        }
        buffer.removeLast(Self.blockSize - max(read, 0))
        if read <= 0 { atEnd = true }
    }
}
