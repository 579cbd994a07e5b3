/// Why a list file could not be imported.
///
/// Every case names the file and the place.
public enum ListImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The JSON itself is malformed.
    case syntax(file: String, SourceLocation, expected: String)
    /// The top level or a section has the wrong shape (e.g. `entries` is not an array).
    case invalidDocument(file: String, SourceLocation, problem: String)
    /// An entry breaks a rule (missing name, duplicate, unknown mode or policy, unknown pinset, wrong type).
    case invalidEntry(file: String, index: Int, name: String?, SourceLocation, problem: String)
    /// A pinset breaks a rule.
    case invalidPinSet(file: String, index: Int, name: String?, SourceLocation, problem: String)
    /// A warning, raised to an error by strict mode.
    case strict(ImportWarning)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .syntax(let file, let location, let expected):
            "\(file):\(location): invalid JSON: expected \(expected)"
        case .invalidDocument(let file, let location, let problem):
            "\(file):\(location): \(problem)"
        case .invalidEntry(let file, let index, let name, let location, let problem):
            "\(file):\(location): entry \(index)\(name.map { " " + quotedName($0) } ?? ""): \(problem)"
        case .invalidPinSet(let file, let index, let name, let location, let problem):
            "\(file):\(location): pinset \(index)\(name.map { " " + quotedName($0) } ?? ""): \(problem)"
        case .strict(let warning):
            "\(warning) (an error in strict mode)"
        }
    }
}

/// A problem that does not stop an import (unless strict): a name not in normalized form, an unknown field.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file the warning is about.
    public var file: String
    /// Where in the file.
    public var location: SourceLocation
    /// The entry's index in `entries` (0-based), when the warning is about an entry.
    public var entryIndex: Int?
    /// The entry's or pinset's name, when known.
    public var name: String?
    /// What is wrong.
    public var message: String

    /// Creates a warning.
    public init(file: String, location: SourceLocation, entryIndex: Int?, name: String?, message: String) {
        self.file = file
        self.location = location
        self.entryIndex = entryIndex
        self.name = name
        self.message = message
    }

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        var text = "\(file):\(location): "
        if let entryIndex { text += "entry \(entryIndex)" + (name.map { " " + quotedName($0) } ?? "") + ": " }
        return text + message
    }
}

/// A name as messages quote it: control characters escaped and at most 64 characters shown, so that an error about
/// a hostile name (a 1 MB name, a name with a newline) stays one short line.
package func quotedName(_ name: String) -> String {
    let limit = 64
    var shown = ""
    var count = 0
    for scalar in name.unicodeScalars {
        if count == limit {
            shown += "…"
            break
        }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            shown += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            shown.unicodeScalars.append(scalar)
        }
        count += 1
    }
    let total = name.unicodeScalars.count
    return "'" + shown + "'" + (total > limit ? " (\(total) characters)" : "")
}
