internal import CSQLite

/// One SQLite connection, used by one thread: the store opens one per operation.
@safe final class Connection {
    private let handle: OpaquePointer
    let path: String
    private let busyTimeoutMilliseconds: Int32

    /// Opens (creating when `create`) the database at `path`, with foreign keys on and a busy timeout, so a second
    /// writer waits for the first instead of failing at once.
    ///
    /// `immutable` opens it read-only as a file nothing changes (SQLite's `immutable=1`), for a store on a
    /// read-only file system.
    init(path: String, create: Bool, busyTimeoutMilliseconds: Int32, immutable: Bool = false) throws(StoreError) {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable {
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
            var escaped = ""
            for character in path {
                switch character {
                case "%": escaped += "%25"
                case "?": escaped += "%3f"
                case "#": escaped += "%23"
                default: escaped.append(character)
                }
            }
            name = "file:" + escaped + "?immutable=1"
        }
        let result = unsafe sqlite3_open_v2(name, &db, flags, nil)
        guard result == SQLITE_OK, let opened = unsafe db else {
            var message = "cannot open"
            if let failed = unsafe db {
                message = unsafe String(cString: sqlite3_errmsg(failed))
                unsafe sqlite3_close_v2(failed)
            }
            throw .sqlite(code: result, message: "\(path): \(message)", sql: nil)
        }
        unsafe handle = opened
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        unsafe sqlite3_extended_result_codes(opened, 1)
        unsafe sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
        // In WAL mode NORMAL never corrupts and survives a killed process; only a power loss can drop the last
        // commit, which then leaves an unreferenced trie file and the store as it was before that import.
        try execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
    }

    deinit {
        unsafe sqlite3_close_v2(handle)
    }

    private func error(_ code: Int32, sql: String?) -> StoreError {
        // Extended codes keep the primary code in the low byte; BUSY means the busy timeout ran out.
        if code & 0xFF == SQLITE_BUSY { return .busy(path: path, waitedMilliseconds: busyTimeoutMilliseconds) }
        return .sqlite(code: code, message: unsafe String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws(StoreError) {
        let result = unsafe sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw error(result, sql: sql) }
    }

    /// Compiles `sql`.
    func prepare(_ sql: String) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        let result = unsafe sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard result == SQLITE_OK, let compiled = unsafe statement else { throw error(result, sql: sql) }
        return unsafe Statement(compiled, connection: self, sql: sql)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so two importers serialize (the second waits up to the busy
    /// timeout) instead of deadlocking on a lock upgrade.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last insert.
    var lastInsertRowID: Int64 { unsafe sqlite3_last_insert_rowid(handle) }

    /// The first column of the first row of `sql`, as an integer.
    func scalar(_ sql: String) throws(StoreError) -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.int(0)
    }

    func statementError(_ code: Int32, sql: String) -> StoreError { error(code, sql: sql) }
}

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case int(Int64)
    case text(String)
}

/// A prepared statement; reset and re-bound for each use.
@safe final class Statement {
    private let handle: OpaquePointer
    private let connection: Connection
    let sql: String

    init(_ handle: OpaquePointer, connection: Connection, sql: String) {
        unsafe self.handle = unsafe handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        unsafe sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to parameters 1…n.
    func bind(_ values: [SQLValue]) throws(StoreError) {
        unsafe sqlite3_reset(handle)
        unsafe sqlite3_clear_bindings(handle)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let result: Int32
            switch value {
            case .null: result = unsafe sqlite3_bind_null(handle, position)
            case .int(let number): result = unsafe sqlite3_bind_int64(handle, position, number)
            case .text(let text):
                var text = text
                result = text.withUTF8 { bytes in
                    unsafe sqlite3_bind_text(
                        handle,
                        position,
                        bytes.baseAddress.map { unsafe UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                        Int32(bytes.count),
                        hstsq_sqlite_transient
                    )
                }
            }
            guard result == SQLITE_OK else { throw connection.statementError(result, sql: sql) }
        }
    }

    /// Advances; `true` when a row is available, `false` when done.
    func step() throws(StoreError) -> Bool {
        let result = unsafe sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.statementError(result, sql: sql)
        }
    }

    /// Binds and runs a statement that returns no rows.
    func run(_ values: [SQLValue]) throws(StoreError) {
        try bind(values)
        while try step() {}
    }

    func int(_ column: Int32) -> Int64 { unsafe sqlite3_column_int64(handle, column) }

    func bool(_ column: Int32) -> Bool { unsafe sqlite3_column_int64(handle, column) != 0 }

    func text(_ column: Int32) -> String? {
        guard let pointer = unsafe sqlite3_column_text(handle, column) else { return nil }
        return unsafe String(cString: pointer)
    }
}
