#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Read-only bytes of a compiled file: a private read-only `mmap` of a file, or a heap copy for in-memory lists.
/// The mapping lives exactly as long as this object; nothing writes to it after `init`.
@safe final class TrieBytes: @unchecked Sendable {
    // @unchecked: the memory is immutable after init and released only in deinit, so sharing it is safe.
    let buffer: UnsafeRawBufferPointer
    private let isMapped: Bool

    /// Maps `path` read-only.
    init(mapping path: String) throws(TrieFileError) {
        let fd = unsafe open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .io(path: path, operation: "open", reason: TrieBytes.errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard unsafe fstat(fd, &info) == 0 else { throw .io(path: path, operation: "stat", reason: TrieBytes.errnoText()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, operation: "map", reason: "not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else { throw .truncated(offset: 0, needed: TrieFileFormat.headerSize) }
        guard let address = unsafe mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), unsafe address != MAP_FAILED else {
            throw .io(path: path, operation: "mmap", reason: TrieBytes.errnoText())
        }
        unsafe buffer = UnsafeRawBufferPointer(start: address, count: size)
        isMapped = true
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
        isMapped = false
    }

    deinit {
        if isMapped {
            if let base = unsafe buffer.baseAddress { _ = unsafe munmap(UnsafeMutableRawPointer(mutating: base), buffer.count) }
        } else {
            unsafe UnsafeMutableRawBufferPointer(mutating: buffer).deallocate()
        }
    }

    static func errnoText() -> String {
        guard let text = unsafe strerror(errno) else { return "errno \(errno)" }
        return unsafe String(cString: text)
    }
}
