/// The allocation-free ASCII fast path of the host parser that lookups take: it lower-cases the host, drops one
/// trailing dot, validates the labels and notes where the dots are, into a stack buffer laid out as `ScratchHost`
/// says, and sends everything it does not settle to `HostName`'s full parser.
///
/// It settles ASCII hosts of `a-z A-Z 0-9 . - _` whose last label is not a number (their `xn--` labels checked by
/// `checkACELabel(_:)`), and IPv4 addresses in canonical dotted decimal. Non-ASCII bytes, `%`, `xn--` labels the
/// quick check cannot settle and hosts that end in a number in any other form (`1.1`, `0x1.0.0.1`, `a.b.1`) need the
/// full parser (`needsUnicodeProcessing`).
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
    /// `verified`: the input is a `HostName`'s canonical value, so its `xn--` labels are known to be valid and are
    /// not sent to the full parser again.
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
        var aceLabel = false
        for k in 0...dotCount {
            let labelEnd = k == dotCount ? end : Int(unsafe dots[k])
            let length = labelEnd - labelStart
            if length == 0 || length > 63 { return .invalid }
            // The buffer holds at least eight defined bytes past any label start, so the four-byte read is in bounds.
            let head = unsafe UnsafeRawPointer(output + labelStart).loadUnaligned(as: UInt32.self)
            if head == Self.acePrefix && !verified {
                let body = unsafe UnsafeBufferPointer(start: output + labelStart + 4, count: length - 4)
                switch unsafe Self.checkACELabel(body) {
                case true: break
                case false: return .invalid
                case nil: aceLabel = true
                }
            }
            labelStart = labelEnd + 1
        }
        if aceLabel { return .needsUnicodeProcessing }
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

    /// UTS #46's checks of an ASCII `xn--` label's body, on the stack: `true` when it is the A-label of a valid
    /// label (so the full parser would give it back unchanged), `false` when the full parser rejects it, `nil` when
    /// this quick check cannot tell (right-to-left text, which needs the Bidi rule over the whole name, or code
    /// points whose NFC form needs the full normalization), and the full parser decides.
    static func checkACELabel(_ body: UnsafeBufferPointer<UInt8>) -> Bool? {
        var decoded = InlineArray<64, UInt32>(repeating: 0)
        var count = 0
        var position = 0
        var lastHyphen = -1
        for i in 0..<body.count where unsafe body[i] == UInt8(ascii: "-") { lastHyphen = i }
        if lastHyphen >= 0 {
            for i in 0..<lastHyphen {
                decoded[count] = UInt32(unsafe body[i])
                count += 1
            }
            position = lastHyphen + 1
        }
        // RFC 3492 decoding (base 36, tmin 1, tmax 26, initial bias 72, initial n 128).
        var n = 128
        var i = 0
        var bias = 72
        while position < body.count {
            let oldI = i
            var w = 1
            var k = 36
            while true {
                guard position < body.count, let d = Punycode.value(of: unsafe body[position]) else { return false }
                position += 1
                guard d <= (Int(Int32.max) - i) / w else { return false }
                i += d * w
                let t = k <= bias ? 1 : (k >= bias + 26 ? 26 : k - bias)
                if d < t { break }
                guard w <= Int(Int32.max) / (36 - t) else { return false }
                w *= 36 - t
                k += 36
            }
            guard count < 63 else { return false }
            bias = Punycode.adapt(delta: i - oldI, numPoints: count + 1, first: oldI == 0)
            n += i / (count + 1)
            guard n <= 0x10FFFF else { return false }
            i %= count + 1
            var j = count
            while j > i {
                decoded[j] = decoded[j - 1]
                j -= 1
            }
            decoded[i] = UInt32(n)
            count += 1
            i += 1
        }
        let tables = IDNATables.shared
        var anyNonASCII = false
        var previous: Unicode.Scalar?
        for index in 0..<count {
            guard let scalar = Unicode.Scalar(decoded[index]), scalar != ".", tables.status(of: scalar) == .valid else {
                return false
            }
            if index == 0 && tables.isMark(scalar) { return false }
            anyNonASCII = anyNonASCII || !scalar.isASCII
            let bidi = tables.bidiClass(of: scalar)
            if bidi == UInt8(ascii: "R") || bidi == UInt8(ascii: "A") || bidi == UInt8(ascii: "N") { return nil }
            // NFC without normalizing: only starters, each its own NFC form, no two that compose.
            if tables.combiningClass(of: scalar) != 0 { return nil }
            if let parts = tables.decomposition(of: scalar) {
                guard parts.count == 2, tables.composition(of: parts[0], parts[1]) == scalar else { return nil }
            }
            if let previous, Self.mayCompose(previous, scalar, tables) { return nil }
            previous = scalar
        }
        return anyNonASCII
    }

    /// Whether two adjacent starters could compose under NFC (Hangul included).
    private static func mayCompose(_ first: Unicode.Scalar, _ second: Unicode.Scalar, _ tables: IDNATables) -> Bool {
        let a = first.value
        let b = second.value
        if (0x1100...0x1112).contains(a) && (0x1161...0x1175).contains(b) { return true }
        if (0xAC00...0xD7A3).contains(a) && (a - 0xAC00) % 28 == 0 && (0x11A8...0x11C2).contains(b) { return true }
        return tables.composition(of: first, second) != nil
    }

    /// `xn--` as a little-endian 32-bit word.
    private static let acePrefix = UInt32(0x2D2D_6E78)

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
