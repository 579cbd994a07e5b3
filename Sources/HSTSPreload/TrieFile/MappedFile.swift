#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Read-only bytes of a compiled file: a private read-only `mmap` of a file, a heap copy for in-memory lists, or
/// bytes that live as long as the process (a list embedded in the binary).
///
/// The mapping lives exactly as long as this object; nothing writes to it after `init`.
@safe final class TrieBytes: @unchecked Sendable {
    // @unchecked: the memory is immutable after init and released only in deinit, so sharing it is safe.
    let buffer: UnsafeRawBufferPointer
    private let ownership: Ownership

    private enum Ownership {
        case mapped
        case allocated
        case borrowedForever
    }

    /// Maps `path` read-only.
    init(mapping path: String) throws(TrieFileError) {
        let fd = unsafe open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .io(path: path, operation: "open", reason: TrieBytes.errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard unsafe fstat(fd, &info) == 0 else {
            throw .io(path: path, operation: "stat", reason: TrieBytes.errnoText())
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .io(path: path, operation: "map", reason: "not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else { throw .truncated(offset: 0, needed: TrieFileFormat.headerSize) }
        guard let address = unsafe mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), unsafe address != MAP_FAILED else {
            throw .io(path: path, operation: "mmap", reason: TrieBytes.errnoText())
        }
        unsafe buffer = UnsafeRawBufferPointer(start: address, count: size)
        ownership = .mapped
    }

    /// Copies `bytes` into memory owned by this object.
    init(copying bytes: [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        unsafe bytes.withUnsafeBytes { source in
            if let base = source.baseAddress, let target = storage.baseAddress {
                unsafe target.copyMemory(from: base, byteCount: source.count)
            }
        }
        unsafe buffer = UnsafeRawBufferPointer(rebasing: storage[0..<bytes.count])
        ownership = .allocated
    }

    /// Uses `bytes` in place, without a copy: they must stay valid and unchanged for the rest of the process (a
    /// constant array in the binary's read-only data), and are never freed.
    init(borrowingForever bytes: UnsafeRawBufferPointer) {
        unsafe buffer = bytes
        ownership = .borrowedForever
    }

    deinit {
        switch ownership {
        case .mapped:
            if let base = unsafe buffer.baseAddress {
                _ = unsafe munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
            }
        case .allocated:
            unsafe UnsafeMutableRawBufferPointer(mutating: buffer).deallocate()
        case .borrowedForever:
            break
        }
    }

    static func errnoText() -> String {
        guard let text = unsafe strerror(errno) else { return "errno \(errno)" }
        return unsafe String(cString: text)
    }
}

/// Writes compiled files so a reader sees the old or the new file, never a partial one.
package enum TrieFileStorage {
    /// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path`, and fsyncs the folder.
    ///
    /// - Throws: `TrieFileError.io` naming the step that failed; the temporary file is removed.
    package static func writeAtomically(_ bytes: [UInt8], to path: String) throws(TrieFileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let temporary =
            (slash.map { String(path[...$0]) } ?? "")
            + ".\(path[(slash.map { path.index(after: $0) } ?? path.startIndex)...]).tmp-\(getpid())"
        let fd = unsafe open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw .io(path: path, operation: "create \(temporary)", reason: TrieBytes.errnoText()) }
        var failure: (String, String)?
        unsafe bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = unsafe write(fd, buffer.baseAddress.map { unsafe $0 + written }, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 {
                    failure = ("write", TrieBytes.errnoText())
                    return
                }
                written += result
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = ("fsync", TrieBytes.errnoText()) }
        close(fd)
        if failure == nil, unsafe rename(temporary, path) != 0 { failure = ("rename", TrieBytes.errnoText()) }
        if let (operation, reason) = failure {
            _ = unsafe unlink(temporary)
            throw .io(path: path, operation: operation, reason: reason)
        }
        // Make the rename itself durable.
        let directoryFD = unsafe open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}
