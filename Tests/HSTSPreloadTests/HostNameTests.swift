import Testing

@testable import HSTSPreload

@Suite struct HostNameTests {
    @Test(arguments: [
        ("EXAMPLE.com", "example.com"),
        ("example.com.", "example.com"),
        ("bücher.de", "xn--bcher-kva.de"),
        ("BÜCHER.de", "xn--bcher-kva.de"),
        ("münchen。de", "xn--mnchen-3ya.de"),
        ("日本語。jp", "xn--wgv71a119e.jp"),
        ("_dmarc.example.com", "_dmarc.example.com"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),
        ("XN--BCHER-KVA.de", "xn--bcher-kva.de"),
        ("a-b.c", "a-b.c"),
        // UTS #46 mapping: full-width letters, soft hyphen, zero-width space, circled letters, deviations kept.
        ("ｆｉｇｍａ.com", "figma.com"),
        ("fig\u{AD}ma.com", "figma.com"),
        ("figma\u{200B}.com", "figma.com"),
        ("ⓕigma.com", "figma.com"),
        ("faß.de", "xn--fa-hia.de"),
        ("u\u{308}.de", "xn--tda.de"),
        // Percent-decoding, tab and newline dropped.
        ("figma%2Ecom", "figma.com"),
        ("%66igma.com", "figma.com"),
        ("b%C3%BCcher.de", "xn--bcher-kva.de"),
        // Labels may begin or end with '-'.
        ("-a.figma.com", "-a.figma.com"),
        ("a-.figma.com", "a-.figma.com"),
        ("steel-pc.lu.", "steel-pc.lu"),
        // A plain ASCII host skips IDNA in Chromium (observed: Chromium 156 upgrades xn--a.figma.com), so an
        // `xn--` label that is not valid punycode stays as written.
        ("xn--a.figma.com", "xn--a.figma.com"),
        ("XN--LS8H-.com", "xn--ls8h-.com"),
        // IPv4 in every form the URL Standard accepts.
        ("1.0.0.1", "1.0.0.1"),
        ("1.1", "1.0.0.1"),
        ("0x1.0.0.1", "1.0.0.1"),
        ("16777217", "1.0.0.1"),
        ("001.000.000.001", "1.0.0.1"),
        ("1.0.0.1.", "1.0.0.1"),
        ("0x01000001", "1.0.0.1"),
        ("1.0.1", "1.0.0.1"),
        ("255.255.255.255", "255.255.255.255"),
        ("4294967295", "255.255.255.255"),
        ("1%2E1", "1.0.0.1"),
    ])
    func parsesLikeABrowser(input: String, expected: String) throws {
        #expect(try HostName(input).value == expected)
    }

    @Test(arguments: [
        // Never matched by Chromium's HSTS lookup: empty labels, two or more trailing dots, lengths.
        "", ".", "..", "a..b", ".example.com", "steel-pc.lu..", "Example.COM..",
        String(repeating: "a", count: 64) + ".com",
        Array(repeating: "abcdefghi", count: 26).joined(separator: "."),
        // Forbidden host code points.
        "exa mple.com", "a/b", "a@b", "a<b.com", "a>b.com", "a^b.com", "a|b.com", "a%b.com", "a%zzb.com",
        "a%20b.com", "a\u{0}b.com", "a#b", "a?b", "a\\b",
        // Not a valid IPv4 address although the host ends in a number.
        "999.1.1.1", "a.b.1", "1.2.3.4.5", "0x100000000", "1.0.0.256", "0xg.1", "256.0.0.0x1",
        // UTS #46 errors: disallowed code points, invalid punycode, leading combining mark, Bidi.
        "a\u{FFFD}b.com", "\u{308}a.com", "0à.א", "a%FFb.com",
    ])
    func rejectsWhatABrowserCannotMatch(input: String) {
        #expect(throws: HostNameError.self) { try HostName(input) }
    }

    @Test func labelOf63CharactersAndHostOf253AreAccepted() throws {
        let label = String(repeating: "a", count: 63)
        #expect(try HostName(label + ".com").value.count == 67)
        let host = Array(repeating: String(repeating: "b", count: 49), count: 5).joined(separator: ".") + ".abc"
        #expect(host.count == 253)
        #expect(try HostName(host).value == host)
        #expect(try HostName(host + ".").value == host)
        #expect(throws: HostNameError.self) { try HostName("x" + host) }
    }

    @Test func parsingACanonicalHostChangesNothing() throws {
        for input in ["EXAMPLE.com.", "bücher.de", "a.B.c", "日本語.jp", "1.1", "ⓕigma.com", "-a-.b", "faß.de"] {
            let once = try HostName(input)
            #expect(try HostName(once.value) == once)
        }
    }

    @Test(arguments: [
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
        ("[2001:DB8::0:1]", "2001:db8::1"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("http://[::1]:8080/", "::1"),
    ])
    func recognizesIPv6Literals(input: String, expected: String) throws {
        let target = try LookupTarget(parsing: input)
        guard case .ip(let address) = target.host else {
            Issue.record("\(input) not recognized as an IPv6 literal")
            return
        }
        #expect(address.description == expected)
    }

    @Test(arguments: [
        ("1.2.3.4", "1.2.3.4"), ("1.1", "1.0.0.1"), ("http://16777217/", "1.0.0.1"),
        ("http://0x1.0.0.1:81/", "1.0.0.1"),
    ])
    func ipv4AddressesAreNamesInCanonicalForm(input: String, expected: String) throws {
        #expect(try LookupTarget(parsing: input).host == .name(HostName(normalized: expected)))
    }

    @Test func tabAndNewlineAreDroppedFromTargetsNotFromNames() throws {
        #expect(try LookupTarget(parsing: "fig\tma.com").host.text == "figma.com")
        #expect(try LookupTarget(parsing: "http://fig\nma.com/\r").host.text == "figma.com")
        #expect(throws: HostNameError.self) { try HostName("fig\tma.com") }
    }

    @Test func urlsKeepTheBrowsersHostRules() throws {
        #expect(try LookupTarget(parsing: "http://user:pass@FIGMA%2Ecom:80/x").host.text == "figma.com")
        #expect(try LookupTarget(parsing: "http://ｆｉｇｍａ.com/").host.text == "figma.com")
        for invalid in [
            "http://999.1.1.1/", "http://a.b.1/", "http://figma.com:65536/", "http://figma.com:8a/",
            "1::2::3", "[::1", "http://a b.com/", "http://steel-pc.lu../",
        ] {
            #expect(throws: HostNameError.self) { try LookupTarget(parsing: invalid) }
        }
    }

    @Test func aceLabelsAnswerOnTheFastPathAsTheFullParserDoes() throws {
        let list = try PreloadList(
            compiling: PreloadListSource(entries: [
                Entry(name: "xn--bcher-kva.de", mode: .forceHTTPS, includeSubdomains: true)
            ])
        )
        let inputs = [
            "xn--bcher-kva.de", "a.xn--bcher-kva.de", "XN--BCHER-KVA.DE", "xn--a.de", "xn--ls8h-.de", "xn--.de",
            "xn--4db.xn--bcher-kva.de", "xn--0ca24w.de", "xn--u-ccb.de", "xn--wgv71a119e.jp", "xn--zz.de",
        ]
        for input in inputs {
            let expected = (try? HostName(input)).map { list.decision(for: $0) }
            #expect(list.decision(utf8: Array(input.utf8).span) == expected, "\(input)")
        }
    }

    @Test func internalRedirectOfAnIPv4HostNamesTheCanonicalAddress() throws {
        let list = try PreloadList(
            compiling: PreloadListSource(entries: [Entry(name: "1.0.0.1", mode: .forceHTTPS)])
        )
        for input in ["http://1.0.0.1/", "http://1.1/", "http://16777217/", "http://0x1.0.0.1/"] {
            let target = try LookupTarget(parsing: input)
            guard case .name(let name) = target.host else {
                Issue.record("\(input) is not looked up as a name")
                continue
            }
            let decision = list.decision(for: name)
            #expect(decision.upgrade, "\(input)")
            #expect(target.internalRedirect(for: decision)?.location == "https://1.0.0.1/", "\(input)")
        }
        #expect(list.decision(utf8: "1.1".utf8.span)?.upgrade == true)
        #expect(list.decision(utf8: "1.0.0.1".utf8.span)?.upgrade == true)
        #expect(list.decision(utf8: "a.b.1".utf8.span) == nil)
        #expect(list.decision(utf8: "::1".utf8.span)?.upgrade == false)
    }
}
