import HSTSPreload
import Testing

/// Chromium's matching rules, case by case, on the real 2026-06-01 list (the bundled compiled file) and on the
/// current-format sample (pins-only entries, policies, public suffixes).
@Suite struct LookupSemanticsTests {
    static let bundled = openBundled(.compiledFile)
    static let bundledHashed = openBundled(.hashTable)
    /// The bundled list with a lookup-index section appended, opened as `.compiledFile` opens it: from the section.
    static let bundledIndexed: PreloadList = {
        do {
            let compact = try Fixtures.data("preload-2026-06-01.hstsq")
            return try PreloadList(compiledBytes: PreloadList.addingLookupIndexSection(to: compact))
        } catch {
            fatalError("bundled list with a lookup-index section: \(error)")
        }
    }()

    static func openBundled(_ index: PreloadList.LookupIndex) -> PreloadList {
        do {
            return try PreloadList(contentsOfCompiledFile: Fixtures.dataPath("preload-2026-06-01.hstsq"), index: index)
        } catch {
            fatalError("bundled list: \(error)")
        }
    }

    static func sample(_ index: PreloadList.LookupIndex) -> PreloadList {
        do {
            let source = try PreloadListSource.parse(
                try Fixtures.fixture("chromium-current-format-sample.json"),
                fileName: "sample.json"
            )
            // `.compiledFile` is tested on a file with a lookup-index section; `.blocks` on the compact one.
            let bytes = try PreloadList.compiledBytes(for: source, compiledAt: 0, lookupIndex: index == .compiledFile)
            return try PreloadList(compiledBytes: bytes, index: index)
        } catch {
            fatalError("sample list: \(error)")
        }
    }

    static let sample = sample(.blocks)

    /// The bundled list searched through `index`.
    static func bundled(_ index: PreloadList.LookupIndex) -> PreloadList {
        switch index {
        case .compiledFile: bundledIndexed
        case .blocks: bundled
        case .hashTable: bundledHashed
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var host: String
        var upgrade: Bool
        var match: MatchKind?
        var entry: String?
        var testDescription: String { host }
    }

    @Test(
        arguments: [
            // Exact matches, with and without include_subdomains.
            Case(host: "figma.com", upgrade: true, match: .exact, entry: "figma.com"),
            Case(host: "www.figma.com", upgrade: true, match: .exact, entry: "www.figma.com"),
            // The more specific www.figma.com (no include_subdomains) overrides figma.com (include_subdomains).
            Case(host: "a.www.figma.com", upgrade: false, match: .ancestor, entry: "www.figma.com"),
            Case(host: "other.figma.com", upgrade: true, match: .ancestor, entry: "figma.com"),
            Case(host: "makeyourlaws.org", upgrade: true, match: .exact, entry: "makeyourlaws.org"),
            Case(host: "www.makeyourlaws.org", upgrade: true, match: .exact, entry: "www.makeyourlaws.org"),
            Case(host: "x.www.makeyourlaws.org", upgrade: false, match: .ancestor, entry: "www.makeyourlaws.org"),
            Case(host: "x.makeyourlaws.org", upgrade: true, match: .ancestor, entry: "makeyourlaws.org"),
            // Public-suffix entries.
            Case(host: "anything.dev", upgrade: true, match: .ancestor, entry: "dev"),
            Case(host: "a.b.c.app", upgrade: true, match: .ancestor, entry: "app"),
            Case(host: "dev", upgrade: true, match: .exact, entry: "dev"),
            // Case and trailing dots.
            Case(host: "WWW.FIGMA.COM.", upgrade: true, match: .exact, entry: "www.figma.com"),
            // Misses: not listed, and a label-boundary near miss.
            Case(host: "example.com", upgrade: false, match: nil, entry: nil),
            Case(host: "com", upgrade: false, match: nil, entry: nil),
            Case(host: "xfigma.com", upgrade: false, match: nil, entry: nil),
            Case(host: "figma.com.evil.zz", upgrade: false, match: nil, entry: nil),
        ],
        PreloadList.LookupIndex.allCases
    )
    func chromiumSemanticsOnTheRealList(_ c: Case, _ index: PreloadList.LookupIndex) throws {
        let host = try HostName(c.host)
        let decision = Self.bundled(index).decision(for: host)
        #expect(decision.upgrade == c.upgrade)
        #expect(decision.match == c.match)
        #expect(decision.entry.map { String($0.name(in: host)) } == c.entry)
    }

    @Test func includeSubdomainsFalseDoesNotCoverSubdomains() throws {
        // An ancestor match needs include_subdomains; find a real entry without it.
        let entries = try Self.bundled.entries()
        let entry = try #require(
            entries.first {
                !$0.includeSubdomains && $0.mode == .forceHTTPS && !$0.name.hasPrefix("www.")
                    && IPAddress($0.name) == nil
            }
        )
        #expect(Self.bundled.decision(for: try HostName(entry.name)).upgrade)
        let below = Self.bundled.decision(for: try HostName("sub." + entry.name))
        #expect(!below.upgrade)
        #expect(below.match == .ancestor)
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func anyAncestorSemanticsDisagreesWhereAMoreSpecificEntryStopsInclusion(_ index: PreloadList.LookupIndex) throws {
        let list = Self.bundled(index)
        let host = try HostName("a.www.figma.com")
        let chromium = list.decision(for: host, semantics: .chromium)
        let anyAncestor = list.decision(for: host, semantics: .anyAncestor)
        #expect(!chromium.upgrade)
        #expect(anyAncestor.upgrade)
        #expect(anyAncestor.entry.map { String($0.name(in: host)) } == "figma.com")
        // Where the engines agree, both decide with the same entry.
        let plain = try HostName("figma.com")
        #expect(
            list.decision(for: plain, semantics: .anyAncestor)
                == UpgradeDecision(
                    upgrade: true,
                    match: .exact,
                    entry: list.decision(for: plain).entry,
                    semantics: .anyAncestor
                )
        )
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func pinsOnlyEntriesNeverUpgradeButStillDecide(_ index: PreloadList.LookupIndex) throws {
        let sample = Self.sample(index)
        // pinningtest.appspot.com: policy test, include_subdomains, pins test, no mode.
        let exact = sample.decision(for: try HostName("pinningtest.appspot.com"))
        #expect(!exact.upgrade)
        #expect(exact.match == .exact)
        #expect(exact.entry?.mode == nil)
        #expect(exact.entry?.pinsetIndex.flatMap { sample.pinsetName(at: $0) } == "test")
        #expect(exact.entry?.policy == .test)
        let below = sample.decision(for: try HostName("a.pinningtest.appspot.com"))
        #expect(!below.upgrade)
        #expect(below.match == .ancestor)
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func policiesAndPinsetsComeBackFromTheCompiledForm(_ index: PreloadList.LookupIndex) throws {
        let sample = Self.sample(index)
        let host = try HostName("mail.google.com")
        let decision = sample.decision(for: host)
        #expect(decision.upgrade)
        #expect(decision.entry?.policy == .google)
        #expect(decision.entry?.expectCT == true)
        #expect(decision.entry?.pinsetIndex.flatMap { sample.pinsetName(at: $0) } == "google")
        let suffix = sample.decision(for: try HostName("x.google"))
        #expect(suffix.upgrade)
        #expect(suffix.entry?.policy == .publicSuffix)
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func idnHostsAreLookedUpByTheirALabel(_ index: PreloadList.LookupIndex) throws {
        // xn--7xa.google.com is in the sample; "Φ.google.com" lower-cases to φ and normalizes to it.
        let decision = Self.sample(index).decision(for: try HostName("Φ.google.com"))
        #expect(decision.match == .exact)
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func utf8HotPathAgreesWithHostNamePath(_ index: PreloadList.LookupIndex) throws {
        let list = Self.bundled(index)
        for input in ["WWW.figma.com.", "a.www.figma.com", "example.com", "1.2.3.4", "bücher.de", "dev"] {
            let bytes = Array(input.utf8)
            let span = bytes.span
            let fast = list.decision(utf8: span)
            let slow: UpgradeDecision
            switch try LookupTarget(parsing: input).host {
            case .name(let name): slow = Self.bundled.decision(for: name)
            case .ip: slow = .noEntry(.chromium)
            }
            #expect(fast == slow, "\(input)")
        }
        #expect(list.decision(utf8: Array("a..b".utf8).span) == nil)
        #expect(list.decision(utf8: Array("".utf8).span) == nil)
    }

    @Test(arguments: [
        ("http://Sub.Figma.com:80/x", "https://sub.figma.com/x"),
        ("http://figma.com", "https://figma.com/"),
        ("http://figma.com:8080/a?b=c#frag", "https://figma.com:8080/a?b=c#frag"),
        ("http://user:pass@figma.com/p", "https://figma.com/p"),
        ("ws://figma.com/chat", "wss://figma.com/chat"),
        ("http://figma.com?q", "https://figma.com/?q"),
    ])
    func urlsGetTheirInternalRedirect(url: String, location: String) throws {
        let target = try LookupTarget(parsing: url)
        guard case .name(let host) = target.host else {
            Issue.record("not a name")
            return
        }
        let redirect = target.internalRedirect(for: Self.bundled.decision(for: host))
        #expect(redirect == InternalRedirect(status: 307, location: location))
    }

    @Test func noRedirectForHttpsNotUpgradedOrIPTargets() throws {
        for url in ["https://figma.com/", "http://example.com/", "http://1.2.3.4/", "http://a.www.figma.com/"] {
            let target = try LookupTarget(parsing: url)
            let decision: UpgradeDecision
            if case .name(let host) = target.host {
                decision = Self.bundled.decision(for: host)
            } else {
                decision = .noEntry(.chromium)
            }
            #expect(target.internalRedirect(for: decision) == nil, "\(url)")
        }
        #expect(throws: HostNameError.self) { try LookupTarget(parsing: "http://figma.com:99999/") }
        #expect(throws: HostNameError.self) { try LookupTarget(parsing: "http://figma.com:8a/") }
        #expect(throws: HostNameError.self) { try LookupTarget(parsing: "http:///path") }
    }
}
