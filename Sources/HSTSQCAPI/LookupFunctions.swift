public import CHSTSQ
import Glibc
import HSTSPreload

// The exported lookup functions (hstsq.h).

/// `hstsq_lookup`: one host.
@_cdecl("hstsq_lookup")
public func hstsqLookup(
    _ list: OpaquePointer?,
    _ host: UnsafePointer<CChar>?,
    _ length: Int,
    _ rule: Int32,
    _ decision: UnsafeMutablePointer<hstsq_decision>?
) -> Int32 {
    guard let decision = unsafe decision else { return CStatus.invalidArgument }
    guard let list = unsafe list, let host = unsafe host, let semantics = semantics(rule) else {
        unsafe decision.pointee = .failed(CStatus.invalidArgument)
        return CStatus.invalidArgument
    }
    // The caller's retain keeps the handle alive for the call, so the lookup takes none of its own.
    return unsafe Unmanaged<ListHandle>.fromOpaque(UnsafeRawPointer(list))._withUnsafeGuaranteedRef { handle in
        unsafe decision.pointee = hstsq_decision.answer(handle, host, length, semantics)
        return unsafe decision.pointee.status
    }
}

/// `hstsq_lookup_batch`: many hosts, each answered in its own `hstsq_decision`.
@_cdecl("hstsq_lookup_batch")
public func hstsqLookupBatch(
    _ list: OpaquePointer?,
    _ hosts: UnsafePointer<UnsafePointer<CChar>?>?,
    _ lengths: UnsafePointer<Int>?,
    _ count: Int,
    _ rule: Int32,
    _ decisions: UnsafeMutablePointer<hstsq_decision>?
) -> Int32 {
    guard count > 0 else { return unsafe count == 0 && list != nil ? CStatus.ok : CStatus.invalidArgument }
    guard let list = unsafe list, let hosts = unsafe hosts, let decisions = unsafe decisions,
        let semantics = semantics(rule)
    else { return CStatus.invalidArgument }
    unsafe Unmanaged<ListHandle>.fromOpaque(UnsafeRawPointer(list))._withUnsafeGuaranteedRef { handle in
        for i in 0..<count {
            guard let host = unsafe hosts[i] else {
                unsafe decisions[i] = .failed(CStatus.invalidArgument)
                continue
            }
            let length = unsafe lengths.map { unsafe $0[i] } ?? strlen(host)
            unsafe decisions[i] = hstsq_decision.answer(handle, host, length, semantics)
        }
    }
    return CStatus.ok
}

/// `hstsq_normalize`: the host as lookups see it.
@_cdecl("hstsq_normalize")
public func hstsqNormalize(
    _ host: UnsafePointer<CChar>?,
    _ length: Int,
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ normalizedLength: UnsafeMutablePointer<Int>?
) -> Int32 {
    guard let host = unsafe host, let buffer = unsafe buffer, length >= 0 else { return CStatus.invalidArgument }
    guard let name = unsafe hostName(host, length) else { return CStatus.invalidHost }
    let utf8 = name.value.utf8
    unsafe normalizedLength?.pointee = utf8.count
    guard utf8.count < size else { return CStatus.bufferTooSmall }
    unsafe CText.write(name.value, to: buffer, size: size)
    return CStatus.ok
}

/// `hstsq_entry_name`: the deciding entry's name, a suffix of the normalized host.
@_cdecl("hstsq_entry_name")
public func hstsqEntryName(
    _ host: UnsafePointer<CChar>?,
    _ length: Int,
    _ decision: UnsafePointer<hstsq_decision>?,
    _ buffer: UnsafeMutablePointer<CChar>?,
    _ size: Int
) -> Int32 {
    guard let host = unsafe host, let decision = unsafe decision, let buffer = unsafe buffer, length >= 0, size > 0
    else { return CStatus.invalidArgument }
    let nameLength = Int(unsafe decision.pointee.entry_name_length)
    if unsafe decision.pointee.match == Int32(HSTSQ_MATCH_NONE.rawValue) || nameLength == 0 {
        unsafe buffer[0] = 0
        return CStatus.ok
    }
    guard let name = unsafe hostName(host, length) else { return CStatus.invalidHost }
    let utf8 = name.value.utf8
    guard nameLength <= utf8.count else { return CStatus.invalidArgument }
    guard nameLength < size else { return CStatus.bufferTooSmall }
    unsafe CText.write(String(decoding: utf8.suffix(nameLength), as: UTF8.self), to: buffer, size: size)
    return CStatus.ok
}

/// The normalized host name of `length` UTF-8 bytes at `host`, or `nil` when they are not one.
private func hostName(_ host: UnsafePointer<CChar>, _ length: Int) -> HostName? {
    let bytes = unsafe UnsafeRawBufferPointer(start: host, count: length)
    guard let text = unsafe String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else { return nil }
    return try? HostName(text)
}

private func semantics(_ rule: Int32) -> MatchingSemantics? {
    switch rule {
    case Int32(HSTSQ_RULE_CHROMIUM.rawValue): .chromium
    case Int32(HSTSQ_RULE_ANY_ANCESTOR.rawValue): .anyAncestor
    default: nil
    }
}

extension hstsq_decision {
    /// The answer for `length` bytes at `host`: the Swift API's decision, field by field.
    ///
    /// ASCII hosts take the allocation-free lookup and the entry's fields precomputed per attribute class at open,
    /// so that the C API costs about what `PreloadList.decision(utf8:)` does; the rule is the same as there
    /// (`PreloadList.decision(_:of:_:)`), and `Tests/CLibraryTests` compares the two on every differential query.
    @inline(__always)
    static func answer(
        _ handle: ListHandle,
        _ host: UnsafePointer<CChar>,
        _ length: Int,
        _ semantics: MatchingSemantics
    ) -> hstsq_decision {
        guard length >= 0 else { return .failed(CStatus.invalidArgument) }
        let bytes = unsafe UnsafeBufferPointer(
            start: UnsafeRawPointer(host).assumingMemoryBound(to: UInt8.self),
            count: length
        )
        let compact = unsafe handle.list.compactDecision(utf8: bytes.span, semantics: semantics)
        switch compact.outcome {
        case .entry:
            var answer = handle.entryAnswer(classIndex: compact.classIndex)
            let forced = answer.mode == Int32(HSTSQ_MODE_FORCE_HTTPS.rawValue)
            let upgrade = compact.upgradingAncestor || (forced && (compact.exact || answer.flags & 1 != 0))
            answer.upgrade = upgrade ? 1 : 0
            answer.match = compact.exact ? Int32(HSTSQ_MATCH_EXACT.rawValue) : Int32(HSTSQ_MATCH_ANCESTOR.rawValue)
            answer.entry_name_length = UInt32(compact.nameLength)
            return answer
        case .noEntry: return .noEntry
        case .invalid: return .failed(CStatus.invalidHost)
        case .needsUnicodeProcessing:
            guard let decision = unsafe handle.list.decision(utf8: bytes.span, semantics: semantics) else {
                return .failed(CStatus.invalidHost)
            }
            var answer = hstsq_decision.noEntry
            guard let entry = decision.entry, let match = decision.match else { return answer }
            answer = entryFields(entry.attributes, pinsetIndex: entry.pinsetIndex)
            answer.upgrade = decision.upgrade ? 1 : 0
            answer.match = match == .exact ? Int32(HSTSQ_MATCH_EXACT.rawValue) : Int32(HSTSQ_MATCH_ANCESTOR.rawValue)
            answer.entry_name_length = UInt32(entry.nameLength)
            return answer
        }
    }

    /// An entry's mode, flags, policy and pinset; the rest is the lookup's to fill in.
    static func entryFields(_ attributes: EntryAttributes, pinsetIndex: Int?) -> hstsq_decision {
        var answer = hstsq_decision.noEntry
        answer.mode =
            attributes.mode == .forceHTTPS ? Int32(HSTSQ_MODE_FORCE_HTTPS.rawValue) : Int32(HSTSQ_MODE_NONE.rawValue)
        answer.flags = flags(attributes)
        answer.policy = policy(attributes.policy)
        answer.pinset = pinsetIndex.map { Int32($0) } ?? -1
        return answer
    }

    /// The answer when no entry decides (no entry covers the host, or it is an IPv6 literal).
    static var noEntry: hstsq_decision {
        var answer = hstsq_decision()
        answer.pinset = -1
        return answer
    }

    /// The answer for a host that has none.
    static func failed(_ status: Int32) -> hstsq_decision {
        var answer = hstsq_decision()
        answer.status = status
        answer.pinset = -1
        return answer
    }

    private static func flags(_ attributes: EntryAttributes) -> UInt32 {
        var flags: UInt32 = 0
        if attributes.includeSubdomains { flags |= 1 << 0 }
        if attributes.includeSubdomainsForPinning { flags |= 1 << 1 }
        if attributes.expectCT { flags |= 1 << 2 }
        if attributes.expectStaple { flags |= 1 << 3 }
        if attributes.includeSubdomainsForExpectStaple { flags |= 1 << 4 }
        return flags
    }

    private static func policy(_ policy: Policy?) -> Int32 {
        switch policy {
        case nil: Int32(HSTSQ_POLICY_NONE.rawValue)
        case .test: Int32(HSTSQ_POLICY_TEST.rawValue)
        case .google: Int32(HSTSQ_POLICY_GOOGLE.rawValue)
        case .custom: Int32(HSTSQ_POLICY_CUSTOM.rawValue)
        case .bulkLegacy: Int32(HSTSQ_POLICY_BULK_LEGACY.rawValue)
        case .bulk18Weeks: Int32(HSTSQ_POLICY_BULK_18_WEEKS.rawValue)
        case .bulk1Year: Int32(HSTSQ_POLICY_BULK_1_YEAR.rawValue)
        case .publicSuffix: Int32(HSTSQ_POLICY_PUBLIC_SUFFIX.rawValue)
        case .publicSuffixRequested: Int32(HSTSQ_POLICY_PUBLIC_SUFFIX_REQUESTED.rawValue)
        }
    }
}
