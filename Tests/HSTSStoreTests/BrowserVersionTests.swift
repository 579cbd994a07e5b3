import HSTSPreload
import Testing

@testable import HSTSStore

/// Another browser's list (Firefox's) kept beside Chromium's versions: marked, never current, found by browser.
@Suite struct BrowserVersionTests {
    static let firefox = PreloadListSource(
        entries: [
            Entry(name: "bank", mode: .forceHTTPS, includeSubdomains: true),
            Entry(name: "legacy.bank", mode: .forceHTTPS),
        ],
        sourceSHA256: Array(repeating: 0xAB, count: 32)
    )

    @Test func firefoxVersionNeverBecomesCurrent() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            #expect(try store.newestVersion(browser: "firefox") == nil)
            let chromium = try #require(
                PreloadStoreTests.storedVersion(try PreloadStoreTests.importFile(store, Fixtures.list2026June))
            ).version
            #expect(chromium.browser == "chromium")
            #expect(chromium.expiresAt == nil)
            let outcome = try store.importSource(
                Self.firefox,
                fileName: "nsSTSPreloadList.inc",
                source: "nsSTSPreloadList.inc",
                label: "fx",
                now: 1_780_000_000,
                browser: "firefox",
                expiresAt: 1_791_158_412
            )
            let firefox = try #require(PreloadStoreTests.storedVersion(outcome)).version
            #expect(firefox.browser == "firefox")
            #expect(firefox.expiresAt == 1_791_158_412)
            #expect(try store.currentVersion()?.id == chromium.id)
            #expect(try store.newestVersion(browser: "firefox")?.id == firefox.id)
            #expect(try store.newestVersion(browser: "chromium")?.id == chromium.id)
            let list = try store.list(of: firefox)
            #expect(list.entryCount == 2)
            // Importing it again changes nothing, and still leaves Chromium's version current.
            let again = try store.importSource(
                Self.firefox,
                fileName: "nsSTSPreloadList.inc",
                source: "nsSTSPreloadList.inc",
                now: 1_780_000_100,
                browser: "firefox"
            )
            #expect(PreloadStoreTests.unchangedVersion(again)?.id == firefox.id)
            #expect(try store.currentVersion()?.id == chromium.id)
            // Nor can `use` make it current: it would answer Chromium's questions from Firefox's list.
            #expect(throws: StoreError.notChromiumList("fx", browser: "firefox")) { try store.use("fx") }
            #expect(try store.currentVersion()?.id == chromium.id)
        }
    }
}
