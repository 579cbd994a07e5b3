package import HSTSMechanisms
package import HSTSPreload
package import HSTSStore

/// A list, with what every answer from it names it by: `check`'s `list` object.
package struct AnsweringList: Sendable {
    /// The lookup structure.
    package var list: PreloadList
    /// `bundled`, the store version (`#2 2026-06-01`), or the file's path.
    package var label: String
    /// The list's date (seconds since 1970), when known.
    package var date: Int64?
    /// The first 12 hex digits of the source's SHA-256.
    package var sha256: String
    /// Whose list it is: Chromium's, or Firefox's own.
    package var listOf: Browser = .chromium
    /// Firefox's compiled-in expiration time (seconds), for Firefox's list.
    package var expiration: Int64? = nil
    /// Whether the date is the import date (a store version without a date label): a later import of an old list
    /// looks younger than it is.
    package var dateIsImportDate: Bool

    package init(
        list: PreloadList,
        label: String,
        date: Int64?,
        sha256: String,
        listOf: Browser = .chromium,
        expiration: Int64? = nil,
        dateIsImportDate: Bool
    ) {
        self.list = list
        self.label = label
        self.date = date
        self.sha256 = sha256
        self.listOf = listOf
        self.expiration = expiration
        self.dateIsImportDate = dateIsImportDate
    }

    /// A compiled list (the bundled one, a file): dated by its compile time (`hstsq compile --compiled-at`, which
    /// the bundled list sets to its publication day).
    package init(compiled list: PreloadList, label: String) {
        self.init(
            list: list,
            label: label,
            date: list.compiledAt > 0 ? list.compiledAt : nil,
            sha256: String(list.sourceSHA256.prefix(12)),
            dateIsImportDate: false
        )
    }

    /// A store version of Chromium's list: dated by its label when that is a `YYYY-MM-DD` day, else by its import.
    package init(storeVersion version: StoreVersion, list: PreloadList) {
        let labelDate = version.label.flatMap { CalendarDay.parse($0) }
        self.init(
            list: list,
            label: Self.shortName(of: version),
            date: labelDate ?? version.importedAt,
            sha256: String(version.sourceSHA256.prefix(12)),
            dateIsImportDate: labelDate == nil
        )
    }

    /// `#3 june`: a store version's id and label.
    package static func shortName(of version: StoreVersion) -> String {
        "#\(version.id)\(version.label.map { " \($0)" } ?? "")"
    }
}
