/// A URL query string read as Go's `url.ParseQuery` reads it (`&`-separated pairs, `+` is a space), except that
/// a malformed percent-escape in the asked-for parameter is an error rather than a silently dropped pair.
struct QueryString {
    let raw: Substring

    init(_ raw: String?) { self.raw = Substring(raw ?? "") }

    /// The first value of `name`, decoded; nil when absent.
    func value(of name: String) throws(APIError) -> String? {
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring
            let value: Substring
            if let equals = pair.firstIndex(of: "=") {
                key = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                key = pair
                value = ""
            }
            guard let decodedKey = Self.decode(key), decodedKey == name else { continue }
            guard let decoded = Self.decode(value) else { throw .badPercentEncoding(parameter: name) }
            return decoded
        }
        return nil
    }

    /// `%XX` and `+` decoded; nil for a malformed escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
