public import HSTSPreload

/// Why a store operation failed: SQLite's code and message with the SQL, or a store-level problem.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite reported an error (`code` is the extended result code).
    case sqlite(code: Int32, message: String, sql: String?)
    /// Another process held the store's write lock for longer than the busy timeout.
    case busy(path: String, waitedMilliseconds: Int32)
    /// The database was written by a newer hstsq (its `user_version` is above what this build knows).
    case newerSchema(found: Int, supported: Int, path: String)
    /// The store holds no version yet.
    case empty(path: String)
    /// A version named by id or label does not exist.
    case unknownVersion(String)
    /// The compiled trie file of a version is missing or unreadable.
    case trieFile(path: String, reason: String)
    /// Another version already has this label.
    case labelTaken(String)
    /// Reading or writing a file failed.
    case io(path: String, reason: String)
    /// The list to import is invalid (the importer's error, naming the file and place).
    case invalidList(ListImportError)
    /// `delete` without `--force` was asked to delete the version that answers.
    case deletingCurrent(String)
    /// `repair` found problems the rows cannot fix (listed, one clause each).
    case unrepairable(path: String, problems: [String])
    /// A command that writes was given a store it cannot write (a read-only file system, or no write permission).
    case readOnly(path: String, reason: String)
    /// `use` of a version that is another browser's own list, which never answers as Chromium's.
    case notChromiumList(String, browser: String)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .busy(let path, let waited):
            "\(path): the store is locked by another hstsq writing to it (waited \(Double(waited) / 1000) s); nothing was changed, try again"
        case .sqlite(let code, let message, let sql):
            "SQLite error \(code): \(message)" + (sql.map { " (in `\($0.prefix(120))`)" } ?? "")
        case .newerSchema(let found, let supported, let path):
            "\(path): store schema version \(found) is newer than this hstsq supports (\(supported)); upgrade hstsq (the store was not changed)"
        case .empty(let path): "\(path): the store holds no version yet (run `hstsq import FILE` or `hstsq update`)"
        case .unknownVersion(let name): "no version '\(name)' in the store (see `hstsq versions`)"
        case .labelTaken(let label): "the label '\(label)' is already used by another version (labels are unique)"
        case .trieFile(let path, let reason): "\(path): \(reason)"
        case .io(let path, let reason): "\(path): \(reason)"
        case .invalidList(let error): error.description
        case .deletingCurrent(let name):
            "version '\(name)' is the current version; `hstsq use` another first, or pass --force (nothing was changed)"
        case .unrepairable(let path, let problems):
            "\(path): the store cannot be repaired from its rows: \(problems.joined(separator: "; ")) (nothing was changed)"
        case .notChromiumList(let name, let browser):
            "version '\(name)' is \(browser)'s own list, which answers only `check --browser \(browser)`; it cannot be the current version"
        case .readOnly(let path, let reason):
            "\(path): the store is read-only (\(reason)); nothing was changed (commands that only read it still work)"
        }
    }
}
