/// A JSON value with ordered keys, rendered on one line: the CLI's `--json` output (JSON Lines) and the server's
/// `check` answer.
///
/// Keys keep their insertion order so output is stable and diff-able; the contract fixes field names, not order.
package enum JSONOutput: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// An unsigned integer, written exactly (up to 18446744073709551615).
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])
    /// JSON text rendered already (one line), written as it is: a part shared by many answers is rendered once.
    case rendered(String)

    package static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool { lhs.rendered == rhs.rendered }

    /// The value as compact JSON text.
    package var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    package func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .unsigned(let value): out += String(value)
        case .double(let value): out += value.isFinite ? String(value) : "null"
        case .string(let value): JSONStringLiteral.append(value, to: &out)
        case .rendered(let text): out += text
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.render(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                JSONStringLiteral.append(key, to: &out)
                out += ":"
                value.render(into: &out)
            }
            out += "}"
        }
    }
}

extension JSONOutput {
    /// `.string(value)` or `.null`.
    package static func optional(_ value: String?) -> JSONOutput { value.map(JSONOutput.string) ?? .null }
}
