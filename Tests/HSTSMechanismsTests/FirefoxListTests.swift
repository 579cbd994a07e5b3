import HSTSMechanisms
import HSTSPreload
import Testing

@Suite struct FirefoxListTests {
    static let file = """
        /* generated */
        #include <stdint.h>
        const PRTime gPreloadListExpirationTime = INT64_C(1791158412345000);

        %%
        bank, 1
        legacy.bank, 0
        %%

        """

    @Test func readsTheExpirationAndTheEntries() throws {
        let list = try FirefoxList.parse(Array(Self.file.utf8), fileName: "f.inc")
        #expect(list.expiration == 1_791_158_412)
        #expect(list.entries.map(\.name) == ["bank", "legacy.bank"])
        #expect(list.entries.map(\.includeSubdomains) == [true, false])
        #expect(list.entries.allSatisfy { $0.mode == .forceHTTPS })
        #expect(list.sourceSHA256.count == 32)
        let compiled = try PreloadList(compiling: list.source)
        #expect(compiled.decision(for: try HostName("a.legacy.bank"), semantics: .anyAncestor).upgrade)
        #expect(!compiled.decision(for: try HostName("a.legacy.bank"), semantics: .chromium).upgrade)
    }

    @Test(arguments: [
        (
            "%%\nbank, 1\n%%\n",
            "f.inc: not a Firefox list: no `gPreloadListExpirationTime` line (expected nsSTSPreloadList.inc)"
        ),
        (
            "const PRTime gPreloadListExpirationTime = INT64_C(12x);\n%%\n%%\n",
            "f.inc:1: expected `const PRTime gPreloadListExpirationTime = INT64_C(<microseconds>);`"
        ),
        (
            "const PRTime gPreloadListExpirationTime = INT64_C(1);\n",
            "f.inc: not a Firefox list: no entries between two `%%` lines"
        ),
        (
            "const PRTime gPreloadListExpirationTime = INT64_C(1);\n%%\nbank, 2\n%%\n",
            "f.inc:3: expected `name, 0` or `name, 1`, found `bank, 2`"
        ),
        (
            "const PRTime gPreloadListExpirationTime = INT64_C(1);\n%%\nBank, 1\n%%\n",
            "f.inc:3: `Bank` is not a host name in normalized form"
        ),
        (
            "const PRTime gPreloadListExpirationTime = INT64_C(1);\n%%\nbank, 1\nbank, 0\n%%\n",
            "f.inc:4: `bank` is listed twice"
        ),
    ])
    func badFilesNameTheLine(text: String, message: String) {
        #expect(throws: FirefoxListError.self) { try FirefoxList.parse(Array(text.utf8), fileName: "f.inc") }
        do {
            _ = try FirefoxList.parse(Array(text.utf8), fileName: "f.inc")
        } catch {
            #expect(error.description == message)
        }
    }
}
