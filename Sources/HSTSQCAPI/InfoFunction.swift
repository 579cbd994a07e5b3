public import CHSTSQ
import HSTSPreload

/// `hstsq_list_info`: label, date, source digest and sizes of a list.
@_cdecl("hstsq_list_info")
public func hstsqListInfo(_ list: OpaquePointer?, _ info: UnsafeMutablePointer<hstsq_info>?) -> Int32 {
    guard let list = unsafe list, let info = unsafe info else { return CStatus.invalidArgument }
    let handle = unsafe Unmanaged<ListHandle>.fromOpaque(UnsafeRawPointer(list)).takeUnretainedValue()
    var result = hstsq_info()
    CText.write(handle.label, into: &result.label)
    CText.write(CivilDay.format(secondsSince1970: handle.list.compiledAt), into: &result.date)
    CText.write(handle.list.sourceSHA256, into: &result.source_sha256)
    result.compiled_at = handle.list.compiledAt
    result.entry_count = UInt64(handle.list.entryCount)
    result.file_size = UInt64(handle.list.compiledSize)
    result.hash_table_size = UInt64(handle.list.hashTableSize)
    unsafe info.pointee = result
    return CStatus.ok
}
