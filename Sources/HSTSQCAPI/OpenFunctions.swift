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
    guard let list = unsafe list else { return CStatus.invalidArgument }
    unsafe list.pointee = nil
    guard let path = unsafe path, let lookupIndex = lookupIndex(index) else {
        unsafe CText.write("invalid argument", to: message, size: messageSize)
        return CStatus.invalidArgument
    }
    let text = unsafe String(cString: path)
    do {
        let opened = try PreloadList(contentsOfCompiledFile: text, index: lookupIndex)
        unsafe list.pointee = retained(ListHandle(list: opened, label: ListHandle.label(forPath: text)))
        unsafe CText.write("", to: message, size: messageSize)
        return CStatus.ok
    } catch {
        let line: String
        if case .io = error { line = error.description } else { line = "\(text): \(error)" }
        unsafe CText.write(line, to: message, size: messageSize)
        return CStatus.status(for: error)
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
    guard let list = unsafe list else { return CStatus.invalidArgument }
    unsafe list.pointee = nil
    guard let bytes = unsafe bytes, length >= 0, let lookupIndex = lookupIndex(index) else {
        unsafe CText.write("invalid argument", to: message, size: messageSize)
        return CStatus.invalidArgument
    }
    let copy = unsafe [UInt8](UnsafeRawBufferPointer(start: bytes, count: length))
    do {
        let opened = try PreloadList(compiledBytes: copy, index: lookupIndex)
        unsafe list.pointee = retained(ListHandle(list: opened, label: "memory"))
        unsafe CText.write("", to: message, size: messageSize)
        return CStatus.ok
    } catch {
        unsafe CText.write("memory: \(error)", to: message, size: messageSize)
        return CStatus.status(for: error)
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
