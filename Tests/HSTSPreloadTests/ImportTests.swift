import HSTSPreload
import Testing

@Suite struct ImportTests {
    @Test func chromium2016FileImportsWithItsCountsAndFields() throws {
        let source = try PreloadListSource.parse(
            try Fixtures.fixture("chromium-2016-08-12.json"),
            fileName: "chromium-2016-08-12.json"
        )
        #expect(source.entries.count == 13_399)
        #expect(source.pinsets.count == 10)
        #expect(source.entries.filter { $0.mode == .forceHTTPS }.count == 13_139)
        #expect(source.entries.filter { $0.pins != nil }.count == 446)
        #expect(source.entries.filter(\.expectCT).count == 2)
        #expect(source.entries.filter(\.expectStaple).count == 2)
        #expect(source.entries.allSatisfy { $0.policy == nil })
        let google = try #require(source.pinsets.first { $0.name == "google" })
        #expect(google.staticSPKIHashes == ["GoogleBackup2048", "GoogleG2", "GeoTrustGlobal"])
        #expect(google.reportURI == "http://clients3.google.com/cert_upload_json")
        // 0xAA55.me is not in normalized form: a warning naming the entry, and it is kept as written.
        let warning = try #require(source.warnings.first)
        #expect(source.warnings.count == 1)
        #expect(warning.name == "0xAA55.me")
        #expect(warning.entryIndex != nil)
        #expect(source.entries.contains { $0.name == "0xAA55.me" })
        #expect(source.entries.contains { $0.name == "0xaa55.me" })
        // The compiled form round-trips every name and attribute.
        let list = try PreloadList(compiling: source)
        #expect(list.entryCount == 13_399)
        let compiled = try list.entries()
        func stripped(_ entry: Entry) -> Entry {
            var copy = entry
            copy.expectCTReportURI = nil
            copy.expectStapleReportURI = nil
            return copy
        }
        #expect(Set(compiled) == Set(source.entries.map(stripped)))
        // The non-normalized entry can never match; its normalized twin decides.
        let decision = list.decision(for: try HostName("0xAA55.me"))
        #expect(decision.entry?.nameLength == "0xaa55.me".utf8.count)
    }

    @Test func currentFormatSampleImportsWithPoliciesAndPinsOnlyEntries() throws {
        let source = try PreloadListSource.parse(
            try Fixtures.fixture("chromium-current-format-sample.json"),
            fileName: "sample.json"
        )
        #expect(source.entries.count == 31)
        #expect(source.pinsets.count == 3)
        #expect(source.warnings.isEmpty)
        #expect(source.entries.filter { $0.mode == nil }.count == 7)
        #expect(source.entries.filter { $0.policy == .google }.count == 12)
        #expect(source.entries.filter { $0.policy == .publicSuffix }.count == 4)
        let mail = try #require(source.entries.first { $0.name == "mail.google.com" })
        #expect(mail.expectCT && mail.expectCTReportURI == "https://clients3.google.com/ct_upload")
        #expect(source.pinsets.first { $0.name == "google" }?.badStaticSPKIHashes == ["GlobalSignExtendedValidationCA"])
    }

    @Test func realListsImportWithoutErrorsOrWarnings() throws {
        let source = try PreloadListSource.parse(
            try Fixtures.data("preload-2026-06-01.json"),
            fileName: "preload-2026-06-01.json"
        )
        #expect(source.entries.count == 94_600)
        #expect(source.warnings.isEmpty)
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        var json: String
        var message: String
        var testDescription: String { message }
    }

    @Test(arguments: [
        BadInput(
            json: "{\"entries\": [\n  {\"name\": \"a.com\",}\n]}",
            message: "bad.json:2:20: invalid JSON: expected a string key in double quotes"
        ),
        BadInput(
            json: "{\"entries\": [\n  {\"name\": \"a.com\"}\n  {\"name\": \"b.com\"}]}",
            message: "bad.json:3:3: invalid JSON: expected ',' or ']' after an array element"
        ),
        BadInput(
            json: "{\"entries\": [{\"name\": \"a.com\"",
            message: "bad.json:1:30: invalid JSON: expected ',' or '}' after an object member"
        ),
        BadInput(
            json: "// comment\n/ not a comment\n{}",
            message: "bad.json:2:1: invalid JSON: expected '//' to start a comment"
        ),
        BadInput(
            json: "{\"entries\": [{\"mode\": \"force-https\"}]}",
            message: "bad.json:1:14: entry 0: missing \"name\""
        ),
        BadInput(
            json: "{\"entries\": [\n{\"name\": \"a.com\"},\n{\"name\": \"a.com\"}]}",
            message: "bad.json:3:1: entry 1 'a.com': duplicate name, first listed as entry 0"
        ),
        BadInput(
            json: "{\"entries\": [{\"name\": \"a.com\", \"mode\": \"force-http\"}]}",
            message: "bad.json:1:40: entry 0 'a.com': unknown mode \"force-http\" (expected \"force-https\")"
        ),
        BadInput(
            json: "{\"entries\": [{\"name\": \"a.com\", \"policy\": \"bulk\"}]}",
            message:
                "bad.json:1:42: entry 0 'a.com': unknown policy \"bulk\" (expected one of test, google, custom, bulk-legacy, bulk-18-weeks, bulk-1-year, public-suffix, public-suffix-requested)"
        ),
        BadInput(
            json: "{\"pinsets\": [], \"entries\": [{\"name\": \"a.com\", \"pins\": \"nope\"}]}",
            message: "bad.json:1:55: entry 0 'a.com': \"pins\" names pinset \"nope\", which does not exist"
        ),
        BadInput(
            json: "{\"entries\": [{\"name\": \"a.com\", \"include_subdomains\": \"yes\"}]}",
            message: "bad.json:1:54: entry 0 'a.com': \"include_subdomains\" must be true or false, found string"
        ),
        BadInput(
            json: "{\"entries\": [{\"name\": \"a..com\"}]}",
            message:
                "bad.json:1:23: entry 0 'a..com': \"name\" is not a valid host name: empty label (a leading dot, two dots in a row, or two or more trailing dots)"
        ),
        BadInput(json: "{\"entries\": {}}", message: "bad.json:1:13: \"entries\" must be an array, found object"),
        BadInput(json: "[]", message: "bad.json:1:1: the top level must be an object with \"entries\", found array"),
        BadInput(json: "", message: "bad.json:1:1: invalid JSON: expected a value"),
        BadInput(
            json: "{\"pinsets\": [{\"static_spki_hashes\": []}], \"entries\": []}",
            message: "bad.json:1:14: pinset 0: missing \"name\" (a string)"
        ),
    ])
    func validationErrorsNameTheFileAndPlace(_ input: BadInput) {
        #expect {
            _ = try PreloadListSource.parse(Array(input.json.utf8), fileName: "bad.json")
        } throws: { error in
            (error as? ListImportError)?.description == input.message
        }
    }

    @Test func warningsBecomeErrorsInStrictMode() throws {
        let json = Array("{\"entries\": [{\"name\": \"A.com\", \"mode\": \"force-https\", \"colour\": 1}]}".utf8)
        let lenient = try PreloadListSource.parse(json, fileName: "w.json")
        #expect(
            lenient.warnings.map(\.message) == [
                "name is not in normalized form ('a.com'); kept as written, it can never match a host",
                "unknown field \"colour\" ignored",
            ]
        )
        #expect {
            _ = try PreloadListSource.parse(json, fileName: "w.json", strict: true)
        } throws: { error in
            (error as? ListImportError)?.description
                == "w.json:1:23: entry 0 'A.com': name is not in normalized form ('a.com'); kept as written, it can never match a host (an error in strict mode)"
        }
    }

    @Test func deeplyNestedInputIsRejectedNotOverflowed() {
        let json = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: ListImportError.self) { try PreloadListSource.parse(json, fileName: "deep.json") }
    }

    @Test func jsonStringEscapesAreDecoded() throws {
        let json = Array(#"{"entries": [{"name": "\u0061\u002ecom", "mode": "force-https"}]}"#.utf8)
        #expect(try PreloadListSource.parse(json, fileName: "e.json").entries.first?.name == "a.com")
    }
}
