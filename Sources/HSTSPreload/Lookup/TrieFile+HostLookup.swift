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
    // Inlined into `PreloadList.decision(utf8:)`, as `normalize` is into this, so that neither result goes through
    // memory: 788 to 683 instructions a lookup through the hash table (scripts/callgrind-lookup.sh).
    @inline(__always)
    package func lookup(
        _ input: Span<UInt8>,
        upgradingAncestor wantAncestor: Bool,
        table: NameHashTable? = nil
    ) -> HostLookup {
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScratchHost.bufferSize) { buffer in
                lookup(unsafe normalize(raw, into: buffer), upgradingAncestor: wantAncestor, table: table) { host in
                    deepestMatch(host, .whole, table)
                }
            }
        }
    }

    /// The answer for a normalized input, with `deepest(host)` the most specific entry for a valid host.
    @inline(__always)
    private func lookup(
        _ normalized: Normalized,
        upgradingAncestor wantAncestor: Bool,
        table: NameHashTable?,
        deepest: (ScratchHost) -> Match?
    ) -> HostLookup {
        switch normalized {
        case .valid(let host):
            let deepest = deepest(host)
            let ancestor = wantAncestor ? upgradingAncestor(of: host, below: deepest, table: table) : nil
            return .host(length: host.length, deepest: deepest, upgradingAncestor: ancestor)
        case .ipLiteral: return .ipLiteral
        case .invalid: return .invalid
        case .needsUnicodeProcessing: return .needsUnicodeProcessing
        }
    }

    /// The any-ancestor rule's answer when the most specific entry `deepest` does not upgrade the host: the most
    /// specific entry above it with force-https and include_subdomains, or `nil`.
    ///
    /// It returns only the match, and the caller builds `HostLookup` once: when this returned the enum itself, even
    /// Chromium's rule, which never needs it, got its answer through memory (879 against 833 instructions a lookup).
    private func upgradingAncestor(of host: ScratchHost, below deepest: Match?, table: NameHashTable?) -> Match? {
        guard let deciding = deepest, !upgrades(deciding, hostLength: host.length) else { return nil }
        var name = deciding
        while let parent = host.parent(ofNameOfLength: name.nameLength), let match = deepestMatch(host, parent, table) {
            if classes.indices.contains(match.classIndex) {
                let attributes = classes[match.classIndex]
                if attributes.mode == .forceHTTPS && attributes.includeSubdomains { return match }
            }
            name = match
        }
        return nil
    }

    /// What the block search finds for an entry's own name: `nil` when no host can reach the name at all (it is
    /// not in normalized form), else the deepest match for it, which in a consistent file is the entry itself.
    ///
    /// A name shaped like an IPv4 address is no host itself but is the parent of hosts (`x.1.0.0.1`), so it is
    /// searched as the parent of one.
    package func searchOwnName(_ name: [UInt8]) -> Match?? {
        let probe = name.count <= 251 ? Array("a.".utf8) + name : name
        let start = probe.count - name.count
        return unsafe probe.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScratchHost.bufferSize) { buffer in
                guard case .valid(let host) = unsafe normalize(raw, into: buffer), host.length == raw.count else {
                    return Match??.none
                }
                for i in 0..<host.length where unsafe host.bytes[i] != raw[i] { return Match??.none }
                return .some(deepestMatch(host, start == 0 ? .whole : ScratchHost.Name(start: start, firstDot: 1)))
            }
        }
    }

    /// `deepestMatch(host, name)` through the hash table when there is one, else through the blocks.
    @inline(__always)
    private func deepestMatch(_ host: ScratchHost, _ name: ScratchHost.Name, _ table: NameHashTable?) -> Match? {
        if let table { return table.deepestMatch(host, name) }
        return deepestMatch(host, name)
    }

    /// Every entry matching the host or one of its parents, most specific first (`nil` for an invalid host).
    package func allMatches(_ input: Span<UInt8>) -> [Match]? {
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScratchHost.bufferSize) { buffer in
                guard case .valid(let host) = unsafe normalize(raw, into: buffer) else {
                    return [Match]?.none
                }
                var result: [Match] = []
                var name = ScratchHost.Name.whole
                while let match = deepestMatch(host, name) {
                    result.append(match)
                    guard let parent = host.parent(ofNameOfLength: match.nameLength) else { break }
                    name = parent
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

    enum Normalized {
        case valid(ScratchHost)
        case ipLiteral
        case invalid
        case needsUnicodeProcessing
    }

    /// The ASCII fast path of `HostName`'s rules (lower-case, strip trailing dots, labels of 1–63 bytes of `a-z 0-9 -
    /// _` not starting or ending with `-`, at most 253 bytes), plus IP literal detection.
    ///
    /// Writes the lower-cased host and the positions of its dots into `buffer` (laid out as `ScratchHost` says).
    /// `HostName` keeps its own implementation for its detailed error messages; tests and the host-normalization
    /// fuzzer check the two agree.
    @inline(__always)
    func normalize(
        _ input: UnsafeBufferPointer<UInt8>,
        into buffer: UnsafeMutableBufferPointer<UInt8>
    )
        -> Normalized
    {
        guard let output = buffer.baseAddress, buffer.count >= ScratchHost.bufferSize else { return .invalid }
        let dots = unsafe output + ScratchHost.dotsOffset
        var end = input.count
        while end > 0, unsafe input[end - 1] == UInt8(ascii: ".") { end -= 1 }
        if end == 0 || end > 253 {
            // Too long as ASCII; Unicode input may still shrink to a valid A-label form.
            for i in 0..<input.count where unsafe input[i] >= 0x80 { return .needsUnicodeProcessing }
            return .invalid
        }
        // Eight bytes at a time, in place: copy the host, then per word find in one pass the bytes outside the host
        // alphabet, the letters, `-` and `_` (any of them: no IPv4 address), the capitals (lower-cased by setting
        // bit 5) and the dots (their positions noted). Byte at a time, normalization took 351 of the 897 instructions
        // of a lookup through the hash table (callgrind, 1M-query stream); this way it takes 308.
        unsafe output.update(from: input.baseAddress.unsafelyUnwrapped, count: end)
        // Zeros after the host: the last word's bytes past its end, and the hash table's word reads, see defined
        // bytes.
        unsafe UnsafeMutableRawPointer(output + end).storeBytes(of: 0, as: UInt64.self)
        var outside: UInt64 = 0
        var notIPv4: UInt64 = 0
        var dotCount = 0
        var i = 0
        while i < end {
            let word = unsafe UnsafeRawPointer(output + i).loadUnaligned(as: UInt64.self)
            let inHost = WordBytes.highBits & WordBytes.low(end &- i)
            let ascii = word & ~WordBytes.highBits
            let upper = WordBytes.inRange(ascii, UInt8(ascii: "A"), UInt8(ascii: "Z"))
            let lower = WordBytes.inRange(ascii, UInt8(ascii: "a"), UInt8(ascii: "z"))
            let digit = WordBytes.inRange(ascii, UInt8(ascii: "0"), UInt8(ascii: "9"))
            let dot = WordBytes.equal(ascii, UInt8(ascii: "."))
            let symbol = WordBytes.equal(ascii, UInt8(ascii: "-")) | WordBytes.equal(ascii, UInt8(ascii: "_"))
            let named = upper | lower | symbol
            outside |= (~(named | digit | dot) | word) & inHost
            notIPv4 |= named & inHost
            unsafe UnsafeMutableRawPointer(output + i).storeBytes(of: word | upper &>> 2, as: UInt64.self)
            var dotBits = dot & inHost
            while dotBits != 0 {
                unsafe dots[dotCount] = UInt8(truncatingIfNeeded: i &+ dotBits.trailingZeroBitCount &>> 3)
                dotCount &+= 1
                dotBits &= dotBits &- 1
            }
            i &+= 8
        }
        // A byte outside the host alphabet: the detailed scalar pass tells IDNA, IP literal and invalid apart.
        if outside != 0 { return unsafe Self.classifyRejected(input, end: end) }
        var labelStart = 0
        for k in 0...dotCount {
            let labelEnd = k == dotCount ? end : Int(unsafe dots[k])
            let length = labelEnd - labelStart
            if length == 0 || length > 63 { return .invalid }
            if unsafe (output[labelEnd - 1] == UInt8(ascii: "-") || output[labelStart] == UInt8(ascii: "-")) {
                return .invalid
            }
            labelStart = labelEnd + 1
        }
        if notIPv4 == 0, unsafe Self.isIPv4(output, count: end) { return .ipLiteral }
        return .valid(unsafe ScratchHost(buffer: output, length: end, dotCount: dotCount))
    }

    /// What a host holding a byte outside `a-z A-Z 0-9 . - _` is, scanning in order as `HostName` does: an empty
    /// or over-long label before the byte makes it invalid; a non-ASCII byte sends it to IDNA; a colon or bracket
    /// makes it an IPv6 literal candidate; anything else is invalid.
    private static func classifyRejected(_ input: UnsafeBufferPointer<UInt8>, end: Int) -> Normalized {
        var labelStart = 0
        var previous: UInt8 = 0
        for i in 0..<end {
            var byte = unsafe input[i]
            if byte &- UInt8(ascii: "A") < 26 { byte |= 0x20 }
            if byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
            {
                previous = byte
                continue
            }
            if byte == UInt8(ascii: ".") {
                let length = i - labelStart
                if length == 0 || length > 63 { return .invalid }
                if unsafe (previous == UInt8(ascii: "-") || input[labelStart] == UInt8(ascii: "-")) { return .invalid }
                labelStart = i + 1
                previous = byte
                continue
            }
            if byte >= 0x80 { return .needsUnicodeProcessing }
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") { return .ipLiteral }
            // Keep scanning for non-ASCII bytes: they decide between IDNA and invalid.
            for j in i..<input.count where unsafe input[j] >= 0x80 { return .needsUnicodeProcessing }
            return .invalid
        }
        return .invalid
    }

    /// Per byte: its lower-case form if it may appear in a host name (`a-z A-Z 0-9 . - _`), else 0; bit 7 set for
    /// letters, `-` and `_` (the head directory's key alphabet).
    static let hostByteTable: [UInt8] = (0..<256).map { byte -> UInt8 in
        let value = UInt8(byte)
        switch value {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"), UInt8(ascii: "_"): return value | 0x80
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return (value | 0x20) | 0x80
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."): return value
        default: return 0
        }
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

/// A normalized, valid host in a lookup's stack buffer: its bytes, where its dots are, and room for a search key.
///
/// Normalization records the dots once; the search key, and every parent an any-ancestor or explaining lookup
/// walks up to, are built from them.
@safe struct ScratchHost {
    /// Buffer layout: host bytes (at most 253), search key (at most 252), dot positions (at most 252 before
    /// validation, one byte each).
    static let bufferSize = 768
    static let keyOffset = 256
    static let dotsOffset = 512

    // Three words, so that `Normalized` (the pointer's spare values tag its other cases) is returned in registers:
    // with `dots` and `key` stored too it went through memory, and a lookup cost more (see `normalize`).
    let bytes: UnsafePointer<UInt8>
    let length: Int
    let dotCount: Int
    /// Positions of the host's dots, in order.
    var dots: UnsafePointer<UInt8> { unsafe bytes + Self.dotsOffset }
    /// Scratch for the search key.
    var key: UnsafeMutablePointer<UInt8> { unsafe UnsafeMutablePointer(mutating: bytes + Self.keyOffset) }

    /// A name that ends where the host ends: the host itself or one of its parents.
    struct Name {
        /// Where the name starts in the host.
        let start: Int
        /// Index in `dots` of the name's first dot (`dotCount` when the name is one label).
        let firstDot: Int

        static let whole = Name(start: 0, firstDot: 0)
    }

    /// The host normalized into `buffer` (`bufferSize` bytes, laid out as above).
    init(buffer: UnsafeMutablePointer<UInt8>, length: Int, dotCount: Int) {
        unsafe bytes = UnsafePointer(buffer)
        self.length = length
        self.dotCount = dotCount
    }

    /// The parent of the name that is the host's last `nameLength` bytes, or `nil` when that name is one label.
    func parent(ofNameOfLength nameLength: Int) -> Name? {
        let start = length - nameLength
        var i = 0
        while i < dotCount, Int(unsafe dots[i]) < start { i += 1 }
        guard i < dotCount else { return nil }
        return Name(start: Int(unsafe dots[i]) + 1, firstDot: i + 1)
    }
}
