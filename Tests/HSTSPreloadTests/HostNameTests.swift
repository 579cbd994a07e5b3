import HSTSPreload
import Testing

@Suite struct HostNameTests {
    @Test(arguments: [
        ("EXAMPLE.com", "example.com"),
        ("example.com.", "example.com"),
        ("Example.COM..", "example.com"),
        ("bücher.de", "xn--bcher-kva.de"),
        ("BÜCHER.de", "xn--bcher-kva.de"),
        ("münchen。de", "xn--mnchen-3ya.de"),
        ("日本語。jp", "xn--wgv71a119e.jp"),
        ("_dmarc.example.com", "_dmarc.example.com"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),
        ("a-b.c", "a-b.c"),
    ])
    func normalizesLikeABrowser(input: String, expected: String) throws {
        #expect(try HostName(input).value == expected)
    }

    @Test(arguments: [
        "", ".", "..", "a..b", ".example.com", "-a.com", "a-.com", "exa mple.com", "a/b", "a@b",
        String(repeating: "a", count: 64) + ".com",
        Array(repeating: "abcdefghi", count: 26).joined(separator: "."),
    ])
    func rejectsInvalidHosts(input: String) {
        #expect(throws: HostNameError.self) { try HostName(input) }
    }

    @Test func labelOf63CharactersAndHostOf253AreAccepted() throws {
        let label = String(repeating: "a", count: 63)
        #expect(try HostName(label + ".com").value.count == 67)
        let host = Array(repeating: String(repeating: "b", count: 49), count: 5).joined(separator: ".") + ".abc"
        #expect(host.count == 253)
        #expect(try HostName(host).value == host)
        #expect(throws: HostNameError.self) { try HostName("x" + host) }
    }

    @Test func normalizingANormalizedHostChangesNothing() throws {
        for input in ["EXAMPLE.com.", "bücher.de", "a.B.c", "日本語.jp"] {
            let once = try HostName(input)
            #expect(try HostName(once.value) == once)
        }
    }

    @Test(arguments: [
        ("1.2.3.4", "1.2.3.4"),
        ("255.255.255.255", "255.255.255.255"),
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
        ("[2001:DB8::0:1]", "2001:db8::1"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
    ])
    func recognizesIPLiterals(input: String, expected: String) throws {
        let target = try LookupTarget(parsing: input)
        guard case .ip(let address) = target.host else {
            Issue.record("\(input) not recognized as an IP literal")
            return
        }
        #expect(address.description == expected)
    }

    @Test func numericLookingNamesThatAreNotIPv4AreHostNames() throws {
        let target = try LookupTarget(parsing: "999.1.1.1")
        #expect(target.host == .name(try HostName("999.1.1.1")))
        #expect(throws: HostNameError.self) { try LookupTarget(parsing: "1::2::3") }
        #expect(throws: HostNameError.self) { try LookupTarget(parsing: "[::1") }
    }
}
