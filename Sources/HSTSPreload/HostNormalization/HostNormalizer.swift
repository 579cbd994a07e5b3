/// The allocation-free ASCII fast path of the host parser that lookups take: it lower-cases the host, drops one
/// trailing dot, validates the labels and notes where the dots are, into a stack buffer laid out as `ScratchHost`
/// says, and sends everything it does not settle to `HostName`'s full parser.
///
/// It settles ASCII hosts of `a-z A-Z 0-9 . - _` whose last label is not a number, `xn--` labels as written (a URL
/// host of plain ASCII does not go through IDNA in Chromium: `xn--a.figma.com` is upgraded through `figma.com`), and
/// IPv4 addresses in canonical dotted decimal. Non-ASCII bytes, `%` and hosts that end in a number in any other form
/// (`1.1`, `0x1.0.0.1`, `a.b.1`) need the full parser (`needsUnicodeProcessing`).
/// Tests and the host-parser fuzzer check that the two paths agree.
enum HostNormalizer {
    /// What normalization made of one input.
    enum Outcome {
        /// A valid host name, normalized into the lookup's buffer.
        case valid(ScratchHost)
        /// An IPv6 literal (or text shaped like one): no entry names one.
        case ipLiteral
        /// Not a host any entry can match.
        case invalid
        /// Input the fast path does not settle: the caller parses it with `HostName` first.
        case needsUnicodeProcessing
    }

    /// `body` applied to what normalizing `input` gives, in a stack buffer that lives for the call only.
    ///
    /// For the paths off the hot one (explanations, building the hash index): the optimizer does not inline `body`
    /// through this scope, so `TrieFile.lookup(_:upgradingAncestor:table:)` open-codes it.
    /// `verified`: the input is a `HostName`'s canonical value (see `normalize(_:into:verified:)`).
    @inline(__always)
    static func withNormalized<Result>(
        _ input: Span<UInt8>,
        verified: Bool = false,
        _ body: (Outcome) -> Result
    ) -> Result {
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScratchHost.bufferSize) { buffer in
                body(unsafe normalize(raw, into: buffer, verified: verified))
            }
        }
    }

    /// The ASCII fast path of `HostName`'s rules (lower-case, drop one trailing dot, labels of 1–63 bytes of
    /// `a-z 0-9 - _`, at most 253 bytes), plus IPv6 literal detection.
    ///
    /// Writes the lower-cased host and the positions of its dots into `buffer` (laid out as `ScratchHost` says).
    /// `verified`: the input is a `HostName`'s canonical value (kept for callers that know it; the fast path
    /// treats every input alike).
    @inline(__always)
    static func normalize(
        _ input: UnsafeBufferPointer<UInt8>,
        into buffer: UnsafeMutableBufferPointer<UInt8>,
        verified: Bool = false
    )
        -> Outcome
    {
        guard let output = buffer.baseAddress, buffer.count >= ScratchHost.bufferSize else { return .invalid }
        let dots = unsafe output + ScratchHost.dotsOffset
        var end = input.count
        // One trailing dot is dropped; a second one leaves an empty label, which no entry matches.
        if end > 0, unsafe input[end - 1] == UInt8(ascii: ".") { end -= 1 }
        if end == 0 || end > 253 {
            // Too long as ASCII; Unicode or percent-encoded input may still shrink to a valid form.
            for i in 0..<input.count where unsafe Self.needsFullParser(input[i]) { return .needsUnicodeProcessing }
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
            labelStart = labelEnd + 1
        }
        // A last label that starts with a digit may make the host an IPv4 address (or an invalid one).
        let lastStart = dotCount == 0 ? 0 : Int(unsafe dots[dotCount - 1]) + 1
        if unsafe output[lastStart] &- UInt8(ascii: "0") < 10,
            unsafe Self.endsInANumber(output, from: lastStart, to: end)
        {
            if notIPv4 == 0, unsafe Self.isCanonicalIPv4(output, count: end) {
                return .valid(unsafe ScratchHost(buffer: output, length: end, dotCount: dotCount))
            }
            return .needsUnicodeProcessing
        }
        return .valid(unsafe ScratchHost(buffer: output, length: end, dotCount: dotCount))
    }

    /// Whether `byte` sends a host to the full parser: non-ASCII or `%`.
    @inline(__always)
    private static func needsFullParser(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "%")
    }

    /// Whether the lower-cased label `host[start..<end]` is a number as the URL Standard's "ends in a number" reads
    /// it: all decimal digits, or `0x` and hexadecimal digits.
    private static func endsInANumber(_ host: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var i = start
        if end - start >= 2, unsafe host[start] == UInt8(ascii: "0"), unsafe host[start + 1] == UInt8(ascii: "x") {
            i += 2
            while i < end {
                let byte = unsafe host[i]
                if byte &- UInt8(ascii: "0") >= 10 && byte &- UInt8(ascii: "a") >= 6 { return false }
                i += 1
            }
            return true
        }
        while i < end {
            if unsafe host[i] &- UInt8(ascii: "0") >= 10 { return false }
            i += 1
        }
        return true
    }

    /// What a host holding a byte outside `a-z A-Z 0-9 . - _` is: input with a non-ASCII byte or `%` goes to the
    /// full parser; otherwise a colon or bracket makes it an IPv6 literal candidate, and anything else
    /// (space, `@`, `*`, …) is invalid.
    private static func classifyRejected(_ input: UnsafeBufferPointer<UInt8>, end: Int) -> Outcome {
        for i in 0..<input.count where unsafe Self.needsFullParser(input[i]) { return .needsUnicodeProcessing }
        for i in 0..<end where unsafe (input[i] == UInt8(ascii: ":") || input[i] == UInt8(ascii: "[")) {
            return .ipLiteral
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

    /// Four decimal numbers 0–255 without leading zeros joined by dots: an IPv4 address as the URL Standard
    /// serializes it.
    private static func isCanonicalIPv4(_ host: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        var parts = 0
        var value = 0
        var digits = 0
        for i in 0...count {
            if unsafe (i == count || host[i] == UInt8(ascii: ".")) {
                if digits == 0 || digits > 3 || value > 255 { return false }
                if digits > 1, unsafe host[i - digits] == UInt8(ascii: "0") { return false }
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
