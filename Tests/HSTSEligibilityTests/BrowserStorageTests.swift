import HSTSEligibility
import Testing

/// How Chromium and Firefox store a header, rule by rule (docs/browser-header.md gives the source of each).
@Suite struct BrowserStorageTests {
    /// One header and what each browser stores: `nil` when it rejects the header, else (max-age, subdomains).
    struct Case: Sendable, CustomTestStringConvertible {
        var header: String
        var chromium: Stored?
        var firefox: Stored?
        var testDescription: String { header.isEmpty ? "(empty)" : header }
    }

    struct Stored: Sendable, Equatable {
        var maxAge: UInt64
        var includeSubdomains: Bool
        init(_ maxAge: UInt64, _ includeSubdomains: Bool = false) {
            self.maxAge = maxAge
            self.includeSubdomains = includeSubdomains
        }
    }

    static let year: UInt64 = 31_536_000
    static let century: UInt64 = 3_153_600_000

    @Test(arguments: [
        Case(
            header: "max-age=31536000; includeSubDomains; preload",
            chromium: Stored(year, true),
            firefox: Stored(year, true)
        ),
        // Chromium caps at one year, Firefox at 100 years.
        Case(header: "max-age=63072000", chromium: Stored(year), firefox: Stored(63_072_000)),
        Case(header: "max-age=9999999999", chromium: Stored(year), firefox: Stored(century)),
        // Beyond 64 bits: Chromium clamps, Firefox cannot read the number and drops the header.
        Case(header: "max-age=18446744073709551616", chromium: Stored(year), firefox: nil),
        Case(header: "max-age=18446744073709551615", chromium: Stored(year), firefox: Stored(century)),
        // Names are case-insensitive in both.
        Case(header: "MAX-AGE=100; INCLUDESUBDOMAINS", chromium: Stored(100, true), firefox: Stored(100, true)),
        // Quoted values count in both; single quotes are not quotes.
        Case(header: "max-age=\"100\"", chromium: Stored(100), firefox: Stored(100)),
        Case(header: "max-age='100'", chromium: nil, firefox: nil),
        Case(header: "max-age=\"100;x\"", chromium: nil, firefox: nil),
        // Spaces around `=`.
        Case(header: "max-age = 100 ; includeSubDomains", chromium: Stored(100, true), firefox: Stored(100, true)),
        // Duplicates reject the header in both.
        Case(header: "max-age=100; max-age=200", chromium: nil, firefox: nil),
        Case(header: "max-age=100; includeSubDomains; includeSubDomains", chromium: nil, firefox: nil),
        // includeSubDomains with a value.
        Case(header: "max-age=100; includeSubDomains=yes", chromium: nil, firefox: nil),
        Case(header: "max-age=100; includeSubDomains=", chromium: nil, firefox: nil),
        // No max-age, or none with a value.
        Case(header: "includeSubDomains", chromium: nil, firefox: nil),
        Case(header: "max-age", chromium: nil, firefox: nil),
        Case(header: "max-age=", chromium: nil, firefox: nil),
        Case(header: "", chromium: nil, firefox: nil),
        // Signs and other non-digits.
        Case(header: "max-age=+100", chromium: nil, firefox: nil),
        Case(header: "max-age=-1", chromium: nil, firefox: nil),
        Case(header: "max-age=1e5", chromium: nil, firefox: nil),
        // max-age=0 is accepted and deletes.
        Case(header: "max-age=0", chromium: Stored(0), firefox: Stored(0)),
        // Empty directives are skipped by both (older Chromium's tokenizer let one swallow the next directive).
        Case(header: "max-age=100;; includeSubDomains", chromium: Stored(100, true), firefox: Stored(100, true)),
        Case(header: "; max-age=100", chromium: Stored(100), firefox: Stored(100)),
        Case(header: "max-age=100; ; includeSubDomains", chromium: Stored(100, true), firefox: Stored(100, true)),
        Case(header: "max-age=100;", chromium: Stored(100), firefox: Stored(100)),
        // Unknown directives are ignored, but both require a token name and a token or quoted-string value.
        Case(header: "max-age=100; preload; preload", chromium: Stored(100), firefox: Stored(100)),
        Case(header: "max-age=100; report-uri=\"https://a/b\"", chromium: Stored(100), firefox: Stored(100)),
        Case(header: "max-age=100; foo=bar/baz", chromium: nil, firefox: nil),
        Case(header: "max-age=100; fo(o", chromium: nil, firefox: nil),
        Case(header: "max-age=100; foo=bar=baz", chromium: nil, firefox: nil),
        Case(header: "max-age=100; foo=\"open", chromium: nil, firefox: nil),
        // An empty value, or a value without a name: Firefox ignores the directive, Chromium rejects the header.
        Case(header: "max-age=100; foo=", chromium: nil, firefox: Stored(100)),
        Case(header: "max-age=100; =x", chromium: nil, firefox: Stored(100)),
        // Non-ASCII inside a quoted value: Chromium accepts it (obs-text), Firefox rejects the header.
        Case(header: "max-age=100; foo=\"é\"", chromium: Stored(100), firefox: nil),
        // A comma is not a separator: both reject.
        Case(header: "max-age=100, includeSubDomains", chromium: nil, firefox: nil),
        // A quoted directive name is not the name.
        Case(header: "\"max-age\"=100", chromium: nil, firefox: nil),
        // Text after the value.
        Case(header: "max-age=100 200", chromium: nil, firefox: nil),
        // Non-ASCII in a name: both reject the header.
        Case(header: "max-age=100; fé", chromium: nil, firefox: nil),
    ])
    func eachBrowsersReading(_ test: Case) {
        for (browser, expected) in [(BrowserStorage.Browser.chromium, test.chromium), (.firefox, test.firefox)] {
            let storage = BrowserStorage(browser, evaluating: test.header)
            let stored = storage.storedMaxAge.map { Stored($0, storage.includeSubdomains) }
            #expect(stored == expected, "\(browser): \(storage.reason ?? "accepted")")
            #expect(storage.accepted == (expected != nil))
            #expect((storage.reason == nil) == storage.accepted)
            #expect(storage.removesEntry == (expected?.maxAge == 0))
        }
    }

    @Test func cappingIsReported() {
        #expect(BrowserStorage(.chromium, evaluating: "max-age=31536001").maxAgeCapped)
        #expect(!BrowserStorage(.chromium, evaluating: "max-age=31536000").maxAgeCapped)
        #expect(!BrowserStorage(.firefox, evaluating: "max-age=31536001").maxAgeCapped)
        #expect(BrowserStorage(.firefox, evaluating: "max-age=3153600001").maxAgeCapped)
    }

    @Test func neverTrapsOnOddBytes() {
        for header in [
            "\"", "\\", "max-age=\"1", "max-age=\"1\\", "\0max-age=1", "max-age=1\r\n x", "max-age=1\r", "=;=;",
        ] {
            for storage in BrowserStorage.all(evaluating: header) where storage.accepted {
                #expect(storage.storedMaxAge != nil)
            }
        }
        // Firefox allows a folded line (CRLF then a space); a bare CR is an error.
        #expect(BrowserStorage(.firefox, evaluating: "max-age=1\r\n ; includeSubDomains").includeSubdomains)
        #expect(!BrowserStorage(.firefox, evaluating: "max-age=1\r; includeSubDomains").accepted)
    }
}
