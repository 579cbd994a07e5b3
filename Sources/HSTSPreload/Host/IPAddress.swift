/// An IP address literal in its plain form (IPv4 as four decimal octets, IPv6 bare or in brackets).
///
/// `HostName` reads every IPv4 form a URL parser accepts; this type is for IPv6 and for callers that need a plain
/// literal.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// Four octets.
    case v4(UInt8, UInt8, UInt8, UInt8)
    /// Eight 16-bit groups.
    case v6([UInt16])

    /// Parses `text` as an IPv4 literal (four decimal numbers 0–255 joined by dots) or an IPv6 literal, bare or in
    /// brackets; `nil` when it is neither.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if let v4 = IPAddress.parseIPv4(bytes[...]) {
            self = .v4(v4.0, v4.1, v4.2, v4.3)
            return
        }
        var inner = bytes[...]
        if inner.first == UInt8(ascii: "[") {
            guard inner.last == UInt8(ascii: "]"), inner.count >= 2 else { return nil }
            inner = inner.dropFirst().dropLast()
        }
        guard let groups = IPAddress.parseIPv6(inner) else { return nil }
        self = .v6(groups)
    }

    /// Dotted decimal for IPv4; the RFC 5952 compressed form for IPv6 (no brackets).
    public var description: String {
        switch self {
        case .v4(let a, let b, let c, let d):
            return "\(a).\(b).\(c).\(d)"
        case .v6(let groups):
            // The longest run of two or more zero groups becomes "::" (the first such run on a tie).
            var bestStart = -1
            var bestLength = 1
            var i = 0
            while i < 8 {
                if groups[i] == 0 {
                    var j = i
                    while j < 8 && groups[j] == 0 { j += 1 }
                    if j - i > bestLength {
                        bestStart = i
                        bestLength = j - i
                    }
                    i = j
                } else {
                    i += 1
                }
            }
            func hex(_ range: Range<Int>) -> String {
                range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
            }
            if bestStart < 0 { return hex(0..<8) }
            return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
        }
    }

    static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> (UInt8, UInt8, UInt8, UInt8)? {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3,
                part.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            let value = part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard value <= 255 else { return nil }
            octets.append(UInt8(value))
        }
        return (octets[0], octets[1], octets[2], octets[3])
    }

    static func parseIPv6(_ bytes: ArraySlice<UInt8>) -> [UInt16]? {
        guard !bytes.isEmpty, bytes.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        let text = Array(bytes)
        var i = 0
        if text.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawDoubleColon = true
            i = 2
            if i == text.count { return [UInt16](repeating: 0, count: 8) }
        } else if text.first == UInt8(ascii: ":") {
            return nil
        }
        while i < text.count {
            var j = i
            while j < text.count && text[j] != UInt8(ascii: ":") { j += 1 }
            let part = text[i..<j]
            if part.contains(UInt8(ascii: ".")) {
                // An embedded IPv4 address ends the literal (::ffff:192.0.2.1).
                guard j == text.count, let v4 = parseIPv4(part) else { return nil }
                let groups = [UInt16(v4.0) << 8 | UInt16(v4.1), UInt16(v4.2) << 8 | UInt16(v4.3)]
                if sawDoubleColon { tail += groups } else { head += groups }
                i = j
                break
            }
            guard (1...4).contains(part.count) else { return nil }
            var value: UInt16 = 0
            for byte in part {
                guard let digit = HexDigit.value(byte) else { return nil }
                value = value << 4 | UInt16(digit)
            }
            if sawDoubleColon { tail.append(value) } else { head.append(value) }
            if j == text.count {
                i = j
                break
            }
            // j is at a colon.
            if j + 1 < text.count && text[j + 1] == UInt8(ascii: ":") {
                if sawDoubleColon { return nil }
                sawDoubleColon = true
                i = j + 2
                if i == text.count { break }
            } else {
                i = j + 1
                if i == text.count { return nil }
            }
        }
        let total = head.count + tail.count
        if sawDoubleColon {
            guard total <= 7 else { return nil }
            return head + [UInt16](repeating: 0, count: 8 - total) + tail
        }
        guard total == 8 else { return nil }
        return head
    }
}
