/// JSON string literals as hstsq writes them, in its `--json` output and in the HAR files a live audit saves: one
/// escaping rule for both, so the two never drift apart.
package enum JSONStringLiteral {
    /// Appends `text` to `out` as a JSON string literal: in quotes, with `"`, `\` and the control characters
    /// escaped (`\n`, `\r` and `\t` by name, the others as `\u00XX`) and every other character as it is.
    package static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `text` as a JSON string literal (see `append(_:to:)`).
    package static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
