/// The host of `http://TARGET/` as a browser's URL parser leaves it (the WHATWG URL Standard's host parser for a
/// special scheme), then as Chromium's HSTS lookup canonicalizes it (net/http/transport_security_state.cc,
/// `CanonicalizeHost`, through `dns_names_util::DottedNameToNetwork`).
///
/// IPv6 literals (`[::1]`) are the caller's: they never reach an HSTS entry (`LookupTarget` handles them).
enum HostParser {
    /// The canonical host bytes of `text`: lower-case ASCII labels (Unicode labels as `xn--` A-labels), or an IPv4
    /// address in dotted decimal.
    ///
    /// - Throws: `HostNameError` when the URL Standard rejects the host, or when Chromium's HSTS canonicalization
    ///   never matches the name (an empty label, two or more trailing dots, a label over 63 or a name over 253
    ///   octets, a character outside `a-z 0-9 - _`).
    static func canonicalHost(_ text: some StringProtocol) throws(HostNameError) -> [UInt8] {
        // Percent-decoding first (`LookupTarget` has already dropped tab and newline from a whole URL or target).
        var decoded: [UInt8] = []
        decoded.reserveCapacity(text.utf8.count)
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%"), bytes.count >= 2, let high = HexDigit.value(bytes[bytes.startIndex]),
                let low = HexDigit.value(bytes[bytes.startIndex + 1])
            {
                decoded.append(high << 4 | low)
                bytes.removeFirst(2)
            } else {
                decoded.append(byte)
            }
        }
        var ascii: [UInt8]
        // A host of plain ASCII with no `%` takes Chromium's simple path (url_canon_host.cc, `DoSimpleHost`): no IDNA,
        // so `xn--` labels stay as written; only an escaped or non-ASCII host goes through UTS #46.
        let simple = text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "%") }
        if simple || (decoded.allSatisfy({ $0 < 0x80 }) && !hasACELabel(decoded)) {
            ascii = decoded.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
        } else {
            // UTF-8 decoding replaces invalid sequences with U+FFFD, which UTS #46 disallows.
            let scalars = Array(String(decoding: decoded, as: UTF8.self).unicodeScalars)
            guard let converted = UTS46.toASCII(scalars) else {
                throw .idna(String(String.UnicodeScalarView(scalars)))
            }
            ascii = converted
        }
        if ascii.isEmpty { throw .empty }
        if let forbidden = ascii.first(where: isForbiddenDomainCodePoint) {
            throw .forbiddenCodePoint(Unicode.Scalar(forbidden))
        }
        if endsInANumber(ascii) {
            guard let address = parseIPv4(ascii) else { throw .invalidIPv4(String(decoding: ascii, as: UTF8.self)) }
            ascii = Array("\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)".utf8)
        }
        try canonicalizeForHSTS(&ascii)
        return ascii
    }

    /// Chromium's HSTS canonicalization of a URL host: one trailing dot is dropped; a name with an empty label
    /// (two or more trailing dots included), a label over 63 octets or a name over 253 is never matched, nor is one
    /// with a character no entry can hold.
    static func canonicalizeForHSTS(_ bytes: inout [UInt8]) throws(HostNameError) {
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        if bytes.isEmpty { throw .empty }
        if bytes.count > 253 { throw .tooLong(length: bytes.count) }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            let text = { String(decoding: label, as: UTF8.self) }
            if label.isEmpty { throw .emptyLabel }
            if label.count > 63 { throw .labelTooLong(label: text()) }
            for byte in label where !HostName.isLabelByte(byte) {
                throw .invalidCharacter(Character(Unicode.Scalar(byte)), label: text())
            }
        }
    }

    /// Whether a label starts with `xn--` (in any case): such an ASCII host still goes through UTS #46.
    private static func hasACELabel(_ bytes: [UInt8]) -> Bool {
        bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).contains { label in
            label.count >= 4 && label.prefix(4).map { $0 | 0x20 } == Array("xn--".utf8)
        }
    }

    /// The URL Standard's forbidden domain code points that are ASCII (the rest are gone after UTS #46).
    private static func isForbiddenDomainCodePoint(_ byte: UInt8) -> Bool {
        if byte <= 0x20 || byte == 0x7F { return true }
        return "#%/:<>?@[\\]^|".utf8.contains(byte)
    }

    /// The URL Standard's "ends in a number": the last label (after one empty trailing label) is all digits or a
    /// valid `0x` hexadecimal number.
    static func endsInANumber(_ bytes: [UInt8]) -> Bool {
        var parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true {
            if parts.count == 1 { return false }
            parts.removeLast()
        }
        guard let last = parts.last, !last.isEmpty else { return false }
        if last.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { return true }
        return ipv4Number(last) != nil && last.count >= 2 && last.prefix(2).map({ $0 | 0x20 }) == Array("0x".utf8)
    }

    /// The URL Standard's IPv4 parser: one to four parts, each decimal, `0x` hexadecimal or `0` octal; every part but
    /// the last at most 255, the last filling the remaining bytes.
    static func parseIPv4(_ bytes: [UInt8]) -> UInt32? {
        var parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if parts.last?.isEmpty == true, parts.count > 1 { parts.removeLast() }
        guard parts.count <= 4 else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = ipv4Number(part) else { return nil }
            numbers.append(number)
        }
        for number in numbers.dropLast() where number > 255 { return nil }
        guard let last = numbers.last, last < UInt64(1) << (8 * (5 - UInt64(numbers.count))) else { return nil }
        var address = last
        for (index, number) in numbers.dropLast().enumerated() { address += number << (8 * (3 - UInt64(index))) }
        return UInt32(truncatingIfNeeded: address)
    }

    /// The URL Standard's IPv4 number parser; values beyond 2^32 saturate (they fail the caller's range checks).
    private static func ipv4Number(_ part: ArraySlice<UInt8>) -> UInt64? {
        guard !part.isEmpty else { return nil }
        var digits = part
        var radix: UInt64 = 10
        if digits.count >= 2, digits.first == UInt8(ascii: "0"), digits.dropFirst().first.map({ $0 | 0x20 }) == 0x78 {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count >= 2, digits.first == UInt8(ascii: "0") {
            digits = digits.dropFirst()
            radix = 8
        }
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = HexDigit.value(byte), UInt64(digit) < radix else { return nil }
            value = min(value * radix + UInt64(digit), UInt64(1) << 40)
        }
        return value
    }
}
