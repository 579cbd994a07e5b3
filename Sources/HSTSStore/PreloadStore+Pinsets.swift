public import HSTSPreload

extension PreloadStore {
    /// The pinsets of `version`, in name order (what `hstsq export --format chromium-json` writes back).
    public func pinsets(of version: StoreVersion) throws(StoreError) -> [PinSet] {
        let connection = try open(create: false)
        let statement = try connection.prepare(
            "SELECT name, static_spki_hashes, bad_static_spki_hashes, report_uri FROM pinsets WHERE version_id = ? ORDER BY name"
        )
        try statement.bind([.int(Int64(version.id))])
        var result: [PinSet] = []
        while try statement.step() {
            result.append(
                PinSet(
                    name: statement.text(0) ?? "",
                    staticSPKIHashes: Self.hashes(statement.text(1)),
                    badStaticSPKIHashes: Self.hashes(statement.text(2)),
                    reportURI: statement.text(3)
                )
            )
        }
        return result
    }

    /// The hashes stored one per line (an empty column is no hash, not one empty hash).
    private static func hashes(_ column: String?) -> [String] {
        guard let column, !column.isEmpty else { return [] }
        return column.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
