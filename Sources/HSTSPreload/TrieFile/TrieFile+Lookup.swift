/// The allocation-free lookup path: normalize the host into a stack buffer and match it, in one place, so no
/// host bytes are copied between layers.
extension TrieFile {
    /// An entry matched for a host: its name is the host's last `nameLength` bytes.
    package struct Match: Equatable {
        package var nameLength: Int
        package var classIndex: Int
    }

    /// What the fast path found for one input.
    package enum HostLookup: Equatable {
        /// A valid host of `length` bytes; the most specific entry (Chromium's rule) and, when asked for and the
        /// most specific entry does not upgrade, the most specific ancestor that does (the any-ancestor rule).
        case host(length: Int, deepest: Match?, upgradingAncestor: Match?)
        /// An IPv4 or IPv6 literal.
        case ipLiteral
        /// Not a valid host name.
        case invalid
        /// Non-ASCII input: the caller converts it with IDNA first.
        case needsUnicodeProcessing
    }

    /// Looks up a host given as UTF-8: ASCII lower-casing, trailing-dot removal and label validation happen here,
    /// into a stack buffer, so the whole lookup allocates nothing.
    ///
    /// - Complexity: O(m + log b + k) for an m-byte host, b blocks under its TLD, k entries per block.
    package func lookup(_ input: Span<UInt8>, upgradingAncestor wantAncestor: Bool) -> HostLookup {
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TrieFileFormat.maximumKeyLength) { buffer in
                guard let host = buffer.baseAddress else { return .invalid }
                let length: Int
                switch unsafe TrieFile.normalize(raw, into: host, capacity: buffer.count) {
                case .valid(let count): length = count
                case .ipLiteral: return .ipLiteral
                case .invalid: return .invalid
                case .needsUnicodeProcessing: return .needsUnicodeProcessing
                }
                let base = unsafe UnsafePointer(host)
                let deepest = unsafe deepestMatch(base, count: length)
                guard wantAncestor, let deciding = deepest, !upgrades(deciding, hostLength: length) else {
                    return .host(length: length, deepest: deepest, upgradingAncestor: nil)
                }
                var nameLength = deciding.nameLength
                while let parent = unsafe TrieFile.parentLength(of: base, count: length, suffix: nameLength) {
                    guard let match = unsafe deepestMatch(base + (length - parent), count: parent) else { break }
                    if classes.indices.contains(match.classIndex) {
                        let attributes = classes[match.classIndex]
                        if attributes.mode == .forceHTTPS && attributes.includeSubdomains {
                            return .host(length: length, deepest: deepest, upgradingAncestor: match)
                        }
                    }
                    nameLength = match.nameLength
                }
                return .host(length: length, deepest: deepest, upgradingAncestor: nil)
            }
        }
    }

    /// Every entry matching the host or one of its parents, most specific first (`nil` for an invalid host).
    package func allMatches(_ input: Span<UInt8>) -> [Match]? {
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TrieFileFormat.maximumKeyLength) { buffer in
                guard let host = buffer.baseAddress,
                    case .valid(let length) = unsafe TrieFile.normalize(raw, into: host, capacity: buffer.count)
                else { return [Match]?.none }
                let base = unsafe UnsafePointer(host)
                var result: [Match] = []
                var suffix = length
                while let match = unsafe deepestMatch(base + (length - suffix), count: suffix) {
                    result.append(match)
                    guard let parent = unsafe TrieFile.parentLength(of: base, count: length, suffix: match.nameLength)
                    else { break }
                    suffix = parent
                }
                return result
            }
        }
    }

    private func upgrades(_ match: Match, hostLength: Int) -> Bool {
        guard classes.indices.contains(match.classIndex) else { return false }
        let attributes = classes[match.classIndex]
        guard attributes.mode == .forceHTTPS else { return false }
        return match.nameLength == hostLength || attributes.includeSubdomains
    }

    /// Length of the parent name of the host's last `suffix` bytes, or `nil` when that name is a single label.
    private static func parentLength(of host: UnsafePointer<UInt8>, count: Int, suffix: Int) -> Int? {
        var i = count - suffix
        while i < count {
            if unsafe host[i] == UInt8(ascii: ".") { return count - i - 1 }
            i += 1
        }
        return nil
    }

    enum Normalized {
        case valid(Int)
        case ipLiteral
        case invalid
        case needsUnicodeProcessing
    }

    /// The ASCII fast path of `HostName`'s rules (lower-case, strip trailing dots, labels of 1–63 bytes of `a-z 0-9 -
    /// _` not starting or ending with `-`, at most 253 bytes), plus IP literal detection.
    ///
    /// `HostName` keeps its own implementation for its detailed error messages; tests check the two agree.
    static func normalize(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutablePointer<UInt8>,
        capacity: Int
    ) -> Normalized {
        var end = input.count
        while end > 0, unsafe input[end - 1] == UInt8(ascii: ".") { end -= 1 }
        if end == 0 || end > 253 || end > capacity {
            // Too long as ASCII; Unicode input may still shrink to a valid A-label form.
            for i in 0..<input.count where unsafe input[i] >= 0x80 { return .needsUnicodeProcessing }
            return .invalid
        }
        var labelStart = 0
        var digitsAndDotsOnly = true
        var i = 0
        // One pass: lower-case, copy, and check each byte; label edges are checked at each dot.
        while i < end {
            var byte = unsafe input[i]
            if byte &- UInt8(ascii: "A") < 26 { byte |= 0x20 }
            unsafe output[i] = byte
            if byte &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                digitsAndDotsOnly = false
            } else if byte == UInt8(ascii: ".") {
                let length = i - labelStart
                if length == 0 || length > 63 { return .invalid }
                if unsafe (output[i - 1] == UInt8(ascii: "-") || output[labelStart] == UInt8(ascii: "-")) {
                    return .invalid
                }
                labelStart = i + 1
            } else if byte &- UInt8(ascii: "0") >= 10 {
                if byte >= 0x80 { return .needsUnicodeProcessing }
                // A colon or bracket means an IPv6 literal; the caller's full parser decides whether it is one.
                if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") { return .ipLiteral }
                // Keep scanning for non-ASCII bytes: they decide between IDNA and invalid.
                for j in i..<input.count where unsafe input[j] >= 0x80 { return .needsUnicodeProcessing }
                return .invalid
            }
            i += 1
        }
        let length = end - labelStart
        if length == 0 || length > 63 { return .invalid }
        if unsafe (output[end - 1] == UInt8(ascii: "-") || output[labelStart] == UInt8(ascii: "-")) { return .invalid }
        if digitsAndDotsOnly, unsafe isIPv4(output, count: end) { return .ipLiteral }
        return .valid(end)
    }

    /// Four decimal numbers 0–255 joined by dots (the contract's IPv4 literal).
    private static func isIPv4(_ host: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        var parts = 0
        var value = 0
        var digits = 0
        for i in 0...count {
            if unsafe (i == count || host[i] == UInt8(ascii: ".")) {
                if digits == 0 || digits > 3 || value > 255 { return false }
                parts += 1
                value = 0
                digits = 0
            } else {
                // More than three digits can never be an octet; stop before the value can overflow.
                digits += 1
                if digits > 3 { return false }
                value = value * 10 + Int(unsafe host[i] - UInt8(ascii: "0"))
            }
        }
        return parts == 4
    }
}
