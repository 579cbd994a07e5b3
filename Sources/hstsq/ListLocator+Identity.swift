import Foundation
import HSTSCheck
import HSTSMechanisms
import HSTSPreload
import HSTSStore

extension ListLocator {
    /// `open(_:store:)`, and what the answers name the list by.
    ///
    /// The date: the bundled list's and a compiled file's compile time (`hstsq compile --compiled-at`, which the
    /// bundled list sets to its publication day); a store version's label when it is a `YYYY-MM-DD` day, else its
    /// import day; unknown for a JSON source compiled in memory.
    ///
    /// With `browser` Firefox: a Firefox list file named by `--list`, else the store's newest Firefox version, else
    /// Chromium's list as for the others.
    static func openAnswering(_ path: String?, store: PreloadStore, browser: Browser) throws -> AnsweringList {
        if let path {
            if let store = storeNamedByPath(path) {
                if browser == .firefox, let firefox = try firefoxVersion(in: store) { return firefox }
                if let found = try answering(store: store, required: true, path: path) { return found }
                throw CLIError("\(path): the store holds no version yet (run `hstsq import FILE`)")
            }
            if let firefox = try firefoxFile(path) { return firefox }
            return AnsweringList(compiled: try open(path: path), label: path)
        }
        if browser == .firefox, let firefox = try firefoxVersion(in: store) { return firefox }
        let fromStore = try answering(store: store, required: false, path: store.directory)
        if let fromStore { return fromStore }
        return AnsweringList(compiled: try openBundled(), label: "bundled")
    }

    /// A Firefox list file (`nsSTSPreloadList.inc`), compiled in memory; `nil` when the file is not one.
    private static func firefoxFile(_ path: String) throws -> AnsweringList? {
        let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        guard type == .typeRegular, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let head = (try? handle.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
        try? handle.close()
        guard String(decoding: head, as: UTF8.self).contains("gPreloadListExpirationTime") else { return nil }
        let parsed: FirefoxList
        do {
            parsed = try FirefoxList.parse(try readFile(path), fileName: path)
        } catch let error as FirefoxListError {
            throw CLIError(error.description)
        }
        let list: PreloadList
        do {
            list = try PreloadList(compiling: parsed.source)
        } catch {
            throw CLIError("\(path): \(error)")
        }
        return AnsweringList(
            list: list,
            label: path,
            // Firefox's generator sets the expiration 18 weeks after it runs: that day is the list's date.
            date: parsed.expiration - ListFreshness.firefoxListLifetime,
            sha256: String(list.sourceSHA256.prefix(12)),
            listOf: .firefox,
            expiration: parsed.expiration,
            dateIsImportDate: false
        )
    }

    /// The store's newest Firefox version, when it has one.
    private static func firefoxVersion(in store: PreloadStore) throws -> AnsweringList? {
        do {
            guard let version = try store.newestVersion(browser: "firefox") else { return nil }
            let list = try store.list(of: version)
            return AnsweringList(
                list: list,
                label: VersionReference.short(version),
                date: version.expiresAt.map { $0 - ListFreshness.firefoxListLifetime } ?? version.importedAt,
                sha256: String(version.sourceSHA256.prefix(12)),
                listOf: .firefox,
                expiration: version.expiresAt,
                dateIsImportDate: version.expiresAt == nil
            )
        } catch {
            throw CLIError("store \(store.directory): \(error)")
        }
    }

    private static func storeNamedByPath(_ path: String) -> PreloadStore? {
        let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        return type == .typeDirectory ? PreloadStore(directory: path) : nil
    }

    private static func answering(store: PreloadStore, required: Bool, path: String) throws -> AnsweringList? {
        guard store.exists else {
            if required { throw CLIError("\(path): not a list file or a store (no store.sqlite)") }
            return nil
        }
        let version: StoreVersion
        let list: PreloadList
        do {
            guard let current = try store.currentVersion() else {
                if required { throw CLIError("\(path): the store holds no version yet (run `hstsq import FILE`)") }
                return nil
            }
            version = current
            list = try store.list(of: current)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("store \(store.directory): \(error)")
        }
        return AnsweringList(storeVersion: version, list: list)
    }
}
