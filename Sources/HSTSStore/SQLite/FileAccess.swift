internal import Foundation

/// Whether the store's files can be written, asked of the kernel (`access(2)`), so that a read-only file system
/// is recognized for root too (file modes do not bind root; EROFS does).
enum FileAccess {
    /// `nil` when `path` can be written, else why not (`a read-only file system`, or the system's reason).
    static func whyNotWritable(_ path: String) -> String? {
        if unsafe access(path, W_OK) == 0 { return nil }
        let code = errno
        if code == EROFS { return "a read-only file system" }
        return unsafe String(cString: strerror(code))
    }

    /// Whether `path` is on a file system mounted read-only.
    static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        unsafe access(path, W_OK) != 0 && errno == EROFS
    }
}
