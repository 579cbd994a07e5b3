import HSTSPreload
import Testing

@testable import HSTSStore

/// The diff: by name, field by field, on small lists and on the two real lists.
@Suite struct ListDiffTests {
    @Test func addedRemovedAndChangedFields() {
        let old = [
            Entry(name: "b.com", mode: .forceHTTPS),
            Entry(name: "a.com", policy: .bulk18Weeks, mode: .forceHTTPS, includeSubdomains: false),
            Entry(name: "gone.org", mode: .forceHTTPS),
            Entry(name: "same.net", mode: .forceHTTPS, includeSubdomains: true),
        ]
        let new = [
            Entry(name: "a.com", policy: .bulk1Year, mode: .forceHTTPS, includeSubdomains: true),
            Entry(name: "same.net", mode: .forceHTTPS, includeSubdomains: true),
            Entry(name: "b.com", mode: nil, pins: "google"),
            Entry(name: "new.dev", mode: .forceHTTPS),
        ]
        let diff = ListDiff(from: old, to: new)
        #expect(diff.added.map(\.name) == ["new.dev"])
        #expect(diff.removed.map(\.name) == ["gone.org"])
        #expect(diff.changed.map(\.name) == ["a.com", "b.com"])
        #expect(
            diff.changed[0].fields == [
                FieldChange(field: .policy, old: .text("bulk-18-weeks"), new: .text("bulk-1-year")),
                FieldChange(field: .includeSubdomains, old: .flag(false), new: .flag(true)),
            ]
        )
        #expect(
            diff.changed[1].fields == [
                FieldChange(field: .mode, old: .text("force-https"), new: .absent),
                FieldChange(field: .pins, old: .absent, new: .text("google")),
            ]
        )
        #expect(ListDiff(from: new, to: new).changed.isEmpty)
    }

    @Test func mayToJuneOnTheRealLists() throws {
        let may = try PreloadListSource.parse(Fixtures.read(Fixtures.list2026May), fileName: "may").entries
        let june = try PreloadListSource.parse(Fixtures.read(Fixtures.list2026June), fileName: "june").entries
        let diff = ListDiff(from: may, to: june)
        #expect(diff.added.count == 5_712)
        #expect(diff.removed.count == 3_709)
        #expect(may.count - diff.removed.count + diff.added.count == june.count)
        #expect(diff.added.map(\.name) == diff.added.map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let mayNames = Set(may.map(\.name))
        #expect(diff.added.allSatisfy { !mayNames.contains($0.name) })
    }
}
