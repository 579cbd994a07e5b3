/// A normalized host in a fixed inline buffer: what the lookup hot path works on, so a lookup allocates nothing.
package struct HostBytes {
    /// The longest normalized host, plus room for the trie key built from it.
    package static let capacity = 256

    package var storage: InlineArray<256, UInt8>
    package var count: Int

    /// Outcome of the ASCII fast path.
    package enum Normalization {
        case host(HostBytes)
        case ipLiteral
        /// Not ASCII: the caller takes the slower `HostName` path (IDNA).
        case needsUnicodeProcessing
        case invalid
    }

    package init() {
        storage = InlineArray(repeating: 0)
        count = 0
    }

    /// Copies an already-normalized host (as `HostName.value` holds it).
    package init?(normalized utf8: String.UTF8View) {
        self.init()
        guard utf8.count <= 253 else { return nil }
        for byte in utf8 {
            storage[count] = byte
            count += 1
        }
    }

    /// Lower-cases, strips trailing dots and validates an ASCII host in one pass, without allocating.
    ///
    /// - Complexity: O(n) in the input length.
    package static func normalize(_ input: Span<UInt8>) -> Normalization {
        var end = input.count
        while end > 0 && input[end - 1] == UInt8(ascii: ".") { end -= 1 }
        if end == 0 || end > 253 {
            for i in 0..<input.count where input[i] >= 0x80 { return .needsUnicodeProcessing }
            return .invalid
        }
        var host = HostBytes()
        var labelStart = 0
        var allDigitsOrDots = true
        var i = 0
        while i < end {
            var byte = input[i]
            if byte >= 0x80 { return .needsUnicodeProcessing }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte == UInt8(ascii: ".") {
                let length = i - labelStart
                if length == 0 || length > 63 { return .invalid }
                if host.storage[i - 1] == UInt8(ascii: "-") || host.storage[labelStart] == UInt8(ascii: "-") { return .invalid }
                labelStart = i + 1
            } else if HostName.isLabelByte(byte) {
                if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { allDigitsOrDots = false }
            } else {
                if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") { return .ipLiteral }
                return .invalid
            }
            host.storage[i] = byte
            i += 1
        }
        let length = end - labelStart
        if length == 0 || length > 63 { return .invalid }
        if host.storage[end - 1] == UInt8(ascii: "-") || host.storage[labelStart] == UInt8(ascii: "-") { return .invalid }
        host.count = end
        if allDigitsOrDots && IPAddress.isIPv4(host) { return .ipLiteral }
        return .host(host)
    }
}
