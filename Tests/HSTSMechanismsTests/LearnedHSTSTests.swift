import HSTSMechanisms
import HSTSPreload
import Testing

@Suite struct LearnedHSTSTests {
    func host(_ text: String) throws -> HostName { try HostName(text) }

    @Test func nothingLearnedIsUnknown() throws {
        #expect(LearnedHSTS().decision(for: try host("a.example.com")) == nil)
    }

    @Test func anyAncestorWithIncludeSubdomainsApplies() throws {
        var learned = LearnedHSTS()
        learned.learn(host: try host("example.com"), headerValue: "max-age=31536000; includeSubDomains", source: "t")
        learned.learn(host: try host("www.example.com"), headerValue: "max-age=600", source: "t")
        // A more specific entry without includeSubDomains does not hide the parent (unlike the static rule).
        #expect(learned.decision(for: try host("a.www.example.com"))?.upgrade == true)
        #expect(learned.decision(for: try host("a.www.example.com"))?.via?.host == "example.com")
        #expect(learned.decision(for: try host("other.org"))?.upgrade == false)
    }

    @Test func exactEntryWithoutSubdomainsCoversOnlyItself() throws {
        var learned = LearnedHSTS()
        learned.learn(host: try host("example.com"), headerValue: "max-age=600", source: "t")
        #expect(learned.decision(for: try host("example.com"))?.upgrade == true)
        #expect(learned.decision(for: try host("a.example.com"))?.upgrade == false)
    }

    @Test func maxAgeZeroRemovesAndKnocksOutForFirefox() throws {
        var learned = LearnedHSTS()
        learned.learn(host: try host("example.com"), headerValue: "max-age=0", source: "t")
        #expect(learned.decision(for: try host("example.com"))?.upgrade == false)
        #expect(learned.firefoxKnockout(for: try host("a.example.com")) == "example.com")
        #expect(learned.firefoxKnockout(for: try host("example.org")) == nil)
    }

    @Test func invalidHeadersAreIgnored() throws {
        var learned = LearnedHSTS()
        let reason = learned.learn(host: try host("example.com"), headerValue: "max-age=1; max-age=2", source: "t")
        #expect(reason != nil)
        #expect(learned.isEmpty)
    }
}
