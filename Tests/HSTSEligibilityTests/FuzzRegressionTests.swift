import Foundation
import HSTSEligibility
import Testing

/// Every input a fuzzer crashed on, replayed with the fuzz target's properties (Fixtures/fuzz-regressions/TARGET-what).
@Suite struct FuzzRegressionTests {
    static let directory = Fixtures.testDirectory.appendingPathComponent("Fixtures/fuzz-regressions")

    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }()

    /// The inputs the readers now refuse, with the start of the error: an input that is read instead must be listed
    /// no more, and then it has to pass the round trip below.
    static let refusals: [String: String] = [
        // Its Location is no URL now, so the 301 is a final response and the response after it is out of place.
        "curl-evidence-har-round-trip": "curl-evidence-har-round-trip:8:1: a response follows a final response"
    ]

    @Test func regressionInputsArePresent() {
        #expect(!Self.inputs.isEmpty)
        #expect(Set(Self.refusals.keys).isSubset(of: Set(Self.inputs)))
    }

    @Test(arguments: inputs)
    func replaysWithTheTargetsProperties(_ name: String) throws {
        let bytes = try Fixtures.read(Self.directory.appendingPathComponent(name).path)
        if name.hasPrefix("curl-evidence") {
            let evidence: Evidence
            do {
                evidence = try Evidence.readCurl(bytes, fileName: name, domain: "example.com")
            } catch {
                let refusal = try #require(Self.refusals[name], "\(name) is refused: \(error)")
                #expect(String(describing: error).hasPrefix(refusal))
                return
            }
            #expect(Self.refusals[name] == nil, "\(name) is read, though listed as refused")
            _ = EvidenceRules.evaluate(evidence, domain: "example.com", policy: .bulk1Year, checkWWW: true)
            let written = evidence.harDocument(creatorVersion: "test")
            let again = try Evidence.readHAR(Array(written.utf8), fileName: "again.har", domain: "example.com")
            #expect(again.harDocument(creatorVersion: "test") == written)
        } else {
            Issue.record("unknown fuzz target prefix in \(name)")
        }
    }
}

/// URLs parse strictly, so what is written reads back the same.
///
/// curl-evidence found a `Location` whose "host" held a CR, spaces and a non-numeric "port": it was kept as a
/// URL, written to HAR with brackets, and read back as a different URL. Such text is not a URL at all now.
@Suite struct ObservedURLStrictnessTests {
    @Test(arguments: [
        "https://exa mple.com/",
        "https://example.com\r/",
        "https://example.com:443x/",
        "https://example.com:99999/",
        "https://exa%41mple.com/",
        "https://a:b:c/",
        "https://[example.com]/",
        "https://[::1]x/",
        "https://[::1/",
        "https://:443/",
    ])
    func notAURL(_ text: String) {
        #expect(ObservedURL(text) == nil)
    }

    @Test(arguments: [
        ("https://Example.COM:443/a?b#c", "https://example.com/a?b"),
        ("http://example.com:/", "http://example.com/"),
        ("http://user@example.com:8080", "http://example.com:8080/"),
        ("https://[::1]:8443/x", "https://[::1]:8443/x"),
        ("https://bücher.example/", "https://bücher.example/"),
    ])
    func parsesAndReadsBackTheSame(_ text: String, _ key: String) throws {
        let url = try #require(ObservedURL(text))
        #expect(url.key == key)
        #expect(ObservedURL(url.key)?.key == url.key)
    }
}
