/// Why a compiled trie file cannot be opened or written.
public enum TrieFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened, read, mapped or written (`errno` text included).
    case io(path: String, operation: String, reason: String)
    /// The file does not start with the magic bytes `HSTSQTRI`.
    case notATrieFile
    /// The file was written by a format version this reader does not know.
    case unsupportedVersion(UInt16)
    /// The file is shorter than its structure says.
    case truncated(offset: Int, needed: Int)
    /// The content checksum does not match the header.
    case checksumMismatch(expected: UInt64, actual: UInt64)
    /// A structural field is out of range (a section outside the file, a bad code table, a bad offset).
    case corrupt(String)
    /// The list cannot be compiled into this format (too many distinct entry attribute combinations, a name too long).
    case unrepresentable(String)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .io(let path, let operation, let reason): "\(path): cannot \(operation): \(reason)"
        case .notATrieFile: "not a compiled hstsq trie file (bad magic)"
        case .unsupportedVersion(let version):
            "unsupported trie file format version \(version) (this build reads version \(TrieFileFormat.version))"
        case .truncated(let offset, let needed): "truncated trie file: needs \(needed) bytes at offset \(offset)"
        case .checksumMismatch(let expected, let actual):
            "trie file checksum mismatch (header \(String(expected, radix: 16)), content \(String(actual, radix: 16))): the file is corrupted"
        case .corrupt(let what): "corrupted trie file: \(what)"
        case .unrepresentable(let what): "cannot compile: \(what)"
        }
    }
}
