/// A byte-level JSON reader (RFC 8259) that also skips `//` line comments, as Chromium's list has them.
///
/// Chosen over Foundation's `JSONDecoder` for three reasons: it reports line and column for every error, the core
/// stays free of Foundation, and it is faster on the 8 MB list (Benchmarks/ measures both).
/// Nesting is limited to `maximumDepth` so hostile input cannot exhaust the stack.
package struct JSONReader {
    /// Deeper nesting than this is rejected (the list needs 4).
    package static let maximumDepth = 512

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole document: one value, surrounded by whitespace and comments only.
    ///
    /// - Throws: `JSONSyntaxError` at the first byte that does not fit.
    package static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        // A UTF-8 byte order mark is tolerated, as editors write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        try reader.skipWhitespace()
        let value = try reader.readValue()
        try reader.skipWhitespace()
        if reader.position < bytes.count {
            throw JSONSyntaxError(offset: reader.position, expected: "end of input after the top-level value")
        }
        return value
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() throws(JSONSyntaxError) {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09:
                position += 1
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") else {
                    throw JSONSyntaxError(offset: position, expected: "'//' to start a comment")
                }
                while position < bytes.count && bytes[position] != 0x0A { position += 1 }
            default:
                return
            }
        }
    }

    private mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else { throw JSONSyntaxError(offset: position, expected: "a value") }
        let start = position
        switch byte {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return JSONValue(kind: .string(try readString()), offset: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONValue(kind: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONValue(kind: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONValue(kind: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(kind: .number(try readNumber()), offset: start)
        default:
            throw JSONSyntaxError(
                offset: position,
                expected: "a value (object, array, string, number, true, false or null)"
            )
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        for expected in literal.utf8 {
            guard position < bytes.count, bytes[position] == expected else {
                throw JSONSyntaxError(offset: position, expected: "'\(literal)'")
            }
            position += 1
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw JSONSyntaxError(offset: position, expected: "at most \(JSONReader.maximumDepth) levels of nesting")
        }
    }

    private mutating func readObject() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        try enter()
        position += 1
        var members: [JSONMember] = []
        try skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return JSONValue(kind: .object(members), offset: start)
        }
        while true {
            try skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(offset: position, expected: "a string key in double quotes")
            }
            let keyOffset = position
            let key = try readString()
            try skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: position, expected: "':' after a key")
            }
            position += 1
            try skipWhitespace()
            let value = try readValue()
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            try skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return JSONValue(kind: .object(members), offset: start)
            default:
                throw JSONSyntaxError(offset: position, expected: "',' or '}' after an object member")
            }
        }
    }

    private mutating func readArray() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        try enter()
        position += 1
        var elements: [JSONValue] = []
        try skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return JSONValue(kind: .array(elements), offset: start)
        }
        while true {
            try skipWhitespace()
            elements.append(try readValue())
            try skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return JSONValue(kind: .array(elements), offset: start)
            default:
                throw JSONSyntaxError(offset: position, expected: "',' or ']' after an array element")
            }
        }
    }

    private mutating func readString() throws(JSONSyntaxError) -> String {
        let start = position
        position += 1
        let contentStart = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = bytes[contentStart..<position]
                position += 1
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw JSONSyntaxError(offset: contentStart, expected: "valid UTF-8 in a string")
                }
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                throw JSONSyntaxError(
                    offset: position,
                    expected: "'\"' before the end of the line (control characters must be escaped)"
                )
            }
            position += 1
        }
        var scalars: [UInt8] = Array(bytes[contentStart..<min(position, bytes.count)])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: scalars, as: UTF8.self) else {
                    throw JSONSyntaxError(offset: contentStart, expected: "valid UTF-8 in a string")
                }
                return string
            case UInt8(ascii: "\\"):
                position += 1
                guard let escape = peek() else { break }
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else {
                            throw JSONSyntaxError(offset: position, expected: "a low surrogate '\\uDC00'-'\\uDFFF'")
                        }
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw JSONSyntaxError(offset: position - 4, expected: "a low surrogate '\\uDC00'-'\\uDFFF'")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw JSONSyntaxError(offset: position - 4, expected: "a Unicode scalar value (lone surrogate)")
                    }
                    scalars.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    throw JSONSyntaxError(
                        offset: position - 1,
                        expected: "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"
                    )
                }
            default:
                if byte < 0x20 {
                    throw JSONSyntaxError(
                        offset: position,
                        expected: "'\"' before the end of the line (control characters must be escaped)"
                    )
                }
                scalars.append(byte)
                position += 1
            }
        }
        throw JSONSyntaxError(offset: start, expected: "a closing '\"' for this string")
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw JSONSyntaxError(offset: position, expected: "4 hex digits after \\u") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONSyntaxError(offset: position, expected: "4 hex digits after \\u")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func readNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            throw JSONSyntaxError(offset: position, expected: "a digit")
        }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw JSONSyntaxError(offset: position, expected: "a digit after '.'")
            }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw JSONSyntaxError(offset: position, expected: "a digit in the exponent")
            }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw JSONSyntaxError(offset: start, expected: "a number") }
        return value
    }

    private mutating func skipDigits() {
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
    }
}
