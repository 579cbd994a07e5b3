import HSTSPreload
import Testing

/// One `PreloadList` shared by many tasks at once: answers must not change, and the ThreadSanitizer run
/// (scripts/sanitize) must stay clean.
@Suite struct ConcurrencyTests {
    @Test func manyTasksShareOneListAndAgreeWithASingleThread() async throws {
        let list = try PreloadList(contentsOfCompiledFile: Fixtures.dataPath("preload-2026-06-01.hstsq"))
        let hosts = try ["figma.com", "a.www.figma.com", "x.dev", "example.com", "www.makeyourlaws.org", "q.zz"].map {
            try HostName($0)
        }
        let expected = hosts.map { list.decision(for: $0) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<32 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<2_000 {
                        let i = (task + round) % hosts.count
                        if list.decision(for: hosts[i]) != expected[i] { wrong += 1 }
                        let bytes = Array(hosts[i].value.utf8)
                        if list.decision(utf8: bytes.span) != expected[i] { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
