import CHSTSQ
import HSTSPreload

// The exported functions that open and close lists (hstsq.h).

/// `hstsq_open`: a compiled file.
@_cdecl("hstsq_open")
public func hstsqOpen(
    _ path: UnsafePointer<CChar>?,
    _ index: Int32,
    _ list: UnsafeMutablePointer<OpaquePointer?>?,
    _ message: UnsafeMutablePointer<CChar>?,
    _ messageSize: Int
) -> Int32 {
    guard let path = unsafe path else {
        return unsafe open(into: list, index: index, message: message, messageSize: messageSize) { _ in nil }
    }
    let text = unsafe String(cString: path)
    return unsafe open(into: list, index: index, message: message, messageSize: messageSize) { lookupIndex in
        do throws(TrieFileError) {
            let opened = try PreloadList(contentsOfCompiledFile: text, index: lookupIndex)
            return .success(ListHandle(list: opened, label: ListHandle.label(forPath: text)))
        } catch {
            if case .io = error { return .failure(error, error.description) }
            return .failure(error, "\(text): \(error)")
        }
    }
}

/// `hstsq_open_memory`: compiled bytes, copied.
@_cdecl("hstsq_open_memory")
public func hstsqOpenMemory(
    _ bytes: UnsafeRawPointer?,
    _ length: Int,
    _ index: Int32,
    _ list: UnsafeMutablePointer<OpaquePointer?>?,
    _ message: UnsafeMutablePointer<CChar>?,
    _ messageSize: Int
) -> Int32 {
    guard let bytes = unsafe bytes, length >= 0 else {
        return unsafe open(into: list, index: index, message: message, messageSize: messageSize) { _ in nil }
    }
    let copy = unsafe [UInt8](UnsafeRawBufferPointer(start: bytes, count: length))
    return unsafe open(into: list, index: index, message: message, messageSize: messageSize) { lookupIndex in
        do throws(TrieFileError) {
            return .success(ListHandle(list: try PreloadList(compiledBytes: copy, index: lookupIndex), label: "memory"))
        } catch {
            return .failure(error, "memory: \(error)")
        }
    }
}

/// `hstsq_open_bundled`: the list installed with the library.
@_cdecl("hstsq_open_bundled")
public func hstsqOpenBundled(
    _ index: Int32,
    _ list: UnsafeMutablePointer<OpaquePointer?>?,
    _ message: UnsafeMutablePointer<CChar>?,
    _ messageSize: Int
) -> Int32 {
    unsafe hstsqOpen(hstsq_bundled_path(), index, list, message, messageSize)
}

/// `hstsq_close`: gives back the caller's retain.
@_cdecl("hstsq_close")
public func hstsqClose(_ list: OpaquePointer?) {
    guard let list = unsafe list else { return }
    unsafe Unmanaged<ListHandle>.fromOpaque(UnsafeRawPointer(list)).release()
}

/// What opening a list gave: the handle, or the error and the message line for the caller.
private enum OpenResult {
    case success(ListHandle)
    case failure(TrieFileError, String)
}

/// The protocol every `hstsq_open*` shares: clear the out-parameter, refuse invalid arguments (`open` gives `nil`
/// for them, as for an unknown index), then store the handle or write the message and return the status.
private func open(
    into list: UnsafeMutablePointer<OpaquePointer?>?,
    index: Int32,
    message: UnsafeMutablePointer<CChar>?,
    messageSize: Int,
    _ open: (PreloadList.LookupIndex) -> OpenResult?
) -> Int32 {
    guard let list = unsafe list else { return CStatus.invalidArgument }
    unsafe list.pointee = nil
    guard let lookupIndex = lookupIndex(index), let result = open(lookupIndex) else {
        unsafe CText.write("invalid argument", to: message, size: messageSize)
        return CStatus.invalidArgument
    }
    switch result {
    case .success(let handle):
        unsafe list.pointee = retained(handle)
        unsafe CText.write("", to: message, size: messageSize)
        return CStatus.ok
    case .failure(let error, let line):
        unsafe CText.write(line, to: message, size: messageSize)
        return CStatus.status(for: error)
    }
}

/// The handle a caller owns, with one retain.
private func retained(_ handle: ListHandle) -> OpaquePointer {
    unsafe OpaquePointer(Unmanaged.passRetained(handle).toOpaque())
}

private func lookupIndex(_ index: Int32) -> PreloadList.LookupIndex? {
    switch index {
    case Int32(HSTSQ_INDEX_COMPILED_FILE.rawValue): .compiledFile
    case Int32(HSTSQ_INDEX_HASH_TABLE.rawValue): .hashTable
    default: nil
    }
}
