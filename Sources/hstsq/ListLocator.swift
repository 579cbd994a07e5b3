import Foundation
import HSTSPreload
import HSTSStore

/// Where `check` gets its list: `--list FILE` (JSON source, compiled file or store), else the store's newest
/// version, else the bundled default.
enum ListLocator {
    /// File name of the bundled compiled list in `data/`.
    static let bundledFileName = "preload-2026-06-01.hstsq"

    /// Opens the list the user named, else the newest version in `store`, else the bundled list.
    static func open(_ path: String?, store: PreloadStore) throws -> PreloadList {
        if let path { return try open(path: path) }
        if let list = try newest(in: store) { return list }
        return try openBundled()
    }

    /// The newest version's compiled list, or `nil` when the store has none (a broken store is an error, not a
    /// silent fallback to an older list).
    static func newest(in store: PreloadStore) throws -> PreloadList? {
        guard store.exists else { return nil }
        do {
            guard let version = try store.currentVersion() else { return nil }
            return try store.list(of: version)
        } catch {
            throw CLIError("store \(store.directory): \(error.description)")
        }
    }

    /// A store named by `--list`: its folder, or its `store.sqlite`.
    private static func storeNamed(_ path: String, magic: [UInt8]) -> PreloadStore? {
        if (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory {
            return PreloadStore(directory: path)
        }
        if magic.starts(with: Array("SQLite format 3".utf8)) {
            return PreloadStore(
                directory: (path as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (path as NSString).deletingLastPathComponent
            )
        }
        return nil
    }

    /// Opens a compiled file, or imports and compiles a JSON source in memory.
    static func open(path: String) throws -> PreloadList {
        if let store = storeNamed(path, magic: []) { return try storeList(store) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError(
                "\(path): cannot open: \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")"
            )
        }
        let magic = (try? handle.read(upToCount: 16)).map { [UInt8]($0) } ?? []
        try? handle.close()
        if let store = storeNamed(path, magic: magic) { return try storeList(store) }
        if magic.starts(with: Array("HSTSQTRI".utf8)) {
            do {
                return try PreloadList(contentsOfCompiledFile: path)
            } catch {
                throw CLIError("\(path): \(error)")
            }
        }
        let source = try importSource(path: path, strict: false, printWarnings: false)
        do {
            return try PreloadList(compiling: source)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    private static func storeList(_ store: PreloadStore) throws -> PreloadList {
        guard store.exists else { throw CLIError("\(store.directory): not a list file or a store (no store.sqlite)") }
        guard let list = try newest(in: store) else {
            throw CLIError("\(store.directory): the store holds no version yet (run `hstsq import FILE`)")
        }
        return list
    }

    /// Reads and validates a JSON list file.
    static func importSource(
        path: String,
        pins: String? = nil,
        strict: Bool,
        printWarnings: Bool
    ) throws -> PreloadListSource {
        let bytes = try readFile(path)
        let pinsBytes = try pins.map(readFile)
        do {
            let source =
                if let pins, let pinsBytes {
                    try PreloadListSource.parse(
                        entries: bytes,
                        entriesFileName: path,
                        pins: pinsBytes,
                        pinsFileName: pins,
                        strict: strict
                    )
                } else {
                    try PreloadListSource.parse(bytes, fileName: path, strict: strict)
                }
            if printWarnings {
                for warning in source.warnings { Terminal.warning(warning.description) }
            }
            return source
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The largest input file hstsq reads: 16 times the 2026 list (8 MB).
    ///
    /// Reading is all at once, so this bounds the memory of every command that reads a file (docs/robustness.md).
    static let maximumFileBytes = 128 << 20

    /// The bytes of `path`, or a one-line error (missing, a directory, unreadable, larger than `maximumFileBytes`).
    static func readFile(_ path: String) throws -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw CLIError("\(path): cannot read: no such file")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw CLIError("\(path): cannot read: is a directory")
        }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumFileBytes {
            throw fileTooLarge(path, size: size)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read: permission denied")
        }
        return Array(data)
    }

    /// The error for a file of `size` bytes, over `maximumFileBytes`.
    static func fileTooLarge(_ path: String, size: Int) -> CLIError {
        CLIError(
            "\(path): the file is \(size >> 20) MiB; hstsq reads files of at most \(maximumFileBytes >> 20) MiB (the 2026 list is 8 MB)"
        )
    }

    /// The bundled compiled list: `$HSTSQ_DEFAULT_LIST` when set, else the copy embedded in the binary.
    static func openBundled() throws -> PreloadList {
        if let path = override("HSTSQ_DEFAULT_LIST") {
            do {
                return try PreloadList(contentsOfCompiledFile: path)
            } catch {
                throw CLIError("bundled list \(path): \(error) (set HSTSQ_DEFAULT_LIST or pass --list)")
            }
        }
        do {
            return try BundledData.compiledList()
        } catch {
            throw CLIError(
                "bundled list (embedded \(bundledFileName)): \(error) (set HSTSQ_DEFAULT_LIST or pass --list)"
            )
        }
    }

    /// The value of the environment variable `name`, when set and not empty.
    static func override(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
