import Foundation
import HSTSPreload

/// Where `check` gets its list: `--list FILE` (JSON source or compiled file), else the bundled default.
enum ListLocator {
    /// File name of the bundled compiled list in `data/`.
    static let bundledFileName = "preload-2026-06-01.hstsq"

    /// Opens the list the user named, or the default one.
    static func open(_ path: String?) throws -> PreloadList {
        if let path { return try open(path: path) }
        return try openBundled()
    }

    /// Opens a compiled file, or imports and compiles a JSON source in memory.
    static func open(path: String) throws -> PreloadList {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError(
                "\(path): cannot open: \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")"
            )
        }
        let magic = (try? handle.read(upToCount: 8)).map { [UInt8]($0) } ?? []
        try? handle.close()
        if magic == Array("HSTSQTRI".utf8) {
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

    /// Reads and validates a JSON list file.
    static func importSource(path: String, strict: Bool, printWarnings: Bool) throws -> PreloadListSource {
        let bytes = try readFile(path)
        do {
            let source = try PreloadListSource.parse(bytes, fileName: path, strict: strict)
            if printWarnings {
                for warning in source.warnings { Terminal.warning(warning.description) }
            }
            return source
        } catch {
            throw CLIError(error.description)
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw CLIError("\(path): cannot read: no such file")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw CLIError("\(path): cannot read: is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read: permission denied")
        }
        return Array(data)
    }

    /// The bundled compiled list: `$HSTSQ_DEFAULT_LIST`, then `data/` of the checkout this binary was built from,
    /// then `../share/hstsq/` next to the executable (an installed layout).
    static func openBundled() throws -> PreloadList {
        let path = bundledPath()
        do {
            return try PreloadList(contentsOfCompiledFile: path)
        } catch {
            throw CLIError("bundled list \(path): \(error) (set HSTSQ_DEFAULT_LIST or pass --list)")
        }
    }

    static func bundledPath() -> String {
        dataFile(bundledFileName, override: "HSTSQ_DEFAULT_LIST")
    }

    /// A file shipped in `data/`: `$OVERRIDE`, then `data/` of the checkout this binary was built from, then
    /// `../share/hstsq/` next to the executable (an installed layout).
    static func dataFile(_ name: String, override: String) -> String {
        if let path = ProcessInfo.processInfo.environment[override], !path.isEmpty { return path }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let inCheckout = checkout.appendingPathComponent("data").appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: inCheckout) { return inCheckout }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        return executable.deletingLastPathComponent().appendingPathComponent("share/hstsq").appendingPathComponent(name)
            .path
    }
}
