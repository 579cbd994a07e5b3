import HSTSCheck
import HSTSMechanisms
import HSTSPreload

/// `check -`: one answer per line of standard input, at the speed of the lookups.
///
/// Input is read in blocks and split in place (`StandardInputLines`); a line of a plain ASCII host name is answered
/// from its bytes, with no `String` made, and written byte by byte into one `OutputBuffer`. Every other line (URLs, IP
/// literals, Unicode, invalid input, `--explain`) takes `answer(_:list:)`, the path of targets given as arguments;
/// both print the same bytes.
extension Check {
    func stream(context: CheckContext) -> (anyInvalid: Bool, anyNotUpgraded: Bool) {
        let list = context.answering.list
        // The options as plain values: reading an ArgumentParser property wrapper costs a generic metadata lookup,
        // which per line would cost more than the lookup itself.
        let style = PlainHostStyle(json: json, context: context)
        let fastPath = !self.explain && context.fastPathAllowed
        var lines = StandardInputLines()
        var output = OutputBuffer()
        var host: [UInt8] = []
        host.reserveCapacity(256)
        var anyInvalid = false
        var anyNotUpgraded = false
        while let range = lines.next() {
            let line = lines.buffer[range]
            guard let trimmed = Self.trimmedASCII(line) else {
                // Non-ASCII: decoded as `readLine` decodes (invalid UTF-8 repaired), trimmed by characters.
                let text = String(decoding: line, as: UTF8.self).trimmingASCIIWhitespace()
                if text.isEmpty { continue }
                let outcome = slowAnswer(text, context: context, into: &output)
                if outcome == .invalid { anyInvalid = true } else if outcome == .notUpgraded { anyNotUpgraded = true }
                continue
            }
            if trimmed.isEmpty { continue }
            let outcome: Outcome
            if fastPath, Self.isPlainHostName(trimmed),
                let decision = list.decision(utf8: trimmed.span, semantics: style.semantics)
            {
                Self.normalize(trimmed, into: &host)
                style.write(input: trimmed, host: host, decision: decision, list: list, into: &output)
                outcome = decision.upgrade ? .upgraded : .notUpgraded
            } else {
                outcome = slowAnswer(String(decoding: trimmed, as: UTF8.self), context: context, into: &output)
            }
            if outcome == .invalid { anyInvalid = true } else if outcome == .notUpgraded { anyNotUpgraded = true }
        }
        output.flush()
        return (anyInvalid, anyNotUpgraded)
    }

    /// The general path for one target, its line into `output` (an error line goes to standard error after what is
    /// buffered, so the two streams stay in order).
    private func slowAnswer(_ input: String, context: CheckContext, into output: inout OutputBuffer) -> Outcome {
        let (outcome, report) = answer(input, context: context)
        switch report {
        case .line(let line):
            output.append(line)
            output.endLine()
        case .error(let message):
            output.flush()
            Terminal.error(message)
        }
        return outcome
    }

    /// The line without leading and trailing spaces, tabs and carriage returns, or `nil` when it holds a non-ASCII
    /// byte.
    @inline(__always)
    static func trimmedASCII(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = line.startIndex
        var end = line.endIndex
        for byte in line where byte >= 0x80 { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while start < end && isSpace(line[start]) { start += 1 }
        while end > start && isSpace(line[end - 1]) { end -= 1 }
        return line[start..<end]
    }

    /// Whether the bytes can only be a host name whose canonical form is its own lower-cased form (less one trailing
    /// dot), not a URL, an IP literal or a host the full parser must read.
    ///
    /// They are `A-Z a-z 0-9 . - _`, with no label starting with `xn--` and a last label not starting with a digit
    /// (so the host cannot end in a number); the lookup still validates the labels.
    @inline(__always)
    static func isPlainHostName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var labelStart = bytes.startIndex
        var lastLabelStart = bytes.startIndex
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if index == labelStart + 3, isACEPrefix(bytes[labelStart...index]) { return false }
            case UInt8(ascii: "."):
                if index > labelStart { lastLabelStart = labelStart }
                labelStart = index + 1
            default: return false
            }
        }
        if labelStart < bytes.endIndex { lastLabelStart = labelStart }
        guard lastLabelStart < bytes.endIndex else { return false }
        return bytes[lastLabelStart] &- UInt8(ascii: "0") >= 10
    }

    /// Whether four bytes are `xn--` in any case.
    @inline(__always)
    private static func isACEPrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.startIndex
        return bytes[start] | 0x20 == UInt8(ascii: "x") && bytes[start + 1] | 0x20 == UInt8(ascii: "n")
            && bytes[start + 2] == UInt8(ascii: "-") && bytes[start + 3] == UInt8(ascii: "-")
    }

    /// The canonical host of a valid plain host name: lower-cased, one trailing dot removed.
    @inline(__always)
    static func normalize(_ bytes: ArraySlice<UInt8>, into host: inout [UInt8]) {
        host.removeAll(keepingCapacity: true)
        var end = bytes.endIndex
        if end > bytes.startIndex && bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        for byte in bytes[bytes.startIndex..<end] {
            host.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
    }

}

/// How `check -` prints a plain host name's answer: as `Check.answer(_:list:)` does, from bytes.
///
/// The input and host hold only `A-Z a-z 0-9 . - _`, so they go into JSON strings unescaped.
struct PlainHostStyle {
    let json: Bool
    let semantics: MatchingSemantics
    let browser: Browser
    let topLevelDomains: TopLevelDomains
    /// The end of each answer, rendered once for every pair of preload answer and HTTPS-Upgrades exclusion.
    ///
    /// The fast path runs only with nothing learned, so dynamic and dns are unknown: one append per line. JSON:
    /// `,"list":{…},"mechanisms":{…}}`; text: the mechanisms line. Row 0 is no exclusion, row 1 + i is
    /// `HTTPSUpgradeExclusion.allCases[i]`; in each row, without preload, then with.
    private let endings: [[UInt8]]

    init(json: Bool, context: CheckContext) {
        self.json = json
        semantics = context.semantics
        browser = context.browser
        topLevelDomains = context.topLevelDomains
        let exclusions: [HTTPSUpgradeExclusion?] = [nil] + HTTPSUpgradeExclusion.allCases
        endings = exclusions.flatMap { exclusion in
            [false, true].map { preload in
                let answers = MechanismAnswers(preload: preload, httpsUpgradeExclusion: exclusion)
                if json {
                    var ending = ",\"list\":" + context.listJSON + ",\"mechanisms\":"
                    answers.compactJSON(into: &ending)
                    return Array((ending + "}").utf8)
                }
                return Array("\n  mechanisms (\(context.browser.displayName)): \(answers.summary)".utf8)
            }
        }
    }

    /// The rendered end of an answer with `preload` and the host's HTTPS-Upgrades `exclusion`.
    @inline(__always)
    private func ending(preload: Bool, exclusion: HTTPSUpgradeExclusion?) -> [UInt8] {
        let row = exclusion.map { 1 + (HTTPSUpgradeExclusion.allCases.firstIndex(of: $0) ?? 0) } ?? 0
        return endings[2 * row + (preload ? 1 : 0)]
    }

    /// The other rule's decision, computed only when it can differ: Chromium's rule upgrading implies the
    /// any-ancestor rule does, and no entry at all is no entry under both.
    @inline(__always)
    private func otherDecision(
        _ decision: UpgradeDecision,
        input: ArraySlice<UInt8>,
        list: PreloadList
    )
        -> UpgradeDecision
    {
        let otherSemantics: MatchingSemantics = semantics == .chromium ? .anyAncestor : .chromium
        let mayDiffer = semantics == .chromium ? (!decision.upgrade && decision.entry != nil) : decision.upgrade
        guard mayDiffer else {
            return UpgradeDecision(upgrade: decision.upgrade, match: nil, entry: nil, semantics: otherSemantics)
        }
        return list.decision(utf8: input.span, semantics: otherSemantics) ?? .noEntry(otherSemantics)
    }

    /// `Check.describe(_:list:)` written into `output`.
    @inline(__always)
    private static func describe(_ entry: MatchedEntry, list: PreloadList, into output: inout OutputBuffer) {
        if entry.mode == .forceHTTPS {
            output.append("force-https")
        } else {
            output.append(entry.mode?.rawValue ?? "no mode (pins only)")
        }
        output.append(entry.includeSubdomains ? ", include_subdomains" : ", exact host only")
        if let policy = entry.policy {
            output.append(", policy ")
            output.append(policy.rawValue)
        }
        if let pins = entry.pinsetIndex.flatMap({ list.pinsetName(at: $0) }) {
            output.append(", pins ")
            output.append(pins)
        }
    }

    /// Writes the answer for a plain host name.
    func write(
        input: ArraySlice<UInt8>,
        host: [UInt8],
        decision: UpgradeDecision,
        list: PreloadList,
        into output: inout OutputBuffer
    ) {
        let other = otherDecision(decision, input: input, list: list)
        func name(_ entry: MatchedEntry) -> ArraySlice<UInt8> {
            host[(host.count - min(entry.nameLength, host.count))...]
        }
        if json {
            output.append("{\"input\":\"")
            output.append(input)
            output.append("\",\"host\":\"")
            output.append(host)
            output.append(decision.upgrade ? "\",\"upgrade\":true,\"match\":" : "\",\"upgrade\":false,\"match\":")
            switch decision.match {
            case .exact?: output.append("\"exact\",\"entry\":")
            case .ancestor?: output.append("\"ancestor\",\"entry\":")
            case nil: output.append("null,\"entry\":")
            }
            if let entry = decision.entry {
                output.append("{\"name\":\"")
                output.append(name(entry))
                if entry.mode == .forceHTTPS {
                    output.append("\",\"mode\":\"force-https\"")
                } else {
                    output.append("\",\"mode\":")
                    output.appendJSON(entry.mode?.rawValue)
                }
                output.append(
                    entry.includeSubdomains ? ",\"include_subdomains\":true" : ",\"include_subdomains\":false"
                )
                output.append(",\"policy\":")
                output.appendJSON(entry.policy?.rawValue)
                output.append(",\"pins\":")
                output.appendJSON(entry.pinsetIndex.flatMap { list.pinsetName(at: $0) })
                output.append("}")
            } else {
                output.append("null")
            }
            output.append(semantics == .chromium ? ",\"semantics\":\"chromium\"" : ",\"semantics\":\"any-ancestor\"")
            output.append(other.upgrade != decision.upgrade ? ",\"disagrees\":true" : ",\"disagrees\":false")
            output.append(ending(preload: decision.upgrade, exclusion: exclusion(host)))
            output.endLine()
            return
        }
        output.append(input)
        output.append(": ")
        if let entry = decision.entry, let match = decision.match {
            output.append(decision.upgrade ? "upgraded" : "not upgraded")
            output.append(match == .exact ? " (exact entry " : " (parent entry ")
            output.append(name(entry))
            output.append(": ")
            Self.describe(entry, list: list, into: &output)
            output.append(")")
        } else {
            output.append("not upgraded (no entry for ")
            output.append(host)
            output.append(" or its parents)")
        }
        if other.upgrade != decision.upgrade {
            output.append("\n  note: with --semantics ")
            output.append(other.semantics == .chromium ? "chromium" : "any-ancestor")
            output.append(other.upgrade ? " the answer is upgraded" : " the answer is not upgraded")
            if let entry = other.entry {
                output.append(" (via ")
                output.append(name(entry))
                output.append(")")
            }
        }
        output.append(ending(preload: decision.upgrade, exclusion: exclusion(host)))
        output.endLine()
    }

    /// The HTTPS-Upgrades exclusion of a plain host name (lower-case, no trailing dot).
    @inline(__always)
    private func exclusion(_ host: [UInt8]) -> HTTPSUpgradeExclusion? {
        HTTPSUpgradeRule.nameExclusion(utf8: host[...], in: browser, topLevelDomains: topLevelDomains)
    }
}
