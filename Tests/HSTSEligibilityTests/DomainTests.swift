import HSTSEligibility
import HSTSPreload
import Testing

@Suite struct DomainTests {
    static let psl = Fixtures.publicSuffixList

    struct SuffixCase: Sendable, CustomTestStringConvertible {
        var host: String
        var suffix: String
        var registrable: String?
        var testDescription: String { host }
    }

    @Test(arguments: [
        SuffixCase(host: "example.com", suffix: "com", registrable: "example.com"),
        SuffixCase(host: "a.b.example.co.uk", suffix: "co.uk", registrable: "example.co.uk"),
        // Wildcard *.ck with the exception !www.ck.
        SuffixCase(host: "foo.ck", suffix: "foo.ck", registrable: nil),
        SuffixCase(host: "a.foo.ck", suffix: "foo.ck", registrable: "a.foo.ck"),
        SuffixCase(host: "www.ck", suffix: "ck", registrable: "www.ck"),
        SuffixCase(host: "a.www.ck", suffix: "ck", registrable: "www.ck"),
        // Wildcard *.kawasaki.jp with the exception !city.kawasaki.jp.
        SuffixCase(host: "x.kawasaki.jp", suffix: "x.kawasaki.jp", registrable: nil),
        SuffixCase(host: "y.x.kawasaki.jp", suffix: "x.kawasaki.jp", registrable: "y.x.kawasaki.jp"),
        SuffixCase(host: "city.kawasaki.jp", suffix: "kawasaki.jp", registrable: "city.kawasaki.jp"),
        SuffixCase(host: "www.city.kawasaki.jp", suffix: "kawasaki.jp", registrable: "city.kawasaki.jp"),
        // The private section applies too.
        SuffixCase(host: "someone.github.io", suffix: "github.io", registrable: "someone.github.io"),
        SuffixCase(host: "x.someone.github.io", suffix: "github.io", registrable: "someone.github.io"),
        SuffixCase(
            host: "a.b.compute.amazonaws.com",
            suffix: "b.compute.amazonaws.com",
            registrable: "a.b.compute.amazonaws.com"
        ),
        // No rule: the implicit "*".
        SuffixCase(host: "example.unlistedtld", suffix: "unlistedtld", registrable: "example.unlistedtld"),
        SuffixCase(host: "com", suffix: "com", registrable: nil),
    ])
    func publicSuffixAlgorithm(_ c: SuffixCase) throws {
        let host = try HostName(c.host)
        #expect(Self.psl.publicSuffix(of: host) == c.suffix)
        #expect(Self.psl.registrableDomain(of: host) == c.registrable)
    }

    @Test func unicodeRulesMatchTheirALabels() throws {
        // 公司.cn is an ICANN rule; hosts are looked up as A-labels.
        let host = try HostName("例子.公司.cn")
        #expect(Self.psl.publicSuffix(of: host) == (try HostName("公司.cn")).value)
    }

    struct DomainCase: Sendable, CustomTestStringConvertible {
        var domain: String
        var codes: [String]
        var testDescription: String { domain }
    }

    @Test(arguments: [
        DomainCase(domain: "example.com", codes: []),
        DomainCase(domain: "EXAMPLE.com", codes: []),
        DomainCase(domain: ".example.com", codes: ["domain.format.begins_with_dot"]),
        DomainCase(domain: "example.com.", codes: ["domain.format.ends_with_dot"]),
        DomainCase(domain: "example..com", codes: ["domain.format.contains_double_dot"]),
        DomainCase(domain: "co.uk", codes: ["domain.format.public_suffix"]),
        DomainCase(domain: "com", codes: ["domain.format.public_suffix"]),
        DomainCase(domain: "github.io", codes: ["domain.format.public_suffix"]),
        DomainCase(domain: "exa_mple.com", codes: ["domain.format.invalid_characters"]),
        DomainCase(domain: "exa mple.com", codes: ["domain.format.invalid_characters"]),
        DomainCase(domain: "1.2.3.4", codes: ["domain.format.is_ip_address"]),
        DomainCase(domain: "2001:db8::1", codes: ["domain.format.is_ip_address"]),
        DomainCase(domain: "www.example.com", codes: ["domain.is_subdomain"]),
        DomainCase(domain: "a.b.example.co.uk", codes: ["domain.is_subdomain"]),
        DomainCase(domain: "bücher.de", codes: []),
    ])
    func domainRequirements(_ c: DomainCase) {
        let (issues, _) = DomainRequirements.check(c.domain, publicSuffixes: Self.psl)
        #expect(issues.codes.map(\.rawValue) == c.codes)
    }

    @Test func subdomainIssueNamesTheDomainToSubmit() {
        let (issues, _) = DomainRequirements.check("www.example.co.uk", publicSuffixes: Self.psl)
        #expect(issues.errors.first?.message.contains("Please preload `example.co.uk` instead") == true)
    }

    @Test func invalidRulesAreReportedWithTheirLine() {
        #expect {
            _ = try PublicSuffixList(parsing: Array("// c\ncom\nbad..rule\n".utf8), fileName: "psl.dat")
        } throws: { error in
            (error as? PublicSuffixListError)?.description.hasPrefix("psl.dat:3: invalid rule 'bad..rule'") == true
        }
        #expect(throws: PublicSuffixListError.self) {
            try PublicSuffixList(parsing: Array("// only comments\n".utf8), fileName: "x")
        }
    }

    /// The public-suffix-list fuzz target's crash: `!f` made the public suffix of `a.b.c.d.e.f` empty.
    @Test func aSingleLabelExceptionRuleIsRejected() {
        let crash: [UInt8] = [0x21, 0x66, 0x09, 0, 0, 0, 0, 0, 0, 0x6F, 0]
        #expect {
            _ = try PublicSuffixList(parsing: crash, fileName: "fuzz.dat")
        } throws: { error in
            (error as? PublicSuffixListError)?.description.contains("an exception rule needs at least two labels")
                == true
        }
        let fine = try? PublicSuffixList(parsing: Array("*.ck\n!www.ck\n".utf8), fileName: "psl.dat")
        let host = try? HostName("www.ck")
        #expect(host.flatMap { fine?.publicSuffix(of: $0) } == "ck")
    }
}
