/// The allocation-free ASCII fast path of `HostName`'s rules that lookups take: it lower-cases the host, strips
/// trailing dots, validates the labels and notes where the dots are, into a stack buffer laid out as `ScratchHost`
/// says, and tells IP literals and input that needs IDNA apart.
///
/// `HostName` keeps its own implementation for its detailed error messages; tests and the host-normalization fuzzer
/// check that the two agree.
enum HostNormalizer {
    /// What normalization made of one input.
    enum Outcome {
        /// A valid host name, normalized into the lookup's buffer.
        case valid(ScratchHost)
        /// An IPv4 or IPv6 literal.
        case ipLiteral
        /// Not a valid host name.
        case invalid
        /// Non-ASCII input: the caller converts it with IDNA first.
        case needsUnicodeProcessing
    }

    /// `body` applied to what normalizing `input` gives, in a stack buffer that lives for the call only.
    ///
    /// For the paths off the hot one (explanations, building the hash index): the optimizer does not inline `body`
    /// through this scope, so `TrieFile.lookup(_:upgradingAncestor:table:)` open-codes it.
    @inline(__always)
    static func withNormalized<Result>(_ input: Span<UInt8>, _ body: (Outcome) -> Result) -> Result {
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScratchHost.bufferSize) { buffer in
                body(unsafe normalize(raw, into: buffer))
            }
        }
    }

    /// The ASCII fast path of `HostName`'s rules (lower-case, strip trailing dots, labels of 1–63 bytes of `a-z 0-9 -
    /// _` not starting or ending with `-`, at most 253 bytes), plus IP literal detection.
    ///
    /// Writes the lower-cased host and the positions of its dots into `buffer` (laid out as `ScratchHost` says).
    @inline(__always)
    static func normalize(
        _ input: UnsafeBufferPointer<UInt8>,
        into buffer: UnsafeMutableBufferPointer<UInt8>
    )
        -> Outcome
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
        // bit 5) and the dots (their positions noted), so the common case costs a few operations per word, not per
        // byte.
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
    private static func classifyRejected(_ input: UnsafeBufferPointer<UInt8>, end: Int) -> Outcome {
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
