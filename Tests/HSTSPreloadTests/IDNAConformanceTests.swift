import Testing

@testable import HSTSPreload

/// UTS #46 ToASCII against Unicode's conformance cases (Fixtures/idna-conformance.txt, reduced from IdnaTestV2.txt
/// by scripts/generate-idna-table): non-transitional, CheckHyphens, VerifyDnsLength and CheckJoiners off (their
/// status codes V2, V3, P4, A4_1, A4_2, X4_2, C1, C2 are ignored), CheckBidi on.
@Suite struct IDNAConformanceTests {
    struct Case: Sendable {
        let line: Int
        let source: [Unicode.Scalar]
        /// The ASCII result, or `nil` when processing records an error.
        let expected: String?
    }

    static func cases() throws -> [Case] {
        let text = String(decoding: try Fixtures.fixture("idna-conformance.txt"), as: UTF8.self)
        var result: [Case] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#"), let tab = line.firstIndex(of: "\t") else { continue }
            let expected = line[line.index(after: tab)...]
            result.append(
                Case(
                    line: index + 1,
                    source: unescape(line[..<tab]),
                    expected: expected == "!" ? nil : String(expected)
                )
            )
        }
        return result
    }

    /// The source with `\x{HEX}` escapes resolved.
    static func unescape(_ text: Substring) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        var rest = text.unicodeScalars[...]
        while let scalar = rest.popFirst() {
            if scalar == "\\", rest.first == "x", let close = rest.firstIndex(of: "}") {
                let hex = String(String.UnicodeScalarView(rest[rest.index(rest.startIndex, offsetBy: 2)..<close]))
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) {
                    scalars.append(decoded)
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            scalars.append(scalar)
        }
        return scalars
    }

    @Test func toASCIIMatchesTheConformanceCases() throws {
        let cases = try Self.cases()
        #expect(cases.count > 4500)
        var failures: [String] = []
        for c in cases {
            let actual = UTS46.toASCII(c.source).map { String(decoding: $0, as: UTF8.self) }
            if actual != c.expected {
                let source = c.source.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
                failures.append(
                    "line \(c.line): \(source): expected \(c.expected ?? "error"), got \(actual ?? "error")"
                )
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test func nfcComposesAndReorders() {
        let tables = IDNATables.shared
        // a + combining diaeresis → ä; Hangul jamo → syllable; dot below before dot above, reordered and composed.
        #expect(NFC.normalize(["a", "\u{308}"], tables) == ["\u{E4}"])
        #expect(NFC.normalize(["\u{1100}", "\u{1161}", "\u{11A8}"], tables) == ["\u{AC01}"])
        #expect(NFC.normalize(["q", "\u{307}", "\u{323}"], tables) == ["q", "\u{323}", "\u{307}"])
        #expect(NFC.normalize(["\u{1E0B}", "\u{323}"], tables) == ["\u{1E0D}", "\u{307}"])
        // A composition exclusion stays decomposed.
        #expect(NFC.normalize(["\u{915}", "\u{93C}"], tables) == ["\u{915}", "\u{93C}"])
    }

    @Test func tablesAreUnicode15() {
        #expect(IDNAData.unicodeVersion == "15.0.0")
        // U+1E030 MODIFIER LETTER CYRILLIC SMALL A, new in Unicode 15.0, maps to U+0430.
        #expect(UTS46.toASCII(["\u{1E030}"]) == Array("xn--80a".utf8))
    }
}
