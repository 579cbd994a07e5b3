import HSTSPreload

/// A JSON value with ordered keys, as the server writes it.
///
/// Two renderings: `indented`, the layout hstspreload.org's Go server writes (`json.MarshalIndent` with two
/// spaces, then a newline), so that clients comparing bytes see no difference; and `compact`, one line, the
/// layout of the CLI's `--json` output.
package enum ResponseJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([ResponseJSON])
    case object([Field])

    /// One key and its value (a struct rather than a tuple, so the enum stays `Equatable`).
    package struct Field: Sendable, Equatable {
        package var key: String
        package var value: ResponseJSON

        package init(_ key: String, _ value: ResponseJSON) {
            self.key = key
            self.value = value
        }
    }

    /// `.string(value)` or `.null`.
    package static func optional(_ value: String?) -> ResponseJSON { value.map(ResponseJSON.string) ?? .null }

    /// The value as Go's `json.MarshalIndent(v, "", "  ")` writes it, followed by a newline.
    package var indented: String {
        var out = ""
        render(into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The value on one line, no spaces.
    package var compact: String {
        var out = ""
        render(into: &out, indent: nil)
        return out
    }

    private func render(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .string(let value): Self.appendString(value, to: &out, goEscaping: indent != nil)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent.map { $0 + 1 })
                item.render(into: &out, indent: indent.map { $0 + 1 })
            }
            Self.newline(&out, indent)
            out += "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent.map { $0 + 1 })
                Self.appendString(field.key, to: &out, goEscaping: indent != nil)
                out += indent == nil ? ":" : ": "
                field.value.render(into: &out, indent: indent.map { $0 + 1 })
            }
            Self.newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// A string literal.
    ///
    /// Go's encoder also escapes `<`, `>`, `&`, U+2028 and U+2029 (HTML safety); the indented
    /// layout does the same so that its bytes match, the compact one escapes as the CLI does.
    package static func appendString(_ text: String, to out: inout String, goEscaping: Bool) {
        guard goEscaping,
            text.unicodeScalars.contains(where: {
                "<>&".unicodeScalars.contains($0) || $0 == "\u{2028}" || $0 == "\u{2029}"
            })
        else {
            JSONStringLiteral.append(text, to: &out)
            return
        }
        var literal = ""
        JSONStringLiteral.append(text, to: &literal)
        for scalar in literal.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
