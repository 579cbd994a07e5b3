public import HSTSPreload

/// Why a capture file could not be read as evidence.
///
/// Every case names the file and the place.
public enum EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid JSON (HAR).
    case syntax(file: String, SourceLocation, expected: String)
    /// The HAR structure is wrong.
    case invalidHAR(file: String, SourceLocation, problem: String)
    /// A curl capture line cannot be read.
    case invalidCapture(file: String, line: Int, column: Int, problem: String)
    /// The file cannot be read (`reason`: no such file, is a directory, permission denied).
    case unreadable(file: String, reason: String)
    /// The file is `size` bytes, more than the `limit` it was read with.
    case fileTooLarge(file: String, size: Int, limit: Int)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .syntax(let file, let location, let expected): "\(file):\(location): invalid JSON: expected \(expected)"
        case .invalidHAR(let file, let location, let problem): "\(file):\(location): \(problem)"
        case .invalidCapture(let file, let line, let column, let problem): "\(file):\(line):\(column): \(problem)"
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .fileTooLarge(let file, let size, let limit):
            "\(file): the file is \(size >> 20) MiB; capture files of at most \(limit >> 20) MiB are read"
        }
    }
}
