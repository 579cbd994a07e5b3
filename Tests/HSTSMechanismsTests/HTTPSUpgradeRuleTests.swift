import Foundation
import HSTSMechanisms
import HSTSPreload
import Testing

@Suite struct HTTPSUpgradeRuleTests {
    static let domains = TopLevelDomains(
        publicSuffixList: Array("// comment\ncom\nco.uk\n*.ck\n!www.ck\nрф\nonion\n".utf8)
    )

    func answer(_ text: String, _ browser: Browser = .chromium) throws -> HTTPSUpgradeAnswer {
        HTTPSUpgradeRule.answer(for: try LookupTarget(parsing: text), in: browser, topLevelDomains: Self.domains)
    }

    @Test func topLevelDomainsComeFromEveryRule() {
        #expect(Self.domains.contains(Array("com".utf8)[...]))
        #expect(Self.domains.contains(Array("uk".utf8)[...]))
        #expect(Self.domains.contains(Array("ck".utf8)[...]))
        #expect(Self.domains.contains(Array("xn--p1ai".utf8)[...]))
        #expect(!Self.domains.contains(Array("local".utf8)[...]))
        #expect(!Self.domains.contains(Array("co".utf8)[...]))
    }

    @Test func unicodeTopLevelDomainsOfTheRealListAreTheHostParsersALabels() throws {
        // The set is built with punycode alone (with `HSTSQ_PSL`, at start-up); the list's Unicode names are
        // already what the full host parser makes of them.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let psl = try Data(contentsOf: root.appendingPathComponent("data/public_suffix_list.dat"))
        let domains = TopLevelDomains(publicSuffixList: [UInt8](psl))
        var checked = 0
        for line in String(decoding: psl, as: UTF8.self).split(separator: "\n") {
            let rule = line.split(separator: " ").first.map(String.init) ?? ""
            guard !rule.hasPrefix("//"), !rule.isEmpty, !rule.contains("."), !rule.allSatisfy(\.isASCII) else {
                continue
            }
            let parsed = try HostName(rule)
            #expect(domains.contains(Array(parsed.value.utf8)[...]), "\(rule) → \(parsed.value)")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test(
        arguments: [
            ("example.com", nil),
            ("http://example.co.uk/a", nil),
            ("intranet", HTTPSUpgradeExclusion.singleLabel),
            ("localhost", .localhost),
            ("app.localhost", .localhost),
            ("printer.local", .nonUniqueName),
            ("127.0.0.1", .localhost),
            ("http://[::1]/", .localhost),
            ("192.168.1.1", .nonPublicAddress),
            ("10.0.0.1", .nonPublicAddress),
            ("ws://example.com/chat", .notHTTP),
            ("https://example.com/", .notHTTP),
        ] as [(String, HTTPSUpgradeExclusion?)]
    )
    func chromiumExclusions(target: String, exclusion: HTTPSUpgradeExclusion?) throws {
        let result = try answer(target)
        #expect(result.exclusion == exclusion)
        #expect(result.upgrade == (exclusion == nil))
    }

    @Test func publicAddressesAreTriedExceptBySafari() throws {
        #expect(try answer("1.0.0.1").upgrade)
        #expect(try answer("1.0.0.1", .firefox).upgrade)
        #expect(try answer("1.0.0.1", .safari).exclusion == .ipLiteral)
    }

    @Test func onionIsAFirefoxException() throws {
        #expect(try answer("abc.onion", .firefox).exclusion == .onion)
        #expect(try answer("abc.onion").upgrade)
    }

    @Test func nonDefaultPortsAreTriedOnTheSamePort() throws {
        #expect(try answer("http://example.com:8080/").nonDefaultPort == 8080)
        #expect(try answer("http://example.com:80/").nonDefaultPort == nil)
    }
}
