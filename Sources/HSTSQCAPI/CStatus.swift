import CHSTSQ
import HSTSPreload

/// The `hstsq_status` values as the `Int32` the exported functions return.
enum CStatus {
    static let ok = HSTSQ_OK.rawValue
    static let invalidArgument = HSTSQ_ERR_INVALID_ARGUMENT.rawValue
    static let invalidHost = HSTSQ_ERR_INVALID_HOST.rawValue
    static let bufferTooSmall = HSTSQ_ERR_BUFFER_TOO_SMALL.rawValue

    /// The status for a file that does not open.
    static func status(for error: TrieFileError) -> Int32 {
        switch error {
        case .io: HSTSQ_ERR_IO.rawValue
        case .notATrieFile: HSTSQ_ERR_NOT_A_LIST.rawValue
        case .unsupportedVersion: HSTSQ_ERR_UNSUPPORTED_VERSION.rawValue
        case .truncated: HSTSQ_ERR_TRUNCATED.rawValue
        case .checksumMismatch, .corrupt, .unrepresentable: HSTSQ_ERR_CORRUPT.rawValue
        }
    }
}
