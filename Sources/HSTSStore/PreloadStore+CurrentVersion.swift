extension PreloadStore {
    /// The current version on an open connection: the one `current_version` names, else the newest.
    func currentVersion(connection: Connection) throws(StoreError) -> StoreVersion? {
        if let chosen = try version(
            where: "id = (SELECT version_id FROM current_version WHERE only_row = 1)",
            [],
            connection: connection
        ) {
            return chosen
        }
        return try version(
            where: "id = (SELECT max(id) FROM versions WHERE browser = 'chromium')",
            [],
            connection: connection
        )
    }

    /// Records `version` as current unless it already is (so an import that changes nothing writes nothing).
    func makeCurrent(_ version: StoreVersion, connection: Connection) throws(StoreError) {
        if try currentVersion(connection: connection)?.id == version.id { return }
        try connection.prepare("INSERT OR REPLACE INTO current_version (only_row, version_id) VALUES (1, ?)")
            .run([.int(Int64(version.id))])
    }

    /// Makes the version `name` names (an id or a label) the one that answers `check`, `status` and the other
    /// commands that read the store.
    ///
    /// - Returns: the version, and whether it was already current (then nothing was written).
    /// - Throws: `StoreError.empty`, `.unknownVersion`, `.notChromiumList` (Firefox's list), or the error that kept the store from being written; the
    ///   store is unchanged whenever this throws.
    public func use(_ name: String) throws(StoreError) -> (version: StoreVersion, wasCurrent: Bool) {
        let connection = try openForWriting(create: false)
        let chosen = try version(named: name, connection: connection)
        guard chosen.browser == "chromium" else { throw .notChromiumList(name, browser: chosen.browser) }
        if try currentVersion(connection: connection)?.id == chosen.id { return (chosen, true) }
        try connection.transaction { () throws(StoreError) in
            // Checked again under the write lock: a concurrent delete may have removed it.
            guard try version(where: "id = ?", [.int(Int64(chosen.id))], connection: connection) != nil else {
                throw .unknownVersion(name)
            }
            try makeCurrent(chosen, connection: connection)
        }
        return (chosen, false)
    }

    /// A version by id or label on an open connection.
    func version(named name: String, connection: Connection) throws(StoreError) -> StoreVersion {
        if let id = Int64(name), let found = try version(where: "id = ?", [.int(id)], connection: connection) {
            return found
        }
        if let found = try version(where: "label = ?", [.text(name)], connection: connection) { return found }
        if try connection.scalar("SELECT count(*) FROM versions") == 0 { throw .empty(path: directory) }
        throw .unknownVersion(name)
    }
}
