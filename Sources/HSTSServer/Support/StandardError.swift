import Foundation

/// Writes to standard error in one `write`, so lines from concurrent requests never interleave mid-line.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
