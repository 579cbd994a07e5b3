package import HSTSPreload

/// The layout hstspreload.org's Go server writes (`json.MarshalIndent` with two spaces, then a newline), so that
/// clients comparing bytes see no difference; the server's other answers (`check`) are `rendered`, one line, as the
/// CLI prints them.
extension JSONOutput {
    /// The value as Go's `json.MarshalIndent(v, "", "  ")` writes it, followed by a newline.
    package var indented: String {
        var out = ""
        renderIndented(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func renderIndented(into out: inout String, indent: Int) {
        switch self {
        case .null, .bool, .int, .unsigned, .double, .rendered: render(into: &out)
        case .string(let value): Self.appendGoString(value, to: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent + 1)
                item.renderIndented(into: &out, indent: indent + 1)
            }
            Self.newline(&out, indent)
            out += "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent + 1)
                Self.appendGoString(key, to: &out)
                out += ": "
                value.renderIndented(into: &out, indent: indent + 1)
            }
            Self.newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// A string literal as Go's encoder writes it: as the CLI writes it, and also `<`, `>`, `&`, U+2028 and U+2029
    /// escaped (Go's HTML safety), so that the bytes match hstspreload.org's.
    package static func appendGoString(_ text: String, to out: inout String) {
        guard
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
