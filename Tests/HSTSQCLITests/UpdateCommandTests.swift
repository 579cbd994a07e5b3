import Foundation
import LoopbackServers
import Testing

/// `hstsq update` against a real HTTP server on loopback: the plain JSON and the base64 (`?format=TEXT`) forms
/// import; a truncated body, garbage, a 404, a reset connection and a closed port fail with one clear line and
/// leave the store as it was.
@Suite struct UpdateCommandTests {
    static let sample = StoreCommandTests.sample
    static let chromium2016 = StoreCommandTests.chromium2016

    /// A server answering each path with a fixed behaviour.
    static func server(_ routes: [String: ServerBehavior]) async throws -> LoopbackServer {
        try await LoopbackServer.start { request in
            routes[request.path] ?? .respond(status: 404, body: "not found")
        }
    }

    @Test func importsPlainJSONAndBase64AndRefusesBadAnswers() async throws {
        let plain = try String(contentsOfFile: Self.sample, encoding: .utf8)
        let base64 = try Data(contentsOf: URL(fileURLWithPath: Self.chromium2016)).base64EncodedString()
        let server = try await Self.server([
            "/plain.json": .respond(status: 200, headers: [("content-type", "application/json")], body: plain),
            "/list?format=TEXT": .respond(status: 200, headers: [("content-type", "text/plain")], body: base64),
            "/truncated.json": .respond(status: 200, body: String(plain.prefix(plain.count / 2))),
            "/garbage": .respond(status: 200, body: "<html><body>Service Unavailable</body></html>"),
            "/reset": .resetMidResponse,
        ])
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let store = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]

        let first = try HSTSQProcess.run(
            ["update", "--url", "\(base)/plain.json", "--label", "sample"],
            environment: env
        )
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported #1 sample"))

        let second = try HSTSQProcess.run(["update", "--url", "\(base)/list?format=TEXT", "--json"], environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        let imported = try StoreCommandTests.json(second.stdout)
        #expect(imported["imported"] as? Bool == true)
        let version = try #require(imported["version"] as? [String: Any])
        #expect(version["source"] as? String == "\(base)/list?format=TEXT")
        // The decoded list is byte for byte the file served: the same SHA-256 as importing the file.
        let fromFile = try HSTSQProcess.run(["import", Self.chromium2016], environment: env)
        #expect(fromFile.stdout.contains("unchanged"), "\(fromFile.stdout)")

        let again = try HSTSQProcess.run(["update", "--url", "\(base)/plain.json"], environment: env)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("unchanged: the list at \(base)/plain.json is already version #1"))

        let before = try HSTSQProcess.run(["versions", "--json"], environment: env).stdout
        let failures: [(path: String, message: String)] = [
            ("/truncated.json", "\(base)/truncated.json:"),
            ("/garbage", "the answer is neither a JSON list nor base64 of one; nothing was imported"),
            ("/missing.json", "HTTP 404 Not Found; nothing was imported"),
            ("/reset", "download failed"),
        ]
        for failure in failures {
            let result = try HSTSQProcess.run(["update", "--url", "\(base)\(failure.path)"], environment: env)
            #expect(result.status == 3, "\(failure.path): \(result.stdout)")
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(failure.path): \(result.stderr)")
            #expect(result.stderr.hasPrefix("hstsq: error: "))
            #expect(result.stderr.contains(failure.message), "\(failure.path): \(result.stderr)")
        }
        let after = try HSTSQProcess.run(["versions", "--json", "--verify"], environment: env)
        #expect(after.status == 0)
        #expect(after.stdout == before)
    }

    @Test func noServerIsAClearErrorAndChangesNothing() async throws {
        // A port that was just listening and is now closed: connection refused, as with no network.
        let server = try await Self.server([:])
        let port = server.port
        await server.stop()
        let store = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let result = try HSTSQProcess.run(
            ["update", "--url", "http://127.0.0.1:\(port)/list.json", "--timeout", "5"],
            environment: ["HSTSQ_STORE": store]
        )
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("hstsq: error: http://127.0.0.1:\(port)/list.json: download failed ("))
        #expect(result.stderr.contains("nothing was imported"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let versions = try HSTSQProcess.run(["versions"], environment: ["HSTSQ_STORE": store])
        #expect(versions.stdoutLines.count <= 1)
        #expect(!versions.stdout.contains("#1"))
    }

    @Test func refusesANonHTTPURL() throws {
        let result = try HSTSQProcess.run(["update", "--url", "file:///etc/passwd"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("--url must be an http or https URL"))
    }
}
